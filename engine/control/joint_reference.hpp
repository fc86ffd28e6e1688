// A time-varying target for some of the trunk's joints (e.g. the arm swing of running), which the
// posture controller tracks instead of the neutral posture. Immutable and evaluated by value, so one
// instance serves all threads.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "engine/dynamics/model.hpp"

namespace spineload {

class JointReference {
 public:
  virtual ~JointReference() = default;
  /// Overwrites the entries of the joints it drives: configuration q_ref (size nq), velocity v_ref and
  /// acceleration a_ref (size nv) at time t. Entries of other joints are left as they are. No allocation.
  virtual void apply(double time_s, Eigen::VectorXd& q_ref, Eigen::VectorXd& v_ref,
                     Eigen::VectorXd& a_ref) const = 0;
  /// Appends every parameter, for the model hash (provenance).
  virtual void appendParameters(std::vector<double>& out) const = 0;
};

}  // namespace spineload
