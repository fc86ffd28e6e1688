// Standing L4/L5 compression and running with a weakened deep core (Raabe & Chaudhari 2018;
// validation/muscles.toml): whole-model runs with the muscles (engine/validation/muscle_measures.hpp).
#include "engine/validation/check_groups.hpp"
#include "engine/validation/muscle_measures.hpp"

namespace spineload {

namespace {

// Why the Raabe checks other than the lower lumbar compression fail (docs/validation.md, known limits).
constexpr const char* kStaticOptimization =
    "static optimization moves load off weakened muscles by cost, not by their geometry: the psoas and the "
    "obliques, not the thoracic erector, take the deep core's share, and the weakened deep core's "
    "co-contraction floor (a fraction of its maximal force) pulls less";

CheckSpec raabe(const std::string& id, Expectation e, const std::string& why,
                double RaabeQuantities::*quantity) {
  const std::string base = runningText(), weak = weakCoreRunningText();
  return {id, "", e, BandRule::Figure, why, {base, weak}, [base, weak, quantity](ValidationRuns& r) {
            return changePercent(raabeQuantities(r.get(base)).*quantity,
                                 raabeQuantities(r.get(weak)).*quantity);
          }};
}

}  // namespace

std::vector<CheckSpec> muscleChecks() {
  const std::string standing = standingText();
  std::vector<CheckSpec> c;
  c.push_back({"compression_l4l5_standing",
               "",
               Expectation::Agrees,
               BandRule::Figure,
               "muscles by static optimization with the abdominal pressure; the muscles add compression to "
               "the weight above (joint torques alone give less)",
               {standing},
               [standing](ValidationRuns& r) { return meanL4L5CompressionN(r.get(standing)); }});
  c.push_back(raabe("raabe_lower_lumbar_compression", Expectation::Agrees,
                    "deep core at half strength, running at 3 m/s: the lower lumbar discs unload",
                    &RaabeQuantities::lower_lumbar_compression_peak_n));
  c.push_back(raabe("raabe_upper_lumbar_compression", Expectation::FailsLow, kStaticOptimization,
                    &RaabeQuantities::upper_lumbar_compression_peak_n));
  c.push_back(raabe("raabe_lumbar_anterior_shear", Expectation::FailsLow, kStaticOptimization,
                    &RaabeQuantities::lumbar_anterior_shear_peak_n));
  c.push_back(raabe("raabe_superficial_compensation", Expectation::FailsLow, kStaticOptimization,
                    &RaabeQuantities::superficial_erector_mean_n));
  return c;
}

}  // namespace spineload
