// Load components at a level: frame and sign conventions (docs/loads.md).
#include <gtest/gtest.h>

#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/rnea.hpp"
#include "engine/metrics/level_loads.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

TEST(LevelLoads, PureAxialLoadReadsAsCompressionOnlyAtAnyPosture) {
  const Model model = compileModel(makeChain(2, JointType::Spherical, JointType::Fixed));
  Data d(model);
  std::mt19937_64 rng(4);
  for (int trial = 0; trial < 10; ++trial) {
    Eigen::VectorXd q, v;
    test::randomState(model, rng, q, v);
    // A 500 N push along the mid-disc axis, written in the upper body's frame: R_BM (0, 0, 500).
    const Quat joint = quatFromCoords(q.segment<4>(0));
    const Mat3 R_BM = quatExp(0.5 * quatLog(joint)).toRotationMatrix().transpose();
    d.f_joint[1] << Vec3::Zero(), R_BM * Vec3(0, 0, 500.0);
    const LevelLoad l = levelLoad(model, d, q, 1);
    EXPECT_NEAR(l.compression_n, 500.0, 1e-9);
    for (double x : {l.shear_ap_n, l.shear_ml_n, l.moment_fe_nm, l.moment_lb_nm, l.moment_ax_nm})
      EXPECT_NEAR(x, 0.0, 1e-9);
  }
}

TEST(LevelLoads, LeaningForwardLoadsInFlexionAndAnteriorShear) {
  // Upper body flexed 0.3 rad about +y (forward): gravity tends to flex it further and slide it forward.
  const Model model = compileModel(makeChain(3, JointType::Spherical, JointType::Fixed, 0.1, 2.0));
  Data d(model);
  Eigen::VectorXd q = model.q_neutral;
  quatToCoords(quatExp(Vec3(0.0, 0.3, 0.0)), q.segment<4>(0));
  rnea(model, d, q, Eigen::VectorXd::Zero(model.nv), Eigen::VectorXd::Zero(model.nv));  // held static
  const LevelLoad l = levelLoad(model, d, q, 1);
  EXPECT_GT(l.moment_fe_nm, 0.0);
  EXPECT_GT(l.shear_ap_n, 0.0);
  EXPECT_GT(l.compression_n, 0.0);
  // Hand calculation: weight W of the two upper links (4 kg), its lever arm about the joint.
  const double W = 4.0 * 9.81;
  const double lever_m = (2.0 * 0.05 + 2.0 * 0.15) / 4.0 * std::sin(0.3);  // links 0.1 m, CoM at mid-length
  EXPECT_NEAR(l.moment_fe_nm, W * lever_m, 1e-9);
  // The mid-disc frame is tilted by 0.15 rad: the weight splits into compression and shear there.
  EXPECT_NEAR(l.compression_n, W * std::cos(0.15), 1e-9);
  EXPECT_NEAR(l.shear_ap_n, W * std::sin(0.15), 1e-9);
  EXPECT_NEAR(l.moment_lb_nm, 0.0, 1e-12);
  EXPECT_NEAR(l.shear_ml_n, 0.0, 1e-12);
}

TEST(LevelLoads, BendingRightAndTwistingLeftArePositive) {
  const Model model = compileModel(makeChain(2, JointType::Spherical, JointType::Fixed, 0.1, 2.0));
  Data d(model);
  Eigen::VectorXd q = model.q_neutral;
  quatToCoords(quatExp(Vec3(0.2, 0.0, 0.0)), q.segment<4>(0));  // +x rotation: the top moves right (-y)
  rnea(model, d, q, Eigen::VectorXd::Zero(model.nv), Eigen::VectorXd::Zero(model.nv));
  EXPECT_GT(levelLoad(model, d, q, 1).moment_lb_nm, 0.0);
  d.f_joint[1] << 0, 0, -3.0, 0, 0, 0;  // the lower vertebra resists a left twist of the upper one
  EXPECT_NEAR(levelLoad(model, d, model.q_neutral, 1).moment_ax_nm, 3.0, 1e-12);
}

}  // namespace
}  // namespace spineload
