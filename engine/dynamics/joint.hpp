// Joint types and their kinematics (Featherstone 2008, §4.4 and Table 4.1: jcalc).
//
// Every joint connects a predecessor frame (fixed on the parent, placed by the tree transform X_T) to the
// child body frame. Joint velocities are expressed in the child frame, so the motion subspace S is constant
// for every type here and the joint bias velocity c_J = dS/dt q̇ is zero.
//
// | type       | nq | nv | coordinates                          | velocities (child frame)        |
// |------------|----|----|--------------------------------------|---------------------------------|
// | Fixed      | 0  | 0  | —                                    | —                               |
// | Revolute   | 1  | 1  | angle about `axis` [rad]              | angle rate [rad/s]              |
// | Prismatic  | 1  | 1  | slide along `axis` [m]                | slide rate [m/s]                |
// | Spherical  | 4  | 3  | unit quaternion (w,x,y,z)             | angular velocity [rad/s]        |
// | Free       | 7  | 6  | position [m], unit quaternion         | [angular; linear] body velocity |
// | Prescribed | 0  | 0  | pose given as a function of time      | —  (root bodies only)           |
#pragma once

#include <string_view>

#include "engine/core/rotation.hpp"
#include "engine/core/transform.hpp"

namespace spineload {

enum class JointType { Fixed, Revolute, Prismatic, Spherical, Free, Prescribed };

constexpr int jointNq(JointType t) {
  switch (t) {
    case JointType::Revolute:
    case JointType::Prismatic:
      return 1;
    case JointType::Spherical:
      return 4;
    case JointType::Free:
      return 7;
    default:
      return 0;
  }
}

constexpr int jointNv(JointType t) {
  switch (t) {
    case JointType::Revolute:
    case JointType::Prismatic:
      return 1;
    case JointType::Spherical:
      return 3;
    case JointType::Free:
      return 6;
    default:
      return 0;
  }
}

std::string_view jointTypeName(JointType t);

/// Motion subspace S (6 x nv, child frame) of a joint; columns beyond nv are zero.
Mat6 jointMotionSubspace(JointType type, const Vec3& axis);

/// Joint transform X_J = child_X_predecessor for coordinates q (pointer to the joint's nq values).
/// Prescribed and Fixed joints return identity here (a prescribed pose is applied by the caller).
inline Transform jointTransform(JointType type, const Vec3& axis, const double* q) {
  switch (type) {
    case JointType::Revolute:
      return Transform::fromPose(Eigen::AngleAxisd(q[0], axis).toRotationMatrix(), Vec3::Zero());
    case JointType::Prismatic:
      return Transform::fromPose(Mat3::Identity(), q[0] * axis);
    case JointType::Spherical:
      return {Quat(q[0], q[1], q[2], q[3]).normalized().toRotationMatrix().transpose(), Vec3::Zero()};
    case JointType::Free:
      return {Quat(q[3], q[4], q[5], q[6]).normalized().toRotationMatrix().transpose(),
              Vec3(q[0], q[1], q[2])};
    default:
      return Transform::identity();
  }
}

}  // namespace spineload
