// A pluggable generalized-force element (passive joint tissue now; ligaments and contact later).
//
// Elements are immutable and live in the Model. They read (q, v) and add to a generalized-force vector;
// the implicit integrator also asks for the diagonal of their stiffness K = -∂τ/∂q (in velocity, i.e.
// tangent, coordinates) and damping D = -∂τ/∂v, which it treats implicitly (see integrator.hpp).
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace spineload {

struct Model;

class ForceElement {
 public:
  virtual ~ForceElement() = default;
  virtual const std::string& name() const = 0;

  /// tau += τ(q, v); when non-null, stiffness_diag += diag(K), damping_diag += diag(D).
  virtual void addGeneralizedForces(const Model& model, const Eigen::VectorXd& q, const Eigen::VectorXd& v,
                                    Eigen::VectorXd& tau, Eigen::VectorXd* stiffness_diag,
                                    Eigen::VectorXd* damping_diag) const = 0;

  /// Stored elastic energy [J]; zero for purely dissipative elements.
  virtual double potentialEnergy(const Model& model, const Eigen::VectorXd& q) const = 0;

  /// Appends every parameter of the element, so that the model hash (provenance) sees a changed value.
  virtual void appendParameters(std::vector<double>& out) const = 0;
};

}  // namespace spineload
