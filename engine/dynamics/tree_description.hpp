// The plain description of a kinematic tree, before compilation into a Model. Anatomy builders, tests and
// the MJCF exporter all speak this one language, so the same tree can be built in spineload and in a peer.
#pragma once

#include <string>
#include <vector>

#include "engine/dynamics/joint.hpp"

namespace spineload {

/// One body and the joint that connects it to its parent. Frames: P = parent body frame, J = joint
/// predecessor frame (fixed on P), B = this body's frame (coincides with J at zero joint coordinates).
struct BodySpec {
  std::string name;
  int parent = -1;  ///< index of the parent body (< own index); -1 = world
  JointType joint = JointType::Spherical;
  Vec3 axis = Vec3::UnitZ();          ///< revolute / prismatic axis, unit, in J (= B) coordinates
  Vec3 p_PJ_P = Vec3::Zero();         ///< joint position in the parent frame [m]
  Quat R_PJ = Quat::Identity();       ///< joint frame orientation in the parent frame
  double mass_kg = 0.0;               ///< > 0
  Vec3 com_B = Vec3::Zero();          ///< centre of mass in B [m]
  Mat3 inertia_com_B = Mat3::Zero();  ///< inertia about the centre of mass, B axes [kg·m²]
};

struct TreeDescription {
  std::vector<BodySpec> bodies;            ///< topologically ordered: parents before children
  Vec3 gravity_W = Vec3(0.0, 0.0, -9.81);  ///< [m/s²], world z up
};

}  // namespace spineload
