// The placeholder trunk of the first end-to-end run: 20 segments (pelvis, L5…L1, T12…T1, neck, head) in
// a straight upright column, ball joints with linear per-axis springs and dampers, masses and geometry
// from de Leva (1996) regions split into slices. Data and sources: engine/data/placeholder_chain.toml.
// The anatomical trunk model (per-level data, curvature, tissue curves, discs) supersedes it.
#pragma once

#include "engine/anatomy/trunk_model.hpp"
#include "engine/dynamics/tree_description.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {

/// Geometry and inertia only (no force elements): the pelvis is the root with joint `root_joint`.
/// Frames: x anterior, y left, z superior; each body's origin at its lower joint centre.
TreeDescription placeholderChainTree(const SubjectParams& subject, JointType root_joint);

/// The full placeholder model: the tree with a prescribed pelvis driven by `pelvis_motion`, and a
/// JointSpringDamper at every level.
TrunkModel buildPlaceholderChain(const SubjectParams& subject,
                                 std::shared_ptr<const PrescribedMotion> pelvis_motion);

}  // namespace spineload
