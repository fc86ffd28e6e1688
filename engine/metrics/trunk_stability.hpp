// Trunk stability as in Cholewicki & McGill 1996 (Clin Biomech 11:1): the smallest eigenvalue of the
// tangent stiffness K = −∂g/∂q of the spine's rotational DOFs, where g(q) is the static generalized force
// of gravity (with the pelvis's current acceleration), the passive tissue and the muscles, each muscle's
// tension following its short-range stiffness, F = F₀ + k (l − l₀), k = q F₀ / l (hill_muscle.hpp).
// K = R k Rᵀ − (∂R/∂q) F₀ + K_tissue + K_gravity; a negative smallest eigenvalue means a perturbation
// along its eigenvector would grow (buckling). The other DOFs (shoulders, head, disc slides) are held.
// Computed by forward finite differences of g (docs/muscles.md), so it costs one static evaluation per DOF
// (plus one at q), each with only the muscles crossing the perturbed DOF: it is sampled at its own rate.
#pragma once

#include <Eigen/Eigenvalues>

#include "engine/anatomy/trunk_model.hpp"
#include "engine/muscles/muscle_set.hpp"

namespace spineload {

class TrunkStability {
 public:
  TrunkStability(const TrunkModel& trunk, const MuscleSet* muscles);

  /// Smallest eigenvalue [N·m/rad] at the state (q, base, f_ext of external loads) of `d` with muscle
  /// tensions `force_n` and the intra-abdominal wrench already in `external` (held). No allocation except
  /// inside Eigen's eigensolver workspace, which is sized once.
  double smallestEigenvalue(const Data& d, const AlignedVector<Vec6>& external,
                            const Eigen::VectorXd& force_n);

  /// The last tangent stiffness (the spine's DOFs, in their order), for tests.
  const Eigen::MatrixXd& stiffness() const { return K_; }
  const std::vector<int>& dofs() const { return dofs_; }

 private:
  void staticForce(const Eigen::VectorXd& q, const std::vector<int>& muscles, Eigen::VectorXd& g);

  const Model& model_;
  const MuscleSet* muscles_;
  std::vector<int> dofs_;
  std::vector<std::vector<int>> crossing_;  ///< per entry of dofs_: the muscles crossing it
  Data work_;
  MuscleGeometry geometry_;
  Eigen::VectorXd q_, dq_, g_plus_, g_minus_, g_rest_, force0_, length0_, arm0_, srs_, zero_;
  Eigen::MatrixXd K_;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen_;
};

}  // namespace spineload
