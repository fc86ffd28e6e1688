// A fingerprint of a compiled model (topology, joint placements, inertias, force-element parameters), for
// the provenance of every result file: two runs with the same hash simulated the same mechanics.
#pragma once

#include <cstdint>
#include <string>

#include "engine/dynamics/model.hpp"

namespace spineload {

/// 64-bit FNV-1a over the model's numbers, as 16 hex digits.
std::string modelHash(const Model& model);

}  // namespace spineload
