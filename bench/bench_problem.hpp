// The trees every benchmark runs on, shared by spineload and its peers (MuJoCo, Simbody), so the numbers of
// one run compare the same problem: a ball-joint chain (the spine-like case we care about) and a random
// branched tree, each at a random but fixed, non-trivial state (q, v, tau).
#pragma once

#include <string>

#include "engine/dynamics/model.hpp"

namespace spineload::bench {

enum class TreeKind { Chain, Tree, Trunk };

/// Chain sizes (bodies) every chain benchmark runs at; the branched tree runs at kTreeBodies only.
inline constexpr int kChainSizes[] = {12, 24, 48, 96};
inline constexpr int kTreeBodies = 24;
/// Time step of every integrator benchmark [s].
inline constexpr double kStepSeconds = 1e-3;
/// Integrator benchmarks restore the initial state after this many steps (0.1 s), so that a long run measures
/// the same kind of state throughout: the random state is violent, and after about 0.3 s MuJoCo's chain
/// diverges, warns and resets itself, which would put its own reset into the timing.
inline constexpr long kStepsBeforeReset = 100;
/// Peer agreement required before a peer is timed: ||qdd_peer - qdd_ours||_inf / ||qdd_ours||_inf.
inline constexpr double kAgreementTolerance = 1e-8;

struct Problem {
  std::string label;    ///< "chain", "tree" or "trunk"
  Model model;          ///< compiled spineload model
  Eigen::VectorXd q;    ///< configuration (nq): random unit quaternions, angles in [-pi, pi], slides ±0.1 m
  Eigen::VectorXd v;    ///< generalized velocity (nv), uniform in ±2 rad/s (or m/s)
  Eigen::VectorXd tau;  ///< applied generalized force (nv), uniform in ±1 N·m (or N)
};

/// Chain: makeChain(n, Spherical, Fixed) (link 0 welded to the world, n - 1 ball joints).
/// Tree: makeRandomTree with n bodies, revolute, prismatic and ball joints, a ball-joint root, seed 7.
/// Trunk: the default scenario's running trunk model (n is ignored; its pelvis root is prescribed and held
/// still here, and its passive tissue left out, as the peers' exports have it), at its neutral posture
/// turned by up to ±0.1 rad per DOF.
/// The state is drawn from a fixed seed: the same (kind, n) always gives the same problem.
Problem makeProblem(TreeKind kind, int n);

/// ||a - b||_inf / max(||a||_inf, 1e-300): the relative disagreement of b with the reference a.
double relativeDifference(const Eigen::VectorXd& a, const Eigen::VectorXd& b);

/// True when SPINELOAD_BENCH_TIME_UNCHECKED=1: a failed agreement check is reported (counter check_failed = 1
/// and a line on stderr) but the benchmark is timed anyway. Default: it is skipped with the error.
bool timeUnchecked();

/// The qdd that our ABA gives at the problem's state (the reference the peers are checked against).
Eigen::VectorXd referenceAcceleration(const Problem& problem);

/// "rel. difference 3.2e-15 (|qdd| 41.2)" or the first mismatching entries when above tolerance.
std::string describeDisagreement(const Eigen::VectorXd& ours, const Eigen::VectorXd& peer,
                                 const char* peer_name);

}  // namespace spineload::bench
