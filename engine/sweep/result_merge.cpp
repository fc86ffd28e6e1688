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

// The columns (names, units, descriptions, kinds) shared by many rows: a sweep's successful points have one,
// its failed points another.
struct Schema {
  std::vector<h5::TableColumn> columns;  ///< without data
  std::vector<std::size_t> in_union;     ///< each column's index in the merged table (set once all are known)
};

// One scenario's row, compact: its values by kind in its schema's column order (~9 kB for ~1100 columns,
// against ~250 kB as a SummaryRow with three strings per field: the merge of 10^5 scenarios must fit).
struct Entry {
  long long index = 0;
  std::size_t input = 0;  ///< which input file holds it
  std::string id;
  std::size_t schema = 0;
  std::vector<double> floats;
  std::vector<long long> ints;
  std::vector<std::string> strings;
};

bool sameColumns(const std::vector<h5::TableColumn>& a, const std::vector<h5::TableColumn>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k].name != b[k].name || a[k].kind != b[k].kind || a[k].units != b[k].units ||
        a[k].description != b[k].description)
      return false;
  return true;
}

// The index of `table`'s schema among `schemas`, added if new.
std::size_t schemaOf(const std::vector<h5::TableColumn>& table, std::vector<Schema>& schemas) {
  for (std::size_t k = 0; k < schemas.size(); ++k)
    if (sameColumns(schemas[k].columns, table)) return k;
  Schema s;
  for (const h5::TableColumn& c : table)
    s.columns.push_back({c.name, c.units, c.description, c.kind, {}, {}, {}});
  schemas.push_back(std::move(s));
  return schemas.size() - 1;
}

std::size_t columnIndex(const Schema& s, const std::string& name, h5::TableColumn::Kind kind) {
  for (std::size_t k = 0; k < s.columns.size(); ++k)
    if (s.columns[k].name == name && s.columns[k].kind == kind) return k;
  throw std::runtime_error("a /summary table has no column " + name);
}

// Appends the rows of one input's table as entries.
void addRows(const std::vector<h5::TableColumn>& table, std::size_t input, std::vector<Schema>& schemas,
             std::vector<Entry>& entries) {
  const std::size_t schema = schemaOf(table, schemas);
  const h5::TableColumn& index =
      table[columnIndex(schemas[schema], "sweep_index", h5::TableColumn::Kind::Int)];
  const h5::TableColumn& id = table[columnIndex(schemas[schema], "scenario", h5::TableColumn::Kind::String)];
  for (std::size_t r = 0; r < (table.empty() ? 0 : table.front().rows()); ++r) {
    Entry e{index.ints[r], input, id.strings[r], schema, {}, {}, {}};
    for (const h5::TableColumn& c : table) {
      if (c.kind == h5::TableColumn::Kind::Float) e.floats.push_back(c.floats[r]);
      if (c.kind == h5::TableColumn::Kind::Int) e.ints.push_back(c.ints[r]);
      if (c.kind == h5::TableColumn::Kind::String) e.strings.push_back(c.strings[r]);
    }
    entries.push_back(std::move(e));
  }
}

// The merged /summary's columns (no data): the union of the schemas' columns in the order first seen over the
// entries (in the design's order); sets each schema's in_union.
std::vector<h5::TableColumn> mergedSchema(const std::vector<Entry>& entries, std::vector<Schema>& schemas) {
  std::vector<h5::TableColumn> columns;
  std::map<std::string, std::size_t> at;
  std::vector<bool> seen(schemas.size(), false);
  for (const Entry& e : entries) {
    if (seen[e.schema]) continue;
    seen[e.schema] = true;
    Schema& s = schemas[e.schema];
    for (const h5::TableColumn& c : s.columns) {
      const auto [it, added] = at.emplace(c.name, columns.size());
      if (added)
        columns.push_back({c.name, c.units, c.description, c.kind, {}, {}, {}});
      else if (columns[it->second].kind != c.kind)
        throw std::invalid_argument("summary field " + c.name + " has different types in different rows");
      s.in_union.push_back(it->second);
    }
  }
  return columns;
}

// Writes the merged /summary block by block (the entries' values are moved out as they go): each entry's
// values in place, NaN, -1 or "" where its schema lacks a column. `kept` receives the named numeric
// columns whole (the Sobol' metrics). Memory: one block, not the whole table.
void writeMergedSummary(h5::Group& root, std::vector<Entry>& entries, std::vector<Schema>& schemas,
                        std::map<std::string, std::vector<double>>& kept) {
  constexpr std::size_t kBlockRows = 1024;
  const std::vector<h5::TableColumn> schema = mergedSchema(entries, schemas);
  root.createTable("summary", schema, entries.size());
  root.setDatasetAttribute("summary", "description", summaryDescription());
  for (auto& [name, values] : kept) values.assign(entries.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t r0 = 0; r0 < entries.size(); r0 += kBlockRows) {
    const std::size_t n = std::min(kBlockRows, entries.size() - r0);
    std::vector<h5::TableColumn> block = schema;
    for (h5::TableColumn& c : block) {
      if (c.kind == h5::TableColumn::Kind::Float)
        c.floats.assign(n, std::numeric_limits<double>::quiet_NaN());
      if (c.kind == h5::TableColumn::Kind::Int) c.ints.assign(n, -1);
      if (c.kind == h5::TableColumn::Kind::String) c.strings.assign(n, std::string());
    }
    for (std::size_t r = 0; r < n; ++r) {
      Entry& e = entries[r0 + r];
      const Schema& s = schemas[e.schema];
      std::size_t f = 0, i = 0, t = 0;
      for (std::size_t k = 0; k < s.columns.size(); ++k) {
        h5::TableColumn& c = block[s.in_union[k]];
        if (c.kind == h5::TableColumn::Kind::Float) c.floats[r] = e.floats[f++];
        if (c.kind == h5::TableColumn::Kind::Int) c.ints[r] = e.ints[i++];
        if (c.kind == h5::TableColumn::Kind::String) c.strings[r] = std::move(e.strings[t++]);
      }
      e.floats = {}, e.ints = {}, e.strings = {};
    }
    for (const h5::TableColumn& c : block) {
      const auto it = kept.find(c.name);
      if (it == kept.end()) continue;
      for (std::size_t r = 0; r < n; ++r)
        if (c.kind == h5::TableColumn::Kind::Float)
          it->second[r0 + r] = c.floats[r];
        else if (c.kind == h5::TableColumn::Kind::Int)
          it->second[r0 + r] = static_cast<double>(c.ints[r]);
    }
    root.writeTableRows("summary", r0, block);
  }
}

// /sobol: per metric and axis, first-order and total indices with their intervals (docs/sweeps.md).
void writeSobol(h5::Group& root, const SweepSpec& spec,
                const std::map<std::string, std::vector<double>>& metric_values) {
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
    const std::vector<double>& values = metric_values.at(m);
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
  std::vector<Schema> schemas;
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
    addRows(root.readTable("summary"), k, schemas, entries);
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.index < b.index; });
  for (std::size_t k = 1; k < entries.size(); ++k)
    if (entries[k].index == entries[k - 1].index)
      throw std::runtime_error("scenario " + entries[k].id + " is in two inputs: " +
                               inputs[entries[k - 1].input] + " and " + inputs[entries[k].input]);
  h5::AtomicOutput out(output, overwrite);
  h5::Group root = out.file().root();
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
  }
  open.reset();
  // A sweep file's Saltelli design, complete, calls for the Sobol' analysis of its metrics.
  std::optional<SweepSpec> spec;
  if (study.empty()) spec = parseSweepText(sweep_toml, sweep_file, loadParameterTable());
  const bool sobol =
      spec && spec->kind == DesignKind::Sobol && static_cast<long long>(entries.size()) == points;
  std::map<std::string, std::vector<double>> metric_values;
  if (sobol)
    for (const std::string& m : spec->metrics) metric_values[m];
  const std::size_t present = entries.size();
  writeMergedSummary(root, entries, schemas, metric_values);
  root.setAttribute("sweep_hash", hash);
  root.setAttribute("sweep_file", sweep_file);
  root.setAttribute("sweep_toml", sweep_toml);
  root.setAttribute("sweep_points", points);
  root.setAttribute("scenarios_present", static_cast<long long>(present));
  if (spec) {
    if (sobol) writeSobol(root, *spec, metric_values);
    root.setAttribute("seeds",
                      "sweep seed " + std::to_string(spec->seed) + " (design sampling and bootstrap)");
  } else {
    root.setAttribute("study", study);
  }
  writeProvenance(root, {command_line, start, utcTimestamp(), "per scenario: /scenarios/<id> model_hash"});
  if (finish) finish(root);
  out.commit();
}

}  // namespace spineload
