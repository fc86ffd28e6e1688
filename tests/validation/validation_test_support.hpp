// The figures the validation tests check against: ../shared/validation/published.toml when the checkout has
// it, and the project's validation/*.toml (tests only).
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/validation/published_figures.hpp"

namespace spineload::test {

inline bool haveSharedFigures() {
  return std::filesystem::exists(SPINELOAD_SHARED_VALIDATION);
}

inline std::vector<std::string> projectFigureFiles() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(SPINELOAD_SOURCE_DIR) + "/validation"))
    if (e.path().extension() == ".toml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

inline std::vector<PublishedFigure> loadFigures() {
  std::vector<std::string> files = projectFigureFiles();
  if (haveSharedFigures()) files.insert(files.begin(), SPINELOAD_SHARED_VALIDATION);
  std::vector<PublishedFigure> all;
  for (const std::string& f : files) {
    std::vector<PublishedFigure> some = readPublishedFigures(f);
    all.insert(all.end(), some.begin(), some.end());
  }
  return all;
}

}  // namespace spineload::test
