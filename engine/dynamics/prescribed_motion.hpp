// A base (root body) whose motion is a known function of time, as the pelvis is when the gait module
// drives the spine. The function is immutable and evaluated by value, so one instance serves all threads.
#pragma once

#include <vector>

#include "engine/core/spatial.hpp"

namespace spineload {

/// Pose, velocity and acceleration of a body frame B in the world W, all in world coordinates.
struct BaseKinematics {
  Mat3 R_WB = Mat3::Identity();
  Vec3 p_WB_W = Vec3::Zero();   ///< origin position [m]
  Vec3 w_WB_W = Vec3::Zero();   ///< angular velocity [rad/s]
  Vec3 v_WB_W = Vec3::Zero();   ///< origin velocity [m/s]
  Vec3 dw_WB_W = Vec3::Zero();  ///< angular acceleration [rad/s²]
  Vec3 a_WB_W = Vec3::Zero();   ///< origin acceleration [m/s²]
};

class PrescribedMotion {
 public:
  virtual ~PrescribedMotion() = default;
  virtual BaseKinematics at(double time_s) const = 0;
  /// Appends every parameter of the motion, for the model hash (provenance).
  virtual void appendParameters(std::vector<double>& out) const = 0;
};

/// Vertical sinusoid about a fixed pose: z(t) = z0 + A sin(2π f t). Used for the first end-to-end run.
class VerticalSinusoid final : public PrescribedMotion {
 public:
  VerticalSinusoid(const Mat3& R_WB, const Vec3& p0_W, double amplitude_m, double frequency_hz);
  BaseKinematics at(double time_s) const override;
  void appendParameters(std::vector<double>& out) const override;

 private:
  Mat3 R_WB_;
  Vec3 p0_W_;
  double amplitude_m_;
  double omega_rad_s_;
};

}  // namespace spineload
