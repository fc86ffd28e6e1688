// What the model gives for the published effects of the upper-back causes (validation/causes.toml): a
// kyphosis raised over Bruno et al. 2012's range, a scoliosis against a straight spine (Schmid et al.
// 2020), the same kyphosis pair read as Briggs et al. 2007's directions, and the running vertical GRF with a
// weakened core (Chaudhari et al. 2020). Standing runs of half a second, as the other standing checks.
#pragma once

#include <string>
#include <vector>

#include "engine/validation/validation_runs.hpp"

namespace spineload {

/// Bruno's angles are Cobb T1–T12; the model's posture.thoracic_kyphosis_deg is Cobb T4–T12. The level
/// weights of trunk_anatomy.toml (T1–T2 and T11–T12 0.5, the rest 1) put 7.5 of T1–T12's 10 weight units
/// inside T4–T12, the ratio that makes the default 33.2 deg of Harrison's T1–T12 44.2 deg.
constexpr double kT4T12PerT1T12 = 0.75;

/// Half a second standing at the defaults (as standingText()), with one more line in [posture], e.g.
/// "thoracic_kyphosis_deg = 37.5".
std::string standingPostureText(const std::string& posture_line);
/// Standing at Bruno's T1–T12 Cobb angle, converted to T4–T12 by kT4T12PerT1T12.
std::string standingKyphosisT1T12Text(double t1_t12_cobb_deg);
/// Standing with a right thoracic scoliosis of this Cobb angle, apex at T9 (the default apex).
std::string standingScoliosisText(double cobb_deg);

/// Mean of a level's series after the start (the first 20 % of a short run, at most 1 s), as
/// meanL4L5CompressionN.
double steadyMean(const RunResult& result, const std::vector<double>& series);
double meanCompressionN(const SimulatedRun& run, const std::string& level);

/// Bruno: the fraction of the levels T1_T2 … L5_S1 (his model's T1–L5) whose mean standing compression is
/// higher in `kyphotic` than in `base`.
double kyphosisCompressionRisesHeld(const SimulatedRun& base, const SimulatedRun& kyphotic);
/// Bruno: the fraction of the thoracolumbar and lumbar levels T12_L1, L1_L2 and L3_L4 whose rise of mean
/// compression [N] exceeds the mid-thoracic T7_T8's.
double kyphosisRiseOrderingHeld(const SimulatedRun& base, const SimulatedRun& kyphotic);
/// The rise of mean compression [N] at a level from `base` to `kyphotic` (for the documentation).
double compressionRiseN(const SimulatedRun& base, const SimulatedRun& kyphotic, const std::string& level);

/// Schmid: 100 (scoliotic − straight) / straight of the mean compression of the apex vertebra's two discs
/// (T8_T9 and T9_T10 for the apex T9).
double apicalCompressionChangePercent(const SimulatedRun& straight, const SimulatedRun& scoliotic);

/// Briggs: the fraction of four directions held from `base` to `kyphotic`, each the mean over the levels
/// T2_T3 … L5_S1 (his T2–L5): the net flexion moment, the compression and the anterior shear rise, and so
/// does the summed force of the back extensors (erector spinae and multifidus).
double kyphosisLoadDirectionsHeld(const SimulatedRun& base, const SimulatedRun& kyphotic);

/// Chaudhari: 100 (weak − base) / base of the peak vertical GRF over the steady strides (after the first
/// second) of two running runs.
double peakVerticalGrfChangePercent(const SimulatedRun& base, const SimulatedRun& weak);

}  // namespace spineload
