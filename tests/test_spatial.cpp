// Spatial algebra against the dense 6x6 formulas of Featherstone (2008), ch. 2.
#include <gtest/gtest.h>

#include <random>

#include "engine/core/inertia.hpp"
#include "engine/core/transform.hpp"

namespace spineload {
namespace {

Transform randomTransform(std::mt19937_64& rng) {
  std::normal_distribution<double> n(0.0, 1.0);
  return Transform::fromPose(Quat(n(rng), n(rng), n(rng), n(rng)).normalized().toRotationMatrix(),
                             Vec3(n(rng), n(rng), n(rng)));
}

Vec6 randomVec6(std::mt19937_64& rng) {
  std::normal_distribution<double> n(0.0, 1.0);
  Vec6 v;
  for (int i = 0; i < 6; ++i) v[i] = n(rng);
  return v;
}

TEST(Spatial, TransformActionsMatchDenseMatrices) {
  std::mt19937_64 rng(1);
  for (int trial = 0; trial < 20; ++trial) {
    const Transform X = randomTransform(rng);
    const Mat6 Xm = X.matrix();
    const Mat6 Xf = Xm.inverse().transpose();  // force transform X* = X^{-T}
    const Vec6 m = randomVec6(rng), f = randomVec6(rng);
    EXPECT_LT((X.applyMotion(m) - Xm * m).norm(), 1e-12);
    EXPECT_LT((X.applyForce(f) - Xf * f).norm(), 1e-12);
    EXPECT_LT((X.applyInverseMotion(m) - Xm.inverse() * m).norm(), 1e-12);
    EXPECT_LT((X.applyTransposeForce(f) - Xm.transpose() * f).norm(), 1e-12);
    const Transform Y = randomTransform(rng);
    EXPECT_LT(((X * Y).matrix() - Xm * Y.matrix()).norm(), 1e-12);
    EXPECT_LT((X.inverse().matrix() - Xm.inverse()).norm(), 1e-12);
  }
}

TEST(Spatial, MatrixIsFeatherstonesPluckerTransform) {
  // B_X_A = [E 0; -E r× E] (Featherstone 2008, eq. 2.24), written out here rather than taken from the code.
  const Mat3 R_AB = Eigen::AngleAxisd(0.7, Vec3(1, 2, 3).normalized()).toRotationMatrix();
  const Vec3 r(0.3, -0.2, 0.5);
  const Transform X = Transform::fromPose(R_AB, r);
  const Mat3 E = R_AB.transpose();
  Mat3 rx;
  rx << 0, -0.5, -0.2, 0.5, 0, -0.3, 0.2, 0.3, 0;
  Mat6 ref;
  ref << E, Mat3::Zero(), -E * rx, E;
  EXPECT_LT((X.matrix() - ref).norm(), 1e-14);
  // A point fixed in A at the origin of B: the velocity of B's origin in B coordinates from a motion in A.
  Vec6 m;
  m << 0.0, 0.0, 2.0, 1.0, 0.0, 0.0;  // ω = 2 ẑ, v(origin A) = x̂
  const Vec3 v_B_expected = E * (Vec3(1.0, 0.0, 0.0) + Vec3(0, 0, 2.0).cross(r));
  EXPECT_LT((X.applyMotion(m).tail<3>() - v_B_expected).norm(), 1e-14);
}

TEST(Spatial, PowerIsFrameInvariant) {
  // m · f is a scalar (power): the same in every frame when m and f are transformed consistently.
  std::mt19937_64 rng(2);
  const Transform X = randomTransform(rng);
  const Vec6 m = randomVec6(rng), f = randomVec6(rng);
  EXPECT_NEAR(X.applyMotion(m).dot(X.applyForce(f)), m.dot(f), 1e-12);
}

TEST(Spatial, CrossProductsMatchOperatorMatrix) {
  std::mt19937_64 rng(3);
  const Vec6 v = randomVec6(rng), m = randomVec6(rng);
  const Mat6 vx = crossMotionMatrix(v);
  EXPECT_LT((crossMotion(v, m) - vx * m).norm(), 1e-13);
  EXPECT_LT((crossForce(v, m) + vx.transpose() * m).norm(), 1e-13);  // v×* = -(v×)^T
}

TEST(Spatial, RigidInertiaMatchesDenseFormula) {
  const double m = 2.5;
  const Vec3 c(0.1, -0.2, 0.3);
  const Mat3 Ic = Vec3(0.3, 0.4, 0.5).asDiagonal();
  const RigidInertia I = RigidInertia::fromCom(m, c, Ic);
  // Featherstone eq. 2.63: I = [Ic + m c× c×^T, m c×; m c×^T, m 1].
  Mat6 ref;
  ref << Ic + m * skew(c) * skew(c).transpose(), m * skew(c), m * skew(c).transpose(), m * Mat3::Identity();
  EXPECT_LT((I.matrix() - ref).norm(), 1e-14);
  std::mt19937_64 rng(4);
  const Vec6 v = randomVec6(rng);
  EXPECT_LT((I * v - ref * v).norm(), 1e-13);
  EXPECT_NEAR(I.com().x(), 0.1, 1e-15);
}

TEST(Spatial, InertiaTransformMatchesCongruence) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 20; ++trial) {
    const Transform X = randomTransform(rng);
    const RigidInertia I = RigidInertia::fromCom(1.7, Vec3(0.2, 0.1, -0.3), Vec3(0.2, 0.3, 0.4).asDiagonal());
    // Independent of the code: the same body's inertia built directly in A from its pose in A.
    const Mat3 R_AB = X.E.transpose();
    const RigidInertia I_A =
        RigidInertia::fromCom(1.7, X.r + R_AB * Vec3(0.2, 0.1, -0.3),
                              R_AB * Mat3(Vec3(0.2, 0.3, 0.4).asDiagonal()) * R_AB.transpose());
    EXPECT_LT((transformInertiaToParent(X, I.matrix()) - I_A.matrix()).norm(), 1e-12 * I_A.matrix().norm());
    const Mat6 ref = X.matrix().transpose() * I.matrix() * X.matrix();
    EXPECT_LT((transformInertiaToParent(X, I.matrix()) - ref).norm(), 1e-12 * ref.norm());
  }
}

}  // namespace
}  // namespace spineload
