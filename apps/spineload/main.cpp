// The spineload command (../shared/DESIGN.md §5): `run`, `sweep`, `merge`, `describe`, `export`, `causes`,
// `validate`. Exit status: 0 success, 1 a simulation failed, 2 bad input (one line on stderr naming file,
// line, key and what is allowed), 3 (validate) some checks fail.
#include <CLI/CLI.hpp>
#include <iostream>

#include "apps/spineload/commands.hpp"
#include "apps/spineload/interrupt.hpp"

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

  spineload::cli::CausesOptions causes;  // docs/causes.md
  CLI::App* causes_cmd = app.add_subcommand(
      "causes",
      "the article's causes study: baseline, each cause, its magnitude and interactions -> /causes");
  causes_cmd->add_option("-o,--output", causes.output, "HDF5 file to write")->required();
  causes_cmd->add_option("--study", causes.study, "study file (default: scenarios/causes/study.toml)");
  causes_cmd->add_option("--threads", causes.threads,
                         "OpenMP threads (default: OMP_NUM_THREADS or all cores)");
  causes_cmd->add_option(
      "--duration", causes.duration_s,
      "simulated seconds per scenario, replacing the files' (quick looks; default: theirs)");
  causes_cmd->add_flag("--no-doses", causes.no_doses, "skip the sweeps over each cause's magnitude");
  causes_cmd->add_flag("--no-factorial", causes.no_factorial, "skip the factorial design of interactions");
  causes_cmd->add_flag("--resume", causes.resume,
                       "finish a stopped study without redoing finished scenarios");
  causes_cmd->add_flag("--overwrite", causes.overwrite,
                       "replace the output and any parts of a stopped study");
  causes_cmd->add_flag("-q,--quiet", causes.quiet, "no progress and no summary");

  spineload::cli::ValidateOptions validate;  // docs/validation.md
  CLI::App* validate_cmd = app.add_subcommand(
      "validate", "run every published-data check; exit 0 when all pass, 3 when some fail");
  validate_cmd->add_option("-o,--output", validate.output, "markdown table to write (default: print only)");
  validate_cmd->add_option("--h5", validate.h5_output, "HDF5 file with the table of checks");
  validate_cmd->add_option("--figures", validate.figure_files,
                           "published-figure TOML files (default: ../shared/validation and validation/)");
  validate_cmd->add_option("--only", validate.filter, "run only the checks whose id contains this text");
  validate_cmd->add_flag("--overwrite", validate.overwrite, "replace existing output files");
  validate_cmd->add_flag("-q,--quiet", validate.quiet, "print nothing but errors");

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
  // A signal leaves no half-written output (apps/spineload/interrupt.hpp).
  using spineload::cli::removeTemporariesOnInterrupt;
  if (*run_cmd) removeTemporariesOnInterrupt({run.output});
  if (*sweep_cmd) removeTemporariesOnInterrupt({sweep.output});
  if (*merge_cmd) removeTemporariesOnInterrupt({merge.output});
  if (*causes_cmd) removeTemporariesOnInterrupt({causes.output});
  if (*validate_cmd) removeTemporariesOnInterrupt({validate.output, validate.h5_output});
  if (*run_cmd) return spineload::cli::runCommand(run, command_line);
  if (*export_cmd) return spineload::cli::exportCommand(exp);
  if (*sweep_cmd) return spineload::cli::sweepCommand(sweep, command_line);
  if (*merge_cmd) return spineload::cli::mergeCommand(merge, command_line);
  if (*causes_cmd) return spineload::cli::causesCommand(causes, command_line);
  if (*validate_cmd) return spineload::cli::validateCommand(validate, command_line);
  return spineload::cli::describeCommand(describe);
}
