#include "engine/gait/pelvis_driver.hpp"

#include <cmath>
#include <stdexcept>

#include "engine/gait/measured_pelvis_motion.hpp"
#include "engine/gait/motion_file.hpp"

namespace spineload {

PelvisExcitation makePelvisExcitation(const ScenarioSpec& spec) {
  const GaitParams& gait = spec.gait;
  const auto pitch = [](double deg) {
    return Eigen::AngleAxisd(deg * M_PI / 180.0, Vec3::UnitY()).toRotationMatrix();
  };
  const Mat3 lean = pitch(spec.posture.trunk_lean_deg);
  if (gait.mode == "running") {
    PelvisExcitation e;
    e.gait =
        planRunningGait(spec.subject, gait, {spec.breathing.inhale_steps, spec.breathing.exhale_steps}, lean);
    e.pelvis = e.gait->pelvis;
    // A measured motion replaces the generator's pelvis; the stride's timing still drives arms and breathing.
    if (!gait.motion_file.empty())
      e.pelvis = std::make_shared<const MeasuredPelvisMotion>(readMotionFile(gait.motion_file), lean);
    return e;
  }
  if (gait.mode == "oscillation")
    return {std::make_shared<const VerticalSinusoid>(lean, Vec3::Zero(), 0.5 * gait.vertical_oscillation_m,
                                                     gait.step_frequency_hz),
            nullptr};
  if (gait.mode == "standing")
    return {std::make_shared<const VerticalSinusoid>(lean, Vec3::Zero(), 0.0, 1.0), nullptr};
  if (gait.mode == "lying")
    return {std::make_shared<const VerticalSinusoid>(pitch(-90.0), Vec3::Zero(), 0.0, 1.0), nullptr};
  throw std::invalid_argument("gait.mode '" + gait.mode + "' is not implemented");
}

}  // namespace spineload
