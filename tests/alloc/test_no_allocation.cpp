// "No allocation inside the time loop": counts every heap allocation (malloc, and so operator new and
// Eigen's aligned_malloc) made by one integrator step and by one sample of the run loop. This binary
// interposes malloc, so it is separate from the main test binary.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>

#include "engine/anatomy/trunk_builder.hpp"
#include "engine/control/muscle_controller.hpp"
#include "engine/control/posture_hold.hpp"
#include "engine/dynamics/aba.hpp"
#include "engine/dynamics/integrator.hpp"
#include "engine/dynamics/kinematics.hpp"
#include "engine/dynamics/rnea.hpp"
#include "engine/gait/arm_swing.hpp"
#include "engine/gait/pelvis_driver.hpp"
#include "engine/metrics/level_loads.hpp"
#include "engine/run/run_scenario.hpp"

// glibc's allocator entry points, which the interposed functions below forward to.
extern "C" void* __libc_malloc(std::size_t size);
extern "C" void* __libc_calloc(std::size_t n, std::size_t size);
extern "C" void* __libc_realloc(void* p, std::size_t size);
extern "C" void* __libc_memalign(std::size_t alignment, std::size_t size);

namespace {
std::atomic<long> g_mallocs{0};
void count() {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

extern "C" void* malloc(std::size_t size) {
  count();
  return __libc_malloc(size);
}
extern "C" void* calloc(std::size_t n, std::size_t size) {
  count();
  return __libc_calloc(n, size);
}
extern "C" void* realloc(void* p, std::size_t size) {
  count();
  return __libc_realloc(p, size);
}
extern "C" void* aligned_alloc(std::size_t alignment, std::size_t size) {
  count();
  return __libc_memalign(alignment, size);
}
extern "C" int posix_memalign(void** out, std::size_t alignment, std::size_t size) {
  count();
  *out = __libc_memalign(alignment, size);
  return *out ? 0 : 12;  // ENOMEM
}

namespace spineload {
namespace {

// The default scenario: running, with the arm swing tracked by the controller.
ScenarioSpec runningSpec() {
  return toScenarioSpec(parseScenarioText("", "a.toml", loadParameterTable()));
}

TrunkModel trunk() {
  return buildScenarioModel(runningSpec());
}

TEST(NoAllocation, IntegratorStepsAllocateNothing) {
  const TrunkModel t = trunk();
  Data d(*t.model);
  for (Integrator integrator : {Integrator::SemiImplicitEuler, Integrator::RK4, Integrator::ImplicitEuler}) {
    const ArmSwing arms(*t.model, t.gait->arms, t.gait->grf.stridePeriod_s());
    PostureHold hold(*t.model, 4.0, 1.0, &arms);
    step(*t.model, d, 1e-3, integrator);  // warm-up
    const long before = g_mallocs.load();
    for (int s = 0; s < 100; ++s) {
      d.time_s = 1e-3 * s;
      updatePrescribedBase(*t.model, d, d.time_s);
      hold.update(*t.model, d);
      step(*t.model, d, 1e-3, integrator);
    }
    EXPECT_EQ(g_mallocs.load() - before, 0) << integratorName(integrator);
  }
}

TEST(NoAllocation, SamplingLoadsAllocatesNothing) {
  const TrunkModel t = trunk();
  Data d(*t.model);
  const long before = g_mallocs.load();
  double sum = 0.0;
  for (int s = 0; s < 10; ++s) {
    forwardDynamics(*t.model, d, 0.01 * s, d.q, d.v);
    jointReactions(*t.model, d);
    for (const SpineLevel& level : t.levels) sum += levelLoad(*t.model, d, d.q, level.body).compression_n;
  }
  EXPECT_EQ(g_mallocs.load() - before, 0);
  EXPECT_GT(sum, 0.0);
}

TEST(NoAllocation, RunLoopAllocationsDoNotGrowWithTheNumberOfSteps) {
  // runScenario allocates its buffers up front; a 5x longer run must make exactly as many allocations.
  const auto allocations = [](const char* duration) {
    const ScenarioSpec s = toScenarioSpec(
        parseScenarioText(std::string("[simulation]\nduration_s = ") + duration + "\noutput_rate_hz = 100\n",
                          "a.toml", loadParameterTable()));
    const TrunkModel t = buildScenarioModel(s);
    const long before = g_mallocs.load();
    const RunResult r = runScenario(s, t);
    const long n = g_mallocs.load() - before;
    EXPECT_FALSE(r.time_s.empty());
    return n;
  };
  EXPECT_EQ(allocations("0.2"), allocations("1.0"));
}

// The muscle controller's step: geometry, fibre forces, the static-optimization solve (box QP) and the
// wrenches, every control period for 100 periods after a warm-up.
TEST(NoAllocation, MuscleControllerAllocatesNothing) {
  const TrunkModel t = trunk();
  ASSERT_TRUE(t.muscles);
  Data d(*t.model);
  MuscleControlParams p;
  MuscleController c(*t.model, t.muscles, t.abdomen, p, nullptr, nullptr);
  updatePrescribedBase(*t.model, d, 0.0);
  c.update(*t.model, d, 0.0);  // warm-up: the first solve
  const AlignedVector<Vec6> external(t.model->nbodies(), Vec6::Zero());
  const long before = g_mallocs.load();
  for (int s = 1; s <= 100; ++s) {
    d.time_s = 2e-3 * s;
    updatePrescribedBase(*t.model, d, d.time_s);
    for (Vec6& f : d.f_ext) f.setZero();
    c.update(*t.model, d, 2e-3);
    c.applyAtState(*t.model, d, d.q, d.v, external);
  }
  EXPECT_EQ(g_mallocs.load() - before, 0);
}

TEST(NoAllocation, TheCounterSeesAllocations) {
  long before = g_mallocs.load();
  Eigen::VectorXd x = Eigen::VectorXd::Zero(100);
  EXPECT_GT(g_mallocs.load() - before, 0) << "the interposed malloc must see Eigen's heap allocations";
  EXPECT_EQ(x.size(), 100);
  before = g_mallocs.load();
  auto p = std::make_unique<std::vector<double>>(10);
  EXPECT_GT(g_mallocs.load() - before, 0) << "and operator new";
}

}  // namespace
}  // namespace spineload
