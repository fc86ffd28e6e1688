// The causes study's tables (engine/causes/causes_table.hpp) on a /summary whose values are chosen here, so
// every change, verdict, rank, dose row and interaction has a hand-computed answer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "engine/causes/causes_effects.hpp"
#include "engine/causes/causes_table.hpp"

namespace spineload {
namespace {

using Kind = h5::TableColumn::Kind;

// A summary table built column by column: scenario ids, then named float columns.
class Summary {
 public:
  explicit Summary(std::vector<std::string> scenarios) {
    columns_.push_back({"scenario", "-", "", Kind::String, {}, {}, scenarios});
    columns_.push_back(
        {"status", "-", "", Kind::String, {}, {}, std::vector<std::string>(scenarios.size(), "ok")});
  }
  void set(const std::string& name, const std::vector<double>& values) {
    columns_.push_back({name, "N", "", Kind::Float, values, {}, {}});
  }
  // The same values at every cause level.
  void setLevels(const std::string& metric, const std::vector<double>& values) {
    for (const std::string& level : causeLevels()) set(level + "." + metric, values);
  }
  const std::vector<h5::TableColumn>& columns() const { return columns_; }

 private:
  std::vector<h5::TableColumn> columns_;
};

CauseSpec cause(const std::string& id, std::vector<std::string> outcomes,
                std::vector<std::string> outside = {}) {
  CauseSpec c;
  c.id = id;
  c.title = id;
  c.claim = "claim of " + id;
  c.outcomes = std::move(outcomes);
  c.outside = std::move(outside);
  return c;
}

PreparedStudy study(std::vector<CauseSpec> causes, std::vector<std::string> factorial = {}) {
  PreparedStudy p;
  p.study.causes = std::move(causes);
  p.study.factorial = std::move(factorial);
  p.changes.resize(p.study.causes.size());
  return p;
}

// The row of a cause, level and metric; a failure and an empty row when there is none.
const CauseRow& row(const std::vector<CauseRow>& rows, const std::string& cause, const std::string& level,
                    const std::string& metric) {
  static const CauseRow none{};
  const auto it = std::find_if(rows.begin(), rows.end(), [&](const CauseRow& r) {
    return r.cause == cause && r.level == level && r.metric == metric;
  });
  if (it != rows.end()) return *it;
  ADD_FAILURE() << "no row " << cause << " " << level << " " << metric;
  return none;
}

TEST(CauseRows, VerdictsFollowTheClaimedDirectionAndTheMeaningfulChange) {
  // baseline, up (+10 %), small (+2 %), down (-10 %)
  Summary s({"baseline", "up", "small", "down"});
  s.setLevels("compression.peak", {1000.0, 1100.0, 1020.0, 900.0});
  s.setLevels("shear_ap.peak", {-100.0, -130.0, -100.0, -100.0});   // a signed peak: its magnitude counts
  s.set("stability.mean", {50.0, 40.0, 50.0, 60.0});                // claimed to fall
  s.setLevels("compression.step_asymmetry", {0.5, 3.0, 0.5, 0.5});  // percentage points
  const SummaryLookup lookup(s.columns());
  PreparedStudy p =
      study({cause("up", {"thoracic_compression", "stability", "asymmetry"}, {"pain"}),
             cause("small", {"thoracic_compression"}), cause("down", {"thoracic_compression"})});
  const std::vector<CauseRow> rows = causeRows(p, lookup);

  const CauseRow& up = row(rows, "up", "T7_T8", "compression.peak");
  EXPECT_DOUBLE_EQ(up.baseline, 1000.0);
  EXPECT_DOUBLE_EQ(up.change, 100.0);
  EXPECT_DOUBLE_EQ(up.change_percent, 10.0);
  EXPECT_EQ(up.verdict, "supported");
  EXPECT_EQ(up.claim, "claim of up");
  EXPECT_EQ(row(rows, "small", "T7_T8", "compression.peak").verdict, "not supported");
  EXPECT_EQ(row(rows, "down", "T7_T8", "compression.peak").verdict, "opposite");
  EXPECT_EQ(row(rows, "up", "T12_L1", "shear_ap.peak").verdict, "not claimed");
  EXPECT_DOUBLE_EQ(row(rows, "up", "T12_L1", "shear_ap.peak").change_percent, 30.0);
  EXPECT_EQ(row(rows, "up", "trunk", "stability.mean").verdict,
            "supported");  // -20 % where a fall is claimed
  const CauseRow& asym = row(rows, "up", "C7_T1", "compression.step_asymmetry");
  EXPECT_DOUBLE_EQ(asym.change, 2.5);
  EXPECT_EQ(asym.verdict, "supported");                                      // 2.5 points >= 2
  EXPECT_EQ(row(rows, "up", "trunk", "stability.min").verdict, "no value");  // no such column
  EXPECT_EQ(row(rows, "up", "-", "pain").verdict, "outside the model");
  EXPECT_EQ(row(rows, "up", "-", "pain").outcome, "outside");
}

TEST(CauseRanking, VerdictsEffectSizesAndRanks) {
  Summary s({"baseline", "a", "b", "c"});
  s.setLevels("compression.peak", {1000.0, 1100.0, 980.0, 1000.0});
  s.set("T4_T5.compression.peak", {1000.0, 1100.0, 700.0, 1000.0});  // b's largest change is -30 % at T4_T5
  s.set("regions.upper_back.force.mean", {200.0, 210.0, 240.0, 200.0});
  const SummaryLookup lookup(s.columns());
  PreparedStudy p = study({cause("a", {"thoracic_compression", "upper_back_effort"}),
                           cause("b", {"thoracic_compression"}), cause("c", {}, {"pain"})});
  const std::vector<CauseRanking> r = rankCauses(p, causeRows(p, lookup));
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].verdict, "supported");  // +10 % compression and +5 % effort
  EXPECT_EQ(r[0].supported_outcomes, "thoracic_compression; upper_back_effort");
  EXPECT_EQ(
      r[0].evidence,
      "thoracic_compression: supported, compression.peak median +10.0 % over 13 levels (largest +10.0 % at "
      "C7_T1); upper_back_effort: supported, regions.upper_back.force.mean +5.0 %");
  EXPECT_EQ(r[1].verdict, "not supported");  // -2 % at the median level; the -30 % at T4_T5 is one level
  EXPECT_EQ(r[1].unsupported_outcomes, "thoracic_compression");
  EXPECT_DOUBLE_EQ(r[1].load_effect_percent, -30.0);
  EXPECT_EQ(r[1].load_effect_level, "T4_T5");
  EXPECT_EQ(r[2].verdict, "outside the model");
  EXPECT_EQ(r[2].outside, "pain");
  EXPECT_EQ(r[1].rank_load, 1);
  EXPECT_EQ(r[0].rank_load, 2);
  EXPECT_EQ(r[2].rank_load, 3);
  EXPECT_DOUBLE_EQ(r[1].effort_effect_percent, 20.0);
  EXPECT_EQ(r[1].rank_effort, 1);
}

TEST(CauseRanking, PartlySupportedAndNoValue) {
  Summary s({"baseline", "a"});
  s.setLevels("compression.peak", {1000.0, 1100.0});
  s.set("regions.upper_back.force.mean", {200.0, 200.0});
  const SummaryLookup lookup(s.columns());
  PreparedStudy p = study({cause("a", {"thoracic_compression", "upper_back_effort"}),
                           cause("missing", {"thoracic_compression"})});
  const std::vector<CauseRanking> r = rankCauses(p, causeRows(p, lookup));
  EXPECT_EQ(r[0].verdict, "partly supported");
  EXPECT_EQ(r[1].verdict, "no value");  // the run is absent from the summary
  EXPECT_TRUE(std::isnan(r[1].load_effect_percent));
  EXPECT_EQ(r[1].rank_load, 2);
}

TEST(CauseRanking, NeitherOneLevelNorOneMetricCarriesAClaim) {
  Summary s({"baseline", "a", "b", "c"});
  s.setLevels("compression.peak", {1000.0, 1010.0, 1000.0, 1070.0});
  s.set("T9_T10.compression.peak", {1000.0, 1300.0, 1000.0, 900.0});  // a: +1 % but +30 % at T9_T10
  s.set("regions.upper_back.force.mean", {200.0, 200.0, 202.0, 200.0});
  s.set("muscles.rhomboids.force.mean", {20.0, 20.0, 30.0, 20.0});  // b: +50 % in one part, +1 % overall
  const SummaryLookup lookup(s.columns());
  PreparedStudy p = study({cause("a", {"thoracic_compression"}), cause("b", {"upper_back_effort"}),
                           cause("c", {"thoracic_compression"})});
  const std::vector<CauseRow> rows = causeRows(p, lookup);
  EXPECT_EQ(row(rows, "a", "T9_T10", "compression.peak").verdict, "supported");  // each row keeps its own
  EXPECT_EQ(row(rows, "b", "trunk", "muscles.rhomboids.force.mean").verdict, "supported");
  const std::vector<CauseRanking> r = rankCauses(p, rows);
  EXPECT_EQ(r[0].verdict, "not supported");
  EXPECT_EQ(r[0].evidence,
            "thoracic_compression: not supported, compression.peak median +1.0 % over 13 levels (largest "
            "+30.0 % at T9_T10)");
  EXPECT_DOUBLE_EQ(r[0].load_effect_percent, 30.0);  // the ranking still shows where the load changes most
  EXPECT_EQ(r[1].verdict, "not supported");
  EXPECT_EQ(r[1].evidence, "upper_back_effort: not supported, regions.upper_back.force.mean +1.0 %");
  EXPECT_EQ(r[2].verdict, "supported");  // +7 % at 12 levels carries it, a -10 % level does not undo it
}

TEST(CauseRows, NegativeAndZeroBaselines) {
  // The stability index is negative in the model's baseline: a fall from -50 to -60 is -20 %, a fall, as
  // a stability claim asserts; a metric at 0 that stays 0 has changed by 0 %, one that leaves 0 has no %.
  Summary s({"baseline", "down", "up"});
  s.set("stability.mean", {-50.0, -60.0, -40.0});
  s.set("regions.upper_back.force.mean", {0.0, 0.0, 5.0});
  const SummaryLookup lookup(s.columns());
  PreparedStudy p = study({cause("down", {"stability", "upper_back_effort"}), cause("up", {"stability"})});
  const std::vector<CauseRow> rows = causeRows(p, lookup);
  EXPECT_DOUBLE_EQ(row(rows, "down", "trunk", "stability.mean").change_percent, -20.0);
  EXPECT_EQ(row(rows, "down", "trunk", "stability.mean").verdict, "supported");
  EXPECT_EQ(row(rows, "up", "trunk", "stability.mean").verdict, "opposite");
  EXPECT_DOUBLE_EQ(row(rows, "down", "trunk", "regions.upper_back.force.mean").change_percent, 0.0);
  EXPECT_EQ(row(rows, "down", "trunk", "regions.upper_back.force.mean").verdict, "not supported");
  EXPECT_EQ(row(rows, "up", "trunk", "regions.upper_back.force.mean").verdict, "no value");
}

TEST(CauseDoses, RunFromTheBaselineThroughEachDoseToTheCause) {
  Summary s({"baseline", "a", "dose_a_50", "dose_a_200"});
  s.setLevels("compression.peak", {1000.0, 1100.0, 1050.0, 1200.0});
  s.setLevels("compression.cumulative_per_km", {1.0e6, 1.2e6, 1.1e6, 1.4e6});
  s.set("regions.upper_back.force.mean", {100.0, 110.0, 105.0, 120.0});
  s.set("posture.thoracic_kyphosis_deg", {33.2, 50.0, 41.6, 66.8});
  // The cause file changes T4_T5 most (+15 %); at dose 2 T1_T2 changes more (+50 %), but the dose-response
  // stays at T4_T5, so that it is one curve.
  s.set("T4_T5.compression.peak", {1000.0, 1150.0, 1075.0, 1300.0});
  s.set("T1_T2.compression.peak", {1000.0, 1100.0, 1050.0, 1500.0});
  PreparedStudy p = study({cause("a", {"thoracic_compression"})});
  p.changes[0] = {{"posture.forward_head_m", 0.012, {"posture.toml", 9, 1}},  // alphabetical order, set later
                  {"posture.thoracic_kyphosis_deg", 50.0, {"posture.toml", 5, 1}}};
  for (const char* id : {"baseline", "a", "dose_a_200", "dose_a_50"}) p.sweep.points.push_back({id, {}});
  p.points = {{StudyPoint::Kind::Baseline, {}, 0.0},
              {StudyPoint::Kind::Cause, {"a"}, 1.0},
              {StudyPoint::Kind::Dose, {"a"}, 2.0},
              {StudyPoint::Kind::Dose, {"a"}, 0.5}};
  const std::vector<DoseRow> d = doseRows(p, SummaryLookup(s.columns()));
  ASSERT_EQ(d.size(), 4u);
  const std::vector<double> doses = {0.0, 0.5, 1.0, 2.0}, load = {0.0, 7.5, 15.0, 30.0};
  const std::vector<double> effort = {0.0, 5.0, 10.0, 20.0};
  const std::vector<double> kyphosis = {33.2, 41.6, 50.0, 66.8}, cumulative = {0.0, 10.0, 20.0, 40.0};
  for (std::size_t i = 0; i < d.size(); ++i) {
    EXPECT_DOUBLE_EQ(d[i].dose, doses[i]);
    EXPECT_DOUBLE_EQ(d[i].key_value, kyphosis[i]);
    EXPECT_NEAR(d[i].load_effect_percent, load[i], 1e-12);
    EXPECT_NEAR(d[i].cumulative_effect_percent, cumulative[i], 1e-12);
    EXPECT_NEAR(d[i].effort_effect_percent, effort[i], 1e-12);
    EXPECT_EQ(d[i].load_effect_level, "T4_T5");
    EXPECT_EQ(d[i].cumulative_effect_level, "C7_T1");  // every level alike: the first
    EXPECT_EQ(d[i].key, "posture.thoracic_kyphosis_deg");
    EXPECT_EQ(d[i].status, "ok");
  }
  EXPECT_EQ(d[1].scenario, "dose_a_50");
}

TEST(CauseInteractions, AreTheExcessOverAdditivity) {
  // Two factorial causes: alone +10 % and +20 %, together +40 %: an interaction of +10 %.
  Summary s({"baseline", "a", "b", "combo_a+b"});
  s.setLevels("compression.peak", {1000.0, 1100.0, 1200.0, 1400.0});
  s.set("regions.upper_back.force.mean", {100.0, 100.0, 100.0, 101.0});
  PreparedStudy p = study({cause("a", {"impact"}), cause("b", {"impact"})}, {"a", "b"});
  const std::vector<InteractionRow> rows = interactionRows(p, SummaryLookup(s.columns()));
  ASSERT_EQ(rows.size(), causeLevels().size() + 1);
  EXPECT_EQ(rows[0].causes, "a x b");
  EXPECT_DOUBLE_EQ(rows[0].effect_a_percent, 10.0);
  EXPECT_DOUBLE_EQ(rows[0].effect_b_percent, 20.0);
  EXPECT_DOUBLE_EQ(rows[0].combined_percent, 40.0);
  EXPECT_NEAR(rows[0].interaction_percent, 10.0, 1e-12);
  EXPECT_NEAR(rows[0].factorial_interaction_percent, 10.0, 1e-12);
  EXPECT_EQ(rows[0].matters, "yes");
  EXPECT_EQ(rows.back().level, "trunk");
  EXPECT_NEAR(rows.back().interaction_percent, 1.0, 1e-12);
  EXPECT_EQ(rows.back().matters, "no");
}

TEST(CauseInteractions, FactorialAverageTakesTheOtherCausesOnAndOff) {
  // y = 1000 + 100 a + 200 b + 50 c + 40 ab + 20 abc: with c off the ab excess is 40, with c on 60;
  // the factorial average is 50 (5 %), the others-off interaction 40 (4 %).
  std::vector<std::string> ids;
  std::vector<double> y;
  for (unsigned m = 0; m < 8; ++m) {
    const int a = m & 1, b = (m >> 1) & 1, c = (m >> 2) & 1;
    std::vector<std::string> on;
    if (a) on.push_back("a");
    if (b) on.push_back("b");
    if (c) on.push_back("c");
    std::string id = on.empty() ? "baseline" : on.size() == 1 ? on[0] : "combo";
    for (std::size_t i = 0; on.size() > 1 && i < on.size(); ++i) id += (i ? "+" : "_") + on[i];
    ids.push_back(id);
    y.push_back(1000.0 + 100 * a + 200 * b + 50 * c + 40 * a * b + 20 * a * b * c);
  }
  Summary s(ids);
  s.setLevels("compression.peak", y);
  PreparedStudy p =
      study({cause("a", {"impact"}), cause("b", {"impact"}), cause("c", {"impact"})}, {"a", "b", "c"});
  const std::vector<InteractionRow> rows = interactionRows(p, SummaryLookup(s.columns()));
  ASSERT_EQ(rows.size(), 3 * (causeLevels().size() + 1));
  EXPECT_EQ(rows[0].causes, "a x b");
  EXPECT_NEAR(rows[0].interaction_percent, 4.0, 1e-12);
  EXPECT_NEAR(rows[0].factorial_interaction_percent, 5.0, 1e-12);
  const auto ac =
      std::find_if(rows.begin(), rows.end(), [](const InteractionRow& r) { return r.causes == "a x c"; });
  ASSERT_NE(ac, rows.end());
  EXPECT_NEAR(ac->interaction_percent, 0.0, 1e-12);
  EXPECT_NEAR(ac->factorial_interaction_percent, 1.0, 1e-12);  // 20 abc with b on half the time: 10 N
  EXPECT_EQ(ac->matters, "no");
}

TEST(CauseOutcomes, EveryClaimFamilyNamesSummaryMetrics) {
  for (const CauseOutcome& o : causeOutcomes()) {
    EXPECT_FALSE(o.metrics.empty()) << o.id;
    EXPECT_TRUE(o.direction == 1 || o.direction == -1) << o.id;
  }
  EXPECT_EQ(causeLevels().front(), "C7_T1");
  EXPECT_EQ(causeLevels().back(), "T12_L1");
  EXPECT_EQ(causeLevels().size(), 13u);
}

}  // namespace
}  // namespace spineload
