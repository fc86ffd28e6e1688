// What the MuJoCo peers share (bench_mujoco.cpp, bench_mujoco_muscles.cpp): loading an exported MJCF from
// memory, and mj_forward timed with MuJoCo's own stage timers.
#pragma once

#include <benchmark/benchmark.h>
#include <mujoco/mujoco.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

namespace spineload::bench {

/// The model in `xml`, loaded through a virtual file system (no file written); throws with MuJoCo's error.
inline mjModel* loadMjcfFromMemory(const std::string& xml, const char* name) {
  auto vfs = std::make_unique<mjVFS>();  // it holds 2000 file names inline (about 2 MB): not on the stack
  mj_defaultVFS(vfs.get());
  if (mj_makeEmptyFileVFS(vfs.get(), name, static_cast<int>(xml.size())) != 0)
    throw std::runtime_error("mj_makeEmptyFileVFS failed");
  std::memcpy(vfs->filedata[mj_findFileVFS(vfs.get(), name)], xml.data(), xml.size());
  char error[1000] = "";
  mjModel* m = mj_loadXML(name, vfs.get(), error, sizeof error);
  mj_deleteVFS(vfs.get());
  if (!m) throw std::runtime_error(std::string("mj_loadXML: ") + error);
  return m;
}

inline mjtNum microsecondsNow() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::micro>(Clock::now().time_since_epoch()).count();
}

/// Times mj_forward over the benchmark loop with the stage timers (mjcb_time) on, and reports them per call
/// in µs. The timers add a little, so a row timed this way is not the one to compare.
inline void timeMujocoForwardStages(benchmark::State& state, const mjModel* m, mjData* d) {
  mjcb_time = microsecondsNow;
  for (mjTimerStat& t : d->timer) t = {0.0, 0};
  for (auto _ : state) {
    mj_forward(m, d);
    benchmark::DoNotOptimize(d->qacc);
    benchmark::ClobberMemory();
  }
  mjcb_time = nullptr;
  const auto perCall = [&](mjtTimer t) {
    return d->timer[t].number ? d->timer[t].duration / d->timer[t].number : 0.0;
  };
  state.counters["position_us"] = perCall(mjTIMER_POSITION);
  // Kinematics, com, tendons and transmission:
  state.counters["pos_kinematics_us"] = perCall(mjTIMER_POS_KINEMATICS);
  state.counters["pos_inertia_us"] = perCall(mjTIMER_POS_INERTIA);    // CRB mass matrix + its factorization
  state.counters["velocity_us"] = perCall(mjTIMER_VELOCITY);          // com velocities + RNE bias forces
  state.counters["actuation_us"] = perCall(mjTIMER_ACTUATION);        // actuator (muscle) dynamics and forces
  state.counters["acceleration_us"] = perCall(mjTIMER_ACCELERATION);  // solve M qacc = qfrc
  state.counters["constraint_us"] = perCall(mjTIMER_CONSTRAINT);
}

}  // namespace spineload::bench
