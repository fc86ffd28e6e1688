// Reading a whole file so that a failed read is seen. `out << in.rdbuf()` cannot tell a read error from an
// empty file (both only set failbit on `out`, and `in` stays good), and a folder opens like a file on Linux
// and reads as nothing: a scenario that cannot be read would run as the defaults.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <istream>
#include <limits>
#include <optional>
#include <string>

namespace spineload {

/// Everything `in` holds; std::nullopt if a read fails (istream::read turns the error into badbit) or it
/// holds more than `max_bytes` (a device such as /dev/zero never ends).
inline std::optional<std::string> readAll(std::istream& in,
                                          std::size_t max_bytes = std::numeric_limits<std::size_t>::max()) {
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) return std::nullopt;
  }
  if (in.bad()) return std::nullopt;
  return text;
}

/// The largest TOML file (scenario, sweep, study) read: they are a few kB.
constexpr std::size_t kMaxTomlBytes = std::size_t{64} << 20;

/// The whole file at `path`; std::nullopt if it is missing, unreadable, a folder, fails to read or is larger
/// than kMaxTomlBytes.
inline std::optional<std::string> readTomlFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return readAll(in, kMaxTomlBytes);
}

}  // namespace spineload
