// Helpers shared by the benchmark files: argument lists and the counters every benchmark reports.
#pragma once

#include <benchmark/benchmark.h>

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

/// nbodies, nv and us_per_call (CPU microseconds per call of the measured function, `calls_per_iteration`
/// calls per benchmark iteration) on the benchmark's row.
inline void reportCounters(benchmark::State& state, const Model& model, double calls_per_iteration = 1.0) {
  state.counters["nbodies"] = model.nbodies();
  state.counters["nv"] = model.nv;
  // kIsIterationInvariantRate|kInvert: time / (iterations * value); value = calls * 1e-6 gives µs per call.
  state.counters["us_per_call"] =
      benchmark::Counter(calls_per_iteration * 1e-6,
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace spineload::bench
