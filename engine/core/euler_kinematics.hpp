// Rotation, angular velocity and angular acceleration of three successive body-fixed rotations about
// the axes y, x, z (angles a, b, c): R = Ry(a) Rx(b) Rz(c). This is the pelvis sequence of OpenSim's
// gait models (tilt about the medio-lateral axis, then list, then axial rotation) written in spineload's
// frame (x forward, y left, z up). With e1, e2, e3 the three axes:
//   ω = ȧ e1 + ḃ R1 e2 + ċ R1 R2 e3                       (world coordinates)
//   ω̇ = ä e1 + b̈ R1 e2 + ċ̈ R1 R2 e3 + ḃ (ȧ e1 × R1 e2) + ċ (ω12 × R1 R2 e3),   ω12 = ȧ e1 + ḃ R1 e2.
#pragma once

#include <cmath>

#include "engine/core/spatial.hpp"

namespace spineload {

struct EulerYXZKinematics {
  Mat3 R = Mat3::Identity();
  Vec3 omega = Vec3::Zero();      ///< [rad/s], world
  Vec3 omega_dot = Vec3::Zero();  ///< [rad/s²], world
};

/// angles, rates and accelerations ordered (y, x, z) [rad, rad/s, rad/s²].
inline EulerYXZKinematics eulerYXZ(const Vec3& angle, const Vec3& rate, const Vec3& accel) {
  const Mat3 R1 = Eigen::AngleAxisd(angle[0], Vec3::UnitY()).toRotationMatrix();
  const Mat3 R2 = Eigen::AngleAxisd(angle[1], Vec3::UnitX()).toRotationMatrix();
  const Mat3 R3 = Eigen::AngleAxisd(angle[2], Vec3::UnitZ()).toRotationMatrix();
  const Vec3 e1 = Vec3::UnitY();
  const Vec3 e2 = R1 * Vec3::UnitX();
  const Vec3 e3 = R1 * R2 * Vec3::UnitZ();
  EulerYXZKinematics k;
  k.R = R1 * R2 * R3;
  const Vec3 w12 = rate[0] * e1 + rate[1] * e2;
  k.omega = w12 + rate[2] * e3;
  k.omega_dot = accel[0] * e1 + accel[1] * e2 + accel[2] * e3 + rate[1] * (rate[0] * e1).cross(e2) +
                rate[2] * w12.cross(e3);
  return k;
}

}  // namespace spineload
