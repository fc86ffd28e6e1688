#include "engine/gait/stance_grf.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace spineload {

StrideGrf::StrideGrf(SpringMassGait gait, ImpactParams impact, double body_mass_kg, double gravity_m_s2)
    : gait_(std::move(gait)), impact_(impact), mass_kg_(body_mass_kg), g_(gravity_m_s2) {
  if (!(impact_.duration_s > 0.0) || !(impact_.velocity_m_s >= 0.0) || !(impact_.mass_fraction >= 0.0))
    throw std::invalid_argument("impact: duration must be positive, velocity and mass fraction non-negative");
  if (2.0 * impact_.duration_s > gait_.contact_time_s)
    throw std::invalid_argument("impact: the collision (2 x duration) lasts longer than the contact");
  // The impact's whole bell carries 2 m1 Δv1; the active force gives up that much impulse.
  const double j1 = 2.0 * impact_.mass_fraction * mass_kg_ * impact_.velocity_m_s;
  scale_ = 1.0 - j1 / (mass_kg_ * g_ * stepPeriod_s());
}

double StrideGrf::impactForce(double t) const {
  const double dt1 = impact_.duration_s;
  if (t < 0.0 || t > 2.0 * dt1) return 0.0;
  const double a1 = 2.0 * impact_.mass_fraction * mass_kg_ * impact_.velocity_m_s / dt1;
  return 0.5 * a1 * (1.0 + std::cos(M_PI * (t - dt1) / dt1));
}

void StrideGrf::stanceForce(double t, double& fx, double& fz) const {
  springMassForce(gait_, t, fx, fz);
  fx *= scale_;
  fz = scale_ * fz + impactForce(t);
}

void StrideGrf::force(double t, double& fx, double& fz) const {
  const double T = stepPeriod_s();
  const double in_step = t - T * std::floor(t / T);  // both feet give the same force, a step apart
  stanceForce(in_step, fx, fz);
}

StanceMetrics measureStance(const StrideGrf& grf, double dt) {
  StanceMetrics m;
  const double tc = grf.gait().contact_time_s;
  m.contact_time_s = tc;
  const int n = static_cast<int>(std::ceil(tc / dt));
  std::vector<double> fz(n + 1), fx(n + 1);
  for (int i = 0; i <= n; ++i) grf.stanceForce(std::min(i * dt, tc), fx[i], fz[i]);
  for (int i = 0; i < n; ++i) {
    const double jx = 0.5 * (fx[i] + fx[i + 1]) * dt;
    (jx < 0.0 ? m.braking_impulse_n_s : m.propulsive_impulse_n_s) += std::abs(jx);
    m.vertical_impulse_n_s += 0.5 * (fz[i] + fz[i + 1]) * dt;
    m.peak_braking_n = std::max(m.peak_braking_n, -fx[i]);
  }
  // Impact peak: a local maximum in the first 30 % of stance followed by a dip (Cavanagh & Lafortune 1980).
  const int limit = static_cast<int>(0.3 * n);
  int impact = -1;
  for (int i = 1; i < limit; ++i)
    if (fz[i] > fz[i - 1] && fz[i] >= fz[i + 1]) {
      impact = i;
      break;
    }
  m.active_peak_n = *std::max_element(fz.begin() + (impact > 0 ? impact + 1 : 0), fz.end());
  if (impact > 0) {
    m.impact_peak_n = fz[impact];
    m.impact_peak_time_s = impact * dt;
  }
  // Average loading rate between 20 % and 80 % of the first peak (the usual definition for rearfoot
  // strikers; without an impact peak the active peak stands in, e.g. Lieberman et al. 2010).
  const double ref = impact > 0 ? m.impact_peak_n : m.active_peak_n;
  int i20 = -1, i80 = -1;
  for (int i = 0; i <= n && i80 < 0; ++i) {
    if (i20 < 0 && fz[i] >= 0.2 * ref) i20 = i;
    if (fz[i] >= 0.8 * ref) i80 = i;
  }
  if (i20 >= 0 && i80 > i20) m.loading_rate_n_s = (fz[i80] - fz[i20]) / ((i80 - i20) * dt);
  return m;
}

}  // namespace spineload
