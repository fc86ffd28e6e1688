// Box QPs shaped like the muscle controller's (tests/test_box_qp.cpp and bench/bench_box_qp.cpp): muscles
// (n) crossing 1–6 neighbouring three-DOF joints (m / 3 of them, ≈ 18 % nonzeros at m = 63), columns of
// moment arm × maximal force up to ±90 N·m per unit activation, d = 2, activation floors in [0, 0.05],
// ceilings in [0.3, 1], joint torques b ~ 40 N·m, reserves w = `weight` per (N·m)².
#pragma once

#include <algorithm>
#include <random>

#include "engine/muscles/box_qp.hpp"

namespace spineload::test {

inline BoxQpProblem muscleProblem(int n, int m, std::mt19937_64& rng, double weight = 1.0) {
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  std::normal_distribution<double> normal(0.0, 1.0);
  const int joints = m / 3;
  BoxQpProblem p;
  p.A = Eigen::MatrixXd::Zero(m, n);
  for (int i = 0; i < n; ++i) {
    const int span = std::min(1 + static_cast<int>(6 * uni(rng)), std::min(6, joints));
    const int first = std::min(static_cast<int>((joints - span + 1) * uni(rng)), joints - span);
    const double force = 50.0 + 1450.0 * uni(rng);
    for (int j = 3 * first; j < 3 * (first + span); ++j) p.A(j, i) = force * 0.06 * (2.0 * uni(rng) - 1.0);
  }
  p.d = Eigen::VectorXd::Constant(n, 2.0);
  p.c = Eigen::VectorXd::Zero(n);
  p.lb.resize(n), p.ub.resize(n);
  for (int i = 0; i < n; ++i) p.lb[i] = 0.05 * uni(rng), p.ub[i] = 0.3 + 0.7 * uni(rng);
  p.b.resize(m);
  for (int j = 0; j < m; ++j) p.b[j] = 40.0 * normal(rng);
  p.w = Eigen::VectorXd::Constant(m, weight);
  return p;
}

}  // namespace spineload::test
