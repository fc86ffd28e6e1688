// libFuzzer target: sweep TOML text -> SweepSpec (parseSweepText), its scenario count and the size limit, the
// expanded design, and the first points applied to a base scenario as `spineload sweep` applies them. Any
// input must end there or in a ScenarioError (the documented error of each step); a crash, a sanitizer
// report or any other exception is a finding (docs/fuzzing.md).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/scenario/scenario_spec.hpp"
#include "engine/sweep/design.hpp"
#include "engine/sweep/sweep_file.hpp"
#include "fuzz/fuzz_scratch.hpp"

namespace {

// Small enough that every input expands in milliseconds; larger designs stop at the size check, which
// `spineload sweep` makes with --max-scenarios before it expands anything.
constexpr std::size_t kMaxScenarios = 2000;
constexpr std::size_t kPointsApplied = 8;

const std::vector<spineload::ParameterSpec>& table() {
  static const std::vector<spineload::ParameterSpec> t = spineload::loadParameterTable();
  return t;
}

// The scenario every point starts from (parseSweepText does not read `base`; the runner does).
const spineload::ScenarioValues& base() {
  static const spineload::ScenarioValues b =
      spineload::parseScenarioText("[gait]\nspeed_m_s = 3.0\n", "base.toml", table());
  return b;
}

void expandAndApply(const spineload::SweepSpec& spec) {
  spineload::refuseOversizedSweep(spec, kMaxScenarios);
  const std::vector<spineload::SweepPoint> points = spineload::expandDesign(spec);
  for (std::size_t i = 0; i < std::min(points.size(), kPointsApplied); ++i) {
    try {  // a point may break a cross-key rule of the base (a sweep marks that point failed and goes on)
      spineload::fuzz::use(
          spineload::toScenarioSpec(spineload::applyOverrides(base(), points[i].overrides, table())));
    } catch (const spineload::ScenarioError&) {
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const spineload::SweepSpec spec =
        spineload::parseSweepText(text, "sweep.toml", table());  // reads no file
    spineload::fuzz::use(spineload::scenarioCount(spec));
    expandAndApply(spec);
  } catch (const spineload::ScenarioError&) {  // bad input, reported as the CLI would: expected
  }
  return 0;
}
