// Neutral curvature: the Cobb angles the posture keys ask for are the sums of the level angles, and a
// scoliosis is a balanced coronal curve with its end vertebrae tilted ± Cobb / 2.
#include <gtest/gtest.h>

#include "engine/anatomy/curvature.hpp"

namespace spineload {
namespace {

constexpr double kDeg = M_PI / 180.0;

std::vector<LevelShape> shapes() {
  const char* v[] = {"L5", "L4", "L3", "L2", "L1", "T12", "T11", "T10", "T9",
                     "T8", "T7", "T6", "T5", "T4", "T3",  "T2",  "T1",  "C7"};
  const double kyph[] = {0, 0, 0, 0, 0, 0, 0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5, 0};
  const double lord[] = {32.4, 16.8, 11.7, 7.6, 4.1, 3.6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  std::vector<LevelShape> out;
  for (int i = 0; i < 18; ++i) {
    const std::string lower = i == 0 ? "S1" : v[i - 1];
    out.push_back({std::string(v[i]) + "_" + lower, v[i], lower, kyph[i], lord[i]});
  }
  return out;
}

double sum(const std::vector<LevelShape>& s, const std::vector<Vec3>& r, int axis, int from, int to) {
  double total = 0.0;
  for (int i = from; i <= to; ++i) total += r[i][axis];
  (void)s;
  return total;
}

TEST(Curvature, CobbAnglesAreTheSumsOfTheLevelAngles) {
  PostureParams p;
  p.thoracic_kyphosis_deg = 40.0;
  p.lumbar_lordosis_deg = 50.0;
  const auto s = shapes();
  const auto r = neutralLevelRotations(s, p);
  EXPECT_NEAR(sum(s, r, 1, 6, 13) / kDeg, 40.0, 1e-12) << "T11_T12 ... T4_T5";
  EXPECT_NEAR(sum(s, r, 1, 0, 4) / kDeg, -50.0, 1e-12) << "L5_S1 ... L1_L2 (lordosis is extension)";
  EXPECT_NEAR(r[0][1] / r[4][1], 32.4 / 4.1, 1e-12) << "the lordosis keeps Troyanovich's shape";
  EXPECT_DOUBLE_EQ(r[17][1], 0.0) << "C7_T1 is closed by the builder, not here";
}

TEST(Curvature, ScoliosisIsBalancedWithEndVerticesAtHalfTheCobb) {
  PostureParams p;
  p.thoracic_kyphosis_deg = 33.0;
  p.lumbar_lordosis_deg = 47.0;
  p.scoliosis_cobb_deg = 30.0;
  p.scoliosis_apex = "T9";  // position 9 counting S1 = 0, L5 = 1, ...
  const auto r = neutralLevelRotations(shapes(), p);
  // Tilt of the vertebra at position k: the sum of the coronal angles of the levels below it.
  std::vector<double> tilt(19, 0.0);
  for (int k = 1; k <= 18; ++k) tilt[k] = tilt[k - 1] + r[k - 1][0];
  // The end vertebrae sit 3.5 levels from the apex: between positions 5 and 6, and 12 and 13.
  const double lower_end = 0.5 * (tilt[5] + tilt[6]), upper_end = 0.5 * (tilt[12] + tilt[13]);
  EXPECT_GT(tilt[6], 0.0) << "a right curve's lower limb tilts to the right (about +x)";
  EXPECT_NEAR(tilt[9], 0.0, 1e-12) << "the apex vertebra is level";
  EXPECT_NEAR(tilt[18], 0.0, 1e-12) << "compensatory curves bring the spine back to vertical";
  EXPECT_NEAR((lower_end - upper_end) / kDeg, 30.0, 2.5) << "end vertebrae 3.5 levels from the apex";
  p.scoliosis_side = "left";
  EXPECT_NEAR(neutralLevelRotations(shapes(), p)[6][0], -r[6][0], 1e-15);
  p.scoliosis_apex = "C3";
  EXPECT_THROW(neutralLevelRotations(shapes(), p), std::invalid_argument);
}

}  // namespace
}  // namespace spineload
