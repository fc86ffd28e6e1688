// Reading a scenario TOML file into checked parameter values: every key known to the parameter table,
// of the right type, finite and in range; unknown keys are errors with a "did you mean" suggestion.
#pragma once

#include <map>
#include <string>

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
};

/// Parses TOML text; `source_name` is used in messages. Throws ScenarioError.
ScenarioValues parseScenarioText(const std::string& text, const std::string& source_name,
                                 const std::vector<ParameterSpec>& table);

/// Reads and parses a file; a missing or unreadable file is a ScenarioError too.
ScenarioValues loadScenarioFile(const std::string& path, const std::vector<ParameterSpec>& table);

}  // namespace spineload
