#include "engine/muscles/abdominal_pressure.hpp"

#include <stdexcept>

#include "engine/data/data_table.hpp"
#include "engine/dynamics/data.hpp"
#include "engine/dynamics/kinematics.hpp"

namespace spineload {
namespace {

constexpr std::string_view kFile = "abdominal_pressure.toml";

// The point on the diaphragm's body, along its anterior axis, through which the pressure's line of action
// (the body's z) passes `lever_m` anterior of the L4/L5 disc centre at the neutral posture: the Morris /
// Chaffin lever is measured from L4/L5.
Vec3 pointOfAction(const Model& model, int diaphragm, double lever_m) {
  const int l4 = model.findBody("L4");
  if (l4 < 0) return Vec3(lever_m, 0.0, 0.0);
  Data d(model);
  forwardKinematics(model, d, model.q_neutral, Eigen::VectorXd::Zero(model.nv));
  const Transform& X = d.X_world[diaphragm];
  const Vec3 anterior_W = X.E.transpose() * Vec3::UnitX();
  const double l4_ahead = (d.X_world[l4].r - X.r).dot(anterior_W);
  return Vec3(lever_m + l4_ahead, 0.0, 0.0);
}

}  // namespace

AbdominalPressureModel buildAbdominalPressure(const Model& model, const std::string& breathing_mode,
                                              double stature_m) {
  if (breathing_mode != "diaphragmatic" && breathing_mode != "chest")
    throw std::invalid_argument("breathing.mode: '" + breathing_mode + "'; allowed diaphragmatic or chest");
  const auto iap = readDataConstants(kFile, "iap");
  const auto modes = readDataConstants(kFile, "breathing_modes");
  AbdominalPressureModel p;
  p.diaphragm_body = model.findBody("T12");
  if (p.diaphragm_body < 0) return p;  // not a trunk: no abdomen
  const double s = stature_m / constantValue(iap, "reference_stature_m");
  p.area_m2 = constantValue(iap, "diaphragm_area_m2") * s * s;
  p.diaphragm_point_m = pointOfAction(model, p.diaphragm_body, constantValue(iap, "lever_anterior_m") * s);
  p.rest_pa = constantValue(iap, "rest_pa");
  p.max_pa = constantValue(iap, "max_pa");
  p.pressure_gains = {{"transversus_abdominis", constantValue(iap, "gain_transversus_pa")},
                      {"obliques", constantValue(iap, "gain_obliques_pa")}};
  p.breathing_swing_pa = constantValue(modes, breathing_mode + "_iap_swing_pa");
  for (const char* group : {"scalenes", "sternocleidomastoid", "trapezius_upper"})
    p.accessory_drive.push_back({group, constantValue(modes, breathing_mode + "_" + group + "_activation")});
  return p;
}

}  // namespace spineload
