// The spineload command as a user meets it: exit status, one-line errors, no output left behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/io/hdf5_file.hpp"
#include "tests/cli_support.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

using test::Outcome;
using Cli = test::CliTest;

TEST_F(Cli, RunWritesTheHdf5LayoutAndRefusesToOverwrite) {
  write("short.toml", "[simulation]\nduration_s = 0.2\n");
  const Outcome ok = spineload("run " + path("short.toml") + " -o " + path("short.h5"));
  ASSERT_EQ(ok.status, 0) << ok.err;
  {
    h5::File f = h5::File::openReadOnly(path("short.h5"));
    h5::Group root = f.root();
    EXPECT_EQ(root.readVector("scenarios/short/time").size(), 101u);  // 0.2 s at 500 Hz, both ends
    EXPECT_TRUE(root.exists("scenarios/short/levels/T7_T8/compression"));
    EXPECT_TRUE(root.exists("scenarios/short/levels/T7_T8/idp"));
    EXPECT_TRUE(root.exists("scenarios/short/levels/T7_T8/disc_height"));
    EXPECT_TRUE(root.exists("scenarios/short/stature_change"));
    EXPECT_EQ(root.datasetStringAttribute("scenarios/short/levels/L5_S1/moment_fe", "units"), "N m");
    EXPECT_EQ(root.openGroup("scenarios/short").stringAttribute("scenario_toml"),
              "[simulation]\nduration_s = 0.2\n");
    EXPECT_FALSE(root.stringAttribute("model_hash").empty());
  }
  const Outcome again = spineload("run " + path("short.toml") + " -o " + path("short.h5"));
  EXPECT_EQ(again.status, 2);
  EXPECT_NE(again.err.find("--overwrite"), std::string::npos) << again.err;
  EXPECT_EQ(spineload("run " + path("short.toml") + " -o " + path("short.h5") + " --overwrite -q").status, 0);
}

TEST_F(Cli, BadInputExitsTwoWithOneLineAndNoOutput) {
  write("bad.toml", "[gait]\nstep_frequency = 3.0\n");
  const Outcome o = spineload("run " + path("bad.toml") + " -o " + path("bad.h5"));
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err, path("bad.toml") +
                       ":2:18: gait.step_frequency: unknown key; did you mean 'gait.step_frequency_hz'? "
                       "(spineload describe lists every key)\n");
  EXPECT_FALSE(fs::exists(path("bad.h5")));
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << "temporary file left behind";
}

TEST_F(Cli, MissingScenarioAndUnwritableOutputAreBadInput) {
  EXPECT_EQ(spineload("run " + path("none.toml") + " -o " + path("x.h5")).status, 2);
  write("ok.toml", "");
  const Outcome o = spineload("run " + path("ok.toml") + " -o " + path("no/such/dir/x.h5"));
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("no/such/dir"), std::string::npos) << o.err;
  EXPECT_EQ(spineload("run").status, 2);
  EXPECT_EQ(spineload("frobnicate").status, 2);
}

TEST_F(Cli, DescribePrintsEveryParameter) {
  write("d.toml", "[subject]\nheight_m = 1.8\n");
  const std::string out = path("describe.txt");
  ASSERT_EQ(
      std::system((std::string(SPINELOAD_CLI_PATH) + " describe " + path("d.toml") + " > " + out).c_str()),
      0);
  std::ifstream in(out);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_NE(s.str().find("subject.height_m"), std::string::npos);
  EXPECT_NE(s.str().find("set"), std::string::npos);
  EXPECT_NE(s.str().find("de Leva 1996"), std::string::npos);
  EXPECT_EQ(spineload("describe --data nosuch.toml").status, 2);
}

TEST_F(Cli, ScenarioReferenceDocIsUpToDate) {
  const std::string out = path("reference.md");
  ASSERT_EQ(std::system((std::string(SPINELOAD_CLI_PATH) + " describe --markdown > " + out).c_str()), 0);
  const auto read = [](const std::string& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  EXPECT_EQ(read(out), read(std::string(SPINELOAD_SOURCE_DIR) + "/docs/scenario-reference.md"))
      << "regenerate: build/apps/spineload/spineload describe --markdown > docs/scenario-reference.md";
}

TEST_F(Cli, MergeRefusesForeignCorruptAndTextFilesInOneLine) {
  {
    h5::File foreign = h5::File::create(path("foreign.h5"));
    foreign.root().writeVector("data", std::vector<double>{1.0, 2.0}, {"1", "someone else's dataset"});
  }
  std::ofstream(path("corrupt.h5"), std::ios::binary)
      << std::string("\x89HDF\r\n\x1a\n", 8) << std::string(4096, '\x5a');
  write("text.h5", "hello\n");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"foreign.h5", "not a spineload sweep result"},
      {"corrupt.h5", "cannot open the HDF5 file"},
      {"text.h5", "is not an HDF5 file"}};
  for (const auto& [file, expected] : cases) {
    const Outcome o = spineload("merge " + path(file) + " -o " + path("merged.h5"));
    EXPECT_EQ(o.status, 2) << file;
    EXPECT_NE(o.err.find(path(file) + ": " + expected), std::string::npos) << o.err;
    EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << o.err;  // no HDF5 stack on stderr
    EXPECT_FALSE(fs::exists(path("merged.h5"))) << file;
  }
}

}  // namespace
}  // namespace spineload
