// Anatomical regions that cut across the muscle groups, for the questions the causes study asks (upper-back
// muscle effort, the accessory muscles of breathing). A region is a rule on a fascicle's name and group,
// so it follows the catalogue (engine/data/trunk_muscles.toml) without a list of its own to keep in step.
#pragma once

#include <string>
#include <vector>

namespace spineload {

struct MuscleRegion {
  std::string name;         ///< summary prefix: regions.<name>.*
  std::string description;  ///< what it holds and why it is grouped so
};

/// upper_back, thoracic_erector, scapular_retractors, accessory_breathing (docs/summaries.md). A fascicle can
/// be in several (the upper trapezius is upper back and an accessory breathing muscle).
const std::vector<MuscleRegion>& muscleRegions();

/// Whether the fascicle (its catalogue name and group) belongs to the region; false for an unknown region.
bool inMuscleRegion(const std::string& region, const std::string& fascicle, const std::string& group);

}  // namespace spineload
