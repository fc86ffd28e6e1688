#include "engine/metrics/fatigue_damage.hpp"

#include <cmath>
#include <limits>

#include "engine/data/data_table.hpp"

namespace spineload {

TissueFatigue readTissueFatigue() {
  constexpr const char* kFile = "tissue_fatigue.toml";
  const auto sn = readDataConstants(kFile, "sn_curve");
  TissueFatigue t;
  // LiFFT's N = C exp(-k S) is S = ln(C)/k - (ln 10 / k) log10 N: derived here at full precision (the
  // table's rounded intercept and slope document the same line).
  const double c = constantValue(sn, "cycles_coefficient"),
               k = constantValue(sn, "exponent_per_fraction_ucs");
  t.sn.intercept_fraction_ucs = std::log(c) / k;
  t.sn.slope_fraction_per_decade = std::log(10.0) / k;
  t.sn.fatigue_limit_fraction_ucs = constantValue(sn, "fatigue_limit_fraction_ucs");
  for (const DataRow& row : readDataTable(kFile, "strength").rows) t.ucs_n[row.name] = row.values.at("ucs_n");
  return t;
}

double cyclesToFailure(const SnCurve& sn, double fraction_ucs) {
  if (!(fraction_ucs > sn.fatigue_limit_fraction_ucs)) return std::numeric_limits<double>::infinity();
  return std::pow(10.0, (sn.intercept_fraction_ucs - fraction_ucs) / sn.slope_fraction_per_decade);
}

double minerDamage(const SnCurve& sn, std::span<const double> peaks_n, double ucs_n) {
  double damage = 0.0;
  for (const double peak : peaks_n) {
    if (std::isnan(peak)) return std::numeric_limits<double>::quiet_NaN();
    damage += 1.0 / cyclesToFailure(sn, peak / ucs_n);
  }
  return damage;
}

}  // namespace spineload
