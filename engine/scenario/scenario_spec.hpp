// A scenario as the engine sees it: typed, checked, SI. Built from ScenarioValues by toScenarioSpec(),
// which also checks the rules that join several keys (e.g. the output rate against the time step).
#pragma once

#include <string>
#include <vector>

#include "engine/anatomy/curvature.hpp"
#include "engine/dynamics/integrator.hpp"
#include "engine/scenario/scenario_file.hpp"

namespace spineload {

struct SubjectParams {
  double body_mass_kg = 0.0;
  double height_m = 0.0;
};

struct GaitParams {
  std::string mode;
  double step_frequency_hz = 0.0;
  double vertical_oscillation_m = 0.0;  ///< peak-to-peak
};

struct DiscParams {
  double hydration = 1.0;  ///< fluid content relative to a morning disc, [0.5, 1]
  bool axial_dof = false;  ///< discs compress along their axis (prismatic DOF) instead of being rigid
};

struct ControlParams {
  double posture_bandwidth_hz = 4.0;
  double posture_damping_ratio = 1.0;
};

struct SimulationParams {
  double duration_s = 0.0;
  double dt_s = 0.0;
  Integrator integrator = Integrator::ImplicitEuler;
  double output_rate_hz = 0.0;
  int output_every_steps = 1;  ///< derived: round(1 / (dt_s * output_rate_hz)), >= 1
  long long n_steps = 0;       ///< derived: round(duration_s / dt_s)
};

struct OutputParams {
  bool time_series = true;
  std::vector<std::string> levels;
};

struct ScenarioSpec {
  std::string name;  ///< file stem, used as the scenario id in HDF5
  ScenarioValues values;
  SubjectParams subject;
  GaitParams gait;
  PostureParams posture;
  DiscParams discs;
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
