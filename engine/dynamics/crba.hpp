// Composite-rigid-body algorithm: the joint-space inertia matrix M(q) (Featherstone 2008, Table 6.2).
#pragma once

#include "engine/dynamics/data.hpp"

namespace spineload {

/// M(q) -> data.M (full, symmetric). Uses data.IA as the composite-inertia workspace.
void crba(const Model& model, Data& data, const Eigen::VectorXd& q);

}  // namespace spineload
