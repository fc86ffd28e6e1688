#include <gtest/gtest.h>

#include <Eigen/Cholesky>

#include "engine/dynamics/crba.hpp"
#include "engine/dynamics/energy.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/dynamics/rnea.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

TEST(Crba, ColumnsEqualRneaOfUnitAccelerations) {
  for (const RandomTreeOptions& o : test::allTreeVariants()) {
    const Model model = compileModel(makeRandomTree(o));
    Data d(model);
    std::mt19937_64 rng(o.seed + 200);
    Eigen::VectorXd q, v;
    test::randomState(model, rng, q, v);
    crba(model, d, q);
    const Eigen::MatrixXd M = d.M;
    EXPECT_LT((M - M.transpose()).norm(), 1e-12 * M.norm());
    EXPECT_EQ(Eigen::LLT<Eigen::MatrixXd>(M).info(), Eigen::Success) << "M must be positive definite";
    // With v = 0 and no gravity or base motion, RNEA(e_k) is the k-th column of M.
    TreeDescription no_gravity = makeRandomTree(o);
    no_gravity.gravity_W.setZero();
    const Model m0 = compileModel(no_gravity);
    Data d0(m0);
    for (int k = 0; k < model.nv; ++k) {
      rnea(m0, d0, q, Eigen::VectorXd::Zero(m0.nv), Eigen::VectorXd::Unit(m0.nv, k));
      EXPECT_LT((d0.tau_id - M.col(k)).norm(), 1e-10 * (1.0 + M.norm()));
    }
  }
}

TEST(Crba, KineticEnergyEqualsQuadraticForm) {
  RandomTreeOptions o;
  o.bodies = 10;
  const Model model = compileModel(makeRandomTree(o));
  Data d(model);
  std::mt19937_64 rng(8);
  Eigen::VectorXd q, v;
  test::randomState(model, rng, q, v);
  crba(model, d, q);
  forwardKinematics(model, d, q, v);
  EXPECT_NEAR(kineticEnergy(model, d), 0.5 * v.dot(d.M * v), 1e-10 * (1.0 + v.dot(d.M * v)));
}

}  // namespace
}  // namespace spineload
