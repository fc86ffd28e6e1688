#include "engine/io/mjcf_export.hpp"

#include <Eigen/Eigenvalues>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "engine/muscles/muscle_set.hpp"
#include "engine/scenario/scenario_error.hpp"

namespace spineload {
namespace {

struct Writer {
  std::ostringstream out;
  Writer() { out << std::setprecision(17); }
  void vec(const Vec3& v) { out << v.x() << ' ' << v.y() << ' ' << v.z(); }
  void pair(const std::array<double, 2>& p) { out << p[0] << ' ' << p[1]; }
};

struct Site {
  std::string name;
  Vec3 position_m;  ///< in its body's frame
};

// What writeBody needs besides the model: each body's children, and each body's sites (the last entry,
// index nbodies, holds the world's).
struct TreeLayout {
  std::vector<std::vector<int>> children;
  std::vector<int> roots;
  std::vector<std::vector<Site>> sites;
};

std::string siteName(const Muscle& m, int k) {
  return cat(m.name, "_p", k);
}

// One site per path point, in the point's body (the world's for body -1), named after the fascicle.
void addMuscleSites(const Model& model, const MuscleSet& set, TreeLayout& tree) {
  for (const Muscle& m : set.muscles) {
    if (m.num_points < 2)
      throw std::invalid_argument(cat("MJCF export: fascicle ", m.name, " has ", m.num_points,
                                      " path points; a spatial tendon needs two or more"));
    for (int k = 0; k < m.num_points; ++k) {
      const MusclePoint& p = set.points[m.first_point + k];
      if (p.body < -1 || p.body >= model.nbodies())
        throw std::invalid_argument(
            cat("MJCF export: fascicle ", m.name, " point ", k, " is on body ", p.body, ", which the model (",
                model.nbodies(), " bodies) does not have: was the muscle set built for another model?"));
      tree.sites[p.body < 0 ? model.nbodies() : p.body].push_back({siteName(m, k), p.position_m});
    }
  }
}

TreeLayout layout(const Model& model, const MuscleSet* muscles) {
  TreeLayout tree;
  tree.children.resize(model.nbodies());
  tree.sites.resize(model.nbodies() + 1);
  for (int i = 0; i < model.nbodies(); ++i)
    (model.bodies[i].parent < 0 ? tree.roots : tree.children[model.bodies[i].parent]).push_back(i);
  if (muscles) addMuscleSites(model, *muscles, tree);
  return tree;
}

void writeSites(const std::vector<Site>& sites, const std::string& pad, Writer& w) {
  for (const Site& s : sites) {
    w.out << pad << "<site name=\"" << s.name << "\" pos=\"";
    w.vec(s.position_m);
    w.out << "\"/>\n";
  }
}

void writeBody(const Model& model, int i, const TreeLayout& tree, Writer& w, int depth) {
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
  writeSites(tree.sites[i], pad + "  ", w);
  for (int c_idx : tree.children[i]) writeBody(model, c_idx, tree, w, depth + 1);
  w.out << pad << "</body>\n";
}

// Per fascicle, a spatial tendon through its sites in path order: its length is the sum of the straight
// segments between consecutive sites, as ours (XML reference, "tendon/spatial").
void writeTendons(const MuscleSet& set, Writer& w) {
  w.out << "  <tendon>\n";
  for (const Muscle& m : set.muscles) {
    w.out << "    <spatial name=\"" << m.name << "\">\n";
    for (int k = 0; k < m.num_points; ++k) w.out << "      <site site=\"" << siteName(m, k) << "\"/>\n";
    w.out << "    </spatial>\n";
  }
  w.out << "  </tendon>\n";
}

// Per fascicle, a <muscle> on its tendon (MuJoCo's shortcut for a general actuator with dyntype, gaintype
// and biastype "muscle"). The rest of MuJoCo's curve parameters (lmin, lmax, fpmax, fvmax) keep their
// defaults: our curves have other shapes, not other values of the same parameters.
void writeActuators(const MuscleSet& set, Writer& w) {
  w.out << "  <actuator>\n";
  for (const Muscle& m : set.muscles) {
    const MjcfMuscle p = mjcfMuscle(m, set.hill);
    w.out << "    <muscle name=\"" << m.name << "\" tendon=\"" << m.name << "\" force=\"" << p.force_n
          << "\" range=\"";
    w.pair(p.range);
    w.out << "\" lengthrange=\"";
    w.pair(p.lengthrange_m);
    w.out << "\" timeconst=\"";
    w.pair(p.timeconst_s);
    w.out << "\" vmax=\"" << p.vmax_l0_per_s << "\"/>\n";
  }
  w.out << "  </actuator>\n";
}

}  // namespace

MjcfMuscle mjcfMuscle(const Muscle& muscle, const HillConstants& hill) {
  MjcfMuscle p;
  p.force_n = muscle.max_isometric_force_n;
  for (int k = 0; k < 2; ++k)
    p.lengthrange_m[k] = muscle.tendon_slack_length_m + p.range[k] * muscle.optimal_fiber_length_m;
  p.timeconst_s = {hill.activation_time_s, hill.deactivation_time_s};
  p.vmax_l0_per_s = hill.max_contraction_velocity_lopt_per_s;
  return p;
}

std::string exportMjcf(const Model& model, const MjcfOptions& options) {
  const TreeLayout tree = layout(model, options.muscles);
  Writer w;
  w.out << "<mujoco model=\"" << options.model_name << "\">\n";
  w.out << "  <compiler angle=\"radian\" inertiafromgeom=\"false\" balanceinertia=\"false\"";
  if (options.muscles)  // explicit: the muscles' length ranges are given, MuJoCo must not recompute them
    w.out << ">\n    <lengthrange mode=\"muscle\" useexisting=\"true\"/>\n  </compiler>\n";
  else
    w.out << "/>\n";
  w.out << "  <option timestep=\"" << options.timestep_s << "\" integrator=\"" << options.integrator
        << "\" gravity=\"";
  w.vec(model.gravity_W);
  w.out << "\">\n    <flag contact=\"disable\"/>\n  </option>\n";
  w.out << "  <worldbody>\n";
  writeSites(tree.sites[model.nbodies()], "    ", w);
  for (int r : tree.roots) writeBody(model, r, tree, w, 2);
  w.out << "  </worldbody>\n";
  if (options.muscles) {
    writeTendons(*options.muscles, w);
    writeActuators(*options.muscles, w);
  }
  w.out << "</mujoco>\n";
  return w.out.str();
}

}  // namespace spineload
