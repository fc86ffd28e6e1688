// The placeholder trunk: masses from de Leva 1996 fractions, all 18 levels, and a static column whose
// every level carries the weight above it (hand calculation from the data table).
#include <gtest/gtest.h>

#include "engine/anatomy/placeholder_chain.hpp"
#include <Eigen/Eigenvalues>

#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/rnea.hpp"
#include "engine/metrics/level_loads.hpp"

namespace spineload {
namespace {

constexpr double kG = 9.81;

SubjectParams subject(double mass = 73.0, double height = 1.741) {
  return {mass, height};
}

TrunkModel staticChain(const SubjectParams& s) {
  return buildPlaceholderChain(s,
                               std::make_shared<VerticalSinusoid>(Mat3::Identity(), Vec3::Zero(), 0.0, 1.0));
}

TEST(PlaceholderChain, MassesFollowDeLeva) {
  const TrunkModel t = staticChain(subject());
  const Model& m = *t.model;
  EXPECT_EQ(m.nbodies(), 20);
  // pelvis..head fractions: LPT 0.1117 + MPT 0.1633 + UPT 0.1596 + head 0.0635 + neck 0.0059
  EXPECT_NEAR(m.totalMass(), 73.0 * (0.1117 + 0.1633 + 0.1596 + 0.0635 + 0.0059), 1e-9);
  EXPECT_NEAR(m.bodies[m.findBody("T5")].inertia.mass_kg, 73.0 * 0.1596 / 9, 1e-12);
  // mass scales with body mass, lengths with height
  const TrunkModel big = staticChain(subject(90.0, 1.90));
  EXPECT_NEAR(big.model->totalMass() / m.totalMass(), 90.0 / 73.0, 1e-12);
  const int head = m.findBody("head");
  EXPECT_NEAR(big.model->bodies[head].X_tree.r.z() / m.bodies[head].X_tree.r.z(), 1.90 / 1.741, 1e-12);
}

TEST(PlaceholderChain, HasEveryPublicLevel) {
  const TrunkModel t = staticChain(subject());
  for (const char* name :
       {"C7_T1", "T1_T2", "T2_T3", "T3_T4", "T4_T5", "T5_T6", "T6_T7", "T7_T8", "T8_T9", "T9_T10", "T10_T11",
        "T11_T12", "T12_L1", "L1_L2", "L2_L3", "L3_L4", "L4_L5", "L5_S1"})
    EXPECT_NE(t.findLevel(name), nullptr) << name;
  EXPECT_EQ(t.model->bodies[t.findLevel("L5_S1")->body].name, "L5");
  EXPECT_EQ(t.model->bodies[t.findLevel("C7_T1")->body].name, "neck");
}

TEST(PlaceholderChain, StaticColumnCarriesTheWeightAbove) {
  const TrunkModel t = staticChain(subject());
  const Model& m = *t.model;
  Data d(m);
  forwardDynamics(m, d, 0.0, d.q, d.v);
  EXPECT_LT(d.qdd.norm(), 1e-10) << "the upright column is in equilibrium";
  jointReactions(m, d);
  for (const SpineLevel& level : t.levels) {
    double above = 0.0;
    for (int i = level.body; i < m.nbodies(); ++i) above += m.bodies[i].inertia.mass_kg;
    const LevelLoad l = levelLoad(m, d, d.q, level.body);
    EXPECT_NEAR(l.compression_n, above * kG, 1e-9) << level.name;
    EXPECT_NEAR(l.shear_ap_n, 0.0, 1e-9);
    EXPECT_NEAR(l.moment_fe_nm, 0.0, 1e-9);
  }
  // L5-S1 carries everything but the pelvis: about 0.43 of body weight with these fractions.
  const double l5s1 = levelLoad(m, d, d.q, t.findLevel("L5_S1")->body).compression_n;
  EXPECT_NEAR(l5s1 / (73.0 * kG), 0.1117 * 2 / 3 + 0.1633 + 0.1596 + 0.0694, 1e-9);
}

TEST(PlaceholderChain, UprightColumnIsPassivelyUnstable) {
  // Without muscles the springs cannot hold the column up against gravity (as a ligamentous spine
  // buckles under a small fraction of body weight): the static stiffness -∂(τ_passive + τ_gravity)/∂q at
  // the upright pose has negative eigenvalues. docs/model.md states this; this test keeps it true.
  const TrunkModel t = staticChain(subject());
  const Model& m = *t.model;
  Data d(m);
  const Eigen::VectorXd v = Eigen::VectorXd::Zero(m.nv), qdd = v;
  const auto generalizedForce = [&](const Eigen::VectorXd& q) {
    // τ that must be applied to hold q static, minus what the springs give: its gradient is -K_total.
    rnea(m, d, q, v, qdd);
    computePassiveForces(m, d, q, v, false);
    return Eigen::VectorXd(-(d.tau_id - d.tau_passive));
  };
  Eigen::MatrixXd K(m.nv, m.nv);
  const double h = 1e-6;
  for (int k = 0; k < m.nv; ++k) {
    Eigen::VectorXd qp(m.nq), qm(m.nq);
    integrateConfiguration(m, d.q, Eigen::VectorXd::Unit(m.nv, k), h, qp);
    integrateConfiguration(m, d.q, Eigen::VectorXd::Unit(m.nv, k), -h, qm);
    K.col(k) = -(generalizedForce(qp) - generalizedForce(qm)) / (2 * h);
  }
  const Eigen::VectorXd eig = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(0.5 * (K + K.transpose())).eigenvalues();
  EXPECT_LT(eig.minCoeff(), -100.0) << "smallest static stiffness [N m/rad]";
}

}  // namespace
}  // namespace spineload
