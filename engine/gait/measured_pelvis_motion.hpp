// The pelvis driven by measured motion (an OpenSim coordinates file or a CSV, engine/gait/motion_file.hpp)
// instead of the running-gait generator. The six OpenSim pelvis coordinates (gait2392, Rajagopal 2016)
// are interpolated by not-a-knot cubic splines, mapped from OpenSim ground (X forward, Y up, Z right) to
// the spineload world (x forward, y left, z up), and differentiated analytically. docs/motion-files.md
// describes the rules for users.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "engine/dynamics/prescribed_motion.hpp"
#include "engine/gait/motion_file.hpp"

namespace spineload {

class MeasuredPelvisMotion final : public PrescribedMotion {
 public:
  /// The columns the table must hold: three translations [m], then the three joint angles [rad] in the
  /// order the OpenSim pelvis joint applies them (body-fixed Z, X, Y).
  static constexpr std::array<const char*, 6> kRequiredColumns = {
      "pelvis_tx", "pelvis_ty", "pelvis_tz", "pelvis_tilt", "pelvis_list", "pelvis_rotation"};

  /// Change of basis from OpenSim ground to the spineload world: p_W = C p_OpenSim, R_W = C R_OpenSim Cᵀ.
  static Mat3 openSimToWorld();

  /// `lean` premultiplies the measured orientation (R_WB = lean · R_measured_relative): the scenario's
  /// trunk lean. Throws MotionFileError (at the table's header line) when a required column is missing or
  /// has the wrong quantity, and std::invalid_argument for a table readMotionFile would not produce
  /// (fewer than 4 rows, time not increasing, columns of the wrong length).
  MeasuredPelvisMotion(const MotionTable& table, const Mat3& lean);

  /// Pose, velocity and acceleration at `time_s` (the file's time). Outside [beginTime_s, endTime_s] the
  /// first or last sample is held with zero velocity and acceleration. Allocates nothing.
  BaseKinematics at(double time_s) const override;

  /// The lean, the time vector, the mean angles and every sample of the six coordinates.
  void appendParameters(std::vector<double>& out) const override;

  double beginTime_s() const { return time_s_.front(); }
  double endTime_s() const { return time_s_.back(); }
  /// The mean of each angle over the file's samples (tilt, list, rotation) [rad], which at() subtracts.
  const std::array<double, 3>& meanAngles_rad() const { return mean_angle_rad_; }

 private:
  std::vector<double> time_s_;
  std::array<std::vector<double>, 6> value_;   ///< samples, SI; angles relative to their mean
  std::array<std::vector<double>, 6> second_;  ///< spline second derivatives at the samples
  std::array<double, 3> mean_angle_rad_{};
  Mat3 lean_;
};

}  // namespace spineload
