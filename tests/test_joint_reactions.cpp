// Joint reactions against hand calculation: a static chain carries at each joint the weight of everything
// above it, and the moment of that weight about the joint, in the child frame.
#include <gtest/gtest.h>

#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/rnea.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

constexpr double kG = 9.81;

TEST(JointReactions, UprightChainCarriesWeightAbove) {
  const int n = 20;
  const double m = 1.5;
  const Model model = compileModel(makeChain(n, JointType::Spherical, JointType::Fixed, 0.03, m));
  Data d(model);
  aba(model, d, model.q_neutral, Eigen::VectorXd::Zero(model.nv), Eigen::VectorXd::Zero(model.nv));
  EXPECT_LT(d.qdd.norm(), 1e-12) << "an upright balanced column is in equilibrium";
  jointReactions(model, d);
  for (int i = 0; i < n; ++i) {
    const double weight_above = (n - i) * m * kG;
    EXPECT_NEAR(d.f_joint[i][5], weight_above, 1e-9) << "parent pushes the child up (+z) at joint " << i;
    EXPECT_LT(d.f_joint[i].head<5>().norm(), 1e-9);
  }
}

TEST(JointReactions, TiltedStaticChainMatchesHandCalculation) {
  // A planar chain of hinges about y, held static by the torques RNEA says it needs (q̈ = 0, v = 0).
  const int n = 6;
  const double L = 0.1, m = 2.0;
  const Model model = compileModel(makeChain(n, JointType::Revolute, JointType::Revolute, L, m));
  Data d(model);
  Eigen::VectorXd q(n);
  q << 0.0, 0.3, -0.2, 0.5, 0.1, -0.4;
  rnea(model, d, q, Eigen::VectorXd::Zero(n), Eigen::VectorXd::Zero(n));
  // Hand calculation in the world: link k has its joint at o_k and centre of mass at o_k + R_k (0,0,L/2).
  std::vector<Vec3> o(n), c(n);
  std::vector<Mat3> R(n);
  double angle = 0.0;
  Vec3 origin = Vec3::Zero();
  for (int k = 0; k < n; ++k) {
    angle += q[k];
    R[k] = Eigen::AngleAxisd(angle, Vec3::UnitY()).toRotationMatrix();
    if (k > 0) origin += R[k - 1] * Vec3(0, 0, L);
    o[k] = origin;
    c[k] = o[k] + R[k] * Vec3(0, 0, L / 2);
  }
  for (int i = 0; i < n; ++i) {
    Vec3 force_W = Vec3::Zero(), moment_W = Vec3::Zero();
    for (int k = i; k < n; ++k) {
      const Vec3 support = m * kG * Vec3::UnitZ();  // what the parent must supply against gravity
      force_W += support;
      moment_W += (c[k] - o[i]).cross(support);
    }
    const Vec6& f = d.f_joint[i];  // child frame, about the joint centre
    EXPECT_LT((R[i] * f.tail<3>() - force_W).norm(), 1e-10) << i;
    EXPECT_LT((R[i] * f.head<3>() - moment_W).norm(), 1e-10) << i;
    EXPECT_NEAR(d.tau_id[i], f[1], 1e-12) << "the hinge torque is the y component of the moment";
  }
}

TEST(JointReactions, AcceleratingBaseAddsInertialLoad) {
  // Pelvis pushed upward at a: each joint carries m_above (g + a), as in a lift.
  const int n = 5;
  const double m = 1.0, a = 4.0;
  TreeDescription tree = makeChain(n, JointType::Spherical, JointType::Prescribed, 0.05, m);
  Model model = compileModel(tree);
  Data d(model);
  d.base.a_WB_W = Vec3(0, 0, a);
  aba(model, d, model.q_neutral.tail(model.nq), Eigen::VectorXd::Zero(model.nv),
      Eigen::VectorXd::Zero(model.nv));
  jointReactions(model, d);
  for (int i = 1; i < n; ++i) EXPECT_NEAR(d.f_joint[i][5], (n - i) * m * (kG + a), 1e-9);
}

TEST(JointReactions, ExternalForceIsCarriedDownTheChain) {
  // A 100 N downward push on the top link adds 100 N of compression at every joint below it.
  const int n = 8;
  const Model model = compileModel(makeChain(n, JointType::Spherical, JointType::Fixed, 0.03, 1.0));
  Data d(model);
  d.f_ext[n - 1] << 0, 0, 0, 0, 0, -100.0;
  aba(model, d, model.q_neutral, Eigen::VectorXd::Zero(model.nv), Eigen::VectorXd::Zero(model.nv));
  jointReactions(model, d);
  for (int i = 0; i < n; ++i) EXPECT_NEAR(d.f_joint[i][5], (n - i) * 1.0 * kG + 100.0, 1e-9);
}

}  // namespace
}  // namespace spineload
