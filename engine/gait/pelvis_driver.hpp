// The pelvis motion a scenario's [gait] and [posture] sections ask for: 'oscillation', a vertical sinusoid
// at the step frequency with the given peak-to-peak excursion; 'standing', still; 'lying', still and
// supine (turned -90 deg about the hip axis, face up). The pelvis pitches forward by posture.trunk_lean_deg
// (standing and oscillation). The running gait generator adds modes here.
#pragma once

#include <memory>

#include "engine/dynamics/prescribed_motion.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {

std::shared_ptr<const PrescribedMotion> makePelvisDriver(const GaitParams& gait,
                                                         const PostureParams& posture);

}  // namespace spineload
