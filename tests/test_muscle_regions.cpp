// Muscle regions (engine/metrics/muscle_regions.hpp): which catalogue fascicles each region holds.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/metrics/muscle_regions.hpp"
#include "engine/muscles/muscle_catalog.hpp"

namespace spineload {
namespace {

// The right-side fascicles of the catalogue in `region`.
std::vector<std::string> members(const std::string& region) {
  std::vector<std::string> out;
  for (const FascicleSpec& f : readTrunkMuscleCatalog().fascicles)
    if (f.name.size() > 2 && f.name.substr(f.name.size() - 2) == "_r" &&
        inMuscleRegion(region, f.name, f.group))
      out.push_back(f.name);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& name) {
  return std::find(v.begin(), v.end(), name) != v.end();
}

TEST(MuscleRegions, ThoracicErectorIsTheErectorAndMultifidusActingOnTheThoracicSpine) {
  const std::vector<std::string> m = members("thoracic_erector");
  for (const char* in :
       {"longissimus_thoracis_T8_r", "iliocostalis_thoracis_rib7_r", "spinalis_thoracis_T12_T5_r",
        "semispinalis_thoracis_T8_C7_r", "multifidus_T8_T4_r", "multifidus_L1_T9_r"})
    EXPECT_TRUE(has(m, in)) << in;
  for (const char* out : {"longissimus_lumborum_L3_r", "iliocostalis_lumborum_L1_r", "multifidus_L4_long_r",
                          "rhomboid_minor_r", "semispinalis_capitis_r"})
    EXPECT_FALSE(has(m, out)) << out;
}

TEST(MuscleRegions, UpperBackIsScapularRetractorsTrapeziusAndThoracicErector) {
  const std::vector<std::string> m = members("upper_back");
  for (const char* in : {"rhomboid_minor_r", "rhomboid_major_lower_r", "trapezius_upper_cervical_r",
                         "trapezius_middle_r", "trapezius_lower_T10_r", "longissimus_thoracis_T2_r"})
    EXPECT_TRUE(has(m, in)) << in;
  for (const char* out :
       {"pectoralis_minor_r", "latissimus_dorsi_thoracic_r", "levator_scapulae_r", "psoas_L1_r"})
    EXPECT_FALSE(has(m, out)) << out;
  EXPECT_EQ(m.size(),
            3u + 2u + 1u + 2u + members("thoracic_erector").size());  // rhomboids, trapezius, erector
}

TEST(MuscleRegions, AccessoryBreathingIsScalenesSternocleidomastoidAndUpperTrapezius) {
  const std::vector<std::string> m = members("accessory_breathing");
  EXPECT_EQ(m,
            (std::vector<std::string>{"trapezius_upper_occipital_r", "trapezius_upper_cervical_r",
                                      "scalenus_anterior_r", "scalenus_medius_r", "scalenus_posterior_r",
                                      "sternocleidomastoid_sternal_r", "sternocleidomastoid_clavicular_r"}));
}

TEST(MuscleRegions, ScapularRetractorsAreRhomboidsAndMiddleAndLowerTrapezius) {
  EXPECT_EQ(
      members("scapular_retractors"),
      (std::vector<std::string>{"trapezius_middle_r", "trapezius_lower_T6_r", "trapezius_lower_T10_r",
                                "rhomboid_minor_r", "rhomboid_major_upper_r", "rhomboid_major_lower_r"}));
}

TEST(MuscleRegions, UnknownRegionHoldsNothingAndEveryRegionIsNamedAndDescribed) {
  EXPECT_FALSE(inMuscleRegion("lower_back", "multifidus_L4_long_r", "multifidus"));
  ASSERT_EQ(muscleRegions().size(), 4u);
  for (const MuscleRegion& r : muscleRegions()) {
    EXPECT_FALSE(members(r.name).empty()) << r.name;
    EXPECT_FALSE(r.description.empty()) << r.name;
  }
}

}  // namespace
}  // namespace spineload
