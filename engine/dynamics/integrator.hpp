// Fixed-step integrators for the state (q, v) of a tree.
//
// | name                 | order | use                                                              |
// |----------------------|-------|------------------------------------------------------------------|
// | semi_implicit_euler  | 1     | v ← v + h q̈(q, v); q ← q ⊕ h v (symplectic, cheap)               |
// | rk4                  | 4     | classical Runge-Kutta on (q ∈ R^nq, v); quaternions renormalized  |
// | implicit_euler       | 1     | linearly implicit Euler: the force elements' diagonal stiffness K |
// |                      |       | and damping D are taken at the end of the step, so stiff passive  |
// |                      |       | tissue does not limit h                                           |
//
// Linearly implicit Euler: (M + hD + h²K) Δv = h (τ - C - h K v), q ← q ⊕ h (v + Δv). With K and D
// diagonal in joint space, M + hD + h²K is M with a diagonal added, which ABA handles in O(n) by adding
// it to each joint's D = Sᵀ IA S (as MuJoCo adds armature); no mass matrix is formed.
// Applied forces data.tau and data.f_ext are held constant over a step (zero-order hold).
#pragma once

#include <optional>
#include <string_view>

#include "engine/dynamics/data.hpp"

namespace spineload {

enum class Integrator { SemiImplicitEuler, RK4, ImplicitEuler };

std::string_view integratorName(Integrator integrator);
std::optional<Integrator> parseIntegrator(std::string_view name);

/// Advances data.q, data.v and data.time_s by dt_s. Afterwards data's derived quantities (qdd, a_body,
/// kinematics) belong to an intermediate stage, not to the new state (for implicit_euler qdd is Δv/h and
/// a_body includes the added implicit inertia): call forwardDynamics() before reading loads.
void step(const Model& model, Data& data, double dt_s, Integrator integrator);

}  // namespace spineload
