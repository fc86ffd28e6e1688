// The registry's parts, one file per domain (validation_checks.cpp joins them in table order).
#pragma once

#include <vector>

#include "engine/validation/validation_checks.hpp"

namespace spineload {

std::vector<CheckSpec> discChecks();    ///< Wilke 1999 pressures, diurnal disc height and stature
std::vector<CheckSpec> muscleChecks();  ///< standing compression, Raabe & Chaudhari 2018
std::vector<CheckSpec> tissueChecks();  ///< thoracic ranges of motion, rib cage
std::vector<CheckSpec> spineChecks();   ///< pelvic tilt, lumbar shock attenuation
std::vector<CheckSpec> gaitChecks();    ///< ground reaction forces and running mechanics
std::vector<CheckSpec> causeChecks();   ///< the causes' published effects: kyphosis, scoliosis, core (GRF)

}  // namespace spineload
