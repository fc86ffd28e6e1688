// The spineload command (../shared/DESIGN.md §5): `run`, `sweep`, `merge`, `describe`, `export`. Exit status:
// 0 success, 1 a simulation failed, 2 bad input (one line on stderr naming file, line, key and what is
// allowed).
#include <CLI/CLI.hpp>
#include <iostream>

#include "apps/spineload/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"spineload: loads on the human spine during running"};
  app.require_subcommand(1);
  spineload::cli::RunOptions run;
  CLI::App* run_cmd = app.add_subcommand("run", "simulate one scenario and write its results to HDF5");
  run_cmd->add_option("scenario", run.scenario, "scenario TOML file")->required();
  run_cmd->add_option("-o,--output", run.output, "HDF5 file to write")->required();
  run_cmd->add_flag("--overwrite", run.overwrite, "replace an existing output file");
  run_cmd->add_flag("-q,--quiet", run.quiet, "print nothing on success");

  spineload::cli::DescribeOptions describe;
  CLI::App* describe_cmd =
      app.add_subcommand("describe", "print every parameter: value, unit, range, source");
  describe_cmd->add_option("scenario", describe.scenario, "scenario TOML file (omit for the defaults)");
  describe_cmd->add_option("--data", describe.data_file,
                           "print an embedded data table verbatim (e.g. trunk_anatomy.toml)");
  describe_cmd->add_flag("--markdown", describe.markdown, "print the parameter table as markdown");

  spineload::cli::ExportOptions exp;  // docs/export.md
  CLI::App* export_cmd =
      app.add_subcommand("export", "write the time series of a results file for other tools");
  export_cmd->add_option("results", exp.results, "HDF5 results file (spineload run -o)")->required();
  export_cmd->add_flag("--sto", exp.sto, "OpenSim storage (.sto) files; required: the only format so far")
      ->required();
  export_cmd->add_option("-o,--output", exp.output_dir, "directory to write into (created if missing)")
      ->required();
  export_cmd->add_option("--scenario", exp.scenario, "export only this scenario id (default: all)");
  export_cmd->add_flag("--overwrite", exp.overwrite, "replace existing .sto files");
  export_cmd->add_flag("-q,--quiet", exp.quiet, "print nothing on success");

  spineload::cli::SweepOptions sweep;  // docs/sweeps.md
  CLI::App* sweep_cmd = app.add_subcommand("sweep", "run every scenario of a sweep file into one HDF5 file");
  sweep_cmd->add_option("sweep", sweep.sweep, "sweep TOML file")->required();
  sweep_cmd->add_option("-o,--output", sweep.output, "HDF5 file to write")->required();
  sweep_cmd->add_option("--threads", sweep.threads, "OpenMP threads (default: OMP_NUM_THREADS or all cores)");
  sweep_cmd->add_flag("--resume", sweep.resume,
                      "finish a stopped sweep without redoing its finished scenarios");
  sweep_cmd->add_option("--shard", sweep.shard, "i/N: run only the points with index % N == i (then merge)");
  sweep_cmd->add_option("--max-scenarios", sweep.max_scenarios, "refuse larger sweeps before starting");
  sweep_cmd->add_flag("--overwrite", sweep.overwrite, "replace the output and any parts of a stopped sweep");
  sweep_cmd->add_flag("-q,--quiet", sweep.quiet, "no progress and no summary line");

  spineload::cli::MergeOptions merge;
  CLI::App* merge_cmd =
      app.add_subcommand("merge", "join the shard files of one sweep (--shard i/N) into one");
  merge_cmd->add_option("inputs", merge.inputs, "shard HDF5 files")->required();
  merge_cmd->add_option("-o,--output", merge.output, "HDF5 file to write")->required();
  merge_cmd->add_flag("--overwrite", merge.overwrite, "replace an existing output file");
  merge_cmd->add_flag("-q,--quiet", merge.quiet, "print nothing on success");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "spineload: " << e.what() << " (spineload --help)\n";
    return 2;
  }
  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);
  if (*run_cmd) return spineload::cli::runCommand(run, command_line);
  if (*export_cmd) return spineload::cli::exportCommand(exp);
  if (*sweep_cmd) return spineload::cli::sweepCommand(sweep, command_line);
  if (*merge_cmd) return spineload::cli::mergeCommand(merge, command_line);
  return spineload::cli::describeCommand(describe);
}
