// A bound-constrained convex quadratic program with "diagonal plus least-squares" structure, the shape of
// static optimization with reserves (docs/muscles.md, "Static optimization solver"):
//
//     minimize   ½ Σ d_i x_i² + cᵀx + ½ Σ_j w_j ((A x)_j − b_j)²      subject to  lb ≤ x ≤ ub
//
// with d > 0 (so strictly convex), A (m × n, m constraints such as the moment balance at each DOF), w > 0
// the weights of the residuals (the reserves). The Hessian is H = D + Aᵀ W A.
//
// Solved by a primal active-set method (Nocedal & Wright 2006, Algorithm 16.3, specialised to bounds),
// warm-started from the previous solution's working set; exact (to round-off) at termination: the last face
// is solved directly, refined, and the KKT conditions are checked on a freshly computed gradient. Each
// face's Newton step goes through the Woodbury form: the m × m matrix M = W⁻¹ + A_F D_F⁻¹ A_Fᵀ of the free
// set F is factored once per solve (over A's nonzeros, within M's envelope) and then changed by rank-one
// Cholesky updates as variables enter and leave F. Every wrong-signed multiplier is released at once, and
// when several variables would leave the box a point of the projected path is taken if it gains more (Moré
// & Toraldo 1991), so a cold start needs tens of iterations rather than hundreds. docs/muscles.md has the
// details and the timings. The workspace is sized once; solve() does not allocate.
#pragma once

#include <Eigen/Core>

namespace spineload {

struct BoxQpProblem {
  Eigen::VectorXd d, c, lb, ub;  ///< n; d > 0, lb ≤ ub (equal bounds fix a variable; ±inf allowed)
  Eigen::MatrixXd A;             ///< m × n (dense storage; its zeros are skipped)
  Eigen::VectorXd b, w;          ///< m; w > 0
  /// Optional, for a caller whose A has a fixed sparsity pattern: column i's possible nonzeros are the rows
  /// pattern_row[pattern_start[i] .. pattern_start[i + 1]), ascending, and A is zero elsewhere. The solver
  /// then reads only those entries instead of scanning A (same result). Empty: A is scanned.
  Eigen::VectorXi pattern_start, pattern_row;

  /// Throws std::invalid_argument naming the first wrong field (sizes against n, m; d > 0, w > 0 and finite,
  /// lb ≤ ub, no NaN; a pattern that is malformed or misses a nonzero of A). For set-up time: solve() itself
  /// checks only sizes, d > 0, w > 0 and lb ≤ ub, and does not throw.
  void validate(int n, int m) const;
};

struct BoxQpOptions {
  /// A multiplier counts as wrong-signed, and a free gradient component as nonzero, beyond this fraction of
  /// the component's round-off scale |c_i| + d_i|x_i| + Σ_j |A_ji| w_j (|A||x| + |b|)_j.
  double kkt_tolerance = 1e-10;
  /// Rank-one updates of the factorization before it is recomputed from scratch (bounds round-off drift).
  int refactor_interval = 48;
};

struct BoxQpStats {
  int iterations = 0;         ///< face solves (one per working-set change, plus the final one)
  int factorizations = 0;     ///< from scratch: 1, plus one per step changing over 6 variables (or drift)
  int rank_one_updates = 0;   ///< variables entering or leaving F by a Cholesky update or downdate
  bool converged = false;     ///< KKT conditions hold to BoxQpOptions::kkt_tolerance
  double kkt_residual = 0.0;  ///< max-norm of the projected gradient at the returned x
};

class BoxQpSolver {
 public:
  BoxQpSolver(int n, int m, BoxQpOptions options = {});

  /// Solves from the warm start `x` (entries outside the bounds are clipped), overwriting it with the
  /// optimum. A variable starts fixed at a bound when it lies on it and either the gradient there pushes it
  /// outward or the previous solve ended with it on that bound (then it is moved to the new bound when `x`
  /// still holds that solve's value; NaN entries start at 0). No allocation after construction. On wrong
  /// sizes, d or w not > 0, or lb > ub somewhere, x is left unchanged and converged = false, kkt_residual =
  /// inf. When max_iterations runs out, x is the feasible iterate reached (in exact arithmetic the objective
  /// only falls) and converged = false; likewise when H is too ill-conditioned for the tolerance (κ(H) ≳
  /// 1e12). One solver per thread: the workspace is its state.
  BoxQpStats solve(const BoxQpProblem& p, Eigen::VectorXd& x, int max_iterations = 200);

  /// Forgets the previous solve's working set: the next solve starts from `x` and the gradient only.
  void reset() { have_previous_ = false; }

  int n() const { return n_; }
  int m() const { return m_; }

 private:
  enum Bound : signed char { kFree = 0, kLower = 1, kUpper = 2 };
  static constexpr int kBatchRefactor = 6;  ///< more changes in one step: refactor rather than downdate
  static constexpr int kRefinements = 3;    ///< at most, per candidate optimum
  static constexpr int kMaxRises = 4;       ///< of the face minimizers' objective, before giving up

  bool inputOk(const BoxQpProblem& p, const Eigen::VectorXd& x) const;
  void loadColumns(const BoxQpProblem& p);
  void startingPoint(const BoxQpProblem& p, Eigen::VectorXd& x);
  void gradient(const BoxQpProblem& p, const Eigen::VectorXd& x, bool scale);
  bool factor(const BoxQpProblem& p);
  bool choleskyInPlace();
  bool changeFreeSet(const BoxQpProblem& p, int i, bool enters);
  bool choleskyRankOne(double sigma, int first);
  void faceSolution(const BoxQpProblem& p, const Eigen::VectorXd& x);
  double ratioTest(const BoxQpProblem& p, const Eigen::VectorXd& x) const;
  double projectedSearch(const BoxQpProblem& p, const Eigen::VectorXd& x, double alpha);
  bool takeStep(const BoxQpProblem& p, Eigen::VectorXd& x, double alpha, double beta);
  int violatedBounds(const BoxQpProblem& p, const Eigen::VectorXd& x);
  bool release(const BoxQpProblem& p, int count);
  double kktCheck(const BoxQpProblem& p, const Eigen::VectorXd& x, bool& within_tolerance, int& release);
  void refine(const BoxQpProblem& p, Eigen::VectorXd& x);
  bool faceObjectiveRose(const BoxQpProblem& p, Eigen::VectorXd& x);

  int n_, m_;
  BoxQpOptions options_;
  // A's nonzeros by column (compressed sparse column), reloaded every solve.
  Eigen::VectorXi col_start_;     ///< n + 1
  Eigen::VectorXi row_;           ///< n·m: row of each nonzero
  Eigen::VectorXd val_;           ///< n·m: value of each nonzero
  Eigen::MatrixXd L_;             ///< m × m: lower Cholesky factor of M = W⁻¹ + A_F D_F⁻¹ A_Fᵀ
  Eigen::VectorXi first_, last_;  ///< m: M's envelope (first column of each row; last row reaching a column)
  Eigen::VectorXd s_;             ///< m: W (A x̂ − b) at the face solution x̂ (the reserves' "forces")
  Eigen::VectorXd rhs_, v_;       ///< m: right-hand side; rank-one update vector
  Eigen::VectorXd u_;             ///< m: w ∘ (|A||x| + |b|), for the round-off scale
  Eigen::VectorXd xhat_;          ///< n: the face solution (free entries)
  Eigen::VectorXd g_, scale_;     ///< n: gradient, its round-off scale
  Eigen::Matrix<signed char, Eigen::Dynamic, 1> state_, frozen_;  ///< n: Bound; not to be released again
  Eigen::VectorXi changed_;                                       ///< n: variables fixed or freed by a step
  Eigen::VectorXd prev_x_;                                        ///< n: the previous solve's result
  Eigen::Matrix<signed char, Eigen::Dynamic, 1> prev_state_;      ///< n: its working set
  Eigen::VectorXd best_x_;                                        ///< n: the best face minimizer so far
  Eigen::Matrix<signed char, Eigen::Dynamic, 1> best_state_;      ///< n: its working set
  double best_objective_ = 0.0;
  int rises_ = 0;
  bool have_previous_ = false;
  int updates_since_factor_ = 0;
  int just_released_ = -1;
  BoxQpStats stats_;
};

/// max-norm of the projected gradient of p's objective at x (plus any bound violation); allocates.
double boxQpKktResidual(const BoxQpProblem& p, const Eigen::VectorXd& x);
/// p's objective at x; allocates.
double boxQpObjective(const BoxQpProblem& p, const Eigen::VectorXd& x);

}  // namespace spineload
