// One scenario end to end in memory: sampling, determinism, and the loads of a driven column against the
// analytic value m (g + a(t)) for a rigidly moving column (stiff springs, slow drive).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/gait/gait_spec.hpp"
#include "engine/run/run_scenario.hpp"

namespace spineload {
namespace {

ScenarioSpec spec(const std::string& extra) {
  return toScenarioSpec(
      parseScenarioText("[simulation]\nduration_s = 1.0\n" + extra, "test.toml", loadParameterTable()));
}

// The trunk held by joint torques alone (no muscles) at 1 ms: the checks of the rigid-body loads against the
// weight above by hand.
ScenarioSpec torqueSpec(const std::string& extra) {
  return toScenarioSpec(parseScenarioText(
      "[simulation]\nduration_s = 1.0\ndt_s = 0.001\n" + extra + "\n[control]\nactuators = \"torques\"\n",
      "test.toml", loadParameterTable()));
}

TEST(RunScenario, SamplesAtTheOutputRate) {
  const ScenarioSpec s = spec("output_rate_hz = 100\n");
  const RunResult r = runScenario(s, buildScenarioModel(s));
  ASSERT_EQ(r.time_s.size(), 101u);
  EXPECT_DOUBLE_EQ(r.time_s.back(), 1.0);
  EXPECT_EQ(r.levels.size(), 18u);
  EXPECT_EQ(r.levels[0].compression_n.size(), 101u);
  EXPECT_EQ(r.pelvis_position_m.size(), 303u);
}

// The overstride the gait generator derived is recorded as the value used (still a default); one set in the
// file is left as set; standing has none.
TEST(RunScenario, DerivedOverstrideIsRecorded) {
  auto overstride = [](const ScenarioSpec& s) {
    return std::get<double>(s.values.values.at("gait.overstride_m").value);
  };
  ScenarioSpec s = spec("");
  const TrunkModel t = buildScenarioModel(s);
  EXPECT_TRUE(std::isnan(overstride(s)));
  recordDerivedGait(t, s);
  EXPECT_DOUBLE_EQ(overstride(s), t.gait->grf.gait().overstride_m);
  EXPECT_GT(overstride(s), 0.05);  // a foot landing ahead of the mass, a fraction of the leg
  EXPECT_LT(overstride(s), 0.5 * s.subject.leg_length_m);
  EXPECT_FALSE(s.values.values.at("gait.overstride_m").set_in_file);
  EXPECT_TRUE(std::isnan(s.gait.overstride_m));  // the spec itself still leaves it to the generator
  ScenarioSpec set =
      toScenarioSpec(parseScenarioText("[gait]\noverstride_m = 0.3\n", "t.toml", loadParameterTable()));
  recordDerivedGait(buildScenarioModel(set), set);
  EXPECT_DOUBLE_EQ(overstride(set), 0.3);
  ScenarioSpec standing =
      toScenarioSpec(parseScenarioText("[gait]\nmode = \"standing\"\n", "t.toml", loadParameterTable()));
  recordDerivedGait(buildScenarioModel(standing), standing);
  EXPECT_TRUE(std::isnan(overstride(standing)));
}

TEST(RunScenario, IsDeterministic) {
  const ScenarioSpec s = spec("");
  const TrunkModel t = buildScenarioModel(s);
  const RunResult a = runScenario(s, t), b = runScenario(s, t);
  for (std::size_t i = 0; i < a.levels.size(); ++i)
    EXPECT_EQ(a.levels[i].compression_n, b.levels[i].compression_n);
  EXPECT_EQ(a.model_hash, b.model_hash);
}

TEST(RunScenario, LumbosacralLoadFollowsTheDrivenWeightAbove) {
  // With its posture held, the trunk moves with the pelvis almost rigidly: the force across L5-S1 (whatever
  // its split into compression and shear on the inclined disc) is m_above (g + z''(t)) with
  // z''(t) = -A ω² sin(ω t), up to the small deviations the posture controller lets through.
  const ScenarioSpec s =
      torqueSpec("[gait]\nmode = \"oscillation\"\nstep_frequency_hz = 2.5\nvertical_oscillation_m = 0.05\n");
  const TrunkModel t = buildScenarioModel(s);
  const RunResult r = runScenario(s, t);
  const Model& m = *t.model;
  double above = 0.0;
  for (int i = t.findLevel("L5_S1")->body; i < m.nbodies(); ++i) above += m.bodies[i].inertia.mass_kg;
  const double A = 0.025, w = 2.0 * M_PI * 2.5;
  const LevelSeries& l5 = r.levels.back();
  ASSERT_EQ(l5.level, "L5_S1");
  for (std::size_t k = 0; k < r.time_s.size(); k += 37) {
    const double expected = above * (9.81 - A * w * w * std::sin(w * r.time_s[k]));
    const double force = std::hypot(l5.compression_n[k], l5.shear_ap_n[k], l5.shear_ml_n[k]);
    EXPECT_NEAR(force, std::abs(expected), 0.01 * above * 9.81) << r.time_s[k];
  }
}

TEST(RunScenario, LyingUnloadsTheSpine) {
  // Supine on a support that carries every segment: the levels carry almost nothing (compression of the
  // order of newtons, against hundreds standing), which the disc model turns into swelling pressure only.
  const ScenarioSpec s = torqueSpec("output_rate_hz = 10\n[gait]\nmode = \"lying\"\n");
  const RunResult r = runScenario(s, buildScenarioModel(s));
  for (const LevelSeries& l : r.levels) {
    EXPECT_LT(std::abs(l.compression_n.back()), 1.0) << l.level;
    EXPECT_LT(std::abs(l.moment_fe_nm.back()), 0.1) << l.level;
  }
}

TEST(RunScenario, StandingHoldsThePostureUnderItsWeight) {
  const ScenarioSpec s = torqueSpec("output_rate_hz = 10\n[gait]\nmode = \"standing\"\n");
  const TrunkModel t = buildScenarioModel(s);
  const RunResult r = runScenario(s, t);
  double above = 0.0;  // everything but the pelvis rests on L5-S1
  for (int i = 1; i < t.model->nbodies(); ++i) above += t.model->bodies[i].inertia.mass_kg;
  const LevelSeries& l5 = r.levels.back();
  for (std::size_t k = 0; k < r.time_s.size(); ++k)
    EXPECT_NEAR(std::hypot(l5.compression_n[k], l5.shear_ap_n[k], l5.shear_ml_n[k]), above * 9.81,
                1e-6 * above)
        << r.time_s[k];
}

// Largest and RMS differences of every level's compression and flexion moment, as fractions of the
// reference's peaks.
struct SeriesError {
  double max_compression = 0.0, max_moment = 0.0, rms_compression = 0.0, rms_moment = 0.0;
};
SeriesError seriesError(const RunResult& a, const RunResult& ref) {
  double peak_force = 0.0, peak_moment = 0.0, sum_f = 0.0, sum_m = 0.0;
  SeriesError e;
  std::size_t count = 0;
  for (std::size_t l = 0; l < a.levels.size(); ++l)
    for (std::size_t k = 0; k < a.time_s.size(); ++k) {
      peak_force = std::max(peak_force, std::abs(ref.levels[l].compression_n[k]));
      peak_moment = std::max(peak_moment, std::abs(ref.levels[l].moment_fe_nm[k]));
      const double df = a.levels[l].compression_n[k] - ref.levels[l].compression_n[k];
      const double dm = a.levels[l].moment_fe_nm[k] - ref.levels[l].moment_fe_nm[k];
      e.max_compression = std::max(e.max_compression, std::abs(df));
      e.max_moment = std::max(e.max_moment, std::abs(dm));
      sum_f += df * df, sum_m += dm * dm, ++count;
    }
  e.max_compression /= peak_force;
  e.max_moment /= peak_moment;
  e.rms_compression = std::sqrt(sum_f / static_cast<double>(count)) / peak_force;
  e.rms_moment = std::sqrt(sum_m / static_cast<double>(count)) / peak_moment;
  return e;
}

TEST(RunScenario, DefaultStepAndControlRateMatchAFineReference) {
  // The default (implicit_euler at 0.5 ms, a static-optimization solve every second step: 1000 Hz), a
  // solve every step (2000 Hz), and a fine reference (0.05 ms, 4000 Hz), every level, half a second of
  // running.
  const auto run = [](const std::string& sim) {
    const ScenarioSpec s = toScenarioSpec(parseScenarioText(
        "[simulation]\nduration_s = 0.5\noutput_rate_hz = 200\nstability_rate_hz = 0\n" + sim, "test.toml",
        loadParameterTable()));
    return runScenario(s, buildScenarioModel(s));
  };
  const RunResult reference = run("dt_s = 0.00005\n[control]\nrate_hz = 4000\n");
  const RunResult every_step = run("[control]\nrate_hz = 2000\n");
  const RunResult default_run = run("");
  ASSERT_EQ(default_run.time_s.size(), reference.time_s.size());
  const SeriesError d = seriesError(default_run, reference), e = seriesError(every_step, reference);
  // Measured: largest 2.2 % of the peak compression and 3.4 % of the peak flexion moment (RMS 0.61 % and
  // 0.80 %), at the impact, where implicit Euler (first order) and the held activations lag most.
  EXPECT_LT(d.max_compression, 0.03);
  EXPECT_LT(d.max_moment, 0.10);
  EXPECT_LT(d.rms_compression, 0.01);
  // The control rate's justification (docs/muscles.md): solving every second step costs little next to
  // the step's own error. Measured RMS 0.61 / 0.58 % (compression), 0.80 / 0.90 % (moment).
  EXPECT_LT(d.rms_compression, 1.25 * e.rms_compression);
  EXPECT_LT(d.rms_moment, 1.25 * e.rms_moment);
  RecordProperty("max_compression_percent", std::to_string(100.0 * d.max_compression));
  RecordProperty("max_moment_fe_percent", std::to_string(100.0 * d.max_moment));
  RecordProperty("rms_compression_percent", std::to_string(100.0 * d.rms_compression));
  RecordProperty("rms_moment_fe_percent", std::to_string(100.0 * d.rms_moment));
  RecordProperty("every_step_rms_compression_percent", std::to_string(100.0 * e.rms_compression));
  RecordProperty("every_step_rms_moment_fe_percent", std::to_string(100.0 * e.rms_moment));
}

// A pelvis drive that breaks (returns NaN) after 50 ms: the run must stop with the time and the cause.
class BrokenDrive final : public PrescribedMotion {
 public:
  BaseKinematics at(double time_s) const override {
    BaseKinematics k;
    if (time_s > 0.05) k.a_WB_W.setConstant(std::nan(""));
    return k;
  }
  void appendParameters(std::vector<double>&) const override {}
};

TEST(RunScenario, NonFiniteStateIsReportedWithItsTime) {
  const ScenarioSpec s = spec("");
  TrunkModel t = buildScenarioModel(s);
  Model broken = *t.model;
  broken.prescribed_motion = std::make_shared<BrokenDrive>();
  t.model = std::make_shared<const Model>(std::move(broken));
  try {
    runScenario(s, t);
    FAIL() << "expected a SimulationError";
  } catch (const SimulationError& e) {
    EXPECT_NE(std::string(e.what()).find("the state diverged or became non-finite at t = 0.05"),
              std::string::npos)
        << e.what();
    // The quantity that blew up, named by its joint (its NaN may print as -nan, whatever the build).
    EXPECT_NE(std::string(e.what()).find("nan, joint of body '"), std::string::npos) << e.what();
  }
}

TEST(RunScenario, DivergenceIsCaughtWhileTheStateIsStillFinite) {
  // RK4 at 1 ms is unstable on the light shoulder girdles' damping (docs/benchmarks.md): it diverges.
  const ScenarioSpec s = spec("dt_s = 0.001\nintegrator = \"rk4\"\n[control]\nactuators = \"torques\"\n");
  try {
    runScenario(s, buildScenarioModel(s));
    FAIL() << "expected a SimulationError";
  } catch (const SimulationError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("the state diverged or became non-finite at t = "), std::string::npos) << m;
    EXPECT_NE(m.find("joint of body '"), std::string::npos) << m;
    EXPECT_EQ(m.find("nan"), std::string::npos) << m;  // stopped on the speed, before any overflow
    EXPECT_EQ(m.find("inf"), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace spineload
