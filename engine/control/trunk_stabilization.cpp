#include "engine/control/trunk_stabilization.hpp"

#include <stdexcept>

#include "engine/dynamics/data.hpp"
#include "engine/dynamics/kinematics.hpp"

namespace spineload {
namespace {

// The mean of the pelvis's orientation over a stride: R(0) turned by the mean rotation vector relative to it
// (exact for the small angles of running, and free of any assumption about the motion's form).
Mat3 meanOrientation(const PrescribedMotion& motion, double stride_s) {
  constexpr int kSamples = 256;
  const Mat3 R0 = motion.at(0.0).R_WB;
  Vec3 mean = Vec3::Zero();
  for (int k = 0; k < kSamples; ++k)
    mean += quatLog(Quat(R0.transpose() * motion.at(stride_s * k / kSamples).R_WB)) / kSamples;
  return R0 * quatExp(mean).toRotationMatrix();
}

}  // namespace

TrunkStabilization::TrunkStabilization(const Model& model, const std::vector<int>& levels,
                                       double stride_period_s)
    : motion_(model.prescribed_motion.get()), stride_s_(stride_period_s) {
  if (!motion_) throw std::invalid_argument("trunk stabilization needs a prescribed pelvis motion");
  Data d(model);
  forwardKinematics(model, d, model.q_neutral, Eigen::VectorXd::Zero(model.nv));  // base at identity
  const Mat3 R_WP = d.X_world[0].E.transpose();
  for (int b : levels) {
    const Body& body = model.bodies[b];
    if (body.joint != JointType::Spherical)
      throw std::invalid_argument("trunk stabilization: " + body.name + " has no ball joint");
    levels_.push_back({body.q_index, body.v_index, R_WP.transpose() * d.X_world[b].E.transpose()});
  }
  R_mean_ = meanOrientation(*motion_, stride_s_);
}

void TrunkStabilization::apply(double t, Eigen::VectorXd& q_ref, Eigen::VectorXd& v_ref,
                               Eigen::VectorXd& a_ref) const {
  const BaseKinematics k = motion_->at(t);
  const double share = -1.0 / static_cast<double>(levels_.size());
  const Vec3 delta = quatLog(Quat(R_mean_.transpose() * k.R_WB));  // pelvis frame (first order)
  const Vec3 rate = k.R_WB.transpose() * k.w_WB_W;
  for (const Level& l : levels_) {
    quatToCoords(quatExp(share * (l.R_PJ.transpose() * delta)), q_ref.segment<4>(l.q_index));
    v_ref.segment<3>(l.v_index) = share * (l.R_PJ.transpose() * rate);
    a_ref.segment<3>(l.v_index).setZero();  // feedback only (see the header)
  }
}

void TrunkStabilization::appendParameters(std::vector<double>& out) const {
  out.push_back(stride_s_);
  out.push_back(static_cast<double>(levels_.size()));
}

}  // namespace spineload
