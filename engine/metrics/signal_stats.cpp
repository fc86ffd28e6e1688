#include "engine/metrics/signal_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace spineload {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double signedPeak(std::span<const double> x, std::size_t begin, std::size_t end) {
  double peak = kNaN;
  for (std::size_t i = begin; i < end; ++i) {
    if (std::isnan(x[i])) return kNaN;  // a failed sample makes every statistic undefined
    if (std::isnan(peak) || std::abs(x[i]) > std::abs(peak)) peak = x[i];
  }
  return peak;
}

double mean(std::span<const double> x, std::size_t begin, std::size_t end) {
  if (end <= begin) return kNaN;
  double sum = 0.0;
  for (std::size_t i = begin; i < end; ++i) sum += x[i];
  return sum / static_cast<double>(end - begin);
}

double rms(std::span<const double> x, std::size_t begin, std::size_t end) {
  if (end <= begin) return kNaN;
  double sum = 0.0;
  for (std::size_t i = begin; i < end; ++i) sum += x[i] * x[i];
  return std::sqrt(sum / static_cast<double>(end - begin));
}

double minimum(std::span<const double> x, std::size_t begin, std::size_t end) {
  double m = end > begin ? x[begin] : kNaN;
  for (std::size_t i = begin; i < end; ++i) {
    if (std::isnan(x[i])) return kNaN;
    m = std::min(m, x[i]);
  }
  return m;
}

double maximum(std::span<const double> x, std::size_t begin, std::size_t end) {
  double m = end > begin ? x[begin] : kNaN;
  for (std::size_t i = begin; i < end; ++i) {
    if (std::isnan(x[i])) return kNaN;
    m = std::max(m, x[i]);
  }
  return m;
}

double impulsePerCycle(std::span<const double> x, double dt_s, const CycleBounds& bounds) {
  if (bounds.size() < 2) return kNaN;
  double total = 0.0;
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    // Trapezoids up to the next cycle's first sample when there is one, so cycles do not lose an interval.
    const std::size_t last = std::min(bounds[k + 1], x.size() - 1);
    for (std::size_t i = bounds[k]; i < last; ++i) total += 0.5 * (x[i] + x[i + 1]) * dt_s;
  }
  return total / static_cast<double>(bounds.size() - 1);
}

double loadingRate(std::span<const double> x, double dt_s, const CycleBounds& bounds) {
  if (bounds.size() < 2) return kNaN;
  double total = 0.0;
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    double fastest = 0.0;
    const std::size_t last = std::min(bounds[k + 1], x.size() - 1);
    for (std::size_t i = bounds[k]; i < last; ++i)
      fastest = std::max(fastest, (std::abs(x[i + 1]) - std::abs(x[i])) / dt_s);
    total += fastest;
  }
  return total / static_cast<double>(bounds.size() - 1);
}

std::vector<double> halfCyclePeaks(std::span<const double> x, const CycleBounds& bounds) {
  std::vector<double> peaks;
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    const std::size_t mid = (bounds[k] + bounds[k + 1]) / 2;
    peaks.push_back(maximum(x, bounds[k], mid));
    peaks.push_back(maximum(x, mid, bounds[k + 1]));
  }
  return peaks;
}

double asymmetryIndexPercent(double right, double left) {
  const double sum = right + left;
  if (sum == 0.0) return kNaN;
  return 100.0 * (right - left) / (0.5 * sum);
}

std::vector<double> cyclePowerSpectrum(std::span<const double> x, std::size_t stride, std::size_t column,
                                       double dt_s, const CycleBounds& bounds, std::span<const double> f_hz) {
  std::vector<double> psd(f_hz.size(), 0.0);
  if (bounds.size() < 2) {
    std::fill(psd.begin(), psd.end(), kNaN);
    return psd;
  }
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    const std::size_t n = bounds[k + 1] - bounds[k];
    if (n < 2) continue;  // an empty cycle has no spectrum (it still counts in the average, as zero power)
    double m = 0.0, window_power = 0.0;
    for (std::size_t i = 0; i < n; ++i) m += x[(bounds[k] + i) * stride + column];
    m /= static_cast<double>(n);
    std::vector<double> y(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double w =
          0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n));
      y[i] = w * (x[(bounds[k] + i) * stride + column] - m);
      window_power += w * w;
    }
    for (std::size_t j = 0; j < f_hz.size(); ++j) {
      double re = 0.0, im = 0.0;
      const double omega = 2.0 * std::numbers::pi * f_hz[j] * dt_s;
      for (std::size_t i = 0; i < n; ++i) {
        re += y[i] * std::cos(omega * static_cast<double>(i));
        im -= y[i] * std::sin(omega * static_cast<double>(i));
      }
      // Periodogram scaled by the window's power, doubled for the one-sided spectrum (except at 0 Hz).
      const double one_sided = f_hz[j] > 0.0 ? 2.0 : 1.0;
      psd[j] += one_sided * (re * re + im * im) * dt_s / window_power;
    }
  }
  for (double& p : psd) p /= static_cast<double>(bounds.size() - 1);
  return psd;
}

}  // namespace spineload
