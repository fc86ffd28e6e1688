// Simbody 3.7 as a peer on the same trees: the spineload model rebuilt as MobilizedBody::Weld / Ball / Pin /
// Slider bodies with the same joint placements and inertias, set to the same state, checked against our ABA
// and then timed realizing Stage::Acceleration (Simbody's forward dynamics) after the cache is invalidated.
//
// Conventions: the mobilizer frame F is our joint frame J and M our body frame B (rotated so that a Pin's z
// or a Slider's x is our joint axis). A Ball's q is the quaternion of R_FM (w, x, y, z), as ours, but its
// generalized speeds are w_FM expressed in F, ours in M: u = R_FM ω, u̇ = R_FM ω̇ (the ω × ω term vanishes),
// and the mobility force dual to u is R_FM τ.
#include <Simbody.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include "bench/bench_common.hpp"

namespace spineload::bench {
namespace {

SimTK::Vec3 toSimTK(const Vec3& v) {
  return {v.x(), v.y(), v.z()};
}
SimTK::Rotation toSimTK(const Quat& q) {
  return SimTK::Rotation(SimTK::Quaternion(q.w(), q.x(), q.y(), q.z()));
}

class SimbodyPeer {
 public:
  explicit SimbodyPeer(const Problem& p)
      : matter_(system_), forces_(system_), discrete_(forces_, matter_), model_(p.model) {
    SimTK::Force::UniformGravity(forces_, matter_, toSimTK(p.model.gravity_W));
    mobods_.reserve(p.model.bodies.size());  // `parent` below refers into mobods_
    for (const Body& b : p.model.bodies) {
      SimTK::MobilizedBody& parent = b.parent < 0 ? matter_.Ground() : mobods_[b.parent];
      const RigidInertia& I = b.inertia;
      // MassProperties takes the inertia about the body origin, as RigidInertia::Ibar.
      const SimTK::Inertia inertia(I.Ibar(0, 0), I.Ibar(1, 1), I.Ibar(2, 2), I.Ibar(0, 1), I.Ibar(0, 2),
                                   I.Ibar(1, 2));
      const SimTK::Body::Rigid body(SimTK::MassProperties(I.mass_kg, toSimTK(I.com()), inertia));
      // X_tree = J_X_P = (E, r): J sits at r in P with orientation R_PJ = E^T.
      const Quat R_PJ(Mat3(b.X_tree.E.transpose()));
      const SimTK::Vec3 p_PJ = toSimTK(b.X_tree.r);
      switch (b.joint) {
        case JointType::Prescribed:  // held at the identity pose (bench_problem.hpp: the trunk's pelvis)
          if (b.parent >= 0) throw std::runtime_error("Simbody peer: a prescribed body that is not a root");
          mobods_.push_back(SimTK::MobilizedBody::Weld(parent, SimTK::Transform(), body, SimTK::Transform()));
          break;
        case JointType::Fixed:
          mobods_.push_back(SimTK::MobilizedBody::Weld(parent, SimTK::Transform(toSimTK(R_PJ), p_PJ), body,
                                                       SimTK::Transform()));
          break;
        case JointType::Spherical:
          mobods_.push_back(SimTK::MobilizedBody::Ball(parent, SimTK::Transform(toSimTK(R_PJ), p_PJ), body,
                                                       SimTK::Transform()));
          break;
        case JointType::Revolute:
        case JointType::Prismatic: {
          // Pin turns about z of F and M, Slider moves along x: align that axis with ours.
          const Vec3 native = b.joint == JointType::Revolute ? Vec3::UnitZ() : Vec3::UnitX();
          const Quat R_JF = Quat::FromTwoVectors(native, b.axis);
          const SimTK::Transform X_PF(toSimTK(R_PJ * R_JF), p_PJ), X_BM(toSimTK(R_JF));
          if (b.joint == JointType::Revolute)
            mobods_.push_back(SimTK::MobilizedBody::Pin(parent, X_PF, body, X_BM));
          else
            mobods_.push_back(SimTK::MobilizedBody::Slider(parent, X_PF, body, X_BM));
          break;
        }
        default:
          throw std::runtime_error("Simbody peer: unsupported joint on body " + b.name);
      }
    }
    state_ = system_.realizeTopology();
    system_.realizeModel(state_);
    setState(p.q, p.v, p.tau);
  }

  void setState(const Eigen::VectorXd& q, const Eigen::VectorXd& v, const Eigen::VectorXd& tau) {
    SimTK::Vector f(state_.getNU(), 0.0);
    for (std::size_t i = 0; i < mobods_.size(); ++i) {
      const Body& b = model_.bodies[i];
      const SimTK::MobilizedBody& mb = mobods_[i];
      const int u0 = mb.getFirstUIndex(state_);
      if (b.joint == JointType::Spherical) {
        const Mat3 R_FM =
            Quat(q[b.q_index], q[b.q_index + 1], q[b.q_index + 2], q[b.q_index + 3]).toRotationMatrix();
        const Vec3 u = R_FM * v.segment<3>(b.v_index), f_u = R_FM * tau.segment<3>(b.v_index);
        for (int k = 0; k < 4; ++k) mb.setOneQ(state_, k, q[b.q_index + k]);
        for (int k = 0; k < 3; ++k) {
          mb.setOneU(state_, k, u[k]);
          f[u0 + k] = f_u[k];
        }
      } else if (b.nv == 1) {
        mb.setOneQ(state_, 0, q[b.q_index]);
        mb.setOneU(state_, 0, v[b.v_index]);
        f[u0] = tau[b.v_index];
      }
    }
    discrete_.setAllMobilityForces(state_, f);
  }

  /// Realizes the acceleration stage and returns u̇ in spineload's coordinates (ω̇ in the child frame).
  Eigen::VectorXd acceleration() {
    system_.realize(state_, SimTK::Stage::Acceleration);
    Eigen::VectorXd qdd(model_.nv);
    for (std::size_t i = 0; i < mobods_.size(); ++i) {
      const Body& b = model_.bodies[i];
      const SimTK::MobilizedBody& mb = mobods_[i];
      if (b.joint == JointType::Spherical) {
        const SimTK::Vec4 qb = SimTK::MobilizedBody::Ball::downcast(mb).getQ(state_);
        const Mat3 R_FM = Quat(qb[0], qb[1], qb[2], qb[3]).normalized().toRotationMatrix();
        const Vec3 udot(mb.getOneUDot(state_, 0), mb.getOneUDot(state_, 1), mb.getOneUDot(state_, 2));
        qdd.segment<3>(b.v_index) = R_FM.transpose() * udot;
      } else if (b.nv == 1) {
        qdd[b.v_index] = mb.getOneUDot(state_, 0);
      }
    }
    return qdd;
  }

  const SimTK::MultibodySystem& system() const { return system_; }
  SimTK::State& state() { return state_; }

 private:
  SimTK::MultibodySystem system_;
  SimTK::SimbodyMatterSubsystem matter_;
  SimTK::GeneralForceSubsystem forces_;
  SimTK::Force::DiscreteForces discrete_;
  const Model& model_;
  std::vector<SimTK::MobilizedBody> mobods_;
  SimTK::State state_;
};

struct CheckResult {
  std::string text;
  bool ok = false;
  double rel_diff_udot = 0.0;
};

const CheckResult& checkOnce(const Problem& p) {
  static std::map<std::pair<std::string, int>, CheckResult> cache;
  const auto key = std::make_pair(p.label, p.model.nbodies());
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  SimbodyPeer peer(p);
  const Eigen::VectorXd ours = referenceAcceleration(p), theirs = peer.acceleration();
  const double rel = relativeDifference(ours, theirs);
  const std::string text = describeDisagreement(ours, theirs, "Simbody udot");
  std::fprintf(stderr, "[check] %s %d bodies: %s\n", p.label.c_str(), p.model.nbodies(), text.c_str());
  return cache[key] = {text, rel < kAgreementTolerance, rel};
}

// Forward dynamics from scratch: touching q (updQ) invalidates Stage::Position and everything after it, so
// realize(Acceleration) redoes the kinematics, velocities, forces and the articulated-body pass, like aba().
// With `from_velocity`, u is touched instead: the position-stage kinematics stay cached.
void simbodyBenchmark(benchmark::State& state, TreeKind kind, bool from_velocity) {
  std::unique_ptr<Problem> p;
  std::unique_ptr<SimbodyPeer> peer;
  try {
    p = std::make_unique<Problem>(makeProblem(kind, static_cast<int>(state.range(0))));
    const CheckResult& check = checkOnce(*p);
    if (!acceptCheck(state, check.ok, check.text)) return;
    state.counters["rel_diff_udot"] = check.rel_diff_udot;
    peer = std::make_unique<SimbodyPeer>(*p);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  SimTK::State& s = peer->state();
  const SimTK::MultibodySystem& system = peer->system();
  system.realize(s, SimTK::Stage::Acceleration);
  for (auto _ : state) {
    if (from_velocity)
      s.updU();
    else
      s.updQ();
    system.realize(s, SimTK::Stage::Acceleration);
    benchmark::DoNotOptimize(s.getUDot()[0]);
    benchmark::ClobberMemory();
  }
  reportCounters(state, p->model);
}

void BM_SimbodyForward(benchmark::State& state, TreeKind kind) {
  simbodyBenchmark(state, kind, false);
}
void BM_SimbodyForwardFromVelocity(benchmark::State& state, TreeKind kind) {
  simbodyBenchmark(state, kind, true);
}

BENCHMARK_CAPTURE(BM_SimbodyForward, chain, TreeKind::Chain)->Apply(chainSizes);
BENCHMARK_CAPTURE(BM_SimbodyForwardFromVelocity, chain, TreeKind::Chain)->Apply(chainSizes);
BENCHMARK_CAPTURE(BM_SimbodyForward, tree, TreeKind::Tree)->Apply(treeSize);
BENCHMARK_CAPTURE(BM_SimbodyForwardFromVelocity, tree, TreeKind::Tree)->Apply(treeSize);
BENCHMARK_CAPTURE(BM_SimbodyForward, trunk, TreeKind::Trunk)->Apply(trunkModel);

}  // namespace
}  // namespace spineload::bench
