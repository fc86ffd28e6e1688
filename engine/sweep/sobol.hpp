// Variance-based sensitivity: first-order and total Sobol' indices of one output from Saltelli's design
// (docs/sweeps.md), with percentile bootstrap confidence intervals, so a sweep's axes can be ranked by how
// much of the output's variance each one causes.
//   S1_i = mean(fB (fAB_i - fA)) / V                (Saltelli et al. 2010, Comput Phys Commun 181:259, Table
//   2 b) ST_i = mean((fA - fAB_i)^2) / 2 / V             (Jansen 1999, Comput Phys Commun 117:35; Saltelli
//   2010 f)
// with V the variance of the 2N outputs [fA; fB], the outputs centred on their mean first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/sweep/design.hpp"

namespace spineload {

/// An index with its bootstrap interval (NaN when undefined, or no bootstrap).
struct SobolEstimate {
  double value = std::numeric_limits<double>::quiet_NaN();
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
};

struct SobolIndices {
  std::vector<SobolEstimate> first_order;                      ///< S1 per axis
  std::vector<SobolEstimate> total;                            ///< ST per axis
  double mean = std::numeric_limits<double>::quiet_NaN();      ///< of [fA; fB] over the rows used
  double variance = std::numeric_limits<double>::quiet_NaN();  ///< V (population variance, 1/(2N))
  std::size_t rows_used = 0;
  std::size_t rows_dropped = 0;  ///< rows with a NaN or infinite output anywhere (a failed scenario)
  int bootstrap = 0;             ///< resamples behind the intervals
  double confidence = 0.0;       ///< their level
};

/// Indices of one output. fA, fB: N outputs of the rows of A and B; fAB[i]: N outputs of AB_i (A with
/// column i from B). A row whose fA, fB or any fAB_i is not finite is dropped (and counted) from
/// everything; with fewer than 2 rows left, or no variance, the indices are NaN. The intervals are
/// percentiles (linear interpolation) of `bootstrap` recomputations on N rows drawn with replacement by
/// xoshiro256**(seed): deterministic for a seed. Throws std::invalid_argument on mismatched sizes,
/// bootstrap < 0, or confidence outside (0, 1).
SobolIndices sobolIndices(const std::vector<double>& fA, const std::vector<double>& fB,
                          const std::vector<std::vector<double>>& fAB, int bootstrap, double confidence,
                          std::uint64_t seed);

/// The axes ordered by influence: total index descending, then first-order descending, then axis order;
/// axes whose total index is NaN come last.
std::vector<std::size_t> rankByInfluence(const SobolIndices& indices);

/// One output of a Saltelli design arranged for sobolIndices.
struct SobolOutputs {
  std::vector<double> fA, fB;
  std::vector<std::vector<double>> fAB;
};

/// Arranges `values` (one per point, in any order, parallel to `points`) by role and row: `axes` columns
/// and `samples` rows; a row no point fills stays NaN (so a missing scenario counts as failed). Points
/// that are not of a Sobol' role are ignored; a row or axis out of range throws std::invalid_argument.
SobolOutputs gatherSobolOutputs(const std::vector<SweepPoint>& points, const std::vector<double>& values,
                                std::size_t axes, std::size_t samples);

}  // namespace spineload
