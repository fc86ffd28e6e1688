// One scenario's summary metrics over its steady window (docs/summaries.md): per level and load component
// the peak, mean, RMS, impulse per stride and loading rate; cumulative compression and fatigue damage per
// kilometre; muscle effort and left/right asymmetry per group; reserve usage; stability; abdominal pressure;
// segment accelerations and the shock attenuation between the pelvis and the spine and head.
// These become one row of /summary (engine/io/summary_table.hpp).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "engine/metrics/fatigue_damage.hpp"
#include "engine/metrics/signal_stats.hpp"
#include "engine/run/run_result.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {

/// One named value of a summary row; the value is a number (NaN when undefined), a count or text.
struct SummaryField {
  std::string name, units, description;
  std::variant<double, long long, std::string> value;
};
using SummaryRow = std::vector<SummaryField>;

/// The samples the summaries use: running, the whole strides after the dropped ones (right touchdown at
/// every boundary); otherwise the second half of the run as one window without cycles.
struct SteadyWindow {
  std::size_t begin = 0, end = 0;  ///< sample indices [begin, end)
  CycleBounds bounds;              ///< stride boundaries (running) or {begin, end}
  long long strides = 0;           ///< whole strides in the window (0 when not running)
  double start_s = 0.0, end_s = 0.0;
};

SteadyWindow steadyWindow(const RunResult& result, double sample_dt_s, int drop_strides);

/// The shock attenuation spectra: 10 log10(PSD_body / PSD_pelvis) of the vertical accelerations.
struct ShockTransfer {
  std::vector<double> frequency_hz;
  std::vector<std::string> bodies;               ///< the bodies above the pelvis
  std::vector<std::vector<double>> transfer_db;  ///< per body, per frequency
};

struct ScenarioSummary {
  SteadyWindow window;
  SummaryRow metrics;
  ShockTransfer shock;  ///< empty unless running with at least one steady stride
};

ScenarioSummary summarizeRun(const ScenarioSpec& spec, const RunResult& result, const TissueFatigue& fatigue);

/// The impact band over which the transfer is averaged into one attenuation figure [Hz]: 10-20 Hz as in
/// Mercer et al. 2002 (Shorten & Winslow 1992 use 12-20 Hz; docs/research/shock.md).
constexpr double kImpactBandLowHz = 10.0, kImpactBandHighHz = 20.0;
/// The transfer spectra span 0-30 Hz, the range running accelerometry reports (docs/research/shock.md), in
/// steps of this [Hz] (model choice: finer than a stride's 1.4 Hz resolution, as zero padding would give).
constexpr double kShockFrequencyStepHz = 0.5, kShockFrequencyMaxHz = 30.0;

}  // namespace spineload
