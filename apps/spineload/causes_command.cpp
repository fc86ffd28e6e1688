// `spineload causes` (docs/causes.md): the article's causes study. The study's points run as one sweep (in
// parallel, resumable, parts merged in order) and the merge adds the /causes tables before the output is
// committed, so out/causes.h5 appears complete or not at all.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "apps/spineload/commands.hpp"
#include "apps/spineload/output_check.hpp"
#include "apps/spineload/progress.hpp"
#include "engine/causes/causes_table.hpp"

namespace spineload::cli {
namespace {

constexpr const char* kDefaultStudy = "scenarios/causes/study.toml";

// The ranking, one line per cause, from the file just written.
void printRanking(const std::string& output) {
  const h5::File file = h5::File::openReadOnly(output);
  const std::vector<h5::TableColumn> t = file.root().readTable("causes_ranking");
  auto column = [&](const char* name) -> const h5::TableColumn& {
    for (const h5::TableColumn& c : t)
      if (c.name == name) return c;
    throw std::runtime_error(std::string("causes_ranking has no column ") + name);
  };
  const auto& cause = column("cause").strings;
  const auto& verdict = column("verdict").strings;
  const auto& load = column("load_effect_percent").floats;
  const auto& level = column("load_effect_level").strings;
  const auto& effort = column("effort_effect_percent").floats;
  std::fprintf(stderr, "%-22s %-18s %26s %16s\n", "cause", "verdict", "peak compression",
               "upper-back effort");
  for (std::size_t i = 0; i < cause.size(); ++i) {
    std::fprintf(stderr, "%-22s %-18s ", cause[i].c_str(), verdict[i].c_str());
    if (std::isfinite(load[i]))
      std::fprintf(stderr, "%+17.1f %% at %-6s", load[i], level[i].c_str());
    else
      std::fprintf(stderr, "%26s", "no value");
    if (std::isfinite(effort[i]))
      std::fprintf(stderr, " %+15.1f %%\n", effort[i]);
    else
      std::fprintf(stderr, " %17s\n", "no value");
  }
}

}  // namespace

int causesCommand(const CausesOptions& o, const std::string& command_line) {
  const std::string study_path = o.study.empty() ? kDefaultStudy : o.study;
  // 0 = the files' own durations. Below 3 s a slow cadence leaves no whole steady stride after the two
  // dropped as the start-up (a 2.33 steps/s stride lasts 0.86 s), and every summary would be empty.
  if (!std::isfinite(o.duration_s) || o.duration_s < 0.0 || (o.duration_s > 0.0 && o.duration_s < 3.0)) {
    std::cerr << "spineload causes: --duration " << o.duration_s
              << ": allowed at least 3 s (two strides are dropped as the start-up, the summaries need whole "
                 "strides after them)\n";
    return kExitBadInput;
  }
  StudyRunOptions study_options;
  study_options.duration_s = o.duration_s;
  study_options.doses = !o.no_doses;
  study_options.factorial = !o.no_factorial;
  try {
    const PreparedStudy study = prepareCausesStudy(study_path, study_options);
    refuseUnwritableOutput(o.output, o.overwrite);
    SweepRunOptions run;
    run.output = o.output;
    run.threads = o.threads;
    run.resume = o.resume;
    run.overwrite = o.overwrite;
    run.command_line = command_line;
    run.progress = progressPrinter(o.quiet, "causes");
    run.finish = [&study](h5::Group& root) { writeCausesTables(root, study); };
    const SweepOutcome outcome = runSweep(study.sweep, run);
    if (!o.quiet) {
      std::cerr << "spineload causes: " << outcome.run << " scenarios run (" << outcome.failed << " failed), "
                << outcome.skipped << " resumed -> " << o.output << "\n";
      printRanking(o.output);
    }
    return outcome.failed > 0 ? kExitFailed : kExitOk;
  } catch (const ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "spineload causes: " << e.what() << "\n";
    return kExitBadInput;
  }
}

}  // namespace spineload::cli
