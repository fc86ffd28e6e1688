// Statistics of sampled signals over a steady window split into cycles (strides), as gait and spine-load
// studies report them (docs/summaries.md). Pure functions on spans of samples; nothing here knows the model.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace spineload {

/// Sample indices of the cycle boundaries: cycle k covers samples [bounds[k], bounds[k+1]). Two or more
/// entries; a window without cycles (standing) is one "cycle" from its start to its end.
using CycleBounds = std::vector<std::size_t>;

// Every statistic is NaN over an empty window or one holding a NaN sample.

/// The sample of largest magnitude over [begin, end), with its sign.
double signedPeak(std::span<const double> x, std::size_t begin, std::size_t end);
double mean(std::span<const double> x, std::size_t begin, std::size_t end);
double rms(std::span<const double> x, std::size_t begin, std::size_t end);
double minimum(std::span<const double> x, std::size_t begin, std::size_t end);
double maximum(std::span<const double> x, std::size_t begin, std::size_t end);

/// Mean over the cycles of ∫ x dt over each cycle (trapezoids between the cycle's samples and the next
/// cycle's first, so the cycles tile the window) [unit of x · s].
double impulsePerCycle(std::span<const double> x, double dt_s, const CycleBounds& bounds);

/// Mean over the cycles of the largest rate of rise of |x| between consecutive samples [unit of x / s]:
/// the loading rate (for compression, how fast the spine is loaded at each footfall).
double loadingRate(std::span<const double> x, double dt_s, const CycleBounds& bounds);

/// The largest value of x in each half of each cycle (one loading peak per step in running).
std::vector<double> halfCyclePeaks(std::span<const double> x, const CycleBounds& bounds);

/// Left/right symmetry index of Robinson et al. 1987: 100 (right − left) / ((right + left) / 2) [%];
/// 0 when symmetric, NaN when both are zero.
double asymmetryIndexPercent(double right, double left);

/// One-sided power spectral density of x averaged over the cycles: each cycle's samples, mean removed,
/// Hann-windowed and transformed by a direct DFT at the frequencies `f_hz` (so every cycle contributes at
/// the same frequencies whatever its length, as zero padding would) [unit² / Hz]. Columns: x has `stride`
/// values per sample and `column` picks one.
std::vector<double> cyclePowerSpectrum(std::span<const double> x, std::size_t stride, std::size_t column,
                                       double dt_s, const CycleBounds& bounds, std::span<const double> f_hz);

}  // namespace spineload
