// Position and velocity stage: body transforms, spatial velocities and velocity-product accelerations
// (the first pass of Featherstone's RNEA and ABA, Table 5.1 and 7.1).
#pragma once

#include "engine/dynamics/data.hpp"

namespace spineload {

/// data.base = prescribed root motion at time_s (no-op without a prescribed motion).
void updatePrescribedBase(const Model& model, Data& data, double time_s);

/// Fills X_parent, X_world, v_body and c_bias for (q, v) and data.base.
void forwardKinematics(const Model& model, Data& data, const Eigen::VectorXd& q, const Eigen::VectorXd& v);

/// Spatial acceleration of the world as seen by the algorithms: [0; -g] (Featherstone's gravity trick,
/// so that every body "accelerates upward" and the joint forces carry its weight).
inline Vec6 gravityAcceleration(const Model& model) {
  Vec6 a;
  a << Vec3::Zero(), -model.gravity_W;
  return a;
}

/// Acceleration of body i's parent frame (the world's gravity trick for roots), in body i coordinates,
/// plus for a prescribed root the prescribed acceleration itself.
Vec6 rootOrParentAcceleration(const Model& model, const Data& data, int i);

/// Joint velocity S q̇ for body i, body frame.
inline Vec6 jointVelocity(const Body& b, const Eigen::VectorXd& v) {
  Vec6 vJ = Vec6::Zero();
  switch (b.joint) {
    case JointType::Revolute:
      vJ.head<3>() = b.axis * v[b.v_index];
      break;
    case JointType::Prismatic:
      vJ.tail<3>() = b.axis * v[b.v_index];
      break;
    case JointType::Spherical:
      vJ.head<3>() = v.segment<3>(b.v_index);
      break;
    case JointType::Free:
      vJ = v.segment<6>(b.v_index);
      break;
    default:
      break;
  }
  return vJ;
}

}  // namespace spineload
