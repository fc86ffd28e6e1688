// Intradiscal pressure estimate from the compression on a level (docs/model.md):
//   P = P_sw(h) + k · max(F, 0) / A
// P_sw: the nucleus's swelling pressure at the disc's hydration h (Wilke et al. 1999: 0.10 MPa in the
// evening, 0.24 MPa after a night's rest); k: Nachemson's correction factor 1.5; A: the disc's area. A disc
// in tension keeps its swelling pressure.
#pragma once

#include "engine/anatomy/trunk_model.hpp"

namespace spineload {

/// [MPa] for a disc at hydration h; 0 for a level without disc data (the head joint).
double intradiscalPressureMpa(const DiscPressureModel& model, const SpineLevel& level, double compression_n,
                              double hydration);

}  // namespace spineload
