#include "engine/validation/validation_runs.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "engine/run/run_scenario.hpp"

namespace spineload {

namespace {

std::unique_ptr<const SimulatedRun> simulate(const std::string& text) {
  auto run = std::make_unique<SimulatedRun>();
  run->spec = toScenarioSpec(parseScenarioText(text, "validation.toml", loadParameterTable()));
  run->trunk = buildScenarioModel(run->spec);
  run->result = runScenario(run->spec, run->trunk);
  return run;
}

}  // namespace

const LevelSeries& levelOf(const RunResult& result, const std::string& level) {
  for (const LevelSeries& l : result.levels)
    if (l.level == level) return l;
  throw std::out_of_range("the run has no level " + level);
}

void ValidationRuns::prefetch(const std::vector<std::string>& texts) {
  std::vector<std::string> todo;
  for (const std::string& t : texts)
    if (!runs_.count(t) && std::find(todo.begin(), todo.end(), t) == todo.end()) todo.push_back(t);
  std::vector<std::unique_ptr<const SimulatedRun>> done(todo.size());
  std::vector<std::exception_ptr> errors(todo.size());
  const int n = static_cast<int>(todo.size());
#pragma omp parallel for schedule(dynamic, 1)
  for (int i = 0; i < n; ++i) {
    try {  // an exception must not leave an OpenMP region
      done[i] = simulate(todo[i]);
    } catch (...) {
      errors[i] = std::current_exception();
    }
  }
  for (int i = 0; i < n; ++i) {
    if (errors[i]) std::rethrow_exception(errors[i]);
    runs_.emplace(todo[i], std::move(done[i]));
  }
}

const SimulatedRun& ValidationRuns::get(const std::string& text) {
  auto it = runs_.find(text);
  if (it == runs_.end()) it = runs_.emplace(text, simulate(text)).first;
  return *it->second;
}

}  // namespace spineload
