// Running whole scenarios with the muscles and reading group means from the result (tests only).
#pragma once

#include <algorithm>
#include <string>

#include "engine/muscles/muscle_set.hpp"
#include "engine/run/run_scenario.hpp"
#include "engine/scenario/parameter_table.hpp"
#include "engine/scenario/scenario_file.hpp"

namespace spineload::test {

/// Two seconds of running at the defaults; the means below skip the first second (the start transient).
inline const std::string kRunning = "[simulation]\nduration_s = 2.0\noutput_rate_hz = 250\n";
constexpr double kSettle_s = 1.0;

struct Outcome {
  TrunkModel trunk;
  RunResult r;

  /// Mean over the samples after kSettle_s (or after the first 20 % for short runs).
  double mean(const std::vector<double>& v, const std::vector<double>* time = nullptr) const {
    const std::vector<double>& t = time ? *time : r.time_s;
    const double from = std::min(kSettle_s, 0.2 * t.back());
    double sum = 0.0;
    int n = 0;
    for (std::size_t k = 0; k < v.size(); ++k)
      if (t[k] >= from) sum += v[k], ++n;
    return n ? sum / n : 0.0;
  }
  double meanLevel(const std::string& level, std::vector<double> LevelSeries::*series) const {
    for (const LevelSeries& s : r.levels)
      if (s.level == level) return mean(s.*series);
    ADD_FAILURE() << "no level " << level;
    return 0.0;
  }
  /// Per sample, the mean activation or the summed force of a group's fascicles.
  std::vector<double> groupSeries(const std::string& group, bool force) const {
    const MuscleSet& set = *trunk.muscles;
    const std::size_t m = set.muscles.size();
    std::vector<double> out(r.time_s.size(), 0.0);
    int members = 0;
    for (std::size_t i = 0; i < m; ++i) {
      if (set.muscles[i].group != group) continue;
      ++members;
      for (std::size_t k = 0; k < out.size(); ++k)
        out[k] += (force ? r.muscle_force_n : r.muscle_activation)[k * m + i];
    }
    EXPECT_GT(members, 0) << "no muscles in group " << group;
    if (!force && members > 0)
      for (double& x : out) x /= members;
    return out;
  }
  double meanActivation(const std::string& group) const { return mean(groupSeries(group, false)); }
  double meanForce(const std::string& group) const { return mean(groupSeries(group, true)); }
  /// The smallest activation of any deep-core fascicle over the run.
  double minDeepCoreActivation() const {
    const MuscleSet& set = *trunk.muscles;
    const std::size_t m = set.muscles.size();
    double lo = 1.0;
    for (std::size_t i = 0; i < m; ++i)
      if (set.muscles[i].deep_core)
        for (std::size_t k = 0; k < r.time_s.size(); ++k) lo = std::min(lo, r.muscle_activation[k * m + i]);
    return lo;
  }
};

inline Outcome simulate(const std::string& toml) {
  const ScenarioSpec s = toScenarioSpec(parseScenarioText(toml, "test.toml", loadParameterTable()));
  Outcome o{buildScenarioModel(s), {}};
  o.r = runScenario(s, o.trunk);
  return o;
}

inline double range(const std::vector<double>& v) {
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  return *hi - *lo;
}

}  // namespace spineload::test
