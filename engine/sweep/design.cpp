#include "engine/sweep/design.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "engine/sweep/random.hpp"

namespace spineload {
namespace {

// Sobol' direction numbers for dimensions 2..40, transcribed from Joe & Kuo's new-joe-kuo-6.21201
// (S. Joe and F. Y. Kuo 2008, SIAM J Sci Comput 30:2635-2654; file at
// https://web.maths.unsw.edu.au/~fkuo/sobol/): per line d, s, a, m_1..m_s. Checked against two independent
// transcriptions of the same file; tests/test_design.cpp checks every polynomial is primitive and every m_i
// odd and below 2^i.
const std::vector<SobolDirectionRow> kDirectionRows{
    {1, 0, {1}},                              // d = 2
    {2, 1, {1, 3}},                           // 3
    {3, 1, {1, 3, 1}},                        // 4
    {3, 2, {1, 1, 1}},                        // 5
    {4, 1, {1, 1, 3, 3}},                     // 6
    {4, 4, {1, 3, 5, 13}},                    // 7
    {5, 2, {1, 1, 5, 5, 17}},                 // 8
    {5, 4, {1, 1, 5, 5, 5}},                  // 9
    {5, 7, {1, 1, 7, 11, 19}},                // 10
    {5, 11, {1, 1, 5, 1, 1}},                 // 11
    {5, 13, {1, 1, 1, 3, 11}},                // 12
    {5, 14, {1, 3, 5, 5, 31}},                // 13
    {6, 1, {1, 3, 3, 9, 7, 49}},              // 14
    {6, 13, {1, 1, 1, 15, 21, 21}},           // 15
    {6, 16, {1, 3, 1, 13, 27, 49}},           // 16
    {6, 19, {1, 1, 1, 15, 7, 5}},             // 17
    {6, 22, {1, 3, 1, 15, 13, 25}},           // 18
    {6, 25, {1, 1, 5, 5, 19, 61}},            // 19
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},       // 20
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},        // 21
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},         // 22
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},          // 23
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},       // 24
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},        // 25
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},       // 26
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},         // 27
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},         // 28
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},        // 29
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},        // 30
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},        // 31
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},        // 32
    {7, 50, {1, 3, 1, 3, 5, 53, 69}},         // 33
    {7, 55, {1, 1, 5, 5, 23, 33, 13}},        // 34
    {7, 56, {1, 1, 7, 7, 1, 61, 123}},        // 35
    {7, 59, {1, 1, 7, 9, 13, 61, 49}},        // 36
    {7, 62, {1, 3, 3, 5, 3, 55, 33}},         // 37
    {8, 14, {1, 3, 1, 15, 31, 13, 49, 245}},  // 38
    {8, 21, {1, 3, 5, 15, 31, 59, 63, 97}},   // 39
    {8, 22, {1, 3, 1, 11, 11, 11, 77, 249}},  // 40
};

constexpr int kBits = 32;

// V_1..V_32 of one dimension (0-based: dimension 0 is van der Corput), scaled by 2^32 (Bratley & Fox 1988
// recurrence as Joe & Kuo state it).
std::vector<std::uint32_t> directionNumbers(std::size_t dimension) {
  std::vector<std::uint32_t> v(kBits + 1, 0);
  if (dimension == 0) {
    for (int i = 1; i <= kBits; ++i) v[i] = std::uint32_t{1} << (kBits - i);
    return v;
  }
  const SobolDirectionRow& row = kDirectionRows[dimension - 1];
  const int s = static_cast<int>(row.s);
  for (int i = 1; i <= std::min(s, kBits); ++i)
    v[i] = static_cast<std::uint32_t>(row.m[i - 1]) << (kBits - i);
  for (int i = s + 1; i <= kBits; ++i) {
    std::uint32_t x = v[i - s] ^ (v[i - s] >> s);
    for (int k = 1; k <= s - 1; ++k)
      if ((row.a >> (s - 1 - k)) & 1u) x ^= v[i - k];
    v[i] = x;
  }
  return v;
}

// Decimal digits of n (at least 1).
int digits(std::size_t n) {
  int d = 1;
  while (n >= 10) n /= 10, ++d;
  return d;
}

// n zero-padded to `width` digits after `prefix` (a stream: GCC 12 reports a false -Wrestrict on
// "literal" + std::string).
std::string padded(std::size_t n, int width, const char* prefix = "") {
  std::ostringstream s;
  s << prefix << std::setw(width) << std::setfill('0') << n;
  return s.str();
}

ParameterOverride overrideOf(const SweepAxis& axis, double unit_value) {
  const double x = std::clamp(axis.low + (axis.high - axis.low) * unit_value, axis.low, axis.high);
  return {axis.key, x, axis.range_where};
}

}  // namespace

const std::vector<SobolDirectionRow>& sobolDirectionRows() {
  return kDirectionRows;
}

std::vector<std::vector<double>> sobolSequence(std::size_t n, std::size_t dims,
                                               const std::vector<std::uint32_t>& shift) {
  if (dims > kSobolMaxDimensions)
    throw std::invalid_argument("sobolSequence: more dimensions than direction numbers");
  if (n > (std::size_t{1} << kBits)) throw std::invalid_argument("sobolSequence: more than 2^32 points");
  if (!shift.empty() && shift.size() != dims)
    throw std::invalid_argument("sobolSequence: the shift needs one word per dimension");
  std::vector<std::vector<std::uint32_t>> v(dims);
  for (std::size_t d = 0; d < dims; ++d) v[d] = directionNumbers(d);
  std::vector<std::uint32_t> x(dims, 0);
  std::vector<std::vector<double>> out(n, std::vector<double>(dims));
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) {
      // Gray-code step: flip the direction number of the lowest zero bit of i - 1.
      int c = 1;
      for (std::size_t j = i - 1; j & 1u; j >>= 1) ++c;
      for (std::size_t d = 0; d < dims; ++d) x[d] ^= v[d][c];
    }
    for (std::size_t d = 0; d < dims; ++d)
      out[i][d] = static_cast<double>(shift.empty() ? x[d] : x[d] ^ shift[d]) * 0x1.0p-32;
  }
  return out;
}

std::vector<std::vector<double>> latinHypercube(std::size_t n, std::size_t dims, std::uint64_t seed) {
  Xoshiro256 rng(seed);
  std::vector<std::vector<double>> out(n, std::vector<double>(dims));
  const double dn = static_cast<double>(n);
  for (std::size_t d = 0; d < dims; ++d) {
    const std::vector<std::size_t> stratum = randomPermutation(n, rng);
    for (std::size_t i = 0; i < n; ++i) {
      const double p = static_cast<double>(stratum[i]);
      const double upper = (p + 1.0) / dn;
      double x = (p + rng.uniform()) / dn;
      if (x >= upper) x = std::nextafter(upper, 0.0);  // p + u rounded up to p + 1
      out[i][d] = x;
    }
  }
  return out;
}

SaltelliMatrices saltelliMatrices(std::size_t n, std::size_t k, SobolSampler sampler, std::uint64_t seed) {
  SaltelliMatrices m;
  m.a.assign(n, std::vector<double>(k));
  m.b.assign(n, std::vector<double>(k));
  Xoshiro256 rng(seed);
  if (sampler == SobolSampler::Sobol) {
    std::vector<std::uint32_t> shift(2 * k);
    for (std::uint32_t& w : shift) w = static_cast<std::uint32_t>(rng.next() >> 32);
    const std::vector<std::vector<double>> p = sobolSequence(n, 2 * k, shift);
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t i = 0; i < k; ++i) {
        m.a[j][i] = p[j][i];
        m.b[j][i] = p[j][k + i];
      }
  } else {
    for (std::size_t j = 0; j < n; ++j) {
      for (std::size_t i = 0; i < k; ++i) m.a[j][i] = rng.uniform();
      for (std::size_t i = 0; i < k; ++i) m.b[j][i] = rng.uniform();
    }
  }
  return m;
}

std::vector<SweepPoint> expandDesign(const SweepSpec& spec) {
  const std::size_t count = scenarioCount(spec);
  if (count == std::numeric_limits<std::size_t>::max())
    throw std::length_error("expandDesign: the design has more points than a 64-bit count holds");
  const std::size_t k = spec.axes.size();
  const int axis_width = std::max(2, digits(k == 0 ? 0 : k - 1));
  std::vector<SweepPoint> points;
  points.reserve(count);
  switch (spec.kind) {
    case DesignKind::Grid: {
      const int width = std::max(6, digits(count == 0 ? 0 : count - 1));
      for (std::size_t g = 0; g < count; ++g) {
        SweepPoint p;
        p.id = padded(g, width, "g");
        p.role = PointRole::Grid;
        p.index = g;
        p.overrides.resize(k);
        std::size_t rest = g;
        for (std::size_t a = k; a-- > 0;) {  // the last axis varies fastest
          const SweepAxis& axis = spec.axes[a];
          const std::size_t v = rest % axis.values.size();
          rest /= axis.values.size();
          p.overrides[a] = {axis.key, axis.values[v], axis.value_where[v]};
        }
        points.push_back(std::move(p));
      }
      break;
    }
    case DesignKind::Oat: {
      std::size_t most = 1;
      for (const SweepAxis& axis : spec.axes) most = std::max(most, axis.values.size());
      const int value_width = std::max(3, digits(most - 1));
      SweepPoint base;
      base.id = "oat_base";
      base.role = PointRole::OatBase;
      points.push_back(std::move(base));
      for (std::size_t a = 0; a < k; ++a) {
        const SweepAxis& axis = spec.axes[a];
        for (std::size_t v = 0; v < axis.values.size(); ++v) {
          SweepPoint p;
          std::ostringstream id;
          id << "oat_" << padded(a, axis_width) << '_' << padded(v, value_width);
          p.id = id.str();
          p.role = PointRole::Oat;
          p.index = v;
          p.axis = static_cast<int>(a);
          p.overrides.push_back({axis.key, axis.values[v], axis.value_where[v]});
          points.push_back(std::move(p));
        }
      }
      break;
    }
    case DesignKind::Lhs: {
      const std::size_t n = spec.samples;
      const int width = std::max(6, digits(n == 0 ? 0 : n - 1));
      const std::vector<std::vector<double>> unit = latinHypercube(n, k, spec.seed);
      for (std::size_t j = 0; j < n; ++j) {
        SweepPoint p;
        p.id = padded(j, width, "lhs");
        p.role = PointRole::Lhs;
        p.index = j;
        for (std::size_t a = 0; a < k; ++a) p.overrides.push_back(overrideOf(spec.axes[a], unit[j][a]));
        points.push_back(std::move(p));
      }
      break;
    }
    case DesignKind::Sobol: {
      const std::size_t n = spec.samples;
      const int width = std::max(6, digits(n == 0 ? 0 : n - 1));
      const SaltelliMatrices m = saltelliMatrices(n, k, spec.sampler, spec.seed);
      for (std::size_t j = 0; j < n; ++j) {
        SweepPoint a;
        a.id = padded(j, width, "sobol_A");
        a.role = PointRole::SobolA;
        a.index = j;
        SweepPoint b;
        b.id = padded(j, width, "sobol_B");
        b.role = PointRole::SobolB;
        b.index = j;
        for (std::size_t i = 0; i < k; ++i) {
          a.overrides.push_back(overrideOf(spec.axes[i], m.a[j][i]));
          b.overrides.push_back(overrideOf(spec.axes[i], m.b[j][i]));
        }
        points.push_back(a);
        points.push_back(std::move(b));
        for (std::size_t i = 0; i < k; ++i) {
          SweepPoint ab;  // A with column i from B (Saltelli 2010's A_B^(i))
          std::ostringstream id;
          id << "sobol_AB" << padded(i, axis_width) << '_' << padded(j, width);
          ab.id = id.str();
          ab.role = PointRole::SobolAB;
          ab.index = j;
          ab.axis = static_cast<int>(i);
          ab.overrides = a.overrides;
          ab.overrides[i] = overrideOf(spec.axes[i], m.b[j][i]);
          points.push_back(std::move(ab));
        }
      }
      break;
    }
  }
  return points;
}

}  // namespace spineload
