#include "engine/anatomy/tissue_curves.hpp"

#include <algorithm>
#include <stdexcept>

namespace spineload {
namespace {

// k1 from M(θ_n) = f M_t and M(θ_r) = M_t with M = k1 θ + k3 θ³ (2x2 linear solve, k3 eliminated).
double linearStiffness(double M_t, double theta_r, double theta_n, double f) {
  return M_t * (f * theta_r * theta_r * theta_r - theta_n * theta_n * theta_n) /
         (theta_n * theta_r * (theta_r * theta_r - theta_n * theta_n));
}

double cubicStiffness(double M_t, double theta_r, double k1) {
  return (M_t - k1 * theta_r) / (theta_r * theta_r * theta_r);
}

}  // namespace

SpringDof fitAxisCurve(const AxisRange& r, double f, double damping_nms) {
  const double theta_n = 0.5 * r.neutral_zone_rad;
  if (!(r.test_moment_nm > 0.0 && r.positive_rad > theta_n && r.negative_rad > theta_n && theta_n > 0.0))
    throw std::invalid_argument(
        "tissue curve: needs a positive test moment and ranges wider than half the neutral zone");
  const double k1 = std::min(linearStiffness(r.test_moment_nm, r.positive_rad, theta_n, f),
                             linearStiffness(r.test_moment_nm, r.negative_rad, theta_n, f));
  SpringDof dof;
  dof.k1 = k1;
  dof.k3 = cubicStiffness(r.test_moment_nm, r.positive_rad, k1);
  dof.k3_negative = cubicStiffness(r.test_moment_nm, r.negative_rad, k1);
  dof.damping = damping_nms;
  if (!(k1 > 0.0) || dof.k3 < 0.0 || dof.k3_negative < 0.0)
    throw std::invalid_argument(
        "tissue curve: the neutral zone is too wide for the range of motion (k1 <= 0)");
  return dof;
}

double curveMoment(const SpringDof& dof, double angle_rad) {
  const double k3 = angle_rad < 0.0 ? dof.k3_negative : dof.k3;
  return dof.k1 * angle_rad + k3 * angle_rad * angle_rad * angle_rad;
}

}  // namespace spineload
