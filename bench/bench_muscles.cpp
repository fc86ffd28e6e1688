// Muscle path geometry of the full trunk model (190 fascicles on the 24-body tree): path points in the
// world, lengths, unit forces and the moment-arm matrix R (nv x muscles) with the lengthening rates, i.e.
// updateMuscleGeometry, which the controller calls once per step and the stability index twice per degree
// of freedom per sample. Timed after forwardKinematics (not included) at a perturbed posture.
#include <benchmark/benchmark.h>

#include <random>

#include "engine/dynamics/configuration.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/muscles/muscle_set.hpp"
#include "engine/run/run_scenario.hpp"

namespace spineload {
namespace {

void BM_MuscleGeometry(benchmark::State& state) {
  const ScenarioSpec spec = toScenarioSpec(parseScenarioText("", "bench.toml", loadParameterTable()));
  const TrunkModel trunk = buildScenarioModel(spec);
  const Model& model = *trunk.model;
  Data d(model);
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> small(-0.05, 0.05);
  Eigen::VectorXd dq(model.nv), v(model.nv), q(model.nq);
  for (int i = 0; i < model.nv; ++i) dq[i] = small(rng), v[i] = 10.0 * small(rng);
  integrateConfiguration(model, model.q_neutral, dq, 1.0, q);
  forwardKinematics(model, d, q, v);
  MuscleGeometry g(model, *trunk.muscles);
  for (auto _ : state) {
    updateMuscleGeometry(model, d, v, *trunk.muscles, g);
    benchmark::DoNotOptimize(g.arm.data());
  }
  state.counters["muscles"] = trunk.muscles->size();
  state.counters["path_points"] = static_cast<double>(trunk.muscles->points.size());
  state.counters["nv"] = model.nv;
  state.counters["arm_nonzeros"] = static_cast<double>(trunk.muscles->arm_dofs.size());
}

BENCHMARK(BM_MuscleGeometry)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace spineload
