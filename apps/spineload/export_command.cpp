// spineload export --sto: the time series of a results file as OpenSim storage files (docs/export.md).
// Per scenario: <id>_levels.sto (levels/<level>/<dataset>), <id>_muscle_<dataset>.sto (muscles/<dataset>
// against muscles/names), <id>_signals.sto (every other dataset on the time axis, found by walking the
// scenario group, so datasets added later are exported without changes here) and <id>_<X>.sto for a dataset
// X with a sibling X_time (its own time axis, e.g. stability). Everything is read and checked before the
// first file is written; the files are then written together through temporaries (engine/io/sto_writer).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <stdexcept>

#include "apps/spineload/commands.hpp"
#include "engine/io/hdf5_file.hpp"
#include "engine/io/sto_writer.hpp"

namespace spineload::cli {
namespace {

namespace fs = std::filesystem;

// The results file cannot be exported as asked: one line for the user, exit 2.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Members of a scenario group that are not signals: the time axis itself, the groups with tables of their
// own, and shock/ (spectra over frequency bins, not over time).
const std::set<std::string> kNotSignals = {"time", "levels", "muscles", "shock"};

struct Numeric {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> values;  // row-major
};

// A numeric dataset read whole, a 1-D one as one column; nullopt for strings and other ranks. The HDF5
// layer has no shape query, so the rank is learnt from the read it accepts (both check rank and class
// before reading anything).
std::optional<Numeric> readNumeric(const h5::Group& g, const std::string& name) {
  try {
    std::vector<double> v = g.readVector(name);
    return Numeric{v.size(), 1, std::move(v)};
  } catch (const h5::Error&) {
  }
  try {
    Numeric n;
    n.values = g.readMatrix(name, n.rows, n.cols);
    return n;
  } catch (const h5::Error&) {
  }
  return std::nullopt;
}

bool isGroup(const h5::Group& g, const std::string& name) {
  try {
    g.openGroup(name);
    return true;
  } catch (const h5::Error&) {
    return false;
  }
}

// Attribute text as one header line: OpenSim reads a line holding '=' as key=value (sto_writer.hpp).
std::string unitOf(const h5::Group& g, const std::string& dataset) {
  std::string u;
  try {
    u = g.datasetStringAttribute(dataset, "units");
  } catch (const h5::Error&) {
    return "not given";
  }
  for (char& c : u)
    if (c == '=' || c == '\n' || c == '\r' || c == '\t') c = ' ';
  return u;
}

// "pelvis/position" -> "pelvis_position", "accelerations/T7" -> "T7_acc" (a body's acceleration).
std::string labelOf(const std::string& path) {
  const std::string acc = "accelerations/";
  std::string label = path.rfind(acc, 0) == 0 ? path.substr(acc.size()) + "_acc" : path;
  for (char& c : label)
    if (c == '/') c = '_';
  return label;
}

// Data columns of one table, each `rows` long, with their units.
struct Columns {
  std::vector<std::string> labels;
  std::vector<std::string> units;
  std::vector<std::vector<double>> data;

  // A (rows × 3) dataset is a vector in the world frame (x forward, y left, z up): _x, _y, _z; other widths
  // get _1 … _n, as OpenSim flattens vectors; one column keeps the base label.
  void add(const std::string& base, const std::string& unit, const Numeric& n) {
    std::vector<std::string> names;
    for (std::size_t c = 0; c < n.cols; ++c)
      names.push_back(n.cols == 1   ? base
                      : n.cols == 3 ? base + "_" + "xyz"[c]
                                    : base + "_" + std::to_string(c + 1));
    add(names, unit, n);
  }
  void add(const std::vector<std::string>& names, const std::string& unit, const Numeric& n) {
    for (std::size_t c = 0; c < n.cols; ++c) {
      labels.push_back(names[c]);
      units.push_back(unit);
      std::vector<double>& col = data.emplace_back(n.rows);
      for (std::size_t r = 0; r < n.rows; ++r) col[r] = n.values[r * n.cols + c];
    }
  }
};

// A dataset X whose sibling X_time gives it a time axis of its own.
struct OwnAxis {
  std::string label;
  std::vector<double> time;
  std::string time_unit;
  Columns columns;
};

// Adds every numeric dataset under `g` (at path `rel` below the group the walk began in) whose first
// dimension is `samples`, depth first in the file's order, leaving out the members `skip` of that first
// group. A dataset X with a sibling X_time goes to `own_axis` instead.
void collect(const h5::Group& g, const std::string& rel, std::size_t samples,
             const std::set<std::string>& skip, Columns& out, std::vector<OwnAxis>& own_axis) {
  const std::vector<std::string> names = g.children();
  const std::set<std::string> present(names.begin(), names.end());
  const auto hasAxis = [&](const std::string& n) { return present.count(n + "_time") > 0; };
  const auto isAxis = [&](const std::string& n) {
    return n.size() > 5 && n.compare(n.size() - 5, 5, "_time") == 0 &&
           present.count(n.substr(0, n.size() - 5));
  };
  for (const std::string& name : names) {
    const std::string path = rel.empty() ? name : rel + "/" + name;
    if ((rel.empty() && skip.count(name)) || isAxis(name)) continue;
    if (isGroup(g, name)) {
      collect(g.openGroup(name), path, samples, skip, out, own_axis);
      continue;
    }
    const std::optional<Numeric> n = readNumeric(g, name);
    if (!n) continue;
    if (hasAxis(name)) {
      const std::optional<Numeric> t = readNumeric(g, name + "_time");
      if (!t || t->cols != 1 || t->rows != n->rows || n->rows == 0) continue;
      OwnAxis& o = own_axis.emplace_back(OwnAxis{labelOf(path), t->values, unitOf(g, name + "_time"), {}});
      o.columns.add(o.label, unitOf(g, name), *n);
    } else if (n->rows == samples) {
      out.add(labelOf(path), unitOf(g, name), *n);
    }
  }
}

StoTable makeTable(const std::string& name, const std::string& id, std::vector<double> time,
                   const std::string& time_unit, const Columns& c) {
  StoTable t;
  t.name = name;
  t.labels = c.labels;
  t.comments.push_back("spineload export of scenario " + id + " (docs/export.md); one unit per column:");
  t.comments.push_back("Column time: " + time_unit);
  for (std::size_t i = 0; i < c.labels.size(); ++i)
    t.comments.push_back("Column " + c.labels[i] + ": " + c.units[i]);
  const std::size_t cols = c.data.size();
  t.values.resize(time.size() * cols);
  for (std::size_t col = 0; col < cols; ++col)
    for (std::size_t r = 0; r < time.size(); ++r) t.values[r * cols + col] = c.data[col][r];
  t.time = std::move(time);
  return t;
}

// The tables of one scenario that has time series.
void scenarioTables(const h5::Group& g, const std::string& id, const fs::path& dir,
                    std::vector<StoFile>& files) {
  const std::vector<double> time = g.readVector("time");
  const std::string time_unit = unitOf(g, "time");
  const std::size_t n = time.size();
  const auto add = [&](const std::string& suffix, std::vector<double> t, const std::string& unit,
                       const Columns& c) {
    if (c.labels.empty()) return;
    const std::string name = id + "_" + suffix;
    files.push_back({(dir / (name + ".sto")).string(), makeTable(name, id, std::move(t), unit, c)});
  };
  std::vector<OwnAxis> own_axis;
  if (g.exists("levels")) {
    Columns levels;
    collect(g.openGroup("levels"), "", n, {}, levels, own_axis);
    add("levels", time, time_unit, levels);
  }
  if (g.exists("muscles/names")) {
    const h5::Group muscles = g.openGroup("muscles");
    const std::vector<std::string> names = muscles.readStrings("names");
    for (const std::string& dataset : muscles.children()) {
      const std::optional<Numeric> m = dataset == "names" ? std::nullopt : readNumeric(muscles, dataset);
      if (!m || m->rows != n || m->cols != names.size()) continue;
      Columns c;
      c.add(names, unitOf(muscles, dataset), *m);
      add("muscle_" + dataset, time, time_unit, c);
    }
  }
  Columns signals;
  collect(g, "", n, kNotSignals, signals, own_axis);
  add("signals", time, time_unit, signals);
  for (OwnAxis& o : own_axis) add(o.label, std::move(o.time), o.time_unit, o.columns);
}

std::string joined(const std::vector<std::string>& ids) {
  std::string s;
  for (const std::string& id : ids) s += (s.empty() ? "" : ", ") + id;
  return s;
}

}  // namespace

int exportCommand(const ExportOptions& o) {
  std::vector<StoFile> files;
  std::vector<std::string> skipped;  // scenarios written without time series
  std::size_t exported = 0;
  try {  // bad input: the file, the scenario, its contents, or an output that exists
    if (!o.sto) throw ExportError("choose a format: --sto (OpenSim storage files) is the only one");
    const h5::File file = h5::File::openReadOnly(o.results);
    const h5::Group root = file.root();
    std::vector<std::string> ids;
    if (root.exists("scenarios")) ids = root.openGroup("scenarios").children();
    if (ids.empty()) throw ExportError(o.results + ": holds no scenarios (not a spineload results file?)");
    if (!o.scenario.empty()) {
      if (std::find(ids.begin(), ids.end(), o.scenario) == ids.end())
        throw ExportError(o.results + ": no scenario '" + o.scenario + "'; it holds: " + joined(ids));
      ids = {o.scenario};
    }
    for (const std::string& id : ids) {
      const h5::Group g = root.openGroup("scenarios/" + id);
      if (!g.exists("time") || g.readVector("time").empty()) {
        skipped.push_back(id);
        continue;
      }
      scenarioTables(g, id, o.output_dir, files);
      ++exported;
    }
    if (exported == 0)
      throw ExportError(o.results + ": " +
                        (ids.size() == 1 ? "scenario " + ids[0] + " has no" : "no scenario has") +
                        " time series (written with [output] time_series = false); nothing to export");
    std::set<std::string> paths;
    for (const StoFile& f : files) {
      validateSto(f.table);
      if (!paths.insert(f.path).second)
        throw ExportError(f.path + ": two tables would have this name (scenario ids that clash)");
      std::error_code ec;
      if (!o.overwrite && fs::exists(f.path, ec))
        throw ExportError(f.path + ": already exists; pass --overwrite to replace it");
    }
    std::error_code ec;
    fs::create_directories(o.output_dir, ec);
    if (ec || !fs::is_directory(o.output_dir))
      throw ExportError(o.output_dir + ": cannot create the output directory" +
                        (ec ? ": " + ec.message() : std::string(" (a file of that name?)")));
  } catch (const std::exception& e) {  // ExportError, h5::Error, StoError
    std::cerr << "spineload export: " << e.what() << "\n";
    return kExitBadInput;
  }
  try {  // from here on a failure is the writing's (a full disk …): exit 1, and no file is half written
    writeStoFiles(files, o.overwrite);
  } catch (const std::exception& e) {
    std::cerr << "spineload export: " << e.what() << "\n";
    return kExitFailed;
  }
  if (!o.quiet)
    std::cerr << "spineload export: " << o.results << ": " << files.size() << " .sto files for " << exported
              << (exported == 1 ? " scenario" : " scenarios") << " -> " << o.output_dir
              << (skipped.empty() ? "" : " (no time series in " + joined(skipped) + ")") << "\n";
  return kExitOk;
}

}  // namespace spineload::cli
