// Breathing locked to the stride (locomotor-respiratory coupling; Bramble & Carrier 1983, Science
// 219:251: runners breathe at whole-number ratios of strides, 2 strides per breath favoured). The
// coupling "i:e" counts steps: i steps breathing in, e steps breathing out ("2:2" = 4 steps, 2 strides
// per breath; "3:2" alternates the foot that starts each breath). Each transition falls on a footfall,
// and the first inhalation starts at the first right touchdown (t = 0).
//
// The lung volume above end-expiration, as a fraction of the tidal volume, rises and falls as half
// cosines over the inhalation and the exhalation: continuous with continuous rate. It drives the rib cage
// and the intra-abdominal pressure once those are modelled (issue 6).
#pragma once

#include <string>

namespace spineload {

struct BreathingCoupling {
  int inhale_steps = 2;
  int exhale_steps = 2;
};

/// Parses "i:e" with i, e in 1..8. Throws std::invalid_argument naming the text and the allowed form.
BreathingCoupling parseBreathingCoupling(const std::string& text);

class BreathingCycle {
 public:
  BreathingCycle(BreathingCoupling coupling, double step_period_s);
  double period_s() const { return period_s_; }
  double frequency_hz() const { return 1.0 / period_s_; }
  /// Lung volume above end-expiration / tidal volume, in [0, 1].
  double volumeFraction(double time_s) const;
  /// d(volumeFraction)/dt [1/s]: positive breathing in.
  double volumeRate(double time_s) const;
  bool inhaling(double time_s) const;

 private:
  double inhale_s_, period_s_;
};

}  // namespace spineload
