#include "engine/metrics/trunk_stability.hpp"

#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/dynamics/rnea.hpp"

namespace spineload {
namespace {

// Forward-difference step [rad]. The truncation error is ½ h ∂²g/∂q² (about 1e-4 N·m/rad with the muscles'
// tensions, against eigenvalues of tens to hundreds), the round-off about ε |g| / h (1e-7 N·m/rad), and h is
// far below the tissue's neutral zones (≥ 0.1°), so the tangent is taken where it is meant.
constexpr double kStep = 1e-6;

}  // namespace

TrunkStability::TrunkStability(const TrunkModel& trunk, const MuscleSet* muscles)
    : model_(*trunk.model),
      muscles_(muscles),
      work_(model_),
      geometry_(model_, muscles ? *muscles : MuscleSet{}),
      q_(model_.nq),
      dq_(Eigen::VectorXd::Zero(model_.nv)),
      g_plus_(model_.nv),
      g_minus_(model_.nv),
      g_rest_(model_.nv),
      zero_(Eigen::VectorXd::Zero(model_.nv)) {
  for (const SpineLevel& l : trunk.levels) {
    const Body& b = model_.bodies[l.body];
    if (b.joint == JointType::Prismatic || l.name == "C0_C2") continue;  // the spine's levels, not the head's
    for (int c = 0; c < b.nv; ++c) dofs_.push_back(b.v_index + c);
  }
  const int n = static_cast<int>(dofs_.size());
  K_ = Eigen::MatrixXd::Zero(n, n);
  // Sizes the solver's workspace by solving once: Eigen's sized constructor leaves its status unset, and
  // moving such a solver reads it (UndefinedBehaviorSanitizer: an invalid ComputationInfo).
  eigen_.compute(K_, Eigen::EigenvaluesOnly);
  for (int dof : dofs_) crossing_.push_back(muscles ? musclesCrossing(*muscles, dof) : std::vector<int>{});
  const int nm = muscles ? muscles->size() : 0;
  force0_ = length0_ = srs_ = Eigen::VectorXd::Zero(nm);
  arm0_ = Eigen::VectorXd::Zero(muscles ? static_cast<Eigen::Index>(muscles->arm_dofs.size()) : 0);
}

// g(q): gravity and the pelvis's acceleration (through the inverse dynamics at rest), the held external
// wrenches, the tissue at zero velocity, and the listed muscles at F₀ + k (l − l₀). Only the muscles
// crossing the perturbed DOF are listed: every other one moves rigidly with it or not at all, so its
// generalized force is the same at q ± h and cancels from the difference exactly (not just to round-off).
void TrunkStability::staticForce(const Eigen::VectorXd& q, const std::vector<int>& muscles,
                                 Eigen::VectorXd& g) {
  rnea(model_, work_, q, zero_, zero_);  // τ needed to hold q still = −(gravity + external); sets X_world
  computePassiveForces(model_, work_, q, zero_, false);
  g = work_.tau_passive - work_.tau_id;
  if (muscles.empty()) return;
  updateMuscleGeometry(model_, work_, zero_, *muscles_, muscles, geometry_);
  for (int i : muscles) {
    const double F = force0_[i] + srs_[i] * (geometry_.length_m[i] - length0_[i]);
    const Muscle& m = muscles_->muscles[i];
    for (int k = m.first_arm; k < m.first_arm + m.num_arms; ++k)
      g[muscles_->arm_dofs[k]] += geometry_.arm[k] * F;
  }
}

double TrunkStability::smallestEigenvalue(const Data& d, const AlignedVector<Vec6>& external,
                                          const Eigen::VectorXd& force_n) {
  work_.base = d.base;
  for (int i = 0; i < model_.nbodies(); ++i) work_.f_ext[i] = external[i];
  const bool have_muscles = muscles_ && muscles_->size() > 0;
  if (have_muscles) {
    forwardKinematics(model_, work_, d.q, zero_);
    updateMuscleGeometry(model_, work_, zero_, *muscles_, geometry_);
    length0_ = geometry_.length_m;
    arm0_ = geometry_.arm;
    force0_ = force_n;
    for (int i = 0; i < muscles_->size(); ++i)
      srs_[i] = shortRangeStiffness(force_n[i], length0_[i], muscles_->hill);
  }
  // g at q itself, without the muscles: then each column adds only its crossing muscles' F₀ R₀ (F = F₀ at
  // l = l₀), which is what staticForce(q, crossing) would give, so the others cancel exactly as in g(q + h).
  staticForce(d.q, {}, g_rest_);
  const int n = static_cast<int>(dofs_.size());
  for (int j = 0; j < n; ++j) {
    dq_.setZero();
    dq_[dofs_[j]] = kStep;
    integrateConfiguration(model_, d.q, dq_, 1.0, q_);
    staticForce(q_, crossing_[j], g_plus_);
    g_minus_ = g_rest_;
    for (int i : crossing_[j]) {
      const Muscle& m = muscles_->muscles[i];
      for (int k = m.first_arm; k < m.first_arm + m.num_arms; ++k)
        g_minus_[muscles_->arm_dofs[k]] += arm0_[k] * force0_[i];
    }
    for (int i = 0; i < n; ++i) K_(i, j) = -(g_plus_[dofs_[i]] - g_minus_[dofs_[i]]) / kStep;
  }
  // K is symmetric for conservative loads; the pelvis's acceleration and the held external forces can add
  // a small skew part, which does not store energy: the symmetric part decides stability.
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) K_(i, j) = K_(j, i) = 0.5 * (K_(i, j) + K_(j, i));
  eigen_.compute(K_, Eigen::EigenvaluesOnly);
  return eigen_.eigenvalues()[0];
}

}  // namespace spineload
