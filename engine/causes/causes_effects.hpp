// The arithmetic of the causes study's effects: one metric's change between two scenarios of a study's
// /summary, and the effect sizes the ranking, the dose-response and the interactions are built from.
#pragma once

#include <string>

#include "engine/causes/causes_table.hpp"

namespace spineload {

struct MetricChange {
  double baseline, value;  ///< absolute values when the metric is a magnitude
  double change;           ///< value - baseline, in the metric's unit
  double change_percent;   ///< 100 change / |baseline|; NaN when the baseline is 0 or not finite
  double effect;           ///< what the verdict reads: change_percent, or change for percentage points
};

MetricChange metricChange(const SummaryLookup& summary, const std::string& baseline_id,
                          const std::string& scenario_id, const std::string& column, const OutcomeMetric& m);

struct LevelChange {
  double percent;     ///< signed, NaN when no level has a value
  std::string level;  ///< "" then
};

/// The largest change in % of <level>.<metric> over causeLevels(), against the study's baseline.
LevelChange largestLevelChange(const SummaryLookup& summary, const std::string& scenario_id,
                               const std::string& metric);

}  // namespace spineload
