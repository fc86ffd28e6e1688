// Muscle/joint load sharing at a level (engine/metrics/load_sharing.hpp): subtree sums against the joint
// reactions and against a sum done in the world, and the muscles' share against hand calculation.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/core/rotation.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/dynamics/rnea.hpp"
#include "engine/metrics/load_sharing.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

Vec6 randomWrench(std::mt19937_64& rng, double scale) {
  std::uniform_real_distribution<double> uni(-scale, scale);
  Vec6 w;
  for (int k = 0; k < 6; ++k) w[k] = uni(rng);
  return w;
}

// The wrench, in `body`'s frame about its origin, of a world-frame force f_W applied at p_B on the body.
Vec6 pointForceWrench(const Data& d, int body, const Vec3& p_B, const Vec3& f_W) {
  const Vec3 f_B = d.X_world[body].E * f_W;
  Vec6 w;
  w << p_B.cross(f_B), f_B;
  return w;
}

Vec3 worldPosition(const Data& d, int body, const Vec3& p_B) {
  return d.X_world[body].r + d.X_world[body].E.transpose() * p_B;
}

TEST(LoadSharing, SubtreeWrenchIsWhatTheWrenchesTakeOffEachJointReaction) {
  // jointReactions is linear in f_ext: adding wrenches W changes every joint's reaction by minus the sum
  // of W over the bodies it carries, which is what subtreeWrenches must return.
  std::mt19937_64 rng(31);
  for (const RandomTreeOptions& o : test::allTreeVariants()) {
    const Model model = compileModel(makeRandomTree(o));
    Data d(model);
    Eigen::VectorXd q, v;
    test::randomState(model, rng, q, v);
    const Eigen::VectorXd qdd = test::randomVector(model.nv, rng, 2.0);
    for (Vec6& f : d.f_ext) f.setZero();
    rnea(model, d, q, v, qdd);
    const AlignedVector<Vec6> f_without = d.f_joint;
    AlignedVector<Vec6> W(model.nbodies()), subtree;
    for (Vec6& w : W) w = randomWrench(rng, 20.0);
    d.f_ext = W;
    jointReactions(model, d);
    subtreeWrenches(model, d, W, subtree);
    ASSERT_EQ(static_cast<int>(subtree.size()), model.nbodies());
    for (int i = 0; i < model.nbodies(); ++i)
      EXPECT_LT((d.f_joint[i] - f_without[i] + subtree[i]).norm(), 1e-10)
          << "root " << jointTypeName(o.root_joint) << ", body " << i;
  }
}

TEST(LoadSharing, SubtreeWrenchSumsForcesAndMomentsInTheWorld) {
  // The same sums done independently: every wrench to the world, moments taken about body i's origin, then
  // back to body i's frame.
  std::mt19937_64 rng(32);
  const Model model = test::mixedTree(9, JointType::Fixed);
  Data d(model);
  Eigen::VectorXd q, v;
  test::randomState(model, rng, q, v);
  forwardKinematics(model, d, q, v);
  AlignedVector<Vec6> W(model.nbodies()), subtree;
  for (Vec6& w : W) w = randomWrench(rng, 10.0);
  subtreeWrenches(model, d, W, subtree);
  for (int i = 0; i < model.nbodies(); ++i) {
    Vec3 force_W = Vec3::Zero(), moment_W = Vec3::Zero();
    const Vec3 o_i = d.X_world[i].r;
    for (int j = 0; j < model.nbodies(); ++j) {
      int a = j;
      while (a >= 0 && a != i) a = model.bodies[a].parent;
      if (a != i) continue;                         // j is not i or one of its descendants
      const Mat3 R_j = d.X_world[j].E.transpose();  // body j -> world
      const Vec3 f = R_j * W[j].tail<3>();
      force_W += f;
      moment_W += R_j * W[j].head<3>() + (d.X_world[j].r - o_i).cross(f);
    }
    const Mat3& E_i = d.X_world[i].E;
    EXPECT_LT((subtree[i].tail<3>() - E_i * force_W).norm(), 1e-10) << i;
    EXPECT_LT((subtree[i].head<3>() - E_i * moment_W).norm(), 1e-10) << i;
  }
}

TEST(LoadSharing, PosteriorMusclePullingDownCompressesAndCarriesFlexion) {
  // Hand case: a link on a spherical joint at the base's origin, a force F straight down (along the
  // link's -z) at 0.05 m posterior (-x) of the joint. On the link it is the wrench (p × f, f) with
  // p × f = (-0.05, 0, 0) × (0, 0, -F) = (0, -0.05 F, 0): an extension moment on the bodies above, so the
  // muscles carry a flexion moment +0.05 F of the net load, and they compress the level by F.
  const Model model = compileModel(test::baseAndLink(JointType::Spherical));
  Data d(model);
  const double F = 800.0;
  for (double beta : {0.0, 0.4}) {
    // Upright, then flexed by beta about +y with the muscle still along the link (it moves with it).
    Eigen::VectorXd q = model.q_neutral;
    quatToCoords(quatExp(Vec3(0.0, beta, 0.0)), q.segment<4>(model.bodies[1].q_index));
    forwardKinematics(model, d, q, Eigen::VectorXd::Zero(model.nv));
    AlignedVector<Vec6> W(2, Vec6::Zero()), subtree;
    const Vec3 p_B(-0.05, 0.0, 0.0), f_B(0.0, 0.0, -F);
    W[1] << p_B.cross(f_B), f_B;
    subtreeWrenches(model, d, W, subtree);
    const LevelShare s = levelShare(model, q, 1, subtree[1], LevelLoad{});
    // The mid-disc frame is turned by beta/2 about y from the link: the link's axis is tilted by beta/2
    // there, and the moment about y is unchanged.
    EXPECT_NEAR(s.muscle_compression_n, F * std::cos(0.5 * beta), 1e-9) << beta;
    EXPECT_NEAR(s.muscle_moment_nm[1], 0.05 * F, 1e-9) << beta;
    EXPECT_NEAR(s.muscle_moment_nm[0], 0.0, 1e-9) << beta;
    EXPECT_NEAR(s.muscle_moment_nm[2], 0.0, 1e-9) << beta;
    // No joint load: the net moment is the muscles' alone.
    EXPECT_LT((s.net_moment_nm - s.muscle_moment_nm).norm(), 1e-12);
  }
}

TEST(LoadSharing, NetMomentIsMuscleMomentPlusJointMoment) {
  std::mt19937_64 rng(33);
  const Model model = compileModel(makeChain(3, JointType::Spherical, JointType::Fixed, 0.1, 2.0));
  std::uniform_real_distribution<double> uni(-100.0, 100.0);
  for (int trial = 0; trial < 20; ++trial) {
    Eigen::VectorXd q, v;
    test::randomState(model, rng, q, v);
    LevelLoad joint;
    joint.compression_n = uni(rng);
    joint.moment_lb_nm = uni(rng);
    joint.moment_fe_nm = uni(rng);
    joint.moment_ax_nm = uni(rng);
    const int body = 1 + trial % 2;
    const LevelShare s = levelShare(model, q, body, randomWrench(rng, 200.0), joint);
    const Vec3 joint_moment(joint.moment_lb_nm, joint.moment_fe_nm, joint.moment_ax_nm);
    EXPECT_LT((s.net_moment_nm - s.muscle_moment_nm - joint_moment).norm(), 1e-12) << trial;
  }
}

TEST(LoadSharing, MusclesAsExternalForcesSplitTheIntersegmentalLoad) {
  // A moving chain of four spherical joints. Muscle A runs from the base (body 0) to body 3 and crosses
  // levels 1-3; muscle B runs from body 1 to body 2 and crosses level 2 only. Applied as external forces,
  // the muscles change the joint reactions; the net moment (muscle + joint) must still be the
  // intersegmental moment of inverse dynamics without them, and the compression with them must be that
  // without plus the muscles' compression. At a level a muscle does not cross, it adds nothing.
  std::mt19937_64 rng(34);
  const Model model = compileModel(makeChain(4, JointType::Spherical, JointType::Fixed, 0.1, 2.0));
  Data d(model);
  Eigen::VectorXd q, v;
  test::randomState(model, rng, q, v);
  const Eigen::VectorXd qdd = test::randomVector(model.nv, rng, 2.0);
  for (Vec6& f : d.f_ext) f.setZero();
  rnea(model, d, q, v, qdd);
  LevelLoad without[4];
  for (int i = 1; i < 4; ++i) without[i] = levelLoad(model, d, q, i);
  // Tension along the line between the attachments, on both ends.
  const auto muscle = [&](int lower, const Vec3& p_lower, int upper, const Vec3& p_upper, double tension,
                          AlignedVector<Vec6>& W) {
    const Vec3 dir = (worldPosition(d, lower, p_lower) - worldPosition(d, upper, p_upper)).normalized();
    W[upper] += pointForceWrench(d, upper, p_upper, tension * dir);
    W[lower] += pointForceWrench(d, lower, p_lower, -tension * dir);
  };
  AlignedVector<Vec6> W_a(4, Vec6::Zero()), W_b(4, Vec6::Zero()), W(4), subtree;
  muscle(0, Vec3(-0.04, 0.02, 0.05), 3, Vec3(-0.05, 0.01, 0.06), 400.0, W_a);
  muscle(1, Vec3(0.03, -0.02, 0.07), 2, Vec3(0.02, 0.03, 0.04), 250.0, W_b);
  for (int i = 0; i < 4; ++i) W[i] = W_a[i] + W_b[i];
  d.f_ext = W;
  jointReactions(model, d);
  subtreeWrenches(model, d, W, subtree);
  for (int i = 1; i < 4; ++i) {
    const LevelLoad with = levelLoad(model, d, q, i);
    const LevelShare s = levelShare(model, q, i, subtree[i], with);
    const Vec3 intersegmental(without[i].moment_lb_nm, without[i].moment_fe_nm, without[i].moment_ax_nm);
    EXPECT_LT((s.net_moment_nm - intersegmental).norm(), 1e-9) << "level " << i;
    EXPECT_NEAR(with.compression_n, without[i].compression_n + s.muscle_compression_n, 1e-9) << i;
    EXPECT_GT(std::abs(s.muscle_compression_n), 1.0) << "muscle A crosses level " << i;
  }
  // Muscle B alone: nothing at levels 1 and 3, something at level 2.
  subtreeWrenches(model, d, W_b, subtree);
  for (int i = 1; i < 4; ++i) {
    const LevelShare s = levelShare(model, q, i, subtree[i], LevelLoad{});
    if (i == 2) {
      EXPECT_GT(s.muscle_moment_nm.norm() + std::abs(s.muscle_compression_n), 1.0);
    } else {
      EXPECT_NEAR(s.muscle_compression_n, 0.0, 1e-10) << "level " << i;
      EXPECT_LT(s.muscle_moment_nm.norm(), 1e-10) << "level " << i;
    }
  }
}

}  // namespace
}  // namespace spineload
