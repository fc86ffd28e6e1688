// What the running excitation gives for the published running mechanics (validation/gait.toml and the
// ground-reaction checks of published.toml): the planned gait alone, no trunk simulation, so each figure
// costs milliseconds.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/gait/gait_spec.hpp"

namespace spineload {

struct GaitMeasure {
  std::shared_ptr<const RunningGait> gait;
  StanceMetrics stance;
  double body_weight_n = 0.0;
};

/// The running gait of a scenario text (the defaults plus these keys), measured over one stance.
GaitMeasure measureGait(const std::string& scenario_text);
/// "[gait] speed_m_s = v" as scenario text.
std::string speedText(double speed_m_s);

/// Peak-to-peak vertical GRF [BW]: the force falls to zero in flight, so it is the larger stance peak.
double verticalPeakToPeakBw(const GaitMeasure& m);
/// The active (thrust) maximum of the vertical GRF [BW].
double activePeakBw(const GaitMeasure& m);
/// Peak-to-peak fore-aft GRF over the stance [BW].
double foreAftPeakToPeakBw(const GaitMeasure& m);
/// Keller's loading rate as read in validation/gait.toml: the mean rate from touchdown to the active
/// maximum at mid-stance [BW/s].
double meanRateToActivePeakBwPerS(const GaitMeasure& m);
/// Leg stiffness at `high` over that at `low` times the preferred step frequency, same speed.
double legStiffnessRatio(double speed_m_s, double low, double high);

/// One step-rate condition of Heiderscheit et al. 2011 (same speed).
struct StepRatePoint {
  double ratio = 1.0;  ///< of the preferred step frequency
  double com_excursion_m = 0.0, braking_impulse_n_s = 0.0, impact_peak_bw = 0.0, loading_rate_bw_s = 0.0;
};
/// The conditions at these ratios of the preferred step frequency at `speed_m_s`, in the given order.
std::vector<StepRatePoint> stepRateSeries(double speed_m_s, const std::vector<double>& ratios);
/// Fraction of the figure's directions reproduced between consecutive points (ratios ascending): COM
/// excursion and braking impulse fall as the step rate rises (step length falls by construction).
double stepRateDirectionsHeld(const std::vector<StepRatePoint>& series);

/// Lieberman et al. 2015 at the same cadence: the foot 5 cm further ahead; the fraction of {braking
/// impulse rises, peak braking force rises} reproduced.
double overstrideBrakingDirectionsHeld();

}  // namespace spineload
