// The one error a scenario file can raise: where (file:line:col), which key, what is wrong and what is
// allowed, formatted as one line a student can act on (../shared/DESIGN.md §5).
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

namespace spineload {

/// Text from parts, through a stream: the messages below are built so, because GCC 12 reports a false
/// -Wrestrict on chains of "literal" + std::string.
template <class... T>
std::string cat(const T&... parts) {
  std::ostringstream s;
  (s << ... << parts);
  return s.str();
}

struct SourceLocation {
  std::string file;
  int line = 0;    ///< 1-based, 0 = unknown
  int column = 0;  ///< 1-based, 0 = unknown
};

class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(SourceLocation where, std::string key, const std::string& message)
      : std::runtime_error(format(where, key, message)), where_(std::move(where)), key_(std::move(key)) {}

  const SourceLocation& where() const { return where_; }
  const std::string& key() const { return key_; }

 private:
  // Built with a stream: GCC 12 reports a false -Wrestrict on chains of std::string operator+.
  static std::string format(const SourceLocation& w, const std::string& key, const std::string& message) {
    std::ostringstream s;
    s << w.file;
    if (w.line > 0) s << ':' << w.line << ':' << w.column;
    s << ": ";
    if (!key.empty()) s << key << ": ";
    s << message;
    return oneLine(s.str());
  }
  // A key or value from the file may hold a TOML escape such as "\n": echoed raw it would break the
  // message's one line, so control characters are written as their escapes.
  static std::string oneLine(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        static const char* kHex = "0123456789abcdef";
        out += "\\x";
        out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xf];
        out += kHex[static_cast<unsigned char>(c) & 0xf];
      } else {
        out += c;
      }
    }
    return out;
  }
  SourceLocation where_;
  std::string key_;
};

}  // namespace spineload
