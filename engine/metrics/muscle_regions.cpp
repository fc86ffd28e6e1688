#include "engine/metrics/muscle_regions.hpp"

namespace spineload {
namespace {

bool contains(const std::string& s, const char* part) {
  return s.find(part) != std::string::npos;
}

// The erector spinae and transversospinal fascicles that act on the thoracic spine: the *_thoracis_
// parts of longissimus, iliocostalis, spinalis and semispinalis, and the multifidus fascicles with a
// thoracic vertebra at either end (multifidus_T8_T4, multifidus_L1_T9).
bool thoracicErector(const std::string& fascicle, const std::string& group) {
  if (group == "multifidus") return contains(fascicle, "_T");
  const bool erector =
      group == "longissimus" || group == "iliocostalis" || group == "spinalis" || group == "semispinalis";
  return erector && contains(fascicle, "_thoracis_");
}

}  // namespace

const std::vector<MuscleRegion>& muscleRegions() {
  static const std::vector<MuscleRegion> regions = {
      {"upper_back",
       "the upper-back muscles of the article's muscle-imbalance and posture claims: rhomboids, the three "
       "parts of trapezius and the thoracic erector spinae (thoracic_erector)"},
      {"thoracic_erector",
       "erector spinae and multifidus fascicles acting on the thoracic spine (longissimus, iliocostalis, "
       "spinalis and semispinalis thoracis; multifidus with a thoracic end)"},
      {"scapular_retractors",
       "rhomboids and the middle and lower trapezius: the scapular retractors that the article's muscle "
       "imbalance calls weak (their activation says how near their capacity they work)"},
      {"accessory_breathing",
       "accessory inspiratory muscles that chest breathing recruits: scalenes, sternocleidomastoid, upper "
       "trapezius (De Troyer & Estenne 1984)"},
  };
  return regions;
}

bool inMuscleRegion(const std::string& region, const std::string& fascicle, const std::string& group) {
  if (region == "thoracic_erector") return thoracicErector(fascicle, group);
  if (region == "upper_back")
    return group == "rhomboids" || group == "trapezius_upper" || group == "trapezius_middle" ||
           group == "trapezius_lower" || thoracicErector(fascicle, group);
  if (region == "scapular_retractors")
    return group == "rhomboids" || group == "trapezius_middle" || group == "trapezius_lower";
  if (region == "accessory_breathing")
    return group == "scalenes" || group == "sternocleidomastoid" || group == "trapezius_upper";
  return false;
}

}  // namespace spineload
