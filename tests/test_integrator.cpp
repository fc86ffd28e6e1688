// Integrators: energy conservation of a passive undamped chain, measured convergence orders, and the
// stability of the linearly implicit Euler step with stiff passive tissue.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/energy.hpp"
#include "engine/dynamics/integrator.hpp"
#include "engine/dynamics/joint_spring_damper.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

// A 6-link ball-joint chain on a fixed base with linear springs stiff enough to hold it up against
// gravity (k = 30 N·m/rad), no damping: it oscillates about the upright posture. Links 0.1 m long, 1 kg,
// radius 0.1 m (vertebra-and-rib-cage-like inertia); the fastest mode is about 110 rad/s, so steps of
// 1 ms or less are in the asymptotic range of every integrator here.
Model springChain(double k = 30.0, double c = 0.0) {
  Model model = compileModel(makeChain(6, JointType::Spherical, JointType::Fixed, 0.1, 1.0, 0.1));
  for (int i = 1; i < model.nbodies(); ++i)
    model.force_elements.push_back(std::make_shared<JointSpringDamper>(
        model, i, std::array<SpringDof, 3>{SpringDof{k, 0, c}, SpringDof{k, 0, c}, SpringDof{k, 0, c}},
        Eigen::Vector4d(1, 0, 0, 0)));
  return model;
}

void setInitialState(const Model& model, Data& d) {
  std::mt19937_64 rng(42);
  Eigen::VectorXd q, v;
  test::randomState(model, rng, q, v);
  // Initial deflection: 0.1 rad rotations about random axes, zero velocity (large enough to be nonlinear,
  // small enough that the chain does not tumble chaotically, which would hide the integrators' orders).
  for (const Body& b : model.bodies)
    if (b.joint == JointType::Spherical)
      quatToCoords(quatExp(0.1 * quatLog(quatFromCoords(q.segment<4>(b.q_index))).normalized()),
                   q.segment<4>(b.q_index));
  d.q = q;
  d.v.setZero();
  d.time_s = 0.0;
}

double totalEnergy(const Model& model, Data& d) {
  forwardKinematics(model, d, d.q, d.v);
  return kineticEnergy(model, d) + potentialEnergy(model, d, d.q);
}

// Largest |E(t) - E(0)| over a run of duration_s.
double maxEnergyError(const Model& model, Integrator integrator, double dt, double duration_s) {
  Data d(model);
  setInitialState(model, d);
  const double e0 = totalEnergy(model, d);
  double worst = 0.0;
  const int steps = static_cast<int>(std::lround(duration_s / dt));
  for (int s = 0; s < steps; ++s) {
    step(model, d, dt, integrator);
    worst = std::max(worst, std::abs(totalEnergy(model, d) - e0));
  }
  return worst;
}

TEST(Integrator, Rk4EnergyErrorIsSmallAndFourthOrder) {
  const Model model = springChain();
  Data d(model);
  setInitialState(model, d);
  forwardKinematics(model, d, d.q, d.v);
  const double e_kin_max = potentialEnergy(model, d, d.q) - potentialEnergy(model, d, model.q_neutral);
  const double e1 = maxEnergyError(model, Integrator::RK4, 1e-3, 10.0);
  const double e2 = maxEnergyError(model, Integrator::RK4, 5e-4, 10.0);
  // RK4 damps an oscillation of frequency ω by (ωh)⁶/72 of its energy per step, so over a fixed time the
  // energy error falls as h⁵ (at least h⁴ where the state error dominates).
  EXPECT_LT(e2 / std::abs(e_kin_max), 1e-4)
      << "RK4 energy error over 10 s at h = 0.5 ms, relative to the motion";
  const double order = std::log2(e1 / e2);
  EXPECT_GT(order, 3.5) << e1 << " " << e2;
  EXPECT_LT(order, 6.5) << e1 << " " << e2;
}

TEST(Integrator, SemiImplicitEulerEnergyErrorIsFirstOrder) {
  // Semi-implicit Euler in (q, v) is symplectic only for separable Hamiltonians; a chain's configuration-
  // dependent mass matrix makes its energy error O(h) over a fixed time, with some drift. Check the order.
  const Model model = springChain();
  const double e1 = maxEnergyError(model, Integrator::SemiImplicitEuler, 5e-4, 10.0);
  const double e2 = maxEnergyError(model, Integrator::SemiImplicitEuler, 2.5e-4, 10.0);
  const double e3 = maxEnergyError(model, Integrator::SemiImplicitEuler, 1.25e-4, 10.0);
  EXPECT_NEAR(std::log2(e2 / e3), 1.0, 0.3) << e1 << " " << e2;
}

// Global error at T = 1 s against a fine RK4 reference, for dt = T/N.
double globalError(const Model& model, Integrator integrator, int n_steps, const Data& reference) {
  Data d(model);
  setInitialState(model, d);
  const double dt = 1.0 / n_steps;
  for (int s = 0; s < n_steps; ++s) step(model, d, dt, integrator);
  Eigen::VectorXd e(2 * model.nv);
  e << configurationDifference(model, reference.q, d.q), d.v - reference.v;
  return e.norm();
}

void expectOrder(Integrator integrator, const std::vector<int>& steps, double expected) {
  const Model model = springChain(30.0, 0.05);
  Data ref(model);
  setInitialState(model, ref);
  for (int s = 0; s < 8000; ++s) step(model, ref, 1.0 / 8000, Integrator::RK4);
  std::vector<double> err;
  for (int n : steps) err.push_back(globalError(model, integrator, n, ref));
  for (std::size_t i = 1; i < err.size(); ++i) {
    const double slope = std::log2(err[i - 1] / err[i]);
    EXPECT_NEAR(slope, expected, 0.2 * expected)
        << integratorName(integrator) << " from " << steps[i - 1] << " to " << steps[i] << " steps";
  }
}

TEST(Integrator, Rk4ConvergesAtFourthOrder) {
  expectOrder(Integrator::RK4, {500, 1000, 2000}, 4.0);
}
TEST(Integrator, SemiImplicitEulerConvergesAtFirstOrder) {
  expectOrder(Integrator::SemiImplicitEuler, {1000, 2000, 4000, 8000}, 1.0);
}
TEST(Integrator, ImplicitEulerConvergesAtFirstOrder) {
  expectOrder(Integrator::ImplicitEuler, {16000, 32000, 64000}, 1.0);
}

TEST(Integrator, ImplicitEulerStaysStableWithStiffTissue) {
  // k = 2e4 N·m/rad on ~1e-3 kg·m² links: natural periods of ~1 ms, far below h = 5 ms. Explicit
  // semi-implicit Euler diverges; the linearly implicit step damps the stiff modes and stays bounded.
  const Model model = springChain(2.0e4, 1.0);
  Data explicit_d(model), implicit_d(model);
  setInitialState(model, explicit_d);
  setInitialState(model, implicit_d);
  for (int s = 0; s < 400; ++s) {
    step(model, explicit_d, 5e-3, Integrator::SemiImplicitEuler);
    step(model, implicit_d, 5e-3, Integrator::ImplicitEuler);
  }
  EXPECT_TRUE(!explicit_d.v.allFinite() || explicit_d.v.norm() > 1e3) << "explicit should blow up here";
  ASSERT_TRUE(implicit_d.v.allFinite());
  EXPECT_LT(implicit_d.v.norm(), 1e-3) << "implicit settles to rest";
}

TEST(Integrator, NamesRoundTrip) {
  for (Integrator i : {Integrator::SemiImplicitEuler, Integrator::RK4, Integrator::ImplicitEuler})
    EXPECT_EQ(parseIntegrator(integratorName(i)), i);
  EXPECT_FALSE(parseIntegrator("euler").has_value());
}

}  // namespace
}  // namespace spineload
