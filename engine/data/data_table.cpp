#include "engine/data/data_table.hpp"

#include <toml++/toml.h>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "engine/data/embedded_data.hpp"

namespace spineload {
namespace {

// Every embedded data file parsed once per process (immutable, then only read, by any thread): a scenario's
// set-up reads the same tables many times, and parsing them again each time made toScenarioSpec take 8 ms,
// a cost paid per point of a sweep.
const toml::table& parseData(std::string_view file) {
  static const std::map<std::string, toml::table, std::less<>> parsed = [] {
    std::map<std::string, toml::table, std::less<>> tables;
    for (const EmbeddedFile& f : embeddedDataFiles())
      if (f.name.size() > 5 && f.name.substr(f.name.size() - 5) == ".toml")
        tables.emplace(std::string(f.name), toml::parse(f.text, f.name));
    return tables;
  }();
  const auto it = parsed.find(file);
  if (it == parsed.end()) embeddedDataFile(file);  // throws, naming the file, if there is no such file
  if (it == parsed.end()) throw std::out_of_range("data file '" + std::string(file) + "' is not TOML");
  return it->second;
}

DataTable readTable(const toml::table& root, std::string_view file, const std::string& table);
std::map<std::string, DataConstant> readConstants(const toml::table& root, std::string_view file,
                                                  const std::string& table);

[[noreturn]] void fail(std::string_view file, const toml::node* node, const std::string& what) {
  std::ostringstream s;
  s << file;
  if (node) s << ':' << node->source().begin.line;
  s << ": " << what;
  throw std::runtime_error(s.str());
}

void readRange(std::string_view file, const toml::table& t, const std::string& what, double& lo, double& hi) {
  const toml::array* r = t["range"].as_array();
  if (!r || r->size() != 2 || !r->get(0)->is_number() || !r->get(1)->is_number())
    fail(file, &t, what + ": needs range = [min, max]");
  lo = r->get(0)->value<double>().value();
  hi = r->get(1)->value<double>().value();
  if (!(lo <= hi)) fail(file, &t, what + ": range must have min <= max");
}

void requireText(std::string_view file, const toml::table& t, const std::string& what, const char* key,
                 std::string& out) {
  out = t[key].value_or(std::string());
  if (out.empty()) fail(file, &t, what + ": needs a " + key);
}

}  // namespace

const DataRow& DataTable::row(const std::string& row_name) const {
  for (const DataRow& r : rows)
    if (r.name == row_name) return r;
  throw std::runtime_error(file + ": " + name + ": no row '" + row_name + "'");
}

double DataTable::value(const std::string& row_name, const std::string& column_name) const {
  const DataRow& r = row(row_name);
  const auto it = r.values.find(column_name);
  if (it == r.values.end())
    throw std::runtime_error(file + ": " + name + "." + row_name + ": no " + column_name);
  return it->second;
}

const DataColumn& DataTable::column(const std::string& column_name) const {
  for (const DataColumn& c : columns)
    if (c.name == column_name) return c;
  throw std::runtime_error(file + ": " + name + ": no column '" + column_name + "'");
}

DataTable readDataTable(std::string_view file, const std::string& table) {
  return readTable(parseData(file), file, table);
}

DataTable readDataTableText(std::string_view text, std::string_view file, const std::string& table) {
  return readTable(toml::parse(text, file), file, table);
}

std::map<std::string, DataConstant> readDataConstants(std::string_view file, const std::string& table) {
  return readConstants(parseData(file), file, table);
}

std::map<std::string, DataConstant> readDataConstantsText(std::string_view text, std::string_view file,
                                                          const std::string& table) {
  return readConstants(toml::parse(text, file), file, table);
}

double constantValue(const std::map<std::string, DataConstant>& constants, const std::string& name) {
  const auto it = constants.find(name);
  if (it == constants.end()) throw std::runtime_error("data constant '" + name + "' is missing");
  return it->second.value;
}

namespace {

DataTable readTable(const toml::table& root, std::string_view file, const std::string& table) {
  DataTable out;
  out.file = std::string(file);
  out.name = table;
  const toml::table* columns = root[table]["columns"].as_table();
  const toml::array* rows = root[table]["rows"].as_array();
  if (!columns || !rows)
    fail(file, nullptr, table + ": needs [" + table + ".columns] and [[" + table + ".rows]]");
  for (const auto& [key, node] : *columns) {
    const toml::table* c = node.as_table();
    const std::string what = table + ".columns." + std::string(key.str());
    if (!c) fail(file, &node, what + ": must be { unit, range, description, source }");
    DataColumn col;
    col.name = std::string(key.str());
    requireText(file, *c, what, "unit", col.unit);
    requireText(file, *c, what, "description", col.description);
    requireText(file, *c, what, "source", col.source);
    readRange(file, *c, what, col.min, col.max);
    out.columns.push_back(col);
  }
  for (const toml::node& node : *rows) {
    const toml::table& r = *node.as_table();
    DataRow row;
    row.name = r["name"].value_or(std::string());
    row.source = r["source"].value_or(std::string());
    row.line = static_cast<int>(r.source().begin.line);
    if (row.name.empty()) fail(file, &r, table + ": every row needs a name");
    for (const auto& [key, value] : r) {
      const std::string k(key.str());
      if (k == "name" || k == "source") continue;
      const std::string what = table + "." + row.name + "." + k;
      const DataColumn* col = nullptr;
      for (const DataColumn& c : out.columns)
        if (c.name == k) col = &c;
      if (!col) fail(file, &value, what + ": no such column in [" + table + ".columns]");
      const std::optional<double> x = value.value<double>();
      if (!x || !std::isfinite(*x)) fail(file, &value, what + ": must be a finite number");
      if (*x < col->min || *x > col->max) {
        std::ostringstream s;
        s << what << ": " << *x << " " << col->unit << " is outside [" << col->min << ", " << col->max << "]";
        fail(file, &value, s.str());
      }
      row.values[k] = *x;
    }
    for (const DataColumn& c : out.columns)
      if (!row.values.count(c.name)) fail(file, &r, table + "." + row.name + ": missing " + c.name);
    out.rows.push_back(row);
  }
  return out;
}

std::map<std::string, DataConstant> readConstants(const toml::table& root, std::string_view file,
                                                  const std::string& table) {
  const toml::table* t = root[table].as_table();
  if (!t) fail(file, nullptr, "no table [" + table + "]");
  std::map<std::string, DataConstant> out;
  for (const auto& [key, node] : *t) {
    const std::string what = table + "." + std::string(key.str());
    const toml::table* c = node.as_table();
    if (!c) fail(file, &node, what + ": must be { value, unit, range, source }");
    DataConstant k;
    k.name = std::string(key.str());
    requireText(file, *c, what, "unit", k.unit);
    requireText(file, *c, what, "source", k.source);
    k.description = (*c)["description"].value_or(std::string());
    readRange(file, *c, what, k.min, k.max);
    const std::optional<double> x = (*c)["value"].value<double>();
    if (!x || !std::isfinite(*x)) fail(file, c, what + ": needs a finite value");
    if (*x < k.min || *x > k.max) fail(file, c, what + ": value outside its range");
    k.value = *x;
    out[k.name] = k;
  }
  return out;
}

}  // namespace

std::vector<std::string> dataTableNames(std::string_view file) {
  std::vector<std::string> names;
  for (const auto& [key, node] : parseData(file))
    if (node.is_table() && node.as_table()->contains("rows")) names.emplace_back(key.str());
  return names;
}

std::vector<std::string> dataConstantTableNames(std::string_view file) {
  std::vector<std::string> names;
  for (const auto& [key, node] : parseData(file)) {
    const toml::table* t = node.as_table();
    if (!t || t->contains("rows")) continue;
    bool all_constants = !t->empty();
    for (const auto& [k, v] : *t)
      all_constants = all_constants && v.is_table() && v.as_table()->contains("value");
    if (all_constants) names.emplace_back(key.str());
  }
  return names;
}

}  // namespace spineload
