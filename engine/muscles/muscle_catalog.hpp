// The trunk's musculotendon fascicles as published (engine/data/trunk_muscles.toml): for each fascicle its
// path on the skeleton (origin, via points, insertion, each fixed in one body's frame at the reference
// stature), its architecture (maximal isometric force, optimal fibre length, pennation) and its sources.
// Bound to a compiled model (body indices, scaling with stature) by engine/muscles/muscle_set.hpp.
#pragma once

#include <string>
#include <vector>

#include "engine/core/spatial.hpp"

namespace spineload {

struct PathPointSpec {
  std::string body;  ///< body name in the trunk model: pelvis, L5…L1, T12…T1, neck, head, shoulder_l/r
  Vec3 position_m;   ///< in that body's frame (docs/model.md), at the reference stature
};

struct FascicleSpec {
  std::string name;   ///< `<muscle>_<part>_<side>`, e.g. longissimus_thoracis_T8_r (../shared/DESIGN.md §5)
  std::string group;  ///< the [muscles.<group>] key it answers to, e.g. "rhomboids", "longissimus"
  char side = 'r';    ///< 'l' or 'r'
  bool deep_core = false;  ///< multifidus, quadratus lumborum, psoas, transversus, deep erector: [core] keys
  std::vector<PathPointSpec> points;    ///< origin first, insertion last; at least two
  double max_isometric_force_n = 0.0;   ///< PCSA × specific tension, at the reference body mass
  double optimal_fiber_length_m = 0.0;  ///< at the reference stature
  double pennation_rad = 0.0;           ///< at optimal fibre length
  std::string source;                   ///< per fascicle: geometry and force, author and year
  int line = 0;                         ///< line in the data file (for messages)
};

struct MuscleCatalog {
  double reference_stature_m = 0.0;
  double reference_body_mass_kg = 0.0;
  /// Right and left both listed: the file gives the right side, the reader adds each one's mirror (y -> -y,
  /// shoulder_r -> shoulder_l, `_r` -> `_l`). All right fascicles first in file order, then the left ones in
  /// the same order (fascicles[i + n/2] mirrors fascicles[i]).
  std::vector<FascicleSpec> fascicles;
  std::vector<std::string> groups;  ///< every group name, as listed in [catalog] groups (each one used)
};

/// Reads the embedded engine/data/trunk_muscles.toml (every value checked against its unit and range).
/// Throws std::runtime_error "trunk_muscles.toml:LINE: fascicle NAME.key: what is wrong; allowed ...".
MuscleCatalog readTrunkMuscleCatalog();

/// The same from TOML text (`file` names it in messages): for tests.
MuscleCatalog readMuscleCatalogText(const std::string& text, const std::string& file);

}  // namespace spineload
