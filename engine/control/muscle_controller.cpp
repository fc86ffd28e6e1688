#include "engine/control/muscle_controller.hpp"

#include <algorithm>
#include <cmath>

#include "engine/dynamics/kinematics.hpp"
#include "engine/gait/breathing.hpp"

namespace spineload {
namespace {

// The DOFs the muscles balance: every rotation except the torque-driven joints' (torque_driven = false), or
// those joints' DOFs (true). Disc slides (prismatic) are carried by the disc alone.
std::vector<int> dofRows(const Model& model, const std::vector<int>& torque_driven_bodies,
                         bool torque_driven) {
  std::vector<int> rows;
  for (int i = 0; i < model.nbodies(); ++i) {
    const Body& b = model.bodies[i];
    const bool driven =
        std::find(torque_driven_bodies.begin(), torque_driven_bodies.end(), i) != torque_driven_bodies.end();
    if (b.joint == JointType::Prismatic || driven != torque_driven) continue;
    for (int c = 0; c < b.nv; ++c) rows.push_back(b.v_index + c);
  }
  return rows;
}

// "obliques" names the external and internal obliques together (abdominal_pressure.toml).
bool belongsTo(const std::string& muscle_group, const std::string& group) {
  if (group == "obliques") return muscle_group == "external_oblique" || muscle_group == "internal_oblique";
  return muscle_group == group;
}

}  // namespace

MuscleController::MuscleController(const Model& model, std::shared_ptr<const MuscleSet> muscles,
                                   AbdominalPressureModel iap, MuscleControlParams params,
                                   const JointReference* reference, const BreathingCycle* breathing)
    : muscles_(std::move(muscles)),
      iap_(iap),
      params_(std::move(params)),
      breathing_(breathing),
      hold_(model, params_.bandwidth_hz, params_.damping_ratio, reference),
      geometry_(model, *muscles_),
      rows_(dofRows(model, params_.torque_driven_bodies, false)),
      torque_rows_(dofRows(model, params_.torque_driven_bodies, true)),
      qp_(muscles_->size(), static_cast<int>(rows_.size())),
      period_s_(1.0 / params_.control_rate_hz) {
  if (params_.step_s > 0.0) {
    steps_per_solve_ =
        std::max(1, static_cast<int>(std::lround(1.0 / (params_.step_s * params_.control_rate_hz))));
    period_s_ = steps_per_solve_ * params_.step_s;
  }
  const int n = muscles_->size(), m = static_cast<int>(rows_.size());
  row_of_dof_.assign(model.nv, -1);
  for (int j = 0; j < m; ++j) row_of_dof_[rows_[j]] = j;
  std::vector<char> is_torque_dof(model.nv, 0);
  for (int row : torque_rows_) is_torque_dof[row] = 1;
  // Per moment arm (R's pattern), its controlled row; and the arms on the torque-driven DOFs, in order.
  const MuscleSet& set = *muscles_;
  arm_row_.resize(set.arm_dofs.size());
  for (std::size_t k = 0; k < set.arm_dofs.size(); ++k) arm_row_[k] = row_of_dof_[set.arm_dofs[k]];
  for (int i = 0; i < set.size(); ++i)
    for (int k = set.muscles[i].first_arm; k < set.muscles[i].first_arm + set.muscles[i].num_arms; ++k)
      if (is_torque_dof[set.arm_dofs[k]]) torque_arms_.push_back({i, k});
  // A group's pressure gain is per unit of its mean activation: each member carries gain / members.
  pressure_gain_pa_ = accessory_drive_ = Eigen::VectorXd::Zero(n);
  for (const GroupValue& g : iap_.pressure_gains) {
    std::vector<int> members;
    for (int i = 0; i < n; ++i)
      if (belongsTo(muscles_->muscles[i].group, g.group)) members.push_back(i);
    for (int i : members) pressure_gain_pa_[i] += g.value / static_cast<double>(members.size());
  }
  for (const GroupValue& g : iap_.accessory_drive)
    for (int i = 0; i < n; ++i)
      if (belongsTo(muscles_->muscles[i].group, g.group)) accessory_drive_[i] = g.value;
  problem_.d = Eigen::VectorXd::Constant(n, 2.0);
  problem_.c = Eigen::VectorXd::Zero(n);
  problem_.lb = Eigen::VectorXd::Zero(n);
  problem_.ub = Eigen::VectorXd::Ones(n);
  problem_.A = Eigen::MatrixXd::Zero(m, n);
  problem_.b = Eigen::VectorXd::Zero(m);
  residual_ = Eigen::VectorXd::Zero(m);
  // ½ w r² with w = 2 / r_opt² is (r / r_opt)², as ½ d a² with d = 2 is a².
  setPattern();
  problem_.w = Eigen::VectorXd::Constant(
      m, 2.0 / (params_.reserve_optimal_torque_nm * params_.reserve_optimal_torque_nm));
  for (Eigen::VectorXd* v : {&activation_, &excitation_, &target_, &force_n_, &active_n_, &passive_n_,
                             &active_slope_, &passive_slope_, &x_, &decay_up_, &decay_down_})
    *v = Eigen::VectorXd::Zero(n);
  reserve_ = tau_des_ = iap_tau_ = joint_torque_ = Eigen::VectorXd::Zero(model.nv);
}

// A's fixed sparsity pattern for the QP: each muscle's controlled rows among its moment arms, every row for
// the muscles that raise the abdominal pressure (its generalized force reaches along the diaphragm's chain).
void MuscleController::setPattern() {
  const MuscleSet& set = *muscles_;
  const int n = set.size(), m = static_cast<int>(rows_.size());
  std::vector<int> start{0}, rows;
  for (int i = 0; i < n; ++i) {
    const Muscle& mu = set.muscles[i];
    const std::size_t first = rows.size();
    if (pressure_gain_pa_[i] != 0.0) {
      for (int j = 0; j < m; ++j) rows.push_back(j);
    } else {
      for (int k = mu.first_arm; k < mu.first_arm + mu.num_arms; ++k)
        if (row_of_dof_[set.arm_dofs[k]] >= 0) rows.push_back(row_of_dof_[set.arm_dofs[k]]);
      std::sort(rows.begin() + static_cast<std::ptrdiff_t>(first), rows.end());
    }
    start.push_back(static_cast<int>(rows.size()));
  }
  problem_.pattern_start = Eigen::Map<Eigen::VectorXi>(start.data(), static_cast<Eigen::Index>(start.size()));
  problem_.pattern_row = Eigen::Map<Eigen::VectorXi>(rows.data(), static_cast<Eigen::Index>(rows.size()));
}

double MuscleController::floorActivation(int i, double breath) const {
  double floor = muscles_->muscles[i].deep_core ? params_.core_floor_activation : 0.0;
  if (breathing_ && accessory_drive_[i] > 0.0) floor = std::max(floor, accessory_drive_[i] * breath);
  return floor;
}

// The generalized force of 1 Pa of abdominal pressure: area × pressure pushes the diaphragm's body up along
// its own z at the pressure's point of action (the pelvic floor's reaction acts on the prescribed pelvis).
void MuscleController::iapDirection(const Model& model, const Data& d) {
  iap_tau_.setZero();
  if (iap_.diaphragm_body < 0) return;
  const Vec3 z = Vec3::UnitZ();
  Vec6 F_B;
  F_B << iap_.diaphragm_point_m.cross(z), z;
  const Vec6 F_W = d.X_world[iap_.diaphragm_body].applyTransposeForce(F_B);
  for (int b = iap_.diaphragm_body; b >= 0; b = model.bodies[b].parent) {
    const Body& body = model.bodies[b];
    const Vec6 F_j = d.X_world[b].applyForce(F_W);
    for (int c = 0; c < body.nv; ++c) iap_tau_[body.v_index + c] += body.S.col(c).dot(F_j);
  }
}

// A = R diag(F_act) (+ the pressure's columns) over the controlled rows: only R's fixed pattern and the
// pressure muscles' columns are written; every other entry of A stays the zero it was built with.
void MuscleController::solve(const Data& d, const Eigen::VectorXd& tau_des) {
  const MuscleSet& set = *muscles_;
  const int n = set.size(), m = static_cast<int>(rows_.size());
  const double breath = breathing_ ? breathing_->volumeFraction(d.time_s) : 0.0;
  // Only the rise above rest acts on the spine: the resting pressure is carried by the passive abdominal wall
  // and diaphragm, which the model does not represent (docs/muscles.md).
  const double iap_fixed_n = iap_.area_m2 * iap_.breathing_swing_pa * breath;
  const Eigen::VectorXd& arm = geometry_.arm;
  for (int j = 0; j < m; ++j) problem_.b[j] = tau_des[rows_[j]] - iap_tau_[rows_[j]] * iap_fixed_n;
  for (int i = 0; i < n; ++i) {
    const Muscle& mu = set.muscles[i];
    const bool pressure = pressure_gain_pa_[i] != 0.0;
    double* column = problem_.A.col(i).data();
    if (pressure)
      for (int j = 0; j < m; ++j) column[j] = iap_tau_[rows_[j]] * iap_.area_m2 * pressure_gain_pa_[i];
    for (int k = mu.first_arm; k < mu.first_arm + mu.num_arms; ++k) {
      const int j = arm_row_[k];
      if (j < 0) continue;
      const double a = arm[k] * active_n_[i];
      column[j] = pressure ? column[j] + a : a;
      problem_.b[j] -= arm[k] * passive_n_[i];
    }
  }
  for (int i = 0; i < n; ++i) {
    double lo = 0.0, hi = 1.0;
    if (started_) {  // the decays kept for the excitation that reaches the target
      decay_up_[i] = activationDecay(activation_[i], true, period_s_, set.hill);
      decay_down_[i] = activationDecay(activation_[i], false, period_s_, set.hill);
      reachableFromDecays(activation_[i], decay_up_[i], decay_down_[i], lo, hi);
    }
    problem_.lb[i] = std::min(std::max(lo, floorActivation(i, breath)), hi);
    problem_.ub[i] = hi;
  }
  if (params_.effort_exponent == 3) {
    // Σ a³ by Newton steps: around a_k, a³ ≈ const + 3a_k² (a − a_k) + 3a_k (a − a_k)².
    for (int k = 0; k < 4; ++k) {
      for (int i = 0; i < n; ++i) {
        const double a = std::max(x_[i], 1e-2);
        problem_.d[i] = 6.0 * a;
        problem_.c[i] = -3.0 * a * a;
      }
      stats_ = qp_.solve(problem_, x_);
    }
  } else {
    stats_ = qp_.solve(problem_, x_);
  }
  target_ = x_;
  reserve_.setZero();
  residual_.setZero();  // A x over A's pattern
  for (int i = 0; i < n; ++i)
    for (int e = problem_.pattern_start[i]; e < problem_.pattern_start[i + 1]; ++e)
      residual_[problem_.pattern_row[e]] += problem_.A(problem_.pattern_row[e], i) * x_[i];
  double sum2 = 0.0;
  reserve_max_nm_ = 0.0;
  for (int j = 0; j < m; ++j) {
    const double r = problem_.b[j] - residual_[j];
    reserve_[rows_[j]] = r;
    sum2 += r * r;
    reserve_max_nm_ = std::max(reserve_max_nm_, std::abs(r));
  }
  reserve_rms_nm_ = m > 0 ? std::sqrt(sum2 / m) : 0.0;
  // The torque-driven joints take what the muscles crossing them (and the pressure) leave of the demand.
  if (torque_rows_.empty()) return;
  double pressure_n = iap_.area_m2 * iap_.breathing_swing_pa * breath;
  for (int i = 0; i < n; ++i) pressure_n += iap_.area_m2 * pressure_gain_pa_[i] * x_[i];
  for (int row : torque_rows_) joint_torque_[row] = tau_des[row] - iap_tau_[row] * pressure_n;
  for (const auto& [i, k] : torque_arms_)
    joint_torque_[set.arm_dofs[k]] -= arm[k] * (x_[i] * active_n_[i] + passive_n_[i]);
}

void MuscleController::update(const Model& model, Data& d, double elapsed_s) {
  const MuscleSet& set = *muscles_;
  const int n = set.size();
  forwardKinematics(model, d, d.q, d.v);
  updateMuscleGeometry(model, d, d.v, set, geometry_);
  if (started_)
    for (int i = 0; i < n; ++i)
      activation_[i] = advanceActivation(activation_[i], excitation_[i], elapsed_s, set.hill);
  fiberForces();
  since_solve_s_ += elapsed_s;
  if (elapsed_s > 0.0) ++steps_since_solve_;
  const bool due = steps_per_solve_ > 0 ? steps_since_solve_ >= steps_per_solve_
                                        : since_solve_s_ >= period_s_ * (1.0 - 1e-9);
  if (!started_ || due) {
    hold_.update(model, d);  // τ_des into d.tau, from the external forces now in d.f_ext
    tau_des_ = d.tau;
    iapDirection(model, d);
    solve(d, tau_des_);
    if (!started_) activation_ = target_;  // start in the steady state of the first solution
    started_ = true;
    since_solve_s_ = 0.0;
    steps_since_solve_ = 0;
    for (int i = 0; i < n; ++i)  // (the first solve starts at its target: no decay needed)
      excitation_[i] = excitationFromDecay(activation_[i], target_[i],
                                           target_[i] > activation_[i] ? decay_up_[i] : decay_down_[i]);
  }
  const double breath = breathing_ ? breathing_->volumeFraction(d.time_s) : 0.0;
  iap_pa_ = iap_.rest_pa + pressure_gain_pa_.dot(activation_) + iap_.breathing_swing_pa * breath;
  if (iap_.max_pa > 0.0) iap_pa_ = std::clamp(iap_pa_, 0.0, iap_.max_pa);
  d.tau = reserve_ + joint_torque_;
  addWrenches(d);
}

// Each fibre's force terms at its current length and lengthening rate, and their slopes in that rate (for
// the implicit stepper's damping).
void MuscleController::fiberForces() {
  for (int i = 0; i < muscles_->size(); ++i) {
    const ForceTermsAndSlope f = fiberForceTerms(*muscles_, geometry_, i);
    active_n_[i] = f.value.active_per_activation_n;
    passive_n_[i] = f.value.passive_n;
    active_slope_[i] = f.slope.active_per_activation_n;
    passive_slope_[i] = f.slope.passive_n;
  }
}

// Only the implicit stepper asks, once per step (after applyAtState at the step's state): Σ_i R_ji² ∂F_i/∂l̇_i
// with the activations held, from the slopes fiberForces() left (analytic: docs/muscles.md).
void MuscleController::addDampingDiagonal(Eigen::VectorXd& damping_diag) const {
  for (int i = 0; i < muscles_->size(); ++i) {
    const double damping_n_s_per_m = std::max(0.0, activation_[i] * active_slope_[i] + passive_slope_[i]);
    const Muscle& mu = muscles_->muscles[i];
    for (int k = mu.first_arm; k < mu.first_arm + mu.num_arms; ++k)
      damping_diag[muscles_->arm_dofs[k]] += geometry_.arm[k] * geometry_.arm[k] * damping_n_s_per_m;
  }
}

void MuscleController::addWrenches(Data& d) {
  for (int i = 0; i < muscles_->size(); ++i) force_n_[i] = activation_[i] * active_n_[i] + passive_n_[i];
  addMuscleWrenches(d, *muscles_, geometry_, force_n_, d.f_ext);
  if (iap_.diaphragm_body >= 0) d.f_ext[iap_.diaphragm_body] += abdominalWrench();
}

// The muscles' force follows their fibre length and velocity within a step (the force-velocity relation is
// a stiff damper: held over a 1 ms step it makes the explicit integrators inaccurate, tests/
// test_run_scenario.cpp); the activations and the abdominal pressure stay as set at the step's start.
void MuscleController::applyAtState(const Model& model, Data& d, const Eigen::VectorXd& q,
                                    const Eigen::VectorXd& v, const AlignedVector<Vec6>& external) {
  forwardKinematics(model, d, q, v);
  updateMuscleGeometry(model, d, v, *muscles_, geometry_);
  fiberForces();
  for (int i = 0; i < model.nbodies(); ++i) d.f_ext[i] = external[i];
  addWrenches(d);
}

Vec6 MuscleController::abdominalWrench() const {
  const Vec3 F(0.0, 0.0, (iap_pa_ - iap_.rest_pa) * iap_.area_m2);
  Vec6 w;
  w << iap_.diaphragm_point_m.cross(F), F;
  return w;
}

}  // namespace spineload
