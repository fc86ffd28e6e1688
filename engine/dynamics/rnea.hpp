// Recursive Newton-Euler inverse dynamics (Featherstone 2008, Table 5.1) and joint reaction wrenches.
#pragma once

#include "engine/dynamics/data.hpp"

namespace spineload {

/// τ = M(q) q̈ + C(q, v) - J^T f_ext -> data.tau_id; also fills data.f_joint and data.a_body.
/// τ is the total generalized force (applied + passive) that produces q̈.
void rnea(const Model& model, Data& data, const Eigen::VectorXd& q, const Eigen::VectorXd& v,
          const Eigen::VectorXd& qdd);

/// After aba() (or any pass that filled data.v_body and data.a_body): the wrench each parent transmits to
/// its child across the joint, in the child frame about the joint centre, with gravity, inertia, external
/// forces (data.f_ext) and the joint's own generalized force all included -> data.f_joint.
void jointReactions(const Model& model, Data& data);

}  // namespace spineload
