// Per-DOF nonlinear spring and linear damper on one joint: the first passive-tissue element.
//
// For each velocity DOF k of the joint, with deflection δ_k from the neutral position:
//   elastic potential  V_k = ½ k1 δ_k² + ¼ k3 δ_k⁴      (k1 [N·m/rad], k3 [N·m/rad³]; N/m, N/m³ for slides)
//                      with k3 replaced by k3_negative for δ_k < 0 (flexion and extension differ); V stays
//                      C².
//   damping            τ_k = -c v_k                       (c [N·m·s/rad])
// Revolute/prismatic: δ = q - q0. Spherical: δ = θ = log(q0⁻¹ ⊗ q), the rotation vector of the joint in the
// child frame; the elastic torque is τ = -Jr⁻¹(θ)ᵀ ∇V(θ), which is exactly conservative because
// dθ/dt = Jr⁻¹(θ) ω (Jr: right Jacobian of SO(3)). The stiffness reported to the implicit integrator is the
// diagonal of ∇²V (exact at θ = 0, an approximation elsewhere that affects stability only, not accuracy).
// A cubic-hardening curve is the simplest nonlinear form that stiffens towards the end of range, as spinal
// motion segments do (Panjabi 1976); the anatomical tissue curves of the trunk model replace it per level.
#pragma once

#include <array>
#include <limits>
#include <string>

#include "engine/dynamics/force_element.hpp"
#include "engine/dynamics/joint.hpp"

namespace spineload {

struct SpringDof {
  double k1 = 0.0;       ///< linear stiffness, ≥ 0 [N·m/rad] or [N/m]
  double k3 = 0.0;       ///< cubic stiffness for δ ≥ 0, ≥ 0 [N·m/rad³] or [N/m³]
  double damping = 0.0;  ///< ≥ 0 [N·m·s/rad] or [N·s/m]
  double k3_negative = std::numeric_limits<double>::quiet_NaN();  ///< cubic stiffness for δ < 0; NaN = k3
};

class JointSpringDamper final : public ForceElement {
 public:
  /// `neutral` holds the joint's nq neutral coordinates (a unit quaternion for spherical joints).
  /// Throws std::invalid_argument for free/fixed/prescribed joints or negative coefficients.
  JointSpringDamper(const Model& model, int body, const std::array<SpringDof, 3>& dofs,
                    const Eigen::Vector4d& neutral);

  const std::string& name() const override { return name_; }
  void addGeneralizedForces(const Model& model, const Eigen::VectorXd& q, const Eigen::VectorXd& v,
                            Eigen::VectorXd& tau, Eigen::VectorXd* stiffness_diag,
                            Eigen::VectorXd* damping_diag) const override;
  double potentialEnergy(const Model& model, const Eigen::VectorXd& q) const override;
  void appendParameters(std::vector<double>& out) const override;

 private:
  Vec3 deflection(const Eigen::VectorXd& q) const;

  std::string name_;
  JointType type_;
  int q_index_, v_index_, nv_;
  std::array<SpringDof, 3> dofs_;
  Eigen::Vector4d neutral_;
};

}  // namespace spineload
