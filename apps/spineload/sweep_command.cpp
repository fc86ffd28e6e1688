// `spineload sweep` and `spineload merge` (docs/sweeps.md). Under mpirun each rank runs its share of the
// points into the shared parts folder and rank 0 merges them: the same file as one process writes.
#include <filesystem>
#include <iostream>
#include <sstream>

#include "apps/spineload/commands.hpp"
#include "apps/spineload/mpi_session.hpp"
#include "apps/spineload/output_check.hpp"
#include "apps/spineload/progress.hpp"
#include "engine/io/hdf5_file.hpp"
#include "engine/sweep/sweep_runner.hpp"

namespace spineload::cli {
namespace {

// "i/N" -> (i, N); false when malformed.
bool parseShard(const std::string& text, int& index, int& count) {
  char slash = 0;
  std::istringstream in(text);
  return static_cast<bool>(in >> index >> slash >> count) && slash == '/' && in.peek() == EOF && count >= 1 &&
         index >= 0 && index < count;
}

// Under mpirun: rank 0 sets the parts folder up, every rank runs its share, rank 0 merges all parts.
void runDistributed(const PreparedSweep& sweep, SweepRunOptions run, const MpiSession& mpi) {
  const std::string dir = partsDirectory(run.output);
  if (mpi.rank() == 0) {
    if (!run.overwrite && std::filesystem::exists(run.output))
      throw std::runtime_error(run.output + ": exists; --overwrite replaces it");
    prepareParts(dir, sweep.hash, run.resume, run.overwrite);
  }
  mpi.barrier();
  run.shard_index = mpi.rank();
  run.shard_count = mpi.size();
  run.merge = false;
  run.prepare_parts = false;
  runSweep(sweep, run);
  mpi.barrier();
  if (mpi.rank() != 0) return;
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < sweep.points.size(); ++i) parts.push_back(partPath(dir, i));
  mergeResultFiles(parts, run.output, run.overwrite, run.command_line);
  std::filesystem::remove_all(dir);
}

}  // namespace

int sweepCommand(const SweepOptions& o, const std::string& command_line) {
  const MpiSession mpi;
  SweepRunOptions run;
  run.output = o.output;
  run.threads = o.threads;
  run.resume = o.resume;
  run.overwrite = o.overwrite;
  run.command_line = command_line;
  if (!o.shard.empty() && (mpi.size() > 1 || !parseShard(o.shard, run.shard_index, run.shard_count))) {
    std::cerr
        << "spineload sweep: --shard " << o.shard
        << ": allowed i/N with 0 <= i < N, e.g. 0/4, and not under mpirun (which splits the points itself)\n";
    return kExitBadInput;
  }
  try {
    const PreparedSweep sweep = prepareSweep(o.sweep, o.max_scenarios);
    if (mpi.rank() == 0) refuseUnwritableOutput(o.output, o.overwrite);  // rank 0 alone writes it
    if (mpi.rank() == 0) run.progress = progressPrinter(o.quiet, "sweep");
    if (mpi.size() > 1) {
      runDistributed(sweep, run, mpi);
    } else {
      const SweepOutcome outcome = runSweep(sweep, run);
      if (!o.quiet)
        std::cerr << "spineload sweep: " << outcome.run << " scenarios run (" << outcome.failed
                  << " failed), " << outcome.skipped << " resumed -> " << o.output << "\n";
    }
    return kExitOk;
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    if (mpi.size() > 1) mpi.abort(kExitBadInput);
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "spineload sweep: " << e.what() << "\n";
    if (mpi.size() > 1) mpi.abort(kExitBadInput);
    return kExitBadInput;
  }
}

int mergeCommand(const MergeOptions& o, const std::string& command_line) {
  try {
    mergeResultFiles(o.inputs, o.output, o.overwrite, command_line);
    if (!o.quiet) std::cerr << "spineload merge: " << o.inputs.size() << " files -> " << o.output << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "spineload merge: " << e.what() << "\n";
    return kExitBadInput;
  }
}

}  // namespace spineload::cli
