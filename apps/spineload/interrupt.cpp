#include "apps/spineload/interrupt.hpp"

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstring>

namespace spineload::cli {
namespace {

// The one piece of process-wide state in spineload: a signal handler can reach nothing else, and may only
// call async-signal-safe functions (unlink, write, _exit), so the paths and the message are fixed buffers
// filled before the handlers are installed.
constexpr int kMaxPaths = 4;
constexpr std::size_t kMaxPath = 4096;
char g_paths[kMaxPaths][kMaxPath];
int g_path_count = 0;
char g_message[kMaxPath + 256];
std::size_t g_message_length = 0;

extern "C" void onInterrupt(int signal_number) {
  for (int i = 0; i < g_path_count; ++i) ::unlink(g_paths[i]);
  [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, g_message, g_message_length);
  ::_exit(128 + signal_number);
}

void append(const char* text) {
  const std::size_t n = std::min(std::strlen(text), sizeof g_message - 1 - g_message_length);
  std::memcpy(g_message + g_message_length, text, n);
  g_message_length += n;
}

}  // namespace

void removeTemporariesOnInterrupt(const std::vector<std::string>& outputs) {
  append("spineload: interrupted; nothing was written to");
  for (const std::string& o : outputs) {
    if (o.empty() || g_path_count == kMaxPaths) continue;
    const std::string temp = o + ".tmp-" + std::to_string(::getpid());
    if (temp.size() >= kMaxPath) continue;
    std::memcpy(g_paths[g_path_count++], temp.c_str(), temp.size() + 1);
    append(" ");
    append(o.c_str());
  }
  append(" (a sweep's finished scenarios stay in <output>.parts: run it again with --resume)\n");
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

}  // namespace spineload::cli
