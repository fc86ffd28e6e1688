// A scenario as the engine sees it: typed, checked, SI. Built from ScenarioValues by toScenarioSpec(),
// which also checks the rules that join several keys (e.g. the output rate against the time step).
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "engine/anatomy/curvature.hpp"
#include "engine/dynamics/integrator.hpp"
#include "engine/scenario/scenario_file.hpp"

namespace spineload {

struct SubjectParams {
  double body_mass_kg = 0.0;
  double height_m = 0.0;
  double leg_length_m = 0.0;  ///< resolved: the key, or 0.53 x height
};

struct GaitParams {
  std::string mode;                     ///< running, standing, lying, oscillation
  double step_frequency_hz = 0.0;       ///< resolved from the key, the stride length or the preferred cadence
  double vertical_oscillation_m = 0.0;  ///< peak-to-peak ('oscillation' mode only)
  double speed_m_s = 0.0;
  double stride_length_m = 0.0;        ///< resolved: 2 speed / step_frequency_hz
  double overstride_m = std::nan("");  ///< NaN: derived from the leg stiffness
  std::string foot_strike = "rearfoot";
  std::string motion_file;  ///< resolved against the scenario file's folder; empty = generator
};

struct BreathingParams {
  int inhale_steps = 2, exhale_steps = 2;  ///< from breathing.coupling "i:e"
  std::string mode = "diaphragmatic";      ///< or "chest"
};

/// The [core], [muscles.<group>] and [warmup] keys.
struct MuscleParams {
  double core_stiffness = 0.0;  ///< co-contraction floor (activation) of the deep core
  double core_strength = 1.0;
  struct Group {
    std::string name;
    double strength = 1.0, tightness = 0.0;
  };
  std::vector<Group> groups;  ///< only the groups a file sets
  double muscle_temperature_c = 37.0;
};

struct DiscParams {
  double hydration = 1.0;  ///< fluid content relative to a morning disc, [0.5, 1]
  bool axial_dof = false;  ///< discs compress along their axis (prismatic DOF) instead of being rigid
};

struct ControlParams {
  double posture_bandwidth_hz = 4.0;
  double posture_damping_ratio = 1.0;
  std::string actuators = "muscles";  ///< or "torques"
  double rate_hz = 500.0;             ///< static-optimization solves per second
  int effort_exponent = 2;
  double reserve_optimal_torque_nm = 1.0;
};

struct SimulationParams {
  double duration_s = 0.0;
  double dt_s = 0.0;
  Integrator integrator = Integrator::ImplicitEuler;
  double output_rate_hz = 0.0;
  double stability_rate_hz = 0.0;  ///< samples of the trunk's stability per second (0 = none)
  int drop_strides = 2;            ///< strides before the steady window of the summaries
  int output_every_steps = 1;      ///< derived: round(1 / (dt_s * output_rate_hz)), >= 1
  long long n_steps = 0;           ///< derived: round(duration_s / dt_s)
};

struct OutputParams {
  bool time_series = true;
  int decimate = 1;  ///< write every k-th recorded sample
  std::vector<std::string> levels;
};

struct ScenarioSpec {
  std::string name;  ///< file stem, used as the scenario id in HDF5
  ScenarioValues values;
  SubjectParams subject;
  GaitParams gait;
  BreathingParams breathing;
  PostureParams posture;
  DiscParams discs;
  MuscleParams muscles;
  ControlParams control;
  SimulationParams simulation;
  OutputParams output;
};

/// Largest in-memory time-series size a scenario may ask for [bytes].
constexpr double kMaxSeriesBytes = 4.0e9;

/// Throws ScenarioError naming the key and its location when a cross-key rule fails.
ScenarioSpec toScenarioSpec(const ScenarioValues& values);

/// loadScenarioFile + toScenarioSpec with the embedded parameter table.
ScenarioSpec loadScenario(const std::string& path);

}  // namespace spineload
