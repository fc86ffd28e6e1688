#include "engine/gait/breathing.hpp"

#include <cmath>
#include <regex>
#include <stdexcept>

namespace spineload {

BreathingCoupling parseBreathingCoupling(const std::string& text) {
  static const std::regex form(R"(\s*([1-8])\s*:\s*([1-8])\s*)");
  std::smatch m;
  if (!std::regex_match(text, m, form))
    throw std::invalid_argument("breathing coupling '" + text +
                                "' is not steps in : steps out, each 1-8 (e.g. \"2:2\" or \"3:2\")");
  return {std::stoi(m[1]), std::stoi(m[2])};
}

BreathingCycle::BreathingCycle(BreathingCoupling c, double step_period_s)
    : inhale_s_(c.inhale_steps * step_period_s),
      period_s_((c.inhale_steps + c.exhale_steps) * step_period_s) {}

bool BreathingCycle::inhaling(double t) const {
  return t - period_s_ * std::floor(t / period_s_) < inhale_s_;
}

double BreathingCycle::volumeFraction(double t) const {
  const double u = t - period_s_ * std::floor(t / period_s_);
  if (u < inhale_s_) return 0.5 * (1.0 - std::cos(M_PI * u / inhale_s_));
  return 0.5 * (1.0 + std::cos(M_PI * (u - inhale_s_) / (period_s_ - inhale_s_)));
}

double BreathingCycle::volumeRate(double t) const {
  const double u = t - period_s_ * std::floor(t / period_s_);
  if (u < inhale_s_) return 0.5 * M_PI / inhale_s_ * std::sin(M_PI * u / inhale_s_);
  const double ex = period_s_ - inhale_s_;
  return -0.5 * M_PI / ex * std::sin(M_PI * (u - inhale_s_) / ex);
}

}  // namespace spineload
