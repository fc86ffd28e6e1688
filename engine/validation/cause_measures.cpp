#include "engine/validation/cause_measures.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <stdexcept>

#include "engine/validation/muscle_measures.hpp"

namespace spineload {

namespace {

constexpr double kSettle_s = 1.0;  // as muscle_measures.cpp: the start transient of a run

// The levels of a run from `first` to `last` (inclusive), top first, in the run's order.
std::vector<const LevelSeries*> levelsBetween(const RunResult& r, const std::string& first,
                                              const std::string& last) {
  std::vector<const LevelSeries*> out;
  bool in = false;
  for (const LevelSeries& l : r.levels) {
    if (l.level == first) in = true;
    if (in) out.push_back(&l);
    if (l.level == last) {
      if (!in) break;
      return out;
    }
  }
  throw std::out_of_range("the run has no levels " + first + " to " + last);
}

// The mean over levels `first` to `last` of each level's steady mean of `series`.
double meanOverLevels(const RunResult& r, const std::string& first, const std::string& last,
                      std::vector<double> LevelSeries::*series) {
  const std::vector<const LevelSeries*> ls = levelsBetween(r, first, last);
  double sum = 0.0;
  for (const LevelSeries* l : ls) sum += steadyMean(r, (*l).*series);
  return sum / static_cast<double>(ls.size());
}

// The steady mean of the summed tendon force of the back extensors (erector spinae and multifidus).
double extensorForceN(const RunResult& r) {
  static const std::array<const char*, 4> kGroups{"longissimus", "iliocostalis", "spinalis", "multifidus"};
  const std::size_t n = r.time_s.size(), m = r.muscle_groups.size();
  if (m == 0) throw std::invalid_argument("the run has no muscles");
  std::vector<double> sum(n, 0.0);
  for (std::size_t i = 0; i < m; ++i) {
    if (std::find(kGroups.begin(), kGroups.end(), r.muscle_groups[i]) == kGroups.end()) continue;
    for (std::size_t k = 0; k < n; ++k) sum[k] += r.muscle_force_n[k * m + i];
  }
  return steadyMean(r, sum);
}

}  // namespace

std::string standingPostureText(const std::string& posture_line) {
  std::ostringstream s;  // a stream: GCC 12's false -Wrestrict on chains of string + literal
  s << standingText() << "[posture]\n" << posture_line << "\n";
  return s.str();
}

std::string standingKyphosisT1T12Text(double t1_t12_cobb_deg) {
  std::ostringstream line;
  line << "thoracic_kyphosis_deg = " << kT4T12PerT1T12 * t1_t12_cobb_deg;
  return standingPostureText(line.str());
}

std::string standingScoliosisText(double cobb_deg) {
  std::ostringstream line;
  line << "scoliosis_cobb_deg = " << cobb_deg << "\nscoliosis_apex = \"T9\"\nscoliosis_side = \"right\"";
  return standingPostureText(line.str());
}

double steadyMean(const RunResult& r, const std::vector<double>& series) {
  const std::vector<double>& t = r.time_s;
  if (t.empty() || series.size() != t.size()) throw std::invalid_argument("steadyMean: no series");
  const double from = std::min(kSettle_s, 0.2 * t.back());
  double sum = 0.0;
  int n = 0;
  for (std::size_t k = 0; k < series.size(); ++k)
    if (t[k] >= from) sum += series[k], ++n;
  return n ? sum / n : 0.0;
}

double meanCompressionN(const SimulatedRun& run, const std::string& level) {
  return steadyMean(run.result, levelOf(run.result, level).compression_n);
}

double compressionRiseN(const SimulatedRun& base, const SimulatedRun& kyphotic, const std::string& level) {
  return meanCompressionN(kyphotic, level) - meanCompressionN(base, level);
}

double kyphosisCompressionRisesHeld(const SimulatedRun& base, const SimulatedRun& kyphotic) {
  const std::vector<const LevelSeries*> ls = levelsBetween(base.result, "T1_T2", "L5_S1");
  int held = 0;
  for (const LevelSeries* l : ls)
    if (compressionRiseN(base, kyphotic, l->level) > 0.0) ++held;
  return static_cast<double>(held) / static_cast<double>(ls.size());
}

double kyphosisRiseOrderingHeld(const SimulatedRun& base, const SimulatedRun& kyphotic) {
  const double mid_thoracic = compressionRiseN(base, kyphotic, "T7_T8");
  int held = 0;
  const std::array<const char*, 3> lower{"T12_L1", "L1_L2", "L3_L4"};
  for (const char* level : lower)
    if (compressionRiseN(base, kyphotic, level) > mid_thoracic) ++held;
  return static_cast<double>(held) / static_cast<double>(lower.size());
}

double apicalCompressionChangePercent(const SimulatedRun& straight, const SimulatedRun& scoliotic) {
  auto apical = [](const SimulatedRun& r) {
    return 0.5 * (meanCompressionN(r, "T8_T9") + meanCompressionN(r, "T9_T10"));
  };
  return changePercent(apical(straight), apical(scoliotic));
}

double kyphosisLoadDirectionsHeld(const SimulatedRun& base, const SimulatedRun& kyphotic) {
  int held = 0;
  for (std::vector<double> LevelSeries::*q :
       {&LevelSeries::net_moment_fe_nm, &LevelSeries::compression_n, &LevelSeries::shear_ap_n})
    if (meanOverLevels(kyphotic.result, "T2_T3", "L5_S1", q) >
        meanOverLevels(base.result, "T2_T3", "L5_S1", q))
      ++held;
  if (extensorForceN(kyphotic.result) > extensorForceN(base.result)) ++held;
  return held / 4.0;
}

double peakVerticalGrfChangePercent(const SimulatedRun& base, const SimulatedRun& weak) {
  auto peak = [](const RunResult& r) {
    if (r.grf_vertical_n.size() != r.time_s.size()) throw std::invalid_argument("the run has no GRF");
    double p = 0.0;
    for (std::size_t k = 0; k < r.time_s.size(); ++k)
      if (r.time_s[k] >= kSettle_s) p = std::max(p, r.grf_vertical_n[k]);
    if (p <= 0.0) throw std::invalid_argument("the run ends before its steady strides");
    return p;
  };
  return changePercent(peak(base.result), peak(weak.result));
}

}  // namespace spineload
