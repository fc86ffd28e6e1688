#include "engine/muscles/box_qp.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace spineload {
namespace {

// The gradient's component that the bounds do not block: zero for a fixed variable, only its descent-
// blocked sign at an active bound (the KKT residual of that variable).
double projectedGradient(double g, double x, double lb, double ub) {
  if (lb == ub) return 0.0;
  if (x <= lb) return std::min(g, 0.0);
  if (x >= ub) return std::max(g, 0.0);
  return g;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

bool allPositive(const Eigen::VectorXd& v) {
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (!(v[i] > 0.0)) return false;  // also rejects NaN
  return true;
}

// The optional pattern: n + 1 ascending starts, rows ascending within [0, m) in each column, and every
// nonzero of A inside it.
template <class Fail>
void validatePattern(const BoxQpProblem& p, int n, int m, Fail fail) {
  if (p.pattern_start.size() == 0) return;
  if (p.pattern_start.size() != n + 1 || p.pattern_start[0] != 0 ||
      p.pattern_start[n] != p.pattern_row.size())
    fail("pattern_start", -1, " must hold n + 1 starts from 0 to pattern_row's size");
  for (int i = 0; i < n; ++i) {
    if (p.pattern_start[i + 1] < p.pattern_start[i]) fail("pattern_start", i, " must not decrease");
    Eigen::Index next = 0;
    for (int k = p.pattern_start[i]; k < p.pattern_start[i + 1]; ++k) {
      if (p.pattern_row[k] < next || p.pattern_row[k] >= m)
        fail("pattern_row", k, " must ascend within its column and lie in [0, m)");
      for (; next < p.pattern_row[k]; ++next)
        if (p.A(next, i) != 0.0) fail("A", i, " has a nonzero outside pattern_row in this column");
      next = p.pattern_row[k] + 1;
    }
    for (; next < m; ++next)
      if (p.A(next, i) != 0.0) fail("A", i, " has a nonzero outside pattern_row in this column");
  }
}

}  // namespace

void BoxQpProblem::validate(int n, int m) const {
  // (Messages built by appending: GCC 12 warns falsely, -Wrestrict, on `"literal" + std::string&&`.)
  auto fail = [](const char* field, Eigen::Index index, const char* what) {
    std::string message = "BoxQpProblem: ";
    message += field;
    if (index >= 0) message.append("[").append(std::to_string(index)).append("]");
    message += what;
    throw std::invalid_argument(message);
  };
  auto size = [&](const Eigen::VectorXd& v, int expected, const char* field) {
    if (v.size() != expected)
      fail(field, -1, " has the wrong size (expected n for d, c, lb, ub; m for b, w)");
  };
  size(d, n, "d");
  size(c, n, "c");
  size(lb, n, "lb");
  size(ub, n, "ub");
  size(b, m, "b");
  size(w, m, "w");
  if (A.rows() != m || A.cols() != n) fail("A", -1, " must be m x n");
  for (int i = 0; i < n; ++i) {
    if (!(d[i] > 0.0) || !std::isfinite(d[i])) fail("d", i, " must be > 0 and finite");
    if (!std::isfinite(c[i])) fail("c", i, " must be finite");
    if (std::isnan(lb[i]) || std::isnan(ub[i]) || lb[i] > ub[i] || lb[i] == kInf || ub[i] == -kInf)
      fail("lb, ub", i, " must satisfy lb <= ub, lb < inf, ub > -inf");
  }
  for (int j = 0; j < m; ++j) {
    if (!(w[j] > 0.0) || !std::isfinite(w[j])) fail("w", j, " must be > 0 and finite");
    if (!std::isfinite(b[j])) fail("b", j, " must be finite");
  }
  if (!A.allFinite()) fail("A", -1, " must be finite");
  validatePattern(*this, n, m, fail);
}

BoxQpSolver::BoxQpSolver(int n, int m, BoxQpOptions options) : n_(n), m_(m), options_(options) {
  if (n < 1 || m < 0) throw std::invalid_argument("BoxQpSolver: needs n >= 1 and m >= 0");
  col_start_.setZero(n + 1);
  row_.setZero(static_cast<Eigen::Index>(n) * m);
  val_.setZero(static_cast<Eigen::Index>(n) * m);
  L_.setZero(m, m);
  first_.setZero(m);
  last_.setZero(m);
  s_.setZero(m);
  rhs_.setZero(m);
  v_.setZero(m);
  u_.setZero(m);
  xhat_.setZero(n);
  g_.setZero(n);
  scale_.setZero(n);
  state_.setZero(n);
  frozen_.setZero(n);
  changed_.setZero(n);
  prev_x_.setZero(n);
  prev_state_.setZero(n);
  best_x_.setZero(n);
  best_state_.setZero(n);
}

bool BoxQpSolver::inputOk(const BoxQpProblem& p, const Eigen::VectorXd& x) const {
  if (x.size() != n_ || p.d.size() != n_ || p.c.size() != n_ || p.lb.size() != n_ || p.ub.size() != n_)
    return false;
  if (p.A.rows() != m_ || p.A.cols() != n_ || p.b.size() != m_ || p.w.size() != m_) return false;
  if (p.pattern_start.size() != 0 &&
      (p.pattern_start.size() != n_ + 1 || p.pattern_start[n_] != p.pattern_row.size() ||
       p.pattern_row.size() > static_cast<Eigen::Index>(n_) * m_))
    return false;
  return allPositive(p.d) && allPositive(p.w) && (p.lb.array() <= p.ub.array()).all();
}

// A's nonzeros column by column: the products below then cost O(nnz) instead of O(n m), and the
// factorization's assembly O(Σ nnz_i²) instead of O(n m²) (moment arms are sparse: a muscle crosses a
// few joints). Runs of four zeros are skipped whole; the rest is branch-free (a zero is written, then
// overwritten).
void BoxQpSolver::loadColumns(const BoxQpProblem& p) {
  int k = 0;
  if (p.pattern_start.size() != 0) {  // only the pattern's entries (zeros among them are skipped)
    for (int i = 0; i < n_; ++i) {
      col_start_[i] = k;
      const double* a = p.A.col(i).data();
      for (int e = p.pattern_start[i]; e < p.pattern_start[i + 1]; ++e) {
        const int j = p.pattern_row[e];
        row_[k] = j, val_[k] = a[j], k += a[j] != 0.0;
      }
    }
    col_start_[n_] = k;
    return;
  }
  for (int i = 0; i < n_; ++i) {
    col_start_[i] = k;
    const double* a = p.A.col(i).data();
    int j = 0;
    for (; j + 4 <= m_; j += 4) {
      if (a[j] == 0.0 && a[j + 1] == 0.0 && a[j + 2] == 0.0 && a[j + 3] == 0.0) continue;
      for (int t = j; t < j + 4; ++t) row_[k] = t, val_[k] = a[t], k += a[t] != 0.0;
    }
    for (; j < m_; ++j) row_[k] = j, val_[k] = a[j], k += a[j] != 0.0;
  }
  col_start_[n_] = k;
}

// g = D x + c + Aᵀ W (A x − b) into g_ (rhs_ then holds W (A x − b)); with `scale`, also the
// componentwise round-off scale of g into scale_: evaluating g_i in floating point errs by a small multiple
// of ε (|c_i| + d_i|x_i| + Σ_j |A_ji| w_j (|A||x| + |b|)_j) (Higham 2002, §3.5), so no test can ask for
// more. u_ holds w ∘ (|A||x| + |b|).
void BoxQpSolver::gradient(const BoxQpProblem& p, const Eigen::VectorXd& x, bool scale) {
  if (m_ > 0) {
    rhs_ = -p.b;
    u_ = p.b.cwiseAbs();
  }
  for (int i = 0; i < n_; ++i) {
    const double xi = x[i], ai = std::abs(xi);
    if (xi == 0.0) continue;
    for (int k = col_start_[i]; k < col_start_[i + 1]; ++k) {
      rhs_[row_[k]] += val_[k] * xi;
      u_[row_[k]] += std::abs(val_[k]) * ai;
    }
  }
  if (m_ > 0) {
    rhs_.array() *= p.w.array();
    u_.array() *= p.w.array();
  }
  for (int i = 0; i < n_; ++i) {
    double gi = p.d[i] * x[i] + p.c[i], si = std::abs(p.c[i]) + p.d[i] * std::abs(x[i]);
    for (int k = col_start_[i]; k < col_start_[i + 1]; ++k) {
      gi += val_[k] * rhs_[row_[k]];
      if (scale) si += std::abs(val_[k]) * u_[row_[k]];
    }
    g_[i] = gi;
    scale_[i] = si;
  }
}

// Clip the warm start and choose the starting working set. A variable that the previous solve left on a
// bound follows that bound when x still holds that solve's value (the controller's bounds move every
// step). On a bound, a variable stays fixed if it was fixed there before, or if the gradient pushes it
// outward (then freeing it could not help at once); every other variable starts free.
void BoxQpSolver::startingPoint(const BoxQpProblem& p, Eigen::VectorXd& x) {
  bool need_gradient = false;
  for (int i = 0; i < n_; ++i) {
    const Bound prev = have_previous_ ? static_cast<Bound>(prev_state_[i]) : kFree;
    double xi = std::isnan(x[i]) ? 0.0 : x[i];
    if (prev != kFree && xi == prev_x_[i]) xi = prev == kLower ? p.lb[i] : p.ub[i];
    xi = std::min(std::max(xi, p.lb[i]), p.ub[i]);
    x[i] = xi;
    state_[i] = kFree;
    frozen_[i] = 0;
    if (p.lb[i] == p.ub[i]) {
      state_[i] = kLower;
    } else if (xi == p.lb[i] || xi == p.ub[i]) {
      const Bound here = xi == p.lb[i] ? kLower : kUpper;
      if (prev == here)
        state_[i] = here;
      else
        frozen_[i] = 1;  // (marks "decide by the gradient"; cleared below)
      need_gradient = need_gradient || prev != here;
    }
  }
  if (!need_gradient) return;
  gradient(p, x, false);
  for (int i = 0; i < n_; ++i) {
    if (!frozen_[i]) continue;
    frozen_[i] = 0;
    if (x[i] == p.lb[i] && g_[i] >= 0.0) state_[i] = kLower;
    if (x[i] == p.ub[i] && g_[i] <= 0.0) state_[i] = kUpper;
  }
}

// M = W⁻¹ + Σ_{i∈F} a_i a_iᵀ / d_i (lower triangle), then its Cholesky factor in place. Woodbury: the face
// problem's Hessian D_F + A_Fᵀ W A_F (n_F × n_F) is never formed; M stays m × m whatever the free set.
bool BoxQpSolver::factor(const BoxQpProblem& p) {
  ++stats_.factorizations;
  updates_since_factor_ = 0;
  if (m_ == 0) return true;
  L_.setZero();
  L_.diagonal() = p.w.cwiseInverse();
  for (int j = 0; j < m_; ++j) first_[j] = j;
  for (int i = 0; i < n_; ++i) {
    if (state_[i] != kFree) continue;
    const double inv_d = 1.0 / p.d[i];
    const int begin = col_start_[i], end = col_start_[i + 1];
    for (int a = begin; a < end; ++a) {
      const double va = val_[a] * inv_d;
      double* column = &L_(0, row_[a]);
      for (int b = a; b < end; ++b) column[row_[b]] += va * val_[b];  // rows ascend: lower triangle
      first_[row_[a]] = std::min(first_[row_[a]], row_[begin]);
    }
  }
  return choleskyInPlace();
}

// Left-looking (gaxpy) Cholesky, Golub & Van Loan 2013, Algorithm 4.2.1, restricted to M's envelope
// (George & Liu 1981, ch. 4): row i of L is zero left of first_[i], the first column of row i of M, so
// column j needs only columns first_[j]..j−1 and rows j..last, where last is the largest row whose
// envelope reaches column j. Moment arms are local (a muscle crosses neighbouring joints), so with the
// DOFs in anatomical order this is several times cheaper than the dense m³/3; with no such structure it is
// the dense algorithm.
bool BoxQpSolver::choleskyInPlace() {
  // last_[j] = max{i : first_[i] ≤ j}, by a running maximum over j.
  for (int j = 0; j < m_; ++j) last_[j] = j;
  for (int i = 0; i < m_; ++i) last_[first_[i]] = std::max(last_[first_[i]], i);
  for (int j = 1; j < m_; ++j) last_[j] = std::max(last_[j], last_[j - 1]);
  for (int j = 0; j < m_; ++j) {
    const int f = first_[j], rows = last_[j] - j + 1;
    if (j > f)
      L_.col(j).segment(j, rows).noalias() -=
          L_.block(j, f, rows, j - f) * L_.row(j).segment(f, j - f).transpose();
    const double pivot = L_(j, j);
    if (!(pivot > 0.0)) return false;
    L_(j, j) = std::sqrt(pivot);
    L_.col(j).segment(j + 1, rows - 1) /= L_(j, j);
  }
  return true;
}

// L Lᵀ + σ v vᵀ for σ = ±1 by the classical sequence of (hyperbolic, for σ = −1) rotations (Gill, Golub,
// Murray & Saunders 1974, method C1; Golub & Van Loan 2013, §6.5.4). Rows above v's first nonzero are
// untouched, and so are the columns where v has an exact zero. A downdate that would leave a pivot
// without accuracy reports failure (the caller then refactors).
bool BoxQpSolver::choleskyRankOne(double sigma, int first) {
  double* v = v_.data();
  for (int k = first; k < m_; ++k) {
    const double vk = v[k];
    if (vk == 0.0) continue;
    double* l = &L_(0, k);
    const double lkk = l[k], r2 = lkk * lkk + sigma * vk * vk;
    if (!(r2 > 1e-12 * lkk * lkk)) return false;
    const double r = std::sqrt(r2), cos = r / lkk, sin = vk / lkk, inv_cos = lkk / r, sigma_sin = sigma * sin;
    l[k] = r;
    for (int i = k + 1; i < m_; ++i) {  // one fused pass (vectorizes)
      const double li = (l[i] + sigma_sin * v[i]) * inv_cos;
      v[i] = cos * v[i] - sin * li;
      l[i] = li;
    }
  }
  return true;
}

// Variable i enters (enters = true) or leaves the free set, whose state_ is already updated: M changes
// by ± a_i a_iᵀ / d_i.
bool BoxQpSolver::changeFreeSet(const BoxQpProblem& p, int i, bool enters) {
  const int begin = col_start_[i], end = col_start_[i + 1];
  if (m_ == 0 || begin == end) return true;
  if (++updates_since_factor_ > options_.refactor_interval) return factor(p);
  ++stats_.rank_one_updates;
  v_.setZero();
  const double scale = 1.0 / std::sqrt(p.d[i]);
  for (int k = begin; k < end; ++k) v_[row_[k]] = val_[k] * scale;
  return choleskyRankOne(enters ? 1.0 : -1.0, row_[begin]) || factor(p);
}

// The minimizer x̂ on the current face (fixed variables held). With s = W (A x̂ − b), stationarity on F
// reads D_F x̂_F + c_F + A_Fᵀ s = 0, so x̂_F = −D_F⁻¹ (c_F + A_Fᵀ s), and eliminating x̂_F:
//     M s = A z − b,   z_i = −c_i / d_i on F, x_i off F.
void BoxQpSolver::faceSolution(const BoxQpProblem& p, const Eigen::VectorXd& x) {
  if (m_ > 0) {
    rhs_ = -p.b;
    for (int i = 0; i < n_; ++i) {
      const double z = state_[i] == kFree ? -p.c[i] / p.d[i] : x[i];
      if (z == 0.0) continue;
      for (int k = col_start_[i]; k < col_start_[i + 1]; ++k) rhs_[row_[k]] += val_[k] * z;
    }
    s_ = rhs_;
    L_.triangularView<Eigen::Lower>().solveInPlace(s_);
    L_.triangularView<Eigen::Lower>().transpose().solveInPlace(s_);
  }
  for (int i = 0; i < n_; ++i) {
    if (state_[i] != kFree) continue;
    double t = p.c[i];
    for (int k = col_start_[i]; k < col_start_[i + 1]; ++k) t += val_[k] * s_[row_[k]];
    xhat_[i] = -t / p.d[i];
  }
}

namespace {
// Fraction of the way from x to x̂ at which a variable meets the bound x̂ lies beyond (≥ 1 if none).
double blockingFraction(double x, double xhat, double lb, double ub) {
  if (xhat < lb) return (lb - x) / (xhat - x);
  if (xhat > ub) return (ub - x) / (xhat - x);
  return 1.0;
}
}  // namespace

// The longest feasible step towards x̂ (Nocedal & Wright, eq. 16.41).
double BoxQpSolver::ratioTest(const BoxQpProblem& p, const Eigen::VectorXd& x) const {
  double alpha = 1.0;
  for (int i = 0; i < n_; ++i)
    if (state_[i] == kFree) alpha = std::min(alpha, blockingFraction(x[i], xhat_[i], p.lb[i], p.ub[i]));
  return alpha;
}

// Moré & Toraldo (1991): when several variables would leave the box, a point of the projected path
// P[x + β p], p = x̂ − x, often gains more than stopping at the first bound, and fixes many variables in one
// iteration (a cold start then takes a fraction of the iterations). Tries β = 1, ½, ¼ (their projected
// search, cut short) and returns the best β if it beats the ratio test's step, else 0. With δ = P[x + β p]
// − x (both on F) and g_F(x) = −(H p)_F (x̂ is stationary on the face), the changes of the objective are
//     q(x + δ) − q(x) = ½ δᵀHδ − δᵀHp,      q(x + α p) − q(x) = −½ α (2 − α) pᵀHp,
// one pass over A's free columns per β. Accepting only the larger decrease keeps the objective strictly
// decreasing, so no face repeats (finite termination as for Algorithm 16.3).
double BoxQpSolver::projectedSearch(const BoxQpProblem& p, const Eigen::VectorXd& x, double alpha) {
  int leaving = 0;
  for (int i = 0; i < n_; ++i) leaving += state_[i] == kFree && (xhat_[i] < p.lb[i] || xhat_[i] > p.ub[i]);
  if (leaving < 2) return 0.0;
  double best_beta = 0.0, best_change = 0.0;
  for (double beta = 1.0; beta >= 0.25; beta *= 0.5) {
    if (m_ > 0) rhs_.setZero(), u_.setZero();  // A p, A δ
    double pp = 0.0, dp = 0.0, dd = 0.0;       // the D parts of pᵀHp, δᵀHp, δᵀHδ
    for (int i = 0; i < n_; ++i) {
      if (state_[i] != kFree) continue;
      const double pi = xhat_[i] - x[i], di = std::min(std::max(x[i] + beta * pi, p.lb[i]), p.ub[i]) - x[i];
      pp += p.d[i] * pi * pi, dp += p.d[i] * di * pi, dd += p.d[i] * di * di;
      for (int k = col_start_[i]; k < col_start_[i + 1]; ++k) {
        rhs_[row_[k]] += val_[k] * pi;
        u_[row_[k]] += val_[k] * di;
      }
    }
    for (int j = 0; j < m_; ++j)
      pp += p.w[j] * rhs_[j] * rhs_[j], dp += p.w[j] * u_[j] * rhs_[j], dd += p.w[j] * u_[j] * u_[j];
    const double change = 0.5 * dd - dp;
    if (change < -0.5 * alpha * (2.0 - alpha) * pp && (best_beta == 0.0 || change < best_change))
      best_beta = beta, best_change = change;
  }
  return best_beta;
}

// x ← x + α (x̂ − x) on F, or with β > 0 x ← P[x + β (x̂ − x)]; the variables that end on a bound they were
// heading past (with α: every one at the minimal fraction, so ties are fixed together) join the working set
// exactly on it. Many changes at once are cheaper as one fresh factorization than as downdates. Returns
// false if the factorization failed.
bool BoxQpSolver::takeStep(const BoxQpProblem& p, Eigen::VectorXd& x, double alpha, double beta) {
  int changed = 0;
  for (int i = 0; i < n_; ++i) {
    if (state_[i] != kFree) continue;
    const double lb = p.lb[i], ub = p.ub[i];
    const double target = beta > 0.0 ? x[i] + beta * (xhat_[i] - x[i]) : xhat_[i];
    const bool leaves = target < lb || target > ub;
    if (alpha == 1.0 || (beta > 0.0 && !leaves)) {
      x[i] = std::min(std::max(target, lb), ub);  // (clipping only round-off)
    } else if (beta > 0.0 || blockingFraction(x[i], xhat_[i], lb, ub) <= alpha) {
      x[i] = xhat_[i] < lb ? lb : ub;
      state_[i] = xhat_[i] < lb ? kLower : kUpper;
      // Released a moment ago, yet blocked at once: round-off, not progress; keep it fixed from now on.
      if (alpha == 0.0 && i == just_released_) frozen_[i] = 1;
      changed_[changed++] = i;
    } else {
      x[i] = std::min(std::max(x[i] + alpha * (xhat_[i] - x[i]), lb), ub);
    }
  }
  if (changed > kBatchRefactor) return factor(p);
  bool ok = true;
  const int factorizations = stats_.factorizations;
  for (int k = 0; k < changed && stats_.factorizations == factorizations; ++k)
    ok = changeFreeSet(p, changed_[k], false) && ok;  // (a refactorization includes the rest)
  return ok;
}

// At a face's minimizer the multipliers of the fixed variables are their gradient components, g_i =
// d_i x_i + c_i + a_iᵀ s: ≥ 0 required on lower bounds, ≤ 0 on upper ones. Lists in changed_ the variables
// wrong-signed by more than the tolerance times |c_i| + d_i|x_i| + |a_i|ᵀ|s| (a lower scale than
// kktCheck's, so nothing the final check would reject passes here) and returns their number.
//
// All of them are released at once, not only the most negative (Nocedal & Wright, Algorithm 16.3): the
// larger face's minimizer costs no more than the current point, so the step towards it still descends;
// a released variable that would head out of the box is re-fixed by the ratio test at α = 0. From a cold
// start this cuts the iterations several-fold (block active-set methods: Hintermüller, Ito & Kunisch 2002;
// here kept monotone by the ratio test).
int BoxQpSolver::violatedBounds(const BoxQpProblem& p, const Eigen::VectorXd& x) {
  int count = 0;
  for (int i = 0; i < n_; ++i) {
    if (state_[i] == kFree || frozen_[i] || p.lb[i] == p.ub[i]) continue;
    double g = p.d[i] * x[i] + p.c[i], scale = std::abs(p.c[i]) + p.d[i] * std::abs(x[i]);
    for (int k = col_start_[i]; k < col_start_[i + 1]; ++k) {
      g += val_[k] * s_[row_[k]];
      scale += std::abs(val_[k] * s_[row_[k]]);
    }
    const double violation = state_[i] == kLower ? -g : g;
    if (violation > options_.kkt_tolerance * scale) changed_[count++] = i;
  }
  return count;
}

// Frees the `count` variables listed in changed_ (by updates, or one factorization if many).
bool BoxQpSolver::release(const BoxQpProblem& p, int count) {
  for (int k = 0; k < count; ++k) state_[changed_[k]] = kFree;
  just_released_ = count == 1 ? changed_[0] : -1;
  if (count > kBatchRefactor) return factor(p);
  bool ok = true;
  const int factorizations = stats_.factorizations;
  for (int k = 0; k < count && stats_.factorizations == factorizations; ++k)
    ok = changeFreeSet(p, changed_[k], true) && ok;  // (a refactorization includes the rest)
  return ok;
}

// The projected gradient from a freshly computed gradient (not the factorization's s): returns its
// max-norm; `within_tolerance` tells whether every component is within the tolerance of its round-off
// scale, `release` the most wrong-signed fixed variable beyond it (−1 if none).
double BoxQpSolver::kktCheck(const BoxQpProblem& p, const Eigen::VectorXd& x, bool& within_tolerance,
                             int& release) {
  gradient(p, x, true);
  double residual = 0.0, worst = 0.0;
  within_tolerance = true;
  release = -1;
  for (int i = 0; i < n_; ++i) {
    const double pg = projectedGradient(g_[i], x[i], p.lb[i], p.ub[i]);
    residual = std::max(residual, std::abs(pg));
    const double excess = std::abs(pg) / (options_.kkt_tolerance * scale_[i]);
    if (!(excess > 1.0)) continue;
    within_tolerance = false;
    if (state_[i] != kFree && !frozen_[i] && excess > worst) release = i, worst = excess;
  }
  return residual;
}

// One step of iterative refinement on the face: x_F ← x_F − H_FF⁻¹ g_F with g_ fresh from kktCheck, by
// Woodbury, H_FF⁻¹ = D⁻¹ − D⁻¹ A_Fᵀ M⁻¹ A_F D⁻¹ (Higham 2002, ch. 12). Recovers the digits a Cholesky
// factor of an ill-conditioned M (large w) loses.
void BoxQpSolver::refine(const BoxQpProblem& p, Eigen::VectorXd& x) {
  if (m_ > 0) {
    v_.setZero();
    for (int i = 0; i < n_; ++i) {
      if (state_[i] != kFree) continue;
      const double y = g_[i] / p.d[i];
      for (int k = col_start_[i]; k < col_start_[i + 1]; ++k) v_[row_[k]] += val_[k] * y;
    }
    L_.triangularView<Eigen::Lower>().solveInPlace(v_);
    L_.triangularView<Eigen::Lower>().transpose().solveInPlace(v_);
  }
  for (int i = 0; i < n_; ++i) {
    if (state_[i] != kFree) continue;
    double t = g_[i];
    for (int k = col_start_[i]; k < col_start_[i + 1]; ++k) t -= val_[k] * v_[row_[k]];
    x[i] = std::min(std::max(x[i] - t / p.d[i], p.lb[i]), p.ub[i]);
  }
}

// In exact arithmetic the objective falls strictly from one face minimizer to the next (the argument for
// finite termination). When H is so ill-conditioned (κ ≳ 1/ε) that the face solutions are mostly
// round-off, it may rise instead and the working set may cycle: after a few rises the best face minimizer
// is restored and the solve stops (unconverged). (A rise or two happens on the way to a correct answer
// when κ ≈ 1e12, hence no stop at the first.) q at the face minimizer from s: ½ Σ d x² + cᵀx + ½ Σ s² / w.
bool BoxQpSolver::faceObjectiveRose(const BoxQpProblem& p, Eigen::VectorXd& x) {
  double q = 0.0, scale = 0.0;
  for (int i = 0; i < n_; ++i) {
    q += (0.5 * p.d[i] * x[i] + p.c[i]) * x[i];
    scale += (0.5 * p.d[i] * std::abs(x[i]) + std::abs(p.c[i])) * std::abs(x[i]);
  }
  for (int j = 0; j < m_; ++j) q += 0.5 * s_[j] * s_[j] / p.w[j], scale += 0.5 * s_[j] * s_[j] / p.w[j];
  if (q > best_objective_ + 1e-9 * scale && ++rises_ > kMaxRises) {
    x = best_x_;
    state_ = best_state_;
    return true;
  }
  if (q < best_objective_) best_objective_ = q, best_x_ = x, best_state_ = state_;
  return false;
}

BoxQpStats BoxQpSolver::solve(const BoxQpProblem& p, Eigen::VectorXd& x, int max_iterations) {
  stats_ = BoxQpStats{};
  if (!inputOk(p, x)) {
    stats_.kkt_residual = kInf;
    return stats_;
  }
  loadColumns(p);
  startingPoint(p, x);
  just_released_ = -1;
  best_objective_ = kInf;
  rises_ = 0;
  bool factored = factor(p), checked = false;
  while (factored && stats_.iterations < max_iterations) {
    ++stats_.iterations;
    faceSolution(p, x);
    const double alpha = ratioTest(p, x);
    factored = takeStep(p, x, alpha, alpha < 1.0 ? projectedSearch(p, x, alpha) : 0.0);
    just_released_ = -1;
    checked = false;
    if (alpha < 1.0) continue;
    if (faceObjectiveRose(p, x)) break;
    int count = violatedBounds(p, x);
    if (count == 0) {
      // Optimal by the factorization's multipliers: confirm with a fresh gradient, refining the face's
      // solution once if it lost digits (large w); a stale factorization is recomputed.
      bool ok = false;
      int worst = -1;
      stats_.kkt_residual = kktCheck(p, x, ok, worst);
      for (int r = 0; r < kRefinements && !ok && worst < 0; ++r) {
        refine(p, x);
        stats_.kkt_residual = kktCheck(p, x, ok, worst);
      }
      checked = true;
      stats_.converged = ok;
      if (ok || (worst < 0 && updates_since_factor_ == 0)) break;
      if (worst < 0) {
        factored = factor(p);
        continue;
      }
      changed_[0] = worst, count = 1;
    }
    factored = release(p, count);
  }
  if (!checked) {
    int release = -1;
    stats_.kkt_residual = kktCheck(p, x, stats_.converged, release);
    stats_.converged = false;  // (iterations ran out, or a factorization failed)
  }
  prev_x_ = x;
  prev_state_ = state_;
  have_previous_ = true;
  return stats_;
}

double boxQpKktResidual(const BoxQpProblem& p, const Eigen::VectorXd& x) {
  const Eigen::VectorXd s = p.w.cwiseProduct(p.A * x - p.b);
  const Eigen::VectorXd g = p.d.cwiseProduct(x) + p.c + p.A.transpose() * s;
  double residual = 0.0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double pg = projectedGradient(g[i], x[i], p.lb[i], p.ub[i]);
    residual = std::max({residual, std::abs(pg), p.lb[i] - x[i], x[i] - p.ub[i]});
  }
  return residual;
}

double boxQpObjective(const BoxQpProblem& p, const Eigen::VectorXd& x) {
  const Eigen::VectorXd r = p.A * x - p.b;
  return 0.5 * x.dot(p.d.cwiseProduct(x)) + p.c.dot(x) + 0.5 * r.dot(p.w.cwiseProduct(r));
}

}  // namespace spineload
