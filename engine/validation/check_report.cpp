#include "engine/validation/check_report.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace spineload {

namespace {

// A markdown cell: pipes would end it.
std::string cell(std::string s) {
  for (std::size_t i = s.find('|'); i != std::string::npos; i = s.find('|', i + 2)) s.replace(i, 1, "\\|");
  return s;
}

std::vector<std::string> textRow(const CheckResult& r) {
  return {r.id,   formatValue(r.model_value), r.published, r.tolerance,
          r.unit, verdictName(r.verdict),     r.source};
}

}  // namespace

CheckTally tallyChecks(const std::vector<CheckResult>& results) {
  CheckTally t;
  for (const CheckResult& r : results) {
    switch (r.verdict) {
      case Verdict::Pass:
        ++t.pass;
        break;
      case Verdict::Fail:
        ++t.fail;
        break;
      case Verdict::ExpectedFailure:
        ++t.expected_failure;
        break;
      case Verdict::UnexpectedPass:
        ++t.unexpected_pass;
        break;
      case Verdict::Circular:
        ++t.circular;
        break;
      case Verdict::NotComputable:
        ++t.not_computable;
        break;
    }
  }
  return t;
}

std::string tallyLine(const CheckTally& t) {
  std::ostringstream s;
  const std::pair<int, const char*> counts[] = {
      {t.pass, "pass"},         {t.unexpected_pass, "pass (were known failures)"},
      {t.fail, "FAIL"},         {t.expected_failure, "fail (known, explained)"},
      {t.circular, "circular"}, {t.not_computable, "not computable"}};
  for (const auto& [n, name] : counts)
    if (n > 0) s << (s.tellp() > 0 ? ", " : "") << n << " " << name;
  return s.str();
}

std::string formatValue(double value) {
  if (!std::isfinite(value)) return "-";
  if (std::abs(value) < 1e-9) value = 0.0;  // round-off of a circular check (e.g. -2e-14 %): print 0
  std::ostringstream s;
  s.precision(4);
  s << value;
  return s.str();
}

std::string checksText(const std::vector<CheckResult>& results) {
  const std::vector<std::string> head = {"id",   "model",   "published", "tolerance",
                                         "unit", "verdict", "source"};
  std::vector<std::size_t> width(head.size());
  for (std::size_t c = 0; c < head.size(); ++c) width[c] = head[c].size();
  for (const CheckResult& r : results) {
    const std::vector<std::string> row = textRow(r);
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  width[3] = std::min<std::size_t>(width[3], 24);  // text tolerances are long: the markdown has them whole
  std::ostringstream s;
  const auto line = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string v = row[c].size() > width[c] ? row[c].substr(0, width[c] - 3) + "..." : row[c];
      s << std::left << std::setw(static_cast<int>(width[c])) << v << (c + 1 < row.size() ? "  " : "\n");
    }
  };
  line(head);
  for (const CheckResult& r : results) line(textRow(r));
  return s.str();
}

std::string checksMarkdown(const std::vector<CheckResult>& results, const std::string& command_line) {
  std::ostringstream s;
  s << "# spineload validate\n\n`" << command_line << "`: " << tallyLine(tallyChecks(results)) << "\n\n"
    << "| id | quantity | model | published | tolerance | unit | verdict | source | why |\n"
    << "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
  for (const CheckResult& r : results) {
    const std::string id =
        r.derived_from.empty() ? "`" + r.id + "`" : "`" + r.id + "` (`" + r.derived_from + "`)";
    s << "| " << id << " | " << cell(r.quantity) << " | " << formatValue(r.model_value) << " | "
      << cell(r.published) << " | " << cell(r.tolerance) << " | " << cell(r.unit) << " | "
      << verdictName(r.verdict) << " | " << cell(r.source) << " | " << cell(r.why) << " |\n";
  }
  return s.str();
}

std::vector<h5::TableColumn> checksColumns(const std::vector<CheckResult>& results) {
  using K = h5::TableColumn::Kind;
  std::vector<h5::TableColumn> c = {
      {"id",
       "-",
       "check id: the figure id, @condition when one figure is checked at several",
       K::String,
       {},
       {},
       {}},
      {"derived_from",
       "-",
       "the shared published.toml figure a project figure transcribes, if any",
       K::String,
       {},
       {},
       {}},
      {"quantity", "-", "what was measured, as the figure states it", K::String, {}, {}, {}},
      {"model", "see unit", "the model's value (NaN when not computable)", K::Float, {}, {}, {}},
      {"low", "see unit", "lower end of the accepted band (NaN when not computable)", K::Float, {}, {}, {}},
      {"high", "see unit", "upper end of the accepted band (NaN when not computable)", K::Float, {}, {}, {}},
      {"published", "-", "published value or range", K::String, {}, {}, {}},
      {"tolerance", "-", "tolerance as the figure states it", K::String, {}, {}, {}},
      {"unit", "-", "unit of model, low and high", K::String, {}, {}, {}},
      {"verdict",
       "-",
       "pass, FAIL, fail (known), pass (was a known failure), circular or not computable",
       K::String,
       {},
       {},
       {}},
      {"source", "-", "first author and year of the figure's source", K::String, {}, {}, {}},
      {"why", "-", "what the model does for this check and why it agrees or not", K::String, {}, {}, {}}};
  const double nan = std::nan("");
  for (const CheckResult& r : results) {
    const bool computed = r.verdict != Verdict::NotComputable;
    c[0].strings.push_back(r.id);
    c[1].strings.push_back(r.derived_from);
    c[2].strings.push_back(r.quantity);
    c[3].floats.push_back(r.model_value);
    c[4].floats.push_back(computed ? r.band.low : nan);
    c[5].floats.push_back(computed ? r.band.high : nan);
    c[6].strings.push_back(r.published);
    c[7].strings.push_back(r.tolerance);
    c[8].strings.push_back(r.unit);
    c[9].strings.push_back(verdictName(r.verdict));
    c[10].strings.push_back(r.source);
    c[11].strings.push_back(r.why);
  }
  return c;
}

}  // namespace spineload
