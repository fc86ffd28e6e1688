// Published inputs the model must carry unchanged (kind = "input" figures; docs/validation.md marks the
// checks that rest on them circular), and what the running checks do not assert (label: validation).
#include <gtest/gtest.h>

#include "engine/validation/gait_measures.hpp"
#include "validation_test_support.hpp"

namespace spineload {
namespace {

TEST(PublishedInputs, ImpactMassIsTheTwoMassModelsInput) {
  if (!test::haveSharedFigures()) GTEST_SKIP() << "no " << SPINELOAD_SHARED_VALIDATION;
  const PublishedFigure& f = findFigure(test::loadFigures(), "two_mass_model");
  EXPECT_NE(f.quantity.find("m1 = 0.08"), std::string::npos) << "the published input changed: " << f.quantity;
  EXPECT_DOUBLE_EQ(measureGait("").gait->grf.impact().mass_fraction, 0.08);
}

TEST(StepRateSeries, ImpactPeakAndLoadingRateFallAsTheStepRateRises) {
  // Beyond step_rate_direction's figure (Heiderscheit 2011: excursion and braking): the impact peak and
  // its loading rate fall too, at each step from 0.90 to 1.10 of the preferred rate at 3 m/s.
  const std::vector<StepRatePoint> s = stepRateSeries(3.0, {0.90, 0.95, 1.0, 1.05, 1.10});
  for (std::size_t i = 1; i < s.size(); ++i) {
    EXPECT_LT(s[i].impact_peak_bw, s[i - 1].impact_peak_bw) << s[i].ratio;
    EXPECT_LT(s[i].loading_rate_bw_s, s[i - 1].loading_rate_bw_s) << s[i].ratio;
    RecordProperty("step_rate_" + std::to_string(s[i].ratio),
                   std::to_string(s[i].com_excursion_m) + " m, " + std::to_string(s[i].braking_impulse_n_s) +
                       " N s, " + std::to_string(s[i].impact_peak_bw) + " BW, " +
                       std::to_string(s[i].loading_rate_bw_s) + " BW/s");
  }
}

}  // namespace
}  // namespace spineload
