#include <iostream>
#include <optional>

#include "apps/spineload/commands.hpp"
#include "engine/io/results_writer.hpp"
#include "engine/io/summary_table.hpp"
#include "engine/run/run_scenario.hpp"

namespace spineload::cli {

int runCommand(const RunOptions& o, const std::string& command_line) {
  std::optional<ScenarioSpec> loaded;
  std::optional<h5::AtomicOutput> opened;
  try {  // bad input: the scenario, or an output path that exists or cannot be written
    loaded.emplace(loadScenario(o.scenario));
    opened.emplace(o.output, o.overwrite);
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const h5::Error& e) {
    std::cerr << "spineload: " << e.what() << "\n";
    return kExitBadInput;
  }
  ScenarioSpec& spec = *loaded;
  h5::AtomicOutput& out = *opened;
  try {  // from here on a failure is the run's, not the input's: exit 1, and no output is left behind
    const std::string start = utcTimestamp();
    const TrunkModel trunk = buildScenarioModel(spec);
    recordDerivedGait(trunk, spec);
    const RunResult result = runScenario(spec, trunk);
    const ScenarioSummary summary = summarizeRun(spec, result, readTissueFatigue());
    h5::Group root = out.file().root();
    writeRunResult(root, spec, result, summary);
    writeSummaryTable(root, {summaryRow(spec, "ok", summary.metrics)});
    writeProvenance(root, {command_line, start, utcTimestamp(), result.model_hash});
    out.commit();
    if (!o.quiet)
      std::cerr << "spineload: " << spec.name << ": " << result.steps << " steps of "
                << spec.simulation.dt_s * 1e3 << " ms in " << result.wall_time_s << " s wall ("
                << spec.simulation.duration_s / result.wall_time_s << "x real time) -> " << o.output << "\n";
    return kExitOk;
  } catch (const ScenarioError& e) {  // bad input read only when the run needs it: the motion file
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "spineload: " << o.scenario << ": " << e.what() << "\n";
    return kExitFailed;
  }
}

}  // namespace spineload::cli
