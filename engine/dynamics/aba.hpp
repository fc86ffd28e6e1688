// Articulated-body algorithm: forward dynamics in O(n) (Featherstone 2008, Table 7.1).
#pragma once

#include "engine/dynamics/data.hpp"

namespace spineload {

/// Solves (M(q) + diag(data.implicit_diag)) q̈ = tau - C(q, v) + J^T f_ext for q̈ -> data.qdd.
/// Uses data.f_ext and data.base; fills the kinematics and data.a_body. Force elements are NOT added
/// here: forwardDynamics() does that. implicit_diag is zero except inside the implicit integrator.
void aba(const Model& model, Data& data, const Eigen::VectorXd& q, const Eigen::VectorXd& v,
         const Eigen::VectorXd& tau);

/// Evaluates the force elements into data.tau_passive (and their Jacobian diagonals when asked).
void computePassiveForces(const Model& model, Data& data, const Eigen::VectorXd& q, const Eigen::VectorXd& v,
                          bool with_jacobians);

/// The whole acceleration stage at (time_s, q, v): prescribed base, passive forces, ABA with
/// data.tau + data.tau_passive. Result in data.qdd.
void forwardDynamics(const Model& model, Data& data, double time_s, const Eigen::VectorXd& q,
                     const Eigen::VectorXd& v);

}  // namespace spineload
