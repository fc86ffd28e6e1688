// MuJoCo 2.2.2 with muscle actuators against our muscle step, on the full running trunk (24 bodies, nv 69,
// 190 fascicles) exported with exportMjcf(options.muscles): one spatial tendon and one <muscle> per
// fascicle. Both start from the same state (a perturbed posture, random velocities, every activation held
// at 0.2) and do comparable work per step: path geometry and moment arms, muscle forces, forward dynamics
// and integration. MuJoCo's muscle curves are not ours (docs/benchmarks.md, "MuJoCo with muscle
// actuators"), so the forces differ and this compares costs, not trajectories; the geometry the two share
// (path lengths and moment arms) is checked to 1e-10 before anything is timed
// (tests/test_mujoco_muscles.cpp checks it thoroughly).
//
// Ours is written here from public engine APIs, as MuscleController::applyAtState and runScenario use them
// but without the controller's static optimization: a StageForces that, at every stage, computes the
// kinematics, the path geometry, each fibre's force at the held activation (fiberState, forceTermsAndSlope)
// and the muscle wrenches, then step().
#include <mujoco/mujoco.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_common.hpp"
#include "bench/mujoco_support.hpp"
#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/integrator.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/io/mjcf_export.hpp"
#include "engine/muscles/muscle_set.hpp"
#include "engine/run/run_scenario.hpp"
#include "engine/scenario/parameter_table.hpp"
#include "engine/scenario/scenario_error.hpp"
#include "engine/scenario/scenario_file.hpp"

namespace spineload::bench {
namespace {

constexpr double kHeldActivation = 0.2;
/// Path lengths and moment arms must agree this well (relative) before MuJoCo is timed.
constexpr double kGeometryTolerance = 1e-10;

// MuJoCo's warning callback takes no user pointer: a function-local counter (its default handler would
// append to MUJOCO_LOG.TXT in the working directory).
int& mujocoWarnings() {
  static int count = 0;
  return count;
}
void countMujocoWarning(const char* /*message*/) {
  ++mujocoWarnings();
}

// The default running scenario's model and step, and one start state: the posture perturbed by up to
// 0.05 rad per joint coordinate (0.5 mm on the discs' slides), velocities up to 0.5 rad/s (5 mm/s).
struct MuscleProblem {
  TrunkModel trunk;
  Model bare;  ///< the same tree without its force elements (passive tissue), which MuJoCo does not have
  double dt_s = 0.0;
  Eigen::VectorXd q, v;
};

MuscleProblem makeMuscleProblem() {
  const ScenarioSpec spec = toScenarioSpec(parseScenarioText("", "bench.toml", loadParameterTable()));
  MuscleProblem p{buildScenarioModel(spec), {}, spec.simulation.dt_s, {}, {}};
  const Model& model = *p.trunk.model;
  p.bare = model;
  p.bare.force_elements.clear();
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  Eigen::VectorXd dq(model.nv);
  p.v.resize(model.nv);
  for (const Body& b : model.bodies)
    for (int k = 0; k < b.nv; ++k) {
      const bool slide = b.joint == JointType::Prismatic;
      dq[b.v_index + k] = (slide ? 5e-4 : 0.05) * unit(rng);
      p.v[b.v_index + k] = (slide ? 5e-3 : 0.5) * unit(rng);
    }
  p.q.resize(model.nq);
  integrateConfiguration(model, model.q_neutral, dq, 1.0, p.q);
  return p;
}

const MuscleProblem& muscleProblem() {
  static const MuscleProblem problem = makeMuscleProblem();
  return problem;
}

// --- MuJoCo ---

class MujocoMusclePeer {
 public:
  explicit MujocoMusclePeer(const MuscleProblem& p) {
    mju_user_warning = countMujocoWarning;
    MjcfOptions options;
    options.model_name = "spineload_muscles";
    options.timestep_s = p.dt_s;
    options.integrator = "Euler";
    options.muscles = p.trunk.muscles.get();
    load(exportMjcf(*p.trunk.model, options));
    d_ = mj_makeData(m_);
    for (const Body& b : p.trunk.model->bodies) {
      if (b.nv == 0) continue;
      const int body = mj_name2id(m_, mjOBJ_BODY, b.name.c_str());
      if (body < 0 || m_->body_jntnum[body] != 1)
        throw std::runtime_error(cat("body ", b.name, " not in the MJCF"));
      const int joint = m_->body_jntadr[body];
      joints_.push_back({b.q_index, b.nq, m_->jnt_qposadr[joint], b.v_index, b.nv, m_->jnt_dofadr[joint]});
    }
    if (m_->nv != p.trunk.model->nv || m_->nu != p.trunk.muscles->size())
      throw std::runtime_error("MJCF sizes differ");
    setState(p.q, p.v);
  }
  ~MujocoMusclePeer() {
    mj_deleteData(d_);
    mj_deleteModel(m_);
  }
  MujocoMusclePeer(const MujocoMusclePeer&) = delete;
  MujocoMusclePeer& operator=(const MujocoMusclePeer&) = delete;

  /// (q, v), every activation and control at kHeldActivation (so da/dt = 0), t = 0; then mj_forward.
  void setState(const Eigen::VectorXd& q, const Eigen::VectorXd& v) {
    mj_resetData(m_, d_);
    for (const JointMap& j : joints_) {
      for (int k = 0; k < j.nq; ++k) d_->qpos[j.mj_q + k] = q[j.q + k];
      for (int k = 0; k < j.nv; ++k) d_->qvel[j.mj_v + k] = v[j.v + k];
    }
    for (int i = 0; i < m_->nu; ++i) d_->ctrl[i] = kHeldActivation;
    for (int i = 0; i < m_->na; ++i) d_->act[i] = kHeldActivation;
    mj_forward(m_, d_);
  }
  /// Our velocity index -> MuJoCo's DOF.
  int mujocoDof(int v_index) const {
    for (const JointMap& j : joints_)
      if (v_index >= j.v && v_index < j.v + j.nv) return j.mj_v + (v_index - j.v);
    return -1;
  }
  bool finite() const {
    for (int i = 0; i < m_->nq; ++i)
      if (!std::isfinite(d_->qpos[i])) return false;
    return true;
  }
  /// mjJAC_AUTO (sparse tendon Jacobian at nv >= 60), mjJAC_DENSE or mjJAC_SPARSE; then mj_forward.
  void setJacobianLayout(int layout) {
    m_->opt.jacobian = layout;
    mj_forward(m_, d_);
  }
  const mjModel* m() const { return m_; }
  mjData* d() { return d_; }

 private:
  struct JointMap {
    int q, nq, mj_q, v, nv, mj_v;
  };

  void load(const std::string& xml) { m_ = loadMjcfFromMemory(xml, "spineload_muscles.xml"); }

  mjModel* m_ = nullptr;
  mjData* d_ = nullptr;
  std::vector<JointMap> joints_;
};

// --- Ours ---

// The muscles at held activations as the integrator's stage forces: MuscleController::applyAtState and
// fiberForces / addDampingDiagonal without the controller (no static optimization, no reserves, no
// abdominal pressure). No allocation per call.
class HeldActivationMuscles final : public StageForces {
 public:
  HeldActivationMuscles(const Model& model, std::shared_ptr<const MuscleSet> set, double activation)
      : set_(std::move(set)),
        geometry_(model, *set_),
        force_n_(Eigen::VectorXd::Zero(set_->size())),
        damping_n_s_per_m_(Eigen::VectorXd::Zero(set_->size())),
        activation_(activation) {}

  void apply(const Model& model, Data& d, double time_s, const Eigen::VectorXd& q,
             const Eigen::VectorXd& v) override {
    updatePrescribedBase(model, d, time_s);
    forwardKinematics(model, d, q, v);
    updateMuscleGeometry(model, d, v, *set_, geometry_);
    fiberForces();
    for (Vec6& f : d.f_ext) f.setZero();
    addMuscleWrenches(d, *set_, geometry_, force_n_, d.f_ext);
  }
  // Σ_i R_ji² ∂F_i/∂l̇_i, as MuscleController::addDampingDiagonal.
  void addDampingDiagonal(Eigen::VectorXd& damping_diag) const override {
    for (int i = 0; i < set_->size(); ++i) {
      const Muscle& mu = set_->muscles[i];
      for (int k = mu.first_arm; k < mu.first_arm + mu.num_arms; ++k)
        damping_diag[set_->arm_dofs[k]] += geometry_.arm[k] * geometry_.arm[k] * damping_n_s_per_m_[i];
    }
  }
  const MuscleGeometry& geometry() const { return geometry_; }

 private:
  void fiberForces() {
    for (int i = 0; i < set_->size(); ++i) {
      const ForceTermsAndSlope f = fiberForceTerms(*set_, geometry_, i);
      force_n_[i] = activation_ * f.value.active_per_activation_n + f.value.passive_n;
      damping_n_s_per_m_[i] =
          std::max(0.0, activation_ * f.slope.active_per_activation_n + f.slope.passive_n);
    }
  }

  std::shared_ptr<const MuscleSet> set_;
  MuscleGeometry geometry_;
  Eigen::VectorXd force_n_, damping_n_s_per_m_;
  double activation_;
};

// --- The agreement check (once) ---

struct GeometryCheck {
  std::string text;
  bool ok = false;
  double rel_diff_length = 0.0, rel_diff_moment_arm = 0.0;
};

// Path lengths (per fascicle, relative) and moment arms (relative to each fascicle's largest) at the start
// state: ours from updateMuscleGeometry, MuJoCo's ten_length and actuator_moment (dense nu × nv in 2.2.2,
// = ∂l/∂q, so R = −actuator_momentᵀ).
GeometryCheck checkGeometry(const MuscleProblem& p) {
  const Model& model = *p.trunk.model;
  const MuscleSet& set = *p.trunk.muscles;
  MujocoMusclePeer peer(p);
  Data d(model);
  HeldActivationMuscles ours(model, p.trunk.muscles, kHeldActivation);
  ours.apply(model, d, 0.0, p.q, p.v);
  const Eigen::MatrixXd R = denseMomentArms(model, set, ours.geometry());
  GeometryCheck c;
  int worst_length = 0, worst_arm = 0, worst_dof = 0;
  for (int i = 0; i < set.size(); ++i) {
    const int a = mj_name2id(peer.m(), mjOBJ_ACTUATOR, set.muscles[i].name.c_str());
    const int t = peer.m()->actuator_trnid[2 * a];
    const double dl =
        std::abs(ours.geometry().length_m[i] - peer.d()->ten_length[t]) / ours.geometry().length_m[i];
    if (dl > c.rel_diff_length) c.rel_diff_length = dl, worst_length = i;
    // Relative to the fascicle's largest moment arm, or to R's for the two (transversus abdominis, middle
    // part) whose path lies in one body and whose column is zero.
    const double column = R.col(i).cwiseAbs().maxCoeff();
    const double scale = column > 0.0 ? column : R.cwiseAbs().maxCoeff();
    for (int j = 0; j < model.nv; ++j) {
      const double mj_arm = -peer.d()->actuator_moment[a * peer.m()->nv + peer.mujocoDof(j)];
      const double dr = std::abs(R(j, i) - mj_arm) / scale;
      if (dr > c.rel_diff_moment_arm) c.rel_diff_moment_arm = dr, worst_arm = i, worst_dof = j;
    }
  }
  c.ok = c.rel_diff_length < kGeometryTolerance && c.rel_diff_moment_arm < kGeometryTolerance;
  char buf[400];
  std::snprintf(
      buf, sizeof buf,
      "MuJoCo tendons vs our paths, %d fascicles: rel. difference of lengths %.3g (worst %s), of moment "
      "arms %.3g (worst %s, DOF %d); tolerance %.0e",
      set.size(), c.rel_diff_length, set.muscles[worst_length].name.c_str(), c.rel_diff_moment_arm,
      set.muscles[worst_arm].name.c_str(), worst_dof, kGeometryTolerance);
  c.text = buf;
  std::fprintf(stderr, "[check] %s\n", c.text.c_str());
  return c;
}

const GeometryCheck& checkOnce() {
  static const GeometryCheck check = checkGeometry(muscleProblem());
  return check;
}

void reportSizes(benchmark::State& state, const MuscleProblem& p) {
  state.counters["muscles"] = p.trunk.muscles->size();
  state.counters["nv"] = p.trunk.model->nv;
  state.counters["dt_ms"] = 1e3 * p.dt_s;
  // Seconds per iteration (Google Benchmark prints it with an SI prefix: "27.3u" is 27.3 µs).
  state.counters["us_per_step"] = benchmark::Counter(
      static_cast<double>(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// The peer after the agreement check; nullptr (benchmark skipped) on any failure.
std::unique_ptr<MujocoMusclePeer> preparePeer(benchmark::State& state) {
  try {
    const GeometryCheck& check = checkOnce();
    if (!acceptCheck(state, check.ok, check.text)) return nullptr;
    state.counters["rel_diff_length"] = check.rel_diff_length;
    state.counters["rel_diff_moment_arm"] = check.rel_diff_moment_arm;
    return std::make_unique<MujocoMusclePeer>(muscleProblem());
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return nullptr;
  }
}

// --- MuJoCo benchmarks ---

// mj_step, integrator Euler (semi-implicit, nothing implicit without joint damping), at our default step.
// The state is restored every kStepsBeforeReset steps, as in bench_mujoco.cpp; mujoco_warnings must be 0
// (a warning means MuJoCo reset itself inside the timing).
void BM_MujocoMuscleStep(benchmark::State& state) {
  const auto peer = preparePeer(state);
  if (!peer) return;
  const MuscleProblem& p = muscleProblem();
  mujocoWarnings() = 0;
  long steps = 0;
  for (auto _ : state) {
    if (++steps == kStepsBeforeReset) {
      steps = 0;
      peer->setState(p.q, p.v);
    }
    mj_step(peer->m(), peer->d());
    benchmark::DoNotOptimize(peer->d()->qpos);
    benchmark::ClobberMemory();
  }
  state.counters["mujoco_warnings"] = mujocoWarnings();
  state.counters["finite_state"] = peer->finite() ? 1.0 : 0.0;
  reportSizes(state, p);
}

void BM_MujocoMuscleForward(benchmark::State& state) {
  const auto peer = preparePeer(state);
  if (!peer) return;
  for (auto _ : state) {
    mj_forward(peer->m(), peer->d());
    benchmark::DoNotOptimize(peer->d()->qacc);
    benchmark::ClobberMemory();
  }
  reportSizes(state, muscleProblem());
}

// MuJoCo's path geometry alone, at kinematics left by mj_forward: mj_tendon (lengths, ten_J) and, with
// range(0) = 1, mj_transmission too (actuator lengths and the dense nu × nv actuator_moment); range(1) = 1
// forces the dense tendon Jacobian (MuJoCo's automatic choice at nv = 69 is the sparse one). Ours computes
// the lengthening rates as well, which MuJoCo does in mj_fwdVelocity (ten_velocity = ten_J qvel).
void BM_MujocoMuscleTendons(benchmark::State& state) {
  const auto peer = preparePeer(state);
  if (!peer) return;
  const bool transmission = state.range(0) != 0;
  peer->setJacobianLayout(state.range(1) != 0 ? mjJAC_DENSE : mjJAC_AUTO);
  state.counters["sparse_ten_J"] = mj_isSparse(peer->m()) ? 1.0 : 0.0;
  for (auto _ : state) {
    mj_tendon(peer->m(), peer->d());
    if (transmission) mj_transmission(peer->m(), peer->d());
    benchmark::DoNotOptimize(peer->d()->ten_J);
    benchmark::ClobberMemory();
  }
  reportSizes(state, muscleProblem());
}

// mj_forward with MuJoCo's stage timers on (mujoco_support.hpp), as BM_MujocoForwardStages.
void BM_MujocoMuscleForwardStages(benchmark::State& state) {
  const auto peer = preparePeer(state);
  if (!peer) return;
  mjData* d = peer->d();
  timeMujocoForwardStages(state, peer->m(), d);
  reportSizes(state, muscleProblem());
}

// --- Our benchmarks ---

enum class OurStep { ImplicitEuler, ImplicitEulerNoTissue, SemiImplicitEulerNoTissue };

bool finite(const Data& d) {
  return d.q.allFinite() && d.v.allFinite();
}

// One step() with the held-activation muscles: kinematics, path geometry, fibre forces, muscle wrenches,
// (passive tissue,) ABA and the integration. implicit_euler is what runScenario uses; the "no tissue"
// variants drop the force elements, which MuJoCo's model does not have; semi_implicit_euler is the scheme
// of MuJoCo's Euler.
void BM_OursMuscleStep(benchmark::State& state, OurStep variant) {
  const MuscleProblem& p = muscleProblem();
  const Model& model = variant == OurStep::ImplicitEuler ? *p.trunk.model : p.bare;
  const Integrator integrator = variant == OurStep::SemiImplicitEulerNoTissue ? Integrator::SemiImplicitEuler
                                                                              : Integrator::ImplicitEuler;
  HeldActivationMuscles muscles(model, p.trunk.muscles, kHeldActivation);
  Data d(model);
  const auto reset = [&] {
    d.time_s = 0.0;
    d.q = p.q;
    d.v = p.v;
    d.tau.setZero();
  };
  reset();
  long steps = 0;
  for (auto _ : state) {
    if (++steps == kStepsBeforeReset) {
      steps = 0;
      reset();
    }
    step(model, d, p.dt_s, integrator, &muscles);
    benchmark::DoNotOptimize(d.q.data());
    benchmark::ClobberMemory();
  }
  state.counters["finite_state"] = finite(d) ? 1.0 : 0.0;
  reportSizes(state, p);
}

// The counterpart of mj_forward: the muscles' stage at the state, then forwardDynamics (tree without tissue).
void BM_OursMuscleForward(benchmark::State& state) {
  const MuscleProblem& p = muscleProblem();
  HeldActivationMuscles muscles(p.bare, p.trunk.muscles, kHeldActivation);
  Data d(p.bare);
  for (auto _ : state) {
    muscles.apply(p.bare, d, 0.0, p.q, p.v);
    forwardDynamics(p.bare, d, 0.0, p.q, p.v);
    benchmark::DoNotOptimize(d.qdd.data());
    benchmark::ClobberMemory();
  }
  reportSizes(state, p);
}

// The counterpart of mj_tendon + mj_transmission: updateMuscleGeometry after forwardKinematics (not timed).
void BM_OursMuscleGeometry(benchmark::State& state) {
  const MuscleProblem& p = muscleProblem();
  const Model& model = *p.trunk.model;
  Data d(model);
  updatePrescribedBase(model, d, 0.0);
  forwardKinematics(model, d, p.q, p.v);
  MuscleGeometry g(model, *p.trunk.muscles);
  for (auto _ : state) {
    updateMuscleGeometry(model, d, p.v, *p.trunk.muscles, g);
    benchmark::DoNotOptimize(g.arm.data());
    benchmark::ClobberMemory();
  }
  reportSizes(state, p);
}

BENCHMARK(BM_MujocoMuscleStep)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MujocoMuscleForward)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MujocoMuscleForwardStages)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MujocoMuscleTendons)
    ->ArgNames({"transmission", "dense_jacobian"})
    ->Args({0, 0})
    ->Args({1, 0})
    ->Args({0, 1})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_OursMuscleStep, implicit_euler, OurStep::ImplicitEuler)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_OursMuscleStep, implicit_euler_no_tissue, OurStep::ImplicitEulerNoTissue)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_OursMuscleStep, semi_implicit_euler_no_tissue, OurStep::SemiImplicitEulerNoTissue)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OursMuscleForward)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_OursMuscleGeometry)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace spineload::bench
