// The pelvis motion a scenario's [gait] section asks for. For now one mode: 'oscillation', a vertical
// sinusoid at the step frequency with the given peak-to-peak excursion, about an upright pelvis whose
// frame starts at the world origin. The running gait generator adds modes here.
#pragma once

#include <memory>

#include "engine/dynamics/prescribed_motion.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {

std::shared_ptr<const PrescribedMotion> makePelvisDriver(const GaitParams& gait);

}  // namespace spineload
