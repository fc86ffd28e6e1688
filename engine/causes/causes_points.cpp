// The points of a causes study (engine/causes/causes_study.hpp): baseline, causes, doses, combinations.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "engine/causes/causes_study.hpp"

namespace spineload {
namespace {

ParameterOverride setting(const std::string& key, ParamValue value, const SourceLocation& where) {
  return {key, std::move(value), where};
}

std::string doseId(const std::string& cause, double dose) {
  std::ostringstream s;
  s << "dose_" << cause << '_' << static_cast<long>(std::lround(dose * 100.0));
  return s.str();
}

// An interpolated value to 12 significant digits: 1 + 1.6 (0.5 - 1) is 0.19999999999999996 in binary, which
// a range starting at 0.2 refuses; the study's doses mean the decimal value.
double twelveDigits(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.12g", v);
  return std::strtod(text, nullptr);
}

// The points' common overrides: a shorter or longer run for every point (--duration), and no time series
// for the dose and combination points (their summaries are what the study reads; the report's time series
// come from the baseline and the causes).
void addRunSettings(std::vector<ParameterOverride>& o, const StudyRunOptions& options, bool time_series) {
  const SourceLocation cli{"(command line)", 0, 0};
  if (options.duration_s > 0.0) o.push_back(setting("simulation.duration_s", options.duration_s, cli));
  if (!time_series) o.push_back(setting("output.time_series", false, {"(causes study)", 0, 0}));
}

// Every subset of two or more factorial causes, by increasing size then in the study's order.
std::vector<std::vector<std::size_t>> combinations(std::size_t k) {
  std::vector<std::vector<std::size_t>> out;
  for (std::size_t size = 2; size <= k; ++size)
    for (unsigned mask = 0; mask < (1u << k); ++mask) {
      std::vector<std::size_t> members;
      for (std::size_t i = 0; i < k; ++i)
        if (mask & (1u << i)) members.push_back(i);
      if (members.size() == size) out.push_back(members);
    }
  return out;
}

// The factorial causes' positions in the study; their changes must not share a key, or a combination
// would not be the two causes together but one overriding the other.
std::vector<std::size_t> factorialIndices(const CausesStudy& study,
                                          const std::vector<std::vector<ParameterOverride>>& changes) {
  std::vector<std::size_t> out;
  for (const std::string& id : study.factorial)
    for (std::size_t i = 0; i < study.causes.size(); ++i)
      if (study.causes[i].id == id) out.push_back(i);
  for (std::size_t a = 0; a < out.size(); ++a)
    for (std::size_t b = a + 1; b < out.size(); ++b)
      for (const ParameterOverride& x : changes[out[a]])
        for (const ParameterOverride& y : changes[out[b]])
          if (x.key == y.key) {
            std::ostringstream m;
            m << "causes '" << study.causes[out[a]].id << "' and '" << study.causes[out[b]].id
              << "' both change " << x.key << ", so their combination is not both together; allowed causes "
              << "that change different keys";
            throw ScenarioError(study.factorial_where, "factorial.causes", m.str());
          }
  return out;
}

// A cause's file, or a message at its `file` key in the study when it cannot be read.
ScenarioValues loadCauseFile(const CauseSpec& c, std::size_t index, const std::vector<ParameterSpec>& table) {
  if (!std::ifstream(c.file_path))
    throw ScenarioError(
        c.file_where, cat("cause[", index, "].file"),
        cat("cannot read ", c.file_path, "; allowed a scenario file, relative to the study's folder"));
  return loadScenarioFile(c.file_path, table);
}

// A cause that changes nothing against the baseline would be judged on the baseline's own noise, and doses of
// a cause that only flips switches would all be the same run.
void checkCauseChanges(const CauseSpec& c, std::size_t index, const std::vector<ParameterOverride>& changes) {
  if (changes.empty())
    throw ScenarioError(c.file_where, cat("cause[", index, "].file"),
                        cat(c.file_path,
                            " changes nothing against the baseline; allowed a file that sets at "
                            "least one key to another value"));
  const bool number = std::any_of(changes.begin(), changes.end(), [](const ParameterOverride& o) {
    return std::holds_alternative<double>(o.value);
  });
  if (!c.doses.empty() && !number)
    throw ScenarioError(c.doses_where, cat("cause[", index, "].doses"),
                        "this cause changes no number (only switches such as a breathing mode), so it has no "
                        "magnitude to sweep; allowed no doses");
}

}  // namespace

std::vector<ParameterOverride> causeChanges(const ScenarioValues& cause, const ScenarioValues& base) {
  std::vector<ParameterOverride> out;
  for (const auto& [key, s] : cause.values) {
    // Keys the cause file does not set hold their defaults (or were reset by the stride rule, which
    // applyOverrides repeats): only the keys it sets to another value than the baseline's are its change.
    if (!s.set_in_file || formatValue(s.value) == formatValue(base.values.at(key).value)) continue;
    if (key.rfind("simulation.", 0) == 0 || key.rfind("output.", 0) == 0)
      throw ScenarioError(s.where, key,
                          "a cause changes the runner, not the run: simulation and output keys belong in the "
                          "baseline (or on the command line)");
    out.push_back(setting(key, s.value, s.where));
  }
  return out;
}

std::vector<ParameterOverride> dosedChanges(const std::vector<ParameterOverride>& changes,
                                            const ScenarioValues& base, double dose,
                                            const SourceLocation& where) {
  std::vector<ParameterOverride> out;
  for (const ParameterOverride& c : changes) {
    const double* to = std::get_if<double>(&c.value);
    if (!to) {  // a switch (breathing mode, curve side): on at any dose
      out.push_back(setting(c.key, c.value, where));
      continue;
    }
    const double* from = std::get_if<double>(&base.values.at(c.key).value);
    if (!from || !std::isfinite(*from))
      throw ScenarioError(where, c.key,
                          "the baseline leaves this key to a derived default, so its dose cannot be "
                          "interpolated; set it in the baseline file to sweep its magnitude");
    out.push_back(setting(c.key, twelveDigits(*from + dose * (*to - *from)), where));
  }
  return out;
}

PreparedStudy prepareCausesStudy(const std::string& study_path, const StudyRunOptions& options) {
  PreparedStudy p;
  p.study = loadCausesStudy(study_path);
  PreparedSweep& s = p.sweep;
  s.study = "causes";
  s.table = loadParameterTable();
  if (!std::ifstream(p.study.baseline_path))
    throw ScenarioError(p.study.baseline_where, "baseline",
                        cat("cannot read ", p.study.baseline_path,
                            "; allowed a scenario file, relative to the study's folder"));
  s.base = loadScenarioFile(p.study.baseline_path, s.table);
  s.spec.path = p.study.path;
  s.spec.toml_text = p.study.toml_text;
  s.spec.base = p.study.baseline;
  s.spec.base_path = p.study.baseline_path;
  std::vector<std::string> texts = {SPINELOAD_VERSION, p.study.toml_text, s.base.toml_text};
  for (const auto& [file, text] : s.base.included) texts.push_back(text);
  for (std::size_t i = 0; i < p.study.causes.size(); ++i) {
    const CauseSpec& c = p.study.causes[i];
    const ScenarioValues values = loadCauseFile(c, i, s.table);
    p.changes.push_back(causeChanges(values, s.base));
    checkCauseChanges(c, i, p.changes.back());
    texts.push_back(values.toml_text);
    for (const auto& [file, text] : values.included) texts.push_back(text);  // --resume sees their edits
    p.cause_texts.push_back(values.toml_text);
  }
  auto add = [&](std::string id, std::vector<ParameterOverride> o, StudyPoint what, bool series) {
    addRunSettings(o, options, series);
    (void)applyOverrides(s.base, o, s.table);  // bad values are bad input now, not failed runs later
    SweepPoint point;
    point.id = std::move(id);
    point.overrides = std::move(o);
    point.index = s.points.size();
    s.points.push_back(std::move(point));
    p.points.push_back(std::move(what));
  };
  add("baseline", {}, {StudyPoint::Kind::Baseline, {}, 0.0}, true);
  for (std::size_t i = 0; i < p.study.causes.size(); ++i)
    add(p.study.causes[i].id, p.changes[i], {StudyPoint::Kind::Cause, {p.study.causes[i].id}, 1.0}, true);
  if (options.doses)
    for (std::size_t i = 0; i < p.study.causes.size(); ++i) {
      const CauseSpec& c = p.study.causes[i];
      for (const double d : c.doses)
        add(doseId(c.id, d), dosedChanges(p.changes[i], s.base, d, c.doses_where),
            {StudyPoint::Kind::Dose, {c.id}, d}, false);
    }
  if (options.factorial) {
    const std::vector<std::size_t> f = factorialIndices(p.study, p.changes);
    for (const std::vector<std::size_t>& members : combinations(f.size())) {
      std::string id = "combo";
      std::vector<ParameterOverride> o;
      StudyPoint what{StudyPoint::Kind::Combination, {}, 1.0};
      for (const std::size_t m : members) {
        const CauseSpec& c = p.study.causes[f[m]];
        id += (what.causes.empty() ? "_" : "+") + c.id;
        what.causes.push_back(c.id);
        o.insert(o.end(), p.changes[f[m]].begin(), p.changes[f[m]].end());
      }
      add(id, o, what, false);
    }
  }
  std::ostringstream run;
  run << "duration " << options.duration_s << " doses " << options.doses << " factorial "
      << options.factorial;
  texts.push_back(run.str());
  s.hash = sweepFingerprint(texts);
  return p;
}

}  // namespace spineload
