// Running the built spineload command from a test (tests/test_cli.cpp, tests/test_bad_input.cpp): a scratch
// folder of the test's own, files written into it, and the command's exit status and stderr.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace spineload::test {

struct Outcome {
  int status;       ///< the exit status, or 128 + the signal that ended the command (as a shell reports it)
  std::string err;  ///< everything the command wrote on stderr
};

/// A fixture with a scratch folder (named for the process and the test, removed after it) and the command.
class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("spineload_cli_" + std::to_string(::getpid()) + "_" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path(name)) << text; }

  /// Runs `spineload <args>` (through the shell; stdout discarded).
  Outcome spineload(const std::string& args) const {
    const std::string err = path("stderr.txt");
    const int raw =
        std::system((std::string(SPINELOAD_CLI_PATH) + " " + args + " 2> " + err + " > /dev/null").c_str());
    std::ifstream in(err);
    std::stringstream s;
    s << in.rdbuf();
    std::filesystem::remove(err);
    return {WIFSIGNALED(raw) ? 128 + WTERMSIG(raw) : WEXITSTATUS(raw), s.str()};
  }

  std::filesystem::path dir_;
};

}  // namespace spineload::test
