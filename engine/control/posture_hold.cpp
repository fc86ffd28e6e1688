#include "engine/control/posture_hold.hpp"

#include <cmath>

#include "engine/core/rotation.hpp"
#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/rnea.hpp"

namespace spineload {

PostureHold::PostureHold(const Model& model, double bandwidth_hz, double damping_ratio)
    : scratch_(model),
      q_ref_(model.q_neutral),
      qdd_des_(Eigen::VectorXd::Zero(model.nv)),
      omega_rad_s_(2.0 * M_PI * bandwidth_hz),
      damping_ratio_(damping_ratio) {}

void PostureHold::update(const Model& model, Data& d) {
  const double w2 = omega_rad_s_ * omega_rad_s_, c = 2.0 * damping_ratio_ * omega_rad_s_;
  for (const Body& b : model.bodies) {  // q̈_des = -ω² (q ⊖ q_ref) - 2ζω v, joint by joint
    const int iq = b.q_index, iv = b.v_index;
    switch (b.joint) {
      case JointType::Revolute:
      case JointType::Prismatic:
        qdd_des_[iv] = -w2 * (d.q[iq] - q_ref_[iq]) - c * d.v[iv];
        break;
      case JointType::Spherical:
        qdd_des_.segment<3>(iv) = -w2 * quatLog(quatFromCoords(q_ref_.segment<4>(iq)).conjugate() *
                                                quatFromCoords(d.q.segment<4>(iq))) -
                                  c * d.v.segment<3>(iv);
        break;
      default:
        break;
    }
  }
  scratch_.base = d.base;
  for (int i = 0; i < model.nbodies(); ++i) scratch_.f_ext[i] = d.f_ext[i];
  rnea(model, scratch_, d.q, d.v, qdd_des_);
  computePassiveForces(model, scratch_, d.q, d.v, false);
  d.tau = scratch_.tau_id - scratch_.tau_passive;
}

}  // namespace spineload
