// Passive tissue: every level's curve reproduces its source's range of motion at the source's test moment,
// per axis and direction, through the force element the simulation uses; the neutral zone is compliant.
#include <gtest/gtest.h>

#include "engine/anatomy/tissue_curves.hpp"
#include "engine/anatomy/trunk_builder.hpp"
#include "engine/core/rotation.hpp"
#include "engine/data/data_table.hpp"
#include "engine/dynamics/aba.hpp"

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

// Torque of the level's force element when its joint is turned by `angle` about `axis`.
double elementMoment(const Model& m, const SpineLevel& level, int axis, double angle) {
  Eigen::VectorXd q = m.q_neutral, v = Eigen::VectorXd::Zero(m.nv), tau = v;
  quatToCoords(quatExp(angle * Vec3::Unit(axis)), q.segment<4>(m.bodies[level.body].q_index));
  for (const auto& e : m.force_elements) e->addGeneralizedForces(m, q, v, tau, nullptr, nullptr);
  return -tau[m.bodies[level.body].v_index + axis];
}

TEST(TissueCurves, EveryLevelReproducesItsSourceRangeOfMotion) {
  PostureParams p;
  p.thoracic_kyphosis_deg = 33.2;
  p.lumbar_lordosis_deg = 47.4;
  const TrunkModel t = buildTrunk(
      {73.0, 1.741}, p, std::make_shared<VerticalSinusoid>(Mat3::Identity(), Vec3::Zero(), 0.0, 1.0));
  const DataTable levels = readDataTable("trunk_anatomy.toml", "levels");
  const auto rib = readDataConstants("trunk_anatomy.toml", "rib_cage");
  int checked = 0;
  for (const DataRow& r : levels.rows) {
    const SpineLevel* level = t.findLevel(r.name);
    ASSERT_NE(level, nullptr) << r.name;
    const bool ribs = r.values.at("rib_cage") > 0.5;
    const double f_lb = ribs ? constantValue(rib, "rom_factor_lb") : 1.0;
    const double f_fe = ribs ? constantValue(rib, "rom_factor_fe") : 1.0;
    const double f_ax = ribs ? constantValue(rib, "rom_factor_ax") : 1.0;
    const double M = r.values.at("test_moment_nm");
    struct Case {
      int axis;
      double angle;
      double sign;
    };
    for (const Case& c :
         {Case{0, r.values.at("lateral_deg") * f_lb, 1.0}, Case{0, -r.values.at("lateral_deg") * f_lb, -1.0},
          Case{1, r.values.at("flexion_deg") * f_fe, 1.0},
          Case{1, -r.values.at("extension_deg") * f_fe, -1.0}, Case{2, r.values.at("axial_deg") * f_ax, 1.0},
          Case{2, -r.values.at("axial_deg") * f_ax, -1.0}}) {
      EXPECT_NEAR(elementMoment(*t.model, *level, c.axis, c.angle * kDeg), c.sign * M, 1e-9 * M)
          << r.name << " axis " << c.axis << " at " << c.angle << " deg";
      ++checked;
    }
  }
  EXPECT_EQ(checked, 18 * 6);
}

}  // namespace
}  // namespace spineload
