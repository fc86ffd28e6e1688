// Rigid-body spatial inertia about a frame's origin (Featherstone 2008, §2.13).
//
// I = [Ibar  h×; -h×  m 1] with h = m c (first mass moment, c = centre of mass) and Ibar = I_c + m c× c×^T
// the rotational inertia about the frame origin. Stored as (m, h, Ibar): 10 numbers instead of 36.
#pragma once

#include "engine/core/spatial.hpp"

namespace spineload {

struct RigidInertia {
  double mass_kg = 0.0;
  Vec3 h = Vec3::Zero();     ///< first moment of mass m c [kg·m], frame coordinates
  Mat3 Ibar = Mat3::Zero();  ///< rotational inertia about the frame origin [kg·m²]

  /// From mass, centre of mass c (frame coordinates) and inertia about the centre of mass, frame axes.
  static RigidInertia fromCom(double mass_kg, const Vec3& com_m, const Mat3& I_com) {
    const Mat3 cx = skew(com_m);
    return {mass_kg, mass_kg * com_m, I_com + mass_kg * cx * cx.transpose()};
  }

  Vec3 com() const { return mass_kg > 0.0 ? Vec3(h / mass_kg) : Vec3::Zero(); }

  /// Spatial momentum / force I * m for a motion vector m = [w; v]: [Ibar w + h×v; m v - h×w].
  Vec6 operator*(const Vec6& m) const {
    const Vec3 w = m.head<3>(), v = m.tail<3>();
    Vec6 out;
    out.head<3>() = Ibar * w + h.cross(v);
    out.tail<3>() = mass_kg * v - h.cross(w);
    return out;
  }

  Mat6 matrix() const {
    Mat6 I;
    const Mat3 hx = skew(h);
    I.topLeftCorner<3, 3>() = Ibar;
    I.topRightCorner<3, 3>() = hx;
    I.bottomLeftCorner<3, 3>() = hx.transpose();
    I.bottomRightCorner<3, 3>() = mass_kg * Mat3::Identity();
    return I;
  }
};

}  // namespace spineload
