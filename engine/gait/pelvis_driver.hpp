// The pelvis motion a scenario's [gait] and [posture] sections ask for:
//   'running'     the running gait generator (engine/gait/gait_spec.hpp), or a measured motion file;
//   'standing'    still;
//   'lying'       still and supine (turned -90 deg about the hip axis, face up);
//   'oscillation' a vertical sinusoid at the step frequency with the given peak-to-peak excursion.
// The pelvis pitches forward by posture.trunk_lean_deg (all but lying).
#pragma once

#include <memory>

#include "engine/dynamics/prescribed_motion.hpp"
#include "engine/gait/gait_spec.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {

struct PelvisExcitation {
  std::shared_ptr<const PrescribedMotion> pelvis;
  std::shared_ptr<const RunningGait> gait;  ///< null unless mode = running
};

PelvisExcitation makePelvisExcitation(const ScenarioSpec& spec);

}  // namespace spineload
