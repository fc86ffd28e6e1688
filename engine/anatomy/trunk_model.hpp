// A compiled trunk model and the names of its intervertebral levels: what every later stage needs to know
// about the anatomy (which joint is which level), whatever builder made it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/dynamics/model.hpp"
#include "engine/muscles/abdominal_pressure.hpp"

namespace spineload {

/// One intervertebral level: the joint that connects `body` (the upper vertebra) to its parent.
struct SpineLevel {
  std::string name;  ///< e.g. "T7_T8" (../shared/DESIGN.md §5)
  int body = -1;
  double disc_area_m2 = 0.0;           ///< for the intradiscal pressure; 0 where the level has no disc data
  double disc_height_m = 0.0;          ///< at the scenario's hydration
  double morning_disc_height_m = 0.0;  ///< at hydration 1
  int disc_body = -1;  ///< body on the disc's axial (prismatic) joint, -1 when discs are rigid
};

/// The discs' pressure and fluid-flow model (docs/model.md): intradiscal pressure P = P_sw(h) + k F / A, and
/// the hydration h of each disc relaxing towards h_eq(σ) with a loss or a recovery time constant.
struct DiscPressureModel {
  double nachemson_factor = 1.5;  ///< k

  double swelling_morning_pa = 0.24e6;    ///< P_sw at h = 1
  double swelling_evening_pa = 0.10e6;    ///< P_sw at h = evening_hydration
  double evening_hydration = 0.93;        ///< h after a day upright
  double upright_stress_pa = 0.33e6;      ///< σ at which h settles at evening_hydration
  double tau_loss_s = 1.29 * 3600.0;      ///< time constant while losing fluid
  double tau_recovery_s = 3.32 * 3600.0;  ///< while regaining it

  /// P_sw at hydration h, linear between the morning and evening values, the evening value below [Pa].
  double swellingPressurePa(double hydration) const;
  /// h after dt_s under axial stress σ [Pa] (exact for σ held over the step).
  double advanceHydration(double hydration, double stress_pa, double dt_s) const;
};

struct RunningGait;  // engine/gait/gait_spec.hpp
struct MuscleSet;    // engine/muscles/muscle_set.hpp

struct TrunkModel {
  std::shared_ptr<const Model> model;
  std::shared_ptr<const RunningGait> gait;   ///< the running excitation; null unless gait.mode = running
  std::shared_ptr<const MuscleSet> muscles;  ///< null when control.actuators = torques
  AbdominalPressureModel abdomen;            ///< the intra-abdominal pressure (with the muscles)
  std::vector<SpineLevel> levels;            ///< top to bottom as listed in the data file
  int pelvis = -1;                           ///< the root body
  DiscPressureModel discs;

  const SpineLevel* findLevel(const std::string& name) const {
    for (const SpineLevel& l : levels)
      if (l.name == name) return &l;
    return nullptr;
  }
};

}  // namespace spineload
