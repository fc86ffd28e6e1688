// Sweep throughput (docs/benchmarks.md, "Sweeps"): a grid sweep of short running scenarios through
// prepareSweep + runSweep (OpenMP over the points, one part file per point, then the merge) at 1 and 2
// threads, held by joint torques and by the muscles. Args: (threads, points). The time is wall clock (the
// threads are inside runSweep), the CPU column the whole process's.
//
// Counters: scenarios_per_second; for "memory flat in the number of scenarios" (compare 8 and 32 points):
// peak_rss_growth_mb (VmHWM after minus VmHWM before, the peak having been reset to the current RSS through
// /proc/self/clear_refs; hwm_not_reset = 1 where the kernel refuses that, and the growth is then over the
// earlier peak), rss_kept_mb, and heap_kept_mb / heap_kept_kb_per_scenario: the bytes still allocated
// (glibc mallinfo2, every arena) after the benchmark minus before, which allocator caching does not blur.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/sweep/sweep_runner.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

// A field of /proc/self/status in kB ("VmHWM", "VmRSS"); -1 if absent.
long statusKb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  return -1;
}

// Sets VmHWM back to the current RSS (Linux >= 4.0); false where that is not allowed.
bool resetPeakRss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5" << std::flush;
  return static_cast<bool>(clear);
}

// Bytes allocated through malloc and not freed, over every arena.
double heapInUse() {
  const struct mallinfo2 m = mallinfo2();
  return static_cast<double>(m.uordblks + m.hblkhd);
}

// The base scenario (1 s of running, no time series, every stride kept: 1 s holds one whole stride) and a
// grid of `points` points: two speeds times points / 2 thoracic kyphoses, so every point builds its own
// trunk model.
void writeSweepFiles(const fs::path& dir, const std::string& actuators, long points) {
  fs::create_directories(dir);
  std::ofstream(dir / "base.toml") << "[gait]\nmode = \"running\"\n"
                                   << actuators
                                   << "[simulation]\nduration_s = 1.0\ndrop_strides = 0\n"
                                      "[output]\ntime_series = false\n";
  std::ostringstream kyphosis;
  const long n = points / 2;
  for (long i = 0; i < n; ++i)
    kyphosis << (i ? ", " : "")
             << 25.0 + 30.0 * static_cast<double>(i) / static_cast<double>(n > 1 ? n - 1 : 1);
  std::ofstream(dir / "sweep.toml") << "base = \"base.toml\"\n[design]\nkind = \"grid\"\n"
                                       "[[axis]]\nkey = \"gait.speed_m_s\"\nvalues = [2.8, 3.2]\n"
                                       "[[axis]]\nkey = \"posture.thoracic_kyphosis_deg\"\nvalues = ["
                                    << kyphosis.str() << "]\n";
}

void BM_SweepThroughput(benchmark::State& state, const char* actuators) {
  const int threads = static_cast<int>(state.range(0));
  const long points = state.range(1);
  const fs::path dir =
      fs::temp_directory_path() /
      ("spineload_bench_sweep_" + std::to_string(::getpid()) + "_" + std::to_string(threads) + "_" +
       std::to_string(points) + "_" + std::to_string(actuators[0] != '\0'));
  fs::remove_all(dir);
  writeSweepFiles(dir, actuators, points);
  SweepRunOptions options;
  options.output = (dir / "sweep.h5").string();
  options.threads = threads;
  options.overwrite = true;

  const bool reset = resetPeakRss();
  const long rss_before = statusKb("VmRSS");
  const long hwm_before = statusKb("VmHWM");  // rss_before after the reset
  const double heap_before = heapInUse();
  for (auto _ : state) {
    const PreparedSweep sweep = prepareSweep((dir / "sweep.toml").string(), 1000000);
    const SweepOutcome outcome = runSweep(sweep, options);
    if (outcome.run != static_cast<std::size_t>(points) || outcome.failed != 0) {
      state.SkipWithError(("sweep ran " + std::to_string(outcome.run) + " of " + std::to_string(points) +
                           " points, " + std::to_string(outcome.failed) + " failed")
                              .c_str());
      break;
    }
  }
  const long hwm_after = statusKb("VmHWM");
  const long rss_after = statusKb("VmRSS");
  const double heap_kept = heapInUse() - heap_before;
  fs::remove_all(dir);

  const auto scenarios = static_cast<double>(state.iterations() * points);
  state.counters["scenarios_per_second"] = benchmark::Counter(scenarios, benchmark::Counter::kIsRate);
  state.counters["peak_rss_growth_mb"] = static_cast<double>(hwm_after - hwm_before) / 1024.0;
  state.counters["rss_kept_mb"] = static_cast<double>(rss_after - rss_before) / 1024.0;
  state.counters["heap_kept_mb"] = heap_kept / 1048576.0;
  if (scenarios > 0) state.counters["heap_kept_kb_per_scenario"] = heap_kept / 1024.0 / scenarios;
  if (!reset) state.counters["hwm_not_reset"] = 1;
}

// Few fixed iterations (the whole filter stays under a minute on 2 cores): a muscle point costs about
// 0.6 s, a torque point about 0.25 s (model, gait plan, simulation, part file, merge).
void sweepArgs(benchmark::internal::Benchmark* b) {
  b->ArgNames({"threads", "points"})->Args({1, 8})->Args({2, 8})->Args({2, 32});
  b->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);
}

BENCHMARK_CAPTURE(BM_SweepThroughput, torques, "[control]\nactuators = \"torques\"\n")
    ->Apply(sweepArgs)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_SweepThroughput, muscles, "")->Apply(sweepArgs)->Iterations(1);

}  // namespace
}  // namespace spineload
