// Mechanical energy of the tree, for conservation tests and diagnostics.
#pragma once

#include "engine/dynamics/data.hpp"

namespace spineload {

/// ½ Σ v_i · I_i v_i [J]; needs forwardKinematics() at the state of interest.
double kineticEnergy(const Model& model, const Data& data);

/// Σ -m_i g · p_com_i plus the force elements' stored energy [J]; needs forwardKinematics().
double potentialEnergy(const Model& model, const Data& data, const Eigen::VectorXd& q);

}  // namespace spineload
