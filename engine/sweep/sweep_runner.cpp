#include "engine/sweep/sweep_runner.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>

#include <omp.h>

#include "engine/io/hdf5_file.hpp"
#include "engine/io/results_writer.hpp"
#include "engine/io/summary_table.hpp"
#include "engine/run/run_scenario.hpp"
#include "engine/sweep/sobol.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

// Trunk models shared between points whose values differ only in simulation.* or output.* keys (a
// time-step or output sweep builds one model). Bounded, so memory stays flat over any number of points.
class ModelCache {
 public:
  std::shared_ptr<const TrunkModel> get(const ScenarioSpec& spec) {
    std::ostringstream key;
    for (const auto& [name, setting] : spec.values.values)
      if (name.rfind("simulation.", 0) != 0 && name.rfind("output.", 0) != 0)
        key << name << '=' << formatValue(setting.value) << '\n';
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (const auto& [k, model] : models_)
        if (k == key.str()) return model;
    }
    auto model = std::make_shared<const TrunkModel>(buildScenarioModel(spec));  // outside the lock
    std::lock_guard<std::mutex> lock(mutex_);
    if (models_.size() >= kCapacity) models_.erase(models_.begin());
    models_.emplace_back(key.str(), model);
    return model;
  }

 private:
  static constexpr std::size_t kCapacity = 8;
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::shared_ptr<const TrunkModel>>> models_;
};

// One point's outcome, held until the writer (one thread at a time) stores it.
struct PointOutcome {
  ScenarioValues values;
  std::optional<ScenarioSpec> spec;
  std::optional<RunResult> result;
  ScenarioSummary summary;
  std::string status = "ok";
};

PointOutcome runPoint(const PreparedSweep& sweep, const SweepPoint& point, ModelCache& models,
                      const TissueFatigue& fatigue) {
  PointOutcome o;
  try {
    o.values = applyOverrides(sweep.base, point.overrides, sweep.table);
    o.spec.emplace(toScenarioSpec(o.values));
    o.spec->name = point.id;
    const std::shared_ptr<const TrunkModel> trunk = models.get(*o.spec);
    recordDerivedGait(*trunk, *o.spec);
    o.result.emplace(runScenario(*o.spec, *trunk));
    o.summary = summarizeRun(*o.spec, *o.result, fatigue);
  } catch (const std::exception& e) {
    o.status = std::string("failed: ") + e.what();
    o.result.reset();
    if (o.values.values.empty()) o.values = sweep.base;
  }
  return o;
}

void writeSweepAttributes(h5::Group& root, const std::string& hash, const std::string& file,
                          const std::string& toml, long long points) {
  root.setAttribute("sweep_hash", hash);
  root.setAttribute("sweep_file", file);
  root.setAttribute("sweep_toml", toml);
  root.setAttribute("sweep_points", points);
}

// The row of a point: id, status, its index in the design, the parameters and the metrics.
SummaryRow pointRow(const PreparedSweep& sweep, std::size_t index, const PointOutcome& o) {
  const SummaryRow metrics = o.result ? o.summary.metrics : SummaryRow{};
  const std::string& id = o.spec ? o.spec->name : sweep.points[index].id;
  // The spec's values carry what the derived defaults resolved to (toScenarioSpec).
  SummaryRow row = summaryRow(id, o.spec ? o.spec->values : o.values, o.status, metrics, sweep.table);
  row.insert(row.begin() + 2, SummaryField{"sweep_index", "1", "the point's index in the sweep design",
                                           static_cast<long long>(index)});
  return row;
}

void writePart(const PreparedSweep& sweep, std::size_t index, const PointOutcome& o, const std::string& dir,
               const std::string& command_line) {
  h5::AtomicOutput out(partPath(dir, index), true);
  h5::Group root = out.file().root();
  if (o.result) {
    writeRunResult(root, *o.spec, *o.result, o.summary);
    root.openGroup("scenarios/" + o.spec->name).setAttribute("sweep_index", index);
  }
  writeSummaryTable(root, {pointRow(sweep, index, o)}, true);  // read back by the merge: name order
  writeSweepAttributes(root, sweep.hash, sweep.spec.path, sweep.spec.toml_text,
                       static_cast<long long>(sweep.points.size()));
  if (!sweep.study.empty()) root.setAttribute("study", sweep.study);
  const std::string now = utcTimestamp();
  writeProvenance(root, {command_line, now, now, o.result ? o.result->model_hash : std::string("-")});
  out.commit();
}

}  // namespace

// FNV-1a 64: a fingerprint of the texts that fix a sweep's results, not a security hash.
std::string sweepFingerprint(const std::vector<std::string>& texts) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const std::string& t : texts) {
    for (const unsigned char c : t) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ 0xFF) * 1099511628211ULL;  // separator: ("ab","c") differs from ("a","bc")
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

std::string partsDirectory(const std::string& output) {
  return output + ".parts";
}

std::string partPath(const std::string& dir, std::size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "%08zu.h5", index);
  return (fs::path(dir) / name).string();
}

void prepareParts(const std::string& dir, const std::string& hash, bool resume, bool overwrite) {
  const fs::path manifest = fs::path(dir) / "sweep_hash";
  if (fs::exists(dir)) {
    std::string found;
    std::ifstream(manifest) >> found;
    if (overwrite && !resume) {
      fs::remove_all(dir);
    } else if (!resume) {
      throw std::runtime_error(
          dir + ": a stopped sweep left its parts here; --resume finishes it, --overwrite starts again");
    } else if (found != hash) {
      throw std::runtime_error(dir + ": these parts belong to another sweep (hash " + found + ", this one " +
                               hash + "); --overwrite starts again");
    }
  }
  fs::create_directories(dir);
  std::ofstream(manifest) << hash << "\n";
  // A process killed while writing leaves only temporaries (parts are renamed when complete): drop them.
  for (const fs::directory_entry& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) fs::remove(e.path());
}

PreparedSweep prepareSweep(const std::string& sweep_path, std::size_t max_scenarios) {
  PreparedSweep s;
  s.table = loadParameterTable();
  s.spec = loadSweepFile(sweep_path, s.table);
  refuseOversizedSweep(s.spec, max_scenarios);
  s.base = loadScenarioFile(s.spec.base_path, s.table);
  s.points = expandDesign(s.spec);
  std::vector<std::string> texts = {SPINELOAD_VERSION, s.spec.toml_text, s.base.toml_text};
  for (const auto& [file, text] : s.base.included) texts.push_back(text);
  s.hash = sweepFingerprint(texts);
  return s;
}

SweepOutcome runSweep(const PreparedSweep& sweep, const SweepRunOptions& options) {
  if (options.shard_count < 1 || options.shard_index < 0 || options.shard_index >= options.shard_count)
    throw std::invalid_argument("shard " + std::to_string(options.shard_index) + "/" +
                                std::to_string(options.shard_count) + ": allowed i/N with 0 <= i < N");
  if (options.merge && !options.overwrite && fs::exists(options.output))
    throw std::runtime_error(options.output + ": exists; --overwrite replaces it");
  const std::string dir = partsDirectory(options.output);
  if (options.prepare_parts) prepareParts(dir, sweep.hash, options.resume, options.overwrite);
  std::vector<std::size_t> mine, todo;
  for (std::size_t i = 0; i < sweep.points.size(); ++i)
    if (static_cast<int>(i % static_cast<std::size_t>(options.shard_count)) == options.shard_index)
      mine.push_back(i);
  for (const std::size_t i : mine)
    if (!fs::exists(partPath(dir, i))) todo.push_back(i);
  SweepOutcome outcome;
  outcome.skipped = mine.size() - todo.size();
  const TissueFatigue fatigue = readTissueFatigue();
  ModelCache models;
  std::string write_error;
  std::size_t done = outcome.skipped;
  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::size_t k = 0; k < todo.size(); ++k) {
    const std::size_t i = todo[k];
    const PointOutcome o = runPoint(sweep, sweep.points[i], models, fatigue);
#pragma omp critical(spineload_hdf5)
    {  // the Debian HDF5 is not thread-safe: one writer at a time
      try {
        if (write_error.empty()) writePart(sweep, i, o, dir, options.command_line);
      } catch (const std::exception& e) {
        write_error = e.what();
      }
      ++outcome.run;
      if (!o.result) ++outcome.failed;
      if (options.progress) options.progress(++done, mine.size());
    }
  }
  if (!write_error.empty()) throw std::runtime_error(write_error);
  if (!options.merge) return outcome;
  std::vector<std::string> parts;
  for (const std::size_t i : mine) parts.push_back(partPath(dir, i));
  try {
    mergeResultFiles(parts, options.output, options.overwrite, options.command_line, options.finish);
  } catch (const h5::Error& e) {
    if (std::string(e.what()).find(dir) == std::string::npos) throw;
    throw std::runtime_error(std::string(e.what()) +
                             "; a part of this sweep is damaged: delete it and --resume " +
                             "runs its scenario again");
  }
  fs::remove_all(dir);
  return outcome;
}

}  // namespace spineload
