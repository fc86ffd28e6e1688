// The band a check accepts and the verdict on a model value (docs/validation.md). The band comes from the
// figure (value ± tolerance, or its range), never from the code; what the check expects of the model
// (agreement, a documented failure on one side, circularity) comes from the registry.
#pragma once

#include <optional>
#include <string>

#include "engine/validation/published_figures.hpp"

namespace spineload {

/// What the registry expects of a check.
enum class Expectation {
  Agrees,         ///< the model value lies in the band
  FailsLow,       ///< a known failure: the value lies below the band (strict: inside is news)
  FailsHigh,      ///< a known failure: the value lies above the band
  Circular,       ///< the published value is an input of the model: agreement tests the code only
  NotComputable,  ///< the model cannot compute it yet (the registry says why)
};

enum class Verdict {
  Pass,
  Fail,             ///< outside the band where agreement was expected, or on the undocumented side
  ExpectedFailure,  ///< outside the band on the documented side
  UnexpectedPass,   ///< a known failure now agrees: the registry and docs/validation.md need updating
  Circular,         ///< a circular check inside its band
  NotComputable,
};

/// How the band is read from the figure.
enum class BandRule {
  Figure,            ///< value ± tolerance, or the range
  RangeEnd,          ///< the range's upper end ± tolerance (a figure that spans a start and an end)
  PercentDeviation,  ///< ± the first "<n> %" of the tolerance text, for a deviation in % from the source
  AllDirections,     ///< a sign figure: the fraction of its stated directions reproduced must be 1
};

struct Band {
  double low = 0.0, high = 0.0;
  bool contains(double value) const { return value >= low && value <= high; }
};

/// The band of `figure` under `rule`. Throws std::runtime_error naming the figure when it lacks what the
/// rule needs (a figure without value and range, a text tolerance without a percentage).
Band bandOf(const PublishedFigure& figure, BandRule rule);

/// The first "<number> %" of a text tolerance, e.g. 20 for "within the stated band, or 20 % of the value".
std::optional<double> percentInText(const std::string& text);

/// The verdict on `value` (NaN when the model gave none) against `band`.
Verdict judge(double value, const Band& band, Expectation expect);

/// "pass", "FAIL", "expected failure", ... as printed in the table.
const char* verdictName(Verdict verdict);

/// Whether a verdict makes `spineload validate` exit 3: failures, expected or not (an honest exit status).
bool countsAsFailure(Verdict verdict);

}  // namespace spineload
