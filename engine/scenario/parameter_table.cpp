#include "engine/scenario/parameter_table.hpp"

#include <toml++/toml.h>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "engine/data/embedded_data.hpp"
#include "engine/muscles/muscle_catalog.hpp"

namespace spineload {
namespace {

ParamType parseType(const std::string& key, const std::string& name) {
  if (name == "number") return ParamType::Number;
  if (name == "string") return ParamType::String;
  if (name == "bool") return ParamType::Bool;
  if (name == "string_list") return ParamType::StringList;
  throw std::runtime_error("scenario_parameters.toml: " + key + ": unknown type '" + name + "'");
}

std::vector<std::string> stringArray(const toml::node_view<const toml::node>& node) {
  std::vector<std::string> out;
  if (const toml::array* a = node.as_array())
    for (const toml::node& e : *a) out.push_back(e.value_or(std::string()));
  return out;
}

ParameterSpec parseSpec(const std::string& key, const toml::table& t) {
  ParameterSpec s;
  s.key = key;
  s.type = parseType(key, t["type"].value_or(std::string()));
  s.unit = t["unit"].value_or(std::string());
  s.description = t["description"].value_or(std::string());
  s.source = t["source"].value_or(std::string());
  s.choices = stringArray(t["choices"]);
  if (s.description.empty() || s.source.empty())
    throw std::runtime_error("scenario_parameters.toml: " + key + ": needs a description and a source");
  switch (s.type) {
    case ParamType::Number: {
      s.default_value = t["default"].value_or(std::nan(""));
      const toml::array* r = t["range"].as_array();
      if (!r || r->size() != 2 || s.unit.empty())
        throw std::runtime_error("scenario_parameters.toml: " + key + ": numbers need a unit and a range");
      s.min = r->get(0)->value_or(0.0);
      s.max = r->get(1)->value_or(0.0);
      break;
    }
    case ParamType::String:
      s.default_value = t["default"].value_or(std::string());
      break;
    case ParamType::Bool:
      s.default_value = t["default"].value_or(false);
      break;
    case ParamType::StringList:
      s.default_value = stringArray(t["default"]);
      break;
  }
  return s;
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// [muscles.GROUP.<key>] is a template: one key per muscle group of the catalog (trunk_muscles.toml), so a
// scenario writes [muscles.rhomboids] strength = 0.6 and the table lists every group's keys.
void expandGroupTemplate(const toml::table& keys, std::vector<ParameterSpec>& table) {
  const MuscleCatalog catalog = readTrunkMuscleCatalog();
  for (const std::string& group : catalog.groups)
    for (const auto& [key, spec] : keys) {
      ParameterSpec p = parseSpec("muscles." + group + "." + std::string(key), *spec.as_table());
      p.description = replaceAll(p.description, "GROUP", group);
      table.push_back(std::move(p));
    }
}

}  // namespace

std::string ParameterSpec::allowedText() const {
  std::ostringstream out;
  switch (type) {
    case ParamType::Number:
      out << "a number in [" << min << ", " << max << "] " << unit;
      break;
    case ParamType::Bool:
      out << "true or false";
      break;
    case ParamType::String:
    case ParamType::StringList: {
      out << (type == ParamType::String ? "one of " : "a list of ");
      for (std::size_t i = 0; i < choices.size(); ++i) out << (i ? ", " : "") << '"' << choices[i] << '"';
      break;
    }
  }
  return out.str();
}

std::vector<ParameterSpec> loadParameterTable() {
  const toml::table root =
      toml::parse(embeddedDataFile("scenario_parameters.toml"), std::string_view("scenario_parameters.toml"));
  std::vector<ParameterSpec> table;
  for (const auto& [section, node] : root) {
    const toml::table* keys = node.as_table();
    if (!keys)
      throw std::runtime_error("scenario_parameters.toml: " + std::string(section) + " is not a table");
    for (const auto& [key, spec] : *keys) {
      if (std::string(section) == "muscles" && std::string(key) == "GROUP") {
        expandGroupTemplate(*spec.as_table(), table);
        continue;
      }
      table.push_back(parseSpec(std::string(section) + "." + std::string(key), *spec.as_table()));
    }
  }
  return table;
}

const ParameterSpec* findParameter(const std::vector<ParameterSpec>& table, const std::string& key) {
  for (const ParameterSpec& s : table)
    if (s.key == key) return &s;
  return nullptr;
}

std::string formatValue(const ParamValue& value) {
  std::ostringstream out;
  if (const double* d = std::get_if<double>(&value)) {
    if (std::isnan(*d))
      out << "derived";  // a number whose default follows from other keys (see its description)
    else
      out << *d;
  }
  if (const std::string* s = std::get_if<std::string>(&value)) out << '"' << *s << '"';
  if (const bool* b = std::get_if<bool>(&value)) out << (*b ? "true" : "false");
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
    out << '[';
    for (std::size_t i = 0; i < list->size(); ++i) out << (i ? ", " : "") << '"' << (*list)[i] << '"';
    out << ']';
  }
  return out.str();
}

std::string_view paramTypeName(ParamType type) {
  switch (type) {
    case ParamType::Number:
      return "number";
    case ParamType::String:
      return "string";
    case ParamType::Bool:
      return "bool";
    case ParamType::StringList:
      return "string list";
  }
  return "unknown";
}

}  // namespace spineload
