// spineload validate: every published-data check (engine/validation/validation_checks.hpp), printed as a
// table and optionally written as markdown (-o) and as the HDF5 table /validation (--h5). Exit 0 when every
// check passes (circular and not-computable rows do not fail), 3 when some fail (known failures too), 2 on
// bad input, 1 when a simulation cannot run. docs/validation.md.
#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "apps/spineload/commands.hpp"
#include "engine/io/results_writer.hpp"
#include "engine/validation/check_report.hpp"

namespace spineload::cli {

namespace {

constexpr int kExitChecksFail = 3;
namespace fs = std::filesystem;

/// Bad input: the message is the one line the user sees.
struct BadInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The default figures: ../shared's published.toml (when the checkout has it) and validation/*.toml.
std::vector<std::string> defaultFigureFiles(bool quiet) {
  std::vector<std::string> files;
  if (fs::exists(SPINELOAD_SHARED_VALIDATION_FILE))
    files.push_back(SPINELOAD_SHARED_VALIDATION_FILE);
  else if (!quiet)
    std::cerr << "spineload validate: no " << SPINELOAD_SHARED_VALIDATION_FILE
              << " (../shared is absent): checking the project's figures only\n";
  std::vector<std::string> project;
  if (fs::is_directory(SPINELOAD_VALIDATION_DIR))
    for (const fs::directory_entry& e : fs::directory_iterator(SPINELOAD_VALIDATION_DIR))
      if (e.path().extension() == ".toml") project.push_back(e.path().string());
  std::sort(project.begin(), project.end());  // a fixed order, whatever the directory's
  files.insert(files.end(), project.begin(), project.end());
  return files;
}

std::vector<PublishedFigure> readFigures(const std::vector<std::string>& files) {
  std::vector<PublishedFigure> all;
  for (const std::string& path : files) {
    if (!fs::is_regular_file(path)) throw BadInput(path + ": no such figure file (--figures)");
    try {
      std::vector<PublishedFigure> f = readPublishedFigures(path);
      all.insert(all.end(), f.begin(), f.end());
    } catch (const std::runtime_error& e) {
      throw BadInput(e.what());
    }
  }
  return all;
}

void refuseExisting(const std::string& path, bool overwrite) {
  if (!path.empty() && !overwrite && fs::exists(path))
    throw BadInput(path + ": exists; use --overwrite to replace it");
}

// Before any check runs: an output that could not be written is bad input, found in a second, not minutes.
void checkMarkdownOutput(const std::string& path, bool overwrite) {
  if (path.empty()) return;
  refuseExisting(path, overwrite);
  const fs::path folder = fs::path(path).parent_path();
  if (!folder.empty() && !fs::is_directory(folder)) throw BadInput(path + ": no folder " + folder.string());
}

// Markdown written beside its final name and renamed when complete, as the HDF5 outputs are.
void writeTextAtomically(const std::string& path, const std::string& text, bool overwrite) {
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp);
    out << text;
    out.close();
    if (!out) {
      std::remove(temp.c_str());
      throw BadInput(path + ": cannot write (is its folder there and writable?)");
    }
  }
  refuseExisting(path, overwrite);  // another process may have written it during the checks
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    throw BadInput(path + ": cannot rename " + temp + " to it");
  }
}

std::vector<CheckResult> runSelected(const ValidateOptions& o, const std::vector<PublishedFigure>& figures) {
  const std::vector<CheckSpec> checks = validationChecks();
  ValidationRuns runs;  // the simulations of this call, shared by its checks
  std::vector<CheckResult> results = runChecks(checks, figures, o.filter, runs);
  if (results.empty()) throw BadInput("--only " + o.filter + ": no check id contains it");
  return results;
}

}  // namespace

int validateCommand(const ValidateOptions& o, const std::string& command_line) {
  std::vector<PublishedFigure> figures;
  std::optional<h5::AtomicOutput> h5_out;
  try {  // bad input first: outputs (before any note on stderr: a refusal is one line), figure files
    checkMarkdownOutput(o.output, o.overwrite);
    if (!o.h5_output.empty()) h5_out.emplace(o.h5_output, o.overwrite);
    figures = readFigures(o.figure_files.empty() ? defaultFigureFiles(o.quiet) : o.figure_files);
  } catch (const BadInput& e) {
    std::cerr << "spineload validate: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const h5::Error& e) {
    std::cerr << "spineload validate: " << e.what() << "\n";
    return kExitBadInput;
  }
  try {
    const std::string start = utcTimestamp();
    const std::vector<CheckResult> results = runSelected(o, figures);
    const CheckTally tally = tallyChecks(results);
    if (!o.quiet) std::cout << checksText(results) << tallyLine(tally) << "\n";
    if (!o.output.empty()) writeTextAtomically(o.output, checksMarkdown(results, command_line), o.overwrite);
    if (h5_out) {
      h5::Group root = h5_out->file().root();
      root.writeTable("validation", checksColumns(results));
      writeProvenance(root, {command_line, start, utcTimestamp(), ""});
      h5_out->commit();
    }
    return tally.anyFailure() ? kExitChecksFail : kExitOk;
  } catch (const BadInput& e) {
    std::cerr << "spineload validate: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "spineload validate: " << e.what() << "\n";
    return kExitFailed;
  }
}

}  // namespace spineload::cli
