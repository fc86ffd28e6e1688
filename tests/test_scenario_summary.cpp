// A scenario's summary row (engine/metrics/scenario_summary.hpp) from a synthetic run whose signals have
// known statistics: the steady window's strides, the per-level statistics, the per-kilometre figures, the
// muscle asymmetry and the shock transfer.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <set>
#include <string>

#include "engine/metrics/scenario_summary.hpp"

namespace spineload {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDt = 0.002;              // 500 Hz samples
constexpr std::size_t kN = 1500;           // 3 s
constexpr double kStride = 0.7;            // [s]
constexpr double kSpeed = 3.0;             // [m/s]
constexpr double kStepHz = 2.0 / kStride;  // two steps per stride: one loading cycle per step

// A running (stride_period_s > 0) or standing run of 3 s at 500 Hz: level T7_T8 with compression
// 600 + 200 sin(2π t / (T/2)), constant shears, a sinusoidal flexion moment, the muscles' share, one muscle
// group whose right fascicle pulls twice the left, and pelvis and head accelerations with head = ½ pelvis.
RunResult syntheticRun(double stride_period_s) {
  RunResult r;
  r.scenario_id = "synthetic";
  r.stride_period_s = stride_period_s;
  LevelSeries s;
  s.level = "T7_T8";
  s.body = 3;
  std::mt19937_64 rng(41);
  std::uniform_real_distribution<double> noise(-3.0, 3.0);
  AccelerationSeries pelvis{"pelvis", 1, {}}, head{"head", 9, {}};
  for (std::size_t i = 0; i < kN; ++i) {
    const double t = kDt * static_cast<double>(i);
    const double step_wave = std::sin(2.0 * kPi * kStepHz * t);
    r.time_s.push_back(t);
    s.compression_n.push_back(600.0 + 200.0 * step_wave);
    s.shear_ap_n.push_back(50.0);
    s.shear_ml_n.push_back(-30.0);
    s.moment_fe_nm.push_back(-20.0 + 10.0 * step_wave);
    s.moment_lb_nm.push_back(0.0);
    s.moment_ax_nm.push_back(0.0);
    s.idp_mpa.push_back(0.5);
    s.disc_height_m.push_back(0.008);
    s.muscle_compression_n.push_back(400.0);
    s.muscle_moment_fe_nm.push_back(60.0);
    s.muscle_moment_lb_nm.push_back(0.0);
    s.muscle_moment_ax_nm.push_back(0.0);
    // Muscles: samples x 2, right then left.
    const double left = 100.0 + 50.0 * step_wave;
    r.muscle_force_n.insert(r.muscle_force_n.end(), {2.0 * left, left});
    r.muscle_activation.insert(r.muscle_activation.end(), {0.2, 0.1});
    // Vertical pelvis acceleration: the step wave plus broadband noise, so every frequency has power.
    const double az = 20.0 * step_wave + noise(rng);
    pelvis.m_s2.insert(pelvis.m_s2.end(), {1.0, -0.5, az});
    head.m_s2.insert(head.m_s2.end(), {0.5, -0.25, 0.5 * az});
  }
  r.levels.push_back(s);
  r.muscle_names = {"multifidus_r", "multifidus_l"};
  r.muscle_groups = {"multifidus", "multifidus"};
  r.muscle_sides = {'r', 'l'};
  r.accelerations = {pelvis, head};
  return r;
}

ScenarioSpec syntheticSpec() {
  ScenarioSpec spec;
  spec.name = "synthetic";
  spec.gait.speed_m_s = kSpeed;
  spec.simulation.dt_s = 0.001;
  spec.simulation.output_every_steps = 2;  // samples every 2 ms
  spec.simulation.drop_strides = 2;
  return spec;
}

// The field of the row with that name (a failure, and null, if there is none).
const SummaryField* findField(const SummaryRow& row, const std::string& name) {
  for (const SummaryField& f : row)
    if (f.name == name) return &f;
  ADD_FAILURE() << "no summary field " << name;
  return nullptr;
}

double number(const SummaryRow& row, const std::string& name) {
  const SummaryField* f = findField(row, name);
  if (!f) return std::nan("");
  if (!std::holds_alternative<double>(f->value)) {
    ADD_FAILURE() << name << " is not a number";
    return std::nan("");
  }
  return std::get<double>(f->value);
}

TEST(ScenarioSummary, SteadyWindowStartsAfterTheDroppedStrides) {
  // Boundaries at round(k T / dt) for k = 2, 3, 4: 700, 1050, 1400 (k = 5 would be sample 1750 > 1499).
  const RunResult r = syntheticRun(kStride);
  const SteadyWindow w = steadyWindow(r, kDt, 2);
  EXPECT_EQ(w.bounds, (CycleBounds{700, 1050, 1400}));
  EXPECT_EQ(w.strides, 2);
  EXPECT_EQ(w.begin, 700u);
  EXPECT_EQ(w.end, 1400u);
  EXPECT_NEAR(w.start_s, 1.4, 1e-12);
  EXPECT_NEAR(w.end_s, 2.8, 1e-12);
  // A period that is no whole number of samples: 350.65 samples per stride rounds to 701, 1052, 1403.
  const SteadyWindow odd = steadyWindow(syntheticRun(0.7013), kDt, 2);
  EXPECT_EQ(odd.bounds, (CycleBounds{701, 1052, 1403}));
  EXPECT_EQ(odd.strides, 2);
}

TEST(ScenarioSummary, SteadyWindowOfAStandingRunIsItsSecondHalf) {
  const SteadyWindow w = steadyWindow(syntheticRun(0.0), kDt, 2);
  EXPECT_EQ(w.begin, 750u);
  EXPECT_EQ(w.end, 1500u);
  EXPECT_EQ(w.bounds, (CycleBounds{750, 1500}));
  EXPECT_EQ(w.strides, 0);
  EXPECT_NEAR(w.start_s, 1.5, 1e-12);
  EXPECT_NEAR(w.end_s, 3.0, 1e-12) << "one sample past the last";
}

TEST(ScenarioSummary, LevelStatisticsOfAKnownCompression) {
  const ScenarioSummary s = summarizeRun(syntheticSpec(), syntheticRun(kStride), readTissueFatigue());
  const SummaryRow& row = s.metrics;
  const SummaryField* strides = findField(row, "strides_used");
  ASSERT_NE(strides, nullptr);
  ASSERT_TRUE(std::holds_alternative<long long>(strides->value));
  EXPECT_EQ(std::get<long long>(strides->value), 2);
  // The window holds 2 strides = 4 whole periods of the step wave, 175 samples each.
  EXPECT_NEAR(number(row, "T7_T8.compression.mean"), 600.0, 1e-9);
  EXPECT_NEAR(number(row, "T7_T8.compression.peak"), 800.0, 0.05) << "sampled crest, within 0.01 %";
  EXPECT_NEAR(number(row, "T7_T8.compression.rms"), std::sqrt(600.0 * 600.0 + 200.0 * 200.0 / 2.0), 1e-9);
  const double impulse = 600.0 * kStride;  // the wave integrates to zero over each stride
  EXPECT_NEAR(number(row, "T7_T8.compression.impulse"), impulse, 1e-9);
  EXPECT_NEAR(number(row, "T7_T8.compression.cumulative_per_km"), impulse * 1000.0 / (kSpeed * kStride),
              1e-6);
  // Fastest rise of 200 sin(ωt): 200 ω, less a sampling loss of (ω dt)²/6 = 0.02 %.
  const double omega = 2.0 * kPi * kStepHz;
  EXPECT_NEAR(number(row, "T7_T8.compression.loading_rate"), 200.0 * omega, 0.005 * 200.0 * omega);
  // Constants: peak, mean and RMS are the constant (with its sign), the impulse constant x stride.
  EXPECT_NEAR(number(row, "T7_T8.shear_ap.peak"), 50.0, 1e-12);
  EXPECT_NEAR(number(row, "T7_T8.shear_ap.impulse"), 50.0 * kStride, 1e-9);
  EXPECT_NEAR(number(row, "T7_T8.shear_ml.peak"), -30.0, 1e-12);
  EXPECT_NEAR(number(row, "T7_T8.shear_ml.rms"), 30.0, 1e-12);
  EXPECT_NEAR(number(row, "T7_T8.idp.mean"), 0.5, 1e-12);
  // -20 + 10 sin: the largest magnitude is the trough, -30, with its sign.
  EXPECT_NEAR(number(row, "T7_T8.moment_fe.peak"), -30.0, 0.01);
  EXPECT_NEAR(number(row, "T7_T8.moment_fe.mean"), -20.0, 1e-9);
  // Share: Σ|60| / (Σ|60| + Σ|-20 + 10 sin|) = 60 / (60 + 20) over whole periods.
  EXPECT_NEAR(number(row, "T7_T8.muscle_share_fe"), 0.75, 1e-9);
  EXPECT_NEAR(number(row, "T7_T8.muscle_compression.mean"), 400.0, 1e-9);
}

TEST(ScenarioSummary, FatigueDamagePerKmCountsOneCyclePerStep) {
  // Each step peaks at 800 N at T7_T8 (UCS 5300 N): per stride 2 / N(800/5300) with LiFFT's
  // N = 902416 exp(-16.2 S), times 1000 / (speed T) strides per km. 1 % covers the toml's rounded S-N
  // constants (test_fatigue_damage.cpp) and the sampled crest.
  const ScenarioSummary s = summarizeRun(syntheticSpec(), syntheticRun(kStride), readTissueFatigue());
  const double N = 902416.0 * std::exp(-16.2 * 800.0 / 5300.0);
  const double expected = 2.0 / N * 1000.0 / (kSpeed * kStride);
  EXPECT_NEAR(number(s.metrics, "T7_T8.fatigue_damage_per_km"), expected, 0.01 * expected);
}

TEST(ScenarioSummary, MuscleGroupEffortAndAsymmetry) {
  const ScenarioSummary s = summarizeRun(syntheticSpec(), syntheticRun(kStride), readTissueFatigue());
  // Right = 2 x left: 100 (2L - L) / (1.5 L) = 66.67 %.
  EXPECT_NEAR(number(s.metrics, "muscles.multifidus.asymmetry"), 200.0 / 3.0, 1e-9);
  EXPECT_NEAR(number(s.metrics, "muscles.multifidus.activation.mean"), 0.15, 1e-12);
  // Summed force 3 (100 + 50 sin): mean 300, crest 450.
  EXPECT_NEAR(number(s.metrics, "muscles.multifidus.force.mean"), 300.0, 1e-9);
  EXPECT_NEAR(number(s.metrics, "muscles.multifidus.force.peak"), 450.0, 0.01);
}

TEST(ScenarioSummary, RegionsSumTheirMembersFascicles) {
  RunResult run = syntheticRun(kStride);
  run.muscle_names = {"multifidus_T8_T4_r", "multifidus_T8_T4_l"};  // thoracic multifidus: upper back
  const ScenarioSummary s = summarizeRun(syntheticSpec(), run, readTissueFatigue());
  for (const char* region : {"regions.thoracic_erector", "regions.upper_back"}) {
    EXPECT_NEAR(number(s.metrics, std::string(region) + ".force.mean"), 300.0, 1e-9) << region;
    EXPECT_NEAR(number(s.metrics, std::string(region) + ".asymmetry"), 200.0 / 3.0, 1e-9) << region;
  }
  EXPECT_TRUE(std::isnan(number(s.metrics, "regions.accessory_breathing.force.mean")));  // no member
  // The lumbar multifidus of the plain synthetic run is in no thoracic region.
  const ScenarioSummary lumbar = summarizeRun(syntheticSpec(), syntheticRun(kStride), readTissueFatigue());
  EXPECT_TRUE(std::isnan(number(lumbar.metrics, "regions.upper_back.force.mean")));
}

TEST(ScenarioSummary, ShockAttenuationOfAHalvedSignalIsSixDecibels) {
  // The head's acceleration is exactly half the pelvis's: the PSD ratio is 1/4 at every frequency
  // (-6.02 dB) and every step peak is halved (50 % peak attenuation).
  const ScenarioSummary s = summarizeRun(syntheticSpec(), syntheticRun(kStride), readTissueFatigue());
  const double db = 20.0 * std::log10(0.5);
  EXPECT_NEAR(number(s.metrics, "shock.head.attenuation_db"), db, 1e-9);
  EXPECT_NEAR(number(s.metrics, "shock.head.peak_attenuation_percent"), 50.0, 1e-9);
  ASSERT_EQ(s.shock.frequency_hz.size(), 61u) << "0-30 Hz in steps of 0.5 Hz";
  EXPECT_NEAR(s.shock.frequency_hz.back(), 30.0, 1e-9);
  ASSERT_EQ(s.shock.bodies, (std::vector<std::string>{"head"}));
  ASSERT_EQ(s.shock.transfer_db.size(), 1u);
  ASSERT_EQ(s.shock.transfer_db[0].size(), 61u);
  for (std::size_t j = 0; j < 61; ++j)
    EXPECT_NEAR(s.shock.transfer_db[0][j], db, 1e-9) << s.shock.frequency_hz[j] << " Hz";
}

TEST(ScenarioSummary, StandingRunHasNoPerStrideFigures) {
  const ScenarioSummary s = summarizeRun(syntheticSpec(), syntheticRun(0.0), readTissueFatigue());
  const SummaryField* strides = findField(s.metrics, "strides_used");
  ASSERT_NE(strides, nullptr);
  EXPECT_EQ(std::get<long long>(strides->value), 0);
  EXPECT_NEAR(number(s.metrics, "T7_T8.shear_ap.mean"), 50.0, 1e-12) << "whole-window statistics remain";
  for (const char* name :
       {"T7_T8.compression.impulse", "T7_T8.compression.loading_rate", "T7_T8.compression.cumulative_per_km",
        "T7_T8.fatigue_damage_per_km", "shock.head.attenuation_db", "shock.head.peak_attenuation_percent"})
    EXPECT_TRUE(std::isnan(number(s.metrics, name))) << name;
  EXPECT_TRUE(s.shock.frequency_hz.empty());
  EXPECT_TRUE(s.shock.bodies.empty());
}

TEST(ScenarioSummary, EveryFieldIsNamedOnceWithUnitsAndDescription) {
  // The row becomes columns of /summary: a name used twice would overwrite, and a column without units
  // or description would be unreadable.
  for (double period : {kStride, 0.0}) {
    const ScenarioSummary s = summarizeRun(syntheticSpec(), syntheticRun(period), readTissueFatigue());
    ASSERT_GT(s.metrics.size(), 40u);
    std::set<std::string> names;
    for (const SummaryField& f : s.metrics) {
      EXPECT_FALSE(f.name.empty());
      EXPECT_FALSE(f.units.empty()) << f.name;
      EXPECT_FALSE(f.description.empty()) << f.name;
      EXPECT_TRUE(names.insert(f.name).second) << f.name << " appears twice";
    }
  }
}

}  // namespace
}  // namespace spineload
