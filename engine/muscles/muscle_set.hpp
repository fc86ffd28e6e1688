// The trunk's muscles bound to a compiled model (immutable, shared by all threads, like the Model) and the
// per-thread geometry of their paths (docs/muscles.md).
//
// A path is a chain of points fixed in body frames; its length is the sum of the straight segments. A unit
// tension pulls each point towards its neighbours; the resulting wrenches on the bodies give the moment-arm
// matrix R (nv × n): the generalized force of tensions F is τ = R F, and R = −∂l/∂q (the principle of
// virtual work), so the lengthening rate is l̇ = −Rᵀ v. Only the joints between a path's bodies and their
// lowest common ancestor see the muscle: its net wrench on the subtree above that ancestor is zero. So R is
// sparse with a pattern fixed by the tree (a fascicle crosses a few of the 69 DOFs): it is stored by column
// over that pattern, and computed in world coordinates (each joint's axes once per update, then only sums
// and dot products per muscle; docs/muscles.md, "Moment arms").
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/dynamics/data.hpp"
#include "engine/muscles/hill_muscle.hpp"
#include "engine/muscles/muscle_catalog.hpp"

namespace spineload {

struct MusclePoint {
  int body = -1;
  Vec3 position_m;  ///< in the body's frame, scaled to the subject
};

struct Muscle {
  std::string name, group;
  char side = 'r';
  bool deep_core = false;
  int first_point = 0, num_points = 0;  ///< slice of MuscleSet::points
  int common_ancestor = -1;             ///< lowest body holding all the path's bodies in its subtree
  /// Slice of MuscleSet::path_bodies: the bodies between the path's points and the common ancestor
  /// (excluded), children before parents.
  int first_path_body = 0, num_path_bodies = 0;
  /// Slice of MuscleSet::arm_dofs and MuscleGeometry::arm: R's nonzero pattern in this muscle's column.
  int first_arm = 0, num_arms = 0;
  double max_isometric_force_n = 0.0;   ///< after scaling and the strength modifiers
  double optimal_fiber_length_m = 0.0;  ///< after scaling and tightness
  double tendon_slack_length_m =
      0.0;  ///< rigid tendon: fibres at the catalog's optimal length at the neutral posture
  double pennation_rad = 0.0;
};

/// How the scenario modifies the catalog's muscles (the [core], [muscles.<group>] and [warmup] keys).
struct MuscleModifiers {
  double core_strength = 1.0;  ///< scales F_max of every deep-core fascicle
  struct Group {
    std::string name;
    double strength = 1.0;   ///< scales F_max
    double tightness = 0.0;  ///< fraction by which the optimal fibre length (the rest length) is shortened
  };
  std::vector<Group> groups;
  double muscle_temperature_c = 37.0;
};

struct MuscleSet {
  std::vector<Muscle> muscles;
  std::vector<MusclePoint> points;
  std::vector<int> path_bodies;     ///< per muscle (Muscle::first_path_body), children before parents
  std::vector<int> arm_dofs;        ///< per muscle (Muscle::first_arm): the DOFs of its path bodies, in order
  std::vector<std::string> groups;  ///< group names, in catalog order
  std::vector<int> group_of;        ///< per muscle, index into groups
  HillConstants hill;               ///< at the scenario's muscle temperature

  int size() const { return static_cast<int>(muscles.size()); }
  int findGroup(const std::string& name) const;  ///< -1 if absent
};

/// Binds the catalog to `model` (bodies by name), scales lengths by stature / reference stature and forces
/// by (body mass / reference mass)^(2/3) (muscle cross-section with geometric similarity), applies the
/// modifiers, and sets each tendon slack length from the path length at the neutral configuration.
/// Throws std::invalid_argument naming the fascicle and body when a body is missing.
MuscleSet buildMuscleSet(const MuscleCatalog& catalog, const Model& model, double stature_m,
                         double body_mass_kg, const MuscleModifiers& modifiers,
                         const HillConstants& hill_at_37c);

/// Per-thread path geometry, sized once.
struct MuscleGeometry {
  MuscleGeometry(const Model& model, const MuscleSet& set);
  Eigen::VectorXd length_m, velocity_m_s;  ///< n
  /// R's nonzeros [m or 1], by muscle: arm[set.muscles[i].first_arm + k] = R(set.arm_dofs[that index], i).
  Eigen::VectorXd arm;
  AlignedVector<Vec3> point_W;       ///< world positions of every path point
  AlignedVector<Vec3> unit_force_W;  ///< per point: world force of a unit tension
  AlignedVector<Vec6> axis_W;        ///< nv: each DOF's motion axis in world coordinates (about the origin)
  AlignedVector<Vec6> wrench_W;      ///< nbodies: workspace (a muscle's subtree wrenches, the bodies' sums)
};

/// R as a dense nv × n matrix (for tests and rare dense uses; allocates).
Eigen::MatrixXd denseMomentArms(const Model& model, const MuscleSet& set, const MuscleGeometry& geometry);

/// Path lengths, world points, unit forces and R at the kinematics in `data` (needs forwardKinematics at
/// the current q), and lengthening rates from v. No allocation.
void updateMuscleGeometry(const Model& model, const Data& data, const Eigen::VectorXd& v,
                          const MuscleSet& set, MuscleGeometry& geometry);
/// The same for the listed muscles only: their points, lengths, rates and columns of R (the others keep
/// their values). No allocation.
void updateMuscleGeometry(const Model& model, const Data& data, const Eigen::VectorXd& v,
                          const MuscleSet& set, const std::vector<int>& muscles, MuscleGeometry& geometry);

/// The muscles whose moment-arm pattern contains DOF `dof` (those whose length a motion of that DOF alone
/// can change): the rest move rigidly with it or not at all.
std::vector<int> musclesCrossing(const MuscleSet& set, int dof);

/// Muscle i's force terms and their slopes in its lengthening rate, at the length and rate in `geometry`.
ForceTermsAndSlope fiberForceTerms(const MuscleSet& set, const MuscleGeometry& geometry, int i);

/// Adds the body wrenches of tensions `force_n` (n) to f_ext (body frames, about body origins), summed in
/// world coordinates and transformed once per body (geometry.wrench_W is the workspace). No allocation.
void addMuscleWrenches(const Data& data, const MuscleSet& set, MuscleGeometry& geometry,
                       const Eigen::VectorXd& force_n, AlignedVector<Vec6>& f_ext);

}  // namespace spineload
