// Hill-type musculotendon physics with a rigid tendon (docs/muscles.md): the normalized force–length,
// force–velocity and passive curves, fibre kinematics with constant-thickness pennation, first-order
// activation dynamics, short-range stiffness, and the effect of muscle temperature (warm-up).
// Curves and constants: engine/data/muscle_physiology.toml, each with its source.
#pragma once

namespace spineload {

/// Constants shared by all fascicles (muscle_physiology.toml), at 37 °C.
struct HillConstants {
  double max_contraction_velocity_lopt_per_s = 10.0;  ///< v_max / l_opt
  double activation_time_s = 0.010;                   ///< τ_act
  double deactivation_time_s = 0.040;                 ///< τ_deact
  double passive_strain_at_fmax = 0.6;                ///< fibre strain at which passive force = F_max
  double passive_shape = 4.0;                         ///< exponential shape factor of the passive curve
  double fiber_damping = 0.01;                        ///< parallel damping, × F_max per (l_opt/s)… normalized
  double short_range_stiffness = 10.0;                ///< q in k = q F / l (Cholewicki & McGill 1995)
  double q10_velocity = 2.0;                          ///< Q10 of v_max
  double q10_activation = 2.0;                        ///< Q10 of the activation rates
  double q10_passive = 1.0;                           ///< passive stiffness change per 10 °C (as Q10)
  double q10_viscosity = 1.0;                         ///< viscosity change per 10 °C (as Q10)
  double reference_temperature_c = 37.0;
};

/// The constants at a muscle temperature (warm-up): rates scale as Q10^((T − T_ref)/10), time constants as
/// its inverse, passive stiffness and viscosity by their own factors. Maximal isometric force unchanged.
HillConstants atTemperature(const HillConstants& c, double muscle_temperature_c);

/// Reads engine/data/muscle_physiology.toml.
HillConstants readHillConstants();

double activeForceLength(double fiber_length_norm);    ///< f_L(l̃), 1 at l̃ = 1
double forceVelocity(double fiber_velocity_norm);      ///< f_V(ṽ), ṽ = v / v_max, + lengthening, 1 at 0
double passiveForceLength(double fiber_length_norm, const HillConstants& c);  ///< f_PE(l̃)

/// Fibre state of a rigid-tendon musculotendon from its path length and lengthening rate.
struct FiberState {
  double length_norm = 1.0;    ///< l̃ = l_f / l_opt
  double velocity_norm = 0.0;  ///< ṽ = v_f / (v_max), v_max = max_contraction_velocity × l_opt
  double cos_pennation = 1.0;
};
FiberState fiberState(double mt_length_m, double mt_velocity_m_s, double optimal_fiber_length_m,
                      double tendon_slack_length_m, double pennation_at_optimal_rad, const HillConstants& c);

/// Tendon force F = F_max cos α (a f_L f_V + f_PE + damping) split into its part proportional to the
/// activation a and the rest: F = active_per_activation × a + passive.
struct ForceTerms {
  double active_per_activation_n = 0.0;
  double passive_n = 0.0;
};
ForceTerms forceTerms(const FiberState& s, double max_isometric_force_n, const HillConstants& c);

/// First-order activation dynamics (Thelen 2003 form): the activation after dt_s under constant
/// excitation u, exact for the time constant at the start of the step.
double advanceActivation(double activation, double excitation, double dt_s, const HillConstants& c);
/// The excitation that brings `activation` to `target` after dt_s (the inverse of the above), clamped to
/// [0, 1]; and the range of activations reachable in dt_s with u = 0 and u = 1.
double excitationFor(double activation, double target, double dt_s, const HillConstants& c);
void reachableActivation(double activation, double dt_s, const HillConstants& c, double& lo, double& hi);

/// Short-range stiffness of a fascicle along its path [N/m]: k = q F / l_mt (Cholewicki & McGill 1995).
double shortRangeStiffness(double force_n, double mt_length_m, const HillConstants& c);

}  // namespace spineload
