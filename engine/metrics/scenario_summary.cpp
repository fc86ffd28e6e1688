#include "engine/metrics/scenario_summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/metrics/muscle_regions.hpp"

namespace spineload {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct RowBuilder {
  SummaryRow& row;
  void add(std::string name, std::string units, std::string description, double value) {
    row.push_back({std::move(name), std::move(units), std::move(description), value});
  }
};

struct Component {
  const char* name;
  const char* units;
  std::vector<double> LevelSeries::*series;
  const char* what;
};

constexpr Component kComponents[] = {
    {"compression", "N", &LevelSeries::compression_n, "compression (+ pushes the vertebrae together)"},
    {"shear_ap", "N", &LevelSeries::shear_ap_n, "anterior-posterior shear (+ anterior)"},
    {"shear_ml", "N", &LevelSeries::shear_ml_n, "medio-lateral shear (+ to the left)"},
    {"moment_fe", "N m", &LevelSeries::moment_fe_nm, "flexion-extension moment on the joint (+ flexion)"},
    {"moment_lb", "N m", &LevelSeries::moment_lb_nm, "lateral bending moment on the joint (+ right)"},
    {"moment_ax", "N m", &LevelSeries::moment_ax_nm, "axial moment on the joint (+ left)"},
    {"idp", "MPa", &LevelSeries::idp_mpa, "intradiscal pressure estimate"},
};

// Peak, mean, RMS, and per stride the impulse and the loading rate, of one series over the window.
void addSeriesStats(RowBuilder& b, const std::string& prefix, const std::string& units,
                    const std::string& what, std::span<const double> x, const SteadyWindow& w, double dt_s) {
  const bool cycles = w.strides > 0;
  b.add(prefix + ".peak", units, what + ": sample of largest magnitude, with its sign",
        signedPeak(x, w.begin, w.end));
  b.add(prefix + ".mean", units, what + ": mean", mean(x, w.begin, w.end));
  b.add(prefix + ".rms", units, what + ": root mean square", rms(x, w.begin, w.end));
  b.add(prefix + ".impulse", units + " s", what + ": time integral per stride",
        cycles ? impulsePerCycle(x, dt_s, w.bounds) : kNaN);
  b.add(prefix + ".loading_rate", units + "/s", what + ": largest rate of rise of its magnitude per stride",
        cycles ? loadingRate(x, dt_s, w.bounds) : kNaN);
}

// Strides per kilometre at the scenario's speed (NaN when not running).
double stridesPerKm(const ScenarioSpec& spec, const RunResult& r) {
  if (r.stride_period_s <= 0.0 || spec.gait.speed_m_s <= 0.0) return kNaN;
  return 1000.0 / (spec.gait.speed_m_s * r.stride_period_s);
}

// The intersegmental moments (muscles + joint) that published inverse-dynamics studies report.
void addNetMoments(RowBuilder& b, const LevelSeries& s, const SteadyWindow& w) {
  const std::pair<const char*, const std::vector<double>*> moments[] = {
      {"fe", &s.net_moment_fe_nm}, {"lb", &s.net_moment_lb_nm}, {"ax", &s.net_moment_ax_nm}};
  for (const auto& [axis, x] : moments) {
    const std::string name = s.level + ".net_moment_" + axis;
    const std::string what = s.level + " net (intersegmental) moment, muscles + joint";
    b.add(name + ".peak", "N m", what + ": sample of largest magnitude",
          x->empty() ? kNaN : signedPeak(*x, w.begin, w.end));
    b.add(name + ".mean", "N m", what + ": mean", x->empty() ? kNaN : mean(*x, w.begin, w.end));
  }
}

// Right steps (first half of each stride: the right foot lands at the stride's start) against left steps.
double stepAsymmetry(std::span<const double> x, const CycleBounds& bounds) {
  const std::vector<double> peaks = halfCyclePeaks(x, bounds);
  double right = 0.0, left = 0.0;
  for (std::size_t k = 0; k < peaks.size(); ++k) (k % 2 == 0 ? right : left) += peaks[k];
  return asymmetryIndexPercent(right, left);
}

void addLevels(RowBuilder& b, const ScenarioSpec& spec, const RunResult& r, const SteadyWindow& w,
               double dt_s, const TissueFatigue& fatigue) {
  const double per_km = stridesPerKm(spec, r);
  for (const LevelSeries& s : r.levels) {
    for (const Component& c : kComponents)
      addSeriesStats(b, s.level + "." + c.name, c.units, s.level + " " + c.what, s.*c.series, w, dt_s);
    const double impulse = w.strides > 0 ? impulsePerCycle(s.compression_n, dt_s, w.bounds) : kNaN;
    b.add(s.level + ".compression.cumulative_per_km", "N s/km",
          s.level + " compression impulse per kilometre run (impulse per stride x strides per km)",
          impulse * per_km);
    double damage = kNaN;
    if (const auto ucs = fatigue.ucs_n.find(s.level); ucs != fatigue.ucs_n.end() && w.strides > 0) {
      const std::vector<double> peaks = halfCyclePeaks(s.compression_n, w.bounds);
      damage = minerDamage(fatigue.sn, peaks, ucs->second) / static_cast<double>(w.strides) * per_km;
    }
    b.add(s.level + ".fatigue_damage_per_km", "1/km",
          s.level +
              " Palmgren-Miner fatigue damage per kilometre, one compression cycle per step "
              "(engine/data/tissue_fatigue.toml)",
          damage);
    double share = kNaN;
    if (!s.muscle_moment_fe_nm.empty()) {
      double muscle = 0.0, joint = 0.0;
      for (std::size_t i = w.begin; i < w.end; ++i) {
        muscle += std::abs(s.muscle_moment_fe_nm[i]);
        joint += std::abs(s.moment_fe_nm[i]);
      }
      share = muscle + joint > 0.0 ? muscle / (muscle + joint) : kNaN;
    }
    b.add(s.level + ".muscle_share_fe", "1",
          s.level + " share of the flexion-extension moment carried by the muscles (the rest by the joint)",
          share);
    b.add(s.level + ".muscle_compression.mean", "N",
          s.level + " compression added by the muscles crossing the level: mean",
          s.muscle_compression_n.empty() ? kNaN : mean(s.muscle_compression_n, w.begin, w.end));
    addNetMoments(b, s, w);
    b.add(s.level + ".compression.step_asymmetry", "%",
          s.level + " peak compression of right steps against left steps, 100 (R - L) / ((R + L) / 2)",
          w.strides > 0 ? stepAsymmetry(s.compression_n, w.bounds) : kNaN);
  }
}

// A set of fascicles (a group or a region): mean activation (over time and fascicles), mean and peak of
// the summed force, and the left/right asymmetry of the mean force and of the activation.
void addMuscleSet(RowBuilder& b, const RunResult& r, const SteadyWindow& w, const std::string& prefix,
                  const std::string& what, const std::vector<bool>& member) {
  const std::size_t m = r.muscle_names.size();
  double activation = 0.0, activation_r = 0.0, activation_l = 0.0, force_r = 0.0, force_l = 0.0, peak = 0.0;
  std::size_t count = 0;
  for (std::size_t i = w.begin; i < w.end; ++i) {
    double sum = 0.0;
    for (std::size_t j = 0; j < m; ++j) {
      if (!member[j]) continue;
      const double a = r.muscle_activation[i * m + j];
      activation += a;
      (r.muscle_sides[j] == 'r' ? activation_r : activation_l) += a;
      ++count;
      const double f = r.muscle_force_n[i * m + j];
      sum += f;
      (r.muscle_sides[j] == 'r' ? force_r : force_l) += f;
    }
    peak = std::max(peak, sum);
  }
  const double samples = static_cast<double>(w.end - w.begin);
  const bool any = count > 0;
  b.add(prefix + ".activation.mean", "1", what + ": mean activation over its fascicles, both sides",
        any ? activation / static_cast<double>(count) : kNaN);
  b.add(prefix + ".force.mean", "N", what + ": mean of the summed force of its fascicles, both sides",
        any ? (force_r + force_l) / samples : kNaN);
  b.add(prefix + ".force.peak", "N", what + ": peak of the summed force, both sides", any ? peak : kNaN);
  b.add(prefix + ".asymmetry", "%",
        what + ": left/right asymmetry of the mean force, 100 (R - L) / ((R + L) / 2) (Robinson et al. 1987)",
        any ? asymmetryIndexPercent(force_r, force_l) : kNaN);
  b.add(prefix + ".force_difference", "N",
        what + ": right minus left mean force (the index's size in newtons)",
        any ? (force_r - force_l) / samples : kNaN);
  b.add(prefix + ".activation_asymmetry", "%", what + ": left/right asymmetry of the summed activation",
        any ? asymmetryIndexPercent(activation_r, activation_l) : kNaN);
}

// Every muscle group in catalogue order, then the regions (engine/metrics/muscle_regions.hpp).
void addMuscleGroups(RowBuilder& b, const RunResult& r, const SteadyWindow& w) {
  const std::size_t m = r.muscle_names.size();
  std::vector<std::string> groups;
  for (const std::string& g : r.muscle_groups)
    if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
  std::vector<bool> member(m);
  for (const std::string& g : groups) {
    for (std::size_t j = 0; j < m; ++j) member[j] = r.muscle_groups[j] == g;
    addMuscleSet(b, r, w, "muscles." + g, g, member);
  }
  if (m == 0) return;  // joint-torque runs: no regions (the groups above are absent too)
  for (const MuscleRegion& region : muscleRegions()) {
    for (std::size_t j = 0; j < m; ++j)
      member[j] = inMuscleRegion(region.name, r.muscle_names[j], r.muscle_groups[j]);
    addMuscleSet(b, r, w, "regions." + region.name, region.name, member);
  }
}

void addControl(RowBuilder& b, const RunResult& r, const SteadyWindow& w) {
  const bool muscles = !r.reserve_rms_nm.empty();
  b.add("control.reserve_rms.mean", "N m", "mean RMS of the reserve torques",
        muscles ? mean(r.reserve_rms_nm, w.begin, w.end) : kNaN);
  b.add("control.reserve_max.peak", "N m", "largest reserve torque",
        muscles ? maximum(r.reserve_max_nm, w.begin, w.end) : kNaN);
  std::size_t s0 = 0, s1 = 0;
  while (s0 < r.stability_time_s.size() && r.stability_time_s[s0] < w.start_s) ++s0;
  s1 = s0;
  while (s1 < r.stability_time_s.size() && r.stability_time_s[s1] < w.end_s) ++s1;
  b.add("stability.min", "N m/rad", "smallest stability eigenvalue in the window (< 0: a mode would buckle)",
        minimum(r.stability_nm_per_rad, s0, s1));
  b.add("stability.mean", "N m/rad", "mean stability eigenvalue", mean(r.stability_nm_per_rad, s0, s1));
  b.add("abdominal_pressure.mean", "Pa", "mean intra-abdominal pressure",
        muscles ? mean(r.abdominal_pressure_pa, w.begin, w.end) : kNaN);
  b.add("abdominal_pressure.peak", "Pa", "peak intra-abdominal pressure",
        muscles ? maximum(r.abdominal_pressure_pa, w.begin, w.end) : kNaN);
}

std::vector<double> column(const std::vector<double>& rows3, std::size_t c) {
  std::vector<double> out(rows3.size() / 3);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = rows3[3 * i + c];
  return out;
}

// Peak resultant acceleration per body; the vertical transfer from the pelvis to each body above it, as
// running accelerometry reports shock attenuation (docs/research/shock.md).
void addAccelerations(RowBuilder& b, const RunResult& r, const SteadyWindow& w, double dt_s,
                      ShockTransfer& shock) {
  for (const AccelerationSeries& a : r.accelerations) {
    double peak = kNaN;
    for (std::size_t i = w.begin; i < w.end; ++i) {
      const double n = std::hypot(a.m_s2[3 * i], a.m_s2[3 * i + 1], a.m_s2[3 * i + 2]);
      if (std::isnan(peak) || n > peak) peak = n;
    }
    b.add("accelerations." + a.name + ".peak", "m/s^2",
          a.name + " centre of mass: peak resultant acceleration (gravity not included)", peak);
    b.add("accelerations." + a.name + ".step_asymmetry", "%",
          a.name +
              ": peak vertical acceleration of right steps against left steps, 100 (R - L) / ((R + L) / 2)",
          w.strides > 0 ? stepAsymmetry(column(a.m_s2, 2), w.bounds) : kNaN);
  }
  if (r.accelerations.empty() || r.accelerations.front().name != "pelvis") return;
  const bool cycles = w.strides > 0;
  for (double f = 0.0; f <= kShockFrequencyMaxHz + 1e-9; f += kShockFrequencyStepHz)
    shock.frequency_hz.push_back(f);
  const AccelerationSeries& pelvis = r.accelerations.front();
  const std::vector<double> psd_pelvis =
      cyclePowerSpectrum(pelvis.m_s2, 3, 2, dt_s, w.bounds, shock.frequency_hz);
  const std::vector<double> pelvis_z = column(pelvis.m_s2, 2);
  const std::vector<double> pelvis_peaks = halfCyclePeaks(pelvis_z, w.bounds);
  for (std::size_t k = 1; k < r.accelerations.size(); ++k) {
    const AccelerationSeries& a = r.accelerations[k];
    const std::vector<double> psd = cyclePowerSpectrum(a.m_s2, 3, 2, dt_s, w.bounds, shock.frequency_hz);
    std::vector<double> transfer(psd.size());
    double band = 0.0;
    int band_bins = 0;
    for (std::size_t j = 0; j < psd.size(); ++j) {
      transfer[j] = 10.0 * std::log10(psd[j] / psd_pelvis[j]);
      const double f = shock.frequency_hz[j];
      if (f >= kImpactBandLowHz - 1e-9 && f <= kImpactBandHighHz + 1e-9) band += transfer[j], ++band_bins;
    }
    const std::vector<double> peaks = halfCyclePeaks(column(a.m_s2, 2), w.bounds);
    double body_peak = 0.0, base_peak = 0.0;
    for (std::size_t j = 0; j < peaks.size(); ++j) body_peak += peaks[j], base_peak += pelvis_peaks[j];
    b.add("shock." + a.name + ".attenuation_db", "dB",
          a.name +
              ": mean vertical transfer from the pelvis over the impact band, 10 log10(PSD ratio); < 0 "
              "attenuates",
          cycles ? band / band_bins : kNaN);
    b.add("shock." + a.name + ".peak_attenuation_percent", "%",
          a.name + ": 100 (1 - mean step peak of vertical acceleration / the pelvis's)",
          cycles && base_peak != 0.0 ? 100.0 * (1.0 - body_peak / base_peak) : kNaN);
    if (cycles) {
      shock.bodies.push_back(a.name);
      shock.transfer_db.push_back(std::move(transfer));
    }
  }
  if (!cycles) shock.frequency_hz.clear();
}

}  // namespace

SteadyWindow steadyWindow(const RunResult& r, double sample_dt_s, int drop_strides) {
  SteadyWindow w;
  const std::size_t n = r.time_s.size();
  if (n < 2) return w;
  if (r.stride_period_s > 0.0) {
    const auto index = [&](long long k) {
      return static_cast<std::size_t>(std::llround(static_cast<double>(k) * r.stride_period_s / sample_dt_s));
    };
    for (long long k = drop_strides; index(k) <= n - 1; ++k) w.bounds.push_back(index(k));
    if (w.bounds.size() < 2) w.bounds.clear();
    w.strides = w.bounds.empty() ? 0 : static_cast<long long>(w.bounds.size()) - 1;
    w.begin = w.bounds.empty() ? 0 : w.bounds.front();
    w.end = w.bounds.empty() ? 0 : w.bounds.back();
  } else {
    w.begin = n / 2;
    w.end = n;
    w.bounds = {w.begin, w.end};
  }
  w.start_s = r.time_s[std::min(w.begin, n - 1)];
  w.end_s = w.end < n ? r.time_s[w.end] : r.time_s.back() + sample_dt_s;
  return w;
}

ScenarioSummary summarizeRun(const ScenarioSpec& spec, const RunResult& r, const TissueFatigue& fatigue) {
  ScenarioSummary s;
  const double dt_s = spec.simulation.dt_s * spec.simulation.output_every_steps;
  s.window = steadyWindow(r, dt_s, spec.simulation.drop_strides);
  RowBuilder b{s.metrics};
  s.metrics.push_back({"strides_used", "1", "whole strides in the steady window", s.window.strides});
  b.add("stride_period_s", "s",
        "the stride's period (NaN when not running or when a motion file drives the pelvis)",
        r.stride_period_s > 0.0 ? r.stride_period_s : kNaN);
  b.add("strides_per_km", "1/km",
        "strides per kilometre at the scenario's speed: the factor of the per-km figures",
        stridesPerKm(spec, r));
  addLevels(b, spec, r, s.window, dt_s, fatigue);
  addMuscleGroups(b, r, s.window);
  addControl(b, r, s.window);
  addAccelerations(b, r, s.window, dt_s, s.shock);
  return s;
}

}  // namespace spineload
