// libFuzzer target: scenario TOML text -> checked values (parseScenarioText) -> ScenarioSpec (toScenarioSpec,
// the cross-key rules). Any input must end in a ScenarioSpec or a ScenarioError, the parser's one documented
// error (toml++'s parse_error is turned into one); a crash, a sanitizer report or any other exception is a
// finding. docs/fuzzing.md says how to run it and what to do with a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/scenario/scenario_spec.hpp"
#include "fuzz/fuzz_scratch.hpp"

namespace {

using spineload::fuzz::ScratchFolder;

// Included files the input can name, so that the include paths are exercised on files that parse (as the
// seeds' "baseline.toml" and "../baseline.toml"), that fail, and that form a cycle with the input itself.
ScratchFolder makeScratch() {
  ScratchFolder s("scenario");
  const std::string baseline =
      "[subject]\nbody_mass_kg = 73\nheight_m = 1.74\n[gait]\nspeed_m_s = 3.0\n"
      "[simulation]\nduration_s = 2.0\n";
  s.write("baseline.toml", baseline);
  s.write("../baseline.toml", baseline);
  s.write("base.toml", "[subject]\nbody_mass_kg = 70\n[gait]\nspeed_m_s = 3.0\nstep_frequency_hz = 2.8\n");
  s.write("stride.toml", "include = \"base.toml\"\n[gait]\nstride_length_m = 2.2\n");
  s.write("bad.toml", "[subject]\nheight_m = 9.0\n");
  s.write("loop.toml", "include = \"fuzz.toml\"\n");  // fuzz.toml is the input: a cycle
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<spineload::ParameterSpec> table = spineload::loadParameterTable();
  static const ScratchFolder scratch = makeScratch();
  const std::string text(reinterpret_cast<const char*>(data), size);
  // An include may name any path; only the scratch folder's files are read, so that a run neither depends on
  // the machine's files nor blocks on a device such as /dev/stdin.
  if (!scratch.includesStayInside(text)) return -1;
  try {
    const spineload::ScenarioSpec spec =
        spineload::toScenarioSpec(spineload::parseScenarioText(text, scratch.input(), table));
    spineload::fuzz::use(spec.simulation.n_steps);
  } catch (const spineload::ScenarioError&) {  // bad input, reported as the CLI would: expected
  }
  return 0;
}
