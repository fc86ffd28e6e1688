// The anatomical trunk model (docs/model.md): pelvis; L5…L1 and T12…T1 slices with the rib cage lumped in;
// neck; head; left and right shoulder girdles (scapula and clavicle) and arms. Masses, geometry, curvature
// and passive tissue from engine/data/trunk_anatomy.toml, scaled by body mass and stature, shaped by the
// posture parameters.
//
// Frames: each vertebra's body frame has its origin at the centre of the disc below it and the orientation
// of that disc's mid-plane at the neutral posture (x anterior, y left, z along the disc axis), so a level's
// joint frame is its mid-disc frame and q = identity is the neutral posture. The pelvis frame sits between
// the hip joint centres, upright. The pelvic tilt is solved so that the C7 plumb line falls where the
// sagittal vertical axis of asymptomatic adults puts it (the spine balances over the sacrum).
#pragma once

#include <memory>

#include "engine/anatomy/curvature.hpp"
#include "engine/anatomy/trunk_model.hpp"
#include "engine/dynamics/joint_spring_damper.hpp"
#include "engine/dynamics/tree_description.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {

/// Facts of the built geometry, for reports and tests (pelvis frame, neutral posture).
struct TrunkGeometry {
  double pelvic_tilt_deg = 0.0;          ///< solved by the balance rule (+ = posterior tilt)
  double sacral_slope_deg = 0.0;         ///< pelvic incidence - pelvic tilt
  double c7_offset_m = 0.0;              ///< C7_T1 joint centre anterior of the L5_S1 joint centre
  Vec3 upper_body_com_m = Vec3::Zero();  ///< centre of mass of everything above L1 (T12 and up, arms, head)
};

/// Solves the balance rule, builds the tree with a prescribed pelvis driven by `pelvis_motion`, and adds the
/// passive tissue of every level and the shoulder girdles. `discs.hydration` sets the disc heights, the
/// tissue's bending compliance and the swelling pressure; `discs.axial_dof` gives each disc an axial
/// degree of freedom (a 1 g "disc_<level>" body on a prismatic joint, the vertebra above turning on it).
TrunkModel buildTrunk(const SubjectParams& subject, const PostureParams& posture,
                      std::shared_ptr<const PrescribedMotion> pelvis_motion,
                      TrunkGeometry* geometry = nullptr, const DiscParams& discs = {});

/// The force-compression curve of a disc's axial joint: F = k1 δ + k3 δ³ in compression (δ > 0), linear
/// in tension, with stiffness k_500 at a 500 N preload and k_500 / stiffening at none.
SpringDof discAxialCurve(double k_500_n_per_m, double stiffening, double damping_ns_per_m);

/// Geometry facts of a trunk tree (forward kinematics at the neutral posture).
TrunkGeometry measureTrunk(const TreeDescription& tree);

}  // namespace spineload
