// Holding the neutral posture with joint torques: the stand-in for the trunk muscles until they are built.
//
// Computed-torque control (e.g. Siciliano et al., Robotics, §8.5): the desired acceleration
//     q̈_des = -ω² (q ⊖ q_ref) - 2 ζ ω v,   ω = 2π f,
// and the torques that produce it, τ = RNEA(q, v, q̈_des) - τ_passive(q, v), given the prescribed pelvis
// motion and the external forces. Every DOF then follows a critically damped (ζ = 1) second-order response
// at f whatever the coupling through the chain; a decentralized PD would need gains matched to each joint's
// effective inertia, which for a chain differs from M_ii by orders of magnitude. The torques are the net
// moments the muscles would have to produce and appear in the level loads as moments (docs/model.md).
// Prismatic (disc compression) DOFs are left to their passive elements: no torque on them, and a zero
// desired acceleration in the inverse dynamics.
#pragma once

#include "engine/control/joint_reference.hpp"
#include "engine/dynamics/data.hpp"

namespace spineload {

class PostureHold {
 public:
  /// Gains from the scenario's [control] keys (scenario_parameters.toml: defaults 4 Hz, critical damping).
  /// `reference` (optional, not owned, must outlive this) moves the target of some joints over time, e.g.
  /// the arm swing: q̈_des = a_ref - ω² (q ⊖ q_ref) - 2 ζ ω (v - v_ref).
  PostureHold(const Model& model, double bandwidth_hz, double damping_ratio,
              const JointReference* reference = nullptr);

  /// Sets data.tau for the state in `data` at data.time_s (uses data.base and data.f_ext). No allocation.
  void update(const Model& model, Data& data);

 private:
  Data scratch_;  ///< inverse-dynamics workspace, so the simulation's Data is not disturbed
  const JointReference* reference_;
  Eigen::VectorXd q_ref_, v_ref_, a_ref_, qdd_des_;
  double omega_rad_s_, damping_ratio_;
};

}  // namespace spineload
