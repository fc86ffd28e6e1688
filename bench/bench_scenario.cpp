// Whole-scenario cost: the running trunk model (24 bodies, disc hydration, load sampling) for one simulated
// second, held by the muscles (the default: 190 fascicles, static optimization every step, stability at
// 20 Hz) or by joint torques alone. Counters: real-time factor (simulated seconds per wall second) and
// microseconds per time step.
#include <benchmark/benchmark.h>

#include "engine/run/run_scenario.hpp"

namespace spineload {
namespace {

void BM_ScenarioOneSecond(benchmark::State& state, const char* keys) {
  const ScenarioSpec spec = toScenarioSpec(
      parseScenarioText(std::string("[simulation]\nduration_s = 1.0\noutput_rate_hz = 500\n") + keys,
                        "bench.toml", loadParameterTable()));
  const TrunkModel trunk = buildScenarioModel(spec);
  for (auto _ : state) {
    RunResult r = runScenario(spec, trunk);
    benchmark::DoNotOptimize(r.time_s.data());
  }
  state.counters["real_time_factor"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["us_per_step"] =
      benchmark::Counter(1e6 * static_cast<double>(state.iterations()) * spec.simulation.n_steps / 1e6,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

BENCHMARK_CAPTURE(BM_ScenarioOneSecond, muscles_default, "")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScenarioOneSecond, muscles_no_stability, "stability_rate_hz = 0\n")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScenarioOneSecond, torques_implicit_1ms,
                  "integrator = \"implicit_euler\"\ndt_s = 0.001\n[control]\nactuators = \"torques\"\n")
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace spineload
