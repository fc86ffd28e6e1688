#include "engine/scenario/scenario_file.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/scenario/closest_key.hpp"

namespace spineload {
namespace {

SourceLocation locate(const std::string& file, const toml::node& node) {
  const toml::source_region& r = node.source();
  return {file, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

[[noreturn]] void unknownKey(const SourceLocation& where, const std::string& key,
                             const std::vector<ParameterSpec>& table) {
  std::vector<std::string> keys;
  for (const ParameterSpec& s : table) keys.push_back(s.key);
  const std::string guess = closestKey(key, keys);
  throw ScenarioError(where, key,
                      "unknown key" + (guess.empty() ? std::string() : "; did you mean '" + guess + "'?") +
                          " (spineload describe lists every key)");
}

ParamValue readValue(const ParameterSpec& spec, const toml::node& node, const SourceLocation& where) {
  const auto wrong = [&](const std::string& what) {
    throw ScenarioError(where, spec.key, what + "; allowed " + spec.allowedText());
  };
  switch (spec.type) {
    case ParamType::Number: {
      if (!node.is_number()) {
        std::ostringstream type;
        type << node.type();
        wrong("expected a number, got " + type.str());
      }
      const double x = node.value<double>().value_or(std::nan(""));
      if (!std::isfinite(x)) wrong("must be finite");
      if (x < spec.min || x > spec.max) {
        std::ostringstream v;
        v << x;
        wrong(v.str() + " is out of range");
      }
      return x;
    }
    case ParamType::Bool:
      if (!node.is_boolean()) wrong("expected true or false");
      return *node.value<bool>();
    case ParamType::String: {
      if (!node.is_string()) wrong("expected a string");
      const std::string s = *node.value<std::string>();
      if (!spec.choices.empty() &&
          std::find(spec.choices.begin(), spec.choices.end(), s) == spec.choices.end())
        wrong("\"" + s + "\" is not allowed" +
              (closestKey(s, spec.choices).empty()
                   ? ""
                   : "; did you mean \"" + closestKey(s, spec.choices) + "\"?"));
      return s;
    }
    case ParamType::StringList: {
      const toml::array* a = node.as_array();
      if (!a) wrong("expected a list of strings");
      std::vector<std::string> out;
      std::set<std::string> seen;
      for (const toml::node& e : *a) {
        const SourceLocation at = locate(where.file, e);
        if (!e.is_string())
          throw ScenarioError(at, spec.key, "list elements must be strings; allowed " + spec.allowedText());
        const std::string s = *e.value<std::string>();
        if (!spec.choices.empty() &&
            std::find(spec.choices.begin(), spec.choices.end(), s) == spec.choices.end())
          throw ScenarioError(at, spec.key, "\"" + s + "\" is not allowed; allowed " + spec.allowedText());
        if (!seen.insert(s).second) throw ScenarioError(at, spec.key, "\"" + s + "\" is listed twice");
        out.push_back(s);
      }
      if (out.empty()) wrong("the list is empty");
      return out;
    }
  }
  return {};
}

// Reads every key of a table; a sub-table (e.g. [muscles.rhomboids]) adds its name to the keys' prefix.
void readSection(const std::string& prefix, const toml::table& keys, const std::string& source_name,
                 const std::vector<ParameterSpec>& table, ScenarioValues& out) {
  for (const auto& [key, node] : keys) {
    const std::string full = prefix + "." + std::string(key.str());
    const SourceLocation where = locate(source_name, node);
    const ParameterSpec* spec = findParameter(table, full);
    if (!spec && node.is_table()) {
      readSection(full, *node.as_table(), source_name, table, out);
      continue;
    }
    if (!spec) unknownKey(where, full, table);
    out.values[full] = {readValue(*spec, node, where), true, where};
  }
}

}  // namespace

ScenarioValues parseScenarioText(const std::string& text, const std::string& source_name,
                                 const std::vector<ParameterSpec>& table) {
  ScenarioValues out;
  out.path = source_name;
  out.toml_text = text;
  for (const ParameterSpec& s : table) out.values[s.key] = {s.default_value, false, {source_name, 0, 0}};
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    throw ScenarioError({source_name, static_cast<int>(b.line), static_cast<int>(b.column)}, "",
                        "malformed TOML: " + std::string(e.description()));
  }
  for (const auto& [section_key, section_node] : root) {
    const std::string section(section_key.str());
    const toml::table* keys = section_node.as_table();
    if (!keys) unknownKey(locate(source_name, section_node), section, table);
    readSection(section, *keys, source_name, table, out);
  }
  return out;
}

ScenarioValues loadScenarioFile(const std::string& path, const std::vector<ParameterSpec>& table) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ScenarioError({path, 0, 0}, "",
                        "cannot open the scenario file (does it exist and is it readable?)");
  std::ostringstream text;
  text << in.rdbuf();
  return parseScenarioText(text.str(), path, table);
}

}  // namespace spineload
