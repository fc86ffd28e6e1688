#include "engine/scenario/scenario_file.hpp"
#include "engine/scenario/toml_source.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/io/text_file.hpp"
#include "engine/scenario/closest_key.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

constexpr const char* kStepFrequency = "gait.step_frequency_hz";
constexpr const char* kStrideLength = "gait.stride_length_m";
constexpr const char* kIncludeAllowed =
    "allowed a file name or a list of file names, e.g. include = \"../baseline.toml\"";

// The keys one file (with what it includes) sets, each with where it was set.
using Layer = std::map<std::string, ParameterSetting>;

[[noreturn]] void unknownKey(const SourceLocation& where, const std::string& key,
                             const std::vector<ParameterSpec>& table) {
  std::vector<std::string> keys;
  for (const ParameterSpec& s : table) keys.push_back(s.key);
  const std::string guess = closestKey(key, keys);
  std::ostringstream m;
  m << "unknown key";
  if (!guess.empty()) m << "; did you mean '" << guess << "'?";
  m << " (spineload describe lists every key)";
  throw ScenarioError(where, key, m.str());
}

[[noreturn]] void wrongValue(const ParameterSpec& spec, const SourceLocation& where,
                             const std::string& what) {
  std::ostringstream m;
  m << what << "; allowed " << spec.allowedText();
  throw ScenarioError(where, spec.key, m.str());
}

// The checks a value passes whether it comes from a file or an override.
double checkedNumber(const ParameterSpec& spec, double x, const SourceLocation& where) {
  if (!std::isfinite(x)) wrongValue(spec, where, "must be finite");
  if (x < spec.min || x > spec.max) {
    std::ostringstream v;
    v << x << " is out of range";
    wrongValue(spec, where, v.str());
  }
  return x;
}

const std::string& checkedString(const ParameterSpec& spec, const std::string& s,
                                 const SourceLocation& where) {
  if (spec.choices.empty() || std::find(spec.choices.begin(), spec.choices.end(), s) != spec.choices.end())
    return s;
  std::ostringstream m;
  m << '"' << s << "\" is not allowed";
  const std::string guess = closestKey(s, spec.choices);
  if (!guess.empty()) m << "; did you mean \"" << guess << "\"?";
  wrongValue(spec, where, m.str());
}

void checkListElement(const ParameterSpec& spec, const std::string& s, std::set<std::string>& seen,
                      const SourceLocation& at) {
  if (!spec.choices.empty() && std::find(spec.choices.begin(), spec.choices.end(), s) == spec.choices.end()) {
    std::ostringstream m;
    m << '"' << s << "\" is not allowed; allowed " << spec.allowedText();
    throw ScenarioError(at, spec.key, m.str());
  }
  if (!seen.insert(s).second) {
    std::ostringstream m;
    m << '"' << s << "\" is listed twice";
    throw ScenarioError(at, spec.key, m.str());
  }
}

ParamValue readValue(const ParameterSpec& spec, const toml::node& node, const SourceLocation& where) {
  switch (spec.type) {
    case ParamType::Number: {
      if (!node.is_number()) {
        std::ostringstream type;
        type << "expected a number, got " << node.type();
        wrongValue(spec, where, type.str());
      }
      return checkedNumber(spec, node.value<double>().value_or(std::nan("")), where);
    }
    case ParamType::Bool:
      if (!node.is_boolean()) wrongValue(spec, where, "expected true or false");
      return *node.value<bool>();
    case ParamType::String:
      if (!node.is_string()) wrongValue(spec, where, "expected a string");
      return checkedString(spec, *node.value<std::string>(), where);
    case ParamType::StringList: {
      const toml::array* a = node.as_array();
      if (!a) wrongValue(spec, where, "expected a list of strings");
      std::vector<std::string> out;
      std::set<std::string> seen;
      for (const toml::node& e : *a) {
        const SourceLocation at = locate(where.file, e);
        if (!e.is_string()) {
          std::ostringstream m;
          m << "list elements must be strings; allowed " << spec.allowedText();
          throw ScenarioError(at, spec.key, m.str());
        }
        out.push_back(*e.value<std::string>());
        checkListElement(spec, out.back(), seen, at);
      }
      if (out.empty()) wrongValue(spec, where, "the list is empty");
      return out;
    }
  }
  return {};
}

// The same checks on a value given in code (a sweep axis, a command-line setting).
ParamValue checkOverrideValue(const ParameterSpec& spec, const ParamValue& value,
                              const SourceLocation& where) {
  const auto got = [&value]() -> const char* {
    if (std::holds_alternative<double>(value)) return "number";
    if (std::holds_alternative<std::string>(value)) return "string";
    if (std::holds_alternative<bool>(value)) return "boolean";
    return "list";
  };
  switch (spec.type) {
    case ParamType::Number: {
      const double* x = std::get_if<double>(&value);
      if (!x) {
        std::ostringstream m;
        m << "expected a number, got " << got();
        wrongValue(spec, where, m.str());
      }
      return checkedNumber(spec, *x, where);
    }
    case ParamType::Bool:
      if (!std::holds_alternative<bool>(value)) wrongValue(spec, where, "expected true or false");
      return value;
    case ParamType::String: {
      const std::string* s = std::get_if<std::string>(&value);
      if (!s) wrongValue(spec, where, "expected a string");
      return checkedString(spec, *s, where);
    }
    case ParamType::StringList: {
      const auto* list = std::get_if<std::vector<std::string>>(&value);
      if (!list) wrongValue(spec, where, "expected a list of strings");
      std::set<std::string> seen;
      for (const std::string& s : *list) checkListElement(spec, s, seen, where);
      if (list->empty()) wrongValue(spec, where, "the list is empty");
      return value;
    }
  }
  return {};
}

// Puts `later` over `earlier`. The speed links step frequency and stride length: a layer that sets one of
// them replaces the other (../shared/DESIGN.md §5); a layer that sets both keeps both, for toScenarioSpec
// to check that they agree.
void mergeLayer(Layer& earlier, const Layer& later) {
  const bool f = later.count(kStepFrequency) > 0, l = later.count(kStrideLength) > 0;
  if (f && !l) earlier.erase(kStrideLength);
  if (l && !f) earlier.erase(kStepFrequency);
  for (const auto& [key, setting] : later) earlier[key] = setting;
}

// What the files being read share: the chain of includes (for cycles) and the texts read so far.
struct ReadContext {
  const std::vector<ParameterSpec>& table;
  std::vector<std::string> chain;                             ///< display paths, top file first
  std::vector<std::string> chain_identity;                    ///< the same files, canonical
  std::map<std::string, std::string> texts;                   ///< canonical path -> text, each file read once
  std::vector<std::pair<std::string, std::string>> included;  ///< display path, text; in the order read
};

std::string identity(const std::string& path) {
  if (path.empty()) return path;
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::path(path), ec);
  if (ec) p = fs::absolute(fs::path(path), ec).lexically_normal();
  return p.string();
}

// Reads every key of a table; a sub-table (e.g. [muscles.rhomboids]) adds its name to the keys' prefix.
void readSection(const std::string& prefix, const toml::table& keys, const std::string& source_name,
                 const std::vector<ParameterSpec>& table, Layer& out) {
  for (const auto& [key, node] : keys) {
    std::ostringstream full_name;
    full_name << prefix << '.' << key.str();
    const std::string full = full_name.str();
    const SourceLocation where = locate(source_name, node);
    if (key.str() == "include")
      throw ScenarioError(
          where, full,
          "include must be a top-level key, on the first lines of the file before any "
          "[table] (TOML puts a key after [gait] inside gait); allowed at the top level only");
    const ParameterSpec* spec = findParameter(table, full);
    if (!spec && node.is_table()) {
      readSection(full, *node.as_table(), source_name, table, out);
      continue;
    }
    if (!spec) unknownKey(where, full, table);
    out[full] = {readValue(*spec, node, where), true, where};
  }
}

Layer readLayer(const std::string& text, const std::string& source_name, ReadContext& ctx);

// One `include` entry: resolve it against the including file's folder, refuse cycles, read and parse it.
Layer readInclude(const std::string& name, const SourceLocation& where, ReadContext& ctx) {
  if (name.empty()) {
    std::ostringstream m;
    m << "the file name is empty; " << kIncludeAllowed;
    throw ScenarioError(where, "include", m.str());
  }
  if (name.find('\0') != std::string::npos) {  // the system would read the name only up to it
    std::ostringstream m;
    m << "the file name holds a NUL character (\\u0000); " << kIncludeAllowed;
    throw ScenarioError(where, "include", m.str());
  }
  fs::path p(name);
  if (p.is_relative()) p = fs::path(where.file).parent_path() / p;
  const std::string resolved = p.lexically_normal().string();
  const std::string id = identity(resolved);
  const auto seen = std::find(ctx.chain_identity.begin(), ctx.chain_identity.end(), id);
  if (seen != ctx.chain_identity.end()) {
    std::ostringstream m;
    m << "include cycle: ";
    for (auto i = static_cast<std::size_t>(seen - ctx.chain_identity.begin()); i < ctx.chain.size(); ++i)
      m << ctx.chain[i] << " -> ";
    m << resolved << "; allowed a chain of includes that never returns to a file in it";
    throw ScenarioError(where, "include", m.str());
  }
  auto cached = ctx.texts.find(id);
  if (cached == ctx.texts.end()) {
    const std::optional<std::string> text = readTomlFile(p.string());
    if (!text) {
      std::ostringstream m;
      m << "cannot read the included file " << resolved
        << " (does it exist and is it readable?); allowed a path relative to " << where.file
        << "'s folder, or absolute";
      throw ScenarioError(where, "include", m.str());
    }
    cached = ctx.texts.emplace(id, *text).first;
    ctx.included.emplace_back(resolved, cached->second);
  }
  ctx.chain.push_back(resolved);
  ctx.chain_identity.push_back(id);
  Layer layer = readLayer(cached->second, resolved, ctx);
  ctx.chain.pop_back();
  ctx.chain_identity.pop_back();
  return layer;
}

// The keys a file sets: first what it includes (in order, a later file winning), then its own keys.
Layer readLayer(const std::string& text, const std::string& source_name, ReadContext& ctx) {
  toml::table root = parseTomlText(text, source_name);
  Layer result;
  if (const toml::node* inc = root.get("include")) {
    const SourceLocation where = locate(source_name, *inc);
    std::vector<std::pair<std::string, SourceLocation>> names;
    if (inc->is_string()) {
      names.emplace_back(*inc->value<std::string>(), where);
    } else if (const toml::array* list = inc->as_array()) {
      for (const toml::node& e : *list) {
        if (!e.is_string()) {
          std::ostringstream m;
          m << "expected a file name, got " << e.type() << "; " << kIncludeAllowed;
          throw ScenarioError(locate(source_name, e), "include", m.str());
        }
        names.emplace_back(*e.value<std::string>(), locate(source_name, e));
      }
    } else {
      std::ostringstream m;
      m << "expected a file name or a list of file names, got " << inc->type() << "; " << kIncludeAllowed;
      throw ScenarioError(where, "include", m.str());
    }
    for (const auto& [name, at] : names) mergeLayer(result, readInclude(name, at, ctx));
  }
  Layer own;
  for (const auto& [section_key, section_node] : root) {
    const std::string section(section_key.str());
    if (section == "include") continue;
    const toml::table* keys = section_node.as_table();
    if (!keys) unknownKey(locate(source_name, section_node), section, ctx.table);
    readSection(section, *keys, source_name, ctx.table, own);
  }
  mergeLayer(result, own);
  return result;
}

void setDefaults(ScenarioValues& out, const std::vector<ParameterSpec>& table) {
  for (const ParameterSpec& s : table) out.values[s.key] = {s.default_value, false, {out.path, 0, 0}};
}

}  // namespace

ScenarioValues parseScenarioText(const std::string& text, const std::string& source_name,
                                 const std::vector<ParameterSpec>& table) {
  ScenarioValues out;
  out.path = source_name;
  out.toml_text = text;
  setDefaults(out, table);
  ReadContext ctx{table, {source_name}, {identity(source_name)}, {}, {}};
  for (auto& [key, setting] : readLayer(text, source_name, ctx)) out.values[key] = std::move(setting);
  out.included = std::move(ctx.included);
  return out;
}

ScenarioValues loadScenarioFile(const std::string& path, const std::vector<ParameterSpec>& table) {
  const std::optional<std::string> text = readTomlFile(path);
  if (!text)
    throw ScenarioError({path, 0, 0}, "",
                        "cannot open the scenario file (does it exist and is it readable?)");
  return parseScenarioText(*text, path, table);
}

ScenarioValues applyOverrides(const ScenarioValues& base, const std::vector<ParameterOverride>& overrides,
                              const std::vector<ParameterSpec>& table) {
  ScenarioValues out = base;
  bool f = false, l = false;
  for (const ParameterOverride& o : overrides) {
    const ParameterSpec* spec = findParameter(table, o.key);
    if (!spec) unknownKey(o.where, o.key, table);
    out.values[o.key] = {checkOverrideValue(*spec, o.value, o.where), true, o.where};
    f = f || o.key == kStepFrequency;
    l = l || o.key == kStrideLength;
  }
  // As for a file: one of the pair replaces the other, which goes back to being derived from the speed.
  if (f != l) {
    const std::string other = f ? kStrideLength : kStepFrequency;
    if (const ParameterSpec* spec = findParameter(table, other))
      out.values[other] = {spec->default_value, false, {base.path, 0, 0}};
  }
  return out;
}

}  // namespace spineload
