// Running a sweep (docs/sweeps.md): every point of the design is a scenario, simulated in parallel with
// OpenMP (dynamic schedule, one Data per run, trunk models shared between points that differ only in
// simulation or output keys), each written as soon as it ends to a part file of its own under
// `<output>.parts/` (a temporary renamed when complete), then all parts merged in the design's order into
// the output. So a sweep killed at any moment leaves only whole parts, `--resume` runs just the missing
// ones, and the merged file has the same contents whatever the thread count, the shard split or the
// interruptions: only the wall times and timestamps differ.
//
// A failed point (cross-key error in its values, non-finite state, any exception) gets a /summary row
// whose status says why, and the sweep goes on.
//
// Sharding (`--shard i/N`, or MPI ranks): shard i runs the points with index % N == i; each shard's merge is
// a file of the same layout, and mergeResultFiles() joins shard files into the file one process would
// have written.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "engine/io/hdf5_file.hpp"
#include "engine/scenario/scenario_file.hpp"
#include "engine/sweep/design.hpp"
#include "engine/sweep/sweep_file.hpp"

namespace spineload {

/// A sweep ready to run: the file, its base scenario, the points, and a hash of everything that fixes
/// the results (a resumed or merged sweep must have the same hash).
struct PreparedSweep {
  std::vector<ParameterSpec> table;  ///< the scenario parameter table, parsed once for every point
  SweepSpec spec;
  ScenarioValues base;
  std::vector<SweepPoint> points;
  std::string hash;
  /// Empty for a sweep file. A study built on the sweep machinery (the causes study) names itself here:
  /// its spec.toml_text is then not a sweep file, and the merge leaves the design analysis to the study.
  std::string study;
};

/// FNV-1a 64 over the texts that fix a sweep's results (a fingerprint, not a security hash), 16 hex digits.
std::string sweepFingerprint(const std::vector<std::string>& texts);

/// Loads the sweep file and its base scenario and expands the design; refuses more than max_scenarios
/// points before expanding. Throws ScenarioError (bad input).
PreparedSweep prepareSweep(const std::string& sweep_path, std::size_t max_scenarios);

struct SweepRunOptions {
  std::string output;      ///< the merged HDF5 file
  int threads = 0;         ///< 0: OpenMP's default
  bool resume = false;     ///< finish the parts of a stopped sweep
  bool overwrite = false;  ///< replace the output and any parts left by another run
  int shard_index = 0;     ///< this process runs the points with index % shard_count == shard_index
  int shard_count = 1;
  bool merge = true;          ///< merge the shard's parts into `output` when done (false under MPI)
  bool prepare_parts = true;  ///< check and set up the parts folder (false: another rank did)
  std::string command_line;   ///< provenance
  /// Called after each finished point with (done, total) from the running thread, serialized.
  std::function<void(std::size_t, std::size_t)> progress;
  /// Called on the merged file's root before it is committed (e.g. the causes study adds its tables), so
  /// the output appears complete or not at all.
  std::function<void(h5::Group&)> finish;
};

struct SweepOutcome {
  std::size_t run = 0, skipped = 0, failed = 0;  ///< this process: simulated, resumed from parts, failed
};

/// The parts folder of an output file, and the part of the point `index` in it.
std::string partsDirectory(const std::string& output);
std::string partPath(const std::string& dir, std::size_t index);

/// Creates the parts folder, or checks that the one there belongs to this sweep (resume) or clears it
/// (overwrite); removes temporaries a killed process left. Throws std::runtime_error naming what to do.
void prepareParts(const std::string& dir, const std::string& hash, bool resume, bool overwrite);

/// Runs this process's share of the points into the parts folder, then (options.merge) merges every part
/// of the shard into options.output. Throws std::runtime_error for a parts folder of another sweep or an
/// output that exists without overwrite (bad input), h5::Error for I/O failures.
SweepOutcome runSweep(const PreparedSweep& sweep, const SweepRunOptions& options);

/// Merges result files of one sweep (shard outputs or parts) into `output`, scenarios and /summary rows in
/// the design's order; adds /sobol when the design is Saltelli's and every point is present.
void mergeResultFiles(const std::vector<std::string>& inputs, const std::string& output, bool overwrite,
                      const std::string& command_line,
                      const std::function<void(h5::Group&)>& finish = nullptr);

}  // namespace spineload
