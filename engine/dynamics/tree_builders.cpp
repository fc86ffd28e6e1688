#include "engine/dynamics/tree_builders.hpp"

#include <random>
#include <string>

namespace spineload {
namespace {

Mat3 randomInertia(std::mt19937_64& rng, double mass_kg) {
  std::uniform_real_distribution<double> uni(0.02, 0.2);
  // Principal moments from a random box (so the triangle inequality holds), then a random rotation.
  const double a = uni(rng), b = uni(rng), c = uni(rng);
  const Vec3 moments = mass_kg / 12.0 * Vec3(b * b + c * c, a * a + c * c, a * a + b * b);
  std::normal_distribution<double> n(0.0, 1.0);
  const Mat3 R = Quat(n(rng), n(rng), n(rng), n(rng)).normalized().toRotationMatrix();
  return R * moments.asDiagonal() * R.transpose();
}

Vec3 randomUnit(std::mt19937_64& rng) {
  std::normal_distribution<double> n(0.0, 1.0);
  return Vec3(n(rng), n(rng), n(rng)).normalized();
}

}  // namespace

TreeDescription makeRandomTree(const RandomTreeOptions& o) {
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> length(0.05, 0.3), mass(0.5, 5.0), offset(-0.1, 0.1);
  std::normal_distribution<double> n(0.0, 1.0);
  TreeDescription tree;
  for (int i = 0; i < o.bodies; ++i) {
    BodySpec b;
    b.name = "body" + std::to_string(i);
    if (i == 0) {
      b.parent = -1;
      b.joint = o.root_joint;
    } else {
      b.parent = o.branched ? std::uniform_int_distribution<int>(0, i - 1)(rng) : i - 1;
      b.joint = o.joint_types[std::uniform_int_distribution<std::size_t>(0, o.joint_types.size() - 1)(rng)];
      b.p_PJ_P = length(rng) * randomUnit(rng);
      b.R_PJ = Quat(n(rng), n(rng), n(rng), n(rng)).normalized();
    }
    b.axis = randomUnit(rng);
    b.mass_kg = mass(rng);
    b.com_B = Vec3(offset(rng), offset(rng), offset(rng));
    b.inertia_com_B = randomInertia(rng, b.mass_kg);
    tree.bodies.push_back(b);
  }
  return tree;
}

TreeDescription makeChain(int n, JointType joint, JointType root_joint, double link_length_m,
                          double link_mass_kg, double radius_m) {
  TreeDescription tree;
  const double m = link_mass_kg, L = link_length_m, r = radius_m;
  // Solid cylinder about its centre: I_axial = m r²/2, I_transverse = m (3 r² + L²)/12.
  const double it = m * (3.0 * r * r + L * L) / 12.0, ia = 0.5 * m * r * r;
  for (int i = 0; i < n; ++i) {
    BodySpec b;
    b.name = "link" + std::to_string(i);
    b.parent = i - 1;
    b.joint = i == 0 ? root_joint : joint;
    b.axis = Vec3::UnitY();
    b.p_PJ_P = i == 0 ? Vec3::Zero() : Vec3(0.0, 0.0, L);
    b.mass_kg = m;
    b.com_B = Vec3(0.0, 0.0, 0.5 * L);
    b.inertia_com_B = Vec3(it, it, ia).asDiagonal();
    tree.bodies.push_back(b);
  }
  return tree;
}

}  // namespace spineload
