#include "engine/gait/gait_spec.hpp"

#include <cmath>

#include "engine/data/data_table.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {
namespace {

constexpr const char* kFile = "running_gait.toml";
constexpr double kDeg = M_PI / 180.0;
constexpr double kGravity_m_s2 = 9.81;  // the trunk model's gravity (Model::gravity_W)

double constant(const char* table, const char* name) {
  return constantValue(readDataConstants(kFile, table), name);
}

ImpactParams impactFor(const std::string& foot_strike, double com_touchdown_velocity_m_s) {
  const DataTable t = readDataTable(kFile, "impact_by_strike");
  ImpactParams p;
  p.mass_fraction = constant("impact", "mass_fraction");
  p.duration_s = t.value(foot_strike, "duration_s");
  // The lower limb lands at least as fast as the body it hangs from, plus its own downward swing.
  p.velocity_m_s = com_touchdown_velocity_m_s + t.value(foot_strike, "extra_velocity_m_s");
  return p;
}

PelvisRotationParams pelvisRotation(const SpringMassGait& g) {
  const auto c = readDataConstants(kFile, "pelvis_rotation");
  PelvisRotationParams p;
  p.tilt_range_rad = constantValue(c, "tilt_range_deg") * kDeg;
  p.obliquity_range_rad = constantValue(c, "obliquity_range_deg") * kDeg;
  p.rotation_range_rad = constantValue(c, "rotation_range_deg") * kDeg;
  p.tilt_peak_phase = constantValue(c, "tilt_peak_phase");
  p.rotation_peak_phase = constantValue(c, "rotation_peak_phase");
  // Mid left stance: the left foot lands half a stride after the right; mid-stance half a contact later.
  const double stride_s = 2.0 / g.step_frequency_hz;
  p.obliquity_peak_phase =
      0.5 + 0.5 * g.contact_time_s / stride_s + constantValue(c, "obliquity_peak_offset");
  return p;
}

double preferredCadence_hz(const std::map<std::string, DataConstant>& sm, double speed_m_s) {
  const double cadence_per_min = constantValue(sm, "preferred_cadence_at_reference") +
                                 constantValue(sm, "cadence_gain_per_log_speed") *
                                     std::log(speed_m_s / constantValue(sm, "cadence_reference_speed"));
  return cadence_per_min / 60.0;
}

// The stance of the spring-mass gait at gait's speed and step frequency: the leg stiffness from the runner's
// law when gait.overstride_m is NaN (derived), else the stiffness that lands the foot that far ahead.
SpringMassGait planStance(const SubjectParams& subject, const GaitParams& gait) {
  const auto sm = readDataConstants(kFile, "spring_mass");
  const SpringMassBody body{subject.body_mass_kg, subject.leg_length_m, kGravity_m_s2};
  const double v = gait.speed_m_s, f = gait.step_frequency_hz;
  if (std::isnan(gait.overstride_m)) {
    // Leg stiffness at the preferred cadence (Morin 2005), rising with cadence (Farley & Gonzalez 1996).
    const double k =
        constantValue(sm, "leg_stiffness_per_kg") * subject.body_mass_kg *
        std::pow(f / preferredCadence_hz(sm, v), constantValue(sm, "stiffness_frequency_exponent"));
    return solveSpringMass(body, v, f, SpringMassUnknown::TouchdownAngle, k);
  }
  // An overstride of a leg length or more makes asin NaN, which solveSpringMass refuses; toScenarioSpec
  // has already reported it against the key.
  return solveSpringMass(body, v, f, SpringMassUnknown::LegStiffness,
                         std::asin(gait.overstride_m / subject.leg_length_m));
}

}  // namespace

double preferredStepFrequency_hz(double speed_m_s) {
  return preferredCadence_hz(readDataConstants(kFile, "spring_mass"), speed_m_s);
}

double defaultLegLength_m(double height_m) {
  return constant("spring_mass", "leg_length_ratio") * height_m;
}

std::shared_ptr<const RunningGait> planRunningGait(const SubjectParams& subject, const GaitParams& gait,
                                                   const BreathingCoupling& breathing, const Mat3& lean) {
  SpringMassGait stance = planStance(subject, gait);
  const SpringMassBody body{subject.body_mass_kg, subject.leg_length_m, kGravity_m_s2};
  const ImpactParams impact = impactFor(gait.foot_strike, stance.touchdown_vy_m_s);
  const auto tr = readDataConstants(kFile, "transmission");
  const auto arm = readDataConstants(kFile, "arm_swing");
  const PelvisRotationParams rotation = pelvisRotation(stance);
  StrideGrf grf(std::move(stance), impact, subject.body_mass_kg, body.gravity_m_s2);
  const TransmissionParams transmission{constantValue(tr, "natural_frequency_hz"),
                                        constantValue(tr, "damping_ratio")};
  auto pelvis = std::make_shared<const RunningPelvisMotion>(grf, transmission, rotation, lean);
  return std::make_shared<const RunningGait>(RunningGait{
      std::move(grf), transmission, rotation,
      ArmSwingParams{constantValue(arm, "range_deg") * kDeg, constantValue(arm, "right_peak_phase")},
      breathing, std::move(pelvis)});
}

}  // namespace spineload
