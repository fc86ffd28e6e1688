#include "engine/metrics/disc_pressure.hpp"

#include <algorithm>

namespace spineload {

double intradiscalPressureMpa(const DiscPressureModel& m, const SpineLevel& level, double compression_n,
                              double hydration) {
  if (level.disc_area_m2 <= 0.0) return 0.0;
  const double pa = m.swellingPressurePa(hydration) +
                    m.nachemson_factor * std::max(compression_n, 0.0) / level.disc_area_m2;
  return pa * 1e-6;
}

}  // namespace spineload
