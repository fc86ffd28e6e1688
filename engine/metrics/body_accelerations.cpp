#include "engine/metrics/body_accelerations.hpp"

namespace spineload {

Vec3 pointAccelerationWorld(const Model& model, const Data& data, int body, const Vec3& p_B) {
  const Vec6& v = data.v_body[body];
  const Vec6& a = data.a_body[body];
  const Vec3 w = v.head<3>(), v_o = v.tail<3>();
  // The spatial acceleration's linear part is that of the body-fixed point passing through the origin at
  // this instant; the classical acceleration of p adds the rotating frame's velocity term w × v_p.
  const Vec3 a_p_B = a.tail<3>() + a.head<3>().cross(p_B) + w.cross(v_o + w.cross(p_B));
  const Mat3& E = data.X_world[body].E;  // world -> body
  return E.transpose() * a_p_B + model.gravity_W;
}

}  // namespace spineload
