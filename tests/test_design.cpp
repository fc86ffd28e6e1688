// Sweep designs: the random numbers against their published reference outputs, the Sobol' sequence against
// its published first points and its net property, and each design's points, ids, order, stratification
// and determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "engine/sweep/design.hpp"
#include "engine/sweep/random.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

const std::vector<ParameterSpec>& table() {
  return test::parameterTable();
}

SweepSpec parse(const std::string& text) {
  return parseSweepText(text, "d.toml", table());
}

double number(const ParameterOverride& o) {
  return std::get<double>(o.value);
}

// splitmix64 from state 0 and from 1234567, as in Vigna's splitmix64.c (the outputs quoted by many
// independent ports' tests).
TEST(DesignRandom, SplitMix64MatchesTheReference) {
  std::uint64_t s = 0;
  EXPECT_EQ(splitMix64(s), 0xE220A8397B1DCDAFull);
  EXPECT_EQ(splitMix64(s), 0x6E789E6AA1B965F4ull);
  EXPECT_EQ(splitMix64(s), 0x06C45D188009454Full);
  s = 1234567;
  for (const std::uint64_t e : {6457827717110365317ull, 3203168211198807973ull, 9817491932198370423ull,
                                4593380528125082431ull, 16408922859458223821ull})
    EXPECT_EQ(splitMix64(s), e);
}

// xoshiro256** from the state {1, 2, 3, 4}: the reference implementation's first ten outputs (as in the
// rand_xoshiro crate's test).
TEST(DesignRandom, Xoshiro256StarStarMatchesTheReference) {
  Xoshiro256 g(1, 2, 3, 4);
  for (const std::uint64_t e :
       {11520ull, 0ull, 1509978240ull, 1215971899390074240ull, 1216172134540287360ull, 607988272756665600ull,
        16172922978634559625ull, 8476171486693032832ull, 10595114339597558777ull, 2904607092377533576ull})
    EXPECT_EQ(g.next(), e);
}

TEST(DesignRandom, UniformBoundedAndPermutations) {
  Xoshiro256 g(42);
  double lo = 1.0, hi = 0.0, sum = 0.0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double u = g.uniform();
    lo = std::min(lo, u), hi = std::max(hi, u), sum += u;
  }
  EXPECT_GE(lo, 0.0);
  EXPECT_LT(hi, 1.0);
  EXPECT_NEAR(sum / n, 0.5, 0.005);  // 5 standard errors
  std::vector<int> counts(3, 0);
  for (int i = 0; i < 30000; ++i) ++counts[static_cast<std::size_t>(g.below(3))];
  for (const int c : counts) EXPECT_NEAR(c, 10000, 400);  // ~5 standard deviations
  EXPECT_EQ(g.below(1), 0u);
  std::vector<std::size_t> p = randomPermutation(50, g);
  std::sort(p.begin(), p.end());
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_EQ(p[i], i);
  // Every order of 3 appears, in roughly equal shares.
  std::map<std::vector<std::size_t>, int> orders;
  for (int i = 0; i < 6000; ++i) ++orders[randomPermutation(3, g)];
  EXPECT_EQ(orders.size(), 6u);
  for (const auto& [order, c] : orders) EXPECT_NEAR(c, 1000, 150);
}

TEST(DesignGrid, SizeOrderAndIds) {
  const SweepSpec s = parse(
      "base = \"b.toml\"\n[design]\nkind = \"grid\"\n"
      "[[axis]]\nkey = \"gait.speed_m_s\"\nvalues = [2.5, 3.5]\n"
      "[[axis]]\nkey = \"gait.foot_strike\"\nvalues = [\"rearfoot\", \"midfoot\", \"forefoot\"]\n"
      "[[axis]]\nkey = \"core.stiffness\"\nvalues = [0.1, 0.2]\n");
  const std::vector<SweepPoint> p = expandDesign(s);
  ASSERT_EQ(p.size(), 12u);
  EXPECT_EQ(p.size(), scenarioCount(s));
  EXPECT_EQ(p[0].id, "g000000");
  EXPECT_EQ(p[11].id, "g000011");
  // Nested loops in the file's order: the last axis fastest.
  const char* strikes[] = {"rearfoot", "midfoot", "forefoot"};
  for (std::size_t i = 0; i < 12; ++i) {
    ASSERT_EQ(p[i].overrides.size(), 3u);
    EXPECT_EQ(p[i].role, PointRole::Grid);
    EXPECT_EQ(p[i].index, i);
    EXPECT_EQ(p[i].overrides[0].key, "gait.speed_m_s");
    EXPECT_EQ(number(p[i].overrides[0]), i / 6 == 0 ? 2.5 : 3.5);
    EXPECT_EQ(std::get<std::string>(p[i].overrides[1].value), strikes[(i / 2) % 3]);
    EXPECT_EQ(number(p[i].overrides[2]), i % 2 == 0 ? 0.1 : 0.2);
  }
  // Where each value was written, for messages about a point.
  EXPECT_EQ(p[5].overrides[1].where.line, 9);
  EXPECT_EQ(p[5].overrides[1].where.column, 34);
  // Ids sort in point order, and are unique.
  std::vector<std::string> ids;
  for (const SweepPoint& q : p) ids.push_back(q.id);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
}

TEST(DesignOat, BaseThenEachValueAlone) {
  const SweepSpec s = parse(
      "base = \"b.toml\"\n[design]\nkind = \"oat\"\n"
      "[[axis]]\nkey = \"gait.speed_m_s\"\nvalues = [2.5, 3.5]\n"
      "[[axis]]\nkey = \"gait.foot_strike\"\nvalues = [\"forefoot\"]\n"
      "[[axis]]\nkey = \"core.stiffness\"\nvalues = [0.1, 0.2, 0.3]\n");
  const std::vector<SweepPoint> p = expandDesign(s);
  ASSERT_EQ(p.size(), 7u);
  EXPECT_EQ(p.size(), scenarioCount(s));
  EXPECT_EQ(p[0].id, "oat_base");
  EXPECT_EQ(p[0].role, PointRole::OatBase);
  EXPECT_TRUE(p[0].overrides.empty());
  const std::vector<std::string> ids{"oat_00_000", "oat_00_001", "oat_01_000",
                                     "oat_02_000", "oat_02_001", "oat_02_002"};
  const std::vector<int> axes{0, 0, 1, 2, 2, 2};
  for (std::size_t i = 1; i < p.size(); ++i) {
    EXPECT_EQ(p[i].id, ids[i - 1]);
    EXPECT_EQ(p[i].role, PointRole::Oat);
    EXPECT_EQ(p[i].axis, axes[i - 1]);
    ASSERT_EQ(p[i].overrides.size(), 1u);  // one value, every other at the base's
    EXPECT_EQ(p[i].overrides[0].key, s.axes[static_cast<std::size_t>(axes[i - 1])].key);
  }
  EXPECT_EQ(std::get<std::string>(p[3].overrides[0].value), "forefoot");
  EXPECT_EQ(number(p[6].overrides[0]), 0.3);
  EXPECT_EQ(p[6].index, 2u);
}

// With more than 1000 values on an axis the value number grows to 4 digits, for every point alike.
TEST(DesignOat, IdsWidenForLongAxes) {
  std::ostringstream text;
  text << "base = \"b.toml\"\n[design]\nkind = \"oat\"\n[[axis]]\nkey = \"subject.body_mass_kg\"\nvalues = [";
  for (int i = 0; i <= 1000; ++i) text << (i ? ", " : "") << 40.0 + 0.1 * i;
  text << "]\n";
  const SweepSpec s = parse(text.str());
  const std::vector<SweepPoint> p = expandDesign(s);
  ASSERT_EQ(p.size(), 1002u);
  EXPECT_EQ(p[1].id, "oat_00_0000");
  EXPECT_EQ(p[1001].id, "oat_00_1000");
}

const std::string kLhs =
    "base = \"b.toml\"\n[design]\nkind = \"lhs\"\nsamples = 50\nseed = 11\n"
    "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [2.5, 4.5]\n"
    "[[axis]]\nkey = \"core.stiffness\"\nrange = [0.1, 0.3]\n"
    "[[axis]]\nkey = \"discs.hydration\"\nrange = [0.6, 1.0]\n";

// McKay et al. 1979: each axis's range cut into n equal strata holds exactly one point in each.
TEST(DesignLhs, OnePointPerStratumOnEveryAxis) {
  const SweepSpec s = parse(kLhs);
  const std::vector<SweepPoint> p = expandDesign(s);
  ASSERT_EQ(p.size(), 50u);
  EXPECT_EQ(p[0].id, "lhs000000");
  EXPECT_EQ(p[49].id, "lhs000049");
  for (std::size_t a = 0; a < 3; ++a) {
    const SweepAxis& axis = s.axes[a];
    std::vector<int> hits(50, 0);
    for (const SweepPoint& q : p) {
      ASSERT_EQ(q.overrides[a].key, axis.key);
      const double x = number(q.overrides[a]);
      ASSERT_GE(x, axis.low);
      ASSERT_LT(x, axis.high);
      ++hits[static_cast<std::size_t>(std::floor((x - axis.low) / (axis.high - axis.low) * 50.0))];
    }
    for (std::size_t k = 0; k < 50; ++k) EXPECT_EQ(hits[k], 1) << axis.key << " stratum " << k;
  }
  // The unit-cube generator, many strata.
  const std::vector<std::vector<double>> u = latinHypercube(1000, 4, 3);
  for (std::size_t d = 0; d < 4; ++d) {
    std::vector<int> hits(1000, 0);
    for (const std::vector<double>& row : u) ++hits[static_cast<std::size_t>(std::floor(row[d] * 1000.0))];
    EXPECT_EQ(*std::min_element(hits.begin(), hits.end()), 1);
    EXPECT_EQ(*std::max_element(hits.begin(), hits.end()), 1);
  }
  // The pairing of strata is random: the two axes are not in step (rank correlation near 0).
  double sxy = 0.0;
  for (const std::vector<double>& row : u) sxy += (row[0] - 0.5) * (row[1] - 0.5);
  EXPECT_LT(std::abs(sxy / 1000.0 / (1.0 / 12.0)), 0.15);
}

TEST(DesignLhs, SameSeedSamePointsOtherSeedOthers) {
  const std::vector<SweepPoint> a = expandDesign(parse(kLhs));
  const std::vector<SweepPoint> b = expandDesign(parse(kLhs));
  std::string other = kLhs;
  other.replace(other.find("seed = 11"), 9, "seed = 12");
  const std::vector<SweepPoint> c = expandDesign(parse(other));
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t k = 0; k < 3; ++k) {
      EXPECT_EQ(number(a[i].overrides[k]), number(b[i].overrides[k]));  // bit for bit
      differ += number(a[i].overrides[k]) != number(c[i].overrides[k]);
    }
  EXPECT_GT(differ, 140u);
}

// The first points of the unscrambled 2-d Sobol' sequence in Gray-code order (Bratley & Fox 1988; the same
// points scipy.stats.qmc.Sobol(d=2, scramble=False) gives).
TEST(DesignSobolSequence, FirstPointsMatchThePublishedSequence) {
  const std::vector<std::vector<double>> p = sobolSequence(8, 2);
  const double expected[8][2] = {{0, 0},         {0.5, 0.5},     {0.75, 0.25},   {0.25, 0.75},
                                 {0.375, 0.375}, {0.875, 0.875}, {0.625, 0.125}, {0.125, 0.625}};
  for (std::size_t i = 0; i < 8; ++i)
    for (std::size_t d = 0; d < 2; ++d) EXPECT_EQ(p[i][d], expected[i][d]) << i << ", " << d;
}

// Every dimension of a Sobol' sequence is a (0, m, 1)-net: the first 2^m points put exactly one point in
// each interval [j/2^m, (j+1)/2^m), with or without a digital shift; the first two dimensions form a
// (0, m, 2)-net, one point in each elementary box of area 2^-m.
TEST(DesignSobolSequence, NetProperties) {
  const std::size_t dims = kSobolMaxDimensions;
  std::vector<std::uint32_t> shift(dims);
  Xoshiro256 g(5);
  for (std::uint32_t& w : shift) w = static_cast<std::uint32_t>(g.next() >> 32);
  for (const bool shifted : {false, true}) {
    const std::vector<std::vector<double>> p =
        sobolSequence(1024, dims, shifted ? shift : std::vector<std::uint32_t>{});
    for (std::size_t m = 0; m <= 10; ++m) {
      const std::size_t n = std::size_t{1} << m;
      for (std::size_t d = 0; d < dims; ++d) {
        std::vector<int> hits(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
          ASSERT_GE(p[i][d], 0.0);
          ASSERT_LT(p[i][d], 1.0);
          ++hits[static_cast<std::size_t>(p[i][d] * static_cast<double>(n))];
        }
        EXPECT_EQ(*std::max_element(hits.begin(), hits.end()), 1) << "dimension " << d << ", 2^" << m;
      }
      for (std::size_t a = 0; a <= m; ++a) {  // boxes 2^-a wide and 2^-(m-a) high
        std::set<std::pair<std::size_t, std::size_t>> boxes;
        for (std::size_t i = 0; i < n; ++i)
          boxes.insert({static_cast<std::size_t>(p[i][0] * static_cast<double>(1u << a)),
                        static_cast<std::size_t>(p[i][1] * static_cast<double>(1u << (m - a)))});
        EXPECT_EQ(boxes.size(), n) << "2^" << m << " points, boxes of 2^-" << a;
      }
    }
  }
}

// The transcribed direction numbers: each polynomial x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1 primitive over
// GF(2) (x has order 2^s - 1 modulo it), and each m_i odd and below 2^i (Joe & Kuo 2008, section 2).
TEST(DesignSobolSequence, DirectionNumbersArePrimitiveAndOdd) {
  const std::vector<SobolDirectionRow>& rows = sobolDirectionRows();
  ASSERT_EQ(rows.size(), kSobolMaxDimensions - 1);
  std::set<std::pair<unsigned, unsigned>> polynomials;
  for (const SobolDirectionRow& r : rows) {
    ASSERT_GE(r.s, 1u);
    ASSERT_LE(r.s, 8u);
    EXPECT_TRUE(polynomials.insert({r.s, r.a}).second) << "polynomial repeated";
    for (unsigned i = 1; i <= r.s; ++i) {
      EXPECT_EQ(r.m[i - 1] % 2, 1u);
      EXPECT_LT(r.m[i - 1], 1u << i);
    }
    const unsigned poly = (1u << r.s) | (r.a << 1) | 1u;  // bit j = coefficient of x^j
    const unsigned period = (1u << r.s) - 1;
    unsigned x = 1;  // x^0
    unsigned order = 0;
    do {
      x <<= 1;  // multiply by x, reduce modulo poly
      if (x & (1u << r.s)) x ^= poly;
      ++order;
    } while (x != 1 && order <= period);
    EXPECT_EQ(order, period) << "degree " << r.s << ", a = " << r.a;
  }
}

const std::string kSobol =
    "base = \"b.toml\"\n[design]\nkind = \"sobol\"\nsamples = 64\nseed = 3\n"
    "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [2.5, 4.5]\n"
    "[[axis]]\nkey = \"core.stiffness\"\nrange = [0.1, 0.3]\n"
    "[[axis]]\nkey = \"discs.hydration\"\nrange = [0.6, 1.0]\n";

// Saltelli et al. 2010: per row, A, B and the k matrices AB_i = A with column i from B.
TEST(DesignSaltelli, RowsOfAandBandTheMixedMatrices) {
  for (const char* sampler : {"sobol", "random"}) {
    std::string text = kSobol;
    text.insert(text.find("[[axis]]"), std::string("sampler = \"") + sampler + "\"\n");
    const SweepSpec s = parse(text);
    const std::vector<SweepPoint> p = expandDesign(s);
    ASSERT_EQ(p.size(), 64u * 5u);
    EXPECT_EQ(p.size(), scenarioCount(s));
    std::set<std::string> ids;
    for (std::size_t j = 0; j < 64; ++j) {
      const SweepPoint& a = p[5 * j];
      const SweepPoint& b = p[5 * j + 1];
      EXPECT_EQ(a.role, PointRole::SobolA);
      EXPECT_EQ(b.role, PointRole::SobolB);
      EXPECT_EQ(a.index, j);
      for (std::size_t i = 0; i < 3; ++i) {
        const SweepPoint& ab = p[5 * j + 2 + i];
        EXPECT_EQ(ab.role, PointRole::SobolAB);
        EXPECT_EQ(ab.axis, static_cast<int>(i));
        EXPECT_EQ(ab.index, j);
        for (std::size_t c = 0; c < 3; ++c) {
          EXPECT_EQ(ab.overrides[c].key, s.axes[c].key);
          EXPECT_EQ(number(ab.overrides[c]), number(c == i ? b.overrides[c] : a.overrides[c]));
        }
      }
      for (const SweepPoint& q : {a, b})
        for (std::size_t c = 0; c < 3; ++c) {
          EXPECT_GE(number(q.overrides[c]), s.axes[c].low);
          EXPECT_LE(number(q.overrides[c]), s.axes[c].high);
          EXPECT_EQ(q.overrides[c].where.line, s.axes[c].range_where.line);
        }
      for (std::size_t q = 0; q < 5; ++q) ids.insert(p[5 * j + q].id);
    }
    EXPECT_EQ(ids.size(), p.size());
    EXPECT_EQ(p[0].id, "sobol_A000000");
    EXPECT_EQ(p[1].id, "sobol_B000000");
    EXPECT_EQ(p[2].id, "sobol_AB00_000000");
    EXPECT_EQ(p[5 * 63 + 4].id, "sobol_AB02_000063");
  }
}

// With the Sobol' sampler, 2^m rows of A put one point in each of 2^m strata of every axis (a digitally
// shifted (0, m, 1)-net per dimension), and so do B's.
TEST(DesignSaltelli, SobolRowsStratifyEveryAxis) {
  const SweepSpec s = parse(kSobol);
  const std::vector<SweepPoint> p = expandDesign(s);
  for (const PointRole role : {PointRole::SobolA, PointRole::SobolB})
    for (std::size_t c = 0; c < 3; ++c) {
      std::vector<int> hits(64, 0);
      for (const SweepPoint& q : p)
        if (q.role == role) {
          const double u = (number(q.overrides[c]) - s.axes[c].low) / (s.axes[c].high - s.axes[c].low);
          ++hits[std::min<std::size_t>(63, static_cast<std::size_t>(u * 64.0))];
        }
      EXPECT_EQ(*std::max_element(hits.begin(), hits.end()), 1);
    }
}

TEST(DesignSaltelli, DeterministicForASeed) {
  std::string other = kSobol;
  other.replace(other.find("seed = 3"), 8, "seed = 4");
  const std::vector<SweepPoint> a = expandDesign(parse(kSobol)), b = expandDesign(parse(kSobol)),
                                c = expandDesign(parse(other));
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t k = 0; k < 3; ++k) {
      EXPECT_EQ(number(a[i].overrides[k]), number(b[i].overrides[k]));
      differ += number(a[i].overrides[k]) != number(c[i].overrides[k]);
    }
  EXPECT_GT(differ, a.size() * 3 * 9 / 10);
  // The unit-cube matrices are reproducible as well, row for row.
  const SaltelliMatrices m1 = saltelliMatrices(16, 2, SobolSampler::Random, 9);
  const SaltelliMatrices m2 = saltelliMatrices(16, 2, SobolSampler::Random, 9);
  EXPECT_EQ(m1.a, m2.a);
  EXPECT_EQ(m1.b, m2.b);
  EXPECT_NE(m1.a, m1.b);
}

TEST(DesignSaltelli, TooLargeToCountIsRefused) {
  SweepSpec s;
  s.kind = DesignKind::Sobol;
  s.axes.resize(1);
  s.samples = std::numeric_limits<std::size_t>::max() / 2;
  EXPECT_THROW(expandDesign(s), std::length_error);
  EXPECT_THROW(sobolSequence(4, kSobolMaxDimensions + 1), std::invalid_argument);
}

}  // namespace
}  // namespace spineload
