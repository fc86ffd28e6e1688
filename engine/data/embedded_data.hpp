// The parameter tables of engine/data, compiled into the binary (see cmake/embed_data.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace spineload {

struct EmbeddedFile {
  std::string_view name;  ///< file name, e.g. "trunk_anatomy.toml"
  std::string_view text;  ///< its full text
};

const std::vector<EmbeddedFile>& embeddedDataFiles();

/// The text of one embedded data file; throws std::out_of_range naming the file if absent.
std::string_view embeddedDataFile(std::string_view name);

}  // namespace spineload
