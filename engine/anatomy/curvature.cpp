#include "engine/anatomy/curvature.hpp"

#include <cmath>
#include <stdexcept>

namespace spineload {
namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr double kScoliosisWavelengthLevels = 14.0;  // end vertebrae 7 levels apart (Alam/Newton: 7.3 ± 1.0)

bool isKyphosisCobbLevel(const std::string& name) {
  for (const char* l : {"T4_T5", "T5_T6", "T6_T7", "T7_T8", "T8_T9", "T9_T10", "T10_T11", "T11_T12"})
    if (name == l) return true;
  return false;
}

bool isLordosisCobbLevel(const std::string& name) {
  return name == "L1_L2" || name == "L2_L3" || name == "L3_L4" || name == "L4_L5" || name == "L5_S1";
}

// Coronal tilt [rad] (about +x) of the vertebra at position s (counted from L5 = 0) for a curve with apex a;
// side = +1 for a right convexity, whose lower end vertebra tilts about +x.
double scoliosisTilt(double s, double a, double cobb_rad, double side) {
  const double u = s - a;
  if (std::abs(u) > 0.5 * kScoliosisWavelengthLevels) return 0.0;
  return -side * 0.5 * cobb_rad * std::sin(2.0 * M_PI * u / kScoliosisWavelengthLevels);
}

}  // namespace

std::vector<Vec3> neutralLevelRotations(const std::vector<LevelShape>& levels, const PostureParams& p) {
  double kyphosis_cobb_weight = 0.0, lordosis_cobb_weight = 0.0;
  for (const LevelShape& l : levels) {
    if (isKyphosisCobbLevel(l.name)) kyphosis_cobb_weight += l.kyphosis_weight;
    if (isLordosisCobbLevel(l.name)) lordosis_cobb_weight += l.lordosis_weight;
  }
  const double kyphosis_scale = p.thoracic_kyphosis_deg * kDeg / kyphosis_cobb_weight;
  const double lordosis_scale = -p.lumbar_lordosis_deg * kDeg / lordosis_cobb_weight;
  // Vertebra positions: level i connects vertebra i (below, L5 = 0 above S1) to vertebra i + 1.
  int apex = -1;
  for (std::size_t i = 0; i < levels.size(); ++i)
    if (levels[i].upper == p.scoliosis_apex) apex = static_cast<int>(i) + 1;
  if (p.scoliosis_cobb_deg != 0.0 && apex < 0)
    throw std::invalid_argument("posture.scoliosis_apex: no vertebra named " + p.scoliosis_apex);
  // A right convexity moves the apex to -y.
  const double side = p.scoliosis_side == "right" ? 1.0 : -1.0;
  std::vector<Vec3> out;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const LevelShape& l = levels[i];
    double coronal = 0.0;
    if (p.scoliosis_cobb_deg != 0.0) {
      const double c = p.scoliosis_cobb_deg * kDeg;
      coronal = scoliosisTilt(i + 1.0, apex, c, side) - scoliosisTilt(i, apex, c, side);
    }
    out.emplace_back(coronal, l.kyphosis_weight * kyphosis_scale + l.lordosis_weight * lordosis_scale, 0.0);
  }
  return out;
}

}  // namespace spineload
