#include "engine/muscles/muscle_set.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "engine/dynamics/kinematics.hpp"

namespace spineload {
namespace {

bool isAncestorOrSelf(const Model& model, int ancestor, int body) {
  for (int b = body; b >= 0; b = model.bodies[b].parent)
    if (b == ancestor) return true;
  return false;
}

int commonAncestor(const Model& model, const std::vector<MusclePoint>& points, int first, int count) {
  int lca = points[first].body;
  for (int k = first + 1; k < first + count; ++k)
    while (!isAncestorOrSelf(model, lca, points[k].body)) lca = model.bodies[lca].parent;
  return lca;
}

// The muscle's path bodies (every body from a point's body up to the common ancestor, excluded), children
// before parents (the model numbers parents first), and their DOFs: R's nonzero pattern in its column.
void addArmPattern(const Model& model, MuscleSet& set, Muscle& m) {
  std::vector<int> bodies;
  for (int k = m.first_point; k < m.first_point + m.num_points; ++k)
    for (int b = set.points[k].body; b != m.common_ancestor && b >= 0; b = model.bodies[b].parent)
      if (std::find(bodies.begin(), bodies.end(), b) == bodies.end()) bodies.push_back(b);
  std::sort(bodies.begin(), bodies.end(), std::greater<int>());
  m.first_path_body = static_cast<int>(set.path_bodies.size());
  m.num_path_bodies = static_cast<int>(bodies.size());
  m.first_arm = static_cast<int>(set.arm_dofs.size());
  for (int b : bodies) {
    set.path_bodies.push_back(b);
    for (int c = 0; c < model.bodies[b].nv; ++c) set.arm_dofs.push_back(model.bodies[b].v_index + c);
  }
  m.num_arms = static_cast<int>(set.arm_dofs.size()) - m.first_arm;
}

const MuscleModifiers::Group* findModifier(const MuscleModifiers& m, const std::string& group) {
  for (const MuscleModifiers::Group& g : m.groups)
    if (g.name == group) return &g;
  return nullptr;
}

// Path length at the neutral configuration (for the tendon slack length).
Eigen::VectorXd neutralLengths(const Model& model, const MuscleSet& set) {
  Data d(model);
  d.q = model.q_neutral;
  d.v.setZero();
  forwardKinematics(model, d, d.q, d.v);
  MuscleGeometry g(model, set);
  updateMuscleGeometry(model, d, d.v, set, g);
  return g.length_m;
}

}  // namespace

int MuscleSet::findGroup(const std::string& name) const {
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (groups[i] == name) return static_cast<int>(i);
  return -1;
}

MuscleSet buildMuscleSet(const MuscleCatalog& catalog, const Model& model, double stature_m,
                         double body_mass_kg, const MuscleModifiers& modifiers,
                         const HillConstants& hill_at_37c) {
  MuscleSet set;
  set.hill = atTemperature(hill_at_37c, modifiers.muscle_temperature_c);
  set.groups = catalog.groups;
  const double length_scale = stature_m / catalog.reference_stature_m;
  // Geometric similarity: cross-sections, hence maximal forces, scale with mass^(2/3).
  const double force_scale = std::pow(body_mass_kg / catalog.reference_body_mass_kg, 2.0 / 3.0);
  for (const FascicleSpec& f : catalog.fascicles) {
    Muscle m;
    m.name = f.name;
    m.group = f.group;
    m.side = f.side;
    m.deep_core = f.deep_core;
    m.first_point = static_cast<int>(set.points.size());
    m.num_points = static_cast<int>(f.points.size());
    for (const PathPointSpec& p : f.points) {
      const int body = model.findBody(p.body);
      if (body < 0)
        throw std::invalid_argument("muscle " + f.name + ": the model has no body '" + p.body + "'");
      set.points.push_back({body, p.position_m * length_scale});
    }
    m.common_ancestor = commonAncestor(model, set.points, m.first_point, m.num_points);
    addArmPattern(model, set, m);
    m.max_isometric_force_n = f.max_isometric_force_n * force_scale;
    m.optimal_fiber_length_m = f.optimal_fiber_length_m * length_scale;
    m.pennation_rad = f.pennation_rad;
    if (f.deep_core) m.max_isometric_force_n *= modifiers.core_strength;
    if (const MuscleModifiers::Group* g = findModifier(modifiers, f.group))
      m.max_isometric_force_n *= g->strength;
    const int group = set.findGroup(f.group);
    set.group_of.push_back(group);
    set.muscles.push_back(std::move(m));
  }
  // Rigid tendon: the catalog's fibres are at their optimal length in the neutral posture; a tight muscle
  // has fewer sarcomeres in series (shorter optimal length), so the same posture stretches it further.
  const Eigen::VectorXd l0 = neutralLengths(model, set);
  for (int i = 0; i < set.size(); ++i) {
    Muscle& m = set.muscles[i];
    m.tendon_slack_length_m = l0[i] - m.optimal_fiber_length_m * std::cos(m.pennation_rad);
    if (m.tendon_slack_length_m < 0.0) m.tendon_slack_length_m = 0.0;
    if (const MuscleModifiers::Group* g = findModifier(modifiers, m.group))
      m.optimal_fiber_length_m *= 1.0 - g->tightness;
  }
  return set;
}

MuscleGeometry::MuscleGeometry(const Model& model, const MuscleSet& set)
    : length_m(Eigen::VectorXd::Zero(set.size())),
      velocity_m_s(Eigen::VectorXd::Zero(set.size())),
      arm(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(set.arm_dofs.size()))),
      point_W(set.points.size(), Vec3::Zero()),
      unit_force_W(set.points.size(), Vec3::Zero()),
      axis_W(model.nv, Vec6::Zero()),
      wrench_W(model.nbodies(), Vec6::Zero()) {}

namespace {

// World coordinates are taken about the first body's origin o (the pelvis, which travels with the runner),
// so that positions stay of the trunk's size and the sums below lose no digits however far the run goes.
Vec3 referencePoint(const Data& d) {
  return d.X_world.empty() ? Vec3::Zero() : d.X_world[0].r;
}

// Each DOF's motion axis in world coordinates about o: [Eᵀ ω; Eᵀ v + (r − o) × Eᵀ ω]. Then the generalized
// force of a wrench F (world, about o) on that DOF is axis · F (power is frame-invariant), one dot product
// instead of a transform per point and body.
void worldAxes(const Model& model, const Data& d, const Vec3& o, AlignedVector<Vec6>& axis_W) {
  for (int b = 0; b < model.nbodies(); ++b) {
    const Body& body = model.bodies[b];
    const Transform& X = d.X_world[b];
    for (int c = 0; c < body.nv; ++c) {
      const Vec3 w = X.E.transpose() * body.S.col(c).head<3>();
      axis_W[body.v_index + c] << w, X.E.transpose() * body.S.col(c).tail<3>() + (X.r - o).cross(w);
    }
  }
}

// Length and unit forces of muscle m's path (each end of a segment is pulled towards the other).
double pathLength(const Muscle& m, MuscleGeometry& g) {
  const int first = m.first_point, last = m.first_point + m.num_points - 1;
  double length = 0.0;
  for (int k = first; k <= last; ++k) g.unit_force_W[k].setZero();
  for (int k = first; k < last; ++k) {
    const Vec3 seg = g.point_W[k + 1] - g.point_W[k];
    const double len = seg.norm();
    length += len;
    const Vec3 u = len > 0.0 ? Vec3(seg / len) : Vec3::Zero();
    g.unit_force_W[k] += u;
    g.unit_force_W[k + 1] -= u;
  }
  return length;
}

// R's column of muscle m: τ_j = axis_j · (the unit tension's wrench on the subtree of j's body), the
// subtree wrenches summed from the path's outer bodies inwards (children first).
void momentArmColumn(const Model& model, const MuscleSet& set, const Muscle& m, const Vec3& o,
                     MuscleGeometry& g) {
  const int* bodies = set.path_bodies.data() + m.first_path_body;
  for (int k = 0; k < m.num_path_bodies; ++k) g.wrench_W[bodies[k]].setZero();
  for (int k = m.first_point; k < m.first_point + m.num_points; ++k) {
    const int b = set.points[k].body;
    if (b == m.common_ancestor) continue;  // acts on no joint of the path
    g.wrench_W[b].head<3>() += (g.point_W[k] - o).cross(g.unit_force_W[k]);
    g.wrench_W[b].tail<3>() += g.unit_force_W[k];
  }
  int arm = m.first_arm;
  for (int k = 0; k < m.num_path_bodies; ++k) {
    const int b = bodies[k];
    const Body& body = model.bodies[b];
    for (int c = 0; c < body.nv; ++c) g.arm[arm++] = g.axis_W[body.v_index + c].dot(g.wrench_W[b]);
    if (body.parent != m.common_ancestor && body.parent >= 0) g.wrench_W[body.parent] += g.wrench_W[b];
  }
}

// Muscle i's points, length, column of R and lengthening rate (the axes in g.axis_W already set).
void updateMuscle(const Model& model, const Data& d, const Eigen::VectorXd& v, const MuscleSet& set,
                  const Vec3& o, int i, MuscleGeometry& g) {
  const Muscle& m = set.muscles[i];
  for (int k = m.first_point; k < m.first_point + m.num_points; ++k) {
    const MusclePoint& p = set.points[k];
    const Transform& X = d.X_world[p.body];  // body from world: p_W = r + Eᵀ p_B
    g.point_W[k] = X.r + X.E.transpose() * p.position_m;
  }
  g.length_m[i] = pathLength(m, g);
  momentArmColumn(model, set, m, o, g);
  double rate = 0.0;  // l̇ = −Rᵀ v over the column's nonzeros
  for (int k = m.first_arm; k < m.first_arm + m.num_arms; ++k) rate -= g.arm[k] * v[set.arm_dofs[k]];
  g.velocity_m_s[i] = rate;
}

}  // namespace

void updateMuscleGeometry(const Model& model, const Data& d, const Eigen::VectorXd& v, const MuscleSet& set,
                          MuscleGeometry& g) {
  const Vec3 o = referencePoint(d);
  worldAxes(model, d, o, g.axis_W);
  for (int i = 0; i < set.size(); ++i) updateMuscle(model, d, v, set, o, i, g);
}

void updateMuscleGeometry(const Model& model, const Data& d, const Eigen::VectorXd& v, const MuscleSet& set,
                          const std::vector<int>& muscles, MuscleGeometry& g) {
  const Vec3 o = referencePoint(d);
  worldAxes(model, d, o, g.axis_W);
  for (int i : muscles) updateMuscle(model, d, v, set, o, i, g);
}

std::vector<int> musclesCrossing(const MuscleSet& set, int dof) {
  std::vector<int> crossing;
  for (int i = 0; i < set.size(); ++i) {
    const Muscle& m = set.muscles[i];
    const auto first = set.arm_dofs.begin() + m.first_arm;
    if (std::find(first, first + m.num_arms, dof) != first + m.num_arms) crossing.push_back(i);
  }
  return crossing;
}

ForceTermsAndSlope fiberForceTerms(const MuscleSet& set, const MuscleGeometry& g, int i) {
  const Muscle& m = set.muscles[i];
  const FiberState s = fiberState(g.length_m[i], g.velocity_m_s[i], m.optimal_fiber_length_m,
                                  m.tendon_slack_length_m, m.pennation_rad, set.hill);
  return forceTermsAndSlope(s, m.max_isometric_force_n, set.hill);
}

Eigen::MatrixXd denseMomentArms(const Model& model, const MuscleSet& set, const MuscleGeometry& g) {
  Eigen::MatrixXd R = Eigen::MatrixXd::Zero(model.nv, set.size());
  for (int i = 0; i < set.size(); ++i)
    for (int k = set.muscles[i].first_arm; k < set.muscles[i].first_arm + set.muscles[i].num_arms; ++k)
      R(set.arm_dofs[k], i) = g.arm[k];
  return R;
}

void addMuscleWrenches(const Data& d, const MuscleSet& set, MuscleGeometry& g, const Eigen::VectorXd& force_n,
                       AlignedVector<Vec6>& f_ext) {
  const Vec3 o = referencePoint(d);
  for (Vec6& w : g.wrench_W) w.setZero();
  for (int i = 0; i < set.size(); ++i) {
    const Muscle& m = set.muscles[i];
    if (force_n[i] == 0.0) continue;
    for (int k = m.first_point; k < m.first_point + m.num_points; ++k) {
      const Vec3 f_W = force_n[i] * g.unit_force_W[k];
      Vec6& w = g.wrench_W[set.points[k].body];
      w.head<3>() += (g.point_W[k] - o).cross(f_W);
      w.tail<3>() += f_W;
    }
  }
  // One transform per body: the same frame change with both origins shifted by o.
  for (std::size_t b = 0; b < g.wrench_W.size(); ++b) {
    const Transform& X = d.X_world[b];
    f_ext[b] += Transform{X.E, X.r - o}.applyForce(g.wrench_W[b]);
  }
}

}  // namespace spineload
