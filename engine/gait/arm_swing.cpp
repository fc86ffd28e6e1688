#include "engine/gait/arm_swing.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "engine/core/rotation.hpp"

namespace spineload {

ArmSwing::ArmSwing(const Model& model, const ArmSwingParams& params, double stride_period_s)
    : params_(params), stride_s_(stride_period_s) {
  int n = 0;
  for (int side : {-1, +1}) {
    const std::string name = side < 0 ? "arm_r" : "arm_l";
    const int found = model.findBody(name);
    if (found < 0 || model.bodies[found].joint != JointType::Spherical)
      throw std::invalid_argument("arm swing: the model has no spherical joint '" + name + "'");
    const Body& b = model.bodies[found];
    arms_[n++] = {b.q_index, b.v_index, side, quatFromCoords(model.q_neutral.segment<4>(b.q_index))};
  }
}

double ArmSwing::phase_rad(double t, int side) const {
  // The left arm peaks half a stride after the right one.
  const double peak = params_.right_peak_phase + (side > 0 ? 0.5 : 0.0);
  return 2.0 * M_PI * (t / stride_s_ - peak);
}

double ArmSwing::flexion_rad(double t, int side) const {
  return 0.5 * params_.range_rad * std::cos(phase_rad(t, side));
}

void ArmSwing::apply(double t, Eigen::VectorXd& q_ref, Eigen::VectorXd& v_ref, Eigen::VectorXd& a_ref) const {
  const double w = 2.0 * M_PI / stride_s_, amp = 0.5 * params_.range_rad;
  for (const Arm& a : arms_) {
    const double phase = phase_rad(t, a.side);
    // Flexion moves the arm forward: with z up and y left that is a negative rotation about y.
    const double angle = -amp * std::cos(phase), rate = amp * w * std::sin(phase),
                 accel = amp * w * w * std::cos(phase);
    quatToCoords(a.neutral * Quat(Eigen::AngleAxisd(angle, Vec3::UnitY())), q_ref.segment<4>(a.q_index));
    v_ref.segment<3>(a.v_index) = Vec3(0.0, rate, 0.0);  // child-frame angular velocity
    a_ref.segment<3>(a.v_index) = Vec3(0.0, accel, 0.0);
  }
}

void ArmSwing::appendParameters(std::vector<double>& out) const {
  out.insert(out.end(), {params_.range_rad, params_.right_peak_phase, stride_s_});
}

}  // namespace spineload
