// The running pelvis motion (Fourier series of the stride), the transmissibility, the Euler-angle
// kinematics, the breathing cycle and the arm swing.
#include "engine/gait/running_motion.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/core/euler_kinematics.hpp"
#include "engine/core/rotation.hpp"
#include "engine/gait/arm_swing.hpp"
#include "engine/gait/breathing.hpp"
#include "engine/gait/gait_spec.hpp"
#include "engine/run/run_scenario.hpp"

namespace spineload {
namespace {

ScenarioSpec spec(const std::string& text) {
  return toScenarioSpec(parseScenarioText(text, "t.toml", loadParameterTable()));
}

std::shared_ptr<const RunningGait> plan(const std::string& text = "") {
  const ScenarioSpec s = spec(text);
  return planRunningGait(s.subject, s.gait, {2, 2}, Mat3::Identity());
}

TEST(RunningMotion, SeriesDerivativesAreConsistent) {
  const auto g = plan();
  const RunningPelvisMotion& m = *g->pelvis;
  const double h = 1e-6;
  for (double t : {0.013, 0.21, 0.47, 1.9}) {
    const BaseKinematics a = m.at(t - h), b = m.at(t), c = m.at(t + h);
    EXPECT_LT((c.p_WB_W - a.p_WB_W - 2 * h * b.v_WB_W).norm(), 1e-9) << t;
    EXPECT_LT((c.v_WB_W - a.v_WB_W - 2 * h * b.a_WB_W).norm(), 1e-5) << t;
    // Angular velocity: log(R(t+h) R(t-h)^T) / 2h in world coordinates.
    const Vec3 w = quatLog(Quat(c.R_WB * a.R_WB.transpose())) / (2 * h);
    EXPECT_LT((w - b.w_WB_W).norm(), 1e-7) << t;
    EXPECT_LT((c.w_WB_W - a.w_WB_W - 2 * h * b.dw_WB_W).norm(), 1e-6) << t;
  }
}

TEST(RunningMotion, MovesAtTheMeanSpeedAndIsPeriodic) {
  const auto g = plan("[gait]\nspeed_m_s = 3.5\n");
  const RunningPelvisMotion& m = *g->pelvis;
  const double T = g->grf.stridePeriod_s();
  const BaseKinematics a = m.at(0.3), b = m.at(0.3 + T);
  EXPECT_NEAR(b.p_WB_W.x() - a.p_WB_W.x(), 3.5 * T, 1e-9);
  EXPECT_NEAR(b.p_WB_W.z(), a.p_WB_W.z(), 1e-12);
  EXPECT_NEAR((b.a_WB_W - a.a_WB_W).norm(), 0.0, 1e-9);
  EXPECT_NEAR(m.meanVerticalAccelerationError(), 0.0, 1e-3) << "impulse balance of the sampled stride";
}

TEST(RunningMotion, CentreOfMassAccelerationIsForceOverMass) {
  // The truncated series reproduces GRF/m - g away from the stance's kinks (touchdown, take-off).
  const auto g = plan();
  const double m = g->grf.bodyMass_kg(), tc = g->grf.gait().contact_time_s;
  for (double t : {0.3 * tc, 0.5 * tc, 0.8 * tc}) {
    double ax, az, fx, fz;
    g->pelvis->comAcceleration(t, ax, az);
    g->grf.force(t, fx, fz);
    EXPECT_NEAR(az, fz / m - 9.81, 0.02 * 9.81) << t;
    EXPECT_NEAR(ax, fx / m, 0.02 * 9.81) << t;
  }
}

TEST(RunningMotion, TransmissibilityIsOneAtRestAndAttenuatesAboveRootTwo) {
  const TransmissionParams p{12.0, 0.7};
  EXPECT_NEAR(std::abs(transmissibility(0.0, p)), 1.0, 1e-15);
  const double wn = 2 * M_PI * 12.0;
  // Any damping: |H| = 1 exactly at r = √2, above 1 below it, below 1 above it.
  EXPECT_NEAR(std::abs(transmissibility(std::sqrt(2.0) * wn, p)), 1.0, 1e-12);
  EXPECT_GT(std::abs(transmissibility(wn, p)), 1.0);
  EXPECT_LT(std::abs(transmissibility(3 * wn, p)), 1.0);
  // The analytic magnitude sqrt(1 + (2ζr)²) / sqrt((1 - r²)² + (2ζr)²) at r = 2.
  const double r = 2.0, z = 0.7;
  EXPECT_NEAR(std::abs(transmissibility(r * wn, p)),
              std::sqrt(1 + 4 * z * z * r * r) / std::sqrt(std::pow(1 - r * r, 2) + 4 * z * z * r * r),
              1e-12);
}

TEST(RunningMotion, PelvisSeesTheImpactAttenuatedFromTheShank) {
  // The lower limb (m1) is stopped at a peak deceleration 2 Δv1/Δt1; the pelvis, on the upper body behind
  // the leg's spring-damper, sees far less. The ratio in dB is the model's shank-to-pelvis attenuation.
  const auto g = plan();
  const ImpactParams& p = g->grf.impact();
  const double shank = 2.0 * p.velocity_m_s / p.duration_s;
  double pelvis = 0.0;
  for (double t = 0.0; t < g->grf.gait().contact_time_s; t += 1e-4)
    pelvis = std::max(pelvis, std::abs(g->pelvis->at(t).a_WB_W.z()));
  EXPECT_LT(pelvis, shank);
  RecordProperty("shank_peak_m_s2", std::to_string(shank));
  RecordProperty("pelvis_peak_m_s2", std::to_string(pelvis));
  RecordProperty("attenuation_dB", std::to_string(20.0 * std::log10(pelvis / shank)));
}

TEST(RunningMotion, EulerKinematicsMatchFiniteDifferences) {
  const auto angles = [](double t) {
    return Vec3(0.3 * std::sin(2 * t), -0.2 * std::cos(3 * t), 0.5 * t * t);
  };
  const auto rates = [](double t) { return Vec3(0.6 * std::cos(2 * t), 0.6 * std::sin(3 * t), t); };
  const auto accels = [](double t) { return Vec3(-1.2 * std::sin(2 * t), 1.8 * std::cos(3 * t), 1.0); };
  const double t = 0.7, h = 1e-6;
  const EulerYXZKinematics a = eulerYXZ(angles(t - h), rates(t - h), accels(t - h));
  const EulerYXZKinematics b = eulerYXZ(angles(t), rates(t), accels(t));
  const EulerYXZKinematics c = eulerYXZ(angles(t + h), rates(t + h), accels(t + h));
  EXPECT_LT((quatLog(Quat(c.R * a.R.transpose())) / (2 * h) - b.omega).norm(), 1e-8);
  EXPECT_LT(((c.omega - a.omega) / (2 * h) - b.omega_dot).norm(), 1e-7);
  const Mat3 expected = Eigen::AngleAxisd(angles(t)[0], Vec3::UnitY()).toRotationMatrix() *
                        Eigen::AngleAxisd(angles(t)[1], Vec3::UnitX()).toRotationMatrix() *
                        Eigen::AngleAxisd(angles(t)[2], Vec3::UnitZ()).toRotationMatrix();
  EXPECT_LT((b.R - expected).norm(), 1e-15);
}

TEST(Breathing, CouplingParsesAndLocksToTheFootfalls) {
  EXPECT_EQ(parseBreathingCoupling("3:2").inhale_steps, 3);
  EXPECT_THROW(parseBreathingCoupling("2-2"), std::invalid_argument);
  EXPECT_THROW(parseBreathingCoupling("0:2"), std::invalid_argument);
  const double step = 0.36;
  const BreathingCycle b({3, 2}, step);
  EXPECT_NEAR(b.period_s(), 5 * step, 1e-15);
  EXPECT_NEAR(b.volumeFraction(0.0), 0.0, 1e-15);             // starts at end-expiration, right touchdown
  EXPECT_NEAR(b.volumeFraction(3 * step), 1.0, 1e-12);        // full at the third footfall
  EXPECT_NEAR(b.volumeFraction(5 * step + 1e-9), 0.0, 1e-8);  // and empty again after five
  EXPECT_TRUE(b.inhaling(step));
  EXPECT_FALSE(b.inhaling(3.5 * step));
  const double h = 1e-6;
  for (double t : {0.2, 1.3, 2.9})
    EXPECT_NEAR((b.volumeFraction(t + h) - b.volumeFraction(t - h)) / (2 * h), b.volumeRate(t), 1e-6);
}

TEST(Breathing, ScenarioKeyErrorsNameTheKey) {
  try {
    spec("[breathing]\ncoupling = \"2/2\"\n");
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.key(), "breathing.coupling") << e.what();
  }
}

TEST(ArmSwing, ArmsCounterRotateAndReferencesAreConsistent) {
  const ScenarioSpec s = spec("");
  const TrunkModel t = buildScenarioModel(s);
  const Model& model = *t.model;
  const ArmSwing arms(model, t.gait->arms, t.gait->grf.stridePeriod_s());
  for (double time : {0.0, 0.17, 0.4})
    EXPECT_NEAR(arms.flexion_rad(time, -1), -arms.flexion_rad(time, +1), 1e-12);
  Eigen::VectorXd q0 = model.q_neutral, q1 = q0, q2 = q0;
  Eigen::VectorXd v(model.nv), a(model.nv), v1(model.nv), a1(model.nv);
  const double time = 0.23, h = 1e-6;
  arms.apply(time - h, q0, v1, a1);
  arms.apply(time, q1, v, a);
  arms.apply(time + h, q2, v1, a1);
  const int r = model.findBody("arm_r");  // the swing drives the arms (shoulder girdles are their parents)
  ASSERT_GE(r, 0);
  const Body& b = model.bodies[r];
  const Quat qa = quatFromCoords(q0.segment<4>(b.q_index)), qc = quatFromCoords(q2.segment<4>(b.q_index));
  const Vec3 w_child = quatLog(qa.conjugate() * qc) / (2 * h);  // child-frame angular velocity
  EXPECT_GT(v.segment<3>(b.v_index).norm(), 0.1);               // the arm does swing at this time
  // The log of a near-identity quaternion carries ~1e-11 of round-off, which 1 / (2h) turns into ~5e-6.
  EXPECT_LT((w_child - v.segment<3>(b.v_index)).norm(), 2e-5);
  EXPECT_NEAR((v1[b.v_index + 1] - v[b.v_index + 1]) / h, a[b.v_index + 1],
              1e-3 * std::abs(a[b.v_index + 1]) + 1e-3);
}

TEST(RunningScenario, RunsWithTheExcitationRecorded) {
  const ScenarioSpec s = spec("[simulation]\nduration_s = 1.0\noutput_rate_hz = 1000\n");
  const TrunkModel t = buildScenarioModel(s);
  const RunResult r = runScenario(s, t);
  ASSERT_FALSE(r.breathing_volume_fraction.empty());
  EXPECT_EQ(r.grf_vertical_n.size(), r.time_s.size());
  // Over a whole stride (sampled at 1 kHz) the mean vertical force is body weight.
  const double T = t.gait->grf.stridePeriod_s(), bw = s.subject.body_mass_kg * 9.81;
  const std::size_t n = static_cast<std::size_t>(std::lround(T * 1000.0));
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) sum += r.grf_vertical_n[i];
  EXPECT_NEAR(sum / n / bw, 1.0, 0.01) << "one stride of " << n << " samples";
  for (const LevelSeries& l : r.levels) EXPECT_TRUE(std::isfinite(l.compression_n.back())) << l.level;
}

}  // namespace
}  // namespace spineload

namespace spineload {
namespace {

TEST(RunningScenario, MotionFileKeyDrivesThePelvisAndDropsTheGrf) {
  // gait.motion_file, relative to the scenario file's folder, replaces the generator's pelvis.
  const std::string dir = std::string(SPINELOAD_SOURCE_DIR) + "/tests/data/motion/";
  const ScenarioSpec s = toScenarioSpec(parseScenarioText(
      "[gait]\nmotion_file = \"run.mot\"\n[simulation]\nduration_s = 0.02\noutput_rate_hz = 100\n",
      dir + "scenario.toml", loadParameterTable()));
  EXPECT_EQ(s.gait.motion_file, dir + "run.mot");
  const TrunkModel t = buildScenarioModel(s);
  const RunResult r = runScenario(s, t);
  EXPECT_TRUE(r.grf_vertical_n.empty()) << "no force is known for a measured motion";
  // OpenSim pelvis_tx (forward) of the first row, 1.2 m, is the world x.
  EXPECT_NEAR(r.pelvis_position_m[0], 1.2, 1e-12);
  EXPECT_FALSE(r.breathing_volume_fraction.empty());
}

TEST(RunningScenario, StrideLengthAndStepFrequencyAreOneChoice) {
  const auto load = [](const std::string& keys) {
    return toScenarioSpec(parseScenarioText(keys, "t.toml", loadParameterTable()));
  };
  const ScenarioSpec a = load("[gait]\nspeed_m_s = 3.0\nstride_length_m = 2.4\n");
  EXPECT_NEAR(a.gait.step_frequency_hz, 2.5, 1e-12);  // 2 v / L
  const ScenarioSpec b = load("[gait]\nspeed_m_s = 3.0\n");
  EXPECT_NEAR(b.gait.step_frequency_hz, preferredStepFrequency_hz(3.0), 1e-12);
  EXPECT_NEAR(b.gait.stride_length_m, 6.0 / b.gait.step_frequency_hz, 1e-12);
  EXPECT_NO_THROW(load("[gait]\nspeed_m_s = 3.0\nstride_length_m = 2.4\nstep_frequency_hz = 2.5\n"));
  try {
    load("[gait]\nspeed_m_s = 3.0\nstride_length_m = 2.4\nstep_frequency_hz = 2.8\n");
    FAIL() << "disagreeing stride length and step frequency must be refused";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.key(), "gait.stride_length_m") << e.what();
    EXPECT_NE(std::string(e.what()).find("set only one"), std::string::npos) << e.what();
  }
  EXPECT_NEAR(b.subject.leg_length_m, 0.53 * b.subject.height_m, 1e-12);
}

}  // namespace
}  // namespace spineload
