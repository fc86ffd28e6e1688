// mergeResultFiles (sweep_runner.hpp): joins part or shard files of one sweep in the design's order, and
// computes the Sobol' indices of a complete Saltelli design.
#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>

#include "engine/io/hdf5_file.hpp"
#include "engine/io/results_writer.hpp"
#include "engine/io/summary_table.hpp"
#include "engine/sweep/sobol.hpp"
#include "engine/sweep/sweep_runner.hpp"

namespace spineload {
namespace {

struct Entry {
  long long index = 0;
  std::size_t input = 0;  ///< which input file holds it
  std::string id;
  SummaryRow row;
};

template <class T>
const T& field(const SummaryRow& row, const std::string& name) {
  for (const SummaryField& f : row)
    if (f.name == name) return std::get<T>(f.value);
  throw std::runtime_error("a /summary row has no column " + name);
}

double metric(const SummaryRow& row, const std::string& name) {
  for (const SummaryField& f : row)
    if (f.name == name) {
      if (const double* x = std::get_if<double>(&f.value)) return *x;
      if (const long long* n = std::get_if<long long>(&f.value)) return static_cast<double>(*n);
    }
  return std::numeric_limits<double>::quiet_NaN();
}

// /sobol: per metric and axis, first-order and total indices with their intervals (docs/sweeps.md).
void writeSobol(h5::Group& root, const SweepSpec& spec, const std::vector<Entry>& entries) {
  const std::vector<SweepPoint> points = expandDesign(spec);
  std::vector<h5::TableColumn> c = {
      {"metric", "-", "the /summary column analysed", h5::TableColumn::Kind::String, {}, {}, {}},
      {"axis", "-", "the sweep axis (parameter key)", h5::TableColumn::Kind::String, {}, {}, {}}};
  const char* names[] = {"S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"};
  for (const char* n : names)
    c.push_back({n,
                 "1",
                 std::string(n) + ": first-order (S1, Saltelli 2010) or total (ST, Jansen 1999) index",
                 h5::TableColumn::Kind::Float,
                 {},
                 {},
                 {}});
  c.push_back({"rank",
               "1",
               "the axis's rank by ST for this metric (1 = most influential)",
               h5::TableColumn::Kind::Int,
               {},
               {},
               {}});
  c.push_back({"rows_used",
               "1",
               "Saltelli rows whose scenarios all succeeded",
               h5::TableColumn::Kind::Int,
               {},
               {},
               {}});
  for (const std::string& m : spec.metrics) {
    std::vector<double> values;
    for (const Entry& e : entries) values.push_back(metric(e.row, m));
    const SobolOutputs out = gatherSobolOutputs(points, values, spec.axes.size(), spec.samples);
    const SobolIndices s = sobolIndices(out.fA, out.fB, out.fAB, spec.bootstrap, spec.confidence, spec.seed);
    const std::vector<std::size_t> order = rankByInfluence(s);
    for (std::size_t a = 0; a < spec.axes.size(); ++a) {
      c[0].strings.push_back(m);
      c[1].strings.push_back(spec.axes[a].key);
      const SobolEstimate* est[] = {&s.first_order[a], &s.total[a]};
      for (int k = 0; k < 2; ++k) {
        c[2 + 3 * k].floats.push_back(est[k]->value);
        c[3 + 3 * k].floats.push_back(est[k]->low);
        c[4 + 3 * k].floats.push_back(est[k]->high);
      }
      c[8].ints.push_back(static_cast<long long>(std::find(order.begin(), order.end(), a) - order.begin()) +
                          1);
      c[9].ints.push_back(static_cast<long long>(s.rows_used));
    }
  }
  root.writeTable("sobol", c);
}

}  // namespace

void mergeResultFiles(const std::vector<std::string>& inputs, const std::string& output, bool overwrite,
                      const std::string& command_line, const std::function<void(h5::Group&)>& finish) {
  const std::string start = utcTimestamp();
  if (inputs.empty()) throw std::runtime_error("nothing to merge");
  std::vector<Entry> entries;
  std::string hash, sweep_file, sweep_toml, study;
  long long points = 0;
  // First pass: the rows and the sweep's identity, one input open at a time (a sweep may have 10^5 parts:
  // open files cost descriptors and HDF5 metadata cache).
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    const h5::File file = h5::File::openReadOnly(inputs[k]);
    const h5::Group root = file.root();
    if (!root.exists("summary"))
      throw std::runtime_error(inputs[k] + ": not a spineload sweep result (no /summary)");
    std::string h;
    try {
      h = root.stringAttribute("sweep_hash");
    } catch (const h5::Error&) {
      throw std::runtime_error(inputs[k] + ": not a spineload sweep result (no sweep_hash attribute)");
    }
    if (k == 0) {
      hash = h;
      sweep_file = root.stringAttribute("sweep_file");
      sweep_toml = root.stringAttribute("sweep_toml");
      points = static_cast<long long>(root.doubleAttribute("sweep_points"));
      const std::vector<std::string> attributes = root.attributeNames("");
      if (std::find(attributes.begin(), attributes.end(), "study") != attributes.end())
        study = root.stringAttribute("study");
    } else if (h != hash) {
      throw std::runtime_error(inputs[k] + ": from another sweep than " + inputs[0] + " (hash " + h + " vs " +
                               hash + ")");
    }
    for (SummaryRow& row : summaryRows(root.readTable("summary")))
      entries.push_back(
          {field<long long>(row, "sweep_index"), k, field<std::string>(row, "scenario"), std::move(row)});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.index < b.index; });
  for (std::size_t k = 1; k < entries.size(); ++k)
    if (entries[k].index == entries[k - 1].index)
      throw std::runtime_error("scenario " + entries[k].id + " is in two inputs: " +
                               inputs[entries[k - 1].input] + " and " + inputs[entries[k].input]);
  h5::AtomicOutput out(output, overwrite);
  h5::Group root = out.file().root();
  std::vector<SummaryRow> rows;
  // Second pass, in the design's order: the input holding each scenario is opened while it is copied.
  std::optional<h5::File> open;
  std::size_t open_input = inputs.size();
  for (const Entry& e : entries) {
    if (e.input != open_input) {
      open.reset();
      H5garbage_collect();  // return the closed file's free lists, so memory stays flat over many parts
      open.emplace(h5::File::openReadOnly(inputs[e.input]));
      open_input = e.input;
    }
    const std::string path = "scenarios/" + e.id;
    const h5::Group source = open->root();
    if (source.exists(path)) root.copyFrom(source, path, path);
    rows.push_back(e.row);
  }
  open.reset();
  writeSummaryTable(root, rows);
  root.setAttribute("sweep_hash", hash);
  root.setAttribute("sweep_file", sweep_file);
  root.setAttribute("sweep_toml", sweep_toml);
  root.setAttribute("sweep_points", points);
  root.setAttribute("scenarios_present", static_cast<long long>(entries.size()));
  if (study.empty()) {  // a sweep file: its design may call for the Sobol' analysis
    const SweepSpec spec = parseSweepText(sweep_toml, sweep_file, loadParameterTable());
    if (spec.kind == DesignKind::Sobol && static_cast<long long>(entries.size()) == points)
      writeSobol(root, spec, entries);
    root.setAttribute("seeds",
                      "sweep seed " + std::to_string(spec.seed) + " (design sampling and bootstrap)");
  } else {
    root.setAttribute("study", study);
  }
  writeProvenance(root, {command_line, start, utcTimestamp(), "per scenario: /scenarios/<id> model_hash"});
  if (finish) finish(root);
  out.commit();
}

}  // namespace spineload
