// Small synthetic trees for tests, benches and peer comparisons: chains and random branched trees with
// physically valid (randomized) inertias. Deterministic for a given seed.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/dynamics/tree_description.hpp"

namespace spineload {

struct RandomTreeOptions {
  int bodies = 10;
  std::vector<JointType> joint_types = {JointType::Revolute, JointType::Prismatic, JointType::Spherical};
  JointType root_joint = JointType::Free;  ///< Fixed, Free, Prescribed or any of the above
  bool branched = true;                    ///< false: a serial chain
  std::uint64_t seed = 1;
};

/// A random tree: random link offsets (0.05-0.3 m), joint frame rotations, axes, masses (0.5-5 kg),
/// centres of mass and positive-definite inertias that satisfy the triangle inequality.
TreeDescription makeRandomTree(const RandomTreeOptions& options);

/// A vertical serial chain of n equal links (a spine-like column): each link `link_length_m` long, its
/// mass `link_mass_kg` at mid-length, modelled as a slender cylinder of radius `radius_m`, joined by
/// `joint` (Revolute about y, Spherical, ...); the root is attached by `root_joint`.
TreeDescription makeChain(int n, JointType joint, JointType root_joint = JointType::Fixed,
                          double link_length_m = 0.03, double link_mass_kg = 1.5, double radius_m = 0.08);

}  // namespace spineload
