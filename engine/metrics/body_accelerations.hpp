// Linear accelerations of points on the bodies, as an accelerometer strapped to the skin would see them once
// gravity is removed (running accelerometry reports segment accelerations at the pelvis, the spine and the
// head; docs/loads.md, docs/research/shock.md).
#pragma once

#include "engine/dynamics/data.hpp"

namespace spineload {

/// Classical linear acceleration of the point p_B fixed in `body`, in world coordinates, gravity not
/// included [m/s^2]. Needs data.X_world, v_body and a_body of the same state (forwardDynamics or rnea);
/// a_body holds the "-g" trick (the base accelerates upwards at g), which is removed here.
Vec3 pointAccelerationWorld(const Model& model, const Data& data, int body, const Vec3& p_B);

/// The same at the body's centre of mass.
inline Vec3 comAccelerationWorld(const Model& model, const Data& data, int body) {
  return pointAccelerationWorld(model, data, body, model.bodies[body].inertia.com());
}

}  // namespace spineload
