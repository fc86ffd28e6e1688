#include "engine/sweep/sweep_file.hpp"
#include "engine/scenario/toml_source.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "engine/io/text_file.hpp"
#include "engine/scenario/closest_key.hpp"

namespace spineload {
namespace {

constexpr std::int64_t kMaxBootstrap = 100000;

std::string typeName(const toml::node& node) {
  std::ostringstream s;
  s << node.type();
  return s.str();
}

// "; did you mean 'x'?" or "" when nothing is close.
std::string suggestion(const std::string& key, const std::vector<std::string>& candidates,
                       char quote = '\'') {
  const std::string guess = closestKey(key, candidates);
  if (guess.empty()) return "";
  std::ostringstream s;
  s << "; did you mean " << quote << guess << quote << '?';
  return s.str();
}

// The keys a part of the file allows, for unknown-key messages.
struct KeySet {
  const char* where;  // "the top level", "[design]", "[[axis]]"
  std::vector<std::string> keys;
  const char* allowed;
};

const KeySet kTopKeys{"the top level",
                      {"base", "design", "axis"},
                      "base = \"scenario.toml\", [design] and [[axis]] tables; scenario values belong in the "
                      "base file"};
const KeySet kDesignKeys{"[design]",
                         {"kind", "samples", "seed", "metrics", "bootstrap", "confidence", "sampler"},
                         "kind, samples, seed, metrics, bootstrap, confidence, sampler"};
const KeySet kAxisKeys{"[[axis]]", {"key", "values", "range"}, "key, values (grid, oat), range (lhs, sobol)"};

[[noreturn]] void unknownKey(const SourceLocation& where, const std::string& key, const std::string& prefix,
                             const KeySet& set) {
  std::ostringstream m;
  m << "unknown key in " << set.where << suggestion(key, set.keys) << "; allowed " << set.allowed;
  std::ostringstream full;
  if (!prefix.empty()) full << prefix << '.';
  full << key;
  throw ScenarioError(where, full.str(), m.str());
}

std::int64_t readInteger(const toml::node& node, const SourceLocation& where, const std::string& key,
                         std::int64_t lo, std::int64_t hi, const std::string& allowed) {
  if (!node.is_integer()) {
    std::ostringstream m;
    m << "expected an integer, got " << typeName(node) << "; allowed " << allowed;
    throw ScenarioError(where, key, m.str());
  }
  const std::int64_t v = *node.value<std::int64_t>();
  if (v < lo || v > hi) {
    std::ostringstream m;
    m << v << " is out of range; allowed " << allowed;
    throw ScenarioError(where, key, m.str());
  }
  return v;
}

std::string readString(const toml::node& node, const SourceLocation& where, const std::string& key,
                       const std::string& allowed) {
  if (!node.is_string()) {
    std::ostringstream m;
    m << "expected a string, got " << typeName(node) << "; allowed " << allowed;
    throw ScenarioError(where, key, m.str());
  }
  return *node.value<std::string>();
}

// One value of a grid or oat axis, checked against the parameter's type, range and choices.
ParamValue readAxisValue(const ParameterSpec& spec, const toml::node& node, const SourceLocation& where) {
  const auto wrong = [&](const std::string& what) {
    std::ostringstream m;
    m << what << "; allowed " << spec.allowedText();
    throw ScenarioError(where, spec.key, m.str());
  };
  switch (spec.type) {
    case ParamType::Number: {
      if (!node.is_number()) wrong(cat("expected a number, got ", typeName(node)));
      const double x = node.value<double>().value_or(std::nan(""));
      if (!std::isfinite(x)) wrong("must be finite");
      if (x < spec.min || x > spec.max) wrong(cat(x, " is out of range"));
      return x;
    }
    case ParamType::Bool:
      if (!node.is_boolean()) wrong(cat("expected true or false, got ", typeName(node)));
      return *node.value<bool>();
    case ParamType::String: {
      if (!node.is_string()) wrong(cat("expected a string, got ", typeName(node)));
      const std::string s = *node.value<std::string>();
      if (!spec.choices.empty() &&
          std::find(spec.choices.begin(), spec.choices.end(), s) == spec.choices.end()) {
        std::ostringstream m;
        m << '"' << s << "\" is not allowed" << suggestion(s, spec.choices, '"');
        wrong(m.str());
      }
      return s;
    }
    case ParamType::StringList:
      break;  // refused before any value is read
  }
  return {};
}

double readRangeEnd(const ParameterSpec& spec, const toml::node& node, const SourceLocation& where) {
  const auto wrong = [&](const std::string& what) {
    std::ostringstream m;
    m << what << "; allowed " << spec.allowedText();
    throw ScenarioError(where, spec.key, m.str());
  };
  if (!node.is_number()) wrong(cat("range ends must be numbers, got ", typeName(node)));
  const double x = node.value<double>().value_or(std::nan(""));
  if (!std::isfinite(x)) wrong("range ends must be finite");
  if (x < spec.min || x > spec.max) {
    std::ostringstream m;
    m << "range end " << x << " is out of range";
    wrong(m.str());
  }
  return x;
}

bool sameValue(const ParamValue& a, const ParamValue& b) {
  return a == b;
}

SweepAxis readAxis(const toml::table& t, const SourceLocation& table_where, DesignKind kind,
                   const std::string& file, const std::vector<ParameterSpec>& table) {
  for (const auto& [k, node] : t) {
    const std::string key(k.str());
    if (std::find(kAxisKeys.keys.begin(), kAxisKeys.keys.end(), key) == kAxisKeys.keys.end())
      unknownKey(locate(file, node), key, "axis", kAxisKeys);
  }
  SweepAxis axis;
  const toml::node* key_node = t.get("key");
  if (!key_node)
    throw ScenarioError(table_where, "axis.key",
                        "missing; every [[axis]] names the parameter it varies, e.g. key = "
                        "\"gait.stride_length_m\"");
  axis.where = locate(file, *key_node);
  axis.key = readString(*key_node, axis.where, "axis.key", "a scenario key such as \"gait.stride_length_m\"");
  const ParameterSpec* spec = findParameter(table, axis.key);
  if (!spec) {
    std::vector<std::string> keys;
    for (const ParameterSpec& s : table) keys.push_back(s.key);
    std::ostringstream m;
    m << "unknown key" << suggestion(axis.key, keys) << " (spineload describe lists every key)";
    throw ScenarioError(axis.where, axis.key, m.str());
  }
  axis.type = spec->type;
  if (spec->type == ParamType::StringList)
    throw ScenarioError(axis.where, axis.key,
                        "a list parameter cannot be a sweep axis; allowed numbers, strings and true/false "
                        "parameters");

  const toml::node* values = t.get("values");
  const toml::node* range = t.get("range");
  const bool sampled = kind == DesignKind::Lhs || kind == DesignKind::Sobol;
  const std::string kind_name(designKindName(kind));
  if (!sampled) {
    if (range) {
      std::ostringstream m;
      m << "range is for lhs and sobol designs; a " << kind_name << " axis lists values = [...]";
      throw ScenarioError(locate(file, *range), axis.key, m.str());
    }
    if (!values) {
      std::ostringstream m;
      m << "missing values = [...]; a " << kind_name << " axis lists the values it takes, each "
        << spec->allowedText();
      throw ScenarioError(axis.where, axis.key, m.str());
    }
    const SourceLocation values_where = locate(file, *values);
    const toml::array* list = values->as_array();
    if (!list) {
      std::ostringstream m;
      m << "values must be a list [...], got " << typeName(*values) << "; allowed " << spec->allowedText();
      throw ScenarioError(values_where, axis.key, m.str());
    }
    if (list->empty())
      throw ScenarioError(
          values_where, axis.key,
          cat("the axis is empty; allowed a list of at least one value, each ", spec->allowedText()));
    for (const toml::node& e : *list) {
      const SourceLocation at = locate(file, e);
      ParamValue v = readAxisValue(*spec, e, at);
      for (std::size_t j = 0; j < axis.values.size(); ++j)
        if (sameValue(axis.values[j], v)) {
          std::ostringstream m;
          m << formatValue(v) << " is listed twice (first at line " << axis.value_where[j].line
            << "); allowed each value once";
          throw ScenarioError(at, axis.key, m.str());
        }
      axis.values.push_back(std::move(v));
      axis.value_where.push_back(at);
    }
    return axis;
  }

  if (values) {
    std::ostringstream m;
    m << "values are for grid and oat designs; a " << kind_name << " axis samples range = [low, high]";
    throw ScenarioError(locate(file, *values), axis.key, m.str());
  }
  if (spec->type != ParamType::Number) {
    std::ostringstream m;
    m << "a " << kind_name << " design samples numbers and this is a " << paramTypeName(spec->type)
      << " parameter; allowed number parameters (sweep " << axis.key << " with kind = \"grid\" or \"oat\")";
    throw ScenarioError(axis.where, axis.key, m.str());
  }
  if (!range) {
    std::ostringstream m;
    m << "missing range = [low, high]; a " << kind_name << " axis samples a range within "
      << spec->allowedText();
    throw ScenarioError(axis.where, axis.key, m.str());
  }
  axis.range_where = locate(file, *range);
  const toml::array* ends = range->as_array();
  if (!ends || ends->size() != 2) {
    std::ostringstream m;
    m << "range must be two numbers [low, high]";
    if (ends && ends->empty()) m << " (the axis is empty)";
    m << "; allowed low < high within " << spec->allowedText();
    throw ScenarioError(axis.range_where, axis.key, m.str());
  }
  axis.low = readRangeEnd(*spec, *ends->get(0), locate(file, *ends->get(0)));
  axis.high = readRangeEnd(*spec, *ends->get(1), locate(file, *ends->get(1)));
  if (!(axis.low < axis.high)) {
    std::ostringstream m;
    m << "range [" << axis.low << ", " << axis.high << "] is empty or reversed; allowed low < high within "
      << spec->allowedText();
    throw ScenarioError(axis.range_where, axis.key, m.str());
  }
  return axis;
}

void readDesign(const toml::table& design, const SourceLocation& design_table_where, const std::string& file,
                SweepSpec& out, const toml::node*& sampler_node) {
  for (const auto& [k, node] : design) {
    const std::string key(k.str());
    if (std::find(kDesignKeys.keys.begin(), kDesignKeys.keys.end(), key) == kDesignKeys.keys.end())
      unknownKey(locate(file, node), key, "design", kDesignKeys);
  }
  const std::vector<std::string> kinds{"grid", "oat", "lhs", "sobol"};
  const char* kinds_text = "\"grid\", \"oat\", \"lhs\" or \"sobol\"";
  const toml::node* kind = design.get("kind");
  if (!kind)
    throw ScenarioError(design_table_where, "design.kind", std::string("missing; allowed ") + kinds_text);
  out.design_where = locate(file, *kind);
  const std::string kind_text = readString(*kind, out.design_where, "design.kind", kinds_text);
  if (kind_text == "grid")
    out.kind = DesignKind::Grid;
  else if (kind_text == "oat")
    out.kind = DesignKind::Oat;
  else if (kind_text == "lhs")
    out.kind = DesignKind::Lhs;
  else if (kind_text == "sobol")
    out.kind = DesignKind::Sobol;
  else {
    std::ostringstream m;
    m << '"' << kind_text << "\" is not a design" << suggestion(kind_text, kinds, '"') << "; allowed "
      << kinds_text;
    throw ScenarioError(out.design_where, "design.kind", m.str());
  }
  const bool sampled = out.kind == DesignKind::Lhs || out.kind == DesignKind::Sobol;
  const std::string kind_name(designKindName(out.kind));

  // Keys that only some designs read are errors elsewhere, not silently ignored.
  const auto only = [&](const char* key, bool applies, const char* for_which) {
    if (const toml::node* n = design.get(key); n && !applies) {
      std::ostringstream m;
      m << "does not apply to a " << kind_name << " design; allowed with " << for_which;
      throw ScenarioError(locate(file, *n), std::string("design.") + key, m.str());
    }
  };
  only("samples", sampled, "kind = \"lhs\" or \"sobol\"");
  only("bootstrap", out.kind == DesignKind::Sobol, "kind = \"sobol\"");
  only("confidence", out.kind == DesignKind::Sobol, "kind = \"sobol\"");
  only("sampler", out.kind == DesignKind::Sobol, "kind = \"sobol\"");

  if (sampled) {
    const std::int64_t min_samples = out.kind == DesignKind::Sobol ? 2 : 1;
    std::ostringstream allowed;
    allowed << "an integer >= " << min_samples
            << (out.kind == DesignKind::Sobol
                    ? " (the base sample count N; the sweep runs N (k + 2) scenarios)"
                    : " (the number of scenarios)");
    const toml::node* samples = design.get("samples");
    if (!samples)
      throw ScenarioError(out.design_where, "design.samples", cat("missing; allowed ", allowed.str()));
    out.samples =
        static_cast<std::size_t>(readInteger(*samples, locate(file, *samples), "design.samples", min_samples,
                                             std::numeric_limits<std::int64_t>::max(), allowed.str()));
  }
  if (const toml::node* seed = design.get("seed"))
    out.seed =
        static_cast<std::uint64_t>(readInteger(*seed, locate(file, *seed), "design.seed", 0,
                                               std::numeric_limits<std::int64_t>::max(), "an integer >= 0"));
  if (const toml::node* b = design.get("bootstrap")) {
    std::ostringstream allowed;
    allowed << "an integer in [0, " << kMaxBootstrap << "] (0 = no confidence intervals)";
    out.bootstrap = static_cast<int>(
        readInteger(*b, locate(file, *b), "design.bootstrap", 0, kMaxBootstrap, allowed.str()));
  }
  if (const toml::node* c = design.get("confidence")) {
    const SourceLocation at = locate(file, *c);
    const char* allowed = "a number between 0 and 1, exclusive (e.g. 0.95)";
    if (!c->is_number()) {
      std::ostringstream m;
      m << "expected a number, got " << typeName(*c) << "; allowed " << allowed;
      throw ScenarioError(at, "design.confidence", m.str());
    }
    const double x = c->value<double>().value_or(std::nan(""));
    if (!(x > 0.0 && x < 1.0)) {
      std::ostringstream m;
      m << x << " is out of range; allowed " << allowed;
      throw ScenarioError(at, "design.confidence", m.str());
    }
    out.confidence = x;
  }
  sampler_node = design.get("sampler");
  if (const toml::node* metrics = design.get("metrics")) {
    const SourceLocation at = locate(file, *metrics);
    const char* allowed = "a list of summary column names, e.g. [\"L4_L5.compression.peak\"]";
    const toml::array* list = metrics->as_array();
    if (!list) {
      std::ostringstream m;
      m << "expected a list, got " << typeName(*metrics) << "; allowed " << allowed;
      throw ScenarioError(at, "design.metrics", m.str());
    }
    if (list->empty())
      throw ScenarioError(at, "design.metrics", std::string("the list is empty; allowed ") + allowed);
    for (const toml::node& e : *list) {
      const SourceLocation e_at = locate(file, e);
      const std::string name = readString(e, e_at, "design.metrics", allowed);
      if (name.empty())
        throw ScenarioError(e_at, "design.metrics", std::string("empty name; allowed ") + allowed);
      if (std::find(out.metrics.begin(), out.metrics.end(), name) != out.metrics.end()) {
        std::ostringstream m;
        m << '"' << name << "\" is listed twice; allowed each metric once";
        throw ScenarioError(e_at, "design.metrics", m.str());
      }
      out.metrics.push_back(name);
      out.metric_where.push_back(e_at);
    }
    out.metrics_set = true;
  }
}

std::size_t mulSaturated(std::size_t a, std::size_t b) {
  if (a != 0 && b > std::numeric_limits<std::size_t>::max() / a)
    return std::numeric_limits<std::size_t>::max();
  return a * b;
}

std::size_t addSaturated(std::size_t a, std::size_t b) {
  if (b > std::numeric_limits<std::size_t>::max() - a) return std::numeric_limits<std::size_t>::max();
  return a + b;
}

}  // namespace

std::string_view designKindName(DesignKind kind) {
  switch (kind) {
    case DesignKind::Grid:
      return "grid";
    case DesignKind::Oat:
      return "oat";
    case DesignKind::Lhs:
      return "lhs";
    case DesignKind::Sobol:
      return "sobol";
  }
  return "unknown";
}

const std::vector<std::string>& defaultSobolMetrics() {
  // Peak compression along the spine (mid-thoracic, thoracolumbar, the two lowest lumbar levels), the
  // anterior shear and flexion moment where the lumbar spine is loaded most, and the fatigue damage per km.
  static const std::vector<std::string> metrics{"T7_T8.compression.peak", "T12_L1.compression.peak",
                                                "L4_L5.compression.peak", "L5_S1.compression.peak",
                                                "L4_L5.shear_ap.peak",    "L5_S1.shear_ap.peak",
                                                "L4_L5.moment_fe.peak",   "L4_L5.fatigue_damage_per_km"};
  return metrics;
}

SweepSpec parseSweepText(const std::string& text, const std::string& source_name,
                         const std::vector<ParameterSpec>& table) {
  SweepSpec out;
  out.path = source_name;
  out.toml_text = text;
  toml::table root = parseTomlText(text, source_name);
  for (const auto& [k, node] : root) {
    const std::string key(k.str());
    if (std::find(kTopKeys.keys.begin(), kTopKeys.keys.end(), key) == kTopKeys.keys.end())
      unknownKey(locate(source_name, node), key, "", kTopKeys);
  }

  // base
  const toml::node* base = root.get("base");
  if (!base)
    throw ScenarioError(
        {source_name, 0, 0}, "base",
        "missing; allowed base = \"scenario.toml\", the scenario every point starts from (a path "
        "relative to the sweep file)");
  out.base_where = locate(source_name, *base);
  out.base =
      readString(*base, out.base_where, "base", "a path to a scenario file, relative to the sweep file");
  if (out.base.empty())
    throw ScenarioError(out.base_where, "base",
                        "empty; allowed a path to a scenario file, relative to the sweep file");
  {
    const std::filesystem::path p(out.base);
    out.base_path = (p.is_absolute() ? p : std::filesystem::path(source_name).parent_path() / p)
                        .lexically_normal()
                        .string();
  }

  // [design]
  const toml::node* design = root.get("design");
  if (!design)
    throw ScenarioError({source_name, 0, 0}, "design",
                        "missing [design] table; allowed kind = \"grid\", \"oat\", \"lhs\" or \"sobol\"");
  const SourceLocation design_table_where = locate(source_name, *design);
  if (!design->is_table())
    throw ScenarioError(
        design_table_where, "design",
        "expected a table [design]; allowed kind, samples, seed, metrics, bootstrap, confidence, "
        "sampler");
  const toml::node* sampler_node = nullptr;
  readDesign(*design->as_table(), design_table_where, source_name, out, sampler_node);

  // [[axis]]
  const toml::node* axes = root.get("axis");
  if (!axes)
    throw ScenarioError(out.design_where, "axis",
                        "the sweep has no axes; allowed one or more [[axis]] tables with key = \"<scenario "
                        "key>\" and values = [...] or range = [low, high]");
  if (!axes->is_array_of_tables() || axes->as_array()->empty())
    throw ScenarioError(locate(source_name, *axes), "axis",
                        "expected [[axis]] tables (double brackets, one table per axis); allowed key, values "
                        "(grid, oat), range (lhs, sobol)");
  for (const toml::node& a : *axes->as_array()) {
    SweepAxis axis = readAxis(*a.as_table(), locate(source_name, a), out.kind, source_name, table);
    for (const SweepAxis& other : out.axes)
      if (other.key == axis.key) {
        std::ostringstream m;
        m << "swept twice (first at line " << other.where.line << "); allowed one [[axis]] per key";
        throw ScenarioError(axis.where, axis.key, m.str());
      }
    out.axes.push_back(std::move(axis));
  }
  // The speed links the step frequency and the stride length: a point that set both would contradict
  // itself unless they happened to agree (../shared/DESIGN.md §5).
  const auto axisOf = [&](const std::string& key) -> const SweepAxis* {
    for (const SweepAxis& a : out.axes)
      if (a.key == key) return &a;
    return nullptr;
  };
  if (axisOf("gait.step_frequency_hz") && axisOf("gait.stride_length_m")) {
    const SweepAxis* later = axisOf("gait.step_frequency_hz");
    if (later->where.line < axisOf("gait.stride_length_m")->where.line)
      later = axisOf("gait.stride_length_m");
    throw ScenarioError(later->where, later->key,
                        "gait.step_frequency_hz and gait.stride_length_m are linked by the speed; allowed an "
                        "axis over one of them (with gait.speed_m_s if the other should vary too)");
  }

  // The Saltelli base samples: the Sobol' sequence while its direction numbers cover 2k dimensions.
  if (out.kind == DesignKind::Sobol) {
    const std::size_t dims = 2 * out.axes.size();
    out.sampler = dims <= kSobolMaxDimensions ? SobolSampler::Sobol : SobolSampler::Random;
    if (sampler_node) {
      const SourceLocation at = locate(source_name, *sampler_node);
      const char* allowed = "\"sobol\" (quasi-random, the default up to 20 axes) or \"random\"";
      const std::string name = readString(*sampler_node, at, "design.sampler", allowed);
      if (name == "random") {
        out.sampler = SobolSampler::Random;
      } else if (name == "sobol") {
        if (dims > kSobolMaxDimensions) {
          std::ostringstream m;
          m << "the Sobol' sequence here has direction numbers for " << kSobolMaxDimensions
            << " dimensions and " << out.axes.size() << " axes need " << dims
            << "; allowed \"random\" or at most " << kSobolMaxDimensions / 2 << " axes";
          throw ScenarioError(at, "design.sampler", m.str());
        }
        out.sampler = SobolSampler::Sobol;
      } else {
        std::ostringstream m;
        m << '"' << name << "\" is not a sampler" << suggestion(name, {"sobol", "random"}, '"')
          << "; allowed " << allowed;
        throw ScenarioError(at, "design.sampler", m.str());
      }
    }
    if (out.sampler == SobolSampler::Sobol && out.samples > (std::size_t{1} << 32)) {
      std::ostringstream m;
      m << out.samples << " is more than the 2^32 points of the 32-bit Sobol' sequence; allowed at most "
        << (std::size_t{1} << 32) << " or sampler = \"random\"";
      throw ScenarioError(out.design_where, "design.samples", m.str());
    }
    if (!out.metrics_set) {
      out.metrics = defaultSobolMetrics();
      out.metric_where.assign(out.metrics.size(), out.design_where);
    }
  }
  return out;
}

SweepSpec loadSweepFile(const std::string& path, const std::vector<ParameterSpec>& table) {
  const std::optional<std::string> text = readTomlFile(path);
  if (!text)
    throw ScenarioError({path, 0, 0}, "", "cannot open the sweep file (does it exist and is it readable?)");
  return parseSweepText(*text, path, table);
}

std::size_t scenarioCount(const SweepSpec& spec) {
  switch (spec.kind) {
    case DesignKind::Grid: {
      std::size_t n = 1;
      for (const SweepAxis& a : spec.axes) n = mulSaturated(n, a.values.size());
      return n;
    }
    case DesignKind::Oat: {
      std::size_t n = 1;
      for (const SweepAxis& a : spec.axes) n = addSaturated(n, a.values.size());
      return n;
    }
    case DesignKind::Lhs:
      return spec.samples;
    case DesignKind::Sobol:
      return mulSaturated(spec.samples, addSaturated(spec.axes.size(), 2));
  }
  return 0;
}

void refuseOversizedSweep(const SweepSpec& spec, std::size_t max_scenarios) {
  const std::size_t n = scenarioCount(spec);
  if (n <= max_scenarios) return;
  std::ostringstream m;
  if (n == std::numeric_limits<std::size_t>::max())
    m << "the sweep runs more scenarios than a 64-bit count holds";
  else
    m << "the sweep runs " << n << " scenarios";
  m << " (" << designKindName(spec.kind);
  switch (spec.kind) {
    case DesignKind::Grid:
      m << ": ";
      for (std::size_t i = 0; i < spec.axes.size(); ++i) m << (i ? " x " : "") << spec.axes[i].values.size();
      m << " values";
      break;
    case DesignKind::Oat:
      m << ": the base + ";
      for (std::size_t i = 0; i < spec.axes.size(); ++i) m << (i ? " + " : "") << spec.axes[i].values.size();
      m << " values";
      break;
    case DesignKind::Lhs:
      m << ": samples = " << spec.samples;
      break;
    case DesignKind::Sobol:
      m << ": samples " << spec.samples << " x (" << spec.axes.size() << " axes + 2)";
      break;
  }
  m << "), more than --max-scenarios " << max_scenarios << "; allowed at most " << max_scenarios
    << " (fewer values or samples, or a larger --max-scenarios)";
  throw ScenarioError(spec.design_where, "design", m.str());
}

void checkSweepMetrics(const SweepSpec& spec, const std::vector<std::string>& summary_columns) {
  for (std::size_t i = 0; i < spec.metrics.size(); ++i) {
    const std::string& name = spec.metrics[i];
    if (std::find(summary_columns.begin(), summary_columns.end(), name) != summary_columns.end()) continue;
    std::ostringstream m;
    m << '"' << name << "\" is not a summary column" << suggestion(name, summary_columns, '"')
      << "; allowed a column of /summary (docs/summaries.md)";
    throw ScenarioError(i < spec.metric_where.size() ? spec.metric_where[i] : spec.design_where,
                        "design.metrics", m.str());
  }
}

}  // namespace spineload
