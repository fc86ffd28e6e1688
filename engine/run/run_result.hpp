// What one simulated scenario produces before it is written: sampled time series and run facts.
// Series are preallocated for the whole run; nothing grows inside the time loop.
#pragma once

#include <string>
#include <vector>

namespace spineload {

struct LevelSeries {
  std::string level;  ///< e.g. "T7_T8"
  int body = -1;      ///< the upper vertebra's body index
  std::vector<double> compression_n, shear_ap_n, shear_ml_n, moment_fe_nm, moment_lb_nm, moment_ax_nm;
  std::vector<double> idp_mpa;        ///< intradiscal pressure estimate
  std::vector<double> disc_height_m;  ///< disc height at the disc's hydration (and axial deformation)
  // Load sharing (muscles only, empty otherwise; engine/metrics/load_sharing.hpp): net = muscle + joint.
  std::vector<double> muscle_compression_n;
  std::vector<double> net_moment_fe_nm, net_moment_lb_nm, net_moment_ax_nm;
  std::vector<double> muscle_moment_fe_nm, muscle_moment_lb_nm, muscle_moment_ax_nm;
};

/// Linear acceleration of a body's centre of mass, world frame, gravity not included.
struct AccelerationSeries {
  std::string name;  ///< pelvis, T12, T7, T1, head
  int body = -1;
  std::vector<double> m_s2;  ///< samples x 3, row-major
};

struct RunResult {
  std::string scenario_id;
  std::string model_hash;
  std::vector<double> time_s;
  std::vector<LevelSeries> levels;
  std::vector<double> pelvis_position_m;         ///< samples x 3, row-major, world (x forward, y left, z up)
  std::vector<double> pelvis_velocity_m_s;       ///< samples x 3
  std::vector<double> pelvis_acceleration_m_s2;  ///< samples x 3
  std::vector<double>
      stature_change_m;  ///< sum of the disc height changes from the morning disc (negative = shorter)
  std::vector<AccelerationSeries> accelerations;  ///< pelvis, T12, T7, T1, head (the bodies the model has)
  // Running only (empty otherwise): the excitation's signals at the sample times. The GRF stays empty when
  // a motion file drives the pelvis (no force is known for it).
  std::vector<double> grf_vertical_n;             ///< ground reaction force, vertical [N]
  std::vector<double> grf_fore_aft_n;             ///< ground reaction force, fore-aft (+ forward) [N]
  std::vector<double> breathing_volume_fraction;  ///< lung volume above end-expiration / tidal volume
  std::vector<double> arm_flexion_r_rad, arm_flexion_l_rad;  ///< arm swing targets (+ = forward)
  // Muscles (empty when control.actuators = "torques"): samples × muscles, row-major.
  std::vector<std::string> muscle_names;
  std::vector<std::string> muscle_groups;              ///< the [muscles.<group>] each fascicle belongs to
  std::vector<char> muscle_sides;                      ///< 'l' or 'r'
  std::vector<double> muscle_activation;               ///< 0-1
  std::vector<double> muscle_force_n;                  ///< tendon force [N]
  std::vector<double> abdominal_pressure_pa;           ///< intra-abdominal pressure [Pa]
  std::vector<double> reserve_rms_nm, reserve_max_nm;  ///< reserve torques at the last solve [N·m]
  std::vector<double> stability_time_s;      ///< stability is sampled at simulation.stability_rate_hz
  std::vector<double> stability_nm_per_rad;  ///< smallest eigenvalue of the spine's tangent stiffness
  double stride_period_s = 0.0;              ///< running: the stride (right touchdown at t = 0); 0 otherwise
  long long steps = 0;
  double wall_time_s = 0.0;
};

}  // namespace spineload
