#include "engine/validation/muscle_measures.hpp"

#include <algorithm>
#include <stdexcept>

#include "engine/metrics/scenario_summary.hpp"
#include "engine/muscles/muscle_set.hpp"

namespace spineload {

namespace {

constexpr double kSettle_s = 1.0;  // the start transient of a running run (tests/trunk_muscles_support.hpp)

}  // namespace

std::string standingText() {
  return "[gait]\nmode = \"standing\"\n[simulation]\nduration_s = 0.5\n";
}

double meanL4L5CompressionN(const SimulatedRun& run) {
  const std::vector<double>& t = run.result.time_s;
  const std::vector<double>& c = levelOf(run.result, "L4_L5").compression_n;
  const double from = std::min(kSettle_s, 0.2 * t.back());
  double sum = 0.0;
  int n = 0;
  for (std::size_t k = 0; k < c.size(); ++k)
    if (t[k] >= from) sum += c[k], ++n;
  return n ? sum / n : 0.0;
}

std::string runningText() {
  return "[simulation]\nduration_s = 3.0\noutput_rate_hz = 500\n";
}

std::string weakCoreRunningText() {
  return runningText() + "[core]\nstrength = 0.5\n";
}

RaabeQuantities raabeQuantities(const SimulatedRun& run) {
  const RunResult& r = run.result;
  const MuscleSet& set = *run.trunk.muscles;
  const std::size_t n = r.time_s.size(), m = r.muscle_names.size();
  RaabeQuantities q;
  int samples = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (r.time_s[k] < kSettle_s) continue;
    ++samples;
    for (std::size_t i = 0; i < m; ++i) {
      const Muscle& mu = set.muscles[i];
      if ((mu.group == "longissimus" || mu.group == "iliocostalis") && !mu.deep_core)
        q.superficial_erector_mean_n += r.muscle_force_n[k * m + i];
    }
    for (const LevelSeries& l : r.levels) {
      const bool lumbar = l.level[0] == 'L', upper = l.level == "T12_L1" || l.level == "L1_L2",
                 lower = l.level == "L4_L5" || l.level == "L5_S1";
      if (lumbar) q.lumbar_anterior_shear_peak_n = std::max(q.lumbar_anterior_shear_peak_n, l.shear_ap_n[k]);
      if (upper)
        q.upper_lumbar_compression_peak_n = std::max(q.upper_lumbar_compression_peak_n, l.compression_n[k]);
      if (lower)
        q.lower_lumbar_compression_peak_n = std::max(q.lower_lumbar_compression_peak_n, l.compression_n[k]);
    }
  }
  if (samples == 0) throw std::invalid_argument("raabeQuantities: the run ends before its steady strides");
  q.superficial_erector_mean_n /= samples;
  return q;
}

double changePercent(double base, double weak) {
  return 100.0 * (weak - base) / base;
}

double pelvisToT12ShockDb(const SimulatedRun& run) {
  const ScenarioSummary s = summarizeRun(run.spec, run.result, readTissueFatigue());
  for (const SummaryField& f : s.metrics)
    if (f.name == "shock.T12.attenuation_db") return std::get<double>(f.value);
  throw std::invalid_argument("the run has no shock.T12.attenuation_db (not running, or no T12 body)");
}

}  // namespace spineload
