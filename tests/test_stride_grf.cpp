// The stride's ground reaction force: impulse balance, the impact term's definition, and the stance
// measures on a curve with a known answer.
#include "engine/gait/stance_grf.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/gait/gait_spec.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {
namespace {

std::shared_ptr<const RunningGait> plan(const std::string& gait_keys) {
  const ScenarioSpec s = toScenarioSpec(parseScenarioText(gait_keys, "t.toml", loadParameterTable()));
  return planRunningGait(s.subject, s.gait, {2, 2}, Mat3::Identity());
}

TEST(StrideGrf, ForceOverAStrideSupportsBodyWeight) {
  // Issue 5: impulse balance within 1 %; the construction makes it exact up to quadrature.
  for (const char* keys : {"", "[gait]\nspeed_m_s = 4.5\n", "[gait]\nfoot_strike = \"forefoot\"\n",
                           "[gait]\noverstride_m = 0.5\n"}) {
    const auto g = plan(keys);
    const double T = g->grf.stridePeriod_s(), dt = 1e-5, m = g->grf.bodyMass_kg();
    double jz = 0.0, jx = 0.0;
    for (double t = 0.5 * dt; t < T; t += dt) {
      double fx, fz;
      g->grf.force(t, fx, fz);
      jz += fz * dt;
      jx += fx * dt;
    }
    EXPECT_NEAR(jz / (m * 9.81 * T), 1.0, 1e-4) << keys;
    EXPECT_NEAR(jx / (m * 9.81 * T), 0.0, 1e-4) << keys;
  }
}

TEST(StrideGrf, ImpactBellStopsTheLowerLimbInItsRisingHalf) {
  const auto g = plan("");
  const ImpactParams& p = g->grf.impact();
  const double m1 = p.mass_fraction * g->grf.bodyMass_kg();
  double rising = 0.0;
  const double dt = 1e-6;
  for (double t = 0.5 * dt; t < p.duration_s; t += dt) rising += g->grf.impactForce(t) * dt;
  EXPECT_NEAR(rising, m1 * p.velocity_m_s, 1e-6 * rising);
  EXPECT_NEAR(g->grf.impactForce(p.duration_s), 2.0 * m1 * p.velocity_m_s / p.duration_s, 1e-9);
  EXPECT_EQ(g->grf.impactForce(2.0 * p.duration_s + 1e-9), 0.0);
  // The lower limb lands faster than the centre of mass (its own downward swing added).
  EXPECT_GT(p.velocity_m_s, g->grf.gait().touchdown_vy_m_s);
}

TEST(StrideGrf, StanceMeasuresOfAHalfSineCurve) {
  // Without an impact, a half-sine stance F = F0 sin(π t / tc): no impact peak, active peak F0, loading
  // rate between 20 % and 80 % of F0 = 0.6 F0 / ((asin 0.8 - asin 0.2) tc / π).
  SpringMassGait g;
  g.step_frequency_hz = 2.5;
  g.contact_time_s = 0.25;
  g.sample_dt_s = 1e-5;
  const int n = 25000;
  for (int i = 0; i <= n; ++i) {
    g.force_y_n.push_back(2000.0 * std::sin(M_PI * i / n));
    g.force_x_n.push_back(-300.0 * std::sin(2.0 * M_PI * i / n));
  }
  const StrideGrf grf(g, {0.0, 0.01, 0.0}, 70.0);
  const StanceMetrics m = measureStance(grf);
  EXPECT_EQ(m.impact_peak_n, 0.0);
  EXPECT_NEAR(m.active_peak_n, 2000.0 * grf.activeScale(), 1e-3);
  const double rate = 0.6 * 2000.0 / ((std::asin(0.8) - std::asin(0.2)) * 0.25 / M_PI);
  EXPECT_NEAR(m.loading_rate_n_s, rate, 2e-3 * rate);
  EXPECT_NEAR(m.braking_impulse_n_s, 300.0 * 0.25 / M_PI, 1e-3);
  EXPECT_NEAR(m.propulsive_impulse_n_s, m.braking_impulse_n_s, 1e-6);
  EXPECT_NEAR(m.peak_braking_n, 300.0, 1e-3);
}

}  // namespace
}  // namespace spineload
