#include "engine/dynamics/aba.hpp"

#include "engine/dynamics/kinematics.hpp"

namespace spineload {
namespace {

// Pass 2 for one body with an N-DOF joint: U = IA S, D = S^T U, u = τ - S^T pA, then hand the articulated
// inertia and bias of this subtree, with the joint's freedom removed, to the parent.
template <int N>
void backwardStep(const Model& model, Data& d, int i, const Eigen::VectorXd& tau) {
  using Mat6N = Eigen::Matrix<double, 6, N>;
  using MatNN = Eigen::Matrix<double, N, N>;
  using VecN = Eigen::Matrix<double, N, 1>;
  const Body& b = model.bodies[i];
  const Mat6N S = b.S.leftCols<N>();
  const Mat6N U = d.IA[i] * S;
  MatNN D = S.transpose() * U;
  D.diagonal() += d.implicit_diag.segment<N>(b.v_index);
  MatNN Dinv;
  if constexpr (N <= 4) {
    Dinv = D.inverse();  // closed-form cofactor inverse for fixed sizes up to 4
  } else {
    Dinv = D.llt().solve(MatNN::Identity());
  }
  const VecN u = tau.segment<N>(b.v_index) - S.transpose() * d.pA[i];
  d.U[i].leftCols<N>() = U;
  d.Dinv[i].topLeftCorner<N, N>() = Dinv;
  d.u[i].head<N>() = u;
  if (b.parent < 0) return;
  const Mat6N UDinv = U * Dinv;
  Mat6 Ia = d.IA[i] - UDinv * U.transpose();
  // Round-off leaves Ia slightly unsymmetric; transformInertiaToParent reads the upper blocks only, and
  // down a long chain the discrepancy would be amplified, so restore exact symmetry here.
  Ia = 0.5 * (Ia + Ia.transpose()).eval();
  const Vec6 pa = d.pA[i] + Ia * d.c_bias[i] + UDinv * u;
  d.IA[b.parent] += transformInertiaToParent(d.X_parent[i], Ia);
  d.pA[b.parent] += d.X_parent[i].applyTransposeForce(pa);
}

// Pass 2 for a ball joint (S = [1; 0]), written on 3x3 blocks of IA = [A B; Bᵀ C]. With D = A + Λ (Λ the
// implicit-integrator diagonal), IA - U D⁻¹ Uᵀ = [A D⁻¹ Λ, Λ D⁻¹ B; ·, C - Bᵀ D⁻¹ B]: the identities
// A - A D⁻¹ A = A D⁻¹ Λ and B - A D⁻¹ B = Λ D⁻¹ B make the rotational rows exactly zero when Λ = 0, as they
// are in exact arithmetic (a ball joint transmits no moment). Computing them as differences instead
// leaves round-off that grows about tenfold every three bodies down a chain of ball joints.
void backwardStepBall(const Model& model, Data& d, int i, const Eigen::VectorXd& tau) {
  const Body& b = model.bodies[i];
  const Mat6& IA = d.IA[i];
  const Mat3 A = IA.topLeftCorner<3, 3>(), B = IA.topRightCorner<3, 3>(), C = IA.bottomRightCorner<3, 3>();
  const Vec3 lambda = d.implicit_diag.segment<3>(b.v_index);
  Mat3 D = A;
  D.diagonal() += lambda;
  const Mat3 Dinv = D.inverse();
  const Vec3 u = tau.segment<3>(b.v_index) - d.pA[i].head<3>();
  d.U[i].leftCols<3>() << A, B.transpose();
  d.Dinv[i].topLeftCorner<3, 3>() = Dinv;
  d.u[i].head<3>() = u;
  if (b.parent < 0) return;
  const Mat3 DinvB = Dinv * B;
  Mat6 Ia;
  const Mat3 top_left = A * Dinv * lambda.asDiagonal();
  Ia.topLeftCorner<3, 3>() = 0.5 * (top_left + top_left.transpose());
  Ia.topRightCorner<3, 3>() = lambda.asDiagonal() * DinvB;
  Ia.bottomLeftCorner<3, 3>() = Ia.topRightCorner<3, 3>().transpose();
  const Mat3 bottom_right = C - B.transpose() * DinvB;
  Ia.bottomRightCorner<3, 3>() = 0.5 * (bottom_right + bottom_right.transpose());
  const Vec3 Dinv_u = Dinv * u;
  Vec6 pa = d.pA[i] + Ia * d.c_bias[i];
  pa.head<3>() += A * Dinv_u;
  pa.tail<3>() += B.transpose() * Dinv_u;
  d.IA[b.parent] += transformInertiaToParent(d.X_parent[i], Ia);
  d.pA[b.parent] += d.X_parent[i].applyTransposeForce(pa);
}

void backwardStepRigid(const Model& model, Data& d, int i) {
  const Body& b = model.bodies[i];
  if (b.parent < 0) return;
  d.IA[b.parent] += transformInertiaToParent(d.X_parent[i], d.IA[i]);
  d.pA[b.parent] += d.X_parent[i].applyTransposeForce(d.pA[i] + d.IA[i] * d.c_bias[i]);
}

template <int N>
void forwardStep(const Model& model, Data& d, int i) {
  const Body& b = model.bodies[i];
  const Vec6 a_prime = rootOrParentAcceleration(model, d, i) + d.c_bias[i];
  const auto qdd =
      (d.Dinv[i].topLeftCorner<N, N>() * (d.u[i].head<N>() - d.U[i].leftCols<N>().transpose() * a_prime))
          .eval();
  d.qdd.segment<N>(b.v_index) = qdd;
  d.a_body[i] = a_prime + b.S.leftCols<N>() * qdd;
}

}  // namespace

void aba(const Model& model, Data& d, const Eigen::VectorXd& q, const Eigen::VectorXd& v,
         const Eigen::VectorXd& tau) {
  forwardKinematics(model, d, q, v);
  const int nb = model.nbodies();
  for (int i = 0; i < nb; ++i) {
    const RigidInertia& I = model.bodies[i].inertia;
    d.IA[i] = I.matrix();
    d.pA[i] = crossForce(d.v_body[i], I * d.v_body[i]) - d.f_ext[i];
  }
  for (int i = nb - 1; i >= 0; --i) {
    switch (model.bodies[i].nv) {
      case 1:
        backwardStep<1>(model, d, i, tau);
        break;
      case 3:
        backwardStepBall(model, d, i, tau);
        break;
      case 6:
        backwardStep<6>(model, d, i, tau);
        break;
      default:
        backwardStepRigid(model, d, i);
        break;
    }
  }
  for (int i = 0; i < nb; ++i) {
    switch (model.bodies[i].nv) {
      case 1:
        forwardStep<1>(model, d, i);
        break;
      case 3:
        forwardStep<3>(model, d, i);
        break;
      case 6:
        forwardStep<6>(model, d, i);
        break;
      default:
        d.a_body[i] = rootOrParentAcceleration(model, d, i) +
                      (model.bodies[i].joint == JointType::Prescribed ? Vec6::Zero() : d.c_bias[i]);
        break;
    }
  }
}

void computePassiveForces(const Model& model, Data& d, const Eigen::VectorXd& q, const Eigen::VectorXd& v,
                          bool with_jacobians) {
  d.tau_passive.setZero();
  if (with_jacobians) {
    d.stiffness_diag.setZero();
    d.damping_diag.setZero();
  }
  for (const auto& element : model.force_elements)
    element->addGeneralizedForces(model, q, v, d.tau_passive, with_jacobians ? &d.stiffness_diag : nullptr,
                                  with_jacobians ? &d.damping_diag : nullptr);
}

void forwardDynamics(const Model& model, Data& d, double time_s, const Eigen::VectorXd& q,
                     const Eigen::VectorXd& v) {
  updatePrescribedBase(model, d, time_s);
  computePassiveForces(model, d, q, v, false);
  d.tau_total = d.tau + d.tau_passive;
  aba(model, d, q, v, d.tau_total);
}

}  // namespace spineload
