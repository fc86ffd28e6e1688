#include "engine/metrics/load_sharing.hpp"

namespace spineload {

void subtreeWrenches(const Model& model, const Data& data, const AlignedVector<Vec6>& wrenches,
                     AlignedVector<Vec6>& subtree) {
  const int nb = model.nbodies();
  subtree.resize(nb);
  for (int i = 0; i < nb; ++i) subtree[i] = wrenches[i];
  for (int i = nb - 1; i >= 0; --i) {
    const int p = model.bodies[i].parent;
    if (p >= 0) subtree[p] += data.X_parent[i].applyTransposeForce(subtree[i]);
  }
}

LevelShare levelShare(const Model& model, const Eigen::VectorXd& q, int body, const Vec6& muscle_subtree_B,
                      const LevelLoad& joint_load) {
  // The joint's reaction is R = (inertia - gravity - other forces) - W_m over the subtree, so the muscles
  // add -W_m to the load the level carries: their compression is -W_m,z and the moment they carry (the
  // part of the net moment taken off the joint) is that of +W_m in LevelLoad's signs.
  const Vec6 m = toMidDiscFrame(model, q, body, muscle_subtree_B);
  LevelShare s;
  s.muscle_compression_n = -m[5];
  s.muscle_moment_nm = -m.head<3>();
  s.net_moment_nm =
      s.muscle_moment_nm + Vec3(joint_load.moment_lb_nm, joint_load.moment_fe_nm, joint_load.moment_ax_nm);
  return s;
}

}  // namespace spineload
