// Whole-scenario cost: the trunk model (22 bodies, posture controller, disc hydration, load sampling) for
// one simulated second, per integrator. Counters: real-time factor (simulated seconds per wall second) and
// microseconds per time step.
#include <benchmark/benchmark.h>

#include "engine/run/run_scenario.hpp"

namespace spineload {
namespace {

void BM_ScenarioOneSecond(benchmark::State& state, const char* integrator) {
  const ScenarioSpec spec = toScenarioSpec(
      parseScenarioText(std::string("[simulation]\nduration_s = 1.0\noutput_rate_hz = 500\nintegrator = \"") +
                            integrator + "\"\n",
                        "bench.toml", loadParameterTable()));
  const TrunkModel trunk = buildScenarioModel(spec);
  for (auto _ : state) {
    RunResult r = runScenario(spec, trunk);
    benchmark::DoNotOptimize(r.time_s.data());
  }
  state.counters["real_time_factor"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["us_per_step"] =
      benchmark::Counter(1e6 * static_cast<double>(state.iterations()) / 1000.0,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

BENCHMARK_CAPTURE(BM_ScenarioOneSecond, rk4, "rk4")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScenarioOneSecond, implicit_euler, "implicit_euler")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace spineload
