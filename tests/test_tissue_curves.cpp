// Passive tissue: every level's curve reproduces its source's range of motion at the source's test moment,
// per axis and direction, through the force element the simulation uses; the neutral zone is compliant.
#include <gtest/gtest.h>

#include "engine/anatomy/tissue_curves.hpp"
#include "engine/anatomy/trunk_builder.hpp"
#include "engine/data/data_table.hpp"
#include "engine/dynamics/aba.hpp"
#include "engine/validation/tissue_measures.hpp"

namespace spineload {
namespace {

constexpr double kDeg = M_PI / 180.0;

TEST(TissueCurves, FitHitsTheTestMomentAndTheNeutralZoneEdge) {
  // Yamamoto 1989 L1-L2 flexion-extension: 5.8 / 4.3 deg at 10 N m, neutral zone 1.6 deg.
  const SpringDof d = fitAxisCurve({10.0, 5.8 * kDeg, 4.3 * kDeg, 1.6 * kDeg}, 0.05, 1.0);
  EXPECT_NEAR(curveMoment(d, 5.8 * kDeg), 10.0, 1e-12);
  EXPECT_NEAR(curveMoment(d, -4.3 * kDeg), -10.0, 1e-12);
  // k1 is the smaller of the two sides' fits, so at the NZ edge the moment is at most 5 % of M_t.
  EXPECT_LE(std::abs(curveMoment(d, 0.8 * kDeg)), 0.5 + 1e-12);
  EXPECT_LE(std::abs(curveMoment(d, -0.8 * kDeg)), 0.5 + 1e-12);
  EXPECT_GT(d.k1, 0.0);
  // Stiffening: the tangent stiffness at the range's end is several times the neutral one.
  EXPECT_GT(d.k1 + 3.0 * d.k3 * std::pow(5.8 * kDeg, 2), 4.0 * d.k1);
  EXPECT_THROW(fitAxisCurve({10.0, 2.0 * kDeg, 2.0 * kDeg, 3.0 * kDeg}, 0.05, 1.0), std::invalid_argument);
}

// One test per level and axis: the curve, through the force element the simulation uses, gives the source's
// test moment at the source's range of motion (rib-cage factor applied) in both directions.
struct LevelAxis {
  std::string level;
  int axis;  // 0 lateral bending, 1 flexion-extension, 2 axial rotation
};

class TissueRange : public ::testing::TestWithParam<LevelAxis> {};

TEST_P(TissueRange, ReachesTheTestMomentAtTheSourceRange) {
  static const TrunkModel t =
      buildTrunk({73.0, 1.741}, PostureParams{33.2, 47.4},
                 std::make_shared<VerticalSinusoid>(Mat3::Identity(), Vec3::Zero(), 0.0, 1.0));
  static const DataTable levels = readDataTable("trunk_anatomy.toml", "levels");
  static const auto rib = readDataConstants("trunk_anatomy.toml", "rib_cage");
  const LevelAxis& p = GetParam();
  const DataRow& r = levels.row(p.level);
  const bool ribs = r.values.at("rib_cage") > 0.5;
  const char* factor_key[] = {"rom_factor_lb", "rom_factor_fe", "rom_factor_ax"};
  const double f = ribs ? constantValue(rib, factor_key[p.axis]) : 1.0;
  const double M = r.values.at("test_moment_nm");
  const double positive[] = {r.values.at("lateral_deg"), r.values.at("flexion_deg"),
                             r.values.at("axial_deg")};
  const double negative[] = {r.values.at("lateral_deg"), r.values.at("extension_deg"),
                             r.values.at("axial_deg")};
  const SpineLevel& level = *t.findLevel(p.level);
  const SegmentAxis axis = static_cast<SegmentAxis>(p.axis);
  EXPECT_NEAR(passiveMomentNm(t, level, axis, positive[p.axis] * f * kDeg), M, 1e-9 * M);
  EXPECT_NEAR(passiveMomentNm(t, level, axis, -negative[p.axis] * f * kDeg), -M, 1e-9 * M);
}

std::vector<LevelAxis> allLevelAxes() {
  std::vector<LevelAxis> out;
  for (const char* l :
       {"C7_T1", "T1_T2", "T2_T3", "T3_T4", "T4_T5", "T5_T6", "T6_T7", "T7_T8", "T8_T9", "T9_T10", "T10_T11",
        "T11_T12", "T12_L1", "L1_L2", "L2_L3", "L3_L4", "L4_L5", "L5_S1"})
    for (int axis = 0; axis < 3; ++axis) out.push_back({l, axis});
  return out;
}

std::string levelAxisName(const ::testing::TestParamInfo<LevelAxis>& param_info) {
  static const char* const kAxis[] = {"lateral_bending", "flexion_extension", "axial_rotation"};
  return param_info.param.level + "_" + kAxis[param_info.param.axis];
}

INSTANTIATE_TEST_SUITE_P(EveryLevel, TissueRange, ::testing::ValuesIn(allLevelAxes()), levelAxisName);

}  // namespace
}  // namespace spineload
