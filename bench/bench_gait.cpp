// The running excitation's costs: planning a scenario's gait (spring-mass solve, stride GRF, Fourier
// series; once per scenario) and evaluating the pelvis motion (once per integrator stage).
#include <benchmark/benchmark.h>

#include "engine/gait/gait_spec.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {
namespace {

ScenarioSpec defaults() {
  return toScenarioSpec(parseScenarioText("", "bench.toml", loadParameterTable()));
}

void BM_RunningGaitPlan(benchmark::State& state) {
  const ScenarioSpec s = defaults();
  for (auto _ : state) {
    auto g = planRunningGait(s.subject, s.gait, {2, 2}, Mat3::Identity());
    benchmark::DoNotOptimize(g.get());
  }
}

void BM_RunningPelvisAt(benchmark::State& state) {
  const ScenarioSpec s = defaults();
  const auto g = planRunningGait(s.subject, s.gait, {2, 2}, Mat3::Identity());
  double t = 0.0;
  for (auto _ : state) {
    BaseKinematics k = g->pelvis->at(t);
    benchmark::DoNotOptimize(k.a_WB_W.data());
    t += 1e-3;
  }
}

BENCHMARK(BM_RunningGaitPlan)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RunningPelvisAt)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace spineload
