#include "engine/validation/validation_checks.hpp"

#include <algorithm>
#include <iterator>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "engine/validation/check_groups.hpp"

namespace spineload {

namespace {

std::string number(double x) {
  std::ostringstream s;
  s.precision(4);
  s << x;
  return s.str();
}

// The published column: value ± tolerance, the range, or what the band rule reads from the figure.
void describeFigure(const PublishedFigure& f, BandRule rule, CheckResult& r) {
  if (rule == BandRule::AllDirections) {
    r.published = "all stated directions";
    r.tolerance = "-";
    r.unit = "fraction";
    return;
  }
  if (rule == BandRule::PercentDeviation) {
    r.published = "the source's ranges";
    r.tolerance = f.tolerance_text;
    r.unit = "% deviation";
    return;
  }
  if (f.value) r.published = number(*f.value);
  if (f.range_min && f.range_max)
    r.published = "[" + number(*f.range_min) + ", " + number(*f.range_max) + "]";
  if (rule == BandRule::RangeEnd) r.published += " (the end)";
  r.tolerance = f.tolerance ? number(*f.tolerance) : f.tolerance_text.empty() ? "-" : f.tolerance_text;
}

bool covers(const CheckSpec& check, const PublishedFigure& target,
            const std::vector<PublishedFigure>& figures) {
  if (check.figure_id == target.id) return true;
  for (const PublishedFigure& f : figures)
    if (f.id == check.figure_id && f.derived_from == target.id) return true;
  return false;
}

bool loaded(const std::string& id, const std::vector<PublishedFigure>& figures) {
  return std::any_of(figures.begin(), figures.end(), [&](const PublishedFigure& f) { return f.id == id; });
}

}  // namespace

std::vector<CheckSpec> validationChecks() {
  std::vector<CheckSpec> all;
  for (std::vector<CheckSpec> (*group)() :
       {discChecks, muscleChecks, tissueChecks, spineChecks, gaitChecks, causeChecks}) {
    std::vector<CheckSpec> g = group();
    std::move(g.begin(), g.end(), std::back_inserter(all));
  }
  return all;
}

std::string sourceShort(const std::string& source) {
  static const std::regex kYear(R"(\b(19|20)[0-9]{2}\b)");
  // A surname (with its particle) followed by initials ("Wilke H-J,"), "et al", "&" or a comma.
  static const std::regex kAuthor(
      R"(^(derived: )?((?:van |de |von )?[A-Z][A-Za-z'-]+)( [A-Z][A-Z-]{0,4}[ ,.(]| et al| &|,))");
  std::smatch year, author;
  const std::string y = std::regex_search(source, year, kYear) ? year.str() : "";
  if (std::regex_search(source, author, kAuthor)) return author[1].str() + author[2].str() + " " + y;
  // No author first (a title): the two words before the year, usually the journal.
  const std::string before = source.substr(0, year.empty() ? 0 : year.position(0));
  std::istringstream words(before);
  std::vector<std::string> w{std::istream_iterator<std::string>(words), {}};
  std::string out;
  for (std::size_t i = w.size() > 2 ? w.size() - 2 : 0; i < w.size(); ++i) out += w[i] + " ";
  return out + y;
}

CheckResult evaluateCheck(const CheckSpec& check, const std::vector<PublishedFigure>& figures,
                          ValidationRuns& runs) {
  const PublishedFigure& f = findFigure(figures, check.figure_id);
  CheckResult r;
  r.id = check.id();
  r.figure_id = f.id;
  r.derived_from = f.derived_from;
  r.quantity = f.quantity;
  r.unit = f.unit;
  r.source = sourceShort(f.source);
  r.why = check.why;
  describeFigure(f, check.band, r);
  if (check.expect == Expectation::NotComputable || !check.model_value) {
    r.verdict = Verdict::NotComputable;
    return r;
  }
  r.band = bandOf(f, check.band);
  try {
    r.model_value = check.model_value(runs);
  } catch (const std::exception& e) {  // the model's failure, not the input's: a failed row saying why
    r.why = std::string("the computation failed: ") + e.what();
  }
  r.verdict = judge(r.model_value, r.band, check.expect);
  return r;
}

std::vector<std::string> uncoveredFigures(const std::vector<CheckSpec>& checks,
                                          const std::vector<PublishedFigure>& figures) {
  std::vector<std::string> out;
  for (const PublishedFigure& f : figures) {
    if (f.kind != "check") continue;
    if (std::none_of(checks.begin(), checks.end(), [&](const CheckSpec& c) { return covers(c, f, figures); }))
      out.push_back(f.id);
  }
  return out;
}

std::vector<CheckResult> runChecks(const std::vector<CheckSpec>& checks,
                                   const std::vector<PublishedFigure>& figures, const std::string& filter,
                                   ValidationRuns& runs) {
  std::vector<const CheckSpec*> selected;
  std::vector<std::string> texts;
  for (const CheckSpec& c : checks) {
    if (!loaded(c.figure_id, figures) || c.id().find(filter) == std::string::npos) continue;
    selected.push_back(&c);
    texts.insert(texts.end(), c.runs.begin(), c.runs.end());
  }
  runs.prefetch(texts);
  std::vector<CheckResult> out;
  for (const CheckSpec* c : selected) out.push_back(evaluateCheck(*c, figures, runs));
  for (const std::string& id : uncoveredFigures(checks, figures)) {
    if (id.find(filter) == std::string::npos) continue;
    const PublishedFigure& f = findFigure(figures, id);
    CheckResult r;
    r.id = r.figure_id = id;
    r.quantity = f.quantity;
    r.unit = f.unit;
    r.source = sourceShort(f.source);
    r.published = f.value ? number(*f.value) : "-";
    r.tolerance = f.tolerance ? number(*f.tolerance) : f.tolerance_text.empty() ? "-" : f.tolerance_text;
    r.why = "no check in the registry computes it yet (engine/validation/checks_*.cpp)";
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace spineload
