// The pelvis motion of a running stride, built from the stride's ground reaction force.
//
// Translation. The centre of mass accelerates as a_com = GRF/m - g (x forward, z up). The pelvis rides on
// the upper body (mass m2 = m - m1), joined to the lower limbs (m1) by the leg, taken as a spring-damper
// with natural frequency f_n and damping ratio ζ for the reduced mass μ = m1 m2 / m. For a force applied
// to m1, the upper body's acceleration is then a_com filtered by the base-excitation transmissibility
//     H(ω) = (1 + 2iζr) / (1 - r² + 2iζr),   r = ω / (2π f_n)
// (e.g. Rao, Mechanical Vibrations, §3.6): 1 at the stride's low harmonics, attenuating the impact
// transient above f_n. The stride is periodic, so the signals are Fourier series over the stride:
// velocity and position are the exact integrals of the acceleration (no drift), plus the mean speed.
//
// Rotation. Tilt (about y, + = anterior), obliquity (about x, + = left side up) and axial rotation (about
// z, + = turning left) as sinusoids with published ranges of motion, composed as R = Ry Rx Rz
// (engine/core/euler_kinematics.hpp) and premultiplied by the trunk lean.
#pragma once

#include <array>
#include <complex>
#include <vector>

#include "engine/dynamics/prescribed_motion.hpp"
#include "engine/gait/stance_grf.hpp"

namespace spineload {

struct TransmissionParams {
  double natural_frequency_hz = 0.0;
  double damping_ratio = 0.0;
};

/// Peak-to-peak ranges and the time of each angle's positive peak, as a fraction of the stride from the
/// right foot's touchdown. Tilt cycles twice per stride (once per step), obliquity and rotation once.
struct PelvisRotationParams {
  double tilt_range_rad = 0.0, obliquity_range_rad = 0.0, rotation_range_rad = 0.0;
  double tilt_peak_phase = 0.0, obliquity_peak_phase = 0.0, rotation_peak_phase = 0.0;
};

/// A periodic signal as a real Fourier series with no mean: s(t) = Σ_k Re(c_k e^{i k ω t}), k = 1..K.
class PeriodicSeries {
 public:
  PeriodicSeries() = default;
  /// From N uniform samples over one period (N >= 2K + 1), keeping harmonics up to max_frequency_hz.
  /// Returns the samples' mean (dropped from the series) through `mean`.
  static PeriodicSeries fromSamples(const std::vector<double>& samples, double period_s,
                                    double max_frequency_hz, double* mean = nullptr);
  /// Value, first and second time derivative at t.
  void evaluate(double t_s, double& value, double& rate, double& accel) const;
  /// Multiplies harmonic k by h(k ω) [complex], e.g. a transfer function.
  template <class F>
  void filter(F h) {
    for (std::size_t k = 0; k < c_.size(); ++k) c_[k] *= h((k + 1) * omega_);
  }
  /// The series of the second antiderivative with no mean (position from acceleration).
  PeriodicSeries integratedTwice() const;
  double omega() const { return omega_; }
  const std::vector<std::complex<double>>& coefficients() const { return c_; }

 private:
  double omega_ = 0.0;  ///< fundamental [rad/s]
  std::vector<std::complex<double>> c_;
};

/// Base-excitation transmissibility of a damped spring (see the file comment).
std::complex<double> transmissibility(double omega_rad_s, const TransmissionParams& p);

class RunningPelvisMotion final : public PrescribedMotion {
 public:
  /// max_frequency_hz: highest harmonic kept (the impact's content lies below ~50 Hz).
  RunningPelvisMotion(const StrideGrf& grf, const TransmissionParams& transmission,
                      const PelvisRotationParams& rotation, const Mat3& lean,
                      double max_frequency_hz = 150.0);
  BaseKinematics at(double time_s) const override;
  void appendParameters(std::vector<double>& out) const override;

  double speed_m_s() const { return speed_m_s_; }
  /// Mean of the sampled vertical COM acceleration (impulse balance error, m/s²; exactly 0 in theory).
  double meanVerticalAccelerationError() const { return mean_az_error_; }
  /// Acceleration of the centre of mass (not the pelvis): GRF/m - g, for checks.
  void comAcceleration(double t_s, double& ax, double& az) const;

 private:
  PeriodicSeries x_, z_;                    // pelvis translation about x = v t, z = 0 (from acceleration)
  PeriodicSeries com_ax_, com_az_;          // centre-of-mass acceleration (no transmission)
  std::array<double, 3> range_{}, peak_{};  // tilt, obliquity, rotation
  double stride_s_ = 0.0, speed_m_s_ = 0.0, mean_az_error_ = 0.0;
  TransmissionParams transmission_;
  Mat3 lean_;
};

}  // namespace spineload
