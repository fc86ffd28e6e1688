// Rotations: unit quaternions stored as (w, x, y, z) in generalized coordinates (MuJoCo's order), the
// exponential and logarithm maps of SO(3), and the inverse right Jacobian used by rotational springs.
#pragma once

#include <cmath>

#include "engine/core/spatial.hpp"

namespace spineload {

/// Quaternion from 4 consecutive coordinates (w, x, y, z).
inline Quat quatFromCoords(Eigen::Ref<const Eigen::Vector4d> c) {
  return Quat(c[0], c[1], c[2], c[3]);
}

inline void quatToCoords(const Quat& q, Eigen::Ref<Eigen::Vector4d> out) {
  out << q.w(), q.x(), q.y(), q.z();
}

/// Exp: rotation vector theta [rad] -> unit quaternion (exact, with a series near zero).
inline Quat quatExp(const Vec3& theta) {
  const double angle = theta.norm();
  const double half = 0.5 * angle;
  // sin(half)/angle -> 1/2 - angle^2/48 as angle -> 0
  const double k = angle < 1e-8 ? 0.5 - angle * angle / 48.0 : std::sin(half) / angle;
  return Quat(std::cos(half), k * theta.x(), k * theta.y(), k * theta.z());
}

/// Log: unit quaternion -> rotation vector in (-pi, pi] (shortest rotation).
inline Vec3 quatLog(Quat q) {
  if (q.w() < 0.0) q.coeffs() = -q.coeffs();
  const Vec3 u = q.vec();
  const double s = u.norm();
  if (s < 1e-8) return 2.0 * u / q.w();  // 2 atan2(s, w) / s -> 2 / w
  return (2.0 * std::atan2(s, q.w()) / s) * u;
}

/// Inverse of the right Jacobian of SO(3): d(theta)/dt = Jr^{-1}(theta) * omega_body.
inline Mat3 rightJacobianInverse(const Vec3& theta) {
  const double a = theta.norm();
  const Mat3 tx = skew(theta);
  // c = 1/a² - (1 + cos a)/(2 a sin a) = 1/a² - cot(a/2)/(2a), written with cot(a/2) so that it stays
  // finite at a = π; c -> 1/12 + a²/720 as a -> 0.
  const double c = a < 1e-4 ? 1.0 / 12.0 + a * a / 720.0
                            : 1.0 / (a * a) - std::cos(0.5 * a) / (2.0 * a * std::sin(0.5 * a));
  return Mat3::Identity() + 0.5 * tx + c * tx * tx;
}

}  // namespace spineload
