#include "engine/gait/running_motion.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "engine/core/euler_kinematics.hpp"

namespace spineload {

PeriodicSeries PeriodicSeries::fromSamples(const std::vector<double>& s, double period_s, double max_hz,
                                           double* mean) {
  PeriodicSeries p;
  const std::size_t n = s.size();
  p.omega_ = 2.0 * M_PI / period_s;
  const std::size_t k_max = static_cast<std::size_t>(std::floor(max_hz * period_s));
  if (n < 2 * k_max + 1) throw std::invalid_argument("PeriodicSeries: too few samples for the harmonics");
  double sum = 0.0;
  for (double v : s) sum += v;
  if (mean) *mean = sum / static_cast<double>(n);
  p.c_.resize(k_max);
  // Direct DFT (N·K, once per scenario); 2/N scaling gives the one-sided real-series coefficient. The
  // twiddles exp(−2πi m/N) are tabulated once and indexed by m = k j mod N, exact in integers: N sines
  // instead of N·K, and no argument grows with k j.
  std::vector<std::complex<double>> twiddle(n);
  for (std::size_t m = 0; m < n; ++m)
    twiddle[m] = std::polar(1.0, -2.0 * M_PI * static_cast<double>(m) / static_cast<double>(n));
  for (std::size_t k = 1; k <= k_max; ++k) {
    std::complex<double> c = 0.0;
    std::size_t m = 0;  // k j mod N
    for (std::size_t j = 0; j < n; ++j) {
      c += s[j] * twiddle[m];
      m += k;
      if (m >= n) m -= n;  // k < N (N ≥ 2K + 1)
    }
    p.c_[k - 1] = 2.0 * c / static_cast<double>(n);
  }
  return p;
}

void PeriodicSeries::evaluate(double t, double& value, double& rate, double& accel) const {
  const std::complex<double> step = std::polar(1.0, omega_ * t);
  std::complex<double> e = step, v = 0.0, r = 0.0, a = 0.0;
  for (std::size_t k = 0; k < c_.size(); ++k) {
    const double w = static_cast<double>(k + 1) * omega_;
    const std::complex<double> term = c_[k] * e;
    v += term;
    r += term * w;  // times i, applied below
    a -= term * (w * w);
    e *= step;
  }
  value = v.real();
  rate = -r.imag();  // Re(i r) = -Im(r)
  accel = a.real();
}

PeriodicSeries PeriodicSeries::integratedTwice() const {
  PeriodicSeries p = *this;
  for (std::size_t k = 0; k < c_.size(); ++k) {
    const double w = static_cast<double>(k + 1) * omega_;
    p.c_[k] = -c_[k] / (w * w);
  }
  return p;
}

std::complex<double> transmissibility(double omega, const TransmissionParams& p) {
  const double r = omega / (2.0 * M_PI * p.natural_frequency_hz);
  const std::complex<double> damping(0.0, 2.0 * p.damping_ratio * r);
  return (1.0 + damping) / (1.0 - r * r + damping);
}

namespace {

// Samples per stride for the DFT: ~0.1 ms spacing, well above twice the kept harmonics.
constexpr std::size_t kSamplesPerStride = 8192;

}  // namespace

RunningPelvisMotion::RunningPelvisMotion(const StrideGrf& grf, const TransmissionParams& transmission,
                                         const PelvisRotationParams& rot, const Mat3& lean, double max_hz)
    : stride_s_(grf.stridePeriod_s()),
      speed_m_s_(grf.gait().speed_m_s),
      transmission_(transmission),
      lean_(lean) {
  const double m = grf.bodyMass_kg(), g = grf.gravity_m_s2();
  std::vector<double> ax(kSamplesPerStride), az(kSamplesPerStride);
  for (std::size_t j = 0; j < kSamplesPerStride; ++j) {
    double fx, fz;
    grf.force(stride_s_ * static_cast<double>(j) / kSamplesPerStride, fx, fz);
    ax[j] = fx / m;
    az[j] = fz / m - g;
  }
  double mean_ax = 0.0;
  com_ax_ = PeriodicSeries::fromSamples(ax, stride_s_, max_hz, &mean_ax);
  com_az_ = PeriodicSeries::fromSamples(az, stride_s_, max_hz, &mean_az_error_);
  const auto h = [&](double w) { return transmissibility(w, transmission_); };
  x_ = com_ax_;
  z_ = com_az_;
  x_.filter(h);
  z_.filter(h);
  x_ = x_.integratedTwice();
  z_ = z_.integratedTwice();
  range_ = {rot.tilt_range_rad, rot.obliquity_range_rad, rot.rotation_range_rad};
  peak_ = {rot.tilt_peak_phase, rot.obliquity_peak_phase, rot.rotation_peak_phase};
}

BaseKinematics RunningPelvisMotion::at(double t) const {
  BaseKinematics k;
  double x, vx, ax, z, vz, az;
  x_.evaluate(t, x, vx, ax);
  z_.evaluate(t, z, vz, az);
  k.p_WB_W = Vec3(speed_m_s_ * t + x, 0.0, z);
  k.v_WB_W = Vec3(speed_m_s_ + vx, 0.0, vz);
  k.a_WB_W = Vec3(ax, 0.0, az);
  // Angles: half the range times cos(n ω_stride (t - t_peak)), n = 2 for tilt (one cycle per step).
  Vec3 angle, rate, accel;
  for (int i = 0; i < 3; ++i) {
    const double w = (i == 0 ? 2.0 : 1.0) * 2.0 * M_PI / stride_s_;
    const double phase = w * (t - peak_[i] * stride_s_), a = 0.5 * range_[i];
    angle[i] = a * std::cos(phase);
    rate[i] = -a * w * std::sin(phase);
    accel[i] = -a * w * w * std::cos(phase);
  }
  const EulerYXZKinematics e = eulerYXZ(angle, rate, accel);
  k.R_WB = lean_ * e.R;
  k.w_WB_W = lean_ * e.omega;
  k.dw_WB_W = lean_ * e.omega_dot;
  return k;
}

void RunningPelvisMotion::comAcceleration(double t, double& ax, double& az) const {
  double rate, accel;  // these series hold the acceleration itself, so their "value" is what is asked
  com_ax_.evaluate(t, ax, rate, accel);
  com_az_.evaluate(t, az, rate, accel);
}

void RunningPelvisMotion::appendParameters(std::vector<double>& out) const {
  for (const PeriodicSeries* s : {&x_, &z_})
    for (const auto& c : s->coefficients()) out.insert(out.end(), {c.real(), c.imag()});
  out.insert(out.end(), range_.begin(), range_.end());
  out.insert(out.end(), peak_.begin(), peak_.end());
  out.insert(out.end(),
             {stride_s_, speed_m_s_, transmission_.natural_frequency_hz, transmission_.damping_ratio});
  out.insert(out.end(), lean_.data(), lean_.data() + 9);
}

}  // namespace spineload
