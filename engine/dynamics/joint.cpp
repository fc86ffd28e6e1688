#include "engine/dynamics/joint.hpp"

namespace spineload {

std::string_view jointTypeName(JointType t) {
  switch (t) {
    case JointType::Fixed:
      return "fixed";
    case JointType::Revolute:
      return "revolute";
    case JointType::Prismatic:
      return "prismatic";
    case JointType::Spherical:
      return "spherical";
    case JointType::Free:
      return "free";
    case JointType::Prescribed:
      return "prescribed";
  }
  return "unknown";
}

Mat6 jointMotionSubspace(JointType type, const Vec3& axis) {
  Mat6 S = Mat6::Zero();
  switch (type) {
    case JointType::Revolute:
      S.col(0).head<3>() = axis;
      break;
    case JointType::Prismatic:
      S.col(0).tail<3>() = axis;
      break;
    case JointType::Spherical:
      S.topLeftCorner<3, 3>().setIdentity();
      break;
    case JointType::Free:
      S.setIdentity();
      break;
    default:
      break;
  }
  return S;
}

}  // namespace spineload
