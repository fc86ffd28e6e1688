#include "engine/scenario/scenario_spec.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "engine/gait/breathing.hpp"
#include "engine/gait/gait_spec.hpp"

namespace spineload {
namespace {

template <class T>
const T& get(const ScenarioValues& v, const std::string& key) {
  return std::get<T>(v.values.at(key).value);
}

[[noreturn]] void fail(const ScenarioValues& v, const std::string& key, const std::string& message) {
  throw ScenarioError(v.values.at(key).where, key, message);
}

bool isSet(const ScenarioValues& v, const std::string& key) {
  return v.values.at(key).set_in_file;
}

// A number key that counts something: a whole number (the table holds its range).
int wholeNumber(const ScenarioValues& v, const std::string& key) {
  const double x = get<double>(v, key);
  if (x != std::floor(x)) fail(v, key, "must be a whole number, got " + formatValue(x));
  return static_cast<int>(x);
}

// One of step frequency and stride length: the speed links them (../shared/DESIGN.md §5).
double resolveStepFrequency(const ScenarioValues& v, double speed) {
  const bool f_set = isSet(v, "gait.step_frequency_hz"), l_set = isSet(v, "gait.stride_length_m");
  if (!l_set) return f_set ? get<double>(v, "gait.step_frequency_hz") : preferredStepFrequency_hz(speed);
  const double from_length = 2.0 * speed / get<double>(v, "gait.stride_length_m");
  if (f_set) {
    const double f = get<double>(v, "gait.step_frequency_hz");
    if (std::abs(f - from_length) > 1e-3 * f) {
      std::ostringstream m;
      m << "disagrees with gait.step_frequency_hz = " << f << " at speed " << speed
        << " m/s (stride = 2 speed / step frequency = " << 2.0 * speed / f << " m); set only one of them";
      fail(v, "gait.stride_length_m", m.str());
    }
  }
  if (from_length < 1.8 || from_length > 4.0) {
    std::ostringstream m;
    m << "gives a step frequency of " << from_length << " Hz at speed " << speed
      << " m/s; allowed 1.8-4 Hz, i.e. a stride of " << speed / 2.0 << " to " << speed << " m";
    fail(v, "gait.stride_length_m", m.str());
  }
  return from_length;
}

void resolveGait(const ScenarioValues& v, ScenarioSpec& s) {
  GaitParams& g = s.gait;
  g.mode = get<std::string>(v, "gait.mode");
  g.speed_m_s = get<double>(v, "gait.speed_m_s");
  g.vertical_oscillation_m = get<double>(v, "gait.vertical_oscillation_m");
  g.step_frequency_hz = resolveStepFrequency(v, g.speed_m_s);
  g.stride_length_m = 2.0 * g.speed_m_s / g.step_frequency_hz;
  // NaN when not set: derived (and not read back from s.values, which records the derived value).
  g.overstride_m = isSet(v, "gait.overstride_m") ? get<double>(v, "gait.overstride_m") : std::nan("");
  g.foot_strike = get<std::string>(v, "gait.foot_strike");
  const std::string motion = get<std::string>(v, "gait.motion_file");
  if (!motion.empty()) {
    std::filesystem::path p(motion);
    // Relative to the file that set it, which may be one reached through include.
    const std::string& set_in = v.values.at("gait.motion_file").where.file;
    if (p.is_relative() && !set_in.empty()) p = std::filesystem::path(set_in).parent_path() / p;
    g.motion_file = p.string();
  }
  s.subject.leg_length_m = isSet(v, "subject.leg_length_m") ? get<double>(v, "subject.leg_length_m")
                                                            : defaultLegLength_m(s.subject.height_m);
  if (g.overstride_m >= s.subject.leg_length_m)
    fail(v, "gait.overstride_m",
         "must be shorter than the leg (subject.leg_length_m = " + std::to_string(s.subject.leg_length_m) +
             " m)");
  try {
    const BreathingCoupling c = parseBreathingCoupling(get<std::string>(v, "breathing.coupling"));
    s.breathing = {c.inhale_steps, c.exhale_steps};
  } catch (const std::invalid_argument& e) {
    fail(v, "breathing.coupling", e.what());
  }
}

void resolveMuscles(const ScenarioValues& v, ScenarioSpec& s) {
  s.breathing.mode = get<std::string>(v, "breathing.mode");
  MuscleParams& m = s.muscles;
  m.core_stiffness = get<double>(v, "core.stiffness");
  m.core_strength = get<double>(v, "core.strength");
  m.muscle_temperature_c = get<double>(v, "warmup.muscle_temperature_c");
  // Every group key that the file (or an include) sets: "muscles.<group>.<strength|tightness>".
  for (const auto& [key, value] : v.values) {
    if (!value.set_in_file || key.rfind("muscles.", 0) != 0) continue;
    const std::size_t dot = key.rfind('.');
    const std::string group = key.substr(8, dot - 8);
    auto it = std::find_if(m.groups.begin(), m.groups.end(), [&](const auto& g) { return g.name == group; });
    if (it == m.groups.end()) it = m.groups.insert(m.groups.end(), {group, 1.0, 0.0});
    (key.substr(dot + 1) == "strength" ? it->strength : it->tightness) = std::get<double>(value.value);
  }
  ControlParams& c = s.control;
  c.actuators = get<std::string>(v, "control.actuators");
  c.rate_hz = get<double>(v, "control.rate_hz");
  c.reserve_optimal_torque_nm = get<double>(v, "control.reserve_optimal_torque_nm");
  const double p = get<double>(v, "control.effort_exponent");
  if (p != 2.0 && p != 3.0) fail(v, "control.effort_exponent", "must be 2 or 3");
  c.effort_exponent = static_cast<int>(p);
}

// The values the derived defaults took, written into s.values (still marked as not set in a file), so that
// /summary and the stored parameters show what the run used instead of NaN. The overstride is the gait
// generator's: recordDerivedGait (run_scenario.hpp) writes it once the model is built.
void recordDerivedValues(ScenarioSpec& s) {
  auto record = [&](const char* key, double value) {
    ParameterSetting& p = s.values.values.at(key);
    if (!p.set_in_file) p.value = value;
  };
  record("subject.leg_length_m", s.subject.leg_length_m);
  record("gait.step_frequency_hz", s.gait.step_frequency_hz);
  record("gait.stride_length_m", s.gait.stride_length_m);
}

}  // namespace

ScenarioSpec toScenarioSpec(const ScenarioValues& v) {
  ScenarioSpec s;
  s.name = std::filesystem::path(v.path).stem().string();
  s.values = v;
  s.subject.body_mass_kg = get<double>(v, "subject.body_mass_kg");
  s.subject.height_m = get<double>(v, "subject.height_m");
  resolveGait(v, s);
  PostureParams& p = s.posture;
  p.thoracic_kyphosis_deg = get<double>(v, "posture.thoracic_kyphosis_deg");
  p.lumbar_lordosis_deg = get<double>(v, "posture.lumbar_lordosis_deg");
  p.forward_head_m = get<double>(v, "posture.forward_head_m");
  p.trunk_lean_deg = get<double>(v, "posture.trunk_lean_deg");
  p.scoliosis_cobb_deg = get<double>(v, "posture.scoliosis_cobb_deg");
  p.scoliosis_apex = get<std::string>(v, "posture.scoliosis_apex");
  p.scoliosis_side = get<std::string>(v, "posture.scoliosis_side");
  s.discs.hydration = get<double>(v, "discs.hydration");
  s.discs.axial_dof = get<bool>(v, "discs.axial_dof");
  s.control.posture_bandwidth_hz = get<double>(v, "control.posture_bandwidth_hz");
  s.control.posture_damping_ratio = get<double>(v, "control.posture_damping_ratio");
  resolveMuscles(v, s);
  SimulationParams& sim = s.simulation;
  sim.duration_s = get<double>(v, "simulation.duration_s");
  sim.dt_s = get<double>(v, "simulation.dt_s");
  sim.integrator = *parseIntegrator(get<std::string>(v, "simulation.integrator"));
  sim.output_rate_hz = get<double>(v, "simulation.output_rate_hz");
  sim.stability_rate_hz = get<double>(v, "simulation.stability_rate_hz");
  sim.drop_strides = wholeNumber(v, "simulation.drop_strides");
  if (sim.duration_s < sim.dt_s) fail(v, "simulation.duration_s", "must be at least one time step (dt_s)");
  if (sim.output_rate_hz * sim.dt_s > 1.0 + 1e-9)
    fail(v, "simulation.output_rate_hz",
         "cannot exceed the simulation rate 1/dt_s = " + std::to_string(1.0 / sim.dt_s) + " Hz");
  sim.output_every_steps = std::max(1, static_cast<int>(std::lround(1.0 / (sim.dt_s * sim.output_rate_hz))));
  sim.n_steps = std::llround(sim.duration_s / sim.dt_s);
  if (std::abs(static_cast<double>(sim.n_steps) * sim.dt_s - sim.duration_s) > 1e-9 * sim.duration_s)
    fail(v, "simulation.duration_s",
         "must be a whole number of time steps (dt_s = " + std::to_string(sim.dt_s) + " s)");
  s.output.time_series = get<bool>(v, "output.time_series");
  s.output.decimate = wholeNumber(v, "output.decimate");
  s.output.levels = get<std::vector<std::string>>(v, "output.levels");
  // Time series are held in memory until the run ends: refuse sizes that cannot fit rather than fail late.
  const double samples = static_cast<double>(sim.n_steps / sim.output_every_steps + 1);
  const double bytes =
      s.output.time_series ? samples * (6.0 * s.output.levels.size() + 10.0) * sizeof(double) : 0.0;
  if (bytes > kMaxSeriesBytes)
    fail(v, "simulation.duration_s",
         "the time series would need " + std::to_string(static_cast<long long>(bytes / 1e9)) +
             " GB; lower simulation.output_rate_hz or duration_s, list fewer output.levels, or set "
             "output.time_series = false");
  // Measured: with axial discs the explicit integrators lose stability between 0.5 and 1 ms.
  if (s.discs.axial_dof && sim.integrator != Integrator::ImplicitEuler && sim.dt_s > 0.0005 + 1e-12)
    fail(v, "discs.axial_dof",
         "needs simulation.dt_s <= 0.0005 with " + std::string(integratorName(sim.integrator)) +
             ", or simulation.integrator = \"implicit_euler\"");
  recordDerivedValues(s);
  return s;
}

ScenarioSpec loadScenario(const std::string& path) {
  return toScenarioSpec(loadScenarioFile(path, loadParameterTable()));
}

}  // namespace spineload
