// What the fuzz targets share: a per-process scratch folder for the files an input may include, the check
// that keeps every include inside it, and a sink that keeps a result from being optimized away.
#pragma once

#include <unistd.h>

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace spineload::fuzz {

namespace fs = std::filesystem;

/// A folder of its own under the temporary directory (named for the target and the process, so that
/// parallel fuzzers do not share it), removed when the process ends normally. The input is read as the file
/// `in/fuzz.toml` of it, so that it may include files beside it and one folder up (the scenario files include
/// "baseline.toml" and "../baseline.toml").
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& name)
      : dir_(fs::temp_directory_path() / ("spineload-fuzz-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
  }
  ScratchFolder(ScratchFolder&& other) noexcept : dir_(std::move(other.dir_)) { other.dir_.clear(); }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  ScratchFolder& operator=(ScratchFolder&&) = delete;
  ~ScratchFolder() {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  /// The name the input is parsed under.
  std::string input() const { return (dir_ / "in" / "fuzz.toml").string(); }
  /// Writes a file the input can include, `name` relative to the input's folder.
  void write(const std::string& name, const std::string& text) const {
    std::ofstream((dir_ / "in" / name).lexically_normal(), std::ios::binary) << text;
  }

  /// False when the text is TOML whose top-level `include` names a path outside the folder (the parser
  /// would read it: a file of this machine, or a device that never ends such as /dev/zero). Text that is
  /// not TOML includes nothing.
  bool includesStayInside(const std::string& text) const {
    toml::table root;
    try {
      root = toml::parse(text, input());
    } catch (const toml::parse_error&) {
      return true;
    }
    const toml::node* include = root.get("include");
    if (!include) return true;
    if (const auto name = include->value<std::string>()) return inside(*name);
    if (const toml::array* list = include->as_array())
      for (const toml::node& element : *list)
        if (const auto name = element.value<std::string>(); name && !inside(*name)) return false;
    return true;
  }

 private:
  // Resolved as the parser resolves an include of the input: relative to the input's folder. A NUL ends the
  // name the operating system sees, whatever follows it, so a name holding one is refused.
  bool inside(const std::string& name) const {
    if (name.find('\0') != std::string::npos) return false;
    const fs::path p = fs::path(name).is_absolute() ? fs::path(name) : dir_ / "in" / name;
    const fs::path rel = p.lexically_normal().lexically_relative(dir_);
    return !rel.empty() && *rel.begin() != "..";
  }

  fs::path dir_;
};

/// Keeps a value alive so that the work producing it is not optimized away.
template <class T>
void use(const T& value) {
  asm volatile("" : : "g"(&value) : "memory");
}

}  // namespace spineload::fuzz
