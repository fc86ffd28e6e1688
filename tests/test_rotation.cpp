#include <gtest/gtest.h>

#include <random>

#include "engine/core/rotation.hpp"

namespace spineload {
namespace {

TEST(Rotation, ExpLogRoundTrip) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> uni(-1.0, 1.0);
  for (int trial = 0; trial < 100; ++trial) {
    const Vec3 theta = Vec3(uni(rng), uni(rng), uni(rng)) * 1.7;
    EXPECT_LT((quatLog(quatExp(theta)) - theta).norm(), 1e-12);
  }
  EXPECT_LT((quatLog(quatExp(Vec3(1e-10, -2e-10, 0.0))) - Vec3(1e-10, -2e-10, 0.0)).norm(), 1e-20);
  // exp agrees with Eigen's angle-axis
  const Vec3 theta(0.3, -0.4, 0.5);
  const Quat ref(Eigen::AngleAxisd(theta.norm(), theta.normalized()));
  EXPECT_LT(quatExp(theta).angularDistance(ref), 1e-14);
}

TEST(Rotation, RightJacobianInverseMatchesFiniteDifference) {
  // Rotating the body by a small ω dt changes θ by Jr^{-1}(θ) ω dt.
  for (const Vec3& theta : {Vec3(0.3, -0.2, 0.9), Vec3(1e-6, 2e-6, -1e-6), Vec3(2.0, 1.0, -0.5)}) {
    const Vec3 w(0.7, -0.3, 0.2);
    const double h = 1e-6;
    const Vec3 fd =
        (quatLog(quatExp(theta) * quatExp(h * w)) - quatLog(quatExp(theta) * quatExp(-h * w))) / (2 * h);
    EXPECT_LT((fd - rightJacobianInverse(theta) * w).norm(), 1e-8) << theta.transpose();
  }
}

}  // namespace
}  // namespace spineload
