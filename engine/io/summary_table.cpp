#include "engine/io/summary_table.hpp"

#include <limits>
#include <map>
#include <stdexcept>

namespace spineload {

SummaryRow parameterFields(const ScenarioValues& values, const std::vector<ParameterSpec>& table) {
  SummaryRow row;
  for (const ParameterSpec& p : table) {
    const auto it = values.values.find(p.key);
    if (it == values.values.end()) continue;
    const ParamValue& v = it->second.value;
    SummaryField f{p.key, p.unit.empty() ? "-" : p.unit, "parameter: " + p.description, 0.0};
    if (const double* x = std::get_if<double>(&v)) f.value = *x;
    if (const bool* b = std::get_if<bool>(&v)) f.value = static_cast<long long>(*b);
    if (const std::string* s = std::get_if<std::string>(&v)) f.value = *s;
    if (const auto* list = std::get_if<std::vector<std::string>>(&v)) {
      std::string joined;
      for (const std::string& s : *list) joined += (joined.empty() ? "" : ",") + s;
      f.value = joined;
    }
    row.push_back(std::move(f));
  }
  return row;
}

SummaryRow summaryRow(const ScenarioSpec& spec, const std::string& status, const SummaryRow& metrics) {
  return summaryRow(spec.name, spec.values, status, metrics, loadParameterTable());
}

SummaryRow summaryRow(const std::string& id, const ScenarioValues& values, const std::string& status,
                      const SummaryRow& metrics, const std::vector<ParameterSpec>& table) {
  SummaryRow row{{"scenario", "-", "scenario id (the scenario file's stem, or the sweep point's id)", id},
                 {"status", "-", "ok, or why the scenario failed", status}};
  SummaryRow params = parameterFields(values, table);
  row.insert(row.end(), params.begin(), params.end());
  row.insert(row.end(), metrics.begin(), metrics.end());
  return row;
}

std::vector<h5::TableColumn> summaryColumns(const std::vector<SummaryRow>& rows) {
  // The union of the rows' fields in the order first seen: a failed scenario's row has no metrics, and a
  // sweep over control.actuators or output.levels gives rows with different metrics.
  std::vector<h5::TableColumn> columns;
  std::map<std::string, std::size_t> index;
  for (const SummaryRow& row : rows)
    for (const SummaryField& f : row) {
      const h5::TableColumn::Kind kind =
          std::holds_alternative<double>(f.value)      ? h5::TableColumn::Kind::Float
          : std::holds_alternative<long long>(f.value) ? h5::TableColumn::Kind::Int
                                                       : h5::TableColumn::Kind::String;
      const auto [it, added] = index.emplace(f.name, columns.size());
      if (added) {
        columns.push_back({f.name, f.units, f.description, kind, {}, {}, {}});
      } else if (columns[it->second].kind != kind) {
        throw std::invalid_argument("summary field " + f.name + " has different types in different rows");
      }
    }
  for (const SummaryRow& row : rows) {
    for (const SummaryField& f : row) {
      h5::TableColumn& c = columns[index.at(f.name)];
      if (const double* x = std::get_if<double>(&f.value)) c.floats.push_back(*x);
      if (const long long* n = std::get_if<long long>(&f.value)) c.ints.push_back(*n);
      if (const std::string* t = std::get_if<std::string>(&f.value)) c.strings.push_back(*t);
    }
    // Fields this row lacks: NaN, -1 or "" (the row's rows() falls one short of the others).
    const std::size_t n = &row - rows.data() + 1;
    for (h5::TableColumn& c : columns) {
      if (c.rows() == n) continue;
      if (c.rows() + 1 != n)
        throw std::invalid_argument("summary row " + std::to_string(n) + " repeats the field " + c.name);
      if (c.kind == h5::TableColumn::Kind::Float)
        c.floats.push_back(std::numeric_limits<double>::quiet_NaN());
      if (c.kind == h5::TableColumn::Kind::Int) c.ints.push_back(-1);
      if (c.kind == h5::TableColumn::Kind::String) c.strings.emplace_back();
    }
  }
  return columns;
}

const char* summaryDescription() {
  return "one row per scenario: its parameters and summary metrics (docs/summaries.md); the attributes units "
         "and descriptions are parallel to the columns";
}

void writeSummaryTable(h5::Group& root, const std::vector<SummaryRow>& rows, bool name_order) {
  if (name_order) {
    root.writeTableInNameOrder("summary", summaryColumns(rows));
    root.setDatasetAttribute(
        "summary", "description",
        "one row per scenario: its parameters and summary metrics (docs/summaries.md), stored in name order; "
        "column_order gives the columns' order, and units and descriptions are parallel to the fields");
    return;
  }
  root.writeTable("summary", summaryColumns(rows));
  root.setDatasetAttribute("summary", "description", summaryDescription());
}

}  // namespace spineload
