#include <iostream>

#include "apps/spineload/commands.hpp"

namespace spineload::cli {

int validateCommand(const ValidateOptions&, const std::string&) {
  std::cerr << "spineload validate: not implemented yet\n";
  return kExitFailed;
}

}  // namespace spineload::cli
