#include <iostream>

#include "apps/spineload/commands.hpp"
#include "engine/io/results_writer.hpp"
#include "engine/run/run_scenario.hpp"

namespace spineload::cli {

int runCommand(const RunOptions& o, const std::string& command_line) {
  try {
    const ScenarioSpec spec = loadScenario(o.scenario);
    h5::AtomicOutput out(o.output, o.overwrite);  // refuses an existing file before any work is done
    const std::string start = utcTimestamp();
    const TrunkModel trunk = buildScenarioModel(spec);
    const RunResult result = runScenario(spec, trunk);
    h5::Group root = out.file().root();
    writeRunResult(root, spec, result);
    writeProvenance(root, {command_line, start, utcTimestamp(), result.model_hash});
    out.commit();
    if (!o.quiet)
      std::cerr << "spineload: " << spec.name << ": " << result.steps << " steps of "
                << spec.simulation.dt_s * 1e3 << " ms in " << result.wall_time_s << " s wall ("
                << spec.simulation.duration_s / result.wall_time_s << "x real time) -> " << o.output << "\n";
    return kExitOk;
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const h5::Error& e) {
    std::cerr << "spineload: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const SimulationError& e) {
    std::cerr << "spineload: " << e.what() << "\n";
    return kExitFailed;
  } catch (const std::exception& e) {
    std::cerr << "spineload: " << o.scenario << ": " << e.what() << "\n";
    return kExitFailed;
  }
}

}  // namespace spineload::cli
