// Discs: the intradiscal-pressure estimate, and how hydration sets swelling pressure, disc height and the
// segments' bending compliance (the in-vivo pressures of Wilke et al. 1999 are validation checks:
// engine/validation/checks_discs.cpp, tests/validation/).
#include <gtest/gtest.h>

#include <cmath>

#include "engine/anatomy/trunk_builder.hpp"
#include "engine/dynamics/joint_spring_damper.hpp"
#include "engine/metrics/disc_pressure.hpp"
#include "engine/run/run_scenario.hpp"
#include "engine/validation/tissue_measures.hpp"

namespace spineload {
namespace {

constexpr double kEvening = 0.9295;  // trunk_anatomy.toml [discs] evening_hydration

TEST(DiscPressure, SwellingPlusNachemsonLoadShare) {
  DiscPressureModel m;  // P_sw 0.24 MPa (morning) to 0.10 MPa (evening), k = 1.5
  m.evening_hydration = kEvening;
  SpineLevel l;
  l.disc_area_m2 = 1.65e-3;
  EXPECT_NEAR(intradiscalPressureMpa(m, l, 330.0, kEvening), 0.1 + 1.5 * 330.0 / 1.65e-3 * 1e-6, 1e-12);
  EXPECT_NEAR(intradiscalPressureMpa(m, l, -50.0, kEvening), 0.1, 1e-12)
      << "a disc in tension keeps its swelling pressure";
  l.disc_area_m2 = 0.0;
  EXPECT_EQ(intradiscalPressureMpa(m, l, 330.0, kEvening), 0.0) << "no disc data, no pressure";
}

TrunkModel trunkAt(double hydration) {
  PostureParams p;
  p.thoracic_kyphosis_deg = 33.2;
  p.lumbar_lordosis_deg = 47.4;
  return buildTrunk({73.0, 1.741}, p,
                    std::make_shared<VerticalSinusoid>(Mat3::Identity(), Vec3::Zero(), 0.0, 1.0), nullptr,
                    DiscParams{hydration, false});
}

TEST(DiscPressure, HydrationSetsSwellingPressureHeightAndCompliance) {
  const TrunkModel morning = trunkAt(1.0), evening = trunkAt(kEvening), dry = trunkAt(0.5);
  EXPECT_NEAR(morning.discs.swellingPressurePa(1.0), 0.24e6, 1e-6) << "Wilke 1999: after a night's rest";
  EXPECT_NEAR(evening.discs.swellingPressurePa(kEvening), 0.10e6, 1e-6) << "Wilke 1999: in the evening";
  EXPECT_NEAR(dry.discs.swellingPressurePa(0.5), 0.10e6, 1e-6)
      << "drier than the evening: the evening value is kept";
  const SpineLevel& m45 = *morning.findLevel("L4_L5");
  const SpineLevel& e45 = *evening.findLevel("L4_L5");
  EXPECT_NEAR(m45.disc_height_m, 0.01382, 1e-12);
  EXPECT_NEAR(e45.disc_height_m / m45.disc_height_m, kEvening, 1e-12)
      << "height proportional to fluid content";
  // The evening segment is 13 % more compliant: the morning range of motion now needs less moment.
  const auto flexionMoment = [](const TrunkModel& t, double angle) {
    return passiveMomentNm(t, *t.findLevel("L1_L2"), SegmentAxis::FlexionExtension, angle);
  };
  const double rom = 5.8 * M_PI / 180.0;  // Yamamoto 1989 L1-L2 flexion at 10 N m
  EXPECT_NEAR(flexionMoment(morning, rom), 10.0, 1e-9);
  EXPECT_NEAR(flexionMoment(evening, 1.13 * rom), 10.0, 1e-9);
}

TEST(DiscHydration, StandingForAnHourShrinksTheDiscsAsTheirStressDictates) {
  // One hour standing from the morning, simulated (implicit Euler, 10 ms steps): each disc's hydration must
  // follow h(t) = h_eq + (1 - h_eq) exp(-t / tau_loss) under its own stress, and the stature the sum.
  const ScenarioSpec s = toScenarioSpec(parseScenarioText(
      "[simulation]\nduration_s = 3600\ndt_s = 0.01\nintegrator = \"implicit_euler\"\noutput_rate_hz = 1\n"
      "[gait]\nmode = \"standing\"\n[control]\nactuators = \"torques\"\n",
      "s.toml", loadParameterTable()));
  const TrunkModel t = buildScenarioModel(s);
  const RunResult r = runScenario(s, t);
  const DiscPressureModel& m = t.discs;
  double expected = 0.0;
  for (const LevelSeries& l : r.levels) {
    const SpineLevel& level = *t.findLevel(l.level);
    const double h_eq = 1.0 - (1.0 - m.evening_hydration) * (l.compression_n.back() / level.disc_area_m2) /
                                  m.upright_stress_pa;
    const double h = h_eq + (1.0 - h_eq) * std::exp(-3600.0 / m.tau_loss_s);
    EXPECT_NEAR(l.disc_height_m.back(), h * level.morning_disc_height_m, 1e-3 * level.morning_disc_height_m)
        << l.level;
    expected += (h - 1.0) * level.morning_disc_height_m;
  }
  EXPECT_NEAR(r.stature_change_m.back(), expected, 0.02 * std::abs(expected));
  EXPECT_LT(r.stature_change_m.back(), -1e-3) << "more than a millimetre in an hour";
}

TEST(DiscPressure, StatureChangeSumsTheDiscHeightLoss) {
  const ScenarioSpec s =
      toScenarioSpec(parseScenarioText("[simulation]\nduration_s = 0.1\noutput_rate_hz = 100\n[gait]\nmode = "
                                       "\"standing\"\n[discs]\nhydration = 0.9295\n",
                                       "s.toml", loadParameterTable()));
  const TrunkModel t = buildScenarioModel(s);
  const RunResult r = runScenario(s, t);
  double expected = 0.0;
  for (const SpineLevel& l : t.levels) expected += (kEvening - 1.0) * l.morning_disc_height_m;
  EXPECT_NEAR(r.stature_change_m.front(), expected, 1e-12);
  EXPECT_NEAR(r.stature_change_m.back(), expected, 1e-6)
      << "0.1 s of flow changes it by well under a micrometre";
  EXPECT_LT(r.stature_change_m.back(), -0.005) << "several millimetres shorter in the evening";
}

TEST(DiscHydration, CreepAndRecoveryFollowTheirTimeConstants) {
  const DiscPressureModel m;  // defaults = trunk_anatomy.toml [discs]
  // Under the upright stress a disc settles at the evening hydration ...
  double h = 1.0;
  for (int minute = 0; minute < 60 * 24; ++minute) h = m.advanceHydration(h, m.upright_stress_pa, 60.0);
  EXPECT_NEAR(h, m.evening_hydration, 1e-9);
  // ... losing 54 % of that in the first hour (Tyrrell 1985, the fit's anchor), in any step size.
  const double one_hour = m.advanceHydration(1.0, m.upright_stress_pa, 3600.0);
  EXPECT_NEAR((1.0 - one_hour) / (1.0 - m.evening_hydration), 0.54, 0.005);
  double stepped = 1.0;
  for (int s = 0; s < 3600; ++s) stepped = m.advanceHydration(stepped, m.upright_stress_pa, 1.0);
  EXPECT_NEAR(stepped, one_hour, 1e-12) << "exact integration: the step size does not matter";
  // Unloaded (lying) it regains 70 % of the day's loss in 4 h.
  const double night = m.advanceHydration(m.evening_hydration, 0.0, 4 * 3600.0);
  EXPECT_NEAR((night - m.evening_hydration) / (1.0 - m.evening_hydration), 0.70, 0.005);
  // Tension does not pump fluid in beyond the unloaded equilibrium.
  EXPECT_NEAR(m.advanceHydration(1.0, -1e6, 3600.0), 1.0, 1e-15);
}

TEST(DiscAxial, CurveStiffensWithPreloadAsMeasured) {
  // Gardner-Morse & Stokes 2004: stiffness x 2.11 at 500 N against no preload.
  const SpringDof d = discAxialCurve(2.0e6, 2.11, 500.0);
  EXPECT_NEAR(d.k1, 2.0e6 / 2.11, 1e-6);
  // Find the compression at 500 N (q < 0 is compression) and the tangent stiffness there.
  double q = 0.0;
  for (int i = 0; i < 50; ++i) {
    const double force = -(d.k1 * q + d.k3_negative * q * q * q),
                 stiffness = d.k1 + 3.0 * d.k3_negative * q * q;
    q -= (500.0 - force) / stiffness;
  }
  EXPECT_NEAR(d.k1 + 3.0 * d.k3_negative * q * q, 2.0e6, 1.0);
  EXPECT_EQ(d.k3, 0.0) << "linear in tension";
}

ScenarioSpec axialSpec(const std::string& extra) {
  return toScenarioSpec(
      parseScenarioText("[simulation]\nduration_s = 0.5\noutput_rate_hz = 10\n"
                        "integrator = \"implicit_euler\"\n[discs]\naxial_dof = true\n" +
                            extra + "[control]\nactuators = \"torques\"\n",  // the disc mechanics alone
                        "s.toml", loadParameterTable()));
}

TEST(DiscAxial, StandingDiscsSettleUnderTheWeightAbove) {
  const ScenarioSpec s = axialSpec("[gait]\nmode = \"standing\"\n");
  const TrunkModel t = buildScenarioModel(s);
  ASSERT_NE(t.findLevel("L4_L5")->disc_body, -1);
  const RunResult r = runScenario(s, t);
  ScenarioSpec rigid = s;
  rigid.discs.axial_dof = false;
  const RunResult ref = runScenario(rigid, buildScenarioModel(rigid));
  for (std::size_t l = 0; l < r.levels.size(); ++l) {
    const LevelSeries& a = r.levels[l];
    // Same loads as with rigid discs (the discs shorten by a fraction of a millimetre) ...
    EXPECT_NEAR(a.compression_n.back(), ref.levels[l].compression_n.back(),
                0.005 * ref.levels[l].compression_n.back() + 0.5)
        << a.level;
    // ... and each disc is shorter than unloaded, by F / k of the order of 0.1-0.5 mm.
    const double shortening = ref.levels[l].disc_height_m.back() - a.disc_height_m.back();
    EXPECT_GT(shortening, 0.02e-3) << a.level;
    EXPECT_LT(shortening, 0.6e-3) << a.level;
  }
}

TEST(DiscAxial, FluidLossStiffensAndLessensDamping) {
  // Johannessen 2004: +33 % stiffness, -59 % viscous relaxation after fluid loss, taken at the evening disc.
  const auto axialCurve = [](double hydration) {
    const TrunkModel t =
        buildTrunk({73.0, 1.741}, PostureParams{33.2, 47.4},
                   std::make_shared<VerticalSinusoid>(Mat3::Identity(), Vec3::Zero(), 0.0, 1.0), nullptr,
                   DiscParams{hydration, true});
    const Model& m = *t.model;
    const int body = t.findLevel("L4_L5")->disc_body;
    Eigen::VectorXd q = m.q_neutral, v = Eigen::VectorXd::Zero(m.nv), tau = v, K = v, D = v;
    for (const auto& e : m.force_elements) e->addGeneralizedForces(m, q, v, tau, &K, &D);
    return std::pair<double, double>(K[m.bodies[body].v_index], D[m.bodies[body].v_index]);
  };
  const auto morning = axialCurve(1.0), evening = axialCurve(kEvening);
  EXPECT_NEAR(morning.first, 2.0e6 / 2.11, 1.0) << "no-load stiffness of a lumbar disc";
  EXPECT_NEAR(evening.first / morning.first, 1.33, 1e-9);
  EXPECT_NEAR(evening.second / morning.second, 0.41, 1e-9);
}

TEST(DiscAxial, ExplicitIntegratorsNeedAShortStep) {
  EXPECT_THROW(
      toScenarioSpec(parseScenarioText("[discs]\naxial_dof = true\n[simulation]\nintegrator = \"rk4\"\n"
                                       "dt_s = 0.001\n",
                                       "s.toml", loadParameterTable())),
      ScenarioError);
  EXPECT_NO_THROW(
      toScenarioSpec(parseScenarioText("[discs]\naxial_dof = true\n[simulation]\nintegrator = \"rk4\"\n"
                                       "dt_s = 0.0005\n",
                                       "s.toml", loadParameterTable())));
}

}  // namespace
}  // namespace spineload
