#include "engine/dynamics/joint_spring_damper.hpp"

#include <cmath>
#include <stdexcept>

#include "engine/core/rotation.hpp"
#include "engine/dynamics/model.hpp"

namespace spineload {

JointSpringDamper::JointSpringDamper(const Model& model, int body, const std::array<SpringDof, 3>& dofs,
                                     const Eigen::Vector4d& neutral)
    : dofs_(dofs), neutral_(neutral) {
  if (body < 0 || body >= model.nbodies()) throw std::invalid_argument("JointSpringDamper: no such body");
  const Body& b = model.bodies[body];
  type_ = b.joint;
  if (type_ != JointType::Revolute && type_ != JointType::Prismatic && type_ != JointType::Spherical)
    throw std::invalid_argument("JointSpringDamper on '" + b.name + "': joint type " +
                                std::string(jointTypeName(type_)) + " is not supported");
  for (SpringDof& d : dofs_) {
    if (std::isnan(d.k3_negative)) d.k3_negative = d.k3;
    if (!(d.k1 >= 0.0 && d.k3 >= 0.0 && d.k3_negative >= 0.0 && d.damping >= 0.0))
      throw std::invalid_argument("JointSpringDamper on '" + b.name + "': coefficients must be >= 0");
  }
  if (type_ == JointType::Spherical) neutral_.normalize();
  name_ = "spring_damper_" + b.name;
  q_index_ = b.q_index;
  v_index_ = b.v_index;
  nv_ = b.nv;
}

Vec3 JointSpringDamper::deflection(const Eigen::VectorXd& q) const {
  if (type_ == JointType::Spherical) {
    const Quat q0(neutral_[0], neutral_[1], neutral_[2], neutral_[3]);
    return quatLog(q0.conjugate() * quatFromCoords(q.segment<4>(q_index_)).normalized());
  }
  return Vec3(q[q_index_] - neutral_[0], 0.0, 0.0);
}

void JointSpringDamper::addGeneralizedForces(const Model&, const Eigen::VectorXd& q, const Eigen::VectorXd& v,
                                             Eigen::VectorXd& tau, Eigen::VectorXd* stiffness_diag,
                                             Eigen::VectorXd* damping_diag) const {
  const Vec3 delta = deflection(q);
  Vec3 grad = Vec3::Zero();
  for (int k = 0; k < nv_; ++k) {
    const SpringDof& d = dofs_[k];
    const double x = delta[k];
    const double k3 = x < 0.0 ? d.k3_negative : d.k3;
    grad[k] = d.k1 * x + k3 * x * x * x;
    if (stiffness_diag) (*stiffness_diag)[v_index_ + k] += d.k1 + 3.0 * k3 * x * x;
    if (damping_diag) (*damping_diag)[v_index_ + k] += d.damping;
    tau[v_index_ + k] -= d.damping * v[v_index_ + k];
  }
  if (type_ == JointType::Spherical) {
    tau.segment<3>(v_index_) -= rightJacobianInverse(delta).transpose() * grad;
  } else {
    tau[v_index_] -= grad[0];
  }
}

double JointSpringDamper::potentialEnergy(const Model&, const Eigen::VectorXd& q) const {
  const Vec3 delta = deflection(q);
  double e = 0.0;
  for (int k = 0; k < nv_; ++k) {
    const double x2 = delta[k] * delta[k];
    const double k3 = delta[k] < 0.0 ? dofs_[k].k3_negative : dofs_[k].k3;
    e += 0.5 * dofs_[k].k1 * x2 + 0.25 * k3 * x2 * x2;
  }
  return e;
}

void JointSpringDamper::appendParameters(std::vector<double>& out) const {
  out.push_back(static_cast<double>(v_index_));
  for (const SpringDof& d : dofs_) out.insert(out.end(), {d.k1, d.k3, d.k3_negative, d.damping});
  out.insert(out.end(), neutral_.data(), neutral_.data() + 4);
}

}  // namespace spineload
