// The table of scenario parameters: every key a scenario file may set, with its type, unit, default,
// allowed range or choices, description and source. Read from engine/data/scenario_parameters.toml.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace spineload {

enum class ParamType { Number, String, Bool, StringList };

using ParamValue = std::variant<double, std::string, bool, std::vector<std::string>>;

struct ParameterSpec {
  std::string key;  ///< "<table>.<key>", e.g. "gait.step_frequency_hz"
  ParamType type = ParamType::Number;
  std::string unit;  ///< SI unit, empty for dimensionless or non-numeric keys
  ParamValue default_value;
  double min = 0.0, max = 0.0;       ///< inclusive range, numbers only
  std::vector<std::string> choices;  ///< allowed strings (or list elements); empty = any
  std::string description;
  std::string source;

  /// "allowed …" text for error messages and docs.
  std::string allowedText() const;
};

/// Parses the embedded scenario_parameters.toml. Throws std::runtime_error if the table itself is
/// malformed (a build defect, caught by the tests).
std::vector<ParameterSpec> loadParameterTable();

const ParameterSpec* findParameter(const std::vector<ParameterSpec>& table, const std::string& key);

std::string formatValue(const ParamValue& value);
std::string_view paramTypeName(ParamType type);

}  // namespace spineload
