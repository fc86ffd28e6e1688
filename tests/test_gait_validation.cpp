// The running excitation against published running mechanics (label: validation). Figures are read from
// ../shared/validation/published.toml and the project's validation/gait.toml, never copied here.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "engine/gait/gait_spec.hpp"
#include "engine/scenario/scenario_spec.hpp"
#include "engine/validation/published_figures.hpp"

namespace spineload {
namespace {

const std::vector<PublishedFigure>& shared() {
  static const std::vector<PublishedFigure> f = std::filesystem::exists(SPINELOAD_SHARED_VALIDATION)
                                                    ? readPublishedFigures(SPINELOAD_SHARED_VALIDATION)
                                                    : std::vector<PublishedFigure>{};
  return f;
}

const std::vector<PublishedFigure>& project() {
  static const std::vector<PublishedFigure> f =
      readPublishedFigures(std::string(SPINELOAD_SOURCE_DIR) + "/validation/gait.toml");
  return f;
}

#define REQUIRE_SHARED() \
  if (shared().empty()) GTEST_SKIP() << "no " << SPINELOAD_SHARED_VALIDATION << " in this checkout"

struct Measured {
  std::shared_ptr<const RunningGait> gait;
  StanceMetrics stance;
  double bw_n;
};

Measured run(const std::string& gait_keys) {
  const ScenarioSpec s = toScenarioSpec(parseScenarioText(gait_keys, "t.toml", loadParameterTable()));
  Measured m{planRunningGait(s.subject, s.gait, {2, 2}, Mat3::Identity()), {}, s.subject.body_mass_kg * 9.81};
  m.stance = measureStance(m.gait->grf);
  return m;
}

// Built with a stream: GCC 12 reports a false -Wrestrict on "literal" + std::string.
std::string atSpeed(double v) {
  std::ostringstream s;
  s << "@" << v << "m/s";
  return s.str();
}

std::string speedKeys(double v) {
  return "[gait]\nspeed_m_s = " + std::to_string(v) + "\n";
}

void expectWithin(double model, const PublishedFigure& f, const std::string& what = "") {
  EXPECT_GE(model, f.acceptLow()) << f.id << " " << what << ": " << f.quantity << " (" << f.source << ")";
  EXPECT_LE(model, f.acceptHigh()) << f.id << " " << what << ": " << f.quantity << " (" << f.source << ")";
  ::testing::Test::RecordProperty(f.id + what, std::to_string(model));
}

// A published check the model does not meet, kept as a strict expected failure: the model's value must stay
// outside the accepted range (docs/validation.md explains why); if a change brings it inside, this fails
// and the check moves to the passing ones.
void expectKnownDisagreement(double model, const PublishedFigure& f, const std::string& what = "") {
  const bool within = model >= f.acceptLow() && model <= f.acceptHigh();
  EXPECT_FALSE(within) << f.id << what << " now agrees (" << model << "): make it a passing check and update "
                       << "docs/validation.md";
  ::testing::Test::RecordProperty(f.id + what, std::to_string(model));
}

TEST(GaitValidation, VerticalPeakToPeakAt4p5MetresPerSecondIsLow) {
  REQUIRE_SHARED();
  // Model 2.50 BW against 3.0 +- 0.4 (Cavanagh & Lafortune 1980): the spring-mass active peak with Morin's
  // treadmill stiffness sits below overground peaks (Morin's own sine model under-estimates too).
  const Measured m = run(speedKeys(4.5));  // the force falls to zero in flight: peak-to-peak = peak
  expectKnownDisagreement(std::max(m.stance.active_peak_n, m.stance.impact_peak_n) / m.bw_n,
                          findFigure(shared(), "grf_vertical_peak_to_peak_4p5"));
}

TEST(GaitValidation, ForeAftPeakToPeakAt4p5MetresPerSecond) {
  REQUIRE_SHARED();
  const Measured m = run(speedKeys(4.5));
  double lo = 0.0, hi = 0.0;
  for (double t = 0.0; t < m.stance.contact_time_s; t += 1e-5) {
    double fx, fz;
    m.gait->grf.stanceForce(t, fx, fz);
    lo = std::min(lo, fx);
    hi = std::max(hi, fx);
  }
  expectWithin((hi - lo) / m.bw_n, findFigure(shared(), "grf_ap_peak_to_peak_4p5"));
}

TEST(GaitValidation, VerticalMaximumAt6MetresPerSecondIsHigh) {
  REQUIRE_SHARED();
  // Model 2.88 BW against 2.5 +- 0.3 (Keller 1996): the cadence law, measured near 3 m/s, is extrapolated
  // and gives too few steps at 6 m/s (runners raise cadence faster above ~3 steps/s), so each stance
  // carries more. The two published figures also pull opposite ways (3.0 BW at 4.5 m/s above).
  const Measured m = run(speedKeys(6.0));
  expectKnownDisagreement(m.stance.active_peak_n / m.bw_n, findFigure(shared(), "grf_vertical_max_vs_speed"));
}

TEST(GaitValidation, ImpactMassIsThePublishedInput) {
  REQUIRE_SHARED();
  const PublishedFigure& f = findFigure(shared(), "two_mass_model");
  EXPECT_NE(f.quantity.find("m1 = 0.08"), std::string::npos) << "the published input changed: " << f.quantity;
  EXPECT_DOUBLE_EQ(run("").gait->grf.impact().mass_fraction, 0.08);
}

TEST(GaitValidation, CentreOfMassDropFromTouchdownToMidStance) {
  for (double v : {3.33, 4.5, 6.0})
    expectWithin(run(speedKeys(v)).gait->grf.gait().com_drop_m,
                 findFigure(project(), "com_drop_touchdown_to_midstance"), atSpeed(v));
}

TEST(GaitValidation, ContactTimeOverTheSpeedRange) {
  for (double v : {2.5, 3.0, 4.5, 5.5})
    expectWithin(run(speedKeys(v)).stance.contact_time_s, findFigure(project(), "contact_time_range"),
                 atSpeed(v));
}

TEST(GaitValidation, LoadingRateToTheActivePeak) {
  // 6 m/s gives 32 BW/s, above the range, for the reason of VerticalMaximumAt6MetresPerSecondIsHigh.
  for (double v : {2.5, 3.0, 4.5}) {
    const Measured m = run(speedKeys(v));
    // Keller's reading: the mean rate from touchdown to the thrust maximum (mid-stance).
    const double rate = m.stance.active_peak_n / (0.5 * m.stance.contact_time_s) / m.bw_n;
    expectWithin(rate, findFigure(project(), "loading_rate_keller"), atSpeed(v));
  }
}

TEST(GaitValidation, LegStiffnessRisesWithStepFrequencyAsFarleyAndGonzalez) {
  const double f_pref = preferredStepFrequency_hz(2.5);
  const auto k = [&](double ratio) {
    return run("[gait]\nspeed_m_s = 2.5\nstep_frequency_hz = " + std::to_string(ratio * f_pref) + "\n")
        .gait->grf.gait()
        .leg_stiffness_n_m;
  };
  expectWithin(k(1.36) / k(0.74), findFigure(project(), "leg_stiffness_vs_step_frequency"));
}

TEST(GaitValidation, HigherStepRateLowersExcursionBrakingAndImpactAsHeiderscheit) {
  // Heiderscheit et al. 2011: preferred, +-5 %, +-10 % step rate at the same speed.
  const PublishedFigure& f = findFigure(project(), "step_rate_direction");
  const double f_pref = preferredStepFrequency_hz(3.0);
  double last_excursion = 1e9, last_braking = 1e9, last_impact = 1e9, last_rate = 1e9;
  for (double ratio : {0.90, 0.95, 1.0, 1.05, 1.10}) {
    const Measured m = run("[gait]\nstep_frequency_hz = " + std::to_string(ratio * f_pref) + "\n");
    const double excursion = m.gait->grf.gait().com_drop_m;
    EXPECT_LT(excursion, last_excursion) << f.id << " " << ratio;
    EXPECT_LT(m.stance.braking_impulse_n_s, last_braking) << f.id << " " << ratio;
    EXPECT_LT(m.stance.impact_peak_n, last_impact) << ratio;
    EXPECT_LT(m.stance.loading_rate_n_s, last_rate) << ratio;
    last_excursion = excursion;
    last_braking = m.stance.braking_impulse_n_s;
    last_impact = m.stance.impact_peak_n;
    last_rate = m.stance.loading_rate_n_s;
    RecordProperty("step_rate_" + std::to_string(ratio),
                   std::to_string(excursion) + " m, " + std::to_string(m.stance.braking_impulse_n_s) +
                       " N s, " + std::to_string(m.stance.impact_peak_n / m.bw_n) + " BW, " +
                       std::to_string(m.stance.loading_rate_n_s / m.bw_n) + " BW/s");
  }
}

TEST(GaitValidation, OverstridingAtTheSameCadenceRaisesBraking) {
  // Lieberman et al. 2015: the foot further ahead of the hip goes with more braking. Their larger impact
  // peak with the foot ahead of the knee is not reproduced at the same cadence: a longer contact leaves a
  // shorter flight, so the lower limb lands slower (docs/gait.md, limits); longer strides at the same
  // speed do raise it (the step-rate test above).
  const PublishedFigure& f = findFigure(project(), "overstride_braking");
  const Measured base = run("");
  const double os = base.gait->grf.gait().overstride_m;
  const Measured over = run("[gait]\noverstride_m = " + std::to_string(os + 0.05) + "\n");
  EXPECT_GT(over.stance.braking_impulse_n_s, base.stance.braking_impulse_n_s) << f.id;
  EXPECT_GT(over.stance.peak_braking_n, base.stance.peak_braking_n) << f.id;
}

}  // namespace
}  // namespace spineload
