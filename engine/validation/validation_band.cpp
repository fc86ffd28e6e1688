#include "engine/validation/validation_band.hpp"

#include <cmath>
#include <regex>
#include <stdexcept>

namespace spineload {

namespace {

std::runtime_error bandError(const PublishedFigure& f, const std::string& what) {
  return std::runtime_error("figure " + f.id + " (" + f.file + "): " + what);
}

}  // namespace

std::optional<double> percentInText(const std::string& text) {
  static const std::regex kPercent(R"(([0-9]+(\.[0-9]+)?)\s*%)");
  std::smatch m;
  if (!std::regex_search(text, m, kPercent)) return std::nullopt;
  return std::stod(m[1].str());
}

Band bandOf(const PublishedFigure& f, BandRule rule) {
  switch (rule) {
    case BandRule::Figure:
      return {f.acceptLow(), f.acceptHigh()};
    case BandRule::RangeEnd:
      if (!f.range_max || !f.tolerance) throw bandError(f, "needs a range and a numeric tolerance");
      return {*f.range_max - *f.tolerance, *f.range_max + *f.tolerance};
    case BandRule::PercentDeviation: {
      const std::optional<double> p = percentInText(f.tolerance_text);
      if (!p) throw bandError(f, "needs a tolerance text with a percentage, e.g. \"20 %\"");
      return {-*p, *p};
    }
    case BandRule::AllDirections:
      return {1.0, 1.0};
  }
  throw bandError(f, "unknown band rule");
}

Verdict judge(double value, const Band& band, Expectation expect) {
  if (expect == Expectation::NotComputable) return Verdict::NotComputable;
  if (!std::isfinite(value)) return Verdict::Fail;  // the model gave no number where one was expected
  const bool inside = band.contains(value);
  switch (expect) {
    case Expectation::Agrees:
      return inside ? Verdict::Pass : Verdict::Fail;
    case Expectation::Circular:  // outside its own input's band: the code no longer reproduces the input
      return inside ? Verdict::Circular : Verdict::Fail;
    case Expectation::FailsLow:
      return inside ? Verdict::UnexpectedPass : value < band.low ? Verdict::ExpectedFailure : Verdict::Fail;
    case Expectation::FailsHigh:
      return inside ? Verdict::UnexpectedPass : value > band.high ? Verdict::ExpectedFailure : Verdict::Fail;
    case Expectation::NotComputable:
      break;
  }
  return Verdict::NotComputable;
}

const char* verdictName(Verdict v) {
  switch (v) {
    case Verdict::Pass:
      return "pass";
    case Verdict::Fail:
      return "FAIL";
    case Verdict::ExpectedFailure:
      return "fail (known)";
    case Verdict::UnexpectedPass:
      return "pass (was a known failure)";
    case Verdict::Circular:
      return "circular";
    case Verdict::NotComputable:
      return "not computable";
  }
  return "?";
}

bool countsAsFailure(Verdict v) {
  return v == Verdict::Fail || v == Verdict::ExpectedFailure;
}

}  // namespace spineload
