#include "engine/sweep/sobol.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "engine/sweep/random.hpp"

namespace spineload {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The rows kept, centred: row r holds fA, fB, fAB_0 .. fAB_{k-1} at r * (k + 2).
struct Rows {
  std::size_t n = 0, k = 0;
  std::vector<double> data;
  double at(std::size_t r, std::size_t c) const { return data[r * (k + 2) + c]; }
};

// S1 and ST of every axis from the rows listed in `pick` (with repeats for a bootstrap resample). The
// outputs are centred again on the resample's mean: the sums below give that exactly,
// sum (fB - m) d = sum fB d - m sum d.
void estimate(const Rows& rows, const std::vector<std::size_t>& pick, std::vector<double>& sums,
              std::vector<double>& s1, std::vector<double>& st, double& variance) {
  const std::size_t k = rows.k;
  std::fill(sums.begin(), sums.end(), 0.0);
  double sum_ab = 0.0, sum_ab2 = 0.0;  // over fA and fB together
  for (const std::size_t r : pick) {
    const double* row = &rows.data[r * (k + 2)];
    const double a = row[0], b = row[1];
    sum_ab += a + b;
    sum_ab2 += a * a + b * b;
    for (std::size_t i = 0; i < k; ++i) {
      const double d = row[2 + i] - a;
      sums[3 * i] += d;
      sums[3 * i + 1] += b * d;
      sums[3 * i + 2] += d * d;
    }
  }
  const double n = static_cast<double>(pick.size());
  const double m = sum_ab / (2.0 * n);
  variance = sum_ab2 / (2.0 * n) - m * m;
  for (std::size_t i = 0; i < k; ++i) {
    if (!(variance > 0.0)) {
      s1[i] = st[i] = kNaN;
      continue;
    }
    s1[i] = (sums[3 * i + 1] - m * sums[3 * i]) / n / variance;
    st[i] = sums[3 * i + 2] / (2.0 * n) / variance;
  }
}

// Quantile p of sorted finite values, linear interpolation between order statistics (Hyndman & Fan type 7).
double quantile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return kNaN;
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

void interval(std::vector<double>& replicates, double confidence, SobolEstimate& e) {
  replicates.erase(
      std::remove_if(replicates.begin(), replicates.end(), [](double x) { return !std::isfinite(x); }),
      replicates.end());
  std::sort(replicates.begin(), replicates.end());
  e.low = quantile(replicates, (1.0 - confidence) / 2.0);
  e.high = quantile(replicates, (1.0 + confidence) / 2.0);
}

}  // namespace

SobolIndices sobolIndices(const std::vector<double>& fA, const std::vector<double>& fB,
                          const std::vector<std::vector<double>>& fAB, int bootstrap, double confidence,
                          std::uint64_t seed) {
  const std::size_t n_all = fA.size(), k = fAB.size();
  if (fB.size() != n_all) throw std::invalid_argument("sobolIndices: fA and fB differ in length");
  for (const std::vector<double>& f : fAB)
    if (f.size() != n_all) throw std::invalid_argument("sobolIndices: an fAB differs in length from fA");
  if (bootstrap < 0) throw std::invalid_argument("sobolIndices: bootstrap must be >= 0");
  if (!(confidence > 0.0 && confidence < 1.0))
    throw std::invalid_argument("sobolIndices: confidence must be in (0, 1)");

  SobolIndices out;
  out.first_order.resize(k);
  out.total.resize(k);
  out.bootstrap = bootstrap;
  out.confidence = confidence;

  // Keep the rows whose every output is finite.
  Rows rows;
  rows.k = k;
  for (std::size_t r = 0; r < n_all; ++r) {
    bool ok = std::isfinite(fA[r]) && std::isfinite(fB[r]);
    for (std::size_t i = 0; i < k && ok; ++i) ok = std::isfinite(fAB[i][r]);
    if (!ok) {
      ++out.rows_dropped;
      continue;
    }
    rows.data.push_back(fA[r]);
    rows.data.push_back(fB[r]);
    for (std::size_t i = 0; i < k; ++i) rows.data.push_back(fAB[i][r]);
    ++rows.n;
  }
  out.rows_used = rows.n;
  if (rows.n < 2) return out;

  // Centre on the mean of [fA; fB] (the indices are then unaffected by the output's offset).
  double sum = 0.0;
  for (std::size_t r = 0; r < rows.n; ++r) sum += rows.at(r, 0) + rows.at(r, 1);
  out.mean = sum / (2.0 * static_cast<double>(rows.n));
  for (double& x : rows.data) x -= out.mean;

  std::vector<std::size_t> pick(rows.n);
  std::iota(pick.begin(), pick.end(), std::size_t{0});
  std::vector<double> sums(3 * k), s1(k), st(k);
  estimate(rows, pick, sums, s1, st, out.variance);
  for (std::size_t i = 0; i < k; ++i) {
    out.first_order[i].value = s1[i];
    out.total[i].value = st[i];
  }
  if (bootstrap == 0 || !(out.variance > 0.0)) return out;

  Xoshiro256 rng(seed);
  const std::size_t b_count = static_cast<std::size_t>(bootstrap);
  std::vector<std::vector<double>> rep_s1(k, std::vector<double>(b_count)),
      rep_st(k, std::vector<double>(b_count));
  double v = 0.0;
  for (std::size_t b = 0; b < b_count; ++b) {
    for (std::size_t& r : pick) r = static_cast<std::size_t>(rng.below(rows.n));
    estimate(rows, pick, sums, s1, st, v);
    for (std::size_t i = 0; i < k; ++i) {
      rep_s1[i][b] = s1[i];
      rep_st[i][b] = st[i];
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    interval(rep_s1[i], confidence, out.first_order[i]);
    interval(rep_st[i], confidence, out.total[i]);
  }
  return out;
}

std::vector<std::size_t> rankByInfluence(const SobolIndices& indices) {
  std::vector<std::size_t> order(indices.total.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto key = [&](std::size_t i, bool first) {
    const double x = first ? indices.first_order[i].value : indices.total[i].value;
    return std::isnan(x) ? -std::numeric_limits<double>::infinity() : x;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const bool nan_a = std::isnan(indices.total[a].value), nan_b = std::isnan(indices.total[b].value);
    if (nan_a != nan_b) return nan_b;
    if (key(a, false) != key(b, false)) return key(a, false) > key(b, false);
    return key(a, true) > key(b, true);
  });
  return order;
}

SobolOutputs gatherSobolOutputs(const std::vector<SweepPoint>& points, const std::vector<double>& values,
                                std::size_t axes, std::size_t samples) {
  if (values.size() != points.size())
    throw std::invalid_argument("gatherSobolOutputs: one value per point is needed");
  SobolOutputs out;
  out.fA.assign(samples, kNaN);
  out.fB.assign(samples, kNaN);
  out.fAB.assign(axes, std::vector<double>(samples, kNaN));
  for (std::size_t p = 0; p < points.size(); ++p) {
    const SweepPoint& point = points[p];
    if (point.role != PointRole::SobolA && point.role != PointRole::SobolB &&
        point.role != PointRole::SobolAB)
      continue;
    if (point.index >= samples) throw std::invalid_argument("gatherSobolOutputs: a row beyond the samples");
    switch (point.role) {
      case PointRole::SobolA:
        out.fA[point.index] = values[p];
        break;
      case PointRole::SobolB:
        out.fB[point.index] = values[p];
        break;
      default:
        if (point.axis < 0 || static_cast<std::size_t>(point.axis) >= axes)
          throw std::invalid_argument("gatherSobolOutputs: an axis beyond the axes");
        out.fAB[static_cast<std::size_t>(point.axis)][point.index] = values[p];
        break;
    }
  }
  return out;
}

}  // namespace spineload
