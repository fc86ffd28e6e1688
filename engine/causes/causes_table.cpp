#include "engine/causes/causes_table.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <numeric>
#include <sstream>

#include "engine/causes/causes_effects.hpp"

namespace spineload {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::string verdictFor(bool claimed, int direction, double effect, double threshold) {
  if (!std::isfinite(effect)) return "no value";
  if (!claimed) return "not claimed";
  if (direction * effect >= threshold) return "supported";
  if (direction * effect <= -threshold) return "opposite";
  return "not supported";
}

// The rows of one outcome metric for one cause (one per level, or one for the trunk).
void addMetricRows(std::vector<CauseRow>& rows, const PreparedStudy& p, const CauseSpec& cause,
                   const CauseOutcome& outcome, const OutcomeMetric& m, const SummaryLookup& summary) {
  const bool claimed =
      std::find(cause.outcomes.begin(), cause.outcomes.end(), outcome.id) != cause.outcomes.end();
  const std::vector<std::string> levels = m.per_level ? causeLevels() : std::vector<std::string>{"trunk"};
  for (const std::string& level : levels) {
    const std::string column = m.per_level ? level + "." + m.metric : m.metric;
    const MetricChange c = metricChange(summary, "baseline", cause.id, column, m);
    const double threshold =
        m.points ? p.study.meaningful_asymmetry_points : p.study.meaningful_change_percent;
    rows.push_back({cause.id, level, m.metric, outcome.id, c.baseline, c.value, c.change, c.change_percent,
                    cause.claim, verdictFor(claimed, outcome.direction, c.effect, threshold)});
  }
}

// What decides a claimed outcome: its headline metric (the first of its family), per-level metrics by their
// median change over the levels. Neither one metric of many nor one level of thirteen (nor a level whose
// baseline is small, where a percentage runs high) can carry a claim alone; the largest change is reported.
struct HeadlineChange {
  std::string verdict = "no value";
  std::string text;  ///< "thoracic_compression: supported, compression.peak median +8.0 % over 13 levels
                     ///< (largest +21.1 % at T10_T11)"
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

HeadlineChange headlineChange(const PreparedStudy& p, const std::string& cause, const std::string& outcome,
                              const std::vector<CauseRow>& rows) {
  HeadlineChange h;
  const auto o = std::find_if(causeOutcomes().begin(), causeOutcomes().end(),
                              [&](const CauseOutcome& c) { return c.id == outcome; });
  if (o == causeOutcomes().end()) {
    h.text = outcome + ": no such outcome";
    return h;
  }
  const OutcomeMetric& m = o->metrics.front();
  std::vector<double> effects;
  const CauseRow* largest = nullptr;
  for (const CauseRow& row : rows) {
    const double effect = m.points ? row.change : row.change_percent;
    if (row.cause != cause || row.outcome != outcome || row.metric != m.metric || !std::isfinite(effect))
      continue;
    if (!largest || std::abs(effect) > std::abs(m.points ? largest->change : largest->change_percent))
      largest = &row;
    effects.push_back(effect);
  }
  if (effects.empty()) {
    h.text = outcome + ": no value";
    return h;
  }
  const double threshold = m.points ? p.study.meaningful_asymmetry_points : p.study.meaningful_change_percent;
  const double typical = median(effects);
  h.verdict = verdictFor(true, o->direction, typical, threshold);
  const char* unit = m.points ? " points" : " %";
  std::ostringstream t;
  t << outcome << ": " << h.verdict << ", " << m.metric << std::showpos << std::fixed << std::setprecision(1);
  if (m.per_level)
    t << " median " << typical << unit << " over " << std::noshowpos << effects.size() << " levels (largest "
      << std::showpos << (m.points ? largest->change : largest->change_percent) << unit << " at "
      << largest->level << ')';
  else
    t << ' ' << typical << unit;
  h.text = t.str();
  return h;
}

}  // namespace

const std::vector<CauseOutcome>& causeOutcomes() {
  static const std::vector<CauseOutcome> outcomes = {
      {"thoracic_compression",
       "peak and cumulative (per km) compression of the disc",
       +1,
       {{"compression.peak"}, {"compression.cumulative_per_km"}}},
      {"thoracic_shear",
       "peak anterior-posterior and medio-lateral shear",
       +1,
       {{"shear_ap.peak", true, true}, {"shear_ml.peak", true, true}}},
      {"disc_pressure", "peak intradiscal pressure", +1, {{"idp.peak"}}},
      {"impact",
       "rate at which compression rises each step (the jolt the article's overstriding claim means)",
       +1,
       {{"compression.loading_rate"}}},
      {"upper_back_effort",
       "mean force of the upper-back muscles and of their parts, and the activation of the scapular "
       "retractors",
       +1,
       {{"regions.upper_back.force.mean", false},
        {"regions.upper_back.activation.mean", false},
        {"regions.thoracic_erector.force.mean", false},
        {"muscles.rhomboids.force.mean", false},
        {"muscles.trapezius_upper.force.mean", false},
        {"muscles.trapezius_middle.force.mean", false},
        {"muscles.trapezius_lower.force.mean", false}}},
      // A weakened muscle carrying the same force works nearer its capacity: its activation shows it, where
      // the upper back's summed force (about 4 % retractors) cannot.
      {"retractor_effort",
       "activation of the scapular retractors (rhomboids, middle and lower trapezius)",
       +1,
       {{"regions.scapular_retractors.activation.mean", false},
        {"regions.scapular_retractors.force.mean", false},
        {"muscles.rhomboids.activation.mean", false},
        {"muscles.trapezius_lower.activation.mean", false}}},
      {"accessory_effort",
       "mean force of the accessory breathing muscles",
       +1,
       {{"regions.accessory_breathing.force.mean", false},
        {"muscles.scalenes.force.mean", false},
        {"muscles.sternocleidomastoid.force.mean", false}}},
      {"asymmetry",
       "left/right asymmetry: step-to-step compression, lateral bending, muscle forces",
       +1,
       {{"compression.step_asymmetry", true, true, true},
        {"moment_lb.peak", true, true},
        {"regions.upper_back.asymmetry", false, true, true},
        {"regions.thoracic_erector.asymmetry", false, true, true}}},
      {"stability",
       "trunk stability (smallest and mean eigenvalue of the stiffness)",
       -1,
       {{"stability.mean", false}, {"stability.min", false}}},
  };
  return outcomes;
}

const std::vector<std::string>& causeLevels() {
  static const std::vector<std::string> levels = {"C7_T1",   "T1_T2",   "T2_T3", "T3_T4", "T4_T5",
                                                  "T5_T6",   "T6_T7",   "T7_T8", "T8_T9", "T9_T10",
                                                  "T10_T11", "T11_T12", "T12_L1"};
  return levels;
}

SummaryLookup::SummaryLookup(const std::vector<h5::TableColumn>& summary) : columns_(summary) {
  for (std::size_t c = 0; c < summary.size(); ++c) index_[summary[c].name] = c;
  const auto id = index_.find("scenario");
  if (id == index_.end()) return;
  const std::vector<std::string>& ids = summary[id->second].strings;
  for (std::size_t r = 0; r < ids.size(); ++r) rows_[ids[r]] = r;
}

double SummaryLookup::value(const std::string& scenario, const std::string& column) const {
  const auto r = rows_.find(scenario);
  const auto c = index_.find(column);
  if (r == rows_.end() || c == index_.end()) return kNaN;
  const h5::TableColumn& col = columns_[c->second];
  if (col.kind == h5::TableColumn::Kind::Float) return col.floats[r->second];
  if (col.kind == h5::TableColumn::Kind::Int) return static_cast<double>(col.ints[r->second]);
  return kNaN;
}

std::string SummaryLookup::status(const std::string& scenario) const {
  const auto r = rows_.find(scenario);
  const auto c = index_.find("status");
  if (r == rows_.end() || c == index_.end()) return "missing";
  return columns_[c->second].strings[r->second];
}

std::vector<CauseRow> causeRows(const PreparedStudy& p, const SummaryLookup& summary) {
  std::vector<CauseRow> rows;
  for (const CauseSpec& cause : p.study.causes) {
    for (const CauseOutcome& outcome : causeOutcomes())
      for (const OutcomeMetric& m : outcome.metrics) addMetricRows(rows, p, cause, outcome, m, summary);
    for (const std::string& part : cause.outside)
      rows.push_back(
          {cause.id, "-", part, "outside", kNaN, kNaN, kNaN, kNaN, cause.claim, "outside the model"});
  }
  return rows;
}

std::vector<CauseRanking> rankCauses(const PreparedStudy& p, const std::vector<CauseRow>& rows) {
  std::vector<CauseRanking> out;
  for (const CauseSpec& cause : p.study.causes) {
    CauseRanking r{cause.id, cause.title, cause.claim, "", "", "", "", join(cause.outside),
                   kNaN,     "",          kNaN,        0,  0};
    std::vector<std::string> yes, no, evidence;
    for (const std::string& o : cause.outcomes) {
      const HeadlineChange h = headlineChange(p, cause.id, o, rows);
      if (h.verdict == "supported") yes.push_back(o);
      if (h.verdict == "not supported" || h.verdict == "opposite") no.push_back(o);
      evidence.push_back(h.text);
    }
    r.supported_outcomes = join(yes);
    r.unsupported_outcomes = join(no);
    r.evidence = join(evidence);
    r.verdict = cause.outcomes.empty()                              ? "outside the model"
                : yes.empty() && no.empty()                         ? "no value"
                : no.empty() && yes.size() == cause.outcomes.size() ? "supported"
                : yes.empty()                                       ? "not supported"
                                                                    : "partly supported";
    for (const CauseRow& row : rows) {
      if (row.cause != cause.id) continue;
      if (row.metric == "compression.peak" && std::isfinite(row.change_percent) &&
          !(std::abs(row.change_percent) <= std::abs(r.load_effect_percent))) {
        r.load_effect_percent = row.change_percent;
        r.load_effect_level = row.level;
      }
      if (row.metric == "regions.upper_back.force.mean") r.effort_effect_percent = row.change_percent;
    }
    out.push_back(r);
  }
  // Ranks by magnitude, ties and NaN last in the study's order (stable).
  auto rank = [&](double CauseRanking::*effect, long long CauseRanking::*slot) {
    std::vector<std::size_t> order(out.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const double x = std::abs(out[a].*effect), y = std::abs(out[b].*effect);
      return std::isfinite(x) && (!std::isfinite(y) || x > y);
    });
    for (std::size_t k = 0; k < order.size(); ++k) out[order[k]].*slot = static_cast<long long>(k + 1);
  };
  rank(&CauseRanking::load_effect_percent, &CauseRanking::rank_load);
  rank(&CauseRanking::effort_effect_percent, &CauseRanking::rank_effort);
  return out;
}

}  // namespace spineload
