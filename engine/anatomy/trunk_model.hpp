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
};

struct TrunkModel {
  std::shared_ptr<const Model> model;
  std::vector<SpineLevel> levels;  ///< top to bottom as listed in the data file
  int pelvis = -1;                 ///< the root body

  const SpineLevel* findLevel(const std::string& name) const {
    for (const SpineLevel& l : levels)
      if (l.name == name) return &l;
    return nullptr;
  }
};

}  // namespace spineload
