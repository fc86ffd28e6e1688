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
  std::vector<double> disc_height_m;  ///< disc height (constant until disc creep is modelled)
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
  long long steps = 0;
  double wall_time_s = 0.0;
};

}  // namespace spineload
