// Sobol' indices: the Ishigami function and a linear model, whose indices are known in closed form, through
// the whole path a sweep takes (design -> outputs -> indices); a hand-worked small case of the estimators;
// failed rows; determinism of the bootstrap; ranking.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "engine/sweep/sobol.hpp"

namespace spineload {
namespace {

constexpr double kPi = std::numbers::pi;

SweepSpec saltelliSpec(std::size_t samples, const std::vector<std::pair<double, double>>& ranges,
                       SobolSampler sampler, std::uint64_t seed) {
  SweepSpec s;
  s.kind = DesignKind::Sobol;
  s.samples = samples;
  s.sampler = sampler;
  s.seed = seed;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    SweepAxis a;
    a.key = std::string("x").append(std::to_string(i + 1));
    a.low = ranges[i].first;
    a.high = ranges[i].second;
    s.axes.push_back(a);
  }
  return s;
}

// Runs `f` on every point of the design and computes the indices, as the sweep runner does.
template <class F>
SobolIndices analyse(const SweepSpec& s, F f, int bootstrap = 1000) {
  const std::vector<SweepPoint> points = expandDesign(s);
  std::vector<double> y;
  y.reserve(points.size());
  std::vector<double> x(s.axes.size());
  for (const SweepPoint& p : points) {
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::get<double>(p.overrides[i].value);
    y.push_back(f(x));
  }
  const SobolOutputs o = gatherSobolOutputs(points, y, s.axes.size(), s.samples);
  return sobolIndices(o.fA, o.fB, o.fAB, bootstrap, 0.95, s.seed);
}

// Ishigami & Homma 1990 with a = 7, b = 0.1 on [-pi, pi]^3; the variances in closed form (e.g. Saltelli et
// al. 2000, Sensitivity Analysis, Wiley, section 2.9).
constexpr double kA = 7.0, kB = 0.1;
double ishigami(const std::vector<double>& x) {
  return std::sin(x[0]) + kA * std::sin(x[1]) * std::sin(x[1]) + kB * std::pow(x[2], 4) * std::sin(x[0]);
}
struct Exact {
  double s1[3], st[3];
};
Exact ishigamiExact() {
  const double pi4 = std::pow(kPi, 4), pi8 = std::pow(kPi, 8);
  const double v1 = 0.5 * (1.0 + kB * pi4 / 5.0) * (1.0 + kB * pi4 / 5.0);
  const double v2 = kA * kA / 8.0;
  const double v13 = kB * kB * pi8 * (1.0 / 18.0 - 1.0 / 50.0);
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

TEST(SobolIshigami, ClosedFormMatchesThePublishedIndices) {
  const Exact e = ishigamiExact();
  const double s1[] = {0.3139, 0.4424, 0.0}, st[] = {0.5576, 0.4424, 0.2437};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(e.s1[i], s1[i], 1e-4);
    EXPECT_NEAR(e.st[i], st[i], 1e-4);
  }
}

// N = 2^13 quasi-random rows (40960 evaluations): every index within 0.02 of the exact value and inside its
// 95 % bootstrap interval.
TEST(SobolIshigami, IndicesFromTheSobolSequence) {
  const SobolIndices r = analyse(
      saltelliSpec(8192, {{-kPi, kPi}, {-kPi, kPi}, {-kPi, kPi}}, SobolSampler::Sobol, 2024), ishigami);
  const Exact e = ishigamiExact();
  EXPECT_EQ(r.rows_used, 8192u);
  EXPECT_EQ(r.rows_dropped, 0u);
  EXPECT_NEAR(r.variance,
              kA * kA / 8.0 + kB * std::pow(kPi, 4) / 5.0 + kB * kB * std::pow(kPi, 8) / 18.0 + 0.5, 0.1);
  EXPECT_NEAR(r.mean, kA / 2.0, 0.05);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.first_order[i].value, e.s1[i], 0.02) << "S1 of x" << i + 1;
    EXPECT_NEAR(r.total[i].value, e.st[i], 0.02) << "ST of x" << i + 1;
    EXPECT_LE(r.first_order[i].low, e.s1[i]) << i;
    EXPECT_GE(r.first_order[i].high, e.s1[i]) << i;
    EXPECT_LE(r.total[i].low, e.st[i]) << i;
    EXPECT_GE(r.total[i].high, e.st[i]) << i;
    EXPECT_LT(r.first_order[i].high - r.first_order[i].low, 0.1);
    EXPECT_LT(r.total[i].high - r.total[i].low, 0.1);
  }
  EXPECT_EQ(rankByInfluence(r), (std::vector<std::size_t>{0, 1, 2}));
}

// Plain Monte Carlo rows (N = 2^14): looser, but the intervals still hold the exact values.
TEST(SobolIshigami, IndicesFromRandomRows) {
  const SobolIndices r = analyse(
      saltelliSpec(16384, {{-kPi, kPi}, {-kPi, kPi}, {-kPi, kPi}}, SobolSampler::Random, 77), ishigami, 500);
  const Exact e = ishigamiExact();
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.first_order[i].value, e.s1[i], 0.05) << i;
    EXPECT_NEAR(r.total[i].value, e.st[i], 0.05) << i;
    EXPECT_LE(r.first_order[i].low, e.s1[i]) << i;
    EXPECT_GE(r.first_order[i].high, e.s1[i]) << i;
    EXPECT_LE(r.total[i].low, e.st[i]) << i;
    EXPECT_GE(r.total[i].high, e.st[i]) << i;
  }
}

// y = 1000 + sum c_i x_i with x_i uniform on [lo_i, hi_i]: additive, so S1_i = ST_i = c_i^2 var_i / sum,
// var_i = (hi_i - lo_i)^2 / 12. The large offset checks the centring.
TEST(SobolLinear, IndicesOfAnAdditiveModel) {
  const std::vector<std::pair<double, double>> ranges{{0.0, 1.0}, {-2.0, 2.0}, {10.0, 13.0}, {5.0, 5.5}};
  const double c[] = {3.0, 1.0, -0.5, 2.0};
  double exact[4], total = 0.0;
  for (std::size_t i = 0; i < 4; ++i) {
    const double w = ranges[i].second - ranges[i].first;
    exact[i] = c[i] * c[i] * w * w / 12.0;
    total += exact[i];
  }
  for (double& x : exact) x /= total;
  const SobolIndices r =
      analyse(saltelliSpec(4096, ranges, SobolSampler::Sobol, 5), [&](const std::vector<double>& x) {
        double y = 1000.0;
        for (std::size_t i = 0; i < 4; ++i) y += c[i] * x[i];
        return y;
      });
  double sum_s1 = 0.0;
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(r.first_order[i].value, exact[i], 0.01) << i;
    EXPECT_NEAR(r.total[i].value, exact[i], 0.01) << i;
    EXPECT_LE(r.first_order[i].low, exact[i] + 1e-3) << i;
    EXPECT_GE(r.first_order[i].high, exact[i] - 1e-3) << i;
    sum_s1 += r.first_order[i].value;
  }
  EXPECT_NEAR(sum_s1, 1.0, 0.02);
  EXPECT_EQ(rankByInfluence(r), (std::vector<std::size_t>{1, 0, 2, 3}));  // c^2 w^2 = 9, 16, 2.25, 1
}

// Three rows worked by hand: mean of [fA; fB] = 2, V = 10/6, d = fAB - fA = (0.5, 0.5, -1);
// S1 = mean((fB - 2) d) / V = (0 - 1 - 2) / 3 / (10/6) = -0.6; ST = mean(d^2) / 2 / V = 0.5 / 2 / (10/6) =
// 0.15.
TEST(SobolEstimators, HandWorkedCase) {
  const SobolIndices r = sobolIndices({1, 2, 3}, {2, 0, 4}, {{1.5, 2.5, 2}}, 0, 0.95, 1);
  EXPECT_DOUBLE_EQ(r.mean, 2.0);
  EXPECT_DOUBLE_EQ(r.variance, 10.0 / 6.0);
  EXPECT_NEAR(r.first_order[0].value, -0.6, 1e-12);
  EXPECT_NEAR(r.total[0].value, 0.15, 1e-12);
  EXPECT_TRUE(std::isnan(r.first_order[0].low));  // no bootstrap, no interval
  EXPECT_EQ(r.bootstrap, 0);
}

// A failed scenario (NaN anywhere in its row) drops the row: the result equals the one without it.
TEST(SobolEstimators, RowsWithFailedScenariosAreDroppedAndCounted) {
  std::vector<double> fA{1, 2, 3, 4, 5, 6}, fB{2, 0, 4, 1, 7, 3};
  std::vector<std::vector<double>> fAB{{1.5, 2.5, 2, 3, 6, 5}, {1, 1, 3, 4, 4, 6}};
  const SobolIndices clean = sobolIndices(fA, fB, fAB, 200, 0.9, 3);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> fA2 = fA, fB2 = fB;
  std::vector<std::vector<double>> fAB2 = fAB;
  fA2.insert(fA2.begin() + 2, nan), fB2.insert(fB2.begin() + 2, 1.0);
  fAB2[0].insert(fAB2[0].begin() + 2, 1.0), fAB2[1].insert(fAB2[1].begin() + 2, 1.0);
  fA2.push_back(1.0), fB2.push_back(1.0), fAB2[0].push_back(1.0), fAB2[1].push_back(nan);
  fA2.push_back(1.0), fB2.push_back(std::numeric_limits<double>::infinity()), fAB2[0].push_back(1.0),
      fAB2[1].push_back(1.0);
  const SobolIndices dropped = sobolIndices(fA2, fB2, fAB2, 200, 0.9, 3);
  EXPECT_EQ(clean.rows_used, 6u);
  EXPECT_EQ(dropped.rows_used, 6u);
  EXPECT_EQ(dropped.rows_dropped, 3u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_DOUBLE_EQ(dropped.first_order[i].value, clean.first_order[i].value);
    EXPECT_DOUBLE_EQ(dropped.total[i].value, clean.total[i].value);
    EXPECT_DOUBLE_EQ(dropped.first_order[i].low, clean.first_order[i].low);
    EXPECT_DOUBLE_EQ(dropped.total[i].high, clean.total[i].high);
  }
  // All but one row failed: nothing can be estimated.
  const SobolIndices none = sobolIndices({1, nan}, {2, 3}, {{1, 1}}, 100, 0.95, 1);
  EXPECT_EQ(none.rows_used, 1u);
  EXPECT_EQ(none.rows_dropped, 1u);
  EXPECT_TRUE(std::isnan(none.first_order[0].value));
  EXPECT_TRUE(std::isnan(none.total[0].high));
}

TEST(SobolEstimators, ConstantOutputHasNoIndices) {
  const SobolIndices r = sobolIndices({2, 2, 2}, {2, 2, 2}, {{2, 2, 2}, {2, 2, 2}}, 100, 0.95, 1);
  EXPECT_EQ(r.variance, 0.0);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(std::isnan(r.first_order[i].value));
    EXPECT_TRUE(std::isnan(r.total[i].value));
  }
  EXPECT_EQ(rankByInfluence(r), (std::vector<std::size_t>{0, 1}));
}

TEST(SobolEstimators, BootstrapIsDeterministicForASeed) {
  const SweepSpec s = saltelliSpec(512, {{-kPi, kPi}, {-kPi, kPi}, {-kPi, kPi}}, SobolSampler::Sobol, 8);
  const SobolIndices a = analyse(s, ishigami, 300), b = analyse(s, ishigami, 300);
  const std::vector<SweepPoint> points = expandDesign(s);
  std::vector<double> y;
  for (const SweepPoint& p : points) {
    std::vector<double> x;
    for (const ParameterOverride& o : p.overrides) x.push_back(std::get<double>(o.value));
    y.push_back(ishigami(x));
  }
  const SobolOutputs o = gatherSobolOutputs(points, y, 3, 512);
  const SobolIndices c = sobolIndices(o.fA, o.fB, o.fAB, 300, 0.95, 9);  // same outputs, another seed
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(a.first_order[i].low, b.first_order[i].low);
    EXPECT_EQ(a.total[i].high, b.total[i].high);
    EXPECT_EQ(a.first_order[i].value, c.first_order[i].value);  // the estimate does not resample
    EXPECT_NE(a.first_order[i].low, c.first_order[i].low);
    EXPECT_LT(a.first_order[i].low, a.first_order[i].value);
    EXPECT_GT(a.first_order[i].high, a.first_order[i].value);
  }
  // A wider confidence gives a wider interval from the same resamples.
  const SobolIndices wide = sobolIndices(o.fA, o.fB, o.fAB, 300, 0.99, 8);
  const SobolIndices narrow = sobolIndices(o.fA, o.fB, o.fAB, 300, 0.5, 8);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_LE(wide.total[i].low, a.total[i].low);
    EXPECT_GE(wide.total[i].high, a.total[i].high);
    EXPECT_GE(narrow.total[i].low, a.total[i].low);
    EXPECT_LE(narrow.total[i].high, a.total[i].high);
  }
}

TEST(SobolEstimators, BadArgumentsThrow) {
  EXPECT_THROW(sobolIndices({1, 2}, {1}, {{1, 2}}, 10, 0.95, 1), std::invalid_argument);
  EXPECT_THROW(sobolIndices({1, 2}, {1, 2}, {{1}}, 10, 0.95, 1), std::invalid_argument);
  EXPECT_THROW(sobolIndices({1, 2}, {1, 2}, {{1, 2}}, -1, 0.95, 1), std::invalid_argument);
  EXPECT_THROW(sobolIndices({1, 2}, {1, 2}, {{1, 2}}, 10, 1.0, 1), std::invalid_argument);
}

// A missing point's output stays NaN (its row counts as failed); other designs' points are ignored.
TEST(SobolEstimators, GatherArrangesOutputsByRoleAndRow) {
  const SweepSpec s = saltelliSpec(4, {{0, 1}, {0, 1}}, SobolSampler::Sobol, 1);
  std::vector<SweepPoint> points = expandDesign(s);
  std::vector<double> y;
  for (std::size_t i = 0; i < points.size(); ++i) y.push_back(static_cast<double>(i));
  // Reversed order: gathering goes by role and row, not position.
  std::reverse(points.begin(), points.end());
  std::reverse(y.begin(), y.end());
  points.erase(points.begin());  // the last point, sobol_AB01_000003
  y.erase(y.begin());
  SweepPoint stray;
  stray.role = PointRole::Lhs;
  points.push_back(stray);
  y.push_back(-1.0);
  const SobolOutputs o = gatherSobolOutputs(points, y, 2, 4);
  for (std::size_t j = 0; j < 4; ++j) {
    EXPECT_EQ(o.fA[j], 4.0 * j);
    EXPECT_EQ(o.fB[j], 4.0 * j + 1);
    EXPECT_EQ(o.fAB[0][j], 4.0 * j + 2);
    if (j < 3) {
      EXPECT_EQ(o.fAB[1][j], 4.0 * j + 3);
    }
  }
  EXPECT_TRUE(std::isnan(o.fAB[1][3]));
  EXPECT_THROW(gatherSobolOutputs(points, y, 2, 3), std::invalid_argument);  // rows beyond the samples
  y.pop_back();
  EXPECT_THROW(gatherSobolOutputs(points, y, 2, 4), std::invalid_argument);  // one value per point
}

}  // namespace
}  // namespace spineload
