// A bound-constrained convex quadratic program with "diagonal plus least-squares" structure, the shape of
// static optimization with reserves (docs/muscles.md):
//
//     minimize   ½ Σ d_i x_i² + cᵀx + ½ Σ_j w_j ((A x)_j − b_j)²      subject to  lb ≤ x ≤ ub
//
// with d > 0 (so strictly convex), A (m × n, m constraints such as the moment balance at each DOF), w > 0
// the weights of the residuals (the reserves). Solved by a primal active-set method, warm-started from
// the previous solution's active set; exact (to round-off) at termination. The workspace is sized once.
#pragma once

#include <Eigen/Core>

namespace spineload {

struct BoxQpProblem {
  Eigen::VectorXd d, c, lb, ub;  ///< n
  Eigen::MatrixXd A;             ///< m × n
  Eigen::VectorXd b, w;          ///< m
};

struct BoxQpStats {
  int iterations = 0;
  bool converged = false;
  double kkt_residual = 0.0;  ///< max-norm of the projected gradient at the returned x
};

class BoxQpSolver {
 public:
  BoxQpSolver(int n, int m);
  /// Solves from the warm start `x` (entries outside the bounds are clipped), overwriting it with the
  /// optimum. No allocation after construction.
  BoxQpStats solve(const BoxQpProblem& p, Eigen::VectorXd& x, int max_iterations = 200);

 private:
  // (the implementer's workspace)
};

}  // namespace spineload
