#include <gtest/gtest.h>

#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/rnea.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

TEST(Rnea, InvertsAba) {
  for (const RandomTreeOptions& o : test::allTreeVariants()) {
    const Model model = compileModel(makeRandomTree(o));
    Data d(model);
    std::mt19937_64 rng(o.seed + 100);
    for (int trial = 0; trial < 5; ++trial) {
      Eigen::VectorXd q, v;
      test::randomState(model, rng, q, v);
      const Eigen::VectorXd tau = test::randomVector(model.nv, rng, 10.0);
      for (auto& f : d.f_ext) f = test::randomVector(6, rng, 5.0);
      d.base.w_WB_W = Vec3(0.3, -0.2, 0.5);
      d.base.a_WB_W = Vec3(0.0, 1.0, 3.0);
      aba(model, d, q, v, tau);
      const Eigen::VectorXd qdd = d.qdd;
      rnea(model, d, q, v, qdd);
      EXPECT_LT(test::relativeError(d.tau_id, tau), 1e-10) << "seed " << o.seed;
    }
  }
}

TEST(Rnea, JointReactionsAfterAbaEqualRneaForces) {
  RandomTreeOptions o;
  o.bodies = 10;
  const Model model = compileModel(makeRandomTree(o));
  Data d(model);
  std::mt19937_64 rng(5);
  Eigen::VectorXd q, v;
  test::randomState(model, rng, q, v);
  const Eigen::VectorXd tau = test::randomVector(model.nv, rng, 10.0);
  aba(model, d, q, v, tau);
  jointReactions(model, d);
  const auto f_after_aba = d.f_joint;
  const Eigen::VectorXd qdd = d.qdd;
  rnea(model, d, q, v, qdd);
  for (int i = 0; i < model.nbodies(); ++i)
    EXPECT_LT((f_after_aba[i] - d.f_joint[i]).norm(), 1e-9 * (1.0 + d.f_joint[i].norm())) << i;
}

}  // namespace
}  // namespace spineload
