// Trunk stability (smallest eigenvalue of the tangent stiffness) on an inverted pendulum on a ball joint,
// by hand: K = k − m g h + Σ_i F_i (q d² / l − l / 4) about the axis the muscles' offset d lies across, for
// straight muscles of length l = 2L parallel to the link (a cable along a column: its tension buckles it,
// l'' = −L/2; its short-range stiffness q F / l acts through the moment arm d).
#include <gtest/gtest.h>

#include "engine/dynamics/joint_spring_damper.hpp"
#include "engine/metrics/trunk_stability.hpp"

#include "test_support.hpp"

namespace spineload {
namespace {

constexpr double kMass = 20.0, kHeight = 0.3, kSpring = 150.0, kArm = 0.05, kHalf = 0.1, kG = 9.81;

struct Pendulum {
  TrunkModel trunk;
  MuscleSet muscles;
};

Pendulum pendulum() {
  TreeDescription tree = test::baseAndLink(JointType::Spherical);
  BodySpec& link = tree.bodies[1];
  link.mass_kg = kMass;
  link.com_B = Vec3(0, 0, kHeight);
  link.inertia_com_B = Mat3::Identity() * 0.1;
  Model model = compileModel(tree);
  const SpringDof spring{kSpring, 0.0, 0.0};
  model.force_elements.push_back(std::make_shared<JointSpringDamper>(
      model, 1, std::array<SpringDof, 3>{spring, spring, spring}, Eigen::Vector4d(1, 0, 0, 0)));
  Pendulum p;
  p.trunk.model = std::make_shared<const Model>(std::move(model));
  p.trunk.levels.push_back({"joint", 1, 0.0, 0.0, 0.0, -1});
  std::vector<FascicleSpec> f;
  for (double side : {1.0, -1.0})
    f.push_back(test::straightFascicle(side > 0 ? "front_r" : "back_r", "g", false, Vec3(side * kArm, 0, 0),
                                       kHalf, 500.0, 0.1));
  const MuscleCatalog c = test::unitCatalog(f);
  p.muscles = buildMuscleSet(c, *p.trunk.model, 1.0, 1.0, {}, HillConstants{});
  return p;
}

double smallest(const Pendulum& p, double force_n) {
  TrunkStability s(p.trunk, &p.muscles);
  Data d(*p.trunk.model);
  const AlignedVector<Vec6> none(p.trunk.model->nbodies(), Vec6::Zero());
  return s.smallestEigenvalue(d, none, Eigen::Vector2d(force_n, force_n));
}

TEST(TrunkStability, InvertedPendulumOnASpringByHand) {
  const Pendulum p = pendulum();
  // Without muscle force: k − m g h about x and y (the lower eigenvalue), k about z.
  EXPECT_NEAR(smallest(p, 0.0), kSpring - kMass * kG * kHeight, 1e-4);
}

TEST(TrunkStability, MuscleTensionBucklesAndItsShortRangeStiffnessStabilizes) {
  const Pendulum p = pendulum();
  const double q = p.muscles.hill.short_range_stiffness, F = 100.0, l = 2.0 * kHalf;
  // About x the muscles have no moment arm: only their buckling term, F (−l/4) each.
  const double about_x = kSpring - kMass * kG * kHeight - 2.0 * F * l / 4.0;
  const double about_y = about_x + 2.0 * q * F / l * kArm * kArm;
  EXPECT_NEAR(smallest(p, F), std::min(about_x, about_y), 1e-3);
  TrunkStability s(p.trunk, &p.muscles);
  Data d(*p.trunk.model);
  s.smallestEigenvalue(d, AlignedVector<Vec6>(2, Vec6::Zero()), Eigen::Vector2d(F, F));
  EXPECT_NEAR(s.stiffness()(0, 0), about_x, 1e-3);
  EXPECT_NEAR(s.stiffness()(1, 1), about_y, 1e-3);
  // Twisting lengthens both muscles (l ≈ l + d² θ² / l): a stabilizing tension term, F d² / l each.
  EXPECT_NEAR(s.stiffness()(2, 2), kSpring + 2.0 * F * kArm * kArm / l, 1e-3);
}

}  // namespace
}  // namespace spineload
