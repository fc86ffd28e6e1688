// The checks of `spineload validate` (docs/validation.md): a registry that pairs each published figure
// (read at run time from ../shared/validation/published.toml and validation/*.toml) with the engine
// computation that gives the model's value, and says what to expect of it: agreement, a known failure on a
// stated side, circularity (the figure is an input of the model), or not computable yet, each with why.
#pragma once

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "engine/validation/published_figures.hpp"
#include "engine/validation/validation_band.hpp"
#include "engine/validation/validation_runs.hpp"

namespace spineload {

struct CheckSpec {
  std::string figure_id;
  std::string condition;  ///< e.g. "3.33m/s" when one figure is checked at several conditions; else ""
  Expectation expect = Expectation::Agrees;
  BandRule band = BandRule::Figure;
  std::string why;                ///< what the model does here and, for a failure, why (docs/validation.md)
  std::vector<std::string> runs;  ///< the scenario texts it reads from ValidationRuns (run in parallel first)
  std::function<double(ValidationRuns&)> model_value;  ///< in the figure's unit; empty if not computable

  /// figure_id, or figure_id@condition: the row's id and its test's name.
  std::string id() const { return condition.empty() ? figure_id : figure_id + "@" + condition; }
};

/// Every check, in the order of the table.
std::vector<CheckSpec> validationChecks();

struct CheckResult {
  std::string id, figure_id, derived_from, quantity, unit, source, published, tolerance, why;
  double model_value = std::numeric_limits<double>::quiet_NaN();
  Band band;
  Verdict verdict = Verdict::NotComputable;
};

/// Runs one check against its figure. Throws std::out_of_range when the figure is not among `figures`,
/// std::runtime_error when the figure lacks what the band needs.
CheckResult evaluateCheck(const CheckSpec& check, const std::vector<PublishedFigure>& figures,
                          ValidationRuns& runs);

/// Every check whose figure is loaded and whose id contains `filter` (all when empty), in registry order,
/// followed by a "not computable" row for each loaded kind = "check" figure no check covers (directly or
/// through a figure derived from it). Runs the checks' simulations in parallel first.
std::vector<CheckResult> runChecks(const std::vector<CheckSpec>& checks,
                                   const std::vector<PublishedFigure>& figures, const std::string& filter,
                                   ValidationRuns& runs);

/// The ids of the loaded kind = "check" figures no check covers (directly or through a derived figure).
std::vector<std::string> uncoveredFigures(const std::vector<CheckSpec>& checks,
                                          const std::vector<PublishedFigure>& figures);

/// The first author and year of a source, e.g. "Wilke 1999" (for the table's source column).
std::string sourceShort(const std::string& source);

}  // namespace spineload
