// What the passive tissue and the trunk's shape give for the in-vitro ranges of motion (Wilke 2017,
// Liebsch 2017 and 2020) and the standing pelvic tilt (Amabile 2016): measured through the force elements
// and the builder the simulation uses, on the default runner's trunk (morning discs).
#pragma once

#include <string>

#include "engine/anatomy/trunk_model.hpp"

namespace spineload {

/// The default scenario's trunk (subject, posture and discs at their defaults).
TrunkModel defaultTrunk();

enum class SegmentAxis { LateralBending = 0, FlexionExtension = 1, AxialRotation = 2 };

/// Passive moment [N·m] of one level's joint turned by `angle_rad` about `axis` from the neutral pose: what
/// every force element acting on the joint resists with (positive resists a positive turn).
double passiveMomentNm(const TrunkModel& trunk, const SpineLevel& level, SegmentAxis axis, double angle_rad);

/// Full range of motion [deg] of one level from -moment to +moment about one axis: the angles at which
/// the level's passive moment (every force element acting on its joint) equals ±moment, found by bisection.
double rangeOfMotionDeg(const TrunkModel& trunk, const std::string& level, SegmentAxis axis,
                        double moment_nm);

/// Largest deviation [%] over the thoracic levels (T1_T2 to T11_T12) and three axes of the model's
/// isolated-segment range of motion (the intact range over the rib-cage factor) at each level's test moment
/// from the range of its data row (Wilke 2017, trunk_anatomy.toml), with its sign.
double thoracicRangeDeviationPercent(const TrunkModel& trunk);

/// Rise [%] of the whole rib-cage spine's range of motion (the sum over the rib-cage levels) when the rib
/// cage is taken away: the data rows' isolated ranges against the model's intact ranges, at the test moment.
double ribCageRemovalGainPercent(const TrunkModel& trunk, SegmentAxis axis);

/// Pelvic tilt [deg] the balance rule gives the default runner standing (+ = posterior).
double standingPelvicTiltDeg();

}  // namespace spineload
