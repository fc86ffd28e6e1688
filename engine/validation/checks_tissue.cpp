// Thoracic ranges of motion in vitro (Wilke 2017, Liebsch 2017 and 2020) through the passive force elements
// of the default runner's trunk (engine/validation/tissue_measures.hpp).
#include <memory>

#include "engine/validation/check_groups.hpp"
#include "engine/validation/tissue_measures.hpp"

namespace spineload {

namespace {

// The trunk is built once per check that needs it: cheap (milliseconds), and it keeps checks independent.
CheckSpec ribCageRange(const std::string& level, const char* axis_name, SegmentAxis axis) {
  // Tested at Liebsch 2020's ±5 N·m (a condition of the figure, as a speed is for a gait figure).
  return {
      "thoracic_rom_rib_cage_" + level + "_" + axis_name,
      "",
      Expectation::FailsHigh,
      BandRule::Figure,
      "the thoracic curves rest on Wilke 2017's isolated segments, more compliant than Liebsch 2020's "
      "(T3-T4 FE 3.8 deg at 5 N m), and the rib-cage factor (Liebsch 2017: whole T1-T12 at 2 N m, anterior "
      "rib cage only) is weaker than the per-level effect of the whole rib cage",
      {},
      [level, axis](ValidationRuns&) { return rangeOfMotionDeg(defaultTrunk(), level, axis, 5.0); }};
}

CheckSpec ribCageGain(const char* axis_name, SegmentAxis axis) {
  return {
      std::string("rib_cage_stabilisation_") + axis_name,
      "",
      Expectation::Circular,
      BandRule::Figure,
      "the rib-cage levels' ranges are the isolated ones times trunk_anatomy.toml [rib_cage] factors, which "
      "are 1 / (1 + this figure's changes); measured at each level's test moment (7.5 N m), where the "
      "curves are fit, over the levels T1-T2 to T9-T10",
      {},
      [axis](ValidationRuns&) { return ribCageRemovalGainPercent(defaultTrunk(), axis); }};
}

}  // namespace

std::vector<CheckSpec> tissueChecks() {
  std::vector<CheckSpec> c;
  c.push_back(
      {"thoracic_rom_per_level",
       "",
       Expectation::Circular,
       BandRule::PercentDeviation,
       "the largest deviation [%] of the model's isolated-segment range (intact range over the "
       "rib-cage factor, T1-T2 to T11-T12, three axes, at 7.5 N m) from trunk_anatomy.toml's rows, which "
       "are Wilke 2017's bands",
       {},
       [](ValidationRuns&) { return thoracicRangeDeviationPercent(defaultTrunk()); }});
  for (const char* level : {"T3_T4", "T7_T8"}) {
    c.push_back(ribCageRange(level, "fe", SegmentAxis::FlexionExtension));
    c.push_back(ribCageRange(level, "lb", SegmentAxis::LateralBending));
    c.push_back(ribCageRange(level, "ar", SegmentAxis::AxialRotation));
  }
  c.push_back(ribCageGain("fe", SegmentAxis::FlexionExtension));
  c.push_back(ribCageGain("lb", SegmentAxis::LateralBending));
  c.push_back(ribCageGain("ar", SegmentAxis::AxialRotation));
  return c;
}

}  // namespace spineload
