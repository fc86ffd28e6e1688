#include "engine/io/mjcf_export.hpp"

#include <Eigen/Eigenvalues>
#include <iomanip>
#include <sstream>
#include <vector>

namespace spineload {
namespace {

struct Writer {
  std::ostringstream out;
  Writer() { out << std::setprecision(17); }
  void vec(const Vec3& v) { out << v.x() << ' ' << v.y() << ' ' << v.z(); }
};

void writeBody(const Model& model, int i, const std::vector<std::vector<int>>& children, Writer& w,
               int depth) {
  const Body& b = model.bodies[i];
  const std::string pad(2 * depth, ' ');
  // X_tree = J_X_P = (E, r): the joint frame sits at r in the parent with orientation E^T.
  const Quat q(Mat3(b.X_tree.E.transpose()));
  w.out << pad << "<body name=\"" << b.name << "\" pos=\"";
  w.vec(b.X_tree.r);
  w.out << "\" quat=\"" << q.w() << ' ' << q.x() << ' ' << q.y() << ' ' << q.z() << '"';
  if (b.joint == JointType::Prescribed) w.out << " mocap=\"true\"";
  w.out << ">\n";
  const RigidInertia& I = b.inertia;
  const Vec3 c = I.com();
  const Mat3 cx = skew(c);
  const Mat3 Ic = I.Ibar - I.mass_kg * cx * cx.transpose();
  // Principal axes computed here (to round-off) rather than by MuJoCo's iterative 3x3 eigensolver, whose
  // tolerance would otherwise dominate the comparison.
  const Eigen::SelfAdjointEigenSolver<Mat3> eig(Ic);
  Mat3 axes = eig.eigenvectors();
  if (axes.determinant() < 0.0) axes.col(2) = -axes.col(2);
  const Quat qi(axes);
  w.out << pad << "  <inertial pos=\"";
  w.vec(c);
  w.out << "\" quat=\"" << qi.w() << ' ' << qi.x() << ' ' << qi.y() << ' ' << qi.z() << "\" mass=\""
        << I.mass_kg << "\" diaginertia=\"";
  w.vec(eig.eigenvalues());
  w.out << "\"/>\n";
  switch (b.joint) {
    case JointType::Revolute:
    case JointType::Prismatic:
      w.out << pad << "  <joint name=\"" << b.name << "_joint\" type=\""
            << (b.joint == JointType::Revolute ? "hinge" : "slide") << "\" axis=\"";
      w.vec(b.axis);
      w.out << "\" limited=\"false\"/>\n";
      break;
    case JointType::Spherical:
      w.out << pad << "  <joint name=\"" << b.name << "_joint\" type=\"ball\" limited=\"false\"/>\n";
      break;
    case JointType::Free:
      w.out << pad << "  <freejoint name=\"" << b.name << "_joint\"/>\n";
      break;
    default:
      break;
  }
  for (int c_idx : children[i]) writeBody(model, c_idx, children, w, depth + 1);
  w.out << pad << "</body>\n";
}

}  // namespace

std::string exportMjcf(const Model& model, const MjcfOptions& options) {
  std::vector<std::vector<int>> children(model.nbodies());
  std::vector<int> roots;
  for (int i = 0; i < model.nbodies(); ++i)
    (model.bodies[i].parent < 0 ? roots : children[model.bodies[i].parent]).push_back(i);
  Writer w;
  w.out << "<mujoco model=\"" << options.model_name << "\">\n";
  w.out << "  <compiler angle=\"radian\" inertiafromgeom=\"false\" balanceinertia=\"false\"/>\n";
  w.out << "  <option timestep=\"" << options.timestep_s << "\" integrator=\"" << options.integrator
        << "\" gravity=\"";
  w.vec(model.gravity_W);
  w.out << "\">\n    <flag contact=\"disable\"/>\n  </option>\n";
  w.out << "  <worldbody>\n";
  for (int r : roots) writeBody(model, r, children, w, 2);
  w.out << "  </worldbody>\n</mujoco>\n";
  return w.out.str();
}

}  // namespace spineload
