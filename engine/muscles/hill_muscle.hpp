// Hill-type musculotendon physics with a rigid tendon (docs/muscles.md, "Hill-type musculotendon"):
//
//   F_tendon = F_max cos α (a f_L(l̃) f_V(ṽ) + s_PE f_PE(l̃) + β ṽ)
//
// with the normalized curves of De Groote et al. 2016 (Ann Biomed Eng 44:2922,
// doi:10.1007/s10439-016-1591-9), fibre kinematics with constant-thickness pennation (l_f sin α = l_opt sin
// α_opt, l_mt = l_slack + l_f cos α), first-order activation dynamics in the form of Thelen 2003 (J Biomech
// Eng 125:70) and Winters 1995, short-range stiffness k = q F / l (Cholewicki & McGill 1995, J Biomech Eng
// 117:339) and the effect of muscle temperature (warm-up) on v_max, the activation rates and the passive
// tissue. Physiological constants: engine/data/muscle_physiology.toml (each with unit, range and source); the
// shape coefficients of the active force–length and force–velocity curves: hill_muscle.cpp, beside their
// source. Every function here is allocation-free and branch-light; only the readers and atTemperature throw.
#pragma once

#include <string_view>

namespace spineload {

/// Constants shared by all fascicles (muscle_physiology.toml), at `muscle_temperature_c` (37 °C as read).
struct HillConstants {
  double max_contraction_velocity_lopt_per_s = 10.0;  ///< v_max / l_opt [1/s]
  double activation_time_s = 0.015;                   ///< τ_act [s]
  double deactivation_time_s = 0.050;                 ///< τ_deact [s]
  double passive_strain_at_fmax = 0.6;                ///< e0: fibre strain at which f_PE = 1
  double passive_shape = 4.0;                         ///< kPE: exponential shape factor of f_PE
  double passive_force_scale = 1.0;                   ///< s_PE: temperature factor on f_PE (1 at 37 °C)
  double fiber_damping = 0.027;                       ///< β: parallel damping, × F_max per unit ṽ
  double short_range_stiffness = 10.0;                ///< q in k = q F / l
  double q10_velocity = 2.0;                          ///< Q10 of v_max
  double q10_activation = 2.0;                        ///< Q10 of the activation and deactivation rates
  double q10_passive_stiffness = 0.67;                ///< Q10 of passive force (< 1: falls on warming)
  double q10_viscosity = 0.77;                        ///< Q10 of the damping β (< 1: falls on warming)
  double muscle_temperature_c = 37.0;                 ///< temperature these values describe [°C]
};

/// Typical muscle temperatures (muscle_physiology.toml [temperature]): defaults for `[warmup]`.
struct MuscleTemperatures {
  double resting_c = 35.5;    ///< trunk muscle at rest in a comfortable room [°C]
  double warmed_up_c = 38.0;  ///< working muscle after an active warm-up [°C]
};

/// Validity of the constant-Q10 law in atTemperature [°C] (below ~20 °C the measured Q10 grows: Ranatunga
/// 1984).
inline constexpr double kMinMuscleTemperatureC = 20.0;
inline constexpr double kMaxMuscleTemperatureC = 42.0;

/// The constants at another muscle temperature T: with r = (T − c.muscle_temperature_c)/10, v_max × Q10_v^r,
/// τ_act and τ_deact ÷ Q10_act^r, s_PE × Q10_PE^r, β × Q10_η^r. F_max is unchanged (Bennett 1984: nearly
/// independent of temperature). Composes: atTemperature(atTemperature(c, T1), T2) == atTemperature(c, T2).
/// Throws std::invalid_argument outside [kMinMuscleTemperatureC, kMaxMuscleTemperatureC]. Not per step.
HillConstants atTemperature(const HillConstants& c, double muscle_temperature_c);

/// Reads engine/data/muscle_physiology.toml; throws std::runtime_error naming the file, table and key that is
/// missing or out of range.
HillConstants readHillConstants();
MuscleTemperatures readMuscleTemperatures();
/// The same from TOML text (`file_name` names it in messages): for tests and user-supplied tables.
HillConstants hillConstantsFromToml(std::string_view toml_text, std::string_view file_name);

/// f_L(l̃): active force–length, sum of three Gaussian-like terms; f_L(1) = 1.
double activeForceLength(double fiber_length_norm);
/// f_V(ṽ): force–velocity, ṽ = v_f / v_max (+ lengthening) in [−1, 1]; f_V(0) = 1, f_V(−1) = 0, f_V(1)
/// ≈ 1.794. Zero for ṽ ≤ −1 (no force when shortening faster than v_max).
double forceVelocity(double fiber_velocity_norm);
/// df_V/dṽ = d1 d2 / sqrt((d2 ṽ + d3)² + 1) where f_V > 0, else 0 (the curve is flat at zero there).
double forceVelocitySlope(double fiber_velocity_norm);
/// ṽ = f_V⁻¹(f) for f in [0, 1.794]: the exact inverse of forceVelocity on ṽ ∈ [−1, 1].
double forceVelocityInverse(double force_velocity_multiplier);
/// f_PE(l̃) × s_PE: passive force–length, exponential; 0 at l̃ ≤ 0.2, ≈ 0.018 at l̃ = 1, s_PE at l̃ = 1 + e0.
double passiveForceLength(double fiber_length_norm, const HillConstants& c);

/// Fibre state of a rigid-tendon musculotendon from its path length and lengthening rate.
struct FiberState {
  double length_norm = 1.0;    ///< l̃ = l_f / l_opt
  double velocity_norm = 0.0;  ///< ṽ = v_f / (v_max l_opt), + lengthening
  double cos_pennation = 1.0;  ///< cos α
  /// ∂ṽ/∂l̇_mt at this length [s/m]: cos α / (v_max l_opt), 0 where the path is held (shorter than slack).
  double velocity_norm_per_mt_velocity = 0.0;
};
/// l_f = sqrt((l_mt − l_slack)² + (l_opt sin α_opt)²), cos α = (l_mt − l_slack)/l_f, v_f = cos α · dl_mt/dt.
/// A path shorter than l_slack + 0.01 l_opt is held there (with v_f = 0): a rigid tendon has no shorter
/// state.
FiberState fiberState(double mt_length_m, double mt_velocity_m_s, double optimal_fiber_length_m,
                      double tendon_slack_length_m, double pennation_at_optimal_rad, const HillConstants& c);

/// Tendon force F = F_max cos α (a f_L f_V + s_PE f_PE + β ṽ) split into its part proportional to the
/// activation a and the rest: F = active_per_activation_n × a + passive_n. passive_n includes the damping
/// term and so is negative when the fibre shortens with little passive tension.
struct ForceTerms {
  double active_per_activation_n = 0.0;
  double passive_n = 0.0;
};
ForceTerms forceTerms(const FiberState& s, double max_isometric_force_n, const HillConstants& c);
/// The terms and their derivatives in the path's lengthening rate at fixed length, slope in N·s/m (the
/// force-velocity and parallel damping that the implicit stepper treats implicitly): ∂F/∂l̇_mt = a ·
/// slope.active_per_activation_n + slope.passive_n. One evaluation of each curve.
struct ForceTermsAndSlope {
  ForceTerms value, slope;
};
ForceTermsAndSlope forceTermsAndSlope(const FiberState& s, double max_isometric_force_n,
                                      const HillConstants& c);

/// First-order activation dynamics, da/dt = (u − a)/τ with τ = τ_act (0.5 + 1.5a) when u > a and
/// τ_deact / (0.5 + 1.5a) otherwise (Thelen 2003; Winters 1995): the activation after dt_s under constant
/// excitation u ∈ [0, 1] (clamped), exact for τ frozen at the step start: a + (u − a)(1 − exp(−dt/τ)).
double advanceActivation(double activation, double excitation, double dt_s, const HillConstants& c);
/// exp(−dt_s/τ) of that law at activation a, driven up (rising) or down: the fraction of the gap to u left
/// after dt_s. advanceActivation(a, u, dt) = u + (a − u) activationDecay(a, u > a, dt) exactly.
double activationDecay(double activation, bool rising, double dt_s, const HillConstants& c);
/// The excitation that brings `activation` to `target` after dt_s (the inverse of advanceActivation), clamped
/// to [0, 1]; for dt_s ≤ 0 the limit dt → 0⁺ (1, 0 or `activation`).
double excitationFor(double activation, double target, double dt_s, const HillConstants& c);
/// excitationFor given decay = activationDecay(activation, target > activation, dt_s > 0) (bit-identical):
/// for a caller that has the decays of both directions already (the controller's reachable bounds).
double excitationFromDecay(double activation, double target, double decay);
/// The activations reachable in dt_s: lo with u = 0, hi with u = 1.
void reachableActivation(double activation, double dt_s, const HillConstants& c, double& lo, double& hi);
/// The same from the decays activationDecay(activation, true / false, dt_s > 0) (bit-identical).
void reachableFromDecays(double activation, double decay_up, double decay_down, double& lo, double& hi);

/// Short-range stiffness of a fascicle along its path [N/m]: k = q F / l_mt (Cholewicki & McGill 1995), with
/// a negative force taken as zero.
double shortRangeStiffness(double force_n, double mt_length_m, const HillConstants& c);

}  // namespace spineload
