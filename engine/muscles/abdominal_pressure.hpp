// Intra-abdominal pressure (IAP) as a force on the spine (docs/muscles.md). The abdominal cavity's pressure
// P pushes the diaphragm up and the pelvic floor down over an effective area A; on the spine that is a
// force P·A upwards on the diaphragm's vertebra at a point anterior of the spine, which unloads the lumbar
// discs and adds an extensor moment. P rises with transversus abdominis activation and, in diaphragmatic
// breathing, with each inspiration. Numbers: engine/data/abdominal_pressure.toml.
#pragma once

#include <string>
#include <vector>

#include "engine/core/spatial.hpp"

namespace spineload {

struct Model;

/// A muscle group's share in the model: the pressure rise per unit mean activation of the group, or the
/// accessory breathing drive (activation at full inspiration).
struct GroupValue {
  std::string group;
  double value = 0.0;
};

struct AbdominalPressureModel {
  int diaphragm_body = -1;                ///< -1: no abdominal pressure
  Vec3 diaphragm_point_m = Vec3::Zero();  ///< point of action in the diaphragm body's frame
  double area_m2 = 0.0;
  double rest_pa = 0.0;
  double max_pa = 0.0;                     ///< upper clamp
  double breathing_swing_pa = 0.0;         ///< rise at full inspiration, for the scenario's breathing mode
  std::vector<GroupValue> pressure_gains;  ///< Pa per unit mean activation: transversus, obliques
  std::vector<GroupValue>
      accessory_drive;  ///< activation at full inspiration: scalenes, SCM, upper trapezius
};

/// The pressure model of the scenario's breathing mode ("diaphragmatic" or "chest"), scaled to the subject
/// (area with stature², lever with stature).
AbdominalPressureModel buildAbdominalPressure(const Model& model, const std::string& breathing_mode,
                                              double stature_m);

}  // namespace spineload
