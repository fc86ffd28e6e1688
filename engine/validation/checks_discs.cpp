// In-vivo L4/L5 pressures (Wilke et al. 1999) and the diurnal change of disc height (Martin 2022) and
// stature: half-second standing and lying runs at the evening hydration
// (engine/validation/disc_measures.hpp).
#include "engine/validation/check_groups.hpp"
#include "engine/validation/disc_measures.hpp"

namespace spineload {

std::vector<CheckSpec> discChecks() {
  const std::string standing = standingEveningText(), lying = lyingEveningText();
  std::vector<CheckSpec> c;
  c.push_back(
      {"idp_l4l5_standing",
       "",
       Expectation::Agrees,
       BandRule::Figure,
       "muscles by static optimization with the default 2 % deep-core co-contraction, discs at the "
       "evening hydration; the swelling pressure (0.10 MPa) is added on top of Nachemson's load share, "
       "which the in-vivo number already contains in part",
       {standing},
       [standing](ValidationRuns& r) { return l4l5PressureMpa(r.get(standing)); }});
  c.push_back(
      {"idp_l4l5_standing_flexed",
       "",
       Expectation::NotComputable,
       BandRule::Figure,
       "the source states no angle of the forward bend, and the model's only forward bend "
       "(posture.trunk_lean_deg) pitches pelvis and trunk together about the hips without flexing the "
       "lumbar spine; picking an angle would tune the check",
       {},
       nullptr});
  c.push_back(
      {"idp_l4l5_lying_prone",
       "",
       Expectation::Circular,
       BandRule::Figure,
       "the evening swelling pressure is Wilke's own 0.10 MPa, and the support leaves the disc almost "
       "no load (relaxed: no co-contraction floor)",
       {lying},
       [lying](ValidationRuns& r) { return l4l5PressureMpa(r.get(lying)); }});
  c.push_back({"idp_l4l5_lying_lateral",
               "",
               Expectation::Circular,
               BandRule::Figure,
               "the model lies supine, not on its side: its value is the prone one, the evening swelling "
               "pressure taken from the same source",
               {lying},
               [lying](ValidationRuns& r) { return l4l5PressureMpa(r.get(lying)); }});
  c.push_back(
      {"idp_l4l5_overnight_rise",
       "",
       Expectation::Circular,
       BandRule::RangeEnd,
       "end of 7 h lying from the evening disc, against the range's end ± tolerance: the disc "
       "rehydrates with the recovery time constant fitted to Tyrrell 1985 towards the morning swelling "
       "pressure, which is Wilke's 0.24 MPa (inputs both)",
       {lying},
       [lying](ValidationRuns& r) { return l4l5PressureAfterRestMpa(r.get(lying), 7.0 * 3600.0); }});
  c.push_back({"disc_height_diurnal",
               "",
               Expectation::Circular,
               BandRule::Figure,
               "L4/L5 at the evening hydration, which is derived from this figure's mid-range (disc height "
               "proportional to fluid content)",
               {standing},
               [standing](ValidationRuns& r) { return l4l5DiscHeightChangePercent(r.get(standing)); }});
  c.push_back(
      {"stature_diurnal",
       "",
       Expectation::FailsLow,
       BandRule::Figure,
       "the sum of the modelled discs' height loss from morning to evening hydration: the cervical "
       "discs above C7 and any non-disc shortening are not modelled, and the model's discs may be too "
       "thin",
       {standing},
       [standing](ValidationRuns& r) { return statureLossMm(r.get(standing)); }});
  return c;
}

}  // namespace spineload
