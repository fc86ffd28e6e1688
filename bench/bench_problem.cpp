#include "bench/bench_problem.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <numbers>
#include <random>

#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/tree_builders.hpp"
#include "engine/run/run_scenario.hpp"

namespace spineload::bench {

namespace {

// The full model of our problem: random spinal postures of a few degrees, not random quaternions (the
// cost does not depend on the values; the state should still be one the trunk can take).
Problem makeTrunkProblem() {
  Problem p;
  p.label = "trunk";
  const ScenarioSpec spec = toScenarioSpec(parseScenarioText("", "bench.toml", loadParameterTable()));
  p.model = *buildScenarioModel(spec).model;
  // The pelvis held still at the identity pose (a fresh Data's base without a motion): MuJoCo's mocap body
  // has no prescribed velocity or acceleration, and the running motion's first instant has both.
  p.model.prescribed_motion.reset();
  // A bare tree, as exported to the peers (no passive tissue: MJCF export leaves force elements out).
  p.model.force_elements.clear();
  std::mt19937_64 rng(20240611u);
  std::uniform_real_distribution<double> turn(-0.1, 0.1), rate(-2.0, 2.0), force(-1.0, 1.0);
  const Eigen::VectorXd dq = Eigen::VectorXd::NullaryExpr(p.model.nv, [&] { return turn(rng); });
  p.q.resize(p.model.nq);
  integrateConfiguration(p.model, p.model.q_neutral, dq, 1.0, p.q);
  p.v = Eigen::VectorXd::NullaryExpr(p.model.nv, [&] { return rate(rng); });
  p.tau = Eigen::VectorXd::NullaryExpr(p.model.nv, [&] { return force(rng); });
  return p;
}

}  // namespace

Problem makeProblem(TreeKind kind, int n) {
  if (kind == TreeKind::Trunk) return makeTrunkProblem();
  Problem p;
  if (kind == TreeKind::Chain) {
    p.label = "chain";
    p.model = compileModel(makeChain(n, JointType::Spherical, JointType::Fixed));
  } else {
    p.label = "tree";
    RandomTreeOptions options;
    options.bodies = n;
    options.root_joint = JointType::Spherical;  // MuJoCo's free joint uses other velocity coordinates
    options.seed = 7;
    p.model = compileModel(makeRandomTree(options));
  }
  std::mt19937_64 rng(20240611u + static_cast<unsigned>(n));
  std::uniform_real_distribution<double> angle(-std::numbers::pi, std::numbers::pi), slide(-0.1, 0.1),
      rate(-2.0, 2.0), force(-1.0, 1.0);
  std::normal_distribution<double> normal(0.0, 1.0);
  p.q = p.model.q_neutral;
  for (const Body& b : p.model.bodies) {
    double* q = p.q.data() + b.q_index;
    switch (b.joint) {
      case JointType::Revolute:
        q[0] = angle(rng);
        break;
      case JointType::Prismatic:
        q[0] = slide(rng);
        break;
      case JointType::Free:
        for (int k = 0; k < 3; ++k) q[k] = slide(rng);
        q += 3;
        [[fallthrough]];
      case JointType::Spherical: {
        const Quat r = Quat(normal(rng), normal(rng), normal(rng), normal(rng)).normalized();
        q[0] = r.w(), q[1] = r.x(), q[2] = r.y(), q[3] = r.z();
        break;
      }
      default:
        break;
    }
  }
  p.v = Eigen::VectorXd::NullaryExpr(p.model.nv, [&] { return rate(rng); });
  p.tau = Eigen::VectorXd::NullaryExpr(p.model.nv, [&] { return force(rng); });
  return p;
}

double relativeDifference(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  if (a.size() != b.size()) return std::numeric_limits<double>::infinity();
  return (a - b).lpNorm<Eigen::Infinity>() / std::max(a.lpNorm<Eigen::Infinity>(), 1e-300);
}

bool timeUnchecked() {
  const char* value = std::getenv("SPINELOAD_BENCH_TIME_UNCHECKED");
  return value && std::string(value) == "1";
}

Eigen::VectorXd referenceAcceleration(const Problem& problem) {
  Data data(problem.model);
  aba(problem.model, data, problem.q, problem.v, problem.tau);
  return data.qdd;
}

std::string describeDisagreement(const Eigen::VectorXd& ours, const Eigen::VectorXd& peer,
                                 const char* peer_name) {
  char buf[512];
  const double rel = relativeDifference(ours, peer);
  if (rel < kAgreementTolerance || ours.size() != peer.size()) {
    std::snprintf(buf, sizeof buf, "%s vs spineload ABA: rel. difference %.3g over %d dof (|qdd|_inf %.4g)",
                  peer_name, rel, static_cast<int>(ours.size()), ours.lpNorm<Eigen::Infinity>());
    return buf;
  }
  Eigen::Index worst = 0;
  (ours - peer).cwiseAbs().maxCoeff(&worst);
  std::snprintf(
      buf, sizeof buf,
      "%s disagrees with spineload ABA: rel. difference %.3g > %.0e; worst dof %d: ours %.10g, %s %.10g; "
      "dof 0: ours %.10g, %s %.10g",
      peer_name, rel, kAgreementTolerance, static_cast<int>(worst), ours[worst], peer_name, peer[worst],
      ours[0], peer_name, peer[0]);
  return buf;
}

}  // namespace spineload::bench
