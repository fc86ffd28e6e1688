// The neutral shape of the spine: per-level sagittal and coronal angles from the posture parameters.
//
// Sagittal (rotation about y, + = flexion): the thoracic kyphosis is distributed by the levels'
// kyphosis_weight and scaled so that levels T4_T5…T11_T12 (Cobb T4–T12) sum to thoracic_kyphosis_deg; the
// lordosis by lordosis_weight, scaled so that L1_L2…L5_S1 sum to -lumbar_lordosis_deg (T12_L1 scaled alike).
// Coronal (rotation about x, + = the upper vertebra tilts to the right): a scoliosis of Cobb angle C with
// apex vertebra a gives each vertebra s a tilt t(s) = ±(C/2) sin(2π (s - a)/14 + π) for |s - a| ≤ 7 levels
// and 0 beyond: a sinusoidal curve (Drerup et al. 1992) whose end vertebrae, the most tilted, lie 3.5
// levels either side of the apex (thoracic curves span 7.3 ± 1.0 vertebrae, Alam/Newton et al.), with
// compensatory half-waves above and below that bring the spine back to vertical. Level angles are the
// differences of the tilts of its two vertebrae.
#pragma once

#include <string>
#include <vector>

#include "engine/core/spatial.hpp"

namespace spineload {

struct PostureParams {
  double thoracic_kyphosis_deg = 0.0;  ///< Cobb T4–T12
  double lumbar_lordosis_deg = 0.0;    ///< Cobb L1–S1 (positive number)
  double forward_head_m = 0.0;         ///< head translated anteriorly, level gaze kept
  double trunk_lean_deg = 0.0;         ///< whole trunk and pelvis pitched forward about the hip axis
  double scoliosis_cobb_deg = 0.0;
  std::string scoliosis_apex = "T9";     ///< apex vertebra
  std::string scoliosis_side = "right";  ///< side of the convexity
};

/// Levels from the bottom (L5_S1) to the top (C7_T1), with the names of their two vertebrae.
struct LevelShape {
  std::string name;          ///< e.g. "T7_T8"
  std::string upper, lower;  ///< vertebrae, e.g. "T7", "T8" (lower of L5_S1 is "S1", upper of C7_T1 "C7")
  double kyphosis_weight = 0.0, lordosis_weight = 0.0;
};

/// Rotation vectors [rad] (x coronal, y sagittal) of each level's neutral rotation, same order as `levels`.
/// Throws std::invalid_argument for an unknown apex.
std::vector<Vec3> neutralLevelRotations(const std::vector<LevelShape>& levels, const PostureParams& posture);

}  // namespace spineload
