// Planar spring-mass running: a point mass on a massless linear leg spring during stance, ballistic in
// flight (Blickhan 1989, J Biomech 22:1217; McMahon & Cheng 1990, J Biomech 23 Suppl 1:65). The stance
// is integrated numerically (no small-angle approximation) and the periodic gait is solved for:
// symmetric stance (vertical velocity zero with the mass over the foot), step period 1/f and mean speed v.
//
// Speed and step frequency leave one degree of freedom: either the leg stiffness is given and the
// touchdown angle solved (the runner's preferred landing), or the touchdown angle is given by the
// overstride (foot ahead of the centre of mass at touchdown, L0 sin θ) and the stiffness solved.
#pragma once

#include <vector>

namespace spineload {

struct SpringMassBody {
  double mass_kg = 0.0;
  double leg_length_m = 0.0;  ///< rest length L0, centre of mass to the contact point
  double gravity_m_s2 = 9.81;
};

/// What is held fixed besides speed and step frequency.
enum class SpringMassUnknown { TouchdownAngle, LegStiffness };

struct SpringMassGait {
  double speed_m_s = 0.0;            ///< mean forward speed over a step
  double step_frequency_hz = 0.0;    ///< steps per second
  double leg_stiffness_n_m = 0.0;    ///< k_leg
  double touchdown_angle_rad = 0.0;  ///< leg angle from vertical at touchdown
  double overstride_m = 0.0;      ///< horizontal distance of the contact point ahead of the mass at touchdown
  double touchdown_vx_m_s = 0.0;  ///< forward velocity at touchdown (= at take-off)
  double touchdown_vy_m_s = 0.0;  ///< downward velocity at touchdown (> 0)
  double contact_time_s = 0.0;
  double flight_time_s = 0.0;
  double com_drop_m = 0.0;         ///< fall of the mass from touchdown to mid-stance
  double leg_compression_m = 0.0;  ///< L0 minus the leg length at mid-stance
  double peak_force_n = 0.0;       ///< leg force at mid-stance
  double sample_dt_s = 0.0;        ///< spacing of the stance samples below
  /// Ground reaction force over the stance at t = i * sample_dt_s, from touchdown to take-off:
  /// fore-aft (positive forward, negative = braking) and vertical components [N].
  std::vector<double> force_x_n, force_y_n;
  int iterations = 0;  ///< Newton iterations the solve took
};

/// Solves the periodic symmetric gait. `given` is the touchdown angle [rad] (unknown = LegStiffness) or
/// the leg stiffness [N/m] (unknown = TouchdownAngle). Throws std::invalid_argument with a message that
/// names the inputs when no running gait exists for them (e.g. a contact longer than the step).
SpringMassGait solveSpringMass(const SpringMassBody& body, double speed_m_s, double step_frequency_hz,
                               SpringMassUnknown unknown, double given);

/// Ground reaction force of the solved gait at time t after touchdown (zero outside the stance),
/// interpolated linearly between the stance samples: {fore-aft, vertical} [N].
void springMassForce(const SpringMassGait& gait, double t_s, double& fx_n, double& fy_n);

/// Morin et al. 2005 (J Appl Biomech 21:167) sine-wave estimate of the leg stiffness from contact and
/// flight times, speed, mass and leg length: an independent reference for the numerical solution.
double morinLegStiffness(double mass_kg, double leg_length_m, double speed_m_s, double contact_time_s,
                         double flight_time_s, double gravity_m_s2 = 9.81);

}  // namespace spineload
