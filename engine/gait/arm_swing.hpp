// Arm swing in running: each arm (upper arm, forearm and hand, lumped; engine/anatomy) swings at the
// glenohumeral joint in flexion-extension about its joint's medio-lateral axis, opposite to the leg on its
// side, so the two arms counter-rotate: θ_side(t) = ½ range · cos(2π (t/T_stride - φ_side)), + = flexion
// (forward). The posture controller tracks it, so the torques that swing the arms load the upper thoracic
// spine.
#pragma once

#include "engine/control/joint_reference.hpp"

namespace spineload {

struct ArmSwingParams {
  double range_rad = 0.0;  ///< peak-to-peak flexion-extension of each arm
  double right_peak_phase =
      0.0;  ///< stride fraction (from right touchdown) of the right arm's most forward point
};

class ArmSwing final : public JointReference {
 public:
  /// Finds the bodies "arm_l" and "arm_r" (spherical joints); throws if either is missing.
  ArmSwing(const Model& model, const ArmSwingParams& params, double stride_period_s);
  void apply(double time_s, Eigen::VectorXd& q_ref, Eigen::VectorXd& v_ref,
             Eigen::VectorXd& a_ref) const override;
  void appendParameters(std::vector<double>& out) const override;
  /// Flexion angle [rad] of the right (side = -1) or left (side = +1) arm at t.
  double flexion_rad(double time_s, int side) const;

 private:
  double phase_rad(double time_s, int side) const;  ///< 0 at that arm's most forward point
  struct Arm {
    int q_index, v_index, side;
    Quat neutral;
  };
  Arm arms_[2];
  ArmSwingParams params_;
  double stride_s_;
};

}  // namespace spineload
