#include "engine/causes/causes_effects.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace spineload {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// In % of |baseline| (a negative baseline, e.g. the stability index, keeps the change's sign). A metric that
// is 0 and stays 0 has not changed; a change from 0 has no percentage.
double percentOf(double change, double baseline) {
  if (change == 0.0 && baseline == 0.0) return 0.0;
  return std::isfinite(baseline) && baseline != 0.0 ? 100.0 * change / std::abs(baseline) : kNaN;
}

// <level>.<metric> of a scenario in % of the baseline's.
double levelChangePercent(const SummaryLookup& s, const std::string& scenario_id, const std::string& level,
                          const std::string& metric) {
  const std::string column = level + "." + metric;
  const double b = s.value("baseline", column);
  return percentOf(s.value(scenario_id, column) - b, b);
}

// The scenario holding a set of factorial causes switched on: the baseline, the cause, or a combination.
std::string subsetId(const std::vector<std::string>& causes) {
  if (causes.empty()) return "baseline";
  if (causes.size() == 1) return causes[0];
  std::string id = "combo";
  for (std::size_t i = 0; i < causes.size(); ++i) id += (i ? "+" : "_") + causes[i];
  return id;
}

// One pair's rows for one metric column: effects alone and together with the others off, and the excess
// over additivity averaged over the 2^(k-2) on/off settings of the other factorial causes.
InteractionRow pairRow(const SummaryLookup& s, const std::vector<std::string>& f, std::size_t a,
                       std::size_t b, const std::string& level, const std::string& metric, double threshold) {
  const std::string column = level == "trunk" ? metric : level + "." + metric;
  auto y = [&](unsigned mask) {
    std::vector<std::string> on;
    for (std::size_t i = 0; i < f.size(); ++i)
      if (mask & (1u << i)) on.push_back(f[i]);
    return s.value(subsetId(on), column);
  };
  const unsigned ma = 1u << a, mb = 1u << b;
  const double y0 = y(0);
  InteractionRow r;
  r.causes = f[a] + " x " + f[b];
  r.level = level;
  r.metric = metric;
  r.effect_a_percent = percentOf(y(ma) - y0, y0);
  r.effect_b_percent = percentOf(y(mb) - y0, y0);
  r.combined_percent = percentOf(y(ma | mb) - y0, y0);
  r.interaction_percent = r.combined_percent - r.effect_a_percent - r.effect_b_percent;
  double sum = 0.0;
  int count = 0;
  for (unsigned rest = 0; rest < (1u << f.size()); ++rest) {
    if (rest & (ma | mb)) continue;
    sum += y(rest | ma | mb) - y(rest | ma) - y(rest | mb) + y(rest);
    ++count;
  }
  r.factorial_interaction_percent = percentOf(sum / count, y0);
  r.matters = !std::isfinite(r.interaction_percent)          ? "no value"
              : std::abs(r.interaction_percent) >= threshold ? "yes"
                                                             : "no";
  return r;
}

}  // namespace

MetricChange metricChange(const SummaryLookup& summary, const std::string& baseline_id,
                          const std::string& scenario_id, const std::string& column, const OutcomeMetric& m) {
  MetricChange c{};
  c.baseline = summary.value(baseline_id, column);
  c.value = summary.value(scenario_id, column);
  if (m.magnitude) {
    c.baseline = std::abs(c.baseline);
    c.value = std::abs(c.value);
  }
  c.change = c.value - c.baseline;
  c.change_percent = percentOf(c.change, c.baseline);
  c.effect = m.points ? c.change : c.change_percent;
  return c;
}

LevelChange largestLevelChange(const SummaryLookup& summary, const std::string& scenario_id,
                               const std::string& metric) {
  LevelChange best{kNaN, ""};
  for (const std::string& level : causeLevels()) {
    const double pct = levelChangePercent(summary, scenario_id, level, metric);
    if (std::isfinite(pct) && !(std::abs(pct) <= std::abs(best.percent))) best = {pct, level};
  }
  return best;
}

std::vector<DoseRow> doseRows(const PreparedStudy& p, const SummaryLookup& s) {
  std::vector<DoseRow> out;
  for (std::size_t c = 0; c < p.study.causes.size(); ++c) {
    const CauseSpec& cause = p.study.causes[c];
    // The number the cause file sets first stands for its magnitude (kyphosis before the forward head).
    std::string key;
    int line = 0;
    for (const ParameterOverride& o : p.changes[c])
      if (std::holds_alternative<double>(o.value) && (key.empty() || o.where.line < line)) {
        key = o.key;
        line = o.where.line;
      }
    std::vector<std::pair<double, std::string>> doses = {{0.0, "baseline"}, {1.0, cause.id}};
    for (std::size_t i = 0; i < p.points.size(); ++i)
      if (p.points[i].kind == StudyPoint::Kind::Dose && p.points[i].causes[0] == cause.id)
        doses.emplace_back(p.points[i].dose, p.sweep.points[i].id);
    std::sort(doses.begin(), doses.end());
    // One level per curve: where the cause file itself changes the load most, at every dose.
    const std::string load_level = largestLevelChange(s, cause.id, "compression.peak").level;
    const std::string cumulative_level =
        largestLevelChange(s, cause.id, "compression.cumulative_per_km").level;
    for (const auto& dose_and_id : doses) {  // not a structured binding: clang 14 cannot capture one
      const double dose = dose_and_id.first;
      const std::string& id = dose_and_id.second;
      const double key_value = key.empty() ? kNaN : s.value(id, key);
      const double effort = percentOf(
          s.value(id, "regions.upper_back.force.mean") - s.value("baseline", "regions.upper_back.force.mean"),
          s.value("baseline", "regions.upper_back.force.mean"));
      const auto at = [&](const std::string& level, const char* metric) {
        return level.empty() ? kNaN : levelChangePercent(s, id, level, metric);
      };
      out.push_back({cause.id, id, key, dose, key_value, at(load_level, "compression.peak"), load_level,
                     at(cumulative_level, "compression.cumulative_per_km"), cumulative_level, effort,
                     s.status(id)});
    }
  }
  return out;
}

std::vector<InteractionRow> interactionRows(const PreparedStudy& p, const SummaryLookup& s) {
  std::vector<InteractionRow> out;
  const std::vector<std::string>& f = p.study.factorial;
  for (std::size_t a = 0; a < f.size(); ++a)
    for (std::size_t b = a + 1; b < f.size(); ++b) {
      for (const std::string& level : causeLevels())
        out.push_back(pairRow(s, f, a, b, level, "compression.peak", p.study.meaningful_change_percent));
      out.push_back(
          pairRow(s, f, a, b, "trunk", "regions.upper_back.force.mean", p.study.meaningful_change_percent));
    }
  return out;
}

}  // namespace spineload
