// A running reference for the lumbar joints: the trunk above them keeps its orientation in the world while
// the pelvis tilts, drops and rotates under it (docs/muscles.md). Without it the reference posture is
// "neutral relative to the pelvis", and the whole upper body would have to follow every pelvic rotation,
// which the controller can only do with large lateral and axial moments that runners do not produce.
//
// The pelvis's deviation from its mean orientation over a stride, δ(t) = log(R̄ᵀ R(t)) (pelvis frame), is
// shared equally by the lumbar levels (L5/S1 … T12/L1), each turning by −δ/n expressed in its own neutral
// frame; rates from the pelvis's angular velocity. No acceleration feed-forward (a_ref = 0): the controller
// tracks the level trunk by feedback at its bandwidth, so the fast pelvic oscillations partly pass into
// trunk sway, as in runners (with feed-forward the lumbar spine had to accelerate a rigidly level trunk
// through every 5.5 Hz pelvic tilt, which no muscle pattern could deliver). First order in the
// angles (a few degrees): the thorax stays level to within the square of the pelvic angles.
// Model choice: runners' thoraces do move (counter-rotating against the pelvis with the arm swing); a
// world-fixed thorax is the simplest reference that does not turn the pelvic motion into trunk sway.
#pragma once

#include <vector>

#include "engine/control/joint_reference.hpp"
#include "engine/core/rotation.hpp"

namespace spineload {

class TrunkStabilization final : public JointReference {
 public:
  /// `levels`: the bodies whose joints share the compensation (spherical joints), lowest first.
  TrunkStabilization(const Model& model, const std::vector<int>& levels, double stride_period_s);
  void apply(double time_s, Eigen::VectorXd& q_ref, Eigen::VectorXd& v_ref,
             Eigen::VectorXd& a_ref) const override;
  void appendParameters(std::vector<double>& out) const override;

 private:
  struct Level {
    int q_index, v_index;
    Mat3 R_PJ;  ///< the joint's neutral frame in the pelvis frame
  };
  std::vector<Level> levels_;
  const PrescribedMotion* motion_;
  Mat3 R_mean_;  ///< the pelvis's mean orientation over a stride
  double stride_s_;
};

/// Several references applied in turn (each drives its own joints).
class JointReferenceList final : public JointReference {
 public:
  explicit JointReferenceList(std::vector<const JointReference*> parts) : parts_(std::move(parts)) {}
  void apply(double time_s, Eigen::VectorXd& q_ref, Eigen::VectorXd& v_ref,
             Eigen::VectorXd& a_ref) const override {
    for (const JointReference* p : parts_) p->apply(time_s, q_ref, v_ref, a_ref);
  }
  void appendParameters(std::vector<double>& out) const override {
    for (const JointReference* p : parts_) p->appendParameters(out);
  }

 private:
  std::vector<const JointReference*> parts_;
};

}  // namespace spineload
