// The published effects of the upper-back causes (validation/causes.toml): raising the thoracic kyphosis
// (Bruno et al. 2012, Briggs et al. 2007), a scoliosis against a straight spine (Schmid et al. 2020), and the
// running vertical GRF with a weakened core (Chaudhari et al. 2020). Half-second standing runs, and the Raabe
// checks' running runs (engine/validation/cause_measures.hpp).
#include "engine/validation/cause_measures.hpp"
#include "engine/validation/check_groups.hpp"
#include "engine/validation/muscle_measures.hpp"

namespace spineload {

std::vector<CheckSpec> causeChecks() {
  // Bruno's T1-T12 Cobb 50 -> 75 deg, in the model's T4-T12 (x 0.75): 37.5 -> 56.25 deg.
  const std::string flat = standingKyphosisT1T12Text(50.0), kyphotic = standingKyphosisT1T12Text(75.0);
  const std::string straight = standingText(), scoliotic = standingScoliosisText(30.0);
  const std::string running = runningText(), weak = weakCoreRunningText();
  std::vector<CheckSpec> c;
  c.push_back(
      {"bruno_kyphosis_compression_rises",
       "",
       Expectation::FailsLow,
       BandRule::AllDirections,
       "fraction of the levels T1_T2 ... L5_S1 whose mean standing compression rises from T4-T12 37.5 "
       "to 56.25 deg (Bruno's T1-T12 50 -> 75 x 0.75; the balance rule tilts the pelvis back, as "
       "Bruno's compensated posture): it falls at T1_T2 to T3_T4. The top of a deeper curve faces "
       "further forward, so the load above crosses those discs more obliquely: their anterior shear "
       "rises instead, and at T1_T2 the neck and shoulder muscles crossing it add less compression",
       {flat, kyphotic},
       [flat, kyphotic](ValidationRuns& r) {
         return kyphosisCompressionRisesHeld(r.get(flat), r.get(kyphotic));
       }});
  c.push_back({"bruno_kyphosis_compression_ordering",
               "",
               Expectation::Agrees,
               BandRule::AllDirections,
               "fraction of T12_L1, L1_L2 and L3_L4 whose rise of compression [N] exceeds T7_T8's",
               {flat, kyphotic},
               [flat, kyphotic](ValidationRuns& r) {
                 return kyphosisRiseOrderingHeld(r.get(flat), r.get(kyphotic));
               }});
  c.push_back(
      {"briggs_kyphosis_loads_and_muscles",
       "",
       Expectation::FailsLow,
       BandRule::AllDirections,
       "fraction held of: net flexion moment, compression, anterior shear (means over T2_T3 ... L5_S1) "
       "and back-extensor force rise with the kyphosis of the Bruno checks. The mean net flexion "
       "moment does not rise: it does at the thoracic levels, but the pelvis tilted back by the "
       "balance rule puts the upper body further behind the lumbar discs, whose net moment turns "
       "more extensor; Briggs's subjects stood as they do, with whatever compensation they have",
       {flat, kyphotic},
       [flat, kyphotic](ValidationRuns& r) {
         return kyphosisLoadDirectionsHeld(r.get(flat), r.get(kyphotic));
       }});
  c.push_back(
      {"schmid_scoliosis_apical_compression",
       "",
       Expectation::FailsLow,
       BandRule::Figure,
       "standing, Cobb 30 deg right thoracic, apex T9 (the cohort's Cobb not read), against the "
       "straight spine: the model's coronal sinusoid, symmetric about the apex, brings the trunk above "
       "back over it, so the apex discs carry little lateral moment; the rise goes to the lumbar "
       "compensatory half-wave instead. No axial rotation is modelled. At Cobb 20 or 40 deg the apex "
       "rise stays below the band too",
       {straight, scoliotic},
       [straight, scoliotic](ValidationRuns& r) {
         return apicalCompressionChangePercent(r.get(straight), r.get(scoliotic));
       }});
  c.push_back(
      {"chaudhari_core_knockdown_peak_vgrf",
       "",
       Expectation::Circular,
       BandRule::Figure,
       "the vertical GRF comes from the gait generator, which does not see the core: the deep core at "
       "half strength cannot change it (the Raabe checks' runs)",
       {running, weak},
       [running, weak](ValidationRuns& r) {
         return peakVerticalGrfChangePercent(r.get(running), r.get(weak));
       }});
  return c;
}

}  // namespace spineload
