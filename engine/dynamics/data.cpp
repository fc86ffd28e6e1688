#include "engine/dynamics/data.hpp"

namespace spineload {

Data::Data(const Model& model) {
  const int nb = model.nbodies(), nq = model.nq, nv = model.nv;
  q = model.q_neutral;
  v = tau = qdd = tau_passive = tau_id = Eigen::VectorXd::Zero(nv);
  implicit_diag = stiffness_diag = damping_diag = tau_total = Eigen::VectorXd::Zero(nv);
  M = Eigen::MatrixXd::Zero(nv, nv);
  f_ext.assign(nb, Vec6::Zero());
  f_joint.assign(nb, Vec6::Zero());
  X_parent.assign(nb, Transform::identity());
  X_world.assign(nb, Transform::identity());
  v_body.assign(nb, Vec6::Zero());
  a_body.assign(nb, Vec6::Zero());
  c_bias.assign(nb, Vec6::Zero());
  IA.assign(nb, Mat6::Zero());
  pA.assign(nb, Vec6::Zero());
  U.assign(nb, Mat6::Zero());
  Dinv.assign(nb, Mat6::Zero());
  u.assign(nb, Vec6::Zero());
  q0 = Eigen::VectorXd::Zero(nq);
  qdot = Eigen::VectorXd::Zero(nq);
  v0 = Eigen::VectorXd::Zero(nv);
  for (int k = 0; k < 4; ++k) {
    rk_q[k] = Eigen::VectorXd::Zero(nq);
    rk_v[k] = Eigen::VectorXd::Zero(nv);
  }
  if (model.prescribed_motion) base = model.prescribed_motion->at(0.0);
}

}  // namespace spineload
