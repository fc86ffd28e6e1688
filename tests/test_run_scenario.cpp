// One scenario end to end in memory: sampling, determinism, and the loads of a driven column against the
// analytic value m (g + a(t)) for a rigidly moving column (stiff springs, slow drive).
#include <gtest/gtest.h>

#include <cmath>

#include "engine/dynamics/joint_spring_damper.hpp"
#include "engine/dynamics/tree_builders.hpp"
#include "engine/run/run_scenario.hpp"

namespace spineload {
namespace {

ScenarioSpec spec(const std::string& extra) {
  return toScenarioSpec(
      parseScenarioText("[simulation]\nduration_s = 1.0\n" + extra, "test.toml", loadParameterTable()));
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

TEST(RunScenario, IsDeterministic) {
  const ScenarioSpec s = spec("");
  const TrunkModel t = buildScenarioModel(s);
  const RunResult a = runScenario(s, t), b = runScenario(s, t);
  for (std::size_t i = 0; i < a.levels.size(); ++i)
    EXPECT_EQ(a.levels[i].compression_n, b.levels[i].compression_n);
  EXPECT_EQ(a.model_hash, b.model_hash);
}

TEST(RunScenario, CompressionFollowsTheDrivenWeightAbove) {
  // With every joint neutral and a vertical drive, the column moves rigidly: each level carries
  // m_above (g + z''(t)) with z''(t) = -A ω² sin(ω t).
  const ScenarioSpec s = spec("[gait]\nstep_frequency_hz = 2.5\nvertical_oscillation_m = 0.05\n");
  const TrunkModel t = buildScenarioModel(s);
  const RunResult r = runScenario(s, t);
  const Model& m = *t.model;
  const int l5 = t.findLevel("L5_S1")->body;
  double above = 0.0;
  for (int i = l5; i < m.nbodies(); ++i) above += m.bodies[i].inertia.mass_kg;
  const double A = 0.025, w = 2.0 * M_PI * 2.5;
  const LevelSeries& series = r.levels.back();
  ASSERT_EQ(series.level, "L5_S1");
  for (std::size_t k = 0; k < r.time_s.size(); k += 37) {
    const double expected = above * (9.81 - A * w * w * std::sin(w * r.time_s[k]));
    EXPECT_NEAR(series.compression_n[k], expected, 1e-6 * above * 9.81) << r.time_s[k];
  }
}

TEST(RunScenario, NonFiniteStateIsReportedWithItsTime) {
  // A stiff slide (1e8 N/m on a 1.5 kg link) released 0.1 m from its spring rest position, stepped
  // explicitly at 10 ms: ωh ≈ 80, far past the stability limit; the state overflows within ~80 steps.
  // (A rotational spring cannot show this: its deflection wraps at π, which bounds the energy.)
  Model model = compileModel(makeChain(2, JointType::Prismatic, JointType::Prescribed));
  model.prescribed_motion = std::make_shared<VerticalSinusoid>(Mat3::Identity(), Vec3::Zero(), 0.0, 1.0);
  const SpringDof stiff{1e8, 0.0, 0.0};
  model.force_elements.push_back(std::make_shared<JointSpringDamper>(
      model, 1, std::array<SpringDof, 3>{stiff, stiff, stiff}, Eigen::Vector4d(0.1, 0.0, 0.0, 0.0)));
  TrunkModel trunk;
  trunk.model = std::make_shared<const Model>(std::move(model));
  trunk.levels = {{"L5_S1", 1}};
  const ScenarioSpec s = spec(
      "dt_s = 0.01\nintegrator = \"semi_implicit_euler\"\noutput_rate_hz = 100\n"
      "[output]\nlevels = [\"L5_S1\"]\n");
  try {
    runScenario(s, trunk);
    FAIL() << "expected a SimulationError";
  } catch (const SimulationError& e) {
    EXPECT_NE(std::string(e.what()).find("the state became non-finite at t = "), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace spineload
