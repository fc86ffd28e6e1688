// Every buffer of one simulation run (MuJoCo's mjData, Pinocchio's Data). Sized once from a Model; the
// algorithms write into it and never allocate. One Data per thread; a Data never outlives its Model.
#pragma once

#include <vector>

#include "engine/dynamics/model.hpp"

namespace spineload {

template <class T>
using AlignedVector = std::vector<T, Eigen::aligned_allocator<T>>;

struct Data {
  explicit Data(const Model& model);

  // State and inputs ------------------------------------------------------------------------------
  double time_s = 0.0;
  Eigen::VectorXd q;          ///< configuration (nq)
  Eigen::VectorXd v;          ///< generalized velocity (nv)
  Eigen::VectorXd tau;        ///< applied generalized force, held over a step (nv) [N·m or N]
  AlignedVector<Vec6> f_ext;  ///< applied spatial force on each body, body frame, about its origin
  BaseKinematics base;        ///< prescribed root motion at time_s (filled by updatePrescribedBase)

  // Outputs ---------------------------------------------------------------------------------------
  Eigen::VectorXd qdd;          ///< generalized acceleration (nv), from aba()
  Eigen::VectorXd tau_passive;  ///< generalized force of the model's force elements (nv)
  Eigen::VectorXd tau_id;       ///< inverse dynamics result (nv), from rnea()
  Eigen::MatrixXd M;            ///< joint-space inertia matrix (nv x nv), from crba()
  AlignedVector<Vec6> f_joint;  ///< wrench transmitted from parent to body i across joint i, body frame,
                                ///< about the joint centre [N·m; N]; from jointReactions() or rnea()

  // Kinematics (per body) -------------------------------------------------------------------------
  AlignedVector<Transform> X_parent;  ///< i_X_λ(i): body i from its parent (or world for roots)
  AlignedVector<Transform> X_world;   ///< i_X_0: body i from world
  AlignedVector<Vec6> v_body;         ///< spatial velocity, body frame
  AlignedVector<Vec6> a_body;         ///< spatial acceleration incl. the -g trick, body frame
  AlignedVector<Vec6> c_bias;         ///< velocity-product acceleration c_i, body frame

  // Algorithm workspaces --------------------------------------------------------------------------
  AlignedVector<Mat6> IA;         ///< articulated inertia (ABA) / composite inertia (CRBA)
  AlignedVector<Vec6> pA;         ///< articulated bias force (ABA)
  AlignedVector<Mat6> U;          ///< IA S, first nv columns (ABA)
  AlignedVector<Mat6> Dinv;       ///< (S^T IA S + implicit)^{-1}, top-left nv x nv (ABA)
  AlignedVector<Vec6> u;          ///< τ - S^T pA, first nv entries (ABA)
  Eigen::VectorXd implicit_diag;  ///< joint-space diagonal added to M inside ABA (implicit integrator), nv
  Eigen::VectorXd stiffness_diag, damping_diag;  ///< diag of -∂τ_passive/∂q and -∂τ_passive/∂v (nv)

  // Integrator workspaces -------------------------------------------------------------------------
  Eigen::VectorXd q0, v0, qdot, rk_q[4], rk_v[4], tau_total;
};

}  // namespace spineload
