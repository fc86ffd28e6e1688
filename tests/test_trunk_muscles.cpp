// The trunk's muscles in whole scenarios: standing with low back-muscle activity, and the direction of every
// muscle modifier on the muscles and the loads ([core], [muscles.<group>], [warmup], [breathing]).
#include <gtest/gtest.h>

#include <cmath>

#include "engine/muscles/muscle_set.hpp"
#include "engine/run/run_scenario.hpp"
#include "engine/scenario/parameter_table.hpp"
#include "engine/scenario/scenario_file.hpp"
#include "trunk_muscles_support.hpp"

namespace spineload {
namespace {

using test::Outcome;
using test::simulate;

TEST(TrunkMuscles, StandingHoldsWithLowErectorActivityAndNoReserves) {
  const Outcome o = simulate("[gait]\nmode = \"standing\"\n[simulation]\nduration_s = 0.5\n");
  const double erector = 0.5 * (o.meanActivation("longissimus") + o.meanActivation("iliocostalis"));
  EXPECT_GT(erector, 0.0);
  EXPECT_LT(erector, 0.05);  // quiet standing: a few % of maximum (docs/validation.md)
  EXPECT_LT(o.mean(o.r.reserve_rms_nm), 0.2);
  // The stability of a static-optimization solution is reported, not required: without a co-contraction
  // that the optimization has no reason to choose, the lumbar spine's lateral mode buckles under the weight
  // above (negative; docs/muscles.md), as Cholewicki & McGill's analyses of upright postures found.
  EXPECT_TRUE(std::isfinite(o.mean(o.r.stability_nm_per_rad, &o.r.stability_time_s)));
  RecordProperty("stability_Nm_per_rad",
                 std::to_string(o.mean(o.r.stability_nm_per_rad, &o.r.stability_time_s)));
}

TEST(TrunkMuscles, CoreStiffnessRaisesDeepCoreActivityCompressionAndStability) {
  const Outcome base = simulate(test::kRunning),
                braced = simulate(test::kRunning + "[core]\nstiffness = 0.1\n");
  EXPECT_GE(braced.minDeepCoreActivation(), 0.1 - 1e-6);
  EXPECT_GT(braced.meanLevel("L4_L5", &LevelSeries::compression_n),
            base.meanLevel("L4_L5", &LevelSeries::compression_n) + 50.0);
  EXPECT_GT(braced.mean(braced.r.stability_nm_per_rad, &braced.r.stability_time_s),
            base.mean(base.r.stability_nm_per_rad, &base.r.stability_time_s));
}

TEST(TrunkMuscles, WeakRhomboidsWorkHarderAndShiftForceToTheTrapezius) {
  const Outcome base = simulate(test::kRunning);
  const Outcome weak = simulate(test::kRunning + "[muscles.rhomboids]\nstrength = 0.5\n");
  EXPECT_GT(weak.meanActivation("rhomboids"), base.meanActivation("rhomboids"));
  EXPECT_LT(weak.meanForce("rhomboids"), base.meanForce("rhomboids"));
  EXPECT_GT(weak.meanForce("trapezius_middle") + weak.meanForce("trapezius_lower"),
            base.meanForce("trapezius_middle") + base.meanForce("trapezius_lower"));
}

const std::string kStanding =
    "[gait]\nmode = \"standing\"\n[simulation]\nduration_s = 4.0\noutput_rate_hz = 100\n";

TEST(TrunkMuscles, TightPectoralsPullPassivelyAndLoadTheUpperBack) {
  const Outcome base = simulate(kStanding);
  const Outcome tight = simulate(kStanding + "[muscles.pectoralis_minor]\ntightness = 0.25\n");
  // A quarter shorter, the pectoralis minor is stretched to 1.33 optimal lengths in the neutral posture:
  // about 15 % of its maximal force, passively, pulling the scapula forward and down; the upper trapezius
  // holds it, and the upper thoracic discs carry both.
  EXPECT_GT(tight.meanForce("pectoralis_minor"), base.meanForce("pectoralis_minor") + 15.0);
  EXPECT_GT(tight.meanForce("trapezius_upper"), 1.2 * base.meanForce("trapezius_upper"));
  EXPECT_GT(tight.meanLevel("T3_T4", &LevelSeries::compression_n),
            1.1 * base.meanLevel("T3_T4", &LevelSeries::compression_n));
}

TEST(TrunkMuscles, ColdMusclesAreStifferAndSlower) {
  const Outcome warm = simulate(test::kRunning + "[warmup]\nmuscle_temperature_c = 38.5\n");
  const Outcome cold = simulate(test::kRunning + "[warmup]\nmuscle_temperature_c = 35.0\n");
  // Slower activation: the controller needs its reserves more, and the passive force is higher.
  EXPECT_GT(cold.mean(cold.r.reserve_rms_nm), warm.mean(warm.r.reserve_rms_nm));
  EXPECT_GT(cold.meanLevel("T7_T8", &LevelSeries::compression_n),
            warm.meanLevel("T7_T8", &LevelSeries::compression_n));
}

TEST(TrunkMuscles, ChestBreathingDrivesTheAccessoryMusclesAndLoadsTheUpperThorax) {
  // One breath at rest (4 s): the accessory muscles' breathing drive (abdominal_pressure.toml) is a floor
  // under what the posture needs of them.
  const Outcome diaphragm = simulate(kStanding);
  const Outcome chest = simulate(kStanding + "[breathing]\nmode = \"chest\"\n");
  EXPECT_GT(chest.meanActivation("scalenes"), diaphragm.meanActivation("scalenes") + 0.05);
  for (const char* g : {"sternocleidomastoid", "trapezius_upper"})
    EXPECT_GE(chest.meanForce(g), diaphragm.meanForce(g)) << g;
  EXPECT_GT(chest.meanLevel("C7_T1", &LevelSeries::compression_n),
            1.1 * diaphragm.meanLevel("C7_T1", &LevelSeries::compression_n));
  // The diaphragm raises the abdominal pressure with every breath; the chest barely does.
  EXPECT_GT(diaphragm.mean(diaphragm.r.abdominal_pressure_pa), chest.mean(chest.r.abdominal_pressure_pa));
}

// The solves fall on whole steps (k = round(1 / (dt rate)) ≥ 1) and the activation dynamics plan over that
// real interval: at dt = 1 ms, 2000 Hz is a solve every step, exactly as 1000 Hz.
TEST(TrunkMuscles, ControlRateRoundsToWholeSteps) {
  const std::string run = "[simulation]\nduration_s = 0.3\ndt_s = 0.001\n[control]\nrate_hz = ";
  const Outcome a = simulate(run + "1000\n"), b = simulate(run + "2000\n");
  EXPECT_EQ(a.r.muscle_activation, b.r.muscle_activation);
  EXPECT_EQ(a.r.levels.back().compression_n, b.r.levels.back().compression_n);
}

}  // namespace
}  // namespace spineload
