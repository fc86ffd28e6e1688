#include <stdexcept>
#include <string>

#include "engine/data/embedded_data.hpp"

namespace spineload {

std::string_view embeddedDataFile(std::string_view name) {
  for (const EmbeddedFile& f : embeddedDataFiles())
    if (f.name == name) return f.text;
  throw std::out_of_range("no embedded data file '" + std::string(name) + "'");
}

}  // namespace spineload
