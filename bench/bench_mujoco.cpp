// MuJoCo 2.2.2 as a peer on the same trees: the spineload model exported with exportMjcf(), loaded from
// memory through a virtual file system, set to the same state (q, v, τ as qfrc_applied) and checked against
// our ABA before it is timed.
//
// Conventions that make the states identical without conversion (see engine/dynamics/joint.hpp): a ball
// joint's qpos is the child-from-parent quaternion (w, x, y, z) and its qvel/qacc the angular velocity and
// acceleration in the child frame, as ours; hinge and slide coordinates are the same scalars. Bodies are
// matched by name, since MuJoCo numbers them depth first and makeRandomTree does not.
#include <mujoco/mujoco.h>

#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include "bench/bench_common.hpp"
#include "bench/mujoco_support.hpp"
#include "engine/dynamics/integrator.hpp"
#include "engine/io/mjcf_export.hpp"

namespace spineload::bench {
namespace {

// MuJoCo's default warning handler appends to MUJOCO_LOG.TXT in the working directory: count instead.
int g_mujoco_warnings = 0;
void countWarning(const char* /*message*/) {
  ++g_mujoco_warnings;
}

class MujocoPeer {
 public:
  MujocoPeer(const Problem& p, const char* integrator) {
    mju_user_warning = countWarning;
    MjcfOptions options;
    options.model_name = "spineload_bench";
    options.timestep_s = kStepSeconds;
    options.integrator = integrator;
    const std::string xml = exportMjcf(p.model, options);
    m_ = loadMjcfFromMemory(xml, "spineload_bench.xml");
    d_ = mj_makeData(m_);
    for (const Body& b : p.model.bodies) {
      // A prescribed root is a mocap body in the MJCF, placed at its X_tree; ours is wherever data.base puts
      // it (the identity pose in a fresh Data, as the reference ABA has it): put MuJoCo's there too.
      if (b.joint == JointType::Prescribed) {
        const int body = mj_name2id(m_, mjOBJ_BODY, b.name.c_str());
        if (body < 0 || m_->body_mocapid[body] < 0) throw std::runtime_error("no mocap body " + b.name);
        mocaps_.push_back(m_->body_mocapid[body]);
      }
      if (b.nv == 0) continue;
      if (b.joint == JointType::Free) throw std::runtime_error("free joints use other coordinates in MuJoCo");
      const int body = mj_name2id(m_, mjOBJ_BODY, b.name.c_str());
      if (body < 0 || m_->body_jntnum[body] != 1) throw std::runtime_error("body " + b.name + " not in MJCF");
      const int joint = m_->body_jntadr[body];
      joints_.push_back({b.q_index, b.nq, m_->jnt_qposadr[joint], b.v_index, b.nv, m_->jnt_dofadr[joint]});
    }
    if (m_->nv != p.model.nv || m_->nq != p.model.nq) throw std::runtime_error("MJCF sizes differ");
    setState(p.q, p.v, p.tau);
  }
  ~MujocoPeer() {
    mj_deleteData(d_);
    mj_deleteModel(m_);
  }
  MujocoPeer(const MujocoPeer&) = delete;
  MujocoPeer& operator=(const MujocoPeer&) = delete;

  void setState(const Eigen::VectorXd& q, const Eigen::VectorXd& v, const Eigen::VectorXd& tau) {
    for (const JointMap& j : joints_) {
      for (int k = 0; k < j.nq; ++k) d_->qpos[j.mj_q + k] = q[j.q + k];
      for (int k = 0; k < j.nv; ++k) {
        d_->qvel[j.mj_v + k] = v[j.v + k];
        d_->qfrc_applied[j.mj_v + k] = tau[j.v + k];
      }
    }
    for (int k : mocaps_) {
      mju_zero3(d_->mocap_pos + 3 * k);
      mju_unit4(d_->mocap_quat + 4 * k);
    }
    d_->time = 0.0;
  }
  /// A MuJoCo vector of size nq (qpos) or nv (qvel, qacc) in spineload's ordering.
  Eigen::VectorXd gather(const mjtNum* x, bool positions) const {
    Eigen::VectorXd out(positions ? m_->nq : m_->nv);
    for (const JointMap& j : joints_) {
      const int n = positions ? j.nq : j.nv, from = positions ? j.mj_q : j.mj_v, to = positions ? j.q : j.v;
      for (int k = 0; k < n; ++k) out[to + k] = x[from + k];
    }
    return out;
  }
  const mjModel* m() const { return m_; }
  mjData* d() { return d_; }

 private:
  struct JointMap {
    int q, nq, mj_q, v, nv, mj_v;
  };
  mjModel* m_ = nullptr;
  mjData* d_ = nullptr;
  std::vector<JointMap> joints_;
  std::vector<int> mocaps_;  ///< mocap ids of prescribed roots
};

// Once per (tree, size): mj_forward's qacc against our ABA, then one Euler step (MuJoCo's Euler is
// semi-implicit with no damping, as ours) against ours.
struct CheckResult {
  std::string text;
  bool ok = false;
  double rel_diff_qacc = 0.0;
};

const CheckResult& checkOnce(const Problem& p) {
  static std::map<std::pair<std::string, int>, CheckResult> cache;
  const auto key = std::make_pair(p.label, p.model.nbodies());
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  MujocoPeer peer(p, "Euler");
  mj_forward(peer.m(), peer.d());
  const Eigen::VectorXd ours = referenceAcceleration(p);
  const Eigen::VectorXd theirs = peer.gather(peer.d()->qacc, false);
  std::string text = describeDisagreement(ours, theirs, "MuJoCo mj_forward");
  const double rel = relativeDifference(ours, theirs);
  bool ok = rel < kAgreementTolerance;
  if (ok) {
    peer.setState(p.q, p.v, p.tau);
    mj_step(peer.m(), peer.d());
    Data d(p.model);
    d.q = p.q, d.v = p.v, d.tau = p.tau;
    step(p.model, d, kStepSeconds, Integrator::SemiImplicitEuler);
    const double dv = relativeDifference(d.v, peer.gather(peer.d()->qvel, false));
    const double dq = relativeDifference(d.q, peer.gather(peer.d()->qpos, true));
    ok = dv < kAgreementTolerance && dq < kAgreementTolerance;
    char buf[160];
    std::snprintf(buf, sizeof buf, "; one Euler step: rel. difference v %.3g, q %.3g", dv, dq);
    text += buf;
  }
  std::fprintf(stderr, "[check] %s %d bodies: %s\n", p.label.c_str(), p.model.nbodies(), text.c_str());
  return cache[key] = {text, ok, rel};
}

// Builds the problem and the peer after the agreement check; nullptr (benchmark skipped) on any failure.
std::unique_ptr<MujocoPeer> prepare(benchmark::State& state, TreeKind kind, const char* integrator,
                                    Problem& p) {
  try {
    p = makeProblem(kind, static_cast<int>(state.range(0)));
    const CheckResult& check = checkOnce(p);
    if (!acceptCheck(state, check.ok, check.text)) return nullptr;
    state.counters["rel_diff_qacc"] = check.rel_diff_qacc;
    return std::make_unique<MujocoPeer>(p, integrator);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return nullptr;
  }
}

void BM_MujocoForward(benchmark::State& state, TreeKind kind) {
  Problem p;
  const auto peer = prepare(state, kind, "Euler", p);
  if (!peer) return;
  for (auto _ : state) {
    mj_forward(peer->m(), peer->d());
    benchmark::DoNotOptimize(peer->d()->qacc);
    benchmark::ClobberMemory();
  }
  reportCounters(state, p.model);
}

void stepBenchmark(benchmark::State& state, TreeKind kind, const char* integrator) {
  Problem p;
  const auto peer = prepare(state, kind, integrator, p);
  if (!peer) return;
  g_mujoco_warnings = 0;
  long steps = 0;
  for (auto _ : state) {
    if (++steps == kStepsBeforeReset) {
      steps = 0;
      peer->setState(p.q, p.v, p.tau);
    }
    mj_step(peer->m(), peer->d());
    benchmark::DoNotOptimize(peer->d()->qpos);
    benchmark::ClobberMemory();
  }
  state.counters["mujoco_warnings"] = g_mujoco_warnings;  // 0: no divergence, no self-reset was timed
  reportCounters(state, p.model);
}

void BM_MujocoStepEuler(benchmark::State& state, TreeKind kind) {
  stepBenchmark(state, kind, "Euler");
}
void BM_MujocoStepRk4(benchmark::State& state, TreeKind kind) {
  stepBenchmark(state, kind, "RK4");
}

// mj_forward with MuJoCo's own stage timers on (mujoco_support.hpp).
void BM_MujocoForwardStages(benchmark::State& state, TreeKind kind) {
  Problem p;
  const auto peer = prepare(state, kind, "Euler", p);
  if (!peer) return;
  mjData* d = peer->d();
  timeMujocoForwardStages(state, peer->m(), d);
  reportCounters(state, p.model);
}

BENCHMARK_CAPTURE(BM_MujocoForward, chain, TreeKind::Chain)->Apply(chainSizes);
BENCHMARK_CAPTURE(BM_MujocoStepEuler, chain, TreeKind::Chain)->Apply(chainSizes);
BENCHMARK_CAPTURE(BM_MujocoStepRk4, chain, TreeKind::Chain)->Apply(chainSizes);
BENCHMARK_CAPTURE(BM_MujocoForwardStages, chain, TreeKind::Chain)->Apply(chainSizes);
BENCHMARK_CAPTURE(BM_MujocoForward, tree, TreeKind::Tree)->Apply(treeSize);
BENCHMARK_CAPTURE(BM_MujocoStepEuler, tree, TreeKind::Tree)->Apply(treeSize);
BENCHMARK_CAPTURE(BM_MujocoStepRk4, tree, TreeKind::Tree)->Apply(treeSize);
BENCHMARK_CAPTURE(BM_MujocoForwardStages, tree, TreeKind::Tree)->Apply(treeSize);
BENCHMARK_CAPTURE(BM_MujocoForward, trunk, TreeKind::Trunk)->Apply(trunkModel);
BENCHMARK_CAPTURE(BM_MujocoStepEuler, trunk, TreeKind::Trunk)->Apply(trunkModel);
BENCHMARK_CAPTURE(BM_MujocoForwardStages, trunk, TreeKind::Trunk)->Apply(trunkModel);

}  // namespace
}  // namespace spineload::bench
