// ABA against the equation of motion assembled from CRBA and RNEA: M(q) q̈ + C(q, v) = τ + Jᵀ f_ext.
#include <gtest/gtest.h>

#include <Eigen/Cholesky>

#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/crba.hpp"
#include "engine/dynamics/rnea.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

void randomBase(Data& d, std::mt19937_64& rng) {
  const Eigen::VectorXd r = test::randomVector(15, rng);
  d.base.R_WB = quatExp(r.segment<3>(0)).toRotationMatrix();
  d.base.p_WB_W = r.segment<3>(3);
  d.base.w_WB_W = r.segment<3>(6);
  d.base.v_WB_W = r.segment<3>(9);
  d.base.dw_WB_W = 3.0 * r.segment<3>(12);
  d.base.a_WB_W = Vec3(1.0, -2.0, 5.0);
}

TEST(Aba, SatisfiesEquationOfMotionOnRandomTrees) {
  for (const RandomTreeOptions& o : test::allTreeVariants()) {
    const Model model = compileModel(makeRandomTree(o));
    Data d(model);
    std::mt19937_64 rng(o.seed);
    for (int trial = 0; trial < 5; ++trial) {
      Eigen::VectorXd q, v;
      test::randomState(model, rng, q, v);
      const Eigen::VectorXd tau = test::randomVector(model.nv, rng, 10.0);
      for (auto& f : d.f_ext) f = test::randomVector(6, rng, 5.0);
      randomBase(d, rng);
      aba(model, d, q, v, tau);
      const Eigen::VectorXd qdd = d.qdd;
      rnea(model, d, q, v, Eigen::VectorXd::Zero(model.nv));  // C(q, v) - Jᵀ f_ext
      const Eigen::VectorXd bias = d.tau_id;
      crba(model, d, q);
      const Eigen::VectorXd lhs = d.M * qdd + bias;
      EXPECT_LT(test::relativeError(lhs, tau), 1e-10)
          << "root " << jointTypeName(o.root_joint) << (o.branched ? " branched" : " chain") << " seed "
          << o.seed;
    }
  }
}

TEST(Aba, LongBallChainsStayAccurate) {
  // Round-off in the articulated inertia of a ball joint must not grow down the chain (96 bodies: the
  // longest chain the benches use). Checked against the dense equation of motion.
  for (int n : {48, 96}) {
    for (JointType root : {JointType::Fixed, JointType::Free}) {
      const Model model = compileModel(makeChain(n, JointType::Spherical, root));
      Data d(model);
      std::mt19937_64 rng(n);
      Eigen::VectorXd q, v;
      test::randomState(model, rng, q, v);
      const Eigen::VectorXd tau = test::randomVector(model.nv, rng, 10.0);
      aba(model, d, q, v, tau);
      const Eigen::VectorXd qdd = d.qdd;
      rnea(model, d, q, v, qdd);
      EXPECT_LT(test::relativeError(d.tau_id, tau), 1e-10) << n << " bodies, root " << jointTypeName(root);
      rnea(model, d, q, v, Eigen::VectorXd::Zero(model.nv));
      const Eigen::VectorXd bias = d.tau_id;
      crba(model, d, q);
      const Eigen::VectorXd qdd_dense = d.M.ldlt().solve(tau - bias);
      EXPECT_LT(test::relativeError(qdd, qdd_dense), 1e-8) << n << " bodies, root " << jointTypeName(root);
    }
  }
}

TEST(Aba, PrescribedRootMatchesFreeRootWithTheSameMotion) {
  // A free-floating tree moves its root somehow; prescribing exactly that root motion must leave the rest
  // of the tree's accelerations unchanged.
  RandomTreeOptions o;
  o.bodies = 8;
  o.root_joint = JointType::Free;
  const TreeDescription free_tree = makeRandomTree(o);
  TreeDescription presc_tree = free_tree;
  presc_tree.bodies[0].joint = JointType::Prescribed;
  const Model mf = compileModel(free_tree), mp = compileModel(presc_tree);
  Data df(mf), dp(mp);
  std::mt19937_64 rng(3);
  Eigen::VectorXd q, v;
  test::randomState(mf, rng, q, v);
  const Eigen::VectorXd tau = test::randomVector(mf.nv, rng, 10.0);
  aba(mf, df, q, v, tau);
  // Root motion in world coordinates from the free joint's state (q = [p; quat], v = [ω_B; v_B]).
  const Mat3 R = quatFromCoords(q.segment<4>(3)).toRotationMatrix();
  const Vec3 wB = v.segment<3>(0), vB = v.segment<3>(3);
  dp.base.R_WB = R;
  dp.base.p_WB_W = q.head<3>();
  dp.base.w_WB_W = R * wB;
  dp.base.v_WB_W = R * vB;
  dp.base.dw_WB_W = R * df.qdd.segment<3>(0);
  dp.base.a_WB_W = R * (df.qdd.segment<3>(3) + wB.cross(vB));
  aba(mp, dp, q.tail(mp.nq), v.tail(mp.nv), tau.tail(mp.nv));
  EXPECT_LT(test::relativeError(dp.qdd, df.qdd.tail(mp.nv)), 1e-10);
}

TEST(Aba, ImplicitDiagonalActsAsAddedJointInertia) {
  // ABA with implicit_diag = d solves (M + diag(d)) x = τ - C: check against the dense solve.
  RandomTreeOptions o;
  o.bodies = 9;
  const Model model = compileModel(makeRandomTree(o));
  Data d(model);
  std::mt19937_64 rng(9);
  Eigen::VectorXd q, v;
  test::randomState(model, rng, q, v);
  const Eigen::VectorXd tau = test::randomVector(model.nv, rng, 10.0);
  d.implicit_diag = test::randomVector(model.nv, rng).cwiseAbs();
  aba(model, d, q, v, tau);
  const Eigen::VectorXd x = d.qdd;
  const Eigen::VectorXd added = d.implicit_diag;
  d.implicit_diag.setZero();
  rnea(model, d, q, v, Eigen::VectorXd::Zero(model.nv));
  const Eigen::VectorXd bias = d.tau_id;
  crba(model, d, q);
  Eigen::MatrixXd A = d.M;
  A.diagonal() += added;
  EXPECT_LT(test::relativeError(A * x + bias, tau), 1e-10);
}

}  // namespace
}  // namespace spineload
