// Point accelerations (engine/metrics/body_accelerations.hpp) against the second difference of the point's
// world position along a trajectory through the same state: what an accelerometer would read, without
// gravity.
#include <gtest/gtest.h>

#include <string>

#include "engine/core/rotation.hpp"
#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/dynamics/rnea.hpp"
#include "engine/metrics/body_accelerations.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

constexpr double kStep = 1e-4;  // finite-difference step [s]

Vec3 worldPosition(const Data& d, int body, const Vec3& p_B) {
  const Transform& X = d.X_world[body];  // world -> body: E rotates, r is the body origin in the world
  return X.r + X.E.transpose() * p_B;
}

// A root moving with constant angular acceleration about a fixed axis and constant linear acceleration,
// as a prescribed base: the pose at any t and the exact rates at t.
struct BaseTrajectory {
  Mat3 R0 = Mat3::Identity();
  Vec3 axis_B = Vec3::UnitX(), p0 = Vec3::Zero(), v0 = Vec3::Zero(), a = Vec3::Zero();
  double w0 = 0.0, alpha = 0.0;  // about axis_B [rad/s, rad/s²]

  BaseKinematics at(double t) const {
    BaseKinematics k;
    k.R_WB = R0 * Eigen::AngleAxisd(w0 * t + 0.5 * alpha * t * t, axis_B).toRotationMatrix();
    const Vec3 axis_W = R0 * axis_B;  // the rotation axis is fixed in both frames
    k.w_WB_W = (w0 + alpha * t) * axis_W;
    k.dw_WB_W = alpha * axis_W;
    k.p_WB_W = p0 + v0 * t + 0.5 * a * t * t;
    k.v_WB_W = v0 + a * t;
    k.a_WB_W = a;
    return k;
  }
};

// Compares pointAccelerationWorld, at the state rnea(q0, v0, qdd) fills, with the central second difference
// of the world positions along q(h) = q0 ⊕ (v0 + qdd h / 2) h, a trajectory through q0 with velocity v0 and
// acceleration `qdd_path` (for a free root, the rnea acceleration differs: see the Free test).
void expectMatchesFiniteDifferences(const Model& model, const Eigen::VectorXd& q0, const Eigen::VectorXd& v0,
                                    const Eigen::VectorXd& qdd_rnea, const Eigen::VectorXd& qdd_path,
                                    const BaseTrajectory* base, std::mt19937_64& rng,
                                    const std::string& what) {
  Data d(model), fd(model);
  if (base) d.base = base->at(0.0);
  rnea(model, d, q0, v0, qdd_rnea);
  std::uniform_real_distribution<double> uni(-0.2, 0.2);
  for (int i = 0; i < model.nbodies(); ++i) {
    for (int point = 0; point < 3; ++point) {
      // Two random body-fixed points and the centre of mass.
      const bool com = point == 2;
      const Vec3 p_B = com ? model.bodies[i].inertia.com() : Vec3(uni(rng), uni(rng), uni(rng));
      Vec3 pos[3];
      for (int s = 0; s < 3; ++s) {
        const double h = (s - 1) * kStep;
        Eigen::VectorXd q(model.nq);
        integrateConfiguration(model, q0, v0 + 0.5 * h * qdd_path, h, q);
        if (base) fd.base = base->at(h);
        forwardKinematics(model, fd, q, v0);
        pos[s] = worldPosition(fd, i, p_B);
      }
      const Vec3 a_fd = (pos[2] - 2.0 * pos[1] + pos[0]) / (kStep * kStep);
      const Vec3 a = com ? comAccelerationWorld(model, d, i) : pointAccelerationWorld(model, d, i, p_B);
      EXPECT_LT((a - a_fd).norm() / std::max(a_fd.norm(), 1.0), 1e-5)
          << what << ", body " << i << (com ? " (com)" : "") << ": " << a.transpose() << " vs FD "
          << a_fd.transpose();
    }
  }
}

TEST(BodyAccelerations, MatchFiniteDifferencesOnFixedRootTrees) {
  std::mt19937_64 rng(21);
  for (bool branched : {false, true}) {
    RandomTreeOptions o;
    o.bodies = 8;
    o.root_joint = JointType::Fixed;
    o.branched = branched;
    o.joint_types = {JointType::Revolute, JointType::Prismatic, JointType::Spherical};
    o.seed = branched ? 5 : 6;
    const Model model = compileModel(makeRandomTree(o));
    Eigen::VectorXd q0, v0;
    test::randomState(model, rng, q0, v0);
    const Eigen::VectorXd qdd = test::randomVector(model.nv, rng, 2.0);
    expectMatchesFiniteDifferences(model, q0, v0, qdd, qdd, nullptr, rng,
                                   branched ? "branched fixed-root tree" : "fixed-root chain");
  }
}

TEST(BodyAccelerations, MatchFiniteDifferencesWithAFreeRoot) {
  // A free root's velocity is [ω_B; v_B] with v_B = R^T ṗ, and its generalized acceleration is the spatial
  // one, d/dt v_B = R^T p̈ - ω_B × v_B. The path q0 ⊕ (v0 + a h/2) h has p̈ = R0 a_lin, so the state it
  // passes through has q̈_lin = a_lin - ω_B × v_B (Featherstone; tests/test_aba.cpp uses the same relation).
  std::mt19937_64 rng(22);
  const Model model = test::mixedTree(7, JointType::Free, 8);
  Eigen::VectorXd q0, v0;
  test::randomState(model, rng, q0, v0);
  const Eigen::VectorXd qdd_path = test::randomVector(model.nv, rng, 2.0);
  Eigen::VectorXd qdd_rnea = qdd_path;
  const int iv = model.bodies[0].v_index;
  qdd_rnea.segment<3>(iv + 3) -= Vec3(v0.segment<3>(iv)).cross(Vec3(v0.segment<3>(iv + 3)));
  expectMatchesFiniteDifferences(model, q0, v0, qdd_rnea, qdd_path, nullptr, rng, "free root");
}

TEST(BodyAccelerations, MatchFiniteDifferencesWithAPrescribedRoot) {
  // The pelvis of the trunk model is a prescribed root: a base spinning up about a tilted axis while it
  // accelerates, with the tree moving on top.
  std::mt19937_64 rng(23);
  const Model model = test::mixedTree(7, JointType::Prescribed, 9);
  Eigen::VectorXd q0, v0;
  test::randomState(model, rng, q0, v0);
  const Eigen::VectorXd qdd = test::randomVector(model.nv, rng, 2.0);
  BaseTrajectory base;
  base.R0 = quatExp(Vec3(0.3, -0.5, 0.8)).toRotationMatrix();
  base.axis_B = Vec3(1.0, 2.0, -0.5).normalized();
  base.p0 = Vec3(0.1, -0.2, 1.0);
  base.v0 = Vec3(3.0, 0.1, -0.4);
  base.a = Vec3(-1.0, 0.5, 12.0);
  base.w0 = 1.3;
  base.alpha = -4.0;
  expectMatchesFiniteDifferences(model, q0, v0, qdd, qdd, &base, rng, "prescribed root");
}

TEST(BodyAccelerations, BodiesAtRestReadZeroWhateverThePosture) {
  // Gravity is not included: a tree held still (v = 0, q̈ = 0) at any posture reads 0 at every point,
  // although a_body carries the upward 9.81 m/s² of the gravity trick.
  std::mt19937_64 rng(24);
  const Model model = test::mixedTree(6, JointType::Fixed);
  Data d(model);
  Eigen::VectorXd q, v;
  test::randomState(model, rng, q, v);
  rnea(model, d, q, Eigen::VectorXd::Zero(model.nv), Eigen::VectorXd::Zero(model.nv));
  ASSERT_GT(d.a_body[0].tail<3>().norm(), 9.0) << "the gravity trick is in a_body";
  for (int i = 0; i < model.nbodies(); ++i) {
    EXPECT_LT(pointAccelerationWorld(model, d, i, Vec3(0.1, -0.2, 0.3)).norm(), 1e-12) << i;
    EXPECT_LT(comAccelerationWorld(model, d, i).norm(), 1e-12) << i;
  }
}

TEST(BodyAccelerations, RigidlyTranslatingBaseReadsItsAccelerationEverywhere) {
  // A prescribed base accelerating at (0.5, 0, 2) m/s² without rotating, carrying a still tree: every
  // point of every body accelerates with it, whatever the tree's posture and the base's orientation.
  std::mt19937_64 rng(25);
  RandomTreeOptions o;
  o.bodies = 5;
  o.root_joint = JointType::Prescribed;
  o.joint_types = {JointType::Revolute, JointType::Spherical};
  const Model model = compileModel(makeRandomTree(o));
  Data d(model);
  Eigen::VectorXd q, v;
  test::randomState(model, rng, q, v);
  d.base.R_WB = quatExp(Vec3(0.2, 0.4, -0.1)).toRotationMatrix();
  d.base.v_WB_W = Vec3(3.0, 0.0, 0.5);
  d.base.a_WB_W = Vec3(0.5, 0.0, 2.0);
  rnea(model, d, q, Eigen::VectorXd::Zero(model.nv), Eigen::VectorXd::Zero(model.nv));
  for (int i = 0; i < model.nbodies(); ++i)
    EXPECT_LT((pointAccelerationWorld(model, d, i, Vec3(-0.1, 0.05, 0.2)) - Vec3(0.5, 0.0, 2.0)).norm(),
              1e-12)
        << i;
}

}  // namespace
}  // namespace spineload
