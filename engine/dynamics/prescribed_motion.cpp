#include "engine/dynamics/prescribed_motion.hpp"

#include <cmath>

namespace spineload {

VerticalSinusoid::VerticalSinusoid(const Mat3& R_WB, const Vec3& p0_W, double amplitude_m,
                                   double frequency_hz)
    : R_WB_(R_WB), p0_W_(p0_W), amplitude_m_(amplitude_m), omega_rad_s_(2.0 * M_PI * frequency_hz) {}

BaseKinematics VerticalSinusoid::at(double time_s) const {
  const double phase = omega_rad_s_ * time_s;
  BaseKinematics k;
  k.R_WB = R_WB_;
  k.p_WB_W = p0_W_ + Vec3(0.0, 0.0, amplitude_m_ * std::sin(phase));
  k.v_WB_W = Vec3(0.0, 0.0, amplitude_m_ * omega_rad_s_ * std::cos(phase));
  k.a_WB_W = Vec3(0.0, 0.0, -amplitude_m_ * omega_rad_s_ * omega_rad_s_ * std::sin(phase));
  return k;
}

void VerticalSinusoid::appendParameters(std::vector<double>& out) const {
  out.insert(out.end(), R_WB_.data(), R_WB_.data() + 9);
  out.insert(out.end(), p0_W_.data(), p0_W_.data() + 3);
  out.insert(out.end(), {amplitude_m_, omega_rad_s_});
}

}  // namespace spineload
