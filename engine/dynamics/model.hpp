// The compiled, immutable model of a kinematic tree (MuJoCo's mjModel, Pinocchio's Model): topology, joint
// placements, inertias and force elements. Built once by compileModel(), then shared read-only by every
// thread; all per-run state lives in Data.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/core/inertia.hpp"
#include "engine/dynamics/force_element.hpp"
#include "engine/dynamics/prescribed_motion.hpp"
#include "engine/dynamics/tree_description.hpp"

namespace spineload {

struct Body {
  std::string name;
  int parent = -1;  ///< parent body index, -1 = world
  JointType joint = JointType::Fixed;
  Vec3 axis = Vec3::UnitZ();  ///< revolute / prismatic axis (unit, body frame)
  Transform X_tree;           ///< J_X_P: joint predecessor frame from the parent body frame
  RigidInertia inertia;       ///< body spatial inertia about its origin (the joint centre), body frame
  Mat6 S = Mat6::Zero();      ///< motion subspace, 6 x nv used (body frame)
  int q_index = 0, nq = 0;    ///< slice of the configuration vector
  int v_index = 0, nv = 0;    ///< slice of the velocity vector
};

struct Model {
  std::vector<Body> bodies;                ///< parents before children
  int nq = 0;                              ///< configuration size
  int nv = 0;                              ///< velocity (degrees of freedom) size
  Vec3 gravity_W = Vec3(0.0, 0.0, -9.81);  ///< [m/s²]
  Eigen::VectorXd q_neutral;               ///< zero joint angles, identity quaternions (nq)
  std::vector<std::shared_ptr<const ForceElement>> force_elements;
  std::shared_ptr<const PrescribedMotion> prescribed_motion;  ///< drives the Prescribed root, if any

  int nbodies() const { return static_cast<int>(bodies.size()); }
  int findBody(const std::string& name) const;  ///< -1 if absent
  double totalMass() const;
};

/// True when a body has a Prescribed joint and so needs model.prescribed_motion.
bool needsPrescribedMotion(const Model& model);

/// Checks the description (ordering, unit axes, positive mass and inertia, ...) and compiles it.
/// Throws std::invalid_argument naming the body and the field that is wrong.
Model compileModel(const TreeDescription& tree);

}  // namespace spineload
