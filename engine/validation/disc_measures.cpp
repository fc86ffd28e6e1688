#include "engine/validation/disc_measures.hpp"

#include <sstream>

#include "engine/data/data_table.hpp"
#include "engine/metrics/disc_pressure.hpp"

namespace spineload {

namespace {

std::string discText(const char* mode, const std::string& extra) {
  std::ostringstream s;
  s.precision(17);
  s << "[simulation]\nduration_s = 0.5\noutput_rate_hz = 10\n[gait]\nmode = \"" << mode
    << "\"\n[discs]\nhydration = " << eveningHydration() << "\n"
    << extra;
  return s.str();
}

}  // namespace

double eveningHydration() {
  return constantValue(readDataConstants("trunk_anatomy.toml", "discs"), "evening_hydration");
}

std::string standingEveningText() {
  return discText("standing", "");
}

std::string lyingEveningText() {
  return discText("lying", "[core]\nstiffness = 0.0\n");
}

double l4l5PressureMpa(const SimulatedRun& run) {
  return levelOf(run.result, "L4_L5").idp_mpa.back();
}

double l4l5PressureAfterRestMpa(const SimulatedRun& lying, double rest_s) {
  const SpineLevel& level = *lying.trunk.findLevel("L4_L5");
  const double compression_n = levelOf(lying.result, "L4_L5").compression_n.back();
  const DiscPressureModel& discs = lying.trunk.discs;
  const double h =
      discs.advanceHydration(lying.spec.discs.hydration, compression_n / level.disc_area_m2, rest_s);
  return intradiscalPressureMpa(discs, level, compression_n, h);
}

double l4l5DiscHeightChangePercent(const SimulatedRun& run) {
  const SpineLevel& level = *run.trunk.findLevel("L4_L5");
  return 100.0 * (levelOf(run.result, "L4_L5").disc_height_m.front() / level.morning_disc_height_m - 1.0);
}

double statureLossMm(const SimulatedRun& run) {
  return -1e3 * run.result.stature_change_m.front();
}

}  // namespace spineload
