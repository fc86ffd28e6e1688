// Simulating one scenario: build the model it asks for, integrate it for its duration, and sample the
// loads at every output level at the output rate.
#pragma once

#include <stdexcept>

#include "engine/anatomy/trunk_model.hpp"
#include "engine/run/run_result.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {

/// A scenario whose simulation failed (e.g. a non-finite state): says when and what.
class SimulationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The model a scenario asks for: the anatomical trunk shaped by [subject] and [posture], its pelvis driven
/// by [gait].
TrunkModel buildScenarioModel(const ScenarioSpec& spec);

/// Writes what the gait generator derived for a key left to it (gait.overstride_m, from the spring-mass
/// stance of trunk.gait) into spec.values, still marked as a default, so that /summary shows the value used.
void recordDerivedGait(const TrunkModel& trunk, ScenarioSpec& spec);

/// Runs the scenario on `trunk`. Throws SimulationError when the state stops being finite.
RunResult runScenario(const ScenarioSpec& spec, const TrunkModel& trunk);

}  // namespace spineload
