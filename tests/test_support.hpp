// Shared helpers for the test suite: random states and relative errors.
#pragma once

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/dynamics/data.hpp"
#include "engine/dynamics/tree_builders.hpp"
#include "engine/muscles/muscle_catalog.hpp"
#include "engine/scenario/parameter_table.hpp"

namespace spineload::test {

/// Random configuration (unit quaternions, angles in ±1 rad, slides in ±0.1 m) and velocity in ±1.
inline void randomState(const Model& model, std::mt19937_64& rng, Eigen::VectorXd& q, Eigen::VectorXd& v) {
  std::uniform_real_distribution<double> uni(-1.0, 1.0);
  std::normal_distribution<double> n(0.0, 1.0);
  q = model.q_neutral;
  v = Eigen::VectorXd::Zero(model.nv);
  for (const Body& b : model.bodies) {
    switch (b.joint) {
      case JointType::Revolute:
        q[b.q_index] = uni(rng);
        break;
      case JointType::Prismatic:
        q[b.q_index] = 0.1 * uni(rng);
        break;
      case JointType::Spherical:
        q.segment<4>(b.q_index) = Eigen::Vector4d(n(rng), n(rng), n(rng), n(rng)).normalized();
        break;
      case JointType::Free:
        q.segment<3>(b.q_index) = Vec3(uni(rng), uni(rng), uni(rng));
        q.segment<4>(b.q_index + 3) = Eigen::Vector4d(n(rng), n(rng), n(rng), n(rng)).normalized();
        break;
      default:
        break;
    }
  }
  for (int i = 0; i < model.nv; ++i) v[i] = uni(rng);
}

inline Eigen::VectorXd randomVector(int n, std::mt19937_64& rng, double scale = 1.0) {
  std::uniform_real_distribution<double> uni(-scale, scale);
  Eigen::VectorXd x(n);
  for (int i = 0; i < n; ++i) x[i] = uni(rng);
  return x;
}

/// The embedded scenario parameter table, parsed once for the whole test binary.
inline const std::vector<ParameterSpec>& parameterTable() {
  static const std::vector<ParameterSpec> table = loadParameterTable();
  return table;
}

/// A compiled random tree of revolute, prismatic and spherical joints on the given root.
inline Model mixedTree(int bodies, JointType root, std::uint64_t seed = 1) {
  RandomTreeOptions o;
  o.bodies = bodies;
  o.root_joint = root;
  o.joint_types = {JointType::Revolute, JointType::Prismatic, JointType::Spherical};
  o.seed = seed;
  return compileModel(makeRandomTree(o));
}

/// A fixed base and one link on `joint` at the base's origin (both 1 kg, 0.01 kg·m² unless set after): the
/// hand-calculable trees of the muscle tests.
inline TreeDescription baseAndLink(JointType joint, const Vec3& axis = Vec3::UnitY()) {
  BodySpec base;
  base.name = "base";
  base.joint = JointType::Fixed;
  base.mass_kg = 1.0;
  base.inertia_com_B = Mat3::Identity() * 0.01;
  BodySpec link = base;
  link.name = "link";
  link.parent = 0;
  link.joint = joint;
  link.axis = axis;
  TreeDescription tree;
  tree.bodies = {base, link};
  return tree;
}

/// A straight fascicle parallel to the link of baseAndLink(): from offset − L ẑ on "base" to offset + L ẑ on
/// "link" (L = half_length_m), its own group, optimal fibre `optimal_fiber_m`, no pennation.
inline FascicleSpec straightFascicle(const std::string& name, const std::string& group, bool deep_core,
                                     const Vec3& offset, double half_length_m, double max_force_n,
                                     double optimal_fiber_m) {
  const Vec3 along(0.0, 0.0, half_length_m);
  return {name,
          group,
          'r',
          deep_core,
          {{std::string("base"), offset - along}, {std::string("link"), offset + along}},
          max_force_n,
          optimal_fiber_m,
          0.0,
          std::string("test"),
          0};
}

/// A catalog at reference stature and body mass 1 (so nothing is scaled) holding `fascicles`.
inline MuscleCatalog unitCatalog(std::vector<FascicleSpec> fascicles) {
  MuscleCatalog c;
  c.reference_stature_m = c.reference_body_mass_kg = 1.0;
  for (const FascicleSpec& f : fascicles)
    if (std::find(c.groups.begin(), c.groups.end(), f.group) == c.groups.end()) c.groups.push_back(f.group);
  c.fascicles = std::move(fascicles);
  return c;
}

/// ‖a - b‖∞ / max(‖b‖∞, 1): relative error with an absolute floor for near-zero references.
inline double relativeError(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return (a - b).lpNorm<Eigen::Infinity>() / std::max(b.lpNorm<Eigen::Infinity>(), 1.0);
}

/// The joint-type mixes and root joints every algorithm test sweeps over.
inline std::vector<RandomTreeOptions> allTreeVariants() {
  std::vector<RandomTreeOptions> out;
  std::uint64_t seed = 11;
  for (JointType root : {JointType::Fixed, JointType::Free, JointType::Prescribed, JointType::Spherical,
                         JointType::Revolute}) {
    for (bool branched : {false, true}) {
      RandomTreeOptions o;
      o.bodies = 12;
      o.root_joint = root;
      o.branched = branched;
      o.joint_types = {JointType::Revolute, JointType::Prismatic, JointType::Spherical, JointType::Fixed};
      o.seed = seed++;
      out.push_back(o);
    }
  }
  return out;
}

}  // namespace spineload::test
