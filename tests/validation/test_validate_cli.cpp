// `spineload validate` end to end: a fast check written to markdown and HDF5, the exit statuses (0 all
// pass, 3 some fail, 2 bad input with one line on stderr) and refused outputs.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/io/hdf5_file.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

struct Cli {
  int status = -1;
  std::string out, err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ValidateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("spineload_validate_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Cli run(const std::string& args) const {
    std::ostringstream cmd;
    cmd << SPINELOAD_CLI_PATH << " validate " << args << " >" << dir_ / "stdout"
        << " 2>" << dir_ / "stderr";
    const int raw = std::system(cmd.str().c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(dir_ / "stdout"), slurp(dir_ / "stderr")};
  }
  std::string project(const std::string& file) const {
    return std::string(SPINELOAD_SOURCE_DIR) + "/validation/" + file;
  }
  fs::path dir_;
};

int lines(const std::string& s) {
  return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

TEST_F(ValidateCli, OnePassingCheckToMarkdownAndHdf5) {
  const fs::path md = dir_ / "v.md", h5 = dir_ / "v.h5";
  const Cli c = run("--figures " + project("gait.toml") + " --only contact_time_range@3m -o " + md.string() +
                    " --h5 " + h5.string());
  ASSERT_EQ(c.status, 0) << c.out << c.err;
  EXPECT_NE(c.out.find("contact_time_range@3m/s"), std::string::npos) << c.out;
  const std::string text = slurp(md);
  EXPECT_NE(text.find("| `contact_time_range@3m/s` |"), std::string::npos) << text;
  EXPECT_NE(text.find("| pass |"), std::string::npos) << text;
  const std::vector<h5::TableColumn> table =
      h5::File::openReadOnly(h5.string()).root().readTable("validation");
  std::map<std::string, const h5::TableColumn*> by_name;
  for (const h5::TableColumn& col : table) by_name[col.name] = &col;
  ASSERT_EQ(by_name.at("id")->strings, std::vector<std::string>{"contact_time_range@3m/s"});
  EXPECT_EQ(by_name.at("verdict")->strings.front(), "pass");
  const double model = by_name.at("model")->floats.front();
  EXPECT_GE(model, by_name.at("low")->floats.front());
  EXPECT_LE(model, by_name.at("high")->floats.front());
  for (const auto& e : fs::directory_iterator(dir_))
    EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << "temporary left: " << e.path();
}

TEST_F(ValidateCli, AKnownFailureExitsThree) {
  const Cli c = run("--figures " + project("gait.toml") + " --only loading_rate_keller@6");
  EXPECT_EQ(c.status, 3) << c.out << c.err;
  EXPECT_NE(c.out.find("fail (known)"), std::string::npos) << c.out;
}

TEST_F(ValidateCli, MissingFigureFileIsOneLineAndExitTwo) {
  const Cli c = run("--figures " + (dir_ / "nowhere.toml").string() + " -o " + (dir_ / "v.md").string());
  EXPECT_EQ(c.status, 2);
  EXPECT_EQ(lines(c.err), 1) << c.err;
  EXPECT_NE(c.err.find("nowhere.toml"), std::string::npos) << c.err;
  EXPECT_FALSE(fs::exists(dir_ / "v.md"));
}

TEST_F(ValidateCli, ExistingOutputIsRefusedWithoutOverwrite) {
  const fs::path md = dir_ / "v.md";
  std::ofstream(md) << "keep me\n";
  const std::string args =
      "--figures " + project("gait.toml") + " --only contact_time_range@3m -o " + md.string();
  const Cli refused = run(args);
  EXPECT_EQ(refused.status, 2);
  EXPECT_EQ(lines(refused.err), 1) << refused.err;
  EXPECT_EQ(slurp(md), "keep me\n");
  EXPECT_EQ(run(args + " --overwrite").status, 0);
  EXPECT_NE(slurp(md).find("contact_time_range@3m/s"), std::string::npos);
}

TEST_F(ValidateCli, AFilterMatchingNothingIsBadInput) {
  const Cli c = run("--figures " + project("gait.toml") + " --only no_such_check");
  EXPECT_EQ(c.status, 2);
  EXPECT_EQ(lines(c.err), 1) << c.err;
}

}  // namespace
}  // namespace spineload
