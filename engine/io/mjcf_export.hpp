// Writes a compiled Model's rigid tree as MuJoCo MJCF, so that the same tree can be simulated by MuJoCo as
// an independent reference (tests) and peer (benches). Exported: bodies, joint placements and axes,
// inertias, gravity. Not exported: force elements (passive tissue) and prescribed motion; a prescribed
// root becomes a mocap body. Contacts are disabled: the bodies carry no geoms.
#pragma once

#include <string>

#include "engine/dynamics/model.hpp"

namespace spineload {

struct MjcfOptions {
  std::string model_name = "spineload";
  double timestep_s = 1e-3;
  std::string integrator = "Euler";  ///< MuJoCo's names: Euler, RK4
};

std::string exportMjcf(const Model& model, const MjcfOptions& options = {});

}  // namespace spineload
