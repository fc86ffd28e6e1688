// Helpers shared by the benchmark files: argument lists and the counters every benchmark reports.
#pragma once

#include <benchmark/benchmark.h>

#include <string>

#include "bench/bench_problem.hpp"

namespace spineload::bench {

/// Adds the chain sizes as arguments (n = bodies) and reports in microseconds.
inline void chainSizes(benchmark::internal::Benchmark* b) {
  for (int n : kChainSizes) b->Arg(n);
  b->Unit(benchmark::kMicrosecond);
}

/// The branched random tree at its one size.
inline void treeSize(benchmark::internal::Benchmark* b) {
  b->Arg(kTreeBodies)->Unit(benchmark::kMicrosecond);
}

/// The running trunk model (its body count as the argument, for the tables).
inline void trunkModel(benchmark::internal::Benchmark* b) {
  b->Arg(24)->Unit(benchmark::kMicrosecond);
}

/// The policy for a failed agreement check: skip the benchmark with the numbers (default), or, with
/// SPINELOAD_BENCH_TIME_UNCHECKED=1, time it anyway and mark the row with check_failed = 1.
/// Returns whether the benchmark may run.
inline bool acceptCheck(benchmark::State& state, bool ok, const std::string& text) {
  if (ok) return true;
  if (!timeUnchecked()) {
    state.SkipWithError(text.c_str());
    return false;
  }
  state.counters["check_failed"] = 1;
  return true;
}

/// The size counters on every row; the time column is the CPU time per call in microseconds (for the RK4
/// steps, per step of four force evaluations).
inline void reportCounters(benchmark::State& state, const Model& model) {
  state.counters["nbodies"] = model.nbodies();
  state.counters["nv"] = model.nv;
}

}  // namespace spineload::bench
