// Configuration-space operations: the free joint moves along its body-frame velocity, and ⊖ inverts ⊕.
#include <gtest/gtest.h>

#include "engine/dynamics/configuration.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

TEST(Configuration, FreeJointMovesAlongItsBodyVelocity) {
  const Model model = compileModel(makeChain(1, JointType::Spherical, JointType::Free));
  Eigen::VectorXd q = model.q_neutral, out(model.nq);
  const Quat r(Eigen::AngleAxisd(M_PI / 2, Vec3::UnitZ()));  // body x axis points along world y
  q.segment<4>(3) << r.w(), r.x(), r.y(), r.z();
  Eigen::VectorXd v = Eigen::VectorXd::Zero(6);
  v[3] = 2.0;  // 2 m/s along the body's x axis
  integrateConfiguration(model, q, v, 0.5, out);
  EXPECT_LT((out.head<3>() - Vec3(0.0, 1.0, 0.0)).norm(), 1e-15);
  v.setZero();
  v[2] = 1.0;  // 1 rad/s about the body z axis for 0.5 s
  integrateConfiguration(model, q, v, 0.5, out);
  const Quat expected = r * Quat(Eigen::AngleAxisd(0.5, Vec3::UnitZ()));
  EXPECT_LT(quatFromCoords(out.segment<4>(3)).angularDistance(expected), 1e-14);
}

TEST(Configuration, DifferenceInvertsIntegrationForEveryJointType) {
  RandomTreeOptions o;
  o.bodies = 10;
  o.root_joint = JointType::Free;
  const Model model = compileModel(makeRandomTree(o));
  std::mt19937_64 rng(3);
  Eigen::VectorXd q, v, q1(model.nq);
  test::randomState(model, rng, q, v);
  integrateConfiguration(model, q, v, 0.3, q1);
  EXPECT_LT((configurationDifference(model, q, q1) - 0.3 * v).norm(), 1e-12);
}

}  // namespace
}  // namespace spineload
