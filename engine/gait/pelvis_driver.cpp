#include "engine/gait/pelvis_driver.hpp"

#include <cmath>
#include <stdexcept>

namespace spineload {

std::shared_ptr<const PrescribedMotion> makePelvisDriver(const GaitParams& gait,
                                                         const PostureParams& posture) {
  const auto pitch = [](double deg) {
    return Eigen::AngleAxisd(deg * M_PI / 180.0, Vec3::UnitY()).toRotationMatrix();
  };
  const Mat3 lean = pitch(posture.trunk_lean_deg);
  if (gait.mode == "oscillation")
    return std::make_shared<const VerticalSinusoid>(lean, Vec3::Zero(), 0.5 * gait.vertical_oscillation_m,
                                                    gait.step_frequency_hz);
  if (gait.mode == "standing") return std::make_shared<const VerticalSinusoid>(lean, Vec3::Zero(), 0.0, 1.0);
  if (gait.mode == "lying")
    return std::make_shared<const VerticalSinusoid>(pitch(-90.0), Vec3::Zero(), 0.0, 1.0);
  throw std::invalid_argument("gait.mode '" + gait.mode + "' is not implemented");
}

}  // namespace spineload
