// The subcommands of the spineload executable, one function each; they return the process exit status.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace spineload::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadInput = 2;

struct RunOptions {
  std::string scenario;
  std::string output;
  bool overwrite = false;
  bool quiet = false;
};
int runCommand(const RunOptions& options, const std::string& command_line);

struct DescribeOptions {
  std::string scenario;
  std::string data_file;
  bool markdown = false;
};
int describeCommand(const DescribeOptions& options);

struct ExportOptions {
  std::string results;     ///< HDF5 results file (spineload run -o)
  std::string output_dir;  ///< created if missing
  std::string scenario;    ///< one scenario id; empty: every scenario
  bool sto = false;        ///< OpenSim storage files (the only format so far)
  bool overwrite = false;
  bool quiet = false;
};
int exportCommand(const ExportOptions& options);

struct SweepOptions {
  std::string sweep;   ///< sweep TOML file
  std::string output;  ///< merged HDF5 file
  int threads = 0;     ///< 0: OpenMP's default (OMP_NUM_THREADS or the cores)
  bool resume = false;
  bool overwrite = false;
  bool quiet = false;
  std::string shard;  ///< "i/N"; empty: all points (or the MPI rank's share under mpirun)
  std::size_t max_scenarios = 1000000;
};
int sweepCommand(const SweepOptions& options, const std::string& command_line);

struct MergeOptions {
  std::vector<std::string> inputs;
  std::string output;
  bool overwrite = false;
  bool quiet = false;
};
int mergeCommand(const MergeOptions& options, const std::string& command_line);

struct CausesOptions {  // docs/causes.md
  std::string study;    ///< the study file (default: scenarios/causes/study.toml)
  std::string output;   ///< HDF5 file with every scenario, /summary and /causes
  int threads = 0;      ///< 0: OpenMP's default
  bool resume = false;
  bool overwrite = false;
  bool quiet = false;
  double duration_s = 0;      ///< > 0: override simulation.duration_s of every scenario (quick looks, tests)
  bool no_doses = false;      ///< skip the magnitude sweeps
  bool no_factorial = false;  ///< skip the factorial design
};
int causesCommand(const CausesOptions& options, const std::string& command_line);

struct ValidateOptions {  // docs/validation.md
  std::string output;     ///< markdown table (default: print only); a .h5 output is written as HDF5
  std::string h5_output;  ///< HDF5 table of the checks (optional)
  std::vector<std::string> figure_files;  ///< published figures (default: ../shared + validation/*.toml)
  std::string filter;                     ///< run only the checks whose id contains this text
  bool overwrite = false;
  bool quiet = false;
};
int validateCommand(const ValidateOptions& options, const std::string& command_line);

}  // namespace spineload::cli
