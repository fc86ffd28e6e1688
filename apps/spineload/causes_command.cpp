#include <iostream>

#include "apps/spineload/commands.hpp"

namespace spineload::cli {

int causesCommand(const CausesOptions&, const std::string&) {
  std::cerr << "spineload causes: not implemented yet\n";
  return kExitFailed;
}

}  // namespace spineload::cli
