// What the muscles give for the standing L4/L5 compression and Raabe & Chaudhari 2018's running with a
// weakened deep core (validation/muscles.toml), and the lumbar shock transfer of the same running run.
#pragma once

#include <string>

#include "engine/validation/validation_runs.hpp"

namespace spineload {

/// Half a second standing at the defaults.
std::string standingText();
/// Mean L4/L5 compression [N] after the start (the first 20 % of a short run, at most 1 s).
double meanL4L5CompressionN(const SimulatedRun& run);

/// Three seconds of running at the defaults, sampled at 500 Hz; with the deep core at half strength.
std::string runningText();
std::string weakCoreRunningText();

/// Over the steady strides (after the first second) of a running run: the quantities Raabe & Chaudhari
/// report, as peaks, and the superficial (thoracic) erector spinae's mean force (its compensation is
/// sustained, not a peak).
struct RaabeQuantities {
  double superficial_erector_mean_n = 0.0, lumbar_anterior_shear_peak_n = 0.0;
  double upper_lumbar_compression_peak_n = 0.0, lower_lumbar_compression_peak_n = 0.0;
};
RaabeQuantities raabeQuantities(const SimulatedRun& run);

/// 100 (weak - base) / base.
double changePercent(double base, double weak);

/// The run's mean vertical transfer from the pelvis to T12 over the impact band [dB] (summarizeRun's
/// shock.T12.attenuation_db; < 0 attenuates).
double pelvisToT12ShockDb(const SimulatedRun& run);

}  // namespace spineload
