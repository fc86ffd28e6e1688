// Spatial (6-D) vector algebra after Featherstone, "Rigid Body Dynamics Algorithms" (2008), ch. 2.
//
// Conventions, used everywhere in the engine:
//  - a motion vector m = [angular; linear] = [w; v]; a force vector f = [moment; force] = [n; f];
//  - both are expressed in some frame's coordinates, about that frame's origin;
//  - SI units (rad/s, m/s, N·m, N).
#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>

namespace spineload {

using Vec3 = Eigen::Vector3d;
using Mat3 = Eigen::Matrix3d;
using Vec6 = Eigen::Matrix<double, 6, 1>;
using Mat6 = Eigen::Matrix<double, 6, 6>;
using Quat = Eigen::Quaterniond;

/// Skew-symmetric matrix: skew(a) * b == a.cross(b).
inline Mat3 skew(const Vec3& a) {
  Mat3 s;
  s << 0.0, -a.z(), a.y(), a.z(), 0.0, -a.x(), -a.y(), a.x(), 0.0;
  return s;
}

/// Motion cross product v × m (Featherstone eq. 2.31): [w×mw; w×mv + v×mw].
inline Vec6 crossMotion(const Vec6& v, const Vec6& m) {
  const Vec3 w = v.head<3>(), vl = v.tail<3>();
  Vec6 out;
  out.head<3>() = w.cross(m.head<3>());
  out.tail<3>() = w.cross(m.tail<3>()) + vl.cross(m.head<3>());
  return out;
}

/// Force cross product v ×* f (Featherstone eq. 2.32): [w×fn + v×ff; w×ff].
inline Vec6 crossForce(const Vec6& v, const Vec6& f) {
  const Vec3 w = v.head<3>(), vl = v.tail<3>();
  Vec6 out;
  out.head<3>() = w.cross(f.head<3>()) + vl.cross(f.tail<3>());
  out.tail<3>() = w.cross(f.tail<3>());
  return out;
}

/// 6x6 matrix of the motion cross product operator (v×).
inline Mat6 crossMotionMatrix(const Vec6& v) {
  Mat6 m = Mat6::Zero();
  m.topLeftCorner<3, 3>() = skew(v.head<3>());
  m.bottomRightCorner<3, 3>() = skew(v.head<3>());
  m.bottomLeftCorner<3, 3>() = skew(v.tail<3>());
  return m;
}

}  // namespace spineload
