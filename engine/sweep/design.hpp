// A sweep's design expanded into points: each point is an id and the values it sets on top of the base
// scenario (docs/sweeps.md). Deterministic for a seed and identical on every machine and thread count: the
// random numbers are our own (engine/sweep/random.hpp), the Sobol' sequence is computed from transcribed
// direction numbers (Joe & Kuo 2008), and nothing depends on the order in which points are later run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/scenario/scenario_file.hpp"
#include "engine/sweep/sweep_file.hpp"

namespace spineload {

/// What a point is within its design (the Sobol' analysis needs to know which outputs are f(A), f(B) and
/// f(AB_i) of which row).
enum class PointRole { Grid, OatBase, Oat, Lhs, SobolA, SobolB, SobolAB };

struct SweepPoint {
  std::string id;  ///< stable and sortable within a sweep: "g000017", "oat_base", "oat_01_002", ...
  std::vector<ParameterOverride>
      overrides;  ///< in axis order; `where` is the value's place in the sweep file
  PointRole role = PointRole::Grid;
  std::size_t index =
      0;          ///< grid: the point's index; oat: the value's index on its axis; lhs, sobol: the row
  int axis = -1;  ///< oat: the axis varied; sobol AB: the column i taken from B; otherwise -1
};

/// Every point of the design, in this order (docs/sweeps.md):
///   grid   "g<index>"; the first axis varies slowest, the last fastest (nested loops in the file's order)
///   oat    "oat_base" (no overrides), then per axis a, per value v: "oat_<a>_<v>" (that one value set)
///   lhs    "lhs<row>"
///   sobol  per row j: "sobol_A<j>", "sobol_B<j>", then "sobol_AB<i>_<j>" for every axis i
/// Numbers are zero-padded (rows to at least 6 digits, axes to 2, oat values to 3, more when needed), so
/// the ids of one sweep sort as the points are listed within each role. Throws std::length_error if the
/// design is too large to count (check scenarioCount first).
std::vector<SweepPoint> expandDesign(const SweepSpec& spec);

/// A Latin hypercube on [0, 1)^dims (McKay et al. 1979): in every dimension each of the n strata
/// [s/n, (s+1)/n) holds exactly one point, the strata paired at random (one permutation per dimension, drawn
/// in dimension order) and each point uniform within its stratum. Result [point][dimension].
std::vector<std::vector<double>> latinHypercube(std::size_t n, std::size_t dims, std::uint64_t seed);

/// The first n points of the Sobol' sequence in `dims` <= kSobolMaxDimensions dimensions, in Gray-code
/// order (Antonov & Saleev 1979), with 32-bit direction numbers from Joe & Kuo 2008 (new-joe-kuo-6.21201);
/// point 0 is the origin. `shift` (empty, or one word per dimension) is XORed onto every point's bits: a
/// random digital shift, which keeps each dimension's stratification. Result [point][dimension].
std::vector<std::vector<double>> sobolSequence(std::size_t n, std::size_t dims,
                                               const std::vector<std::uint32_t>& shift = {});

/// The matrices A and B (n x k, on the unit cube) of Saltelli et al. 2010's design. Sobol: point j of the
/// 2k-dimensional Sobol' sequence, digitally shifted by 2k words drawn from xoshiro256**(seed), gives row j
/// of A (dimensions 0..k-1) and of B (k..2k-1). Random: row by row, A's k draws and then B's.
struct SaltelliMatrices {
  std::vector<std::vector<double>> a, b;
};
SaltelliMatrices saltelliMatrices(std::size_t n, std::size_t k, SobolSampler sampler, std::uint64_t seed);

/// The direction numbers' source rows, for the tests: degree s, the inner coefficients a of the primitive
/// polynomial, and the initial m_1..m_s (dimension 1, van der Corput, has none).
struct SobolDirectionRow {
  unsigned s, a;
  unsigned m[8];
};
const std::vector<SobolDirectionRow>& sobolDirectionRows();  ///< dimensions 2..kSobolMaxDimensions

}  // namespace spineload
