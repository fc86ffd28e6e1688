#include "engine/metrics/level_loads.hpp"

#include "engine/core/rotation.hpp"

namespace spineload {

Vec6 toMidDiscFrame(const Model& model, const Eigen::VectorXd& q, int body, const Vec6& f_B) {
  const Body& b = model.bodies[body];
  // R_MB: from the body (upper vertebra) frame to the mid-disc frame = half the joint rotation.
  Mat3 R_MB = Mat3::Identity();
  if (b.joint == JointType::Spherical) {
    R_MB = quatExp(0.5 * quatLog(quatFromCoords(q.segment<4>(b.q_index)).normalized())).toRotationMatrix();
  } else if (b.joint == JointType::Revolute) {
    R_MB = Eigen::AngleAxisd(0.5 * q[b.q_index], b.axis).toRotationMatrix();
  }
  Vec6 f;
  f << R_MB * f_B.head<3>(), R_MB * f_B.tail<3>();
  return f;
}

Vec6 midDiscReaction(const Model& model, const Data& data, const Eigen::VectorXd& q, int body) {
  return toMidDiscFrame(model, q, body, data.f_joint[body]);
}

LevelLoad levelLoad(const Model& model, const Data& data, const Eigen::VectorXd& q, int body) {
  const Vec6 f = midDiscReaction(model, data, q, body);
  LevelLoad l;
  l.moment_lb_nm = -f[0];
  l.moment_fe_nm = -f[1];
  l.moment_ax_nm = -f[2];
  l.shear_ap_n = -f[3];
  l.shear_ml_n = -f[4];
  l.compression_n = f[5];
  return l;
}

}  // namespace spineload
