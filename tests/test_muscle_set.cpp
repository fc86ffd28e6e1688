// Muscle paths on a tree: the moment-arm matrix against finite differences of the path length (R = −∂l/∂q),
// the lengthening rate against the time derivative of the length, the body wrenches against R F through the
// inverse dynamics, and a hand-calculated moment arm.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/dynamics/model.hpp"
#include "engine/dynamics/rnea.hpp"
#include "engine/muscles/muscle_set.hpp"
#include "test_support.hpp"

namespace spineload {
namespace {

// Random paths of 2-4 points on random bodies of the tree (none on the world).
MuscleCatalog randomCatalog(const Model& model, int muscles, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> body(0, model.nbodies() - 1), count(2, 4);
  std::vector<FascicleSpec> fascicles;
  for (int i = 0; i < muscles; ++i) {
    std::ostringstream name;  // (not "m" + to_string: GCC 12's -Wrestrict false positive)
    name << "m" << i << "_r";
    FascicleSpec f{name.str(), std::string("g"), 'r', false, {}, 100.0, 0.05, 0.0, std::string("test"), 0};
    const int n = count(rng);
    for (int k = 0; k < n; ++k)
      f.points.push_back({model.bodies[body(rng)].name, Vec3(test::randomVector(3, rng, 0.1))});
    fascicles.push_back(f);
  }
  return test::unitCatalog(fascicles);
}

struct Fixture {
  Model model;
  MuscleSet set;
  explicit Fixture(std::uint64_t seed, JointType root = JointType::Fixed) {
    RandomTreeOptions o;
    o.bodies = 10;
    o.root_joint = root;
    o.seed = seed;
    model = compileModel(makeRandomTree(o));
    std::mt19937_64 rng(seed);
    set = buildMuscleSet(randomCatalog(model, 12, rng), model, 1.0, 1.0, {}, HillConstants{});
  }
  Eigen::VectorXd lengths(const Eigen::VectorXd& q) const {
    Data d(model);
    const Eigen::VectorXd v = Eigen::VectorXd::Zero(model.nv);
    forwardKinematics(model, d, q, v);
    MuscleGeometry g(model, set);
    updateMuscleGeometry(model, d, v, set, g);
    return g.length_m;
  }
};

TEST(MuscleSet, MomentArmsAreMinusTheLengthGradient) {
  for (std::uint64_t seed : {3u, 5u, 8u}) {
    Fixture f(seed);
    std::mt19937_64 rng(seed);
    Eigen::VectorXd q, v;
    test::randomState(f.model, rng, q, v);
    Data d(f.model);
    forwardKinematics(f.model, d, q, v);
    MuscleGeometry g(f.model, f.set);
    updateMuscleGeometry(f.model, d, v, f.set, g);
    const double h = 1e-6;
    Eigen::VectorXd qp(f.model.nq), qm(f.model.nq), dq = Eigen::VectorXd::Zero(f.model.nv);
    for (int j = 0; j < f.model.nv; ++j) {
      dq.setZero();
      dq[j] = 1.0;
      integrateConfiguration(f.model, q, dq, h, qp);
      integrateConfiguration(f.model, q, dq, -h, qm);
      const Eigen::VectorXd fd = -(f.lengths(qp) - f.lengths(qm)) / (2.0 * h);
      const Eigen::MatrixXd R = denseMomentArms(f.model, f.set, g);
      for (int i = 0; i < f.set.size(); ++i) EXPECT_NEAR(R(j, i), fd[i], 1e-7) << "dof " << j;
    }
  }
}

TEST(MuscleSet, LengtheningRateIsTheTimeDerivativeOfLength) {
  Fixture f(4);
  std::mt19937_64 rng(4);
  Eigen::VectorXd q, v;
  test::randomState(f.model, rng, q, v);
  Data d(f.model);
  forwardKinematics(f.model, d, q, v);
  MuscleGeometry g(f.model, f.set);
  updateMuscleGeometry(f.model, d, v, f.set, g);
  const double h = 1e-6;
  Eigen::VectorXd qp(f.model.nq), qm(f.model.nq);
  integrateConfiguration(f.model, q, v, h, qp);
  integrateConfiguration(f.model, q, v, -h, qm);
  const Eigen::VectorXd fd = (f.lengths(qp) - f.lengths(qm)) / (2.0 * h);
  EXPECT_LT((g.velocity_m_s - fd).lpNorm<Eigen::Infinity>(), 1e-7);
}

// Applying the tensions as body wrenches changes the inverse dynamics by exactly −R F (a free root too).
TEST(MuscleSet, BodyWrenchesAreEquivalentToMomentArmTimesForce) {
  for (JointType root : {JointType::Fixed, JointType::Free}) {
    Fixture f(6, root);
    std::mt19937_64 rng(6);
    Eigen::VectorXd q, v;
    test::randomState(f.model, rng, q, v);
    const Eigen::VectorXd qdd = test::randomVector(f.model.nv, rng);
    Data d(f.model);
    forwardKinematics(f.model, d, q, v);
    MuscleGeometry g(f.model, f.set);
    updateMuscleGeometry(f.model, d, v, f.set, g);
    const Eigen::VectorXd F = 100.0 * test::randomVector(f.set.size(), rng).cwiseAbs();
    rnea(f.model, d, q, v, qdd);
    const Eigen::VectorXd without = d.tau_id;
    forwardKinematics(f.model, d, q, v);
    addMuscleWrenches(d, f.set, g, F, d.f_ext);
    rnea(f.model, d, q, v, qdd);
    const Eigen::VectorXd by_wrench = without - d.tau_id;
    const Eigen::VectorXd by_arm = denseMomentArms(f.model, f.set, g) * F;
    EXPECT_LT(test::relativeError(by_wrench, by_arm), 1e-10);
  }
}

// A muscle from (d, 0, −L) on a fixed base to (d, 0, +L) on a link turning about y at the origin: by hand,
// l(q)² = (L sin q + d (cos q − 1))² + (L cos q − d sin q + L)², so dl/dq = −d at q = 0 and R = +d (the
// tension pulls the link's anterior point down, turning it about +y).
TEST(MuscleSet, HandCalculatedMomentArmOfAStraightMuscle) {
  const Model model = compileModel(test::baseAndLink(JointType::Revolute));
  const double dist = 0.05, L = 0.2;
  const MuscleCatalog c =
      test::unitCatalog({test::straightFascicle("m_r", "g", false, Vec3(dist, 0, 0), L, 100.0, 0.1)});
  const MuscleSet set = buildMuscleSet(c, model, 1.0, 1.0, {}, HillConstants{});
  Data d(model);
  forwardKinematics(model, d, model.q_neutral, Eigen::VectorXd::Zero(1));
  MuscleGeometry g(model, set);
  updateMuscleGeometry(model, d, Eigen::VectorXd::Zero(1), set, g);
  EXPECT_NEAR(g.length_m[0], 2.0 * L, 1e-12);
  EXPECT_NEAR(denseMomentArms(model, set, g)(0, 0), dist, 1e-12);
  // Rigid tendon: the slack length puts the fibres at their optimal length in the neutral posture.
  EXPECT_NEAR(set.muscles[0].tendon_slack_length_m, 2.0 * L - 0.1, 1e-12);
}

}  // namespace
}  // namespace spineload
