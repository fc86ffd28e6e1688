// Progress of a many-scenario command (sweep, causes) on a terminal.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>

namespace spineload::cli {

// Progress on stderr when it is a terminal: done/total, rate, time left; redrawn at most twice a second.
inline std::function<void(std::size_t, std::size_t)> progressPrinter(bool quiet, const char* command) {
  if (quiet || !isatty(STDERR_FILENO)) return {};
  const auto start = std::chrono::steady_clock::now();
  auto last = start - std::chrono::seconds(1);
  return [start, last, command](std::size_t done, std::size_t total) mutable {
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - last < std::chrono::milliseconds(500)) return;
    last = now;
    const double elapsed = std::chrono::duration<double>(now - start).count();
    const double rate = elapsed > 0.0 ? static_cast<double>(done) / elapsed : 0.0;
    const double left = rate > 0.0 ? static_cast<double>(total - done) / rate : 0.0;
    std::fprintf(stderr, "\rspineload %s: %zu/%zu scenarios, %.2f/s, %.0f s left   %s", command, done, total,
                 rate, left, done == total ? "\n" : "");
  };
}

}  // namespace spineload::cli
