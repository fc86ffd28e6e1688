// Ground reaction force over a running stride: the two-mass decomposition of Clark, Ryan & Weyand 2017
// (J Exp Biol 220:247) with its active part taken from the spring-mass gait.
//
// Vertical:  F_z(t) = F_impact(t) + s · F_leg,z(t)
//   F_impact: the collision of the lower-limb mass m1 (0.08 of body mass, Clark 2017) arriving at Δv1 and
//   stopped over Δt1, as a raised cosine of half-width Δt1 centred at Δt1 (peak at Δt1, zero value and
//   slope at touchdown): amplitude A1 = 2 m1 Δv1 / Δt1, so the rising half carries m1 Δv1.
//   F_leg: the spring-mass leg force (engine/gait/spring_mass.hpp), scaled by s = 1 - J1/(m g T) so that
//   the step's vertical impulse is m g T exactly (Clark's J2 = J_total - J1).
// Fore-aft:  F_x(t) = s · F_leg,x(t): braking then propulsion along the leg, net zero over the stance;
//   the touchdown angle, which overstriding raises, sets how much.
// Left and right stances are identical, half a stride apart; the right foot touches down at t = 0.
#pragma once

#include <string>

#include "engine/gait/spring_mass.hpp"

namespace spineload {

/// The lower-limb collision of one foot strike (rearfoot, midfoot or forefoot).
struct ImpactParams {
  double mass_fraction = 0.08;  ///< m1 / body mass
  double duration_s = 0.0;      ///< Δt1: touchdown to the impact peak
  double velocity_m_s = 0.0;    ///< Δv1: downward velocity of m1 at touchdown
};

class StrideGrf {
 public:
  StrideGrf(SpringMassGait gait, ImpactParams impact, double body_mass_kg, double gravity_m_s2 = 9.81);

  double stridePeriod_s() const { return 2.0 / gait_.step_frequency_hz; }
  double stepPeriod_s() const { return 1.0 / gait_.step_frequency_hz; }
  /// Ground reaction force at time t (any t; periodic over the stride): x fore-aft (+ forward), z vertical.
  void force(double t_s, double& fx_n, double& fz_n) const;
  /// Force of the stance that started at t = 0, as a function of time since touchdown.
  void stanceForce(double t_since_touchdown_s, double& fx_n, double& fz_n) const;
  double impactForce(double t_since_touchdown_s) const;

  const SpringMassGait& gait() const { return gait_; }
  const ImpactParams& impact() const { return impact_; }
  double bodyMass_kg() const { return mass_kg_; }
  double gravity_m_s2() const { return g_; }
  double activeScale() const { return scale_; }  ///< s above

 private:
  SpringMassGait gait_;
  ImpactParams impact_;
  double mass_kg_, g_, scale_;
};

/// Per-stance measures of a vertical force curve, as gait labs report them.
struct StanceMetrics {
  double contact_time_s = 0.0;
  double active_peak_n = 0.0;  ///< largest force after the impact transient
  double impact_peak_n = 0.0;  ///< local maximum in the first 30 % of stance (0 if none)
  double impact_peak_time_s = 0.0;
  double loading_rate_n_s = 0.0;        ///< average vertical loading rate, 20-80 % of the impact peak
                                        ///< (or of the active peak when there is no impact peak)
  double braking_impulse_n_s = 0.0;     ///< integral of the negative fore-aft force (reported positive)
  double propulsive_impulse_n_s = 0.0;  ///< integral of the positive fore-aft force
  double peak_braking_n = 0.0;          ///< magnitude of the most negative fore-aft force
  double vertical_impulse_n_s = 0.0;    ///< integral of the vertical force over the stance
};

/// Measures one stance of `grf` from its sampled force (dt_s spacing).
StanceMetrics measureStance(const StrideGrf& grf, double dt_s = 1.0e-5);

}  // namespace spineload
