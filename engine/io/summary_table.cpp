#include "engine/io/summary_table.hpp"

#include <stdexcept>

namespace spineload {

SummaryRow parameterFields(const ScenarioSpec& spec) {
  SummaryRow row;
  for (const ParameterSpec& p : loadParameterTable()) {
    const auto it = spec.values.values.find(p.key);
    if (it == spec.values.values.end()) continue;
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
  SummaryRow row{{"scenario", "-", "scenario id (the scenario file's stem)", spec.name},
                 {"status", "-", "ok, or why the scenario failed", status}};
  SummaryRow params = parameterFields(spec);
  row.insert(row.end(), params.begin(), params.end());
  row.insert(row.end(), metrics.begin(), metrics.end());
  return row;
}

std::vector<h5::TableColumn> summaryColumns(const std::vector<SummaryRow>& rows) {
  std::vector<h5::TableColumn> columns;
  if (rows.empty()) return columns;
  for (const SummaryField& f : rows.front()) {
    h5::TableColumn c;
    c.name = f.name;
    c.units = f.units;
    c.description = f.description;
    c.kind = std::holds_alternative<double>(f.value)      ? h5::TableColumn::Kind::Float
             : std::holds_alternative<long long>(f.value) ? h5::TableColumn::Kind::Int
                                                          : h5::TableColumn::Kind::String;
    columns.push_back(std::move(c));
  }
  for (const SummaryRow& row : rows) {
    if (row.size() != columns.size())
      throw std::invalid_argument("summary rows differ: " + std::to_string(row.size()) + " fields against " +
                                  std::to_string(columns.size()));
    for (std::size_t k = 0; k < row.size(); ++k) {
      h5::TableColumn& c = columns[k];
      if (row[k].name != c.name || row[k].value.index() != rows.front()[k].value.index())
        throw std::invalid_argument("summary rows differ at field " + c.name + " (" + row[k].name + ")");
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, double>) c.floats.push_back(v);
            if constexpr (std::is_same_v<T, long long>) c.ints.push_back(v);
            if constexpr (std::is_same_v<T, std::string>) c.strings.push_back(v);
          },
          row[k].value);
    }
  }
  return columns;
}

void writeSummaryTable(h5::Group& root, const std::vector<SummaryRow>& rows) {
  root.writeTable("summary", summaryColumns(rows));
}

}  // namespace spineload
