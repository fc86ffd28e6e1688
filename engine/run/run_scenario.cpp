#include "engine/run/run_scenario.hpp"

#include <chrono>
#include <optional>
#include <sstream>
#include <utility>

#include "engine/anatomy/trunk_builder.hpp"
#include "engine/control/muscle_controller.hpp"
#include "engine/control/posture_hold.hpp"
#include "engine/control/trunk_stabilization.hpp"
#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/dynamics/model_hash.hpp"
#include "engine/dynamics/rnea.hpp"
#include "engine/gait/arm_swing.hpp"
#include "engine/gait/breathing.hpp"
#include "engine/gait/pelvis_driver.hpp"
#include "engine/metrics/body_accelerations.hpp"
#include "engine/metrics/disc_pressure.hpp"
#include "engine/metrics/level_loads.hpp"
#include "engine/metrics/load_sharing.hpp"
#include "engine/metrics/trunk_stability.hpp"
#include "engine/muscles/muscle_set.hpp"

namespace spineload {
namespace {

void reserveSeries(RunResult& r, std::size_t samples) {
  r.time_s.reserve(samples);
  for (LevelSeries& s : r.levels)
    for (auto* v : {&s.compression_n, &s.shear_ap_n, &s.shear_ml_n, &s.moment_fe_nm, &s.moment_lb_nm,
                    &s.moment_ax_nm, &s.idp_mpa, &s.disc_height_m})
      v->reserve(samples);
  r.stature_change_m.reserve(samples);
  for (AccelerationSeries& a : r.accelerations) a.m_s2.reserve(3 * samples);
  for (auto* v : {&r.pelvis_position_m, &r.pelvis_velocity_m_s, &r.pelvis_acceleration_m_s2})
    v->reserve(3 * samples);
}

// The loads and the discs' hydration at every level of the trunk, for the current state.
struct LevelState {
  std::vector<LevelLoad> loads;   ///< per trunk level
  std::vector<double> hydration;  ///< per trunk level
  std::vector<int> series_level;  ///< trunk level index of each output series
  // The muscles' share (muscles only): their wrench on each body and its sum over each subtree.
  AlignedVector<Vec6> muscle_wrench, muscle_subtree;
};

// Loads at every level for the state (q, v, t) of `d` under its current torques.
void evaluate(const TrunkModel& trunk, Data& d, LevelState& state) {
  const Model& model = *trunk.model;
  forwardDynamics(model, d, d.time_s, d.q, d.v);
  jointReactions(model, d);
  for (std::size_t i = 0; i < trunk.levels.size(); ++i)
    state.loads[i] = levelLoad(model, d, d.q, trunk.levels[i].body);
}

// The slow fluid flow of each disc under its current axial stress, over dt_s.
void hydrate(const TrunkModel& trunk, LevelState& state, double dt_s) {
  for (std::size_t i = 0; i < trunk.levels.size(); ++i) {
    const SpineLevel& level = trunk.levels[i];
    if (level.disc_area_m2 <= 0.0) continue;
    const double stress_pa = state.loads[i].compression_n / level.disc_area_m2;
    state.hydration[i] = trunk.discs.advanceHydration(state.hydration[i], stress_pa, dt_s);
  }
}

// The running excitation's own signals (null members when not running; grf also null when a motion file
// drives the pelvis).
struct Excitation {
  const StrideGrf* grf = nullptr;
  const ArmSwing* arms = nullptr;
  const BreathingCycle* breathing = nullptr;
};

// Appends one sample of every series from the evaluated state.
void record(const TrunkModel& trunk, const Data& d, const LevelState& state, const Excitation& e,
            RunResult& r) {
  r.time_s.push_back(d.time_s);
  if (e.grf) {
    double fx, fz;
    e.grf->force(d.time_s, fx, fz);
    r.grf_vertical_n.push_back(fz);
    r.grf_fore_aft_n.push_back(fx);
  }
  if (e.arms) {
    r.breathing_volume_fraction.push_back(e.breathing->volumeFraction(d.time_s));
    r.arm_flexion_r_rad.push_back(e.arms->flexion_rad(d.time_s, -1));
    r.arm_flexion_l_rad.push_back(e.arms->flexion_rad(d.time_s, +1));
  }
  double stature_change = 0.0;
  for (std::size_t i = 0; i < trunk.levels.size(); ++i)
    stature_change += (state.hydration[i] - 1.0) * trunk.levels[i].morning_disc_height_m;
  r.stature_change_m.push_back(stature_change);
  for (std::size_t k = 0; k < r.levels.size(); ++k) {
    LevelSeries& s = r.levels[k];
    const int i = state.series_level[k];
    const SpineLevel& level = trunk.levels[i];
    const LevelLoad& l = state.loads[i];
    s.idp_mpa.push_back(intradiscalPressureMpa(trunk.discs, level, l.compression_n, state.hydration[i]));
    const double deformation = level.disc_body < 0 ? 0.0 : d.q[trunk.model->bodies[level.disc_body].q_index];
    s.disc_height_m.push_back(state.hydration[i] * level.morning_disc_height_m + deformation);
    s.compression_n.push_back(l.compression_n);
    s.shear_ap_n.push_back(l.shear_ap_n);
    s.shear_ml_n.push_back(l.shear_ml_n);
    s.moment_fe_nm.push_back(l.moment_fe_nm);
    s.moment_lb_nm.push_back(l.moment_lb_nm);
    s.moment_ax_nm.push_back(l.moment_ax_nm);
    if (state.muscle_subtree.empty()) continue;
    const LevelShare share = levelShare(*trunk.model, d.q, s.body, state.muscle_subtree[s.body], l);
    s.muscle_compression_n.push_back(share.muscle_compression_n);
    s.muscle_moment_lb_nm.push_back(share.muscle_moment_nm[0]);
    s.muscle_moment_fe_nm.push_back(share.muscle_moment_nm[1]);
    s.muscle_moment_ax_nm.push_back(share.muscle_moment_nm[2]);
    s.net_moment_lb_nm.push_back(share.net_moment_nm[0]);
    s.net_moment_fe_nm.push_back(share.net_moment_nm[1]);
    s.net_moment_ax_nm.push_back(share.net_moment_nm[2]);
  }
  for (AccelerationSeries& a : r.accelerations) {
    const Vec3 acc = comAccelerationWorld(*trunk.model, d, a.body);
    a.m_s2.insert(a.m_s2.end(), acc.data(), acc.data() + 3);
  }
  const BaseKinematics& k = d.base;
  r.pelvis_position_m.insert(r.pelvis_position_m.end(), k.p_WB_W.data(), k.p_WB_W.data() + 3);
  r.pelvis_velocity_m_s.insert(r.pelvis_velocity_m_s.end(), k.v_WB_W.data(), k.v_WB_W.data() + 3);
  r.pelvis_acceleration_m_s2.insert(r.pelvis_acceleration_m_s2.end(), k.a_WB_W.data(), k.a_WB_W.data() + 3);
}

// Starts every axial disc joint at its static equilibrium under the loads of the first instant, so the run
// does not begin with the discs springing under the body's weight (a few Newton steps per disc joint).
void settleDiscs(const TrunkModel& trunk, Data& d) {
  const Model& model = *trunk.model;
  Data scratch(model);
  scratch.base = d.base;
  for (int i = 0; i < model.nbodies(); ++i) scratch.f_ext[i] = d.f_ext[i];
  const Eigen::VectorXd zero = Eigen::VectorXd::Zero(model.nv);
  for (int iteration = 0; iteration < 20; ++iteration) {
    rnea(model, scratch, d.q, zero, zero);  // what each joint must transmit to hold still
    computePassiveForces(model, scratch, d.q, zero, true);
    for (const SpineLevel& l : trunk.levels) {
      if (l.disc_body < 0) continue;
      const Body& b = model.bodies[l.disc_body];
      const double residual = scratch.tau_passive[b.v_index] - scratch.tau_id[b.v_index];
      d.q[b.q_index] += residual / scratch.stiffness_diag[b.v_index];
    }
  }
}

// Lying on a support: each segment's weight is carried where it is (a bed under every segment), so the
// spine carries no gravity load. Recomputed every step from the current pose.
// Needs data.base at data.time_s.
void applySupport(const Model& model, Data& d) {
  forwardKinematics(model, d, d.q, d.v);
  for (int i = 0; i < model.nbodies(); ++i) {
    const RigidInertia& I = model.bodies[i].inertia;
    const Vec3 F_B = d.X_world[i].E * (-I.mass_kg * model.gravity_W);
    d.f_ext[i] << I.com().cross(F_B), F_B;
  }
}

// What holds the trunk: the muscles (with reserves and abdominal pressure) or joint torques alone, and the
// trunk's stability sampled at its own rate.
struct Actuation final : StageForces {
  std::optional<PostureHold> hold;  ///< joint torques alone (control.actuators = torques)
  std::optional<MuscleController> muscles;
  std::optional<TrunkStability> stability;
  AlignedVector<Vec6> external;  ///< the external forces of this step, before the muscles add theirs
  AlignedVector<Vec6> held;      ///< the forces the stability analysis holds (external + abdominal pressure)
  double last_time_s = 0.0;
  bool actuated_state = false;  ///< d.f_ext holds the muscles' wrenches at the state actuate() saw

  Actuation(const ScenarioSpec& spec, const TrunkModel& trunk, const JointReference* reference,
            const BreathingCycle* breathing)
      : external(trunk.model->nbodies(), Vec6::Zero()), held(trunk.model->nbodies(), Vec6::Zero()) {
    if (!trunk.muscles) {
      hold.emplace(*trunk.model, spec.control.posture_bandwidth_hz, spec.control.posture_damping_ratio,
                   reference);
      return;
    }
    MuscleControlParams p;
    p.bandwidth_hz = spec.control.posture_bandwidth_hz;
    p.damping_ratio = spec.control.posture_damping_ratio;
    p.control_rate_hz = spec.control.rate_hz;
    p.step_s = spec.simulation.dt_s;
    p.effort_exponent = spec.control.effort_exponent;
    p.reserve_optimal_torque_nm = spec.control.reserve_optimal_torque_nm;
    p.core_floor_activation = spec.muscles.core_stiffness;
    for (const char* arm : {"arm_l", "arm_r"})
      if (const int b = trunk.model->findBody(arm); b >= 0) p.torque_driven_bodies.push_back(b);
    muscles.emplace(*trunk.model, trunk.muscles, trunk.abdomen, p, reference, breathing);
    stability.emplace(trunk, trunk.muscles.get());
  }

  // Sets d.tau (and the muscle wrenches in d.f_ext, which holds the external forces on entry).
  void actuate(const Model& model, Data& d) {
    if (hold) return hold->update(model, d);
    for (int i = 0; i < model.nbodies(); ++i) external[i] = d.f_ext[i];
    muscles->update(model, d, d.time_s - last_time_s);
    last_time_s = d.time_s;
    actuated_state = true;
  }

  // Within a step: the muscles' forces follow the state (the external forces are those of the step start).
  void apply(const Model& model, Data& d, double time_s, const Eigen::VectorXd& q,
             const Eigen::VectorXd& v) override {
    // A step's first stage is the state actuate() has just evaluated: its wrenches are in d.f_ext already.
    if (std::exchange(actuated_state, false) && time_s == last_time_s) return;
    updatePrescribedBase(model, d, time_s);
    muscles->applyAtState(model, d, q, v, external);
  }
  void addDampingDiagonal(Eigen::VectorXd& damping_diag) const override {
    muscles->addDampingDiagonal(damping_diag);
  }
  StageForces* stageForces() { return muscles ? this : nullptr; }

  // The muscles' own wrench on each body: what they added to the external forces, less the abdominal
  // pressure (which load sharing counts with the external forces).
  void muscleWrenches(const TrunkModel& trunk, const Data& d, AlignedVector<Vec6>& out) const {
    out.resize(external.size());
    for (std::size_t i = 0; i < external.size(); ++i) out[i] = d.f_ext[i] - external[i];
    if (trunk.abdomen.diaphragm_body >= 0) out[trunk.abdomen.diaphragm_body] -= muscles->abdominalWrench();
  }

  void record(RunResult& r) const {
    if (!muscles) return;
    const Eigen::VectorXd& a = muscles->activation();
    const Eigen::VectorXd& f = muscles->force_n();
    r.muscle_activation.insert(r.muscle_activation.end(), a.data(), a.data() + a.size());
    r.muscle_force_n.insert(r.muscle_force_n.end(), f.data(), f.data() + f.size());
    r.abdominal_pressure_pa.push_back(muscles->abdominalPressurePa());
    r.reserve_rms_nm.push_back(muscles->reserveRmsNm());
    r.reserve_max_nm.push_back(muscles->reserveMaxNm());
  }

  // The stability at the current state: the external forces plus the abdominal pressure, held.
  void recordStability(const TrunkModel& trunk, const Data& d, RunResult& r) {
    if (!muscles) return;
    for (std::size_t i = 0; i < external.size(); ++i)
      held[i] = external[i];  // not external itself: bit-identical runs
    if (trunk.abdomen.diaphragm_body >= 0) held[trunk.abdomen.diaphragm_body] += muscles->abdominalWrench();
    r.stability_time_s.push_back(d.time_s);
    r.stability_nm_per_rad.push_back(stability->smallestEigenvalue(d, held, muscles->force_n()));
  }
};

// The levels written (output.levels) and the bodies whose accelerations are recorded.
void selectSeries(const ScenarioSpec& spec, const TrunkModel& trunk, LevelState& state, RunResult& r) {
  for (const std::string& name : spec.output.levels) {
    const SpineLevel* level = trunk.findLevel(name);
    if (!level) throw std::invalid_argument("output.levels: the model has no level " + name);
    r.levels.push_back({});
    r.levels.back().level = name;
    r.levels.back().body = level->body;
    state.series_level.push_back(static_cast<int>(level - trunk.levels.data()));
  }
  for (const char* name : {"pelvis", "T12", "T7", "T1", "head"})
    if (const int b = trunk.model->findBody(name); b >= 0) r.accelerations.push_back({name, b, {}});
}

// The muscles' names, groups and sides, and room for their series and the load sharing.
void prepareMuscleSeries(const MuscleSet& set, std::size_t samples, RunResult& r) {
  r.muscle_names.reserve(set.muscles.size());
  for (const Muscle& m : set.muscles) {
    r.muscle_names.push_back(m.name);
    r.muscle_groups.push_back(m.group);
    r.muscle_sides.push_back(m.side);
  }
  r.muscle_activation.reserve(samples * r.muscle_names.size());
  r.muscle_force_n.reserve(samples * r.muscle_names.size());
  for (auto* v : {&r.abdominal_pressure_pa, &r.reserve_rms_nm, &r.reserve_max_nm}) v->reserve(samples);
  for (LevelSeries& l : r.levels)
    for (auto* v : {&l.muscle_compression_n, &l.net_moment_fe_nm, &l.net_moment_lb_nm, &l.net_moment_ax_nm,
                    &l.muscle_moment_fe_nm, &l.muscle_moment_lb_nm, &l.muscle_moment_ax_nm})
      v->reserve(samples);
}

// The first coordinate that is not finite, or whose speed is beyond any running trunk's (1e4 rad/s or m/s:
// two hundred times the fastest arm swing; a diverging integration passes it steps before it overflows),
// named with its joint's body: "v[41] = nan, joint of body 'T7'"; "" when the state is sound.
std::string blownUpCoordinate(const Model& model, const Data& d) {
  constexpr double kDivergedSpeed = 1e4;
  auto body_of = [&](int index, bool velocity) {
    for (const Body& b : model.bodies) {
      const int first = velocity ? b.v_index : b.q_index, count = velocity ? b.nv : b.nq;
      if (index >= first && index < first + count) return b.name;
    }
    return std::string("?");
  };
  auto describe = [&](const char* vector, int index, double value, bool velocity) {
    std::ostringstream m;
    m << vector << '[' << index << "] = " << value << ", joint of body '" << body_of(index, velocity) << "'";
    return m.str();
  };
  for (int i = 0; i < d.q.size(); ++i)
    if (!std::isfinite(d.q[i])) return describe("q", i, d.q[i], false);
  for (int i = 0; i < d.v.size(); ++i)
    if (!std::isfinite(d.v[i]) || std::abs(d.v[i]) > kDivergedSpeed) return describe("v", i, d.v[i], true);
  return "";
}

}  // namespace

TrunkModel buildScenarioModel(const ScenarioSpec& spec) {
  PelvisExcitation e = makePelvisExcitation(spec);
  TrunkModel t = buildTrunk(spec.subject, spec.posture, e.pelvis, nullptr, spec.discs);
  t.gait = std::move(e.gait);
  if (spec.control.actuators == "muscles") {
    const MuscleParams& p = spec.muscles;
    MuscleModifiers mods;
    mods.core_strength = p.core_strength;
    for (const MuscleParams::Group& g : p.groups) mods.groups.push_back({g.name, g.strength, g.tightness});
    mods.muscle_temperature_c = p.muscle_temperature_c;
    const HillConstants hill = readHillConstants();
    t.muscles = std::make_shared<const MuscleSet>(buildMuscleSet(
        readTrunkMuscleCatalog(), *t.model, spec.subject.height_m, spec.subject.body_mass_kg, mods, hill));
    t.abdomen = buildAbdominalPressure(*t.model, spec.breathing.mode, spec.subject.height_m);
  }
  return t;
}

void recordDerivedGait(const TrunkModel& trunk, ScenarioSpec& spec) {
  ParameterSetting& overstride = spec.values.values.at("gait.overstride_m");
  if (trunk.gait && !overstride.set_in_file) overstride.value = trunk.gait->grf.gait().overstride_m;
}

RunResult runScenario(const ScenarioSpec& spec, const TrunkModel& trunk) {
  const auto start = std::chrono::steady_clock::now();
  const Model& model = *trunk.model;
  const SimulationParams& sim = spec.simulation;
  if (needsPrescribedMotion(model) && !model.prescribed_motion)
    throw std::invalid_argument("the model has a prescribed root but no motion to drive it");
  RunResult r;
  r.scenario_id = spec.name;
  r.model_hash = modelHash(model);
  LevelState state;
  state.loads.resize(trunk.levels.size());
  state.hydration.assign(trunk.levels.size(), spec.discs.hydration);
  selectSeries(spec, trunk, state, r);
  const std::size_t samples = static_cast<std::size_t>(sim.n_steps / sim.output_every_steps + 1);
  reserveSeries(r, samples);
  Data d(model);
  // Running: the arms swing with the stride (tracked by the controller) and breathing locks to it.
  std::optional<ArmSwing> arms;
  std::optional<TrunkStabilization> stabilization;
  std::optional<JointReferenceList> running_reference;
  std::optional<BreathingCycle> breathing;
  Excitation excitation;
  if (trunk.gait) {
    const RunningGait& g = *trunk.gait;
    arms.emplace(model, g.arms, g.grf.stridePeriod_s());
    // The lumbar levels take up the pelvis's rotations, so the trunk above stays level
    // (trunk_stabilization.hpp).
    std::vector<int> lumbar;
    for (const char* name : {"L5", "L4", "L3", "L2", "L1", "T12"})
      if (const int b = model.findBody(name); b >= 0) lumbar.push_back(b);
    stabilization.emplace(model, lumbar, g.grf.stridePeriod_s());
    running_reference.emplace(std::vector<const JointReference*>{&*arms, &*stabilization});
    breathing.emplace(g.breathing, g.grf.stepPeriod_s());
    excitation = {spec.gait.motion_file.empty() ? &g.grf : nullptr, &*arms, &*breathing};
    // A measured pelvis motion has its own cadence, unknown to the generator: no strides, so the summaries
    // use the run's second half and leave the per-stride figures NaN (docs/summaries.md).
    r.stride_period_s = spec.gait.motion_file.empty() ? g.grf.stridePeriod_s() : 0.0;
    for (auto* v : {&r.breathing_volume_fraction, &r.arm_flexion_r_rad, &r.arm_flexion_l_rad})
      v->reserve(samples);
    if (excitation.grf)
      for (auto* v : {&r.grf_vertical_n, &r.grf_fore_aft_n}) v->reserve(samples);
  }
  // Outside running, breathing at rest: 15 breaths per minute (4 s cycle), inhaling for half of it.
  std::optional<BreathingCycle> rest_breathing;
  if (!breathing) rest_breathing.emplace(BreathingCoupling{2, 2}, 1.0);
  Actuation actuation(spec, trunk, running_reference ? &*running_reference : nullptr,
                      breathing ? &*breathing : &*rest_breathing);
  if (actuation.muscles) prepareMuscleSeries(*trunk.muscles, samples, r);
  const long long stability_every =
      sim.stability_rate_hz > 0.0 ? std::max(1LL, std::llround(1.0 / (sim.dt_s * sim.stability_rate_hz))) : 0;
  if (stability_every > 0 && actuation.muscles)
    for (auto* v : {&r.stability_time_s, &r.stability_nm_per_rad})
      v->reserve(sim.n_steps / stability_every + 1);
  const bool lying = spec.gait.mode == "lying";
  const auto environment = [&]() {
    updatePrescribedBase(model, d, d.time_s);
    for (Vec6& f : d.f_ext) f.setZero();
    if (lying) applySupport(model, d);
    actuation.actuate(model, d);
  };
  const auto sample = [&](long long s) {
    if (s % sim.output_every_steps == 0) {
      if (actuation.muscles) {
        actuation.muscleWrenches(trunk, d, state.muscle_wrench);
        subtreeWrenches(model, d, state.muscle_wrench, state.muscle_subtree);
      }
      record(trunk, d, state, excitation, r);
      actuation.record(r);
    }
    if (stability_every > 0 && s % stability_every == 0) actuation.recordStability(trunk, d, r);
  };
  environment();
  settleDiscs(trunk, d);
  environment();
  evaluate(trunk, d, state);
  sample(0);
  for (long long s = 1; s <= sim.n_steps; ++s) {
    step(model, d, sim.dt_s, sim.integrator, actuation.stageForces());
    d.time_s = static_cast<double>(s) * sim.dt_s;  // no accumulated round-off in the clock
    if (const std::string what = blownUpCoordinate(model, d); !what.empty()) {
      std::ostringstream msg;
      msg << "scenario '" << spec.name << "': the state diverged or became non-finite at t = " << d.time_s
          << " s (step " << s << ", " << what
          << "); try a smaller simulation.dt_s or the implicit_euler integrator";
      throw SimulationError(msg.str());
    }
    environment();
    // The loads are outputs (nothing in the dynamics reads them): evaluated at the output rate, where the
    // discs' slow fluid flow (time constants of hours) also advances, over the samples' interval.
    if (s % sim.output_every_steps == 0) {
      evaluate(trunk, d, state);
      hydrate(trunk, state, sim.dt_s * sim.output_every_steps);
    }
    sample(s);
  }
  r.steps = sim.n_steps;
  r.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace spineload
