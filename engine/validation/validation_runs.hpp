// The simulations the checks of one `spineload validate` call share: each scenario (given as TOML text)
// is run once, however many checks read it (e.g. one running run for the Raabe and shock checks). Owned by
// the caller, so nothing outlives the call; runs are independent and deterministic, so running them in
// parallel gives the same numbers as running them one after another.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/anatomy/trunk_model.hpp"
#include "engine/run/run_result.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {

struct SimulatedRun {
  ScenarioSpec spec;
  TrunkModel trunk;
  RunResult result;
};

/// One level's series of a run; throws std::out_of_range naming the level when the run has none.
const LevelSeries& levelOf(const RunResult& result, const std::string& level);

class ValidationRuns {
 public:
  /// Runs every scenario not run yet, several at once (OpenMP over the runs). Throws what a run throws
  /// (ScenarioError for bad text, SimulationError), after every run has finished.
  void prefetch(const std::vector<std::string>& scenario_texts);
  /// The run of this scenario text, run now if it was not prefetched.
  const SimulatedRun& get(const std::string& scenario_text);
  std::size_t size() const { return runs_.size(); }

 private:
  std::map<std::string, std::unique_ptr<const SimulatedRun>> runs_;
};

}  // namespace spineload
