// Hill-type musculotendon (engine/muscles/hill_muscle): the curves' anchors, shape and smoothness, a
// comparison with the measured sarcomere length–tension curve, fibre kinematics against their defining
// identities and a finite difference, activation steps against a fine RK4 integration, the temperature law,
// and the data file.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>
#include <string>

#include "engine/data/embedded_data.hpp"
#include "engine/muscles/hill_muscle.hpp"

namespace spineload {
namespace {

// Largest jump between neighbouring one-sided slopes over [lo, hi]: O(h) for a C¹ curve with a bounded second
// derivative, O(1) at a kink. Returns max |f'(x+) − f'(x−)| / h, a bound on |f''|.
double maxSecondDifference(const std::function<double(double)>& f, double lo, double hi) {
  const double h = 1e-4;
  double worst = 0.0;
  for (double x = lo + h; x <= hi - h; x += h) {
    const double jump = (f(x + h) - 2.0 * f(x) + f(x - h)) / (h * h);
    worst = std::max(worst, std::abs(jump));
  }
  return worst;
}

// ---- Curves
// ------------------------------------------------------------------------------------------------

TEST(HillCurves, ActiveForceLengthAnchorAndShape) {
  EXPECT_NEAR(activeForceLength(1.0), 1.0, 1e-14);
  // The sum of the three terms peaks a little beyond l̃ = 1 (at ≈ 1.013, 1.001) and falls on both sides.
  double peak_x = 0.0, peak = 0.0;
  for (double x = 0.4; x <= 1.8; x += 1e-4) {
    if (activeForceLength(x) > peak) peak = activeForceLength(x), peak_x = x;
  }
  EXPECT_NEAR(peak_x, 1.0, 0.02);
  EXPECT_LT(peak, 1.002);
  for (double x = 0.4; x < peak_x - 1e-3; x += 1e-3)
    EXPECT_LT(activeForceLength(x), activeForceLength(x + 1e-3));
  for (double x = peak_x + 1e-3; x < 1.8; x += 1e-3)
    EXPECT_GT(activeForceLength(x), activeForceLength(x + 1e-3));
  EXPECT_GT(activeForceLength(0.5), 0.0);
  EXPECT_LT(activeForceLength(1.8), 0.06);
  EXPECT_LT(maxSecondDifference(activeForceLength, 0.4, 1.8), 100.0);
}

// Independent reference: the sarcomere length–tension curve of frog fibres (Gordon, Huxley & Julian 1966,
// J Physiol 184:170, abstract): a plateau between 2.05 and 2.2 µm, a linear descending limb to zero overlap
// at 3.65 µm (thick filament 1.6 µm + thin filaments 2.05 µm, the figure quoted with that paper), and a
// decline below the plateau that turns steeper at 1.67 µm. l̃ = sarcomere length / 2.125 µm (mid-plateau).
TEST(HillCurves, ActiveForceLengthFollowsTheSarcomereLengthTensionCurve) {
  const double opt_um = 2.125;
  const auto f = [&](double sarcomere_um) { return activeForceLength(sarcomere_um / opt_um); };
  for (double sl = 2.05; sl <= 2.2; sl += 0.01) EXPECT_GT(f(sl), 0.98) << sl;
  // De Groote's curve lies within 0.1 of the descending line (largest gap 0.096, near 3.1 µm).
  for (double sl = 2.3; sl <= 3.4; sl += 0.05) EXPECT_NEAR(f(sl), (3.65 - sl) / (3.65 - 2.2), 0.1) << sl;
  EXPECT_LT(f(3.65), 0.06);
  const double slope_below = (f(1.67) - f(1.47)) / 0.2;
  const double slope_above = (f(2.05) - f(1.67)) / 0.38;
  EXPECT_GT(slope_below, 1.3 * slope_above);
}

TEST(HillCurves, ForceVelocityAnchorsAndShape) {
  EXPECT_NEAR(forceVelocity(0.0), 1.0, 1e-14);
  EXPECT_NEAR(forceVelocity(-1.0), 0.0, 1e-14);
  EXPECT_NEAR(forceVelocity(1.0), 1.794,
              1e-3);                    // the curve's range [0, 1.794] (OpenSim DeGrooteFregly2016Muscle)
  EXPECT_EQ(forceVelocity(-1.5), 0.0);  // no pushing beyond v_max
  for (double v = -1.0; v < 1.0; v += 1e-3) EXPECT_LT(forceVelocity(v), forceVelocity(v + 1e-3)) << v;
  // Hill-like: shortening loses force faster than linearly; lengthening gains up to ~1.8 F_max.
  EXPECT_LT(forceVelocity(-0.5), 0.3);
  EXPECT_GT(forceVelocity(0.5), 1.5);
  EXPECT_LT(maxSecondDifference(forceVelocity, -0.999, 1.0), 20.0);
}

TEST(HillCurves, ForceVelocityInverseRoundTrip) {
  for (double v = -1.0; v <= 1.0; v += 0.01)
    EXPECT_NEAR(forceVelocityInverse(forceVelocity(v)), v, 1e-12) << v;
  for (double f = 0.0; f <= 1.79; f += 0.01)
    EXPECT_NEAR(forceVelocity(forceVelocityInverse(f)), f, 1e-12) << f;
  EXPECT_NEAR(forceVelocityInverse(1.0), 0.0, 1e-14);
}

TEST(HillCurves, PassiveForceLengthAnchorsAndShape) {
  const HillConstants c;
  EXPECT_NEAR(passiveForceLength(1.0 + c.passive_strain_at_fmax, c), 1.0, 1e-14);
  // Thelen 2003: zero up to the optimal length; by hand (e^(4 × 0.3/0.6) − 1)/(e^4 − 1) = 6.389056/53.598150.
  EXPECT_EQ(passiveForceLength(1.0, c), 0.0);
  EXPECT_NEAR(passiveForceLength(1.3, c), 0.119203, 1e-6);
  EXPECT_EQ(passiveForceLength(0.2, c), 0.0);
  EXPECT_EQ(passiveForceLength(0.1, c), 0.0);
  for (double x = 1.0; x < 1.8; x += 1e-3) {
    EXPECT_LT(passiveForceLength(x, c), passiveForceLength(x + 1e-3, c));
    // Convex: each slope exceeds the previous one.
    EXPECT_GT(passiveForceLength(x + 2e-3, c) - passiveForceLength(x + 1e-3, c),
              passiveForceLength(x + 1e-3, c) - passiveForceLength(x, c));
  }
  EXPECT_LT(maxSecondDifference([&](double x) { return passiveForceLength(x, c); }, 1.001, 1.8), 400.0);
  HillConstants stiff = c;
  stiff.passive_strain_at_fmax = 0.5;
  stiff.passive_force_scale = 0.8;
  EXPECT_NEAR(passiveForceLength(1.5, stiff), 0.8, 1e-14);
}

// ---- Fibre kinematics and forces ------------------------------------------------------------------------

TEST(HillFiber, KinematicsReproduceTheirDefiningIdentities) {
  const HillConstants c;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  for (int i = 0; i < 200; ++i) {
    const double l_opt = 0.03 + 0.2 * uni(rng), l_slack = 0.01 + 0.2 * uni(rng), alpha_opt = 0.5 * uni(rng);
    const double l_mt = l_slack + l_opt * (0.3 + 1.4 * uni(rng));
    const FiberState s = fiberState(l_mt, 0.0, l_opt, l_slack, alpha_opt, c);
    const double l_f = s.length_norm * l_opt;
    const double width = l_opt * std::sin(alpha_opt);
    EXPECT_NEAR(l_slack + l_f * s.cos_pennation, l_mt, 1e-14);
    // l_f sin α = width, squared (sin α from cos α would lose digits at small pennation).
    EXPECT_NEAR(l_f * l_f * (1.0 - s.cos_pennation * s.cos_pennation), width * width, 1e-15 * l_f * l_f);
    EXPECT_EQ(s.velocity_norm, 0.0);
  }
  // At l_mt = l_slack + l_opt cos α_opt the fibre is at its optimal length and pennation.
  const FiberState at_opt = fiberState(0.1 + 0.08 * std::cos(0.3), 0.0, 0.08, 0.1, 0.3, c);
  EXPECT_NEAR(at_opt.length_norm, 1.0, 1e-14);
  EXPECT_NEAR(at_opt.cos_pennation, std::cos(0.3), 1e-14);
}

TEST(HillFiber, VelocityMatchesFiniteDifferenceOfFiberLength) {
  const HillConstants c;
  const double l_opt = 0.1, l_slack = 0.05, alpha_opt = 0.35, amplitude = 0.03, omega = 2.0 * M_PI * 3.0;
  const auto l_mt = [&](double t) {
    return l_slack + l_opt * std::cos(alpha_opt) + amplitude * std::sin(omega * t);
  };
  const auto fiber_m = [&](double t) {
    return fiberState(l_mt(t), 0.0, l_opt, l_slack, alpha_opt, c).length_norm * l_opt;
  };
  const double h = 1e-6;
  for (double t = 0.0; t < 0.34; t += 0.01) {
    const double v_mt = amplitude * omega * std::cos(omega * t);
    const FiberState s = fiberState(l_mt(t), v_mt, l_opt, l_slack, alpha_opt, c);
    const double v_fiber = s.velocity_norm * c.max_contraction_velocity_lopt_per_s * l_opt;
    const double fd = (fiber_m(t + h) - fiber_m(t - h)) / (2.0 * h);
    EXPECT_NEAR(v_fiber, fd, 1e-7 * std::max(1.0, std::abs(fd))) << t;
  }
}

TEST(HillFiber, PathShorterThanTheTendonIsHeld) {
  const HillConstants c;
  const FiberState s = fiberState(0.09, -0.5, 0.1, 0.1, 0.0, c);
  EXPECT_NEAR(s.length_norm, 0.01, 1e-15);
  EXPECT_EQ(s.velocity_norm, 0.0);
  EXPECT_EQ(s.cos_pennation, 1.0);
  const FiberState p = fiberState(0.09, -0.5, 0.1, 0.1, 0.2, c);
  EXPECT_TRUE(std::isfinite(p.length_norm) && std::isfinite(p.cos_pennation));
}

TEST(HillFiber, ForceTermsSplitLinearlyInActivation) {
  const HillConstants c;
  const double f_max = 800.0, alpha_opt = 0.2;
  // Isometric at optimal length: F = F_max cos α_opt (a + f_PE(1)).
  const FiberState iso = fiberState(0.05 + 0.1 * std::cos(alpha_opt), 0.0, 0.1, 0.05, alpha_opt, c);
  const ForceTerms t_iso = forceTerms(iso, f_max, c);
  EXPECT_NEAR(t_iso.active_per_activation_n, f_max * std::cos(alpha_opt), 1e-10);
  EXPECT_NEAR(t_iso.passive_n, f_max * std::cos(alpha_opt) * passiveForceLength(1.0, c), 1e-10);
  // A stretched, lengthening fibre: both terms from the curves, damping included.
  const FiberState s = fiberState(0.05 + 0.13, 0.2, 0.1, 0.05, alpha_opt, c);
  const ForceTerms t = forceTerms(s, f_max, c);
  const double cos_a = s.cos_pennation;
  EXPECT_NEAR(t.active_per_activation_n,
              f_max * cos_a * activeForceLength(s.length_norm) * forceVelocity(s.velocity_norm), 1e-10);
  EXPECT_NEAR(t.passive_n,
              f_max * cos_a * (passiveForceLength(s.length_norm, c) + c.fiber_damping * s.velocity_norm),
              1e-10);
  EXPECT_GT(s.velocity_norm, 0.0);
  EXPECT_GT(forceVelocity(s.velocity_norm), 1.0);
}

// The analytic slopes in the path's lengthening rate against central differences of forceTerms (shortening,
// isometric, lengthening; a pennate fibre), the values against forceTerms itself, and zero slopes where
// f_V is held at zero or the path is held.
TEST(HillFiber, ForceTermSlopesMatchFiniteDifferences) {
  const HillConstants c;
  const double f_max = 600.0, l_opt = 0.09, l_slack = 0.06, alpha_opt = 0.25, l_mt = 0.06 + 0.1;
  const auto terms = [&](double v_mt) {
    return forceTerms(fiberState(l_mt, v_mt, l_opt, l_slack, alpha_opt, c), f_max, c);
  };
  for (double v_mt : {-0.5, -0.1, 0.0, 0.05, 0.3}) {
    const ForceTermsAndSlope t =
        forceTermsAndSlope(fiberState(l_mt, v_mt, l_opt, l_slack, alpha_opt, c), f_max, c);
    const ForceTerms ref = terms(v_mt);
    EXPECT_DOUBLE_EQ(t.value.active_per_activation_n, ref.active_per_activation_n) << v_mt;
    EXPECT_DOUBLE_EQ(t.value.passive_n, ref.passive_n) << v_mt;
    const double h = 1e-6;
    const ForceTerms plus = terms(v_mt + h), minus = terms(v_mt - h);
    const double fd_active = (plus.active_per_activation_n - minus.active_per_activation_n) / (2.0 * h);
    const double fd_passive = (plus.passive_n - minus.passive_n) / (2.0 * h);
    EXPECT_NEAR(t.slope.active_per_activation_n, fd_active, 1e-6 * std::abs(fd_active)) << v_mt;
    EXPECT_NEAR(t.slope.passive_n, fd_passive, 1e-6 * std::abs(fd_passive)) << v_mt;
    EXPECT_GT(t.slope.active_per_activation_n, 0.0) << v_mt;  // force rises with lengthening
  }
  const double v_max_mt = c.max_contraction_velocity_lopt_per_s * l_opt * 2.0;  // beyond v_max
  EXPECT_EQ(forceTermsAndSlope(fiberState(l_mt, -v_max_mt, l_opt, l_slack, alpha_opt, c), f_max, c)
                .slope.active_per_activation_n,
            0.0);
  const ForceTermsAndSlope held =
      forceTermsAndSlope(fiberState(0.05, -0.2, l_opt, l_slack, 0.0, c), f_max, c);
  EXPECT_EQ(held.slope.active_per_activation_n, 0.0);
  EXPECT_EQ(held.slope.passive_n, 0.0);
}

// ---- Activation dynamics --------------------------------------------------------------------------------

// RK4 of da/dt = (u − a)/τ over [0, dt] in n steps; τ frozen at a0's value, or following a (full ODE).
double rk4Activation(double a0, double u, double dt, int n, bool frozen, const HillConstants& c) {
  const auto tau = [&](double a) {
    const double at = frozen ? a0 : a;
    const double shape = 0.5 + 1.5 * at;
    return u > (frozen ? a0 : a) ? c.activation_time_s * shape : c.deactivation_time_s / shape;
  };
  const auto rate = [&](double a) { return (u - a) / tau(a); };
  const double h = dt / n;
  double a = a0;
  for (int i = 0; i < n; ++i) {
    const double k1 = rate(a), k2 = rate(a + 0.5 * h * k1), k3 = rate(a + 0.5 * h * k2),
                 k4 = rate(a + h * k3);
    a += h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
  }
  return a;
}

TEST(HillActivation, ExactStepMatchesRk4OfTheFrozenOde) {
  const HillConstants c;
  for (double a : {0.0, 0.05, 0.3, 0.7, 1.0})
    for (double u : {0.0, 0.2, 0.5, 1.0})
      for (double dt : {0.001, 0.01, 0.05}) {
        EXPECT_NEAR(advanceActivation(a, u, dt, c), rk4Activation(a, u, dt, 20000, true, c), 1e-12)
            << a << " " << u << " " << dt;
      }
}

TEST(HillActivation, RepeatedStepsConvergeToTheFullOde) {
  // With τ(a) varying, freezing it per step is first order: halving dt halves the error.
  const HillConstants c;
  for (const auto& [a0, u] : {std::pair{0.05, 0.9}, std::pair{0.9, 0.1}}) {
    const double reference = rk4Activation(a0, u, 0.1, 200000, false, c);
    double error[2];
    for (int k = 0; k < 2; ++k) {
      const int steps = 100 << k;
      double a = a0;
      for (int i = 0; i < steps; ++i) a = advanceActivation(a, u, 0.1 / steps, c);
      error[k] = std::abs(a - reference);
    }
    EXPECT_LT(error[0], 5e-3);
    EXPECT_NEAR(error[0] / error[1], 2.0, 0.2);
  }
}

TEST(HillActivation, ExcitationForInvertsTheStep) {
  const HillConstants c;
  for (double a = 0.0; a <= 1.0; a += 0.05)
    for (double u = 0.0; u <= 1.0; u += 0.05)
      for (double dt : {0.001, 0.005, 0.02}) {
        const double target = advanceActivation(a, u, dt, c);
        EXPECT_NEAR(excitationFor(a, target, dt, c), u, 1e-9) << a << " " << u << " " << dt;
      }
  // Unreachable targets clamp to the bounds of the excitation.
  EXPECT_EQ(excitationFor(0.2, 0.9, 0.005, c), 1.0);
  EXPECT_EQ(excitationFor(0.8, 0.1, 0.005, c), 0.0);
  EXPECT_EQ(excitationFor(0.4, 0.6, 0.0, c), 1.0);
  EXPECT_EQ(excitationFor(0.4, 0.4, 0.0, c), 0.4);
}

TEST(HillActivation, ReachableBoundsEncloseEveryExcitation) {
  const HillConstants c;
  for (double a = 0.0; a <= 1.0; a += 0.1) {
    double lo = 0.0, hi = 0.0;
    reachableActivation(a, 0.005, c, lo, hi);
    EXPECT_GE(lo, 0.0);
    EXPECT_LE(hi, 1.0);
    EXPECT_LE(lo, a);
    EXPECT_GE(hi, a);
    for (double u = 0.0; u <= 1.0; u += 0.05) {
      const double next = advanceActivation(a, u, 0.005, c);
      EXPECT_GE(next, lo - 1e-15);
      EXPECT_LE(next, hi + 1e-15);
    }
  }
  // From rest, activation rises faster (τ = 0.5 τ_act) than it falls from full (τ = τ_deact / 2).
  double lo = 0.0, hi = 0.0;
  reachableActivation(0.0, 0.01, c, lo, hi);
  const double rise = hi;
  reachableActivation(1.0, 0.01, c, lo, hi);
  EXPECT_GT(rise, 1.0 - lo);
  EXPECT_NEAR(rise, 1.0 - std::exp(-0.01 / (0.5 * c.activation_time_s)), 1e-15);
}

// ---- Temperature ----------------------------------------------------------------------------------------

void expectSameConstants(const HillConstants& a, const HillConstants& b, double tol) {
  EXPECT_NEAR(a.max_contraction_velocity_lopt_per_s, b.max_contraction_velocity_lopt_per_s, tol);
  EXPECT_NEAR(a.activation_time_s, b.activation_time_s, tol);
  EXPECT_NEAR(a.deactivation_time_s, b.deactivation_time_s, tol);
  EXPECT_NEAR(a.passive_strain_at_fmax, b.passive_strain_at_fmax, tol);
  EXPECT_NEAR(a.passive_shape, b.passive_shape, tol);
  EXPECT_NEAR(a.passive_force_scale, b.passive_force_scale, tol);
  EXPECT_NEAR(a.fiber_damping, b.fiber_damping, tol);
  EXPECT_NEAR(a.short_range_stiffness, b.short_range_stiffness, tol);
  EXPECT_NEAR(a.q10_velocity, b.q10_velocity, tol);
  EXPECT_NEAR(a.q10_activation, b.q10_activation, tol);
  EXPECT_NEAR(a.q10_passive_stiffness, b.q10_passive_stiffness, tol);
  EXPECT_NEAR(a.q10_viscosity, b.q10_viscosity, tol);
  EXPECT_NEAR(a.muscle_temperature_c, b.muscle_temperature_c, tol);
}

TEST(HillTemperature, UnchangedAtTheReferenceTemperature) {
  const HillConstants c = readHillConstants();
  expectSameConstants(atTemperature(c, 37.0), c, 0.0);
}

TEST(HillTemperature, TenDegreesColderDividesRatesByQ10) {
  const HillConstants c = readHillConstants();
  const HillConstants cold = atTemperature(c, 27.0);
  EXPECT_NEAR(cold.max_contraction_velocity_lopt_per_s,
              c.max_contraction_velocity_lopt_per_s / c.q10_velocity, 1e-12);
  EXPECT_NEAR(cold.activation_time_s, c.activation_time_s * c.q10_activation, 1e-15);
  EXPECT_NEAR(cold.deactivation_time_s, c.deactivation_time_s * c.q10_activation, 1e-15);
  EXPECT_NEAR(cold.passive_force_scale, 1.0 / c.q10_passive_stiffness, 1e-12);
  EXPECT_NEAR(cold.fiber_damping, c.fiber_damping / c.q10_viscosity, 1e-15);
  EXPECT_EQ(cold.muscle_temperature_c, 27.0);
  // What does not depend on temperature stays.
  EXPECT_EQ(cold.passive_strain_at_fmax, c.passive_strain_at_fmax);
  EXPECT_EQ(cold.short_range_stiffness, c.short_range_stiffness);
  // Colder passive tissue is stiffer (Mutungi & Ranatunga 1998): more passive force at the same stretch.
  EXPECT_GT(passiveForceLength(1.3, cold), passiveForceLength(1.3, c));
}

TEST(HillTemperature, ComposesAndRefusesTemperaturesOutsideTheLaw) {
  const HillConstants c = readHillConstants();
  expectSameConstants(atTemperature(atTemperature(c, 30.0), 39.0), atTemperature(c, 39.0), 1e-13);
  EXPECT_THROW(atTemperature(c, 15.0), std::invalid_argument);
  EXPECT_THROW(atTemperature(c, 45.0), std::invalid_argument);
  EXPECT_THROW(atTemperature(c, std::nan("")), std::invalid_argument);
}

TEST(HillTemperature, WarmUpSpeedsMuscleAndSoftensPassiveTissue) {
  const HillConstants c = readHillConstants();
  const MuscleTemperatures t = readMuscleTemperatures();
  EXPECT_LT(t.resting_c, t.warmed_up_c);
  const HillConstants rest = atTemperature(c, t.resting_c), warm = atTemperature(c, t.warmed_up_c);
  EXPECT_GT(warm.max_contraction_velocity_lopt_per_s, rest.max_contraction_velocity_lopt_per_s);
  EXPECT_LT(warm.activation_time_s, rest.activation_time_s);
  EXPECT_LT(warm.passive_force_scale, rest.passive_force_scale);
  EXPECT_LT(warm.fiber_damping, rest.fiber_damping);
  // 2.5 °C of warm-up with Q10 = 2: v_max × 2^0.25.
  EXPECT_NEAR(warm.max_contraction_velocity_lopt_per_s / rest.max_contraction_velocity_lopt_per_s,
              std::pow(c.q10_velocity, (t.warmed_up_c - t.resting_c) / 10.0), 1e-12);
}

// ---- Stiffness and data ---------------------------------------------------------------------------------

TEST(HillStiffness, ShortRangeStiffnessIsQForceOverLength) {
  HillConstants c;
  EXPECT_NEAR(shortRangeStiffness(500.0, 0.25, c), 10.0 * 500.0 / 0.25, 1e-9);
  EXPECT_EQ(shortRangeStiffness(-20.0, 0.25, c), 0.0);
  c.short_range_stiffness = 4.0;
  EXPECT_NEAR(shortRangeStiffness(500.0, 0.25, c), 8000.0, 1e-9);
}

TEST(HillConstantsData, DataFileMatchesTheDocumentedDefaults) {
  expectSameConstants(readHillConstants(), HillConstants{}, 0.0);
  const MuscleTemperatures t = readMuscleTemperatures(), defaults;
  EXPECT_EQ(t.resting_c, defaults.resting_c);
  EXPECT_EQ(t.warmed_up_c, defaults.warmed_up_c);
  EXPECT_GE(t.resting_c, kMinMuscleTemperatureC);
  EXPECT_LE(t.warmed_up_c, kMaxMuscleTemperatureC);
}

std::string errorOf(const std::string& text) {
  try {
    hillConstantsFromToml(text, "m.toml");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(HillConstantsData, MissingKeysAndTablesAreNamed) {
  const std::string full(embeddedDataFile("muscle_physiology.toml"));
  EXPECT_EQ(errorOf(full), "");
  const auto without_line_of = [&](const std::string& key) {
    const std::size_t at = full.find("\n" + key + " = ");
    EXPECT_NE(at, std::string::npos) << key;
    return full.substr(0, at) + full.substr(full.find('\n', at + 1));
  };
  EXPECT_EQ(errorOf(without_line_of("deactivation_time_s")),
            "m.toml: [activation] deactivation_time_s: missing");
  EXPECT_EQ(errorOf(without_line_of("q10_viscosity")), "m.toml: [temperature] q10_viscosity: missing");
  std::string no_table = full;
  no_table.replace(no_table.find("[passive]"), 9, "[passiv]");
  EXPECT_NE(errorOf(no_table).find("no table [passive]"), std::string::npos) << errorOf(no_table);
}

// The controller computes both decays once per solve and reuses them: its bounds and excitations must be
// exactly (bit for bit) what advanceActivation and excitationFor give, or runs would change with it.
TEST(HillActivation, SharedDecaysGiveTheSameBoundsAndExcitations) {
  const HillConstants c;
  for (double a = 0.0; a <= 1.0; a += 0.05)
    for (double dt : {0.0005, 0.001, 0.005}) {
      const double up = activationDecay(a, true, dt, c), down = activationDecay(a, false, dt, c);
      EXPECT_DOUBLE_EQ(up, std::exp(-dt / (c.activation_time_s * (0.5 + 1.5 * a)))) << a;
      EXPECT_DOUBLE_EQ(down, std::exp(-dt / (c.deactivation_time_s / (0.5 + 1.5 * a)))) << a;
      double lo = 0.0, hi = 0.0;  // the bounds are the activation law's own steps at u = 0 and u = 1
      reachableFromDecays(a, up, down, lo, hi);
      EXPECT_EQ(lo, advanceActivation(a, 0.0, dt, c)) << a;
      EXPECT_EQ(hi, advanceActivation(a, 1.0, dt, c)) << a;
      for (double target = 0.0; target <= 1.0; target += 0.1)
        EXPECT_EQ(excitationFromDecay(a, target, target > a ? up : down), excitationFor(a, target, dt, c))
            << a << " " << target << " " << dt;
    }
}

}  // namespace
}  // namespace spineload
