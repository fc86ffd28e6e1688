// Operations on generalized coordinates, which live on a manifold: quaternions have 4 coordinates but 3
// velocity DOF. Integration uses the exponential map so quaternions stay unit to round-off.
#pragma once

#include "engine/dynamics/model.hpp"

namespace spineload {

/// q_out = q ⊕ (v dt): revolute/prismatic add, rotations compose with exp(ω dt) on the body side, free-joint
/// positions move by R(q) v_lin dt. q_out may alias q.
void integrateConfiguration(const Model& model, const Eigen::VectorXd& q, const Eigen::VectorXd& v, double dt,
                            Eigen::VectorXd& q_out);

/// q̇ as a vector in R^nq (quaternion rates 0.5 q ⊗ (0, ω)); used by RK4, which then renormalizes.
void configurationDerivative(const Model& model, const Eigen::VectorXd& q, const Eigen::VectorXd& v,
                             Eigen::VectorXd& qdot);

void normalizeQuaternions(const Model& model, Eigen::VectorXd& q);

/// Difference q1 ⊖ q0 in velocity coordinates (nv): the v with q0 ⊕ v = q1 (for one unit of time).
Eigen::VectorXd configurationDifference(const Model& model, const Eigen::VectorXd& q0,
                                        const Eigen::VectorXd& q1);
/// The same into `out` (size nv), without allocating: for use inside the time loop.
void configurationDifference(const Model& model, const Eigen::VectorXd& q0, const Eigen::VectorXd& q1,
                             Eigen::VectorXd& out);

}  // namespace spineload
