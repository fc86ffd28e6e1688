// The static-optimization QP (engine/muscles/box_qp.hpp): the KKT conditions with sign-correct
// multipliers on many random problems, agreement with a brute-force enumeration of faces on small ones,
// warm start = cold start, closed forms, degenerate bounds, and few iterations along a slowly varying
// sequence such as a simulation produces.
#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "engine/muscles/box_qp.hpp"
#include "tests/box_qp_problems.hpp"

namespace spineload {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A general problem: A with the given fraction of nonzeros, entries N(0, 1); d in [0.1, 10]; w log-uniform
// in [0.1, 100] (times `weight`); bounds of every kind (box, equal, one-sided, none), chosen at random.
BoxQpProblem randomProblem(int n, int m, std::mt19937_64& rng, double density = 0.5, double weight = 1.0) {
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  std::normal_distribution<double> normal(0.0, 1.0);
  BoxQpProblem p;
  p.A = Eigen::MatrixXd::Zero(m, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < m; ++j)
      if (uni(rng) < density) p.A(j, i) = normal(rng);
  p.d.resize(n), p.c.resize(n), p.lb.resize(n), p.ub.resize(n), p.b.resize(m), p.w.resize(m);
  for (int i = 0; i < n; ++i) {
    p.d[i] = 0.1 + 9.9 * uni(rng);
    p.c[i] = 2.0 * normal(rng);
    const double kind = uni(rng), lo = -1.0 + 1.5 * uni(rng);
    p.lb[i] = kind < 0.9 ? lo : (kind < 0.95 ? -kInf : lo);
    p.ub[i] = kind < 0.7 ? lo + 1.5 * uni(rng) : (kind < 0.8 ? lo : kInf);
  }
  for (int j = 0; j < m; ++j) {
    p.b[j] = 3.0 * normal(rng);
    p.w[j] = weight * std::exp(std::log(0.1) + std::log(1000.0) * uni(rng));
  }
  return p;
}

using test::muscleProblem;  // tests/box_qp_problems.hpp

Eigen::MatrixXd hessian(const BoxQpProblem& p) {
  Eigen::MatrixXd H = p.A.transpose() * p.w.asDiagonal() * p.A;
  H.diagonal() += p.d;
  return H;
}

// The KKT conditions checked independently of the solver: x feasible (fixed variables exactly on their
// bound) and, with g = H x + c − Aᵀ W b, g_i ≈ 0 strictly inside, g_i ≥ 0 on a lower bound, ≤ 0 on an upper
// one. Returns the worst violation relative to g_i's round-off scale |c_i| + d_i|x_i| + |a_i|ᵀ W (|A||x| +
// |b|) (an infeasible x returns inf).
double kktViolation(const BoxQpProblem& p, const Eigen::VectorXd& x) {
  const Eigen::VectorXd g = p.d.cwiseProduct(x) + p.c + p.A.transpose() * (p.w.cwiseProduct(p.A * x - p.b));
  const Eigen::VectorXd u = p.w.cwiseProduct(p.A.cwiseAbs() * x.cwiseAbs() + p.b.cwiseAbs());
  const Eigen::VectorXd scale =
      p.c.cwiseAbs() + p.d.cwiseProduct(x.cwiseAbs()) + p.A.cwiseAbs().transpose() * u;
  double worst = 0.0;
  for (int i = 0; i < x.size(); ++i) {
    if (!(x[i] >= p.lb[i] && x[i] <= p.ub[i])) return kInf;
    double violation = std::abs(g[i]);  // free
    if (p.lb[i] == p.ub[i])
      violation = 0.0;
    else if (x[i] == p.lb[i])
      violation = std::max(-g[i], 0.0);
    else if (x[i] == p.ub[i])
      violation = std::max(g[i], 0.0);
    worst = std::max(worst, violation / std::max(scale[i], 1e-300));
  }
  return worst;
}

// Every assignment of each variable to its lower bound, upper bound or the free set (3ⁿ faces): the
// face's minimizer from the dense normal equations; the best feasible one is the optimum, since the
// optimum is its own face's minimizer and every other face's minimizer costs at least as much.
Eigen::VectorXd bruteForce(const BoxQpProblem& p) {
  const int n = static_cast<int>(p.d.size());
  const Eigen::MatrixXd H = hessian(p);
  const Eigen::VectorXd q = p.c - p.A.transpose() * p.w.cwiseProduct(p.b);  // objective ½xᵀHx + qᵀx + const
  Eigen::VectorXd best;
  double best_objective = kInf;
  int faces = 1;
  for (int i = 0; i < n; ++i) faces *= 3;
  for (int face = 0; face < faces; ++face) {
    Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
    std::vector<int> free;
    bool valid = true;
    for (int i = 0, code = face; i < n; ++i, code /= 3) {
      if (code % 3 == 2)
        free.push_back(i);
      else
        x[i] = code % 3 == 0 ? p.lb[i] : p.ub[i];
      valid = valid && std::isfinite(x[i]);
    }
    if (!valid) continue;
    const int nf = static_cast<int>(free.size());
    Eigen::MatrixXd Hff(nf, nf);
    Eigen::VectorXd rhs(nf);
    const Eigen::VectorXd Hx = H * x;
    for (int a = 0; a < nf; ++a) {
      rhs[a] = -q[free[a]] - Hx[free[a]];
      for (int b = 0; b < nf; ++b) Hff(a, b) = H(free[a], free[b]);
    }
    const Eigen::VectorXd xf = Hff.llt().solve(rhs);
    for (int a = 0; a < nf; ++a) {
      const int i = free[a];
      const double slack = 1e-12 * (1.0 + std::abs(xf[a]));
      valid = valid && xf[a] >= p.lb[i] - slack && xf[a] <= p.ub[i] + slack;
      x[i] = std::min(std::max(xf[a], p.lb[i]), p.ub[i]);
    }
    if (!valid) continue;
    const double objective = boxQpObjective(p, x);
    if (objective < best_objective) best_objective = objective, best = x;
  }
  return best;
}

double relativeDifference(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return (a - b).lpNorm<Eigen::Infinity>() / std::max(1.0, b.lpNorm<Eigen::Infinity>());
}

// A zero start inside the bounds where they allow it.
Eigen::VectorXd coldStart(const BoxQpProblem& p) {
  return Eigen::VectorXd::Zero(p.d.size()).cwiseMax(p.lb).cwiseMin(p.ub);
}

TEST(BoxQp, KktConditionsHoldOnRandomProblems) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> size_n(1, 60), size_m(0, 40);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = size_n(rng), m = size_m(rng);
    const double density = trial % 3 == 0 ? 1.0 : 0.3;
    const double weight = trial % 5 == 0 ? 1e4 : 1.0;  // stiff reserves: M ill-conditioned
    const BoxQpProblem p = randomProblem(n, m, rng, density, weight);
    BoxQpSolver solver(n, m);
    Eigen::VectorXd x = coldStart(p);
    const BoxQpStats stats = solver.solve(p, x, 1000);
    ASSERT_TRUE(stats.converged) << "trial " << trial << " n " << n << " m " << m;
    EXPECT_LT(kktViolation(p, x), 1e-9) << "trial " << trial;
  }
}

TEST(BoxQp, KktConditionsHoldOnMuscleLikeProblems) {
  std::mt19937_64 rng(12);
  for (double weight : {1.0, 100.0, 1e4}) {
    for (int trial = 0; trial < 10; ++trial) {
      const BoxQpProblem p = muscleProblem(140, 63, rng, weight);
      BoxQpSolver solver(140, 63);
      Eigen::VectorXd x = Eigen::VectorXd::Zero(140);
      const BoxQpStats stats = solver.solve(p, x, 1000);
      ASSERT_TRUE(stats.converged) << "w " << weight << " trial " << trial;
      EXPECT_LT(kktViolation(p, x), 1e-9) << "w " << weight << " trial " << trial;
    }
  }
}

TEST(BoxQp, MatchesBruteForceEnumerationOfFaces) {
  std::mt19937_64 rng(13);
  std::uniform_int_distribution<int> size_n(1, 8), size_m(0, 6);
  for (int trial = 0; trial < 200; ++trial) {
    const int n = size_n(rng), m = size_m(rng);
    const BoxQpProblem p = randomProblem(n, m, rng, trial % 2 ? 1.0 : 0.5);
    const Eigen::VectorXd expected = bruteForce(p);
    ASSERT_EQ(expected.size(), n);
    BoxQpSolver solver(n, m);
    Eigen::VectorXd x = coldStart(p);
    ASSERT_TRUE(solver.solve(p, x).converged) << "trial " << trial;
    EXPECT_LT(relativeDifference(x, expected), 1e-9) << "trial " << trial << "\n"
                                                     << x.transpose() << "\n"
                                                     << expected.transpose();
  }
}

// Along a random walk of problems (every field perturbed), the warm-started solver returns what a fresh
// one returns from zero.
TEST(BoxQp, WarmStartGivesTheColdStartAnswer) {
  std::mt19937_64 rng(14);
  std::normal_distribution<double> normal(0.0, 1.0);
  BoxQpProblem p = muscleProblem(140, 63, rng);
  BoxQpSolver warm(140, 63);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(140);
  for (int step = 0; step < 60; ++step) {
    for (int j = 0; j < 63; ++j) p.b[j] += 4.0 * normal(rng);
    for (int i = 0; i < 140; ++i) {
      p.A.col(i) *= 1.0 + 0.02 * normal(rng);  // forces follow fibre length and velocity
      p.lb[i] = std::max(0.0, p.lb[i] + 0.01 * normal(rng));
      p.ub[i] = std::max(p.lb[i], std::min(1.0, p.ub[i] + 0.05 * normal(rng)));
      p.d[i] = 2.0 + 0.5 * std::abs(normal(rng));
      p.c[i] = 0.1 * normal(rng);
    }
    const BoxQpStats warm_stats = warm.solve(p, x);
    BoxQpSolver cold(140, 63);
    Eigen::VectorXd y = Eigen::VectorXd::Zero(140);
    const BoxQpStats cold_stats = cold.solve(p, y);
    ASSERT_TRUE(warm_stats.converged && cold_stats.converged) << "step " << step;
    EXPECT_LT(relativeDifference(x, y), 1e-9) << "step " << step;
  }
}

// A fixed sparsity pattern (the controller's moment-arm pattern, with a few explicit zeros inside it) reads
// the same nonzeros in the same order as scanning A: the same answer to the last bit, cold and warm.
TEST(BoxQp, SparsityPatternGivesTheScannedAnswer) {
  std::mt19937_64 rng(41);
  BoxQpProblem p = test::muscleProblem(120, 45, rng);
  std::vector<int> start{0}, rows;
  for (int i = 0; i < p.A.cols(); ++i) {
    for (int j = 0; j < p.A.rows(); ++j)
      if (p.A(j, i) != 0.0 || (i + j) % 17 == 0) rows.push_back(j);  // (i + j) % 17: explicit zeros
    start.push_back(static_cast<int>(rows.size()));
  }
  BoxQpProblem with = p;
  with.pattern_start = Eigen::Map<Eigen::VectorXi>(start.data(), static_cast<Eigen::Index>(start.size()));
  with.pattern_row = Eigen::Map<Eigen::VectorXi>(rows.data(), static_cast<Eigen::Index>(rows.size()));
  EXPECT_NO_THROW(with.validate(120, 45));
  BoxQpSolver scanned(120, 45), patterned(120, 45);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(120), y = x;
  for (int k = 0; k < 3; ++k) {  // a warm sequence: b drifts
    const BoxQpStats a = scanned.solve(p, x), b = patterned.solve(with, y);
    EXPECT_TRUE(a.converged && b.converged);
    EXPECT_EQ(a.iterations, b.iterations);
    EXPECT_EQ((x - y).cwiseAbs().maxCoeff(), 0.0) << "solve " << k;
    p.b *= 1.01, with.b *= 1.01;
  }
  // A nonzero outside the pattern is named by validate().
  int outside = 0;
  while (std::find(rows.begin() + start[3], rows.begin() + start[4], outside) != rows.begin() + start[4])
    ++outside;
  ASSERT_LT(outside, 45);
  with.A(outside, 3) = 1.0;
  try {
    with.validate(120, 45);
    ADD_FAILURE() << "validate accepted a nonzero outside the pattern";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("outside pattern_row"), std::string::npos) << e.what();
  }
}

TEST(BoxQp, WithoutCouplingTheAnswerIsTheClippedNewtonStep) {
  std::mt19937_64 rng(15);
  for (int m : {0, 4}) {
    BoxQpProblem p = randomProblem(30, m, rng);
    p.A.setZero();
    BoxQpSolver solver(30, m);
    Eigen::VectorXd x = coldStart(p);
    ASSERT_TRUE(solver.solve(p, x).converged);
    for (int i = 0; i < 30; ++i)
      EXPECT_EQ(x[i], std::min(std::max(-p.c[i] / p.d[i], p.lb[i]), p.ub[i])) << "m " << m << " i " << i;
  }
}

// n = m = 1: x = clip((w a b − c) / (d + w a²)), for targets that leave x inside, below and above.
TEST(BoxQp, ScalarProblemHasItsClosedForm) {
  BoxQpProblem p;
  p.d = Eigen::VectorXd::Constant(1, 2.0);
  p.c = Eigen::VectorXd::Constant(1, 0.1);
  p.lb = Eigen::VectorXd::Constant(1, 0.02);
  p.ub = Eigen::VectorXd::Constant(1, 0.8);
  p.A = Eigen::MatrixXd::Constant(1, 1, 30.0);
  p.w = Eigen::VectorXd::Constant(1, 0.5);
  p.b = Eigen::VectorXd::Zero(1);
  BoxQpSolver solver(1, 1);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(1);
  for (double target : {-10.0, 0.0, 5.0, 12.0, 40.0, 5.0}) {
    p.b[0] = target;
    ASSERT_TRUE(solver.solve(p, x).converged);
    const double expected = (0.5 * 30.0 * target - 0.1) / (2.0 + 0.5 * 900.0);
    EXPECT_NEAR(x[0], std::min(std::max(expected, 0.02), 0.8), 1e-15) << "b " << target;
  }
}

TEST(BoxQp, WithoutBoundsTheAnswerSolvesTheNormalEquations) {
  std::mt19937_64 rng(16);
  BoxQpProblem p = randomProblem(40, 20, rng);
  p.lb.setConstant(-kInf);
  p.ub.setConstant(kInf);
  const Eigen::VectorXd expected = hessian(p).llt().solve(p.A.transpose() * p.w.cwiseProduct(p.b) - p.c);
  BoxQpSolver solver(40, 20);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(40);
  const BoxQpStats stats = solver.solve(p, x);
  ASSERT_TRUE(stats.converged);
  EXPECT_EQ(stats.iterations, 1);
  EXPECT_LT(relativeDifference(x, expected), 1e-12);
}

TEST(BoxQp, EqualBoundsFixTheirVariables) {
  std::mt19937_64 rng(17);
  BoxQpProblem p = randomProblem(20, 10, rng);
  p.ub = p.lb;  // every variable fixed
  BoxQpSolver solver(20, 10);
  Eigen::VectorXd x = Eigen::VectorXd::Constant(20, 3.0);
  BoxQpStats stats = solver.solve(p, x);
  ASSERT_TRUE(stats.converged);
  EXPECT_EQ(stats.iterations, 1);
  EXPECT_EQ(x, p.lb);
  // Half of them fixed: the rest as if the fixed ones were constants.
  p = randomProblem(8, 5, rng);
  for (int i = 0; i < 8; i += 2) p.ub[i] = p.lb[i];
  x = coldStart(p);
  BoxQpSolver small(8, 5);
  ASSERT_TRUE(small.solve(p, x).converged);
  EXPECT_LT(relativeDifference(x, bruteForce(p)), 1e-9);
  for (int i = 0; i < 8; i += 2) EXPECT_EQ(x[i], p.lb[i]);
}

// Identical variables block at the same step and must be fixed together.
TEST(BoxQp, TiedVariablesAndDuplicateColumns) {
  std::mt19937_64 rng(18);
  BoxQpProblem p = randomProblem(12, 6, rng, 1.0);
  for (int i = 1; i < 12; i += 2) {
    p.A.col(i) = p.A.col(i - 1);
    p.d[i] = p.d[i - 1], p.c[i] = p.c[i - 1], p.lb[i] = p.lb[i - 1], p.ub[i] = p.ub[i - 1];
  }
  BoxQpSolver solver(12, 6);
  Eigen::VectorXd x = coldStart(p);
  ASSERT_TRUE(solver.solve(p, x).converged);
  EXPECT_LT(kktViolation(p, x), 1e-9);
  for (int i = 1; i < 12; i += 2) EXPECT_NEAR(x[i], x[i - 1], 1e-12);
}

// A simulation's sequence: torques varying at the stride frequency, solved at 500 Hz, warm-started.
TEST(BoxQp, SlowlyVaryingSequenceNeedsFewIterations) {
  std::mt19937_64 rng(19);
  BoxQpProblem p = muscleProblem(140, 63, rng);
  const Eigen::VectorXd b0 = p.b;
  std::uniform_real_distribution<double> phase(0.0, 6.283);
  Eigen::VectorXd phases(63);
  for (int j = 0; j < 63; ++j) phases[j] = phase(rng);
  BoxQpSolver solver(140, 63);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(140);
  int total = 0, worst = 0;
  const int steps = 500;
  for (int k = 0; k <= steps; ++k) {
    const double t = k / 500.0;
    for (int j = 0; j < 63; ++j) p.b[j] = b0[j] * (1.0 + 0.5 * std::sin(2.0 * M_PI * 3.0 * t + phases[j]));
    const BoxQpStats stats = solver.solve(p, x);
    ASSERT_TRUE(stats.converged) << "step " << k;
    if (k == 0) continue;  // the cold start
    total += stats.iterations;
    worst = std::max(worst, stats.iterations);
    EXPECT_EQ(stats.factorizations, 1) << "step " << k;
  }
  EXPECT_LT(total, 2.5 * steps);  // (measured: 1.76 per solve, at most 4)
  EXPECT_LE(worst, 6);
}

// The controller's bounds move with the activations every step: the previous solution's bound variables
// follow their bounds, so the warm start stays one face solve away.
TEST(BoxQp, WarmStartFollowsMovingBounds) {
  std::mt19937_64 rng(20);
  BoxQpProblem p = muscleProblem(140, 63, rng);
  BoxQpSolver solver(140, 63);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(140);
  ASSERT_TRUE(solver.solve(p, x).converged);
  for (int step = 0; step < 20; ++step) {
    p.lb = (p.lb.array() * 0.95).matrix();  // floors fall, ceilings rise
    p.ub = (p.ub.array() * 1.01).min(1.0).matrix();
    const BoxQpStats stats = solver.solve(p, x);
    ASSERT_TRUE(stats.converged);
    EXPECT_LE(stats.iterations, 4) << "step " << step;
    BoxQpSolver cold(140, 63);
    Eigen::VectorXd y = Eigen::VectorXd::Zero(140);
    cold.solve(p, y);
    EXPECT_LT(relativeDifference(x, y), 1e-9);
  }
}

// Rank-one updates and downdates give the answer that fresh factorizations give.
TEST(BoxQp, AnswerDoesNotDependOnTheRefactorInterval) {
  std::mt19937_64 rng(23);
  std::normal_distribution<double> normal(0.0, 1.0);
  BoxQpProblem p = muscleProblem(120, 45, rng);
  BoxQpSolver always(120, 45, {.kkt_tolerance = 1e-10, .refactor_interval = 0});
  BoxQpSolver never(120, 45, {.kkt_tolerance = 1e-10, .refactor_interval = 1 << 30});
  Eigen::VectorXd x = Eigen::VectorXd::Zero(120), y = x;
  int updates = 0;
  for (int step = 0; step < 40; ++step) {
    for (int j = 0; j < 45; ++j) p.b[j] += 8.0 * normal(rng);
    const BoxQpStats a = always.solve(p, x), b = never.solve(p, y);
    ASSERT_TRUE(a.converged && b.converged) << "step " << step;
    EXPECT_EQ(a.rank_one_updates, 0);  // every change refactored
    updates += b.rank_one_updates;
    EXPECT_LT(relativeDifference(x, y), 1e-9) << "step " << step;
  }
  EXPECT_GT(updates, 40);  // the updates were exercised
}

TEST(BoxQp, IterationLimitLeavesAFeasiblePointThatIsNoWorse) {
  std::mt19937_64 rng(21);
  const BoxQpProblem p = muscleProblem(140, 63, rng);
  BoxQpSolver solver(140, 63);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(140);
  const double start = boxQpObjective(p, coldStart(p));
  const BoxQpStats stats = solver.solve(p, x, 3);
  EXPECT_FALSE(stats.converged);
  EXPECT_EQ(stats.iterations, 3);
  EXPECT_TRUE((x.array() >= p.lb.array()).all() && (x.array() <= p.ub.array()).all());
  EXPECT_LE(boxQpObjective(p, x), start);
  EXPECT_GT(stats.kkt_residual, 0.0);
  // Resumed from there, it finishes.
  EXPECT_TRUE(solver.solve(p, x).converged);
}

TEST(BoxQp, RejectsBadInputWithoutThrowingInSolve) {
  std::mt19937_64 rng(22);
  BoxQpProblem p = randomProblem(5, 3, rng);
  EXPECT_NO_THROW(p.validate(5, 3));
  EXPECT_THROW(p.validate(5, 4), std::invalid_argument);
  BoxQpSolver solver(5, 3);
  Eigen::VectorXd x = Eigen::VectorXd::Constant(5, 7.0);
  p.d[2] = 0.0;
  EXPECT_THROW(p.validate(5, 3), std::invalid_argument);
  BoxQpStats stats = solver.solve(p, x);
  EXPECT_FALSE(stats.converged);
  EXPECT_EQ(stats.kkt_residual, kInf);
  EXPECT_EQ(x, Eigen::VectorXd::Constant(5, 7.0));
  p.d[2] = 1.0;
  p.lb[1] = 2.0, p.ub[1] = 1.0;
  EXPECT_THROW(p.validate(5, 3), std::invalid_argument);
  Eigen::VectorXd wrong = Eigen::VectorXd::Zero(4);
  EXPECT_FALSE(solver.solve(p, wrong).converged);
  EXPECT_THROW(BoxQpSolver(0, 3), std::invalid_argument);
}

}  // namespace
}  // namespace spineload
