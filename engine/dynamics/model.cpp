#include "engine/dynamics/model.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <stdexcept>

namespace spineload {
namespace {

[[noreturn]] void fail(const BodySpec& b, int i, const std::string& what) {
  throw std::invalid_argument("body " + std::to_string(i) + " '" + b.name + "': " + what);
}

void validate(const BodySpec& b, int i) {
  if (b.parent < -1 || b.parent >= i) fail(b, i, "parent must be -1 (world) or an earlier body");
  if (!(b.mass_kg > 0.0) || !std::isfinite(b.mass_kg)) fail(b, i, "mass_kg must be finite and > 0");
  if (!b.com_B.allFinite()) fail(b, i, "com_B must be finite");
  const Mat3& I = b.inertia_com_B;
  if (!I.allFinite() || (I - I.transpose()).norm() > 1e-12 * (1.0 + I.norm()))
    fail(b, i, "inertia_com_B must be finite and symmetric");
  const Vec3 eig = Eigen::SelfAdjointEigenSolver<Mat3>(I).eigenvalues();
  if (eig.minCoeff() <= 0.0) fail(b, i, "inertia_com_B must be positive definite");
  // Principal moments obey the triangle inequality for any real mass distribution.
  if (eig[0] + eig[1] < eig[2] * (1.0 - 1e-9)) fail(b, i, "inertia_com_B violates the triangle inequality");
  if ((b.joint == JointType::Revolute || b.joint == JointType::Prismatic) &&
      std::abs(b.axis.norm() - 1.0) > 1e-9)
    fail(b, i, "axis must be a unit vector");
  if (std::abs(b.R_PJ.norm() - 1.0) > 1e-9) fail(b, i, "R_PJ must be a unit quaternion");
  if ((b.joint == JointType::Prescribed || b.joint == JointType::Free) && b.parent != -1)
    fail(b, i, "free and prescribed joints are supported on root bodies only");
  // A free or prescribed root's coordinates are its pose in the world: a joint placement would be ignored.
  if ((b.joint == JointType::Prescribed || b.joint == JointType::Free) &&
      (b.p_PJ_P.norm() > 0.0 || b.R_PJ.angularDistance(Quat::Identity()) > 0.0))
    fail(b, i,
         "a free or prescribed root must have p_PJ_P = 0 and R_PJ = identity (its q is its world pose)");
}

}  // namespace

int Model::findBody(const std::string& name) const {
  for (int i = 0; i < nbodies(); ++i)
    if (bodies[i].name == name) return i;
  return -1;
}

bool needsPrescribedMotion(const Model& model) {
  for (const Body& b : model.bodies)
    if (b.joint == JointType::Prescribed) return true;
  return false;
}

double Model::totalMass() const {
  double m = 0.0;
  for (const Body& b : bodies) m += b.inertia.mass_kg;
  return m;
}

Model compileModel(const TreeDescription& tree) {
  Model model;
  model.gravity_W = tree.gravity_W;
  model.bodies.reserve(tree.bodies.size());
  for (int i = 0; i < static_cast<int>(tree.bodies.size()); ++i) {
    const BodySpec& spec = tree.bodies[i];
    validate(spec, i);
    Body b;
    b.name = spec.name;
    b.parent = spec.parent;
    b.joint = spec.joint;
    b.axis = spec.axis;
    b.X_tree = Transform::fromPose(spec.R_PJ.toRotationMatrix(), spec.p_PJ_P);
    b.inertia = RigidInertia::fromCom(spec.mass_kg, spec.com_B, spec.inertia_com_B);
    b.S = jointMotionSubspace(spec.joint, spec.axis);
    b.q_index = model.nq;
    b.nq = jointNq(spec.joint);
    b.v_index = model.nv;
    b.nv = jointNv(spec.joint);
    model.nq += b.nq;
    model.nv += b.nv;
    model.bodies.push_back(std::move(b));
  }
  model.q_neutral = Eigen::VectorXd::Zero(model.nq);
  for (const Body& b : model.bodies) {
    if (b.joint == JointType::Spherical) model.q_neutral[b.q_index] = 1.0;
    if (b.joint == JointType::Free) model.q_neutral[b.q_index + 3] = 1.0;
  }
  return model;
}

}  // namespace spineload
