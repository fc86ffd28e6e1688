// Published figures (checks and inputs, with sources) from ../shared/validation/published.toml and the
// project's own validation/*.toml: one [[figure]] per entry with id, kind, quantity, value / range,
// tolerance, unit, source, status. Read at run time, so checks are written against the file, not copies.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace spineload {

struct PublishedFigure {
  std::string id, kind, quantity, unit, source, status, conditions;
  std::string derived_from;  ///< a project figure transcribed from this shared figure's sentence, if any
  std::string file;          ///< the file it was read from
  std::optional<double> value, sd, tolerance;  ///< tolerance when it is a number
  std::string tolerance_text;                  ///< tolerance when it is a sentence
  std::optional<double> range_min, range_max;

  /// [lo, hi] the check accepts: value ± tolerance, or the range. Throws if the figure has neither.
  double acceptLow() const;
  double acceptHigh() const;
};

/// Reads every [[figure]] of a file. Throws std::runtime_error naming the file (and line) when it cannot
/// be read or an entry lacks an id.
std::vector<PublishedFigure> readPublishedFigures(const std::string& path);

/// The figure with this id; throws std::out_of_range naming the id and the file(s) searched.
const PublishedFigure& findFigure(const std::vector<PublishedFigure>& figures, const std::string& id);

}  // namespace spineload
