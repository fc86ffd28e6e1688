#include <gtest/gtest.h>

#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/joint_spring_damper.hpp"
#include "engine/dynamics/model.hpp"
#include "engine/dynamics/tree_builders.hpp"

namespace spineload {
namespace {

const std::array<SpringDof, 3> kDofs = {SpringDof{20.0, 300.0, 0.0}, SpringDof{35.0, 0.0, 0.0},
                                        SpringDof{10.0, 50.0, 0.0}};

TEST(JointSpringDamper, SphericalTorqueIsMinusEnergyGradient) {
  // Conservative: τ·ω = -dV/dt for any rotation rate ω, so τ_k = -(V(q ⊕ h e_k) - V(q ⊖ h e_k)) / 2h.
  const Model model = compileModel(makeChain(2, JointType::Spherical));
  const Eigen::Vector4d neutral = Eigen::Vector4d(0.9, 0.1, -0.2, 0.3).normalized();
  const JointSpringDamper spring(model, 1, kDofs, neutral);
  Eigen::VectorXd q = model.q_neutral;
  q.segment<4>(0) = Eigen::Vector4d(0.7, 0.4, -0.5, 0.2).normalized();
  Eigen::VectorXd tau = Eigen::VectorXd::Zero(model.nv), v = Eigen::VectorXd::Zero(model.nv);
  spring.addGeneralizedForces(model, q, v, tau, nullptr, nullptr);
  const double h = 1e-6;
  for (int k = 0; k < 3; ++k) {
    Eigen::VectorXd qp(model.nq), qm(model.nq);
    integrateConfiguration(model, q, Eigen::VectorXd::Unit(model.nv, k), h, qp);
    integrateConfiguration(model, q, Eigen::VectorXd::Unit(model.nv, k), -h, qm);
    const double dV = (spring.potentialEnergy(model, qp) - spring.potentialEnergy(model, qm)) / (2 * h);
    EXPECT_NEAR(tau[k], -dV, 1e-6 * (1.0 + std::abs(dV))) << k;
  }
}

TEST(JointSpringDamper, SphericalStiffnessDiagonalMatchesFiniteDifferences) {
  // At a small deflection the reported stiffness diagonal is -∂τ_k/∂θ_k (exact at θ = 0).
  const Model model = compileModel(makeChain(2, JointType::Spherical));
  const JointSpringDamper spring(model, 1, kDofs, Eigen::Vector4d(1, 0, 0, 0));
  Eigen::VectorXd q = model.q_neutral, v = Eigen::VectorXd::Zero(3);
  quatToCoords(quatExp(Vec3(0.02, -0.01, 0.015)), q.segment<4>(0));
  Eigen::VectorXd tau = Eigen::VectorXd::Zero(3), K = Eigen::VectorXd::Zero(3);
  spring.addGeneralizedForces(model, q, v, tau, &K, nullptr);
  const double h = 1e-7;
  for (int k = 0; k < 3; ++k) {
    Eigen::VectorXd qp(model.nq), qm(model.nq), tp = Eigen::VectorXd::Zero(3), tm = tp;
    integrateConfiguration(model, q, Eigen::VectorXd::Unit(3, k), h, qp);
    integrateConfiguration(model, q, Eigen::VectorXd::Unit(3, k), -h, qm);
    spring.addGeneralizedForces(model, qp, v, tp, nullptr, nullptr);
    spring.addGeneralizedForces(model, qm, v, tm, nullptr, nullptr);
    EXPECT_NEAR(K[k], -(tp[k] - tm[k]) / (2 * h), 0.01 * K[k]) << k;
  }
}

TEST(JointSpringDamper, RevoluteCubicCurveAndDamping) {
  const Model model = compileModel(makeChain(2, JointType::Revolute));
  const JointSpringDamper spring(model, 1, {SpringDof{20.0, 300.0, 1.5}, {}, {}},
                                 Eigen::Vector4d(0.1, 0, 0, 0));
  ASSERT_EQ(model.nv, 1) << "the root is welded; body 1 has the only hinge";
  Eigen::VectorXd q(1), v(1), tau = Eigen::VectorXd::Zero(1), K = Eigen::VectorXd::Zero(1), D = K;
  q << 0.3;
  v << -2.0;
  spring.addGeneralizedForces(model, q, v, tau, &K, &D);
  const double x = 0.2;
  EXPECT_NEAR(tau[0], -(20.0 * x + 300.0 * x * x * x) + 1.5 * 2.0, 1e-12);
  EXPECT_NEAR(K[0], 20.0 + 900.0 * x * x, 1e-12);
  EXPECT_NEAR(D[0], 1.5, 1e-15);
  EXPECT_NEAR(spring.potentialEnergy(model, q), 0.5 * 20 * x * x + 0.25 * 300 * x * x * x * x, 1e-12);
}

TEST(JointSpringDamper, RejectsUnsupportedJointsAndNegativeCoefficients) {
  const Model model = compileModel(makeChain(2, JointType::Spherical, JointType::Free));
  EXPECT_THROW(JointSpringDamper(model, 0, kDofs, Eigen::Vector4d(1, 0, 0, 0)), std::invalid_argument);
  EXPECT_THROW(JointSpringDamper(model, 1, {SpringDof{-1.0, 0, 0}, {}, {}}, Eigen::Vector4d(1, 0, 0, 0)),
               std::invalid_argument);
}

}  // namespace
}  // namespace spineload
