// Loads at an intervertebral level, in the mid-disc frame, as the load that the body above applies across
// the joint (docs/loads.md):
//   compression  = +f_z of the reaction (positive pushes the vertebrae together)          [N]
//   shear_ap     = -f_x, positive when the upper vertebra is pushed anteriorly             [N]
//   shear_ml     = -f_y, positive when the upper vertebra is pushed to the left            [N]
//   moment_lb    = -m_x, positive bending to the right (right-hand rule about x anterior)  [N·m]
//   moment_fe    = -m_y, positive in flexion (about y left)                                [N·m]
//   moment_ax    = -m_z, positive axial rotation to the left (about z superior)            [N·m]
// where (m, f) is the reaction wrench the lower vertebra exerts on the upper one about the joint centre.
// The mid-disc frame is rotated from the lower vertebra's joint frame by half the joint rotation, so it
// bisects the two endplates (in the trunk model each level's joint frame is its neutral mid-disc frame).
#pragma once

#include "engine/dynamics/data.hpp"

namespace spineload {

struct LevelLoad {
  double compression_n = 0.0;
  double shear_ap_n = 0.0;
  double shear_ml_n = 0.0;
  double moment_lb_nm = 0.0;
  double moment_fe_nm = 0.0;
  double moment_ax_nm = 0.0;
};

/// A wrench in the frame of `body` about its joint centre, expressed in the level's mid-disc frame.
Vec6 toMidDiscFrame(const Model& model, const Eigen::VectorXd& q, int body, const Vec6& f_B);

/// The reaction wrench at body's joint expressed in the mid-disc frame; needs data.f_joint (from
/// jointReactions() or rnea()) at the same q.
Vec6 midDiscReaction(const Model& model, const Data& data, const Eigen::VectorXd& q, int body);

/// The six load components at the joint of `body` (see above).
LevelLoad levelLoad(const Model& model, const Data& data, const Eigen::VectorXd& q, int body);

}  // namespace spineload
