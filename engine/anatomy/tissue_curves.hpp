// Passive moment-angle curves of a motion segment from in-vitro data (Panjabi's load-displacement tests):
// per axis, the range of motion θ_r reached at the test moment M_t in each direction, and the full width of
// the neutral zone (NZ). Each direction gets the curve
//     M(θ) = k1 θ + k3± θ³            (θ in rad from the neutral pose, M in N·m)
// with k1 shared by both directions (so the potential ¼ k3± θ⁴ + ½ k1 θ² is C² at neutral) and
//   - M(±θ_r) = M_t exactly: the curve reproduces the source's range of motion at its test moment;
//   - M(θ_n) = f M_t at the neutral-zone edge θ_n = NZ/2, f = [tissue] nz_moment_fraction: low resistance
//     inside the neutral zone, stiffening beyond it (Panjabi 1992's laxity cannot be held by an elastic
//     curve; this is its elastic stand-in).
// Solving both conditions per direction gives k1 for each; the smaller is kept (the stiffer neutral zone
// would exceed the moment at the other side's edge) and each k3 is refit to keep M(θ_r) = M_t.
#pragma once

#include "engine/dynamics/joint_spring_damper.hpp"

namespace spineload {

struct AxisRange {
  double test_moment_nm = 0.0;
  double positive_rad = 0.0;      ///< range of motion in the + direction at the test moment
  double negative_rad = 0.0;      ///< range of motion in the - direction (a positive number)
  double neutral_zone_rad = 0.0;  ///< full width of the neutral zone
};

/// The curve for one axis. Throws std::invalid_argument when the data admit no curve with k1 > 0 and
/// k3 >= 0 (a neutral zone too wide for its range of motion).
SpringDof fitAxisCurve(const AxisRange& range, double nz_moment_fraction, double damping_nms);

/// Moment [N·m] of a fitted curve at angle θ [rad] (positive θ uses k3, negative k3_negative).
double curveMoment(const SpringDof& dof, double angle_rad);

}  // namespace spineload
