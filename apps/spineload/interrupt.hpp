// Ctrl-C and SIGTERM (mpirun stopping its ranks, a batch system's time limit) while a command writes: every
// output is written to `<output>.tmp-<pid>` and renamed when complete (docs/hdf5-schema.md), so on a signal
// removing those temporaries is all it takes to leave nothing half-written. A sweep's finished scenarios stay
// in `<output>.parts/` for --resume, which also removes the part that was being written.
#pragma once

#include <string>
#include <vector>

namespace spineload::cli {

/// Installs SIGINT and SIGTERM handlers that remove the temporaries of `outputs` (empty names skipped), say
/// so in one line on stderr and exit with status 128 + the signal (130, 143). Call once, before writing.
void removeTemporariesOnInterrupt(const std::vector<std::string>& outputs);

}  // namespace spineload::cli
