#include "engine/causes/causes_study.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/causes/causes_table.hpp"
#include "engine/io/text_file.hpp"
#include "engine/scenario/closest_key.hpp"
#include "engine/scenario/toml_source.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

constexpr double kMaxDose = 4.0;

std::string resolve(const std::string& study_file, const std::string& name) {
  const fs::path p(name);
  return p.is_absolute() ? name : (fs::path(study_file).parent_path() / p).lexically_normal().string();
}

// "<what>; did you mean '<closest>'?; allowed <a> <b> ...": the message for a name not in `allowed`.
std::string notAllowed(const std::string& what, const std::string& name,
                       const std::vector<std::string>& allowed) {
  std::ostringstream m;
  m << what;
  const std::string guess = closestKey(name, allowed);
  if (!guess.empty()) m << "; did you mean '" << guess << "'?";
  m << "; allowed";
  for (const std::string& a : allowed) m << ' ' << a;
  return m.str();
}

void refuseUnknownKeys(const toml::table& t, const std::string& file, const std::string& prefix,
                       const std::vector<std::string>& allowed) {
  for (const auto& [k, node] : t) {
    const std::string key(k.str());
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    throw ScenarioError(
        locate(file, node), prefix.empty() ? key : prefix + "." + key,
        notAllowed(cat("unknown key in ", prefix.empty() ? "the top level" : prefix), key, allowed));
  }
}

std::string requireString(const toml::table& t, const char* key, const SourceLocation& table_where,
                          const std::string& file, const std::string& context) {
  const toml::node* n = t.get(key);
  if (!n) throw ScenarioError(table_where, cat(context, '.', key), "missing; allowed a string");
  if (!n->is_string() || n->as_string()->get().empty())
    throw ScenarioError(locate(file, *n), cat(context, '.', key), "expected a non-empty string");
  return n->as_string()->get();
}

std::vector<std::string> stringList(const toml::table& t, const char* key, const std::string& file,
                                    const std::string& context) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) throw ScenarioError(locate(file, *n), cat(context, '.', key), "expected a list of strings");
  for (const toml::node& e : *a) {
    if (!e.is_string()) throw ScenarioError(locate(file, e), cat(context, '.', key), "expected a string");
    out.push_back(e.as_string()->get());
  }
  return out;
}

double readNumber(const toml::node& n, const std::string& file, const std::string& key, double lo,
                  double hi) {
  const std::optional<double> v = n.value<double>();
  if (!v || !std::isfinite(*v) || *v < lo || *v > hi)
    throw ScenarioError(locate(file, n), key, cat("expected a number in [", lo, ", ", hi, "]"));
  return *v;
}

std::vector<double> readDoses(const toml::table& t, const std::string& file, const std::string& context) {
  std::vector<double> doses;
  const toml::node* n = t.get("doses");
  if (!n) return doses;
  const toml::array* a = n->as_array();
  const std::string key = context + ".doses";
  if (!a) throw ScenarioError(locate(file, *n), key, "expected a list of numbers, e.g. [0.5, 1.8]");
  const char* allowed =
      "allowed fractions of the cause's change in (0, 4], not 1 (the cause file itself always runs), at "
      "least 0.01 apart (a dose's scenario is named for 100 x dose)";
  for (const toml::node& e : *a) {
    const std::optional<double> d = e.value<double>();
    const auto same = [&](double other) { return std::lround(100.0 * other) == std::lround(100.0 * *d); };
    if (!d || !std::isfinite(*d) || *d <= 0.0 || *d > kMaxDose || same(1.0) ||
        std::any_of(doses.begin(), doses.end(), same))
      throw ScenarioError(locate(file, e), key, allowed);
    doses.push_back(*d);
  }
  return doses;
}

CauseSpec readCause(const toml::table& t, const std::string& file, std::size_t index) {
  const std::string context = cat("cause[", index, "]");
  CauseSpec c;
  c.where = locate(file, t);
  refuseUnknownKeys(t, file, context,
                    {"id", "title", "file", "claim", "outcomes", "outside", "doses", "doses_note"});
  c.id = requireString(t, "id", c.where, file, context);
  const bool id_ok = std::all_of(c.id.begin(), c.id.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
  });
  if (!id_ok)
    throw ScenarioError(locate(file, *t.get("id")), context + ".id", "allowed letters, digits and _");
  c.title = requireString(t, "title", c.where, file, context);
  c.file = requireString(t, "file", c.where, file, context);
  c.file_path = resolve(file, c.file);
  c.file_where = locate(file, *t.get("file"));
  c.claim = requireString(t, "claim", c.where, file, context);
  c.outcomes = stringList(t, "outcomes", file, context);
  std::vector<std::string> known;
  for (const CauseOutcome& o : causeOutcomes()) known.push_back(o.id);
  for (const std::string& o : c.outcomes)
    if (std::find(known.begin(), known.end(), o) == known.end())
      throw ScenarioError(locate(file, *t.get("outcomes")), context + ".outcomes",
                          notAllowed(cat("unknown outcome '", o, "'"), o, known));
  c.outside = stringList(t, "outside", file, context);
  if (c.outcomes.empty() && c.outside.empty())
    throw ScenarioError(c.where, context, "a claim needs outcomes that test it or outside parts (or both)");
  c.doses = readDoses(t, file, context);
  if (const toml::node* n = t.get("doses"))
    c.doses_where = locate(file, *n);
  else
    c.doses_where = c.where;
  if (t.get("doses_note")) c.doses_note = requireString(t, "doses_note", c.where, file, context);
  return c;
}

void readFactorial(const toml::table& root, const std::string& file, CausesStudy& s) {
  const toml::node* n = root.get("factorial");
  if (!n) return;
  const toml::table* t = n->as_table();
  s.factorial_where = locate(file, *n);
  if (!t) throw ScenarioError(s.factorial_where, "factorial", "expected a table with causes = [...]");
  refuseUnknownKeys(*t, file, "factorial", {"causes"});
  s.factorial = stringList(*t, "causes", file, "factorial");
  std::vector<std::string> ids;
  for (const CauseSpec& c : s.causes) ids.push_back(c.id);
  for (std::size_t i = 0; i < s.factorial.size(); ++i) {
    const std::string& f = s.factorial[i];
    if (std::find(ids.begin(), ids.end(), f) == ids.end())
      throw ScenarioError(s.factorial_where, "factorial.causes",
                          notAllowed(cat("'", f, "' is not a cause of this study"), f, ids));
    if (std::count(s.factorial.begin(), s.factorial.end(), f) > 1)
      throw ScenarioError(s.factorial_where, "factorial.causes", cat("'", f, "' is listed twice"));
  }
  if (s.factorial.size() == 1 || s.factorial.size() > 6)
    throw ScenarioError(s.factorial_where, "factorial.causes",
                        "allowed 2 to 6 causes (a full factorial of k causes runs 2^k scenarios)");
}

}  // namespace

CausesStudy parseCausesStudyText(const std::string& text, const std::string& source_name) {
  const toml::table root = parseTomlText(text, source_name);
  refuseUnknownKeys(
      root, source_name, "",
      {"baseline", "meaningful_change_percent", "meaningful_asymmetry_points", "cause", "factorial"});
  CausesStudy s;
  s.path = source_name;
  s.toml_text = text;
  const SourceLocation top{source_name, 1, 1};
  s.baseline = requireString(root, "baseline", top, source_name, "study");
  s.baseline_path = resolve(source_name, s.baseline);
  s.baseline_where = locate(source_name, *root.get("baseline"));
  if (const toml::node* n = root.get("meaningful_change_percent"))
    s.meaningful_change_percent = readNumber(*n, source_name, "meaningful_change_percent", 0.1, 100.0);
  if (const toml::node* n = root.get("meaningful_asymmetry_points"))
    s.meaningful_asymmetry_points = readNumber(*n, source_name, "meaningful_asymmetry_points", 0.1, 100.0);
  const toml::node* causes = root.get("cause");
  if (!causes || !causes->is_array_of_tables())
    throw ScenarioError(top, "cause", "missing; allowed one [[cause]] table per cause");
  std::size_t index = 0;
  for (const toml::node& n : *causes->as_array()) {
    CauseSpec c = readCause(*n.as_table(), source_name, index++);
    for (const CauseSpec& other : s.causes)
      if (other.id == c.id)
        throw ScenarioError(locate(source_name, *n.as_table()->get("id")), cat("cause[", index - 1, "].id"),
                            cat("'", c.id, "' is used twice; allowed one [[cause]] per id"));
    if (c.id == "baseline")
      throw ScenarioError(locate(source_name, *n.as_table()->get("id")), cat("cause[", index - 1, "].id"),
                          "'baseline' names the baseline run; allowed any other id");
    s.causes.push_back(std::move(c));
  }
  readFactorial(root, source_name, s);
  return s;
}

CausesStudy loadCausesStudy(const std::string& path) {
  const std::optional<std::string> text = readTomlFile(path);
  if (!text) throw ScenarioError({path, 0, 0}, "", "cannot read the study file (missing or unreadable)");
  return parseCausesStudyText(*text, path);
}

}  // namespace spineload
