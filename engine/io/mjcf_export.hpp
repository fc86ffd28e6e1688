// Writes a compiled Model's rigid tree as MuJoCo MJCF, so that the same tree can be simulated by MuJoCo as
// an independent reference (tests) and peer (benches). Exported: bodies, joint placements and axes,
// inertias, gravity and, optionally, the muscles (below). Not exported: force elements (passive tissue) and
// prescribed motion; a prescribed root becomes a mocap body. Contacts are disabled: the bodies carry no
// geoms.
//
// Muscles (MjcfOptions::muscles): every fascicle becomes a <spatial> tendon through one <site> per path point
// (in the point's body, at its body-frame position, in path order), so MuJoCo's tendon length is our path
// length (the sum of the straight segments), and a <muscle> actuator on that tendon. Tendon and actuator
// carry the fascicle's name; the sites are named <fascicle>_p<k>. MuJoCo's muscle (XML reference, "muscle";
// its curves in engine_util_misc.c, mju_muscleGain/Bias) differs from ours (De Groote 2016): only the
// parameters that have a counterpart are mapped, see MjcfMuscle.
#pragma once

#include <array>
#include <string>

#include "engine/dynamics/model.hpp"

namespace spineload {

struct Muscle;
struct MuscleSet;
struct HillConstants;

struct MjcfOptions {
  std::string model_name = "spineload";
  double timestep_s = 1e-3;
  std::string integrator = "Euler";  ///< MuJoCo's names: Euler, RK4
  /// Fascicles to export as tendons and muscle actuators (not owned; bound to the exported model, see
  /// buildMuscleSet). nullptr: the rigid tree alone.
  const MuscleSet* muscles = nullptr;
};

/// One fascicle's MuJoCo <muscle> parameters. MuJoCo normalizes the actuator length l as
/// L = range[0] + (l − lengthrange[0]) / L0 with L0 = (lengthrange[1] − lengthrange[0]) / (range[1] −
/// range[0]); lengthrange = l_slack + range × l_opt makes L0 = l_opt and L = (l − l_slack) / l_opt, our
/// normalized fibre length without pennation (l̃ cos α). Given explicitly, it also spares MuJoCo its
/// length-range simulation at load (mj_setLengthRange, skipped under the compiler's <lengthrange
/// useexisting="true">): without it MuJoCo 2.2.2 spent 26 s on the running trunk and then rejected it,
/// because two fascicles (transversus abdominis, middle part) lie in one body and so have no range.
struct MjcfMuscle {
  double force_n = 0.0;                     ///< MuJoCo's peak active force F0: our F_max (scaled, modified)
  std::array<double, 2> range{0.75, 1.05};  ///< operating range in units of L0 (MuJoCo's default)
  std::array<double, 2> lengthrange_m{};    ///< l_slack + range × l_opt
  /// τ_act, τ_deact. MuJoCo's activation law (mju_muscleDynamics) is ours (advanceActivation): da/dt =
  /// (u − a)/τ with τ = τ_act (0.5 + 1.5a) when u > a, else τ_deact / (0.5 + 1.5a).
  std::array<double, 2> timeconst_s{};
  double vmax_l0_per_s = 0.0;  ///< maximal shortening speed in L0/s: our v_max / l_opt
};
MjcfMuscle mjcfMuscle(const Muscle& muscle, const HillConstants& hill);

/// Throws std::invalid_argument when options.muscles has a path of fewer than two points or a point on a
/// body the model does not have.
std::string exportMjcf(const Model& model, const MjcfOptions& options = {});

}  // namespace spineload
