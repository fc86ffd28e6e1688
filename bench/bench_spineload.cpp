// spineload's rigid-body algorithms on the benchmark trees: ABA (forward dynamics), RNEA (inverse dynamics),
// CRBA (mass matrix) and one integrator step (semi-implicit Euler, RK4 = 4 forward dynamics).
#include <cstdio>
#include <map>
#include <utility>

#include "bench/bench_common.hpp"
#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/crba.hpp"
#include "engine/dynamics/integrator.hpp"
#include "engine/dynamics/rnea.hpp"

namespace spineload::bench {
namespace {

// Before timing: the three algorithms must agree with each other at the benchmark state, RNEA(ABA(τ)) = τ and
// M q̈ + RNEA(q, v, 0) = τ, to round-off. Returns an empty string when they do, else the numbers. The peers
// check ABA against MuJoCo and Simbody (bench_mujoco.cpp, bench_simbody.cpp).
std::string computeSelfCheck(const Problem& p) {
  Data d(p.model);
  aba(p.model, d, p.q, p.v, p.tau);
  const Eigen::VectorXd qdd = d.qdd;
  rnea(p.model, d, p.q, p.v, qdd);
  const double rnea_err = relativeDifference(p.tau, d.tau_id);
  rnea(p.model, d, p.q, p.v, Eigen::VectorXd::Zero(p.model.nv));
  const Eigen::VectorXd bias = d.tau_id;
  crba(p.model, d, p.q);
  const double crba_err = relativeDifference(p.tau, d.M * qdd + bias);
  if (rnea_err < 1e-9 && crba_err < 1e-9) return {};
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "spineload self-check failed: |RNEA(ABA(tau)) - tau| %.3g, |M qdd + C - tau| %.3g", rnea_err,
                crba_err);
  std::fprintf(stderr, "[check] %s %d bodies: %s\n", p.label.c_str(), p.model.nbodies(), buf);
  return buf;
}

// Once per (tree, size); ABA and the integrator steps (which call ABA) run only when it passes.
const std::string& selfCheck(const Problem& p) {
  static std::map<std::pair<std::string, int>, std::string> cache;
  const auto key = std::make_pair(p.label, p.model.nbodies());
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  return cache[key] = computeSelfCheck(p);
}

void BM_Aba(benchmark::State& state, TreeKind kind) {
  const Problem p = makeProblem(kind, static_cast<int>(state.range(0)));
  if (const std::string& err = selfCheck(p); !acceptCheck(state, err.empty(), err)) return;
  Data d(p.model);
  for (auto _ : state) {
    aba(p.model, d, p.q, p.v, p.tau);
    benchmark::DoNotOptimize(d.qdd.data());
    benchmark::ClobberMemory();
  }
  reportCounters(state, p.model);
}

void BM_Rnea(benchmark::State& state, TreeKind kind) {
  const Problem p = makeProblem(kind, static_cast<int>(state.range(0)));
  const Eigen::VectorXd qdd = referenceAcceleration(p);
  Data d(p.model);
  for (auto _ : state) {
    rnea(p.model, d, p.q, p.v, qdd);
    benchmark::DoNotOptimize(d.tau_id.data());
    benchmark::ClobberMemory();
  }
  reportCounters(state, p.model);
}

void BM_Crba(benchmark::State& state, TreeKind kind) {
  const Problem p = makeProblem(kind, static_cast<int>(state.range(0)));
  Data d(p.model);
  for (auto _ : state) {
    crba(p.model, d, p.q);
    benchmark::DoNotOptimize(d.M.data());
    benchmark::ClobberMemory();
  }
  reportCounters(state, p.model);
}

// One step(); every kStepsBeforeReset steps the initial state is restored (a copy of q and v, amortized to
// nothing), exactly as the MuJoCo step benchmarks do.
void stepBenchmark(benchmark::State& state, TreeKind kind, Integrator integrator) {
  const Problem p = makeProblem(kind, static_cast<int>(state.range(0)));
  if (const std::string& err = selfCheck(p); !acceptCheck(state, err.empty(), err)) return;
  Data d(p.model);
  d.q = p.q;
  d.v = p.v;
  d.tau = p.tau;
  long steps = 0;
  for (auto _ : state) {
    if (++steps == kStepsBeforeReset) {
      steps = 0;
      d.q = p.q;
      d.v = p.v;
    }
    step(p.model, d, kStepSeconds, integrator);
    benchmark::DoNotOptimize(d.q.data());
    benchmark::DoNotOptimize(d.v.data());
    benchmark::ClobberMemory();
  }
  reportCounters(state, p.model);
}

void BM_StepEuler(benchmark::State& state, TreeKind kind) {
  stepBenchmark(state, kind, Integrator::SemiImplicitEuler);
}
void BM_StepRk4(benchmark::State& state, TreeKind kind) {
  stepBenchmark(state, kind, Integrator::RK4);
}
// Linearly implicit Euler: one ABA with the force elements' Jacobian diagonals (none on these bare trees,
// so this times the step's own overhead over BM_StepEuler).
void BM_StepImplicit(benchmark::State& state, TreeKind kind) {
  stepBenchmark(state, kind, Integrator::ImplicitEuler);
}

BENCHMARK_CAPTURE(BM_Aba, chain, TreeKind::Chain)->Apply(chainSizes);
BENCHMARK_CAPTURE(BM_Rnea, chain, TreeKind::Chain)->Apply(chainSizes);
BENCHMARK_CAPTURE(BM_Crba, chain, TreeKind::Chain)->Apply(chainSizes);
BENCHMARK_CAPTURE(BM_StepEuler, chain, TreeKind::Chain)->Apply(chainSizes);
BENCHMARK_CAPTURE(BM_StepRk4, chain, TreeKind::Chain)->Apply(chainSizes);
BENCHMARK_CAPTURE(BM_StepImplicit, chain, TreeKind::Chain)->Apply(chainSizes);
BENCHMARK_CAPTURE(BM_Aba, tree, TreeKind::Tree)->Apply(treeSize);
BENCHMARK_CAPTURE(BM_Rnea, tree, TreeKind::Tree)->Apply(treeSize);
BENCHMARK_CAPTURE(BM_Crba, tree, TreeKind::Tree)->Apply(treeSize);
BENCHMARK_CAPTURE(BM_StepEuler, tree, TreeKind::Tree)->Apply(treeSize);
BENCHMARK_CAPTURE(BM_StepRk4, tree, TreeKind::Tree)->Apply(treeSize);
BENCHMARK_CAPTURE(BM_Aba, trunk, TreeKind::Trunk)->Apply(trunkModel);
BENCHMARK_CAPTURE(BM_Rnea, trunk, TreeKind::Trunk)->Apply(trunkModel);
BENCHMARK_CAPTURE(BM_Crba, trunk, TreeKind::Trunk)->Apply(trunkModel);
BENCHMARK_CAPTURE(BM_StepEuler, trunk, TreeKind::Trunk)->Apply(trunkModel);
BENCHMARK_CAPTURE(BM_StepImplicit, trunk, TreeKind::Trunk)->Apply(trunkModel);

}  // namespace
}  // namespace spineload::bench
