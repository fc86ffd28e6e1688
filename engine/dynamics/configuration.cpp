#include "engine/dynamics/configuration.hpp"

#include "engine/core/rotation.hpp"

namespace spineload {

void integrateConfiguration(const Model& model, const Eigen::VectorXd& q, const Eigen::VectorXd& v, double dt,
                            Eigen::VectorXd& q_out) {
  for (const Body& b : model.bodies) {
    const int iq = b.q_index, iv = b.v_index;
    switch (b.joint) {
      case JointType::Revolute:
      case JointType::Prismatic:
        q_out[iq] = q[iq] + dt * v[iv];
        break;
      case JointType::Spherical: {
        const Quat r = quatFromCoords(q.segment<4>(iq)) * quatExp(dt * v.segment<3>(iv));
        quatToCoords(r.normalized(), q_out.segment<4>(iq));
        break;
      }
      case JointType::Free: {
        const Quat r0 = quatFromCoords(q.segment<4>(iq + 3));
        q_out.segment<3>(iq) = q.segment<3>(iq) + dt * (r0.normalized() * Vec3(v.segment<3>(iv + 3)));
        quatToCoords((r0 * quatExp(dt * v.segment<3>(iv))).normalized(), q_out.segment<4>(iq + 3));
        break;
      }
      default:
        break;
    }
  }
}

void configurationDerivative(const Model& model, const Eigen::VectorXd& q, const Eigen::VectorXd& v,
                             Eigen::VectorXd& qdot) {
  const auto quatRate = [](const Quat& r, const Vec3& w) {
    Quat d = r * Quat(0.0, w.x(), w.y(), w.z());
    return Eigen::Vector4d(0.5 * d.w(), 0.5 * d.x(), 0.5 * d.y(), 0.5 * d.z());
  };
  for (const Body& b : model.bodies) {
    const int iq = b.q_index, iv = b.v_index;
    switch (b.joint) {
      case JointType::Revolute:
      case JointType::Prismatic:
        qdot[iq] = v[iv];
        break;
      case JointType::Spherical:
        qdot.segment<4>(iq) = quatRate(quatFromCoords(q.segment<4>(iq)), v.segment<3>(iv));
        break;
      case JointType::Free: {
        const Quat r = quatFromCoords(q.segment<4>(iq + 3));
        qdot.segment<3>(iq) = r.normalized() * Vec3(v.segment<3>(iv + 3));
        qdot.segment<4>(iq + 3) = quatRate(r, v.segment<3>(iv));
        break;
      }
      default:
        break;
    }
  }
}

void normalizeQuaternions(const Model& model, Eigen::VectorXd& q) {
  for (const Body& b : model.bodies) {
    if (b.joint == JointType::Spherical) q.segment<4>(b.q_index).normalize();
    if (b.joint == JointType::Free) q.segment<4>(b.q_index + 3).normalize();
  }
}

Eigen::VectorXd configurationDifference(const Model& model, const Eigen::VectorXd& q0,
                                        const Eigen::VectorXd& q1) {
  Eigen::VectorXd d(model.nv);
  configurationDifference(model, q0, q1, d);
  return d;
}

void configurationDifference(const Model& model, const Eigen::VectorXd& q0, const Eigen::VectorXd& q1,
                             Eigen::VectorXd& d) {
  d.setZero();
  for (const Body& b : model.bodies) {
    const int iq = b.q_index, iv = b.v_index;
    switch (b.joint) {
      case JointType::Revolute:
      case JointType::Prismatic:
        d[iv] = q1[iq] - q0[iq];
        break;
      case JointType::Spherical:
        d.segment<3>(iv) =
            quatLog(quatFromCoords(q0.segment<4>(iq)).conjugate() * quatFromCoords(q1.segment<4>(iq)));
        break;
      case JointType::Free: {
        const Quat r0 = quatFromCoords(q0.segment<4>(iq + 3));
        d.segment<3>(iv) = quatLog(r0.conjugate() * quatFromCoords(q1.segment<4>(iq + 3)));
        d.segment<3>(iv + 3) = r0.conjugate() * Vec3(q1.segment<3>(iq) - q0.segment<3>(iq));
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace spineload
