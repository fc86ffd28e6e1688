#include "engine/gait/pelvis_driver.hpp"

#include <stdexcept>

namespace spineload {

std::shared_ptr<const PrescribedMotion> makePelvisDriver(const GaitParams& gait) {
  if (gait.mode == "oscillation")
    return std::make_shared<const VerticalSinusoid>(
        Mat3::Identity(), Vec3::Zero(), 0.5 * gait.vertical_oscillation_m, gait.step_frequency_hz);
  throw std::invalid_argument("gait.mode '" + gait.mode + "' is not implemented");
}

}  // namespace spineload
