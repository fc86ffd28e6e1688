#include "engine/dynamics/rnea.hpp"

#include "engine/dynamics/kinematics.hpp"

namespace spineload {

void jointReactions(const Model& model, Data& d) {
  const int nb = model.nbodies();
  for (int i = 0; i < nb; ++i) {
    const RigidInertia& I = model.bodies[i].inertia;
    d.f_joint[i] = I * d.a_body[i] + crossForce(d.v_body[i], I * d.v_body[i]) - d.f_ext[i];
  }
  for (int i = nb - 1; i >= 0; --i) {
    const int p = model.bodies[i].parent;
    if (p >= 0) d.f_joint[p] += d.X_parent[i].applyTransposeForce(d.f_joint[i]);
  }
}

void rnea(const Model& model, Data& d, const Eigen::VectorXd& q, const Eigen::VectorXd& v,
          const Eigen::VectorXd& qdd) {
  forwardKinematics(model, d, q, v);
  for (int i = 0; i < model.nbodies(); ++i) {
    const Body& b = model.bodies[i];
    d.a_body[i] = rootOrParentAcceleration(model, d, i);
    if (b.joint != JointType::Prescribed) d.a_body[i] += d.c_bias[i] + jointVelocity(b, qdd);
  }
  jointReactions(model, d);
  for (int i = 0; i < model.nbodies(); ++i) {
    const Body& b = model.bodies[i];
    if (b.nv > 0) d.tau_id.segment(b.v_index, b.nv) = b.S.leftCols(b.nv).transpose() * d.f_joint[i];
  }
}

}  // namespace spineload
