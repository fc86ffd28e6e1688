#include <algorithm>
#include <cmath>

#include "engine/anatomy/trunk_model.hpp"

namespace spineload {

double DiscPressureModel::swellingPressurePa(double hydration) const {
  // Linear over the day the data span (Wilke 1999); drier discs keep the evening swelling pressure.
  const double day = std::min(1.0, (1.0 - hydration) / (1.0 - evening_hydration));
  return swelling_morning_pa + (swelling_evening_pa - swelling_morning_pa) * day;
}

double DiscPressureModel::advanceHydration(double h, double stress_pa, double dt_s) const {
  const double h_eq = 1.0 - (1.0 - evening_hydration) * std::max(stress_pa, 0.0) / upright_stress_pa;
  const double tau = h > h_eq ? tau_loss_s : tau_recovery_s;
  // First-order relaxation, integrated exactly over the step (stable for any dt / tau).
  return h_eq + (h - h_eq) * std::exp(-dt_s / tau);
}

}  // namespace spineload
