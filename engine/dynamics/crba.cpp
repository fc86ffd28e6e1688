#include "engine/dynamics/crba.hpp"

#include "engine/dynamics/kinematics.hpp"

namespace spineload {

void crba(const Model& model, Data& d, const Eigen::VectorXd& q) {
  forwardKinematics(model, d, q, Eigen::VectorXd::Zero(model.nv));
  const int nb = model.nbodies();
  for (int i = 0; i < nb; ++i) d.IA[i] = model.bodies[i].inertia.matrix();
  for (int i = nb - 1; i >= 0; --i) {
    const int p = model.bodies[i].parent;
    if (p >= 0) d.IA[p] += transformInertiaToParent(d.X_parent[i], d.IA[i]);
  }
  d.M.setZero();
  Eigen::Matrix<double, 6, Eigen::Dynamic, 0, 6, 6> F;
  for (int i = 0; i < nb; ++i) {
    const Body& bi = model.bodies[i];
    if (bi.nv == 0) continue;
    F = d.IA[i] * bi.S.leftCols(bi.nv);
    d.M.block(bi.v_index, bi.v_index, bi.nv, bi.nv) = bi.S.leftCols(bi.nv).transpose() * F;
    for (int j = i; model.bodies[j].parent >= 0;) {
      for (int c = 0; c < bi.nv; ++c) F.col(c) = d.X_parent[j].applyTransposeForce(F.col(c));
      j = model.bodies[j].parent;
      const Body& bj = model.bodies[j];
      if (bj.nv == 0) continue;
      d.M.block(bj.v_index, bi.v_index, bj.nv, bi.nv) = bj.S.leftCols(bj.nv).transpose() * F;
      d.M.block(bi.v_index, bj.v_index, bi.nv, bj.nv) =
          d.M.block(bj.v_index, bi.v_index, bj.nv, bi.nv).transpose();
    }
  }
}

}  // namespace spineload
