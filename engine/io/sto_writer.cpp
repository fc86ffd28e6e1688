#include "engine/io/sto_writer.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>  // std::remove, renameat2 / RENAME_NOREPLACE (glibc, _GNU_SOURCE)
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string_view>
#include <system_error>

#include <fcntl.h>  // open, AT_FDCWD
#include <unistd.h>

namespace spineload {
namespace {

namespace fs = std::filesystem;

// Header keys OpenSim's Storage::parseHeaders acts on when they begin a line (OpenSim/Common/Storage.cpp);
// a name or comment beginning with one would change how the file is read.
constexpr std::array<std::string_view, 12> kStorageKeys = {
    "name",        "nr",    "nRows",   "datarows",  "nc",     "nColumns",
    "datacolumns", "units", "version", "inDegrees", "Angles", "endheader"};

// A header line (the name or a comment) that both readers pass over as text.
void checkHeaderLine(const std::string& line, const std::string& what, bool allow_empty) {
  if (line.empty()) {
    if (allow_empty) return;
    throw StoError(what + " is empty");
  }
  if (line.find_first_of("\n\r") != std::string::npos) throw StoError(what + " holds a line break");
  if (line.find('=') != std::string::npos)
    throw StoError(what + " '" + line + "' holds '=' (OpenSim 4 would read the line as key=value metadata)");
  const std::size_t begin = line.find_first_not_of(" \t");
  if (begin == std::string::npos) return;
  const std::string_view first =
      std::string_view(line).substr(begin, line.find_first_of(" \t", begin) - begin);
  for (std::string_view key : kStorageKeys)
    if (first == key)
      throw StoError(what + " '" + line + "' begins with '" + std::string(key) +
                     "', a key OpenSim's Storage reader acts on");
  // DelimFileAdapter's test for a data row: the whole line matches [0-9][0-9.\t -]+.
  if (line.size() > 1 && line[0] >= '0' && line[0] <= '9' &&
      line.find_first_not_of("0123456789.\t -") == std::string::npos)
    throw StoError(what + " '" + line + "' looks like a row of numbers (OpenSim 4 would stop there)");
}

// The shortest text that std::strtod / std::stod read back to the same double.
void writeNumber(std::ostream& out, double value) {
  std::array<char, 32> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  if (ec != std::errc()) throw StoError("cannot format a number");  // cannot happen with 32 chars
  out.write(buf.data(), end - buf.data());
}

[[noreturn]] void failIo(const std::string& path, const std::string& what) {
  throw StoError(path + ": " + what + (errno != 0 ? std::string(": ") + std::strerror(errno) : ""));
}

// Flushes a written file's data to disk before a rename makes it visible under its final name.
void syncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) failIo(path, "cannot reopen to flush it to disk");
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) failIo(path, "cannot flush to disk");
}

// Removes the temporaries that were not renamed into place, whatever way writeStoFiles leaves.
struct Temporaries {
  std::vector<std::string> paths;
  std::vector<bool> moved;
  ~Temporaries() {
    for (std::size_t i = 0; i < paths.size(); ++i)
      if (!moved[i]) std::remove(paths[i].c_str());
  }
};

}  // namespace

void validateSto(const StoTable& t) {
  checkHeaderLine(t.name, "table name", false);
  for (std::size_t i = 0; i < t.comments.size(); ++i)
    checkHeaderLine(t.comments[i], t.name + ": comment " + std::to_string(i + 1), true);
  std::set<std::string_view> seen;
  for (const std::string& label : t.labels) {
    if (label.empty()) throw StoError(t.name + ": a column label is empty");
    if (label.find_first_of(" \t\n\r\v\f") != std::string::npos)
      throw StoError(t.name + ": column label '" + label +
                     "' holds whitespace (OpenSim splits the label line at spaces and tabs)");
    if (label == "time") throw StoError(t.name + ": 'time' is the first column's label, not a data column's");
    if (!seen.insert(label).second) throw StoError(t.name + ": column label '" + label + "' appears twice");
  }
  if (t.time.empty()) throw StoError(t.name + ": no rows (OpenSim refuses a table with nRows=0)");
  for (std::size_t r = 0; r < t.time.size(); ++r) {
    if (!std::isfinite(t.time[r]))
      throw StoError(t.name + ": time of row " + std::to_string(r + 1) + " is not finite");
    if (r > 0 && !(t.time[r] > t.time[r - 1]))
      throw StoError(t.name + ": time of row " + std::to_string(r + 1) +
                     " does not increase (OpenSim needs strictly increasing times)");
  }
  if (t.values.size() != t.time.size() * t.labels.size())
    throw StoError(t.name + ": " + std::to_string(t.values.size()) + " values for " +
                   std::to_string(t.time.size()) + " rows x " + std::to_string(t.labels.size()) + " columns");
}

void writeSto(std::ostream& out, const StoTable& t) {
  validateSto(t);
  out << t.name << "\nversion=1\nnRows=" << t.time.size() << "\nnColumns=" << t.labels.size() + 1
      << "\ninDegrees=no\nDataType=double\n";
  for (const std::string& comment : t.comments) out << comment << '\n';
  out << "endheader\ntime";
  for (const std::string& label : t.labels) out << '\t' << label;
  out << '\n';
  const std::size_t cols = t.labels.size();
  for (std::size_t r = 0; r < t.time.size(); ++r) {
    writeNumber(out, t.time[r]);
    for (std::size_t c = 0; c < cols; ++c) {
      out << '\t';
      writeNumber(out, t.values[r * cols + c]);
    }
    out << '\n';
  }
}

void writeStoFiles(const std::vector<StoFile>& files, bool overwrite) {
  // Everything that can be checked is checked before the first byte is written.
  std::set<std::string> paths;
  for (const StoFile& f : files) {
    validateSto(f.table);
    std::error_code ec;
    fs::path dir = fs::path(f.path).parent_path();
    if (dir.empty()) dir = ".";
    if (!fs::is_directory(dir, ec))
      throw StoError(f.path + ": output directory '" + dir.string() + "' does not exist");
    if (fs::is_directory(f.path, ec)) throw StoError(f.path + ": is a directory");
    if (!overwrite && fs::exists(f.path, ec))
      throw StoError(f.path + ": already exists; pass --overwrite to replace it");
    if (!paths.insert(fs::absolute(f.path).lexically_normal().string()).second)
      throw StoError(f.path + ": named twice in one export");
  }
  Temporaries temps;
  for (const StoFile& f : files) {
    temps.paths.push_back(f.path + ".tmp-" + std::to_string(::getpid()));
    temps.moved.push_back(false);
    const std::string& temp = temps.paths.back();
    {
      errno = 0;  // an ofstream's failure may leave errno as it was
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      if (!out) failIo(temp, "cannot create");
      writeSto(out, f.table);
      out.close();
      if (!out) failIo(temp, "cannot write");
    }
    syncFile(temp);
  }
  // Without --overwrite the rename must not replace a file another process wrote meanwhile:
  // renameat2(RENAME_NOREPLACE) checks and moves in one atomic step.
  const unsigned flags = overwrite ? 0u : RENAME_NOREPLACE;
  std::set<std::string> dirs;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (::renameat2(AT_FDCWD, temps.paths[i].c_str(), AT_FDCWD, files[i].path.c_str(), flags) != 0) {
      if (errno == EEXIST)
        throw StoError(files[i].path + ": appeared while the export was writing; pass --overwrite");
      failIo(files[i].path, "cannot move " + temps.paths[i] + " into place");
    }
    temps.moved[i] = true;
    dirs.insert(fs::absolute(files[i].path).parent_path().string());
  }
  for (const std::string& dir : dirs) {  // makes the renames themselves durable
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
  }
}

}  // namespace spineload
