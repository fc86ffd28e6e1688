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
#include "engine/control/muscle_controller.hpp"
#include "engine/dynamics/integrator.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/muscles/box_qp.hpp"
#include "engine/run/run_scenario.hpp"
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
void timeColdSolves(benchmark::State& state, const BoxQpProblem& p) {
  const int n = static_cast<int>(p.A.cols()), m = static_cast<int>(p.A.rows());
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

void BM_BoxQpCold(benchmark::State& state) {
  std::mt19937_64 rng(2024);
  timeColdSolves(state,
                 muscleProblem(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)), rng));
}

// The sequence, warm-started from the previous step's solution; with range(2) = 1 A moves too and the
// bounds are the activations reachable in 2 ms around the previous solution (as in the controller).
// One untimed cycle of `at(k, x)` for k < cycle (the cold start, each solution checked), then solves along
// at(0), at(1), … timed, each warm-started from the previous solution x (which `at` may read, as the
// controller's bounds do).
template <class At>
bool timeWarmSequence(benchmark::State& state, int n, int m, long cycle, At at) {
  BoxQpSolver solver(n, m);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
  for (long k = 0; k < cycle; ++k) {
    const BoxQpProblem& p = at(k, x);
    const BoxQpStats st = solver.solve(p, x);
    if (!checkSolution(state, p, x, st)) return false;
  }
  Tally tally;
  long k = 0;
  for (auto _ : state) {
    tally.add(solver.solve(at(k++, x), x));
    benchmark::DoNotOptimize(x.data());
  }
  tally.report(state, n, m);
  return true;
}

void BM_BoxQpWarmSequence(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0)), m = static_cast<int>(state.range(1));
  const bool controller_like = state.range(2) != 0;
  Sequence s = makeSequence(n, m, controller_like);
  timeWarmSequence(state, n, m, kSequenceSteps, [&](long k, const Eigen::VectorXd& x) -> const BoxQpProblem& {
    BoxQpProblem& p = s.steps[static_cast<std::size_t>(k % kSequenceSteps)];
    if (controller_like) {
      p.lb = s.floor.cwiseMax((x.array() - 0.05).matrix()).cwiseMin(s.ceiling);
      p.ub = s.ceiling.cwiseMin((x.array() + 0.2).matrix());
    }
    return p;
  });
}

// ---- The trunk model's own problems ----------------------------------------------------------------------

constexpr int kTrunkSteps = 200;         // solves: 0.2 s at the default 0.5 ms step and 1000 Hz control
constexpr int kTrunkSettleSteps = 1800;  // recorded after 0.9 s of running, past the start's transient

// The muscles' forces follow the state within a step, as in runScenario (engine/run/run_scenario.cpp).
struct MuscleStage final : StageForces {
  MuscleController* controller = nullptr;
  AlignedVector<Vec6> external;
  void apply(const Model& model, Data& d, double time_s, const Eigen::VectorXd& q,
             const Eigen::VectorXd& v) override {
    updatePrescribedBase(model, d, time_s);
    controller->applyAtState(model, d, q, v, external);
  }
  void addDampingDiagonal(Eigen::VectorXd& damping_diag) const override {
    controller->addDampingDiagonal(damping_diag);
  }
};

// The QPs the controller poses over 0.9-1.1 s of the default running scenario (190 fascicles, 63
// controlled DOFs, the pelvis's running motion; the posture hold tracks the neutral posture, without the
// arm swing and breathing references runScenario adds). Recorded once, in order.
const std::vector<BoxQpProblem>& trunkProblems() {
  static const std::vector<BoxQpProblem> problems = [] {
    const ScenarioSpec spec = toScenarioSpec(parseScenarioText("", "bench.toml", loadParameterTable()));
    const TrunkModel trunk = buildScenarioModel(spec);
    const Model& model = *trunk.model;
    MuscleControlParams params;
    params.control_rate_hz = spec.control.rate_hz;
    params.step_s = spec.simulation.dt_s;
    params.core_floor_activation = spec.muscles.core_stiffness;
    for (const char* arm : {"arm_l", "arm_r"}) params.torque_driven_bodies.push_back(model.findBody(arm));
    MuscleController controller(model, trunk.muscles, trunk.abdomen, params, nullptr, nullptr);
    MuscleStage stage;
    stage.controller = &controller;
    stage.external.assign(model.nbodies(), Vec6::Zero());
    Data d(model);
    std::vector<BoxQpProblem> out;
    // Only the steps that solve (every second one at the default rate) pose a new problem.
    for (int k = 0; out.size() < static_cast<std::size_t>(kTrunkSteps); ++k) {
      d.time_s = k * spec.simulation.dt_s;
      updatePrescribedBase(model, d, d.time_s);
      for (Vec6& f : d.f_ext) f.setZero();
      controller.update(model, d, k == 0 ? 0.0 : spec.simulation.dt_s);
      const BoxQpProblem& p = controller.lastProblem();
      if (k >= kTrunkSettleSteps && (out.empty() || p.b != out.back().b)) out.push_back(p);
      step(model, d, spec.simulation.dt_s, Integrator::ImplicitEuler, &stage);
    }
    return out;
  }();
  return problems;
}

// One of the recorded problems from x = 0 with no memory, every time (range(0): which).
void BM_BoxQpTrunkCold(benchmark::State& state) {
  timeColdSolves(state, trunkProblems()[static_cast<std::size_t>(state.range(0))]);
}

// The recorded sequence in order, each warm-started from the previous solution as in the controller, played
// forwards then backwards (no jump between the last problem and the first).
void BM_BoxQpTrunkWarmSequence(benchmark::State& state) {
  const std::vector<BoxQpProblem>& problems = trunkProblems();
  const int n = static_cast<int>(problems[0].A.cols()), m = static_cast<int>(problems[0].A.rows());
  const long period = 2L * kTrunkSteps - 2;
  const bool ok =
      timeWarmSequence(state, n, m, period, [&](long k, const Eigen::VectorXd&) -> const BoxQpProblem& {
        const long i = k % period;
        return problems[static_cast<std::size_t>(i < kTrunkSteps ? i : period - i)];
      });
  if (ok) state.counters["pattern_nonzeros"] = static_cast<double>(problems[0].pattern_row.size());
}

BENCHMARK(BM_BoxQpTrunkCold)->Arg(0)->Arg(kTrunkSteps - 1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_BoxQpTrunkWarmSequence)->Unit(benchmark::kMicrosecond);

BENCHMARK(BM_BoxQpCold)->Args({100, 63})->Args({140, 63})->Args({160, 63})->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_BoxQpWarmSequence)
    ->ArgNames({"n", "m", "moving_A"})
    ->Args({140, 63, 0})
    ->Args({140, 63, 1})
    ->Args({160, 63, 1})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace spineload::bench
