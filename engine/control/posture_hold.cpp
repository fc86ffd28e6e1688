#include "engine/control/posture_hold.hpp"

#include <cmath>

#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/rnea.hpp"

namespace spineload {

PostureHold::PostureHold(const Model& model, double bandwidth_hz, double damping_ratio,
                         const JointReference* reference)
    : scratch_(model),
      reference_(reference),
      q_ref_(model.q_neutral),
      v_ref_(Eigen::VectorXd::Zero(model.nv)),
      a_ref_(Eigen::VectorXd::Zero(model.nv)),
      qdd_des_(Eigen::VectorXd::Zero(model.nv)),
      omega_rad_s_(2.0 * M_PI * bandwidth_hz),
      damping_ratio_(damping_ratio) {}

void PostureHold::update(const Model& model, Data& d) {
  const double w2 = omega_rad_s_ * omega_rad_s_, c = 2.0 * damping_ratio_ * omega_rad_s_;
  // q̈_des = a_ref - ω² (q ⊖ q_ref) - 2ζω (v - v_ref)
  if (reference_) reference_->apply(d.time_s, q_ref_, v_ref_, a_ref_);
  configurationDifference(model, q_ref_, d.q, qdd_des_);
  qdd_des_ = a_ref_ - w2 * qdd_des_ - c * (d.v - v_ref_);
  for (const Body& b : model.bodies)
    if (b.joint == JointType::Prismatic)
      qdd_des_[b.v_index] = 0.0;  // discs: quasi-static in the inverse dynamics
  scratch_.base = d.base;
  for (int i = 0; i < model.nbodies(); ++i) scratch_.f_ext[i] = d.f_ext[i];
  rnea(model, scratch_, d.q, d.v, qdd_des_);
  computePassiveForces(model, scratch_, d.q, d.v, false);
  d.tau = scratch_.tau_id - scratch_.tau_passive;
  // Slides are disc compression: carried by the disc, not by muscles, so no torque holds them.
  for (const Body& b : model.bodies)
    if (b.joint == JointType::Prismatic) d.tau[b.v_index] = 0.0;
}

}  // namespace spineload
