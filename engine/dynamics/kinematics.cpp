#include "engine/dynamics/kinematics.hpp"

namespace spineload {

void updatePrescribedBase(const Model& model, Data& data, double time_s) {
  if (model.prescribed_motion) data.base = model.prescribed_motion->at(time_s);
}

void forwardKinematics(const Model& model, Data& data, const Eigen::VectorXd& q, const Eigen::VectorXd& v) {
  for (int i = 0; i < model.nbodies(); ++i) {
    const Body& b = model.bodies[i];
    if (b.joint == JointType::Prescribed) {
      const BaseKinematics& k = data.base;
      data.X_parent[i] = Transform::fromPose(k.R_WB, k.p_WB_W);
      data.X_world[i] = data.X_parent[i];
      data.v_body[i] << k.R_WB.transpose() * k.w_WB_W, k.R_WB.transpose() * k.v_WB_W;
      data.c_bias[i].setZero();
      continue;
    }
    data.X_parent[i] = jointTransform(b.joint, b.axis, q.data() + b.q_index) * b.X_tree;
    const Vec6 vJ = jointVelocity(b, v);
    if (b.parent < 0) {
      data.X_world[i] = data.X_parent[i];
      data.v_body[i] = vJ;
    } else {
      data.X_world[i] = data.X_parent[i] * data.X_world[b.parent];
      data.v_body[i] = data.X_parent[i].applyMotion(data.v_body[b.parent]) + vJ;
    }
    // c_i = c_J + v_i × v_J with c_J = 0 for joints whose S is constant in the body frame.
    data.c_bias[i] = crossMotion(data.v_body[i], vJ);
  }
}

Vec6 rootOrParentAcceleration(const Model& model, const Data& data, int i) {
  const Body& b = model.bodies[i];
  if (b.parent >= 0) return data.X_parent[i].applyMotion(data.a_body[b.parent]);
  Vec6 a = data.X_parent[i].applyMotion(gravityAcceleration(model));
  if (b.joint == JointType::Prescribed) {
    // Spatial acceleration of a moving frame in its own coordinates: [R^T ω̇; R^T (p̈ - ω × ṗ)].
    const BaseKinematics& k = data.base;
    const Mat3 Rt = k.R_WB.transpose();
    a.head<3>() += Rt * k.dw_WB_W;
    a.tail<3>() += Rt * (k.a_WB_W - k.w_WB_W.cross(k.v_WB_W));
  }
  return a;
}

}  // namespace spineload
