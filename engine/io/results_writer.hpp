// Writing results to the HDF5 layout of ../shared/DESIGN.md §5 (documented in docs/hdf5-schema.md):
// /scenarios/<id>/{time, levels/<level>/<quantity>, pelvis/{position,velocity,acceleration}} with `units`
// and `description` on every dataset, the scenario TOML verbatim as an attribute, and provenance at the root.
#pragma once

#include <string>

#include "engine/io/hdf5_file.hpp"
#include "engine/metrics/scenario_summary.hpp"
#include "engine/run/run_result.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {

struct Provenance {
  std::string command;     ///< the command line that produced the file
  std::string start_time;  ///< ISO 8601 UTC
  std::string end_time;
  std::string model_hash;
};

/// ISO 8601 UTC timestamp of now, e.g. "2026-11-25T16:30:00Z".
std::string utcTimestamp();

/// Root attributes: spineload version, git hash, compiler, flags, model hash, seeds, times, command.
void writeProvenance(h5::Group& root, const Provenance& provenance);

/// One scenario's group under /scenarios: its attributes (the steady window of `summary` among them), the
/// time series when output.time_series (every output.decimate-th sample), and the shock transfer spectra.
void writeRunResult(h5::Group& root, const ScenarioSpec& spec, const RunResult& result,
                    const ScenarioSummary& summary);

}  // namespace spineload
