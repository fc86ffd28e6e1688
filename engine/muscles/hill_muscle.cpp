// Hill-type musculotendon physics with a rigid tendon; equations and sources in hill_muscle.hpp and
// docs/muscles.md ("Hill-type musculotendon").
#include "engine/muscles/hill_muscle.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "engine/data/data_table.hpp"
#include "engine/data/embedded_data.hpp"

namespace spineload {
namespace {

constexpr std::string_view kDataFile = "muscle_physiology.toml";

// ---- Curve-shape coefficients of De Groote et al. 2016 (supplement, with the notation b_ij, d_i) ----------
// Transcribed to full precision from the authors' own MATLAB code (simtk.org project optcntrlmuscle, as read
// in antoinefalisse/solvemuscleredundancy_dev, "Faparam"/"Fvparam"); the supplement (not read here) prints
// them rounded, as OpenSim's DeGrooteFregly2016Muscle notes. Two anchors do not hold exactly with these
// digits (f_L(1) = 0.99943, f_V(0) = 1.0021, f_V(−1) = 0.0108), so b11 and d1, d4 are re-solved below so that
// f_L(1) = 1, f_V(0) = 1 and f_V(−1) = 0, as OpenSim's DeGrooteFregly2016Muscle also does; every other
// coefficient is as published.

// One Gaussian-like term of f_L: b1 exp(−½ (l̃ − b2)² / (b3 + b4 l̃)²) (squared denominator as in the
// authors' code; OpenSim's DeGrooteFregly2016Muscle notes that the supplement omits the square, a typo).
struct GaussianTerm {
  double b1, b2, b3, b4;
};
constexpr GaussianTerm kActiveTerm1 = {0.814483478343008, 1.05503342897057, 0.162384573599574,
                                       0.0633034484654646};  // b11 re-solved below
constexpr GaussianTerm kActiveTerm2 = {0.433004984392647, 0.716775413397760, -0.0299471169706956,
                                       0.200356847296188};
// b33 = 0.5 √0.5 as written in the authors' code.
constexpr GaussianTerm kActiveTerm3 = {0.1, 1.0, 0.35355339059327373, 0.0};

// f_V(ṽ) = d1 ln(d2 ṽ + d3 + sqrt((d2 ṽ + d3)² + 1)) + d4 = d1 asinh(d2 ṽ + d3) + d4.
constexpr double kFvD2 = -8.149156043475250;
constexpr double kFvD3 = -0.374121508647860;

// The passive curve starts at the optimal fibre length, as Thelen 2003 (J Biomech Eng 125:70, Eq. 3):
// f_PE = (exp(kPE (l̃ − 1)/e0) − 1)/(exp(kPE) − 1) for l̃ > 1, so f_PE(1 + e0) = 1 by definition of e0. De
// Groote's code shifts the same exponential to be zero at l̃ = 0.2, which leaves 1.8 % of F_max at l̃ = 1:
// with the rigid tendons' slack lengths putting every fibre at its optimal length in the neutral posture,
// that would load every muscle there and the controller would have to cancel the unbalanced passive moments
// with active co-contraction, even lying down (a model artefact, not physiology).
constexpr double kPassiveZeroLengthNorm = 1.0;

// The smallest fibre projection on the tendon kept by the rigid-tendon kinematics, × l_opt.
constexpr double kMinFiberProjectionNorm = 0.01;

double gaussianLike(double x, const GaussianTerm& t) {
  const double width = t.b3 + t.b4 * x;
  const double d = x - t.b2;
  return t.b1 * std::exp(-0.5 * d * d / (width * width));
}

struct SolvedAnchors {
  double b11;     // f_L(1) = 1
  double d1, d4;  // f_V(0) = 1 and f_V(−1) = 0
};

SolvedAnchors solveAnchors() {
  SolvedAnchors s{};
  GaussianTerm unit1 = kActiveTerm1;
  unit1.b1 = 1.0;
  s.b11 =
      (1.0 - gaussianLike(1.0, kActiveTerm2) - gaussianLike(1.0, kActiveTerm3)) / gaussianLike(1.0, unit1);
  // d1 asinh(d3) + d4 = 1 and d1 asinh(d3 − d2) + d4 = 0.
  s.d1 = -1.0 / (std::asinh(kFvD3 - kFvD2) - std::asinh(kFvD3));
  s.d4 = 1.0 - s.d1 * std::asinh(kFvD3);
  return s;
}

// Solved once (thread-safe static); the per-call cost is one guard load.
const SolvedAnchors& anchors() {
  static const SolvedAnchors s = solveAnchors();
  return s;
}

// Time constant of the activation ODE at activation a when driven up (u > a) or down (Thelen 2003).
double activationTimeConstant(double a, bool rising, const HillConstants& c) {
  const double shape = 0.5 + 1.5 * std::clamp(a, 0.0, 1.0);
  return rising ? c.activation_time_s * shape : c.deactivation_time_s / shape;
}

// ---- Reading the data file ------------------------------------------------------------------------------
// One table's constants, each checked for unit, range and source by the data-table reader.
struct ConstantTable {
  std::string_view file;
  std::string name;
  std::map<std::string, DataConstant> constants;

  double operator()(const std::string& key) const {
    const auto it = constants.find(key);
    if (it == constants.end())
      throw std::runtime_error(std::string(file) + ": [" + name + "] " + key + ": missing");
    return it->second.value;
  }
};

ConstantTable readTable(std::string_view text, std::string_view file, const std::string& name) {
  return {file, name, readDataConstantsText(text, file, name)};  // throws "file: no table [name]"
}

}  // namespace

HillConstants hillConstantsFromToml(std::string_view toml_text, std::string_view file_name) {
  const ConstantTable contraction = readTable(toml_text, file_name, "contraction");
  const ConstantTable activation = readTable(toml_text, file_name, "activation");
  const ConstantTable passive = readTable(toml_text, file_name, "passive");
  const ConstantTable stiffness = readTable(toml_text, file_name, "stiffness");
  const ConstantTable temperature = readTable(toml_text, file_name, "temperature");
  HillConstants c;
  c.max_contraction_velocity_lopt_per_s = contraction("max_contraction_velocity_lopt_per_s");
  c.fiber_damping = contraction("fiber_damping");
  c.muscle_temperature_c = contraction("reference_temperature_c");
  c.activation_time_s = activation("activation_time_s");
  c.deactivation_time_s = activation("deactivation_time_s");
  c.passive_strain_at_fmax = passive("passive_strain_at_fmax");
  c.passive_shape = passive("passive_shape");
  c.passive_force_scale = 1.0;  // the curve as published, at the reference temperature
  c.short_range_stiffness = stiffness("short_range_stiffness_q");
  c.q10_velocity = temperature("q10_max_contraction_velocity");
  c.q10_activation = temperature("q10_activation");
  c.q10_passive_stiffness = temperature("q10_passive_stiffness");
  c.q10_viscosity = temperature("q10_viscosity");
  return c;
}

HillConstants readHillConstants() {
  return hillConstantsFromToml(embeddedDataFile(kDataFile), kDataFile);
}

MuscleTemperatures readMuscleTemperatures() {
  const ConstantTable t = readTable(embeddedDataFile(kDataFile), kDataFile, "temperature");
  return {t("resting_muscle_c"), t("warmed_up_muscle_c")};
}

HillConstants atTemperature(const HillConstants& c, double muscle_temperature_c) {
  if (!(muscle_temperature_c >= kMinMuscleTemperatureC && muscle_temperature_c <= kMaxMuscleTemperatureC)) {
    std::ostringstream s;
    s << "muscle temperature " << muscle_temperature_c << " degC is outside [" << kMinMuscleTemperatureC
      << ", " << kMaxMuscleTemperatureC << "], where a constant Q10 describes muscle";
    throw std::invalid_argument(s.str());
  }
  // Q10 law: a rate R(T) = R(T0) Q10^((T − T0)/10) (Bennett 1984); time constants are inverse rates.
  const double tens = (muscle_temperature_c - c.muscle_temperature_c) / 10.0;
  HillConstants t = c;
  t.max_contraction_velocity_lopt_per_s *= std::pow(c.q10_velocity, tens);
  const double rate_factor = std::pow(c.q10_activation, tens);
  t.activation_time_s /= rate_factor;
  t.deactivation_time_s /= rate_factor;
  t.passive_force_scale *= std::pow(c.q10_passive_stiffness, tens);
  t.fiber_damping *= std::pow(c.q10_viscosity, tens);
  t.muscle_temperature_c = muscle_temperature_c;
  return t;
}

double activeForceLength(double fiber_length_norm) {
  GaussianTerm term1 = kActiveTerm1;
  term1.b1 = anchors().b11;
  return gaussianLike(fiber_length_norm, term1) + gaussianLike(fiber_length_norm, kActiveTerm2) +
         gaussianLike(fiber_length_norm, kActiveTerm3);
}

double forceVelocity(double fiber_velocity_norm) {
  const SolvedAnchors& a = anchors();
  // The asinh curve crosses zero at ṽ = −1 and would turn negative (a pushing fibre) beyond it.
  if (fiber_velocity_norm <= -1.0) return 0.0;
  return std::max(0.0, a.d1 * std::asinh(kFvD2 * fiber_velocity_norm + kFvD3) + a.d4);
}

double forceVelocitySlope(double fiber_velocity_norm) {
  if (forceVelocity(fiber_velocity_norm) <= 0.0) return 0.0;
  const double x = kFvD2 * fiber_velocity_norm + kFvD3;
  return anchors().d1 * kFvD2 / std::sqrt(x * x + 1.0);  // d asinh(x)/dx = 1/sqrt(x² + 1)
}

double forceVelocityInverse(double force_velocity_multiplier) {
  const SolvedAnchors& a = anchors();
  // Solving f = d1 asinh(d2 ṽ + d3) + d4 for ṽ. The supplement's version lacks the "− d3" (noted by OpenSim).
  return (std::sinh((force_velocity_multiplier - a.d4) / a.d1) - kFvD3) / kFvD2;
}

double passiveForceLength(double fiber_length_norm, const HillConstants& c) {
  if (fiber_length_norm <= kPassiveZeroLengthNorm) return 0.0;
  const double k_over_e0 = c.passive_shape / c.passive_strain_at_fmax;
  const double offset = std::exp(k_over_e0 * (kPassiveZeroLengthNorm - 1.0));
  const double at_fmax = std::exp(c.passive_shape);  // exp(kPE (l̃ − 1)/e0) at l̃ = 1 + e0
  return c.passive_force_scale * (std::exp(k_over_e0 * (fiber_length_norm - 1.0)) - offset) /
         (at_fmax - offset);
}

FiberState fiberState(double mt_length_m, double mt_velocity_m_s, double optimal_fiber_length_m,
                      double tendon_slack_length_m, double pennation_at_optimal_rad, const HillConstants& c) {
  // Constant thickness: the fibre's width w = l_opt sin α_opt is kept while the fibre's projection on the
  // tendon, x = l_f cos α = l_mt − l_slack, follows the path (rigid tendon).
  // (Most trunk fascicles are parallel-fibred: no sine, and hypot(x, 0) = x exactly, for them.)
  const double width_m =
      pennation_at_optimal_rad == 0.0 ? 0.0 : optimal_fiber_length_m * std::sin(pennation_at_optimal_rad);
  const double min_projection_m = kMinFiberProjectionNorm * optimal_fiber_length_m;
  double projection_m = mt_length_m - tendon_slack_length_m;
  double projection_rate_m_s = mt_velocity_m_s;
  if (projection_m < min_projection_m) {
    projection_m = min_projection_m;
    projection_rate_m_s = 0.0;
  }
  const double fiber_length_m = width_m == 0.0 ? projection_m : std::hypot(projection_m, width_m);
  FiberState s;
  s.length_norm = fiber_length_m / optimal_fiber_length_m;
  s.cos_pennation = projection_m / fiber_length_m;
  // d/dt (l_f² = x² + w²): l_f v_f = x ẋ, so v_f = cos α · ẋ.
  const double fiber_velocity_m_s = s.cos_pennation * projection_rate_m_s;
  const double v_max_m_s = c.max_contraction_velocity_lopt_per_s * optimal_fiber_length_m;
  s.velocity_norm = fiber_velocity_m_s / v_max_m_s;
  s.velocity_norm_per_mt_velocity = projection_m > min_projection_m ? s.cos_pennation / v_max_m_s : 0.0;
  return s;
}

ForceTerms forceTerms(const FiberState& s, double max_isometric_force_n, const HillConstants& c) {
  const double along_tendon_n = max_isometric_force_n * s.cos_pennation;
  ForceTerms f;
  f.active_per_activation_n =
      along_tendon_n * activeForceLength(s.length_norm) * forceVelocity(s.velocity_norm);
  f.passive_n = along_tendon_n * (passiveForceLength(s.length_norm, c) + c.fiber_damping * s.velocity_norm);
  return f;
}

ForceTermsAndSlope forceTermsAndSlope(const FiberState& s, double max_isometric_force_n,
                                      const HillConstants& c) {
  const double along_tendon_n = max_isometric_force_n * s.cos_pennation;
  const double f_l = activeForceLength(s.length_norm);
  // f_V and its slope from one asinh argument; both zero where f_V is held at zero.
  const double x = kFvD2 * s.velocity_norm + kFvD3;
  const double f_v = s.velocity_norm <= -1.0 ? 0.0 : anchors().d1 * std::asinh(x) + anchors().d4;
  const double f_v_slope = f_v > 0.0 ? anchors().d1 * kFvD2 / std::sqrt(x * x + 1.0) : 0.0;
  ForceTermsAndSlope t;
  t.value.active_per_activation_n = along_tendon_n * f_l * std::max(0.0, f_v);
  t.value.passive_n =
      along_tendon_n * (passiveForceLength(s.length_norm, c) + c.fiber_damping * s.velocity_norm);
  t.slope.active_per_activation_n = along_tendon_n * f_l * f_v_slope * s.velocity_norm_per_mt_velocity;
  t.slope.passive_n = along_tendon_n * c.fiber_damping * s.velocity_norm_per_mt_velocity;
  return t;
}

double activationDecay(double activation, bool rising, double dt_s, const HillConstants& c) {
  return std::exp(-dt_s / activationTimeConstant(activation, rising, c));
}

double advanceActivation(double activation, double excitation, double dt_s, const HillConstants& c) {
  if (!(dt_s > 0.0)) return activation;
  const double u = std::clamp(excitation, 0.0, 1.0);
  // Exact solution of da/dt = (u − a)/τ with τ constant over the step.
  return u + (activation - u) * activationDecay(activation, u > activation, dt_s, c);
}

double excitationFromDecay(double activation, double target, double decay) {
  if (target == activation) return std::clamp(activation, 0.0, 1.0);
  // target = u + (a − u) e solves to u = (target − a e)/(1 − e).
  return std::clamp((target - activation * decay) / (1.0 - decay), 0.0, 1.0);
}

double excitationFor(double activation, double target, double dt_s, const HillConstants& c) {
  if (target == activation) return std::clamp(activation, 0.0, 1.0);
  if (!(dt_s > 0.0)) return target > activation ? 1.0 : 0.0;
  // u > a exactly when the target lies above a (the solution moves monotonically towards u), so the
  // direction of the target picks τ.
  return excitationFromDecay(activation, target, activationDecay(activation, target > activation, dt_s, c));
}

void reachableFromDecays(double activation, double decay_up, double decay_down, double& lo, double& hi) {
  lo = 0.0 + (activation - 0.0) * decay_down;  // advanceActivation's u + (a − u) e with u = 0 and u = 1
  hi = 1.0 + (activation - 1.0) * decay_up;
}

void reachableActivation(double activation, double dt_s, const HillConstants& c, double& lo, double& hi) {
  if (!(dt_s > 0.0)) {
    lo = hi = activation;
    return;
  }
  reachableFromDecays(activation, activationDecay(activation, true, dt_s, c),
                      activationDecay(activation, false, dt_s, c), lo, hi);
}

double shortRangeStiffness(double force_n, double mt_length_m, const HillConstants& c) {
  return c.short_range_stiffness * std::max(force_n, 0.0) / mt_length_m;
}

}  // namespace spineload
