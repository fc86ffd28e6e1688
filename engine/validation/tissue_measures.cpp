#include "engine/validation/tissue_measures.hpp"

#include <cmath>
#include <stdexcept>

#include "engine/anatomy/trunk_builder.hpp"
#include "engine/core/rotation.hpp"
#include "engine/data/data_table.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {

namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr const char* kThoracic[] = {"T1_T2", "T2_T3", "T3_T4",  "T4_T5",   "T5_T6",  "T6_T7",
                                     "T7_T8", "T8_T9", "T9_T10", "T10_T11", "T11_T12"};

ScenarioSpec defaultSpec() {
  return toScenarioSpec(parseScenarioText("", "validation.toml", loadParameterTable()));
}

double passiveMoment(const TrunkModel& t, const SpineLevel& level, int axis, double angle_rad) {
  return passiveMomentNm(t, level, static_cast<SegmentAxis>(axis), angle_rad);
}

// The angle in one direction (sign ±1) at which the moment reaches sign·moment: the curves are monotone.
double angleAtMoment(const TrunkModel& t, const SpineLevel& level, int axis, double moment_nm, double sign) {
  double lo = 0.0, hi = 1.0;  // rad: far beyond any segment's range
  if (sign * passiveMoment(t, level, axis, sign * hi) < moment_nm)
    throw std::runtime_error(level.name + ": the passive moment does not reach the test moment within 1 rad");
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (sign * passiveMoment(t, level, axis, sign * mid) < moment_nm ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

const char* const kRibFactor[] = {"rom_factor_lb", "rom_factor_fe", "rom_factor_ax"};

// The data row's isolated-segment full range about an axis [deg].
double dataRangeDeg(const DataRow& r, int axis) {
  if (axis == 0) return 2.0 * r.values.at("lateral_deg");
  if (axis == 1) return r.values.at("flexion_deg") + r.values.at("extension_deg");
  return 2.0 * r.values.at("axial_deg");
}

}  // namespace

double passiveMomentNm(const TrunkModel& t, const SpineLevel& level, SegmentAxis axis, double angle_rad) {
  const Model& m = *t.model;
  const int a = static_cast<int>(axis);
  Eigen::VectorXd q = m.q_neutral, v = Eigen::VectorXd::Zero(m.nv), tau = v;
  quatToCoords(quatExp(angle_rad * Vec3::Unit(a)), q.segment<4>(m.bodies[level.body].q_index));
  for (const auto& e : m.force_elements) e->addGeneralizedForces(m, q, v, tau, nullptr, nullptr);
  return -tau[m.bodies[level.body].v_index + a];  // the generalized force the elements apply, sign flipped
}

TrunkModel defaultTrunk() {
  const ScenarioSpec s = defaultSpec();  // the trunk alone: no muscles, whose passive forces would add
  return buildTrunk(s.subject, s.posture,
                    std::make_shared<VerticalSinusoid>(Mat3::Identity(), Vec3::Zero(), 0.0, 1.0), nullptr,
                    s.discs);
}

double rangeOfMotionDeg(const TrunkModel& t, const std::string& name, SegmentAxis axis, double moment_nm) {
  const SpineLevel* level = t.findLevel(name);
  if (!level) throw std::out_of_range("the trunk has no level " + name);
  const int a = static_cast<int>(axis);
  return (angleAtMoment(t, *level, a, moment_nm, 1.0) + angleAtMoment(t, *level, a, moment_nm, -1.0)) / kDeg;
}

double thoracicRangeDeviationPercent(const TrunkModel& t) {
  const DataTable levels = readDataTable("trunk_anatomy.toml", "levels");
  const auto rib = readDataConstants("trunk_anatomy.toml", "rib_cage");
  double worst = 0.0;
  for (const char* name : kThoracic) {
    const DataRow& row = levels.row(name);
    for (int axis = 0; axis < 3; ++axis) {
      const double f = row.values.at("rib_cage") > 0.5 ? constantValue(rib, kRibFactor[axis]) : 1.0;
      const double model =
          rangeOfMotionDeg(t, name, static_cast<SegmentAxis>(axis), row.values.at("test_moment_nm")) / f;
      const double deviation = 100.0 * (model / dataRangeDeg(row, axis) - 1.0);
      if (std::abs(deviation) > std::abs(worst)) worst = deviation;
    }
  }
  return worst;
}

double ribCageRemovalGainPercent(const TrunkModel& t, SegmentAxis axis) {
  const DataTable levels = readDataTable("trunk_anatomy.toml", "levels");
  double isolated = 0.0, intact = 0.0;
  for (const DataRow& row : levels.rows) {
    if (row.values.at("rib_cage") < 0.5) continue;
    isolated += dataRangeDeg(row, static_cast<int>(axis));
    intact += rangeOfMotionDeg(t, row.name, axis, row.values.at("test_moment_nm"));
  }
  return 100.0 * (isolated / intact - 1.0);
}

double standingPelvicTiltDeg() {
  const ScenarioSpec s = defaultSpec();
  TrunkGeometry g;
  buildTrunk(s.subject, s.posture,
             std::make_shared<VerticalSinusoid>(Mat3::Identity(), Vec3::Zero(), 0.0, 1.0), &g, s.discs);
  return g.pelvic_tilt_deg;
}

}  // namespace spineload
