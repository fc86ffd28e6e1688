// The static-optimization QP (engine/muscles/box_qp.hpp) at the controller's size: cold solves, and
// warm-started solves along a simulated sequence (500 Hz control, torques varying at a 3 Hz stride), with
// A fixed or, as in the controller, with A's columns (active forces), the bounds (activations reachable
// in one period) and the torques all moving. One benchmark iteration = one solve, so the time column is the
// time per solve; counters: qp_iterations (face solves per solve), factorizations and rank_one_updates
// per solve, time_per_solve (the CPU time column again, printed as e.g. 24.9us).
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_common.hpp"
#include "engine/muscles/box_qp.hpp"
#include "tests/box_qp_problems.hpp"

namespace spineload::bench {
namespace {

constexpr double kControlRateHz = 500.0, kStrideHz = 3.0;
constexpr int kSequenceSteps = 500;  // one second of control

using test::muscleProblem;  // tests/box_qp_problems.hpp

// The simulated sequence: b_j(t) = b0_j (1 + ½ sin(2π f t + φ_j)); with `moving_a`, column i of A scaled
// by 1 + 0.1 sin(2π f t + ψ_i) (force–length–velocity). Precomputed, one problem per step, so that only
// the solve is timed.
struct Sequence {
  std::vector<BoxQpProblem> steps;
  Eigen::VectorXd floor, ceiling;
};

Sequence makeSequence(int n, int m, bool moving_a) {
  std::mt19937_64 rng(2024);
  const BoxQpProblem base = muscleProblem(n, m, rng);
  Sequence s{{}, base.lb, base.ub};
  std::uniform_real_distribution<double> phase(0.0, 2.0 * M_PI);
  Eigen::ArrayXd phi(m), psi(n);
  for (int j = 0; j < m; ++j) phi[j] = phase(rng);
  for (int i = 0; i < n; ++i) psi[i] = phase(rng);
  for (int k = 0; k < kSequenceSteps; ++k) {
    const double t = k / kControlRateHz;
    BoxQpProblem p = base;
    p.b = base.b.array() * (1.0 + 0.5 * (2.0 * M_PI * kStrideHz * t + phi).sin());
    if (moving_a) p.A = base.A * (1.0 + 0.1 * (2.0 * M_PI * kStrideHz * t + psi).sin()).matrix().asDiagonal();
    s.steps.push_back(std::move(p));
  }
  return s;
}

// Sums the stats of the timed solves into the counters.
struct Tally {
  double iterations = 0, factorizations = 0, updates = 0, solves = 0;
  bool all_converged = true;
  void add(const BoxQpStats& st) {
    iterations += st.iterations, factorizations += st.factorizations, updates += st.rank_one_updates;
    solves += 1;
    all_converged = all_converged && st.converged;
  }
  void report(benchmark::State& state, int n, int m) const {
    state.counters["n"] = n;
    state.counters["m"] = m;
    state.counters["qp_iterations"] = iterations / solves;
    state.counters["factorizations"] = factorizations / solves;
    state.counters["rank_one_updates"] = updates / solves;
    state.counters["time_per_solve"] =  // seconds per solve, printed as e.g. 24.9us
        benchmark::Counter(solves, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    if (!all_converged) state.counters["unconverged"] = 1;
  }
};

// Converged, with the projected gradient within 1e-9 of the gradient's scale ‖c‖∞ + ‖Aᵀ W b‖∞.
bool checkSolution(benchmark::State& state, const BoxQpProblem& p, const Eigen::VectorXd& x,
                   const BoxQpStats& st) {
  const double residual = boxQpKktResidual(p, x);
  const double scale =
      p.c.lpNorm<Eigen::Infinity>() + (p.A.transpose() * p.w.cwiseProduct(p.b)).lpNorm<Eigen::Infinity>();
  std::string text = "box QP not converged: kkt residual ";
  text += std::to_string(residual);
  return acceptCheck(state, st.converged && residual <= 1e-9 * (1.0 + scale), text);
}

// From x = 0 with no memory of a previous working set, every time.
void BM_BoxQpCold(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0)), m = static_cast<int>(state.range(1));
  std::mt19937_64 rng(2024);
  const BoxQpProblem p = muscleProblem(n, m, rng);
  BoxQpSolver solver(n, m);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
  if (!checkSolution(state, p, x, solver.solve(p, x))) return;
  Tally tally;
  for (auto _ : state) {
    x.setZero();
    solver.reset();
    tally.add(solver.solve(p, x));
    benchmark::DoNotOptimize(x.data());
  }
  tally.report(state, n, m);
}

// The sequence, warm-started from the previous step's solution; with range(2) = 1 A moves too and the
// bounds are the activations reachable in 2 ms around the previous solution (as in the controller).
void BM_BoxQpWarmSequence(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0)), m = static_cast<int>(state.range(1));
  const bool controller_like = state.range(2) != 0;
  Sequence s = makeSequence(n, m, controller_like);
  BoxQpSolver solver(n, m);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
  auto step = [&](int k) -> BoxQpProblem& {
    BoxQpProblem& p = s.steps[k % kSequenceSteps];
    if (controller_like) {
      p.lb = s.floor.cwiseMax((x.array() - 0.05).matrix()).cwiseMin(s.ceiling);
      p.ub = s.ceiling.cwiseMin((x.array() + 0.2).matrix());
    }
    return p;
  };
  for (int k = 0; k < kSequenceSteps; ++k) {  // one pass untimed: the cold start and a check of each step
    const BoxQpProblem& p = step(k);
    const BoxQpStats st = solver.solve(p, x);
    if (!checkSolution(state, p, x, st)) return;
  }
  Tally tally;
  int k = 0;
  for (auto _ : state) {
    tally.add(solver.solve(step(k++), x));
    benchmark::DoNotOptimize(x.data());
  }
  tally.report(state, n, m);
}

BENCHMARK(BM_BoxQpCold)->Args({100, 63})->Args({140, 63})->Args({160, 63})->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_BoxQpWarmSequence)
    ->ArgNames({"n", "m", "moving_A"})
    ->Args({140, 63, 0})
    ->Args({140, 63, 1})
    ->Args({160, 63, 1})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace spineload::bench
