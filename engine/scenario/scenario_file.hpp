// Reading a scenario TOML file into checked parameter values: every key known to the parameter table,
// of the right type, finite and in range; unknown keys are errors with a "did you mean" suggestion.
// A file may start with `include = "base.toml"` (or a list, applied in order) to inherit another file's
// keys and state only what differs (docs/scenario-files.md).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "engine/scenario/parameter_table.hpp"
#include "engine/scenario/scenario_error.hpp"

namespace spineload {

struct ParameterSetting {
  ParamValue value;
  bool set_in_file = false;  ///< false: the table's default
  SourceLocation where;      ///< where it was set (file only, when defaulted)
};

/// One value a sweep (or any caller) sets on top of a scenario file, with where it was asked for.
struct ParameterOverride {
  std::string key;  ///< e.g. "gait.stride_length_m"
  ParamValue value;
  SourceLocation where;
};

struct ScenarioValues {
  std::string path;                                ///< the file read (or a label for text)
  std::string toml_text;                           ///< the file verbatim, for provenance
  std::map<std::string, ParameterSetting> values;  ///< every key of the table
  /// Every file reached through `include` (path as resolved, text verbatim), in the order read, each once;
  /// with toml_text they are the whole chain a result needs to be reproduced.
  std::vector<std::pair<std::string, std::string>> included;
};

/// Parses TOML text; `source_name` is used in messages and is where relative includes are resolved from
/// (its folder; the working directory when it has none). Throws ScenarioError.
ScenarioValues parseScenarioText(const std::string& text, const std::string& source_name,
                                 const std::vector<ParameterSpec>& table);

/// Reads and parses a file; a missing or unreadable file is a ScenarioError too.
ScenarioValues loadScenarioFile(const std::string& path, const std::vector<ParameterSpec>& table);

/// `base` with every override applied in order (a later one wins), each checked exactly as the same value
/// in a file would be (type, finiteness, range, choices; an unknown key gets a "did you mean"), marked set
/// and located at the override's `where`. The step-frequency / stride-length rule holds: overrides that set
/// one of gait.step_frequency_hz and gait.stride_length_m return the other to its default (derived from
/// the speed); overrides that set both keep both, and toScenarioSpec checks that they agree. No file I/O,
/// no shared state: safe to call from many threads at once. Throws ScenarioError.
ScenarioValues applyOverrides(const ScenarioValues& base, const std::vector<ParameterOverride>& overrides,
                              const std::vector<ParameterSpec>& table);

}  // namespace spineload
