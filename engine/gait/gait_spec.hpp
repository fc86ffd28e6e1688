// The running gait a scenario asks for, resolved from its [subject], [gait] and [breathing] keys and the
// data in engine/data/running_gait.toml: the spring-mass stance, the stride's ground reaction force, the
// pelvis motion, the arm swing and the breathing cycle. Built once per scenario, immutable, shared.
#pragma once

#include <memory>

#include "engine/gait/arm_swing.hpp"
#include "engine/gait/breathing.hpp"
#include "engine/gait/running_motion.hpp"
#include "engine/gait/stance_grf.hpp"

namespace spineload {

struct SubjectParams;
struct GaitParams;

/// Preferred step frequency [Hz] at a running speed: the log-linear cadence law of running_gait.toml.
double preferredStepFrequency_hz(double speed_m_s);
/// Leg length [m] for a stature when the scenario does not give one.
double defaultLegLength_m(double height_m);

struct RunningGait {
  StrideGrf grf;
  TransmissionParams transmission;
  PelvisRotationParams rotation;
  ArmSwingParams arms;
  BreathingCoupling breathing;
  std::shared_ptr<const RunningPelvisMotion> pelvis;  ///< the generator's pelvis motion (trunk lean applied)
};

/// Solves the spring-mass gait (leg stiffness from Morin 2005 scaled with cadence as in Farley & Gonzalez
/// 1996, or solved from gait.overstride_m when it is set) and builds the rest. `lean` is the trunk lean
/// rotation applied to the pelvis. Throws std::invalid_argument when no running gait exists.
std::shared_ptr<const RunningGait> planRunningGait(const SubjectParams& subject, const GaitParams& gait,
                                                   const BreathingCoupling& breathing, const Mat3& lean);

}  // namespace spineload
