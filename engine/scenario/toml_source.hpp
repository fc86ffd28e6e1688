// Parsing TOML text (scenario and sweep files) with toml++'s syntax errors turned into the project's one-line
// ScenarioError at the file, line and column toml++ reports.
#pragma once

#include <toml++/toml.h>

#include <string>

#include "engine/scenario/scenario_error.hpp"

namespace spineload {

inline toml::table parseTomlText(const std::string& text, const std::string& source_name) {
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    throw ScenarioError({source_name, static_cast<int>(b.line), static_cast<int>(b.column)}, "",
                        "malformed TOML: " + std::string(e.description()));
  }
}

/// Where a node of a parsed file is, for messages.
inline SourceLocation locate(const std::string& file, const toml::node& node) {
  const toml::source_region& r = node.source();
  return {file, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

}  // namespace spineload
