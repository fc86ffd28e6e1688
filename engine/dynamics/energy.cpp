#include "engine/dynamics/energy.hpp"

namespace spineload {

double kineticEnergy(const Model& model, const Data& d) {
  double e = 0.0;
  for (int i = 0; i < model.nbodies(); ++i) e += 0.5 * d.v_body[i].dot(model.bodies[i].inertia * d.v_body[i]);
  return e;
}

double potentialEnergy(const Model& model, const Data& d, const Eigen::VectorXd& q) {
  double e = 0.0;
  for (int i = 0; i < model.nbodies(); ++i) {
    const RigidInertia& I = model.bodies[i].inertia;
    const Transform& X = d.X_world[i];  // i_X_0: world origin of body i is X.r, axes X.E^T
    const Vec3 com_W = X.r + X.E.transpose() * I.com();
    e -= I.mass_kg * model.gravity_W.dot(com_W);
  }
  for (const auto& element : model.force_elements) e += element->potentialEnergy(model, q);
  return e;
}

}  // namespace spineload
