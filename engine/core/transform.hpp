// Plücker coordinate transform B_X_A between two frames A and B (Featherstone 2008, §2.8 and Table 2.5).
//
// Stored compactly as (E, r): E = B_R_A rotates coordinates from A to B, r = p_AB_A is the position of B's
// origin relative to A's, expressed in A. The 6x6 matrix it stands for is X = [E 0; -E r× E].
#pragma once

#include "engine/core/spatial.hpp"

namespace spineload {

struct Transform {
  Mat3 E = Mat3::Identity();  ///< rotation taking A coordinates to B coordinates (B_R_A)
  Vec3 r = Vec3::Zero();      ///< origin of B relative to origin of A, in A coordinates [m]

  static Transform identity() { return {}; }
  /// Frame B is A rotated by R_AB (columns: B's axes in A) and shifted by p_AB_A.
  static Transform fromPose(const Mat3& R_AB, const Vec3& p_AB_A) { return {R_AB.transpose(), p_AB_A}; }

  /// Motion vector from A to B coordinates: [E w; E (v - r×w)].
  Vec6 applyMotion(const Vec6& m) const {
    Vec6 out;
    out.head<3>() = E * m.head<3>();
    out.tail<3>() = E * (m.tail<3>() - r.cross(m.head<3>()));
    return out;
  }
  /// Force vector from A to B coordinates: [E (n - r×f); E f].
  Vec6 applyForce(const Vec6& f) const {
    Vec6 out;
    out.head<3>() = E * (f.head<3>() - r.cross(f.tail<3>()));
    out.tail<3>() = E * f.tail<3>();
    return out;
  }
  /// Motion vector from B back to A: X^{-1} m = [E^T w; E^T v + r×(E^T w)].
  Vec6 applyInverseMotion(const Vec6& m) const {
    Vec6 out;
    out.head<3>() = E.transpose() * m.head<3>();
    out.tail<3>() = E.transpose() * m.tail<3>() + r.cross(out.head<3>());
    return out;
  }
  /// Force vector from B back to A: X^T f = [E^T n + r×(E^T f); E^T f].
  Vec6 applyTransposeForce(const Vec6& f) const {
    Vec6 out;
    out.tail<3>() = E.transpose() * f.tail<3>();
    out.head<3>() = E.transpose() * f.head<3>() + r.cross(out.tail<3>());
    return out;
  }
  /// Composition: (C_X_B * B_X_A) = C_X_A.
  Transform operator*(const Transform& BA) const { return {E * BA.E, BA.r + BA.E.transpose() * r}; }
  Transform inverse() const { return {E.transpose(), -(E * r)}; }

  /// The 6x6 motion transform matrix; for tests and for the rare dense use.
  Mat6 matrix() const {
    Mat6 X = Mat6::Zero();
    X.topLeftCorner<3, 3>() = E;
    X.bottomRightCorner<3, 3>() = E;
    X.bottomLeftCorner<3, 3>() = -E * skew(r);
    return X;
  }
};

/// X^T I X for a symmetric 6x6 inertia I given in B coordinates, returned in A coordinates (Featherstone
/// eq. 2.66 applied to articulated inertias). Done on 3x3 blocks: rotate, then shift the origin by r.
inline Mat6 transformInertiaToParent(const Transform& X, const Mat6& I) {
  const Mat3 Et = X.E.transpose();
  const Mat3 A = Et * I.topLeftCorner<3, 3>() * X.E;
  const Mat3 B = Et * I.topRightCorner<3, 3>() * X.E;
  const Mat3 C = Et * I.bottomRightCorner<3, 3>() * X.E;
  const Mat3 rx = skew(X.r);
  // [I rx; 0 I] [A B; B^T C] [I 0; -rx I]
  const Mat3 Bp = B + rx * C;
  Mat6 out;
  out.topLeftCorner<3, 3>() = A + rx * B.transpose() - Bp * rx;
  out.topRightCorner<3, 3>() = Bp;
  out.bottomLeftCorner<3, 3>() = Bp.transpose();
  out.bottomRightCorner<3, 3>() = C;
  return out;
}

}  // namespace spineload
