// How the load at a level is shared between the muscles that cross it and the joint (disc, ligaments and
// facets as the passive tissue model, plus the controller's reserve torques), as Cholewicki & McGill 1996
// split the net moment at L4/L5 (docs/loads.md):
// - net_moment: the moment of gravity, inertia, external forces and the abdominal pressure of everything
//   above the level, about the joint centre, in the mid-disc frame (inverse dynamics' intersegmental moment);
// - muscle_moment: the part the crossing muscles carry, so net_moment = muscle_moment + moment (the joint's);
// - muscle_compression: the compression the crossing muscles' pull adds to the level.
// A muscle that does not cross the level pulls on the bodies above at both ends and adds nothing.
#pragma once

#include <vector>

#include "engine/dynamics/data.hpp"
#include "engine/metrics/level_loads.hpp"

namespace spineload {

struct LevelShare {
  double muscle_compression_n = 0.0;
  Vec3 muscle_moment_nm = Vec3::Zero();  ///< (lb, fe, ax), the signs of LevelLoad's moments
  Vec3 net_moment_nm = Vec3::Zero();     ///< (lb, fe, ax)
};

/// Sums body wrenches (body frame, about each origin) over the subtree of every body: subtree[i] is the
/// wrench of all the wrenches on i and its descendants, in i's frame about its origin (its joint centre).
/// Needs data.X_parent at the current configuration. `subtree` is resized once and reused.
void subtreeWrenches(const Model& model, const Data& data, const AlignedVector<Vec6>& wrenches,
                     AlignedVector<Vec6>& subtree);

/// The share of the muscles at the level of `body`, from the muscles' subtree wrench there (on the bodies
/// above) and the level's joint load.
LevelShare levelShare(const Model& model, const Eigen::VectorXd& q, int body, const Vec6& muscle_subtree_B,
                      const LevelLoad& joint_load);

}  // namespace spineload
