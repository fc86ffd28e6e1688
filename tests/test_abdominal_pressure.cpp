// Intra-abdominal pressure as a force on the spine: the wrench of the pressure's rise on T12, and what it
// does to the lumbar levels by hand (a traction along the disc axes and an extensor moment of P A times the
// 7 cm lever in front of L4/L5, Morris 1961 / Chaffin, abdominal_pressure.toml).
#include <gtest/gtest.h>

#include <cmath>

#include "engine/control/muscle_controller.hpp"
#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/dynamics/rnea.hpp"
#include "engine/metrics/level_loads.hpp"
#include "engine/run/run_scenario.hpp"

namespace spineload {
namespace {

TrunkModel standingTrunk(const char* breathing) {
  const ScenarioSpec s = toScenarioSpec(parseScenarioText(
      std::string("[gait]\nmode = \"standing\"\n[breathing]\nmode = \"") + breathing + "\"\n", "s.toml",
      loadParameterTable()));
  return buildScenarioModel(s);
}

TEST(AbdominalPressure, ModelReadsItsDataAndPointsInFrontOfL4L5) {
  const TrunkModel t = standingTrunk("diaphragmatic");
  const AbdominalPressureModel& p = t.abdomen;
  ASSERT_EQ(p.diaphragm_body, t.model->findBody("T12"));
  EXPECT_NEAR(p.area_m2, 0.0465 * std::pow(1.741 / 1.75, 2), 1e-12);
  // The line of action (T12's axis through the point) passes the lever (0.07 m, scaled) in front of the
  // L4/L5 disc centre, measured along T12's anterior axis at the neutral posture.
  Data d(*t.model);
  forwardKinematics(*t.model, d, t.model->q_neutral, Eigen::VectorXd::Zero(t.model->nv));
  const Transform& X = d.X_world[p.diaphragm_body];
  const Vec3 point_W = X.r + X.E.transpose() * p.diaphragm_point_m;
  const Vec3 anterior_W = X.E.transpose() * Vec3::UnitX();
  EXPECT_NEAR((point_W - d.X_world[t.model->findBody("L4")].r).dot(anterior_W), 0.07 * 1.741 / 1.75, 1e-12);
  EXPECT_GT(standingTrunk("diaphragmatic").abdomen.breathing_swing_pa,
            standingTrunk("chest").abdomen.breathing_swing_pa);
}

// The pressure's rise on a held standing trunk: the lumbar levels lose compression and gain extension, by
// the statics of the applied force (joint reactions with and without it).
TEST(AbdominalPressure, RiseUnloadsAndExtendsTheLumbarSpine) {
  const TrunkModel t = standingTrunk("diaphragmatic");
  const Model& m = *t.model;
  const double rise_pa = 5000.0, force_n = rise_pa * t.abdomen.area_m2;
  const auto l4l5 = [&](bool with_pressure) {
    Data d(m);
    const Eigen::VectorXd zero = Eigen::VectorXd::Zero(m.nv);
    forwardKinematics(m, d, m.q_neutral, zero);
    if (with_pressure) {
      d.f_ext[t.abdomen.diaphragm_body].head<3>() = t.abdomen.diaphragm_point_m.cross(Vec3(0, 0, force_n));
      d.f_ext[t.abdomen.diaphragm_body].tail<3>() = Vec3(0, 0, force_n);
    }
    rnea(m, d, m.q_neutral, zero, zero);
    return levelLoad(m, d, m.q_neutral, t.findLevel("L4_L5")->body);
  };
  const LevelLoad without = l4l5(false), with = l4l5(true);
  // T12's axis and the L4/L5 disc's differ by the lordosis between them: the traction's share along the
  // L4/L5 axis is its cosine (about 0.9), and its moment about the disc centre is the lever's.
  EXPECT_LT(with.compression_n - without.compression_n, -0.85 * force_n);
  EXPECT_GT(with.compression_n - without.compression_n, -1.0 * force_n);
  EXPECT_LT(with.moment_fe_nm - without.moment_fe_nm, -0.8 * force_n * 0.07);
  EXPECT_GT(with.moment_fe_nm - without.moment_fe_nm, -1.2 * force_n * 0.07);
}

// The controller applies the rise above rest (the resting pressure is carried by the passive wall).
TEST(AbdominalPressure, ControllerAppliesTheRiseAboveRest) {
  const TrunkModel t = standingTrunk("diaphragmatic");
  MuscleController c(*t.model, t.muscles, t.abdomen, MuscleControlParams{}, nullptr, nullptr);
  Data d(*t.model);
  updatePrescribedBase(*t.model, d, 0.0);
  c.update(*t.model, d, 0.0);
  const Vec6 w = c.abdominalWrench();
  const double rise = c.abdominalPressurePa() - t.abdomen.rest_pa;
  EXPECT_GE(rise, 0.0);
  EXPECT_NEAR(w[5], rise * t.abdomen.area_m2, 1e-9);
  EXPECT_LT((w.head<3>() - t.abdomen.diaphragm_point_m.cross(w.tail<3>())).norm(), 1e-9);
}

// The QP's fixed sparsity pattern covers every nonzero of A on the full trunk (moment arms and the pressure
// muscles' columns), at rest and at a bent, moving posture: validate() checks A against it.
TEST(AbdominalPressure, ControllerQpPatternCoversItsMatrix) {
  const TrunkModel t = standingTrunk("diaphragmatic");
  MuscleControlParams params;
  params.control_rate_hz = 2000.0;  // a solve at each update below
  MuscleController c(*t.model, t.muscles, t.abdomen, params, nullptr, nullptr);
  Data d(*t.model);
  updatePrescribedBase(*t.model, d, 0.0);
  c.update(*t.model, d, 0.0);
  const BoxQpProblem& p = c.lastProblem();
  EXPECT_NO_THROW(p.validate(static_cast<int>(p.A.cols()), static_cast<int>(p.A.rows())));
  EXPECT_GT(p.pattern_row.size(), 0);
  EXPECT_LT(p.pattern_row.size(), p.A.size() / 2);  // sparse: the reason for the pattern
  for (int i = 0; i < t.model->nv; ++i) d.v[i] = 0.3 * std::sin(1.0 + i);
  for (int i = 0; i < t.model->nq; ++i) d.q[i] += 0.02 * std::cos(2.0 + i);
  normalizeQuaternions(*t.model, d.q);
  d.time_s = 0.0005;
  updatePrescribedBase(*t.model, d, d.time_s);
  c.update(*t.model, d, 0.0005);
  EXPECT_NO_THROW(c.lastProblem().validate(static_cast<int>(p.A.cols()), static_cast<int>(p.A.rows())));
}

}  // namespace
}  // namespace spineload
