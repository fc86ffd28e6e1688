// A compiled trunk model and the names of its intervertebral levels: what every later stage needs to know
// about the anatomy (which joint is which level), whatever builder made it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/dynamics/model.hpp"

namespace spineload {

/// One intervertebral level: the joint that connects `body` (the upper vertebra) to its parent.
struct SpineLevel {
  std::string name;  ///< e.g. "T7_T8" (../shared/DESIGN.md §5)
  int body = -1;
  double disc_area_m2 = 0.0;           ///< for the intradiscal pressure; 0 where the level has no disc data
  double disc_height_m = 0.0;          ///< at the scenario's hydration
  double morning_disc_height_m = 0.0;  ///< at hydration 1
};

/// The intradiscal-pressure model of the discs at the scenario's hydration (docs/model.md).
struct DiscPressureModel {
  double nachemson_factor = 1.5;      ///< P = P_sw + k F / A
  double swelling_pressure_pa = 0.0;  ///< nucleus pressure at zero load
};

struct TrunkModel {
  std::shared_ptr<const Model> model;
  std::vector<SpineLevel> levels;  ///< top to bottom as listed in the data file
  int pelvis = -1;                 ///< the root body
  DiscPressureModel discs;

  const SpineLevel* findLevel(const std::string& name) const {
    for (const SpineLevel& l : levels)
      if (l.name == name) return &l;
    return nullptr;
  }
};

}  // namespace spineload
