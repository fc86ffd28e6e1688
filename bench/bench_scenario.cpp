// Whole-scenario cost: the running trunk model (24 bodies, disc hydration, load sampling), held by the
// muscles (the default: 190 fascicles, static optimization at 1000 Hz: every second 0.5 ms step, stability at
// 20 Hz) or by joint torques alone, for one stride, one second and ten seconds of running (the issue's "10 s
// scenario"). Counters: real-time factor (simulated seconds per wall second) and microseconds per time step.
#include <benchmark/benchmark.h>

#include <sstream>

#include "engine/run/run_scenario.hpp"

namespace spineload {
namespace {

// duration_s <= 0: one stride of the baseline cadence (2 / 2.745 steps/s = 0.7286 s, to the 0.5 ms step).
void runScenarioBenchmark(benchmark::State& state, double duration_s, const char* keys) {
  std::ostringstream text;
  text << "[simulation]\nduration_s = " << (duration_s > 0.0 ? duration_s : 0.7285)
       << "\noutput_rate_hz = 500\n"
       << keys;
  const ScenarioSpec spec = toScenarioSpec(parseScenarioText(text.str(), "bench.toml", loadParameterTable()));
  const TrunkModel trunk = buildScenarioModel(spec);
  for (auto _ : state) {
    RunResult r = runScenario(spec, trunk);
    benchmark::DoNotOptimize(r.time_s.data());
  }
  const double simulated_s = spec.simulation.n_steps * spec.simulation.dt_s;
  state.counters["real_time_factor"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * simulated_s, benchmark::Counter::kIsRate);
  state.counters["us_per_step"] =
      benchmark::Counter(1e6 * static_cast<double>(state.iterations()) * spec.simulation.n_steps / 1e6,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_ScenarioOneSecond(benchmark::State& state, const char* keys) {
  runScenarioBenchmark(state, 1.0, keys);
}
void BM_ScenarioOneStride(benchmark::State& state, const char* keys) {
  runScenarioBenchmark(state, 0.0, keys);
}
void BM_ScenarioTenSeconds(benchmark::State& state, const char* keys) {
  runScenarioBenchmark(state, 10.0, keys);
}

constexpr const char* kMuscles1ms = "dt_s = 0.001\n[control]\nrate_hz = 1000.0\n";
constexpr const char* kTorques =
    "integrator = \"implicit_euler\"\ndt_s = 0.001\n[control]\nactuators = \"torques\"\n";

BENCHMARK_CAPTURE(BM_ScenarioOneSecond, muscles_default, "")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScenarioOneSecond, muscles_no_stability, "stability_rate_hz = 0\n")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScenarioOneSecond, torques_implicit_1ms, kTorques)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScenarioOneStride, muscles_default, "")->Unit(benchmark::kMillisecond);
// One iteration: a 10 s scenario takes seconds; its spread is in docs/benchmarks.md.
BENCHMARK_CAPTURE(BM_ScenarioTenSeconds, muscles_default, "")->Unit(benchmark::kMillisecond)->Iterations(1);
// The coarser accuracy setting: 1 ms steps with a static-optimization solve every step (1000 Hz); its
// error against the fine reference is in docs/muscles.md (largest 3.4 % of the peak compression, RMS 1.1 %;
// the default 2.2 % and 0.6 %).
BENCHMARK_CAPTURE(BM_ScenarioTenSeconds, muscles_1ms, kMuscles1ms)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK_CAPTURE(BM_ScenarioTenSeconds, torques_implicit_1ms, kTorques)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
}  // namespace spineload
