// The whole spine: standing pelvic tilt (Amabile 2016) and the lumbar shock attenuation in running
// (Castillo & Lieberman 2018), both in validation/spine.toml.
#include "engine/validation/check_groups.hpp"
#include "engine/validation/muscle_measures.hpp"
#include "engine/validation/tissue_measures.hpp"

namespace spineload {

std::vector<CheckSpec> spineChecks() {
  const std::string running = runningText();  // the base run of the Raabe checks, shared
  std::vector<CheckSpec> c;
  c.push_back({"pelvic_tilt_standing",
               "",
               Expectation::FailsHigh,
               BandRule::Figure,
               "outside one SD, inside two: the balance rule puts the spine further back over the sacrum "
               "than Amabile's cohort (C7 plumb target from the same cohort, pelvic incidence 51 deg)",
               {},
               [](ValidationRuns&) { return standingPelvicTiltDeg(); }});
  c.push_back({"lumbar_shock_attenuation",
               "",
               Expectation::FailsHigh,
               BandRule::Figure,
               "pelvis to T12 at 3 m/s: the spine above the pelvis is nearly rigid in the impact band (no "
               "axial disc compliance by default, thoracic segments driven by the controller), so the impact "
               "passes undamped; with discs.axial_dof = true it is amplified instead (a lightly damped "
               "resonance in the band)",
               {running},
               [running](ValidationRuns& r) { return pelvisToT12ShockDb(r.get(running)); }});
  return c;
}

}  // namespace spineload
