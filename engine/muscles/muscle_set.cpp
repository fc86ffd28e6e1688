#include "engine/muscles/muscle_set.hpp"

#include <cmath>
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
      moment_arm(Eigen::MatrixXd::Zero(model.nv, set.size())),
      point_W(set.points.size(), Vec3::Zero()),
      unit_force_W(set.points.size(), Vec3::Zero()) {}

void updateMuscleGeometry(const Model& model, const Data& d, const Eigen::VectorXd& v, const MuscleSet& set,
                          MuscleGeometry& g) {
  for (std::size_t k = 0; k < set.points.size(); ++k) {
    const MusclePoint& p = set.points[k];
    const Transform& X = d.X_world[p.body];  // body from world: p_W = r + Eᵀ p_B
    g.point_W[k] = X.r + X.E.transpose() * p.position_m;
  }
  g.moment_arm.setZero();
  for (int i = 0; i < set.size(); ++i) {
    const Muscle& m = set.muscles[i];
    const int first = m.first_point, last = m.first_point + m.num_points - 1;
    double length = 0.0;
    for (int k = first; k <= last; ++k) g.unit_force_W[k].setZero();
    for (int k = first; k < last; ++k) {
      const Vec3 seg = g.point_W[k + 1] - g.point_W[k];
      const double len = seg.norm();
      length += len;
      const Vec3 u = len > 0.0 ? Vec3(seg / len) : Vec3::Zero();
      g.unit_force_W[k] += u;  // each end of a segment is pulled towards the other
      g.unit_force_W[k + 1] -= u;
    }
    g.length_m[i] = length;
    // τ_j = S_jᵀ (j_X_0* F_W) summed over the points in joint j's subtree, i.e. each point's wrench on every
    // joint from its body up to (not including) the common ancestor.
    for (int k = first; k <= last; ++k) {
      Vec6 F_W;
      F_W << g.point_W[k].cross(g.unit_force_W[k]), g.unit_force_W[k];
      for (int b = set.points[k].body; b != m.common_ancestor && b >= 0; b = model.bodies[b].parent) {
        const Body& body = model.bodies[b];
        if (body.nv == 0) continue;
        const Vec6 F_B = d.X_world[b].applyForce(F_W);
        for (int c = 0; c < body.nv; ++c) g.moment_arm(body.v_index + c, i) += body.S.col(c).dot(F_B);
      }
    }
  }
  g.velocity_m_s.noalias() = -g.moment_arm.transpose() * v;
}

void addMuscleWrenches(const Data& d, const MuscleSet& set, const MuscleGeometry& g,
                       const Eigen::VectorXd& force_n, AlignedVector<Vec6>& f_ext) {
  for (int i = 0; i < set.size(); ++i) {
    const Muscle& m = set.muscles[i];
    if (force_n[i] == 0.0) continue;
    for (int k = m.first_point; k < m.first_point + m.num_points; ++k) {
      const Vec3 f_W = force_n[i] * g.unit_force_W[k];
      Vec6 F_W;
      F_W << g.point_W[k].cross(f_W), f_W;
      f_ext[set.points[k].body] += d.X_world[set.points[k].body].applyForce(F_W);
    }
  }
}

}  // namespace spineload
