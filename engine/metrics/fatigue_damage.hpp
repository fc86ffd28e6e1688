// Cumulative fatigue damage of the vertebral motion segments under repeated compression (Palmgren-Miner):
// each loading cycle of peak compression S at a level of ultimate compressive strength UCS uses up 1/N of
// the segment's life, with N from a published S-N relation of cadaveric lumbar segments (data:
// engine/data/tissue_fatigue.toml, notes: docs/research/fatigue.md). One loading cycle per step in running.
// The index compares scenarios; it is not a probability of injury (the specimens were elderly, tested in
// vitro, and living tissue repairs itself).
#pragma once

#include <map>
#include <span>
#include <string>

namespace spineload {

/// S = intercept − slope · log10(N), S the peak load as a fraction of UCS (LiFFT's N = C exp(−k S) written
/// in this form); cycles at or below the fatigue limit do no damage.
struct SnCurve {
  double intercept_fraction_ucs = 0.0;
  double slope_fraction_per_decade = 0.0;
  double fatigue_limit_fraction_ucs = 0.0;
};

struct TissueFatigue {
  SnCurve sn;
  std::map<std::string, double> ucs_n;  ///< per level name, e.g. "T7_T8" (young adult male)
};

/// Reads engine/data/tissue_fatigue.toml.
TissueFatigue readTissueFatigue();

/// Cycles to failure at a peak load of `fraction_ucs` (infinite at or below the fatigue limit).
double cyclesToFailure(const SnCurve& sn, double fraction_ucs);

/// Miner's sum over the cycles' peak compressions [N] at a level of strength ucs_n.
double minerDamage(const SnCurve& sn, std::span<const double> peaks_n, double ucs_n);

}  // namespace spineload
