#include "engine/dynamics/integrator.hpp"

#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/kinematics.hpp"

namespace spineload {
namespace {

void stepSemiImplicitEuler(const Model& model, Data& d, double h, StageForces* stage) {
  if (stage) stage->apply(model, d, d.time_s, d.q, d.v);
  forwardDynamics(model, d, d.time_s, d.q, d.v);
  d.v += h * d.qdd;
  integrateConfiguration(model, d.q, d.v, h, d.q);
}

void stepRK4(const Model& model, Data& d, double h, StageForces* stage) {
  // Stage k: rk_q[k] = q̇(q_k, v_k), rk_v[k] = q̈(t_k, q_k, v_k) with (q_k, v_k) = (q0, v0) + c_k h (stage
  // k-1).
  static constexpr double c[4] = {0.0, 0.5, 0.5, 1.0};
  d.q0 = d.q;
  d.v0 = d.v;
  for (int k = 0; k < 4; ++k) {
    if (k > 0) {
      d.q = d.q0 + c[k] * h * d.rk_q[k - 1];
      d.v = d.v0 + c[k] * h * d.rk_v[k - 1];
    }
    if (stage) stage->apply(model, d, d.time_s + c[k] * h, d.q, d.v);
    forwardDynamics(model, d, d.time_s + c[k] * h, d.q, d.v);
    configurationDerivative(model, d.q, d.v, d.rk_q[k]);
    d.rk_v[k] = d.qdd;
  }
  d.q = d.q0 + (h / 6.0) * (d.rk_q[0] + 2.0 * d.rk_q[1] + 2.0 * d.rk_q[2] + d.rk_q[3]);
  d.v = d.v0 + (h / 6.0) * (d.rk_v[0] + 2.0 * d.rk_v[1] + 2.0 * d.rk_v[2] + d.rk_v[3]);
  normalizeQuaternions(model, d.q);
  d.qdd = d.rk_v[0];
}

void stepImplicitEuler(const Model& model, Data& d, double h, StageForces* stage) {
  if (stage) stage->apply(model, d, d.time_s, d.q, d.v);
  updatePrescribedBase(model, d, d.time_s);  // the base is an explicit forcing
  computePassiveForces(model, d, d.q, d.v, true);
  if (stage) stage->addDampingDiagonal(d.damping_diag);
  d.implicit_diag = h * d.damping_diag + (h * h) * d.stiffness_diag;
  d.tau_total = d.tau + d.tau_passive - h * d.stiffness_diag.cwiseProduct(d.v);
  aba(model, d, d.q, d.v, d.tau_total);  // d.qdd = Δv / h
  d.implicit_diag.setZero();
  d.v += h * d.qdd;
  integrateConfiguration(model, d.q, d.v, h, d.q);
}

}  // namespace

std::string_view integratorName(Integrator integrator) {
  switch (integrator) {
    case Integrator::SemiImplicitEuler:
      return "semi_implicit_euler";
    case Integrator::RK4:
      return "rk4";
    case Integrator::ImplicitEuler:
      return "implicit_euler";
  }
  return "unknown";
}

std::optional<Integrator> parseIntegrator(std::string_view name) {
  for (Integrator i : {Integrator::SemiImplicitEuler, Integrator::RK4, Integrator::ImplicitEuler})
    if (integratorName(i) == name) return i;
  return std::nullopt;
}

void step(const Model& model, Data& d, double dt_s, Integrator integrator, StageForces* stage) {
  switch (integrator) {
    case Integrator::SemiImplicitEuler:
      stepSemiImplicitEuler(model, d, dt_s, stage);
      break;
    case Integrator::RK4:
      stepRK4(model, d, dt_s, stage);
      break;
    case Integrator::ImplicitEuler:
      stepImplicitEuler(model, d, dt_s, stage);
      break;
  }
  d.time_s += dt_s;
}

}  // namespace spineload
