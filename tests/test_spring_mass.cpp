// The spring-mass stance solve: periodicity, its two parameterisations, an analytic vertical hopper, and
// Morin et al. 2005's sine-wave stiffness as an independent estimate.
#include "engine/gait/spring_mass.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace spineload {
namespace {

const SpringMassBody kBody{73.0, 0.53 * 1.741, 9.81};

double integral(const std::vector<double>& f, double dt) {
  double s = 0.0;
  for (std::size_t i = 0; i + 1 < f.size(); ++i) s += 0.5 * (f[i] + f[i + 1]) * dt;
  return s;
}

TEST(SpringMass, GaitIsPeriodicWithTheAskedSpeedAndCadence) {
  for (double v : {2.5, 3.0, 4.5, 6.0}) {
    const SpringMassGait g = solveSpringMass(kBody, v, 2.9, SpringMassUnknown::TouchdownAngle, 10000.0);
    const double T = 1.0 / 2.9;
    EXPECT_NEAR(g.contact_time_s + g.flight_time_s, T, 1e-9) << v;
    // Mean speed: 2 x overstride in stance plus the flight's travel is one step.
    EXPECT_NEAR((2.0 * g.overstride_m + g.touchdown_vx_m_s * g.flight_time_s) / T, v, 1e-8 * v);
    // Vertical impulse over the stance carries the weight over the whole step; fore-aft nets to zero.
    const double jz = integral(g.force_y_n, g.sample_dt_s), jx = integral(g.force_x_n, g.sample_dt_s);
    EXPECT_NEAR(jz, kBody.mass_kg * 9.81 * T, 1e-6 * jz) << v;
    EXPECT_NEAR(jx, 0.0, 1e-9 * jz) << v;
    EXPECT_LT(g.force_x_n.front() + g.force_x_n[1], 0.0) << "braking first";
  }
}

TEST(SpringMass, BothParameterisationsGiveTheSameGait) {
  const SpringMassGait a = solveSpringMass(kBody, 3.5, 2.8, SpringMassUnknown::TouchdownAngle, 11000.0);
  const SpringMassGait b =
      solveSpringMass(kBody, 3.5, 2.8, SpringMassUnknown::LegStiffness, a.touchdown_angle_rad);
  EXPECT_NEAR(b.leg_stiffness_n_m, 11000.0, 1e-4);
  EXPECT_NEAR(b.contact_time_s, a.contact_time_s, 1e-9);
  EXPECT_NEAR(b.com_drop_m, a.com_drop_m, 1e-9);
}

TEST(SpringMass, NearlyVerticalBouncingMatchesTheAnalyticHopper) {
  // At a vanishing forward speed the leg stays vertical: y'' = -ω²(y - y_eq), and a touchdown at -v0
  // gives a contact of (2/ω)(π - atan(v0 ω / g)) (the mass leaves when the spring is back at rest length).
  const double k = 20000.0;
  const SpringMassGait g = solveSpringMass(kBody, 0.01, 2.5, SpringMassUnknown::TouchdownAngle, k);
  const double w = std::sqrt(k / kBody.mass_kg), v0 = g.touchdown_vy_m_s;
  // The leg tilts by θ ≈ v t_c / (2 L0) ≈ 2e-3 rad, a relative effect of order θ² on the contact.
  EXPECT_NEAR(g.contact_time_s, 2.0 / w * (M_PI - std::atan(v0 * w / 9.81)), 1e-5 * g.contact_time_s);
  // Peak force: weight plus the spring's amplitude about equilibrium.
  const double u0 = 9.81 / (w * w), A = std::hypot(u0, v0 / w);
  EXPECT_NEAR(g.peak_force_n, kBody.mass_kg * (9.81 + w * w * A), 1e-3 * g.peak_force_n);
}

TEST(SpringMass, MorinSineWaveEstimateAgreesWithinItsPublishedBias) {
  // Morin et al. 2005 report their method's k_leg 6 % (up to 9.8 % at 3.33 m/s) from the measured value.
  for (double v : {3.33, 4.5, 6.0}) {
    const SpringMassGait g = solveSpringMass(kBody, v, 2.9, SpringMassUnknown::TouchdownAngle, 10000.0);
    const double morin =
        morinLegStiffness(kBody.mass_kg, kBody.leg_length_m, v, g.contact_time_s, g.flight_time_s);
    EXPECT_NEAR(morin / g.leg_stiffness_n_m, 1.0, 0.10) << v;
  }
}

TEST(SpringMass, ImpossibleGaitIsRefusedWithItsInputs) {
  try {
    // A very compliant leg cannot finish its stance within a short step at sprint speed.
    solveSpringMass(kBody, 6.5, 4.0, SpringMassUnknown::TouchdownAngle, 2000.0);
    FAIL() << "expected no gait";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("6.5 m/s"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace spineload
