#include "engine/validation/gait_measures.hpp"

#include <algorithm>
#include <sstream>

#include "engine/scenario/scenario_spec.hpp"

namespace spineload {

namespace {

constexpr double kG = 9.81;  // m/s², as the body weights of the gait module
constexpr double kSampleDt_s = 1e-5;

std::string stepFrequencyText(double speed_m_s, double step_frequency_hz) {
  std::ostringstream s;
  s.precision(17);
  s << "[gait]\nspeed_m_s = " << speed_m_s << "\nstep_frequency_hz = " << step_frequency_hz << "\n";
  return s.str();
}

}  // namespace

GaitMeasure measureGait(const std::string& text) {
  const ScenarioSpec s = toScenarioSpec(parseScenarioText(text, "validation.toml", loadParameterTable()));
  GaitMeasure m;
  m.gait = planRunningGait(s.subject, s.gait, {s.breathing.inhale_steps, s.breathing.exhale_steps},
                           Mat3::Identity());
  m.stance = measureStance(m.gait->grf);
  m.body_weight_n = s.subject.body_mass_kg * kG;
  return m;
}

std::string speedText(double speed_m_s) {
  std::ostringstream s;
  s.precision(17);
  s << "[gait]\nspeed_m_s = " << speed_m_s << "\n";
  return s.str();
}

double verticalPeakToPeakBw(const GaitMeasure& m) {
  return std::max(m.stance.active_peak_n, m.stance.impact_peak_n) / m.body_weight_n;
}

double activePeakBw(const GaitMeasure& m) {
  return m.stance.active_peak_n / m.body_weight_n;
}

double foreAftPeakToPeakBw(const GaitMeasure& m) {
  double lo = 0.0, hi = 0.0;
  for (double t = 0.0; t < m.stance.contact_time_s; t += kSampleDt_s) {
    double fx, fz;
    m.gait->grf.stanceForce(t, fx, fz);
    lo = std::min(lo, fx);
    hi = std::max(hi, fx);
  }
  return (hi - lo) / m.body_weight_n;
}

double meanRateToActivePeakBwPerS(const GaitMeasure& m) {
  return m.stance.active_peak_n / (0.5 * m.stance.contact_time_s) / m.body_weight_n;
}

double legStiffnessRatio(double speed_m_s, double low, double high) {
  const double f_pref = preferredStepFrequency_hz(speed_m_s);
  const auto k = [&](double ratio) {
    return measureGait(stepFrequencyText(speed_m_s, ratio * f_pref)).gait->grf.gait().leg_stiffness_n_m;
  };
  return k(high) / k(low);
}

std::vector<StepRatePoint> stepRateSeries(double speed_m_s, const std::vector<double>& ratios) {
  const double f_pref = preferredStepFrequency_hz(speed_m_s);
  std::vector<StepRatePoint> out;
  for (double ratio : ratios) {
    const GaitMeasure m = measureGait(stepFrequencyText(speed_m_s, ratio * f_pref));
    out.push_back({ratio, m.gait->grf.gait().com_drop_m, m.stance.braking_impulse_n_s,
                   m.stance.impact_peak_n / m.body_weight_n, m.stance.loading_rate_n_s / m.body_weight_n});
  }
  return out;
}

double stepRateDirectionsHeld(const std::vector<StepRatePoint>& s) {
  int held = 0, asked = 0;
  for (std::size_t i = 1; i < s.size(); ++i) {
    held += s[i].com_excursion_m < s[i - 1].com_excursion_m;
    held += s[i].braking_impulse_n_s < s[i - 1].braking_impulse_n_s;
    asked += 2;
  }
  return asked ? static_cast<double>(held) / asked : 0.0;
}

double overstrideBrakingDirectionsHeld() {
  const GaitMeasure base = measureGait("");
  std::ostringstream text;
  text.precision(17);
  text << "[gait]\noverstride_m = " << base.gait->grf.gait().overstride_m + 0.05 << "\n";
  const GaitMeasure over = measureGait(text.str());
  const int held = (over.stance.braking_impulse_n_s > base.stance.braking_impulse_n_s) +
                   (over.stance.peak_braking_n > base.stance.peak_braking_n);
  return held / 2.0;
}

}  // namespace spineload
