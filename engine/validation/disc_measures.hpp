// What the discs give for Wilke et al. 1999's in-vivo pressures and the diurnal changes of disc height and
// stature (published.toml): the scenarios, as TOML text for ValidationRuns, and the read-outs.
#pragma once

#include <string>

#include "engine/validation/validation_runs.hpp"

namespace spineload {

/// The disc's hydration after a day upright (trunk_anatomy.toml [discs] evening_hydration): the in-vivo
/// pressures were measured during the day.
double eveningHydration();

/// Half a second standing at the evening hydration, with the muscles at their defaults.
std::string standingEveningText();
/// Half a second lying (supine, on a support), evening hydration, relaxed: no co-contraction floor.
std::string lyingEveningText();

/// Intradiscal pressure at L4/L5 at the end of a run [MPa].
double l4l5PressureMpa(const SimulatedRun& run);

/// L4/L5 pressure [MPa] after `rest_s` lying from the lying run's state: its hydration advanced exactly
/// under the lying stress it carries (DiscPressureModel::advanceHydration, as the simulation would over
/// that time; the stress lying is constant, so no hours of steps are needed).
double l4l5PressureAfterRestMpa(const SimulatedRun& lying, double rest_s);

/// L4/L5 disc height change from the morning disc [%] at the run's hydration.
double l4l5DiscHeightChangePercent(const SimulatedRun& run);

/// Stature lost from the morning [mm] at the run's start: the sum of the disc height losses.
double statureLossMm(const SimulatedRun& run);

}  // namespace spineload
