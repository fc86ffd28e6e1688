// The muscle controller on a hand-calculable joint: a link leaning forward under gravity, held upright by an
// extensor against a flexor. Static optimization must pick the extensor alone, at the activation statics
// gives; a co-contraction floor on the flexor must raise both forces and the joint compression.
#include <gtest/gtest.h>

#include "engine/control/muscle_controller.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/dynamics/rnea.hpp"

#include "test_support.hpp"

namespace spineload {
namespace {

constexpr double kMass = 10.0, kComAnterior = 0.05, kComHeight = 0.2, kArm = 0.04, kHalfLength = 0.15;
constexpr double kFmax = 500.0;

Model leaningLink() {
  TreeDescription tree = test::baseAndLink(JointType::Revolute);
  BodySpec& link = tree.bodies[1];
  link.mass_kg = kMass;
  link.com_B = Vec3(kComAnterior, 0, kComHeight);
  link.inertia_com_B = Mat3::Identity() * 0.05;
  return compileModel(tree);
}

// An extensor behind and a flexor in front of the joint, each kArm from its axis; the flexor is "deep core".
MuscleSet antagonists(const Model& model) {
  const MuscleCatalog c = test::unitCatalog(
      {test::straightFascicle("extensor_r", "ext", false, Vec3(-kArm, 0, 0), kHalfLength, kFmax, 0.08),
       test::straightFascicle("flexor_r", "flex", true, Vec3(kArm, 0, 0), kHalfLength, kFmax, 0.08)});
  return buildMuscleSet(c, model, 1.0, 1.0, {}, HillConstants{});
}

struct Held {
  Eigen::VectorXd activation, force;
  double compression_n = 0.0, reserve_nm = 0.0;
};

Held holdUpright(double core_floor) {
  const Model model = leaningLink();
  auto set = std::make_shared<const MuscleSet>(antagonists(model));
  MuscleControlParams p;
  p.core_floor_activation = core_floor;
  MuscleController controller(model, set, AbdominalPressureModel{}, p, nullptr, nullptr);
  Data d(model);
  controller.update(model, d, 0.0);
  forwardKinematics(model, d, d.q, d.v);
  rnea(model, d, d.q, d.v, Eigen::VectorXd::Zero(model.nv));  // at rest: the reaction that holds the link
  return {controller.activation(), controller.force_n(), d.f_joint[1][5], controller.reserve_nm()[0]};
}

TEST(MuscleController, ExtensorAloneHoldsAForwardLeaningLink) {
  const Held h = holdUpright(0.0);
  const double gravity_moment = kMass * 9.81 * kComAnterior;  // flexing, about +y
  // Both fibres sit at their optimal length, where the passive curve gives f_PE(1) F_max on each: those
  // cancel. The rest is split between the extensor (k = arm × F_max per unit activation) and the reserve
  // by min a² + (r / r₀)² s.t. k a + r = M: a = k M / (k² + r₀²), r = M / (1 + k² / r₀²), r₀ = 1 N m.
  const double k = kArm * kFmax;
  // (Generalized forces are about +y, flexion: the extensor's and the reserve's are negative.)
  EXPECT_NEAR((h.force[0] - h.force[1]) * kArm - h.reserve_nm, gravity_moment, 1e-9 * gravity_moment);
  EXPECT_NEAR(h.activation[0], k * gravity_moment / (k * k + 1.0), 1e-9);
  EXPECT_NEAR(h.reserve_nm, -gravity_moment / (1.0 + k * k), 1e-9);
  EXPECT_LT(h.activation[1], 1e-9);
  // The joint carries the weight and both muscles' pull.
  EXPECT_NEAR(h.compression_n, kMass * 9.81 + h.force[0] + h.force[1], 1e-6 * kMass * 9.81);
}

TEST(MuscleController, CoContractionFloorRaisesBothForcesAndTheCompression) {
  const Held relaxed = holdUpright(0.0), braced = holdUpright(0.1);
  EXPECT_NEAR(braced.activation[1], 0.1, 1e-9);
  EXPECT_GT(braced.force[0], relaxed.force[0] + 0.09 * kFmax);  // the extensor also balances the flexor
  EXPECT_GT(braced.compression_n, relaxed.compression_n + 2.0 * 0.09 * kFmax);
}

// Two extensors of different strength share the moment by the effort exponent: minimizing a₁ᵖ + a₂ᵖ under
// k₁a₁ + k₂a₂ = M gives a₁/a₂ = (k₁/k₂)^(1/(p−1)), so p = 3 spreads the load more evenly than p = 2
// (Crowninshield & Brand 1981).
double activationRatio(int p) {
  const Model model = leaningLink();
  const MuscleCatalog c = test::unitCatalog(
      {test::straightFascicle("strong_r", "ext", false, Vec3(-kArm, 0, 0), kHalfLength, 4.0 * kFmax, 0.08),
       test::straightFascicle("weak_r", "ext", false, Vec3(-kArm, 0.01, 0), kHalfLength, kFmax, 0.08)});
  auto set = std::make_shared<const MuscleSet>(buildMuscleSet(c, model, 1.0, 1.0, {}, HillConstants{}));
  MuscleControlParams params;
  params.effort_exponent = p;
  params.reserve_optimal_torque_nm = 1e-3;  // reserves priced out: the muscles carry the moment
  MuscleController controller(model, set, AbdominalPressureModel{}, params, nullptr, nullptr);
  Data d(model);
  controller.update(model, d, 0.0);
  return controller.activation()[0] / controller.activation()[1];
}

TEST(MuscleController, EffortExponentSetsHowSynergistsShare) {
  EXPECT_NEAR(activationRatio(2), 4.0, 1e-3);  // (k₁/k₂)^1
  EXPECT_NEAR(activationRatio(3), 2.0, 2e-2);  // (k₁/k₂)^(1/2), by sequential quadratic steps
}

}  // namespace
}  // namespace spineload
