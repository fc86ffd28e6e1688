// Scenario files that include others, and values set on top of a scenario (applyOverrides): the order in
// which settings win, relative paths, the step-frequency / stride-length rule across files and overrides,
// where each value was set, and every bad include or override with its one-line message.
#include <gtest/gtest.h>

#include <unistd.h>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "engine/scenario/scenario_spec.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

const std::vector<ParameterSpec>& table() {
  static const std::vector<ParameterSpec> t = loadParameterTable();
  return t;
}

class ScenarioInclude : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::ostringstream name;
    name << "spineload_include_" << ::getpid() << '_' << info->name();
    dir_ = fs::temp_directory_path() / name.str();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).lexically_normal().string(); }
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(path(name)) << text;
  }
  ScenarioValues load(const std::string& name) const { return loadScenarioFile(path(name), table()); }
  // The message loading (and resolving) a file raises, or "" if it loaded.
  std::string errorOf(const std::string& name) const {
    try {
      toScenarioSpec(load(name));
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "";
  }

  fs::path dir_;
};

double number(const ScenarioValues& v, const std::string& key) {
  return std::get<double>(v.values.at(key).value);
}

TEST_F(ScenarioInclude, ChainsApplyInOrderAndTheFileItselfWins) {
  write("base.toml", "[subject]\nbody_mass_kg = 60\nheight_m = 1.8\n[posture]\nthoracic_kyphosis_deg = 30\n");
  write("mid.toml", "include = \"base.toml\"\n[subject]\nbody_mass_kg = 65\n");
  const std::string top = "include = \"mid.toml\"  # comment\n\n[posture]\nthoracic_kyphosis_deg = 45\n";
  write("top.toml", top);
  const ScenarioValues v = load("top.toml");
  EXPECT_DOUBLE_EQ(number(v, "subject.body_mass_kg"), 65.0);
  EXPECT_DOUBLE_EQ(number(v, "subject.height_m"), 1.8);
  EXPECT_DOUBLE_EQ(number(v, "posture.thoracic_kyphosis_deg"), 45.0);
  // Where each value was set: file, line and column of the value.
  const SourceLocation& mass = v.values.at("subject.body_mass_kg").where;
  EXPECT_EQ(mass.file, path("mid.toml"));
  EXPECT_EQ(mass.line, 3);
  EXPECT_EQ(mass.column, 16);
  EXPECT_EQ(v.values.at("subject.height_m").where.file, path("base.toml"));
  EXPECT_EQ(v.values.at("subject.height_m").where.line, 3);
  EXPECT_EQ(v.values.at("posture.thoracic_kyphosis_deg").where.file, path("top.toml"));
  EXPECT_EQ(v.values.at("posture.thoracic_kyphosis_deg").where.line, 4);
  for (const char* key : {"subject.body_mass_kg", "subject.height_m", "posture.thoracic_kyphosis_deg"})
    EXPECT_TRUE(v.values.at(key).set_in_file) << key;
  EXPECT_FALSE(v.values.at("discs.hydration").set_in_file);
  // Provenance: the top file verbatim, and every included file in the order read.
  EXPECT_EQ(v.path, path("top.toml"));
  EXPECT_EQ(v.toml_text, top);
  ASSERT_EQ(v.included.size(), 2u);
  EXPECT_EQ(v.included[0].first, path("mid.toml"));
  EXPECT_EQ(v.included[1].first, path("base.toml"));
  EXPECT_EQ(v.included[1].second.substr(0, 9), "[subject]");
  EXPECT_EQ(toScenarioSpec(v).name, "top");
}

TEST_F(ScenarioInclude, PathsAreRelativeToTheIncludingFile) {
  write("common/sim.toml", "[simulation]\nduration_s = 2.0\n");
  write("baseline.toml", "include = \"common/sim.toml\"\n[gait]\nspeed_m_s = 3.5\n");
  write("examples/slow.toml", "include = \"../baseline.toml\"\n[gait]\nspeed_m_s = 2.5\n");
  const ScenarioValues v = load("examples/slow.toml");
  EXPECT_DOUBLE_EQ(number(v, "gait.speed_m_s"), 2.5);
  EXPECT_DOUBLE_EQ(number(v, "simulation.duration_s"), 2.0);
  EXPECT_EQ(v.values.at("simulation.duration_s").where.file, path("common/sim.toml"));
  ASSERT_EQ(v.included.size(), 2u);
  EXPECT_EQ(v.included[0].first, path("baseline.toml"));  // "examples/../baseline.toml", normalized
  // An absolute path works from anywhere.
  write("abs.toml", "include = \"" + path("common/sim.toml") + "\"\n");
  EXPECT_DOUBLE_EQ(number(load("abs.toml"), "simulation.duration_s"), 2.0);
}

TEST_F(ScenarioInclude, AMotionFileIsRelativeToTheFileThatNamesIt) {
  write("data/base.toml", "[gait]\nmotion_file = \"pelvis.csv\"\n");
  write("top.toml", "include = \"data/base.toml\"\n");
  EXPECT_EQ(toScenarioSpec(load("top.toml")).gait.motion_file, path("data/pelvis.csv"));
}

TEST_F(ScenarioInclude, AListIsAppliedInOrderLaterWins) {
  write("a.toml", "[subject]\nbody_mass_kg = 60\nheight_m = 1.6\n");
  write("b.toml", "[subject]\nbody_mass_kg = 80\n");
  write("top.toml", "include = [\"a.toml\", \"b.toml\"]\n");
  const ScenarioValues v = load("top.toml");
  EXPECT_DOUBLE_EQ(number(v, "subject.body_mass_kg"), 80.0);
  EXPECT_DOUBLE_EQ(number(v, "subject.height_m"), 1.6);
  write("top2.toml", "include = [\"b.toml\", \"a.toml\"]\n");
  EXPECT_DOUBLE_EQ(number(load("top2.toml"), "subject.body_mass_kg"), 60.0);
  // A file reached twice (a diamond, not a cycle) is fine and recorded once.
  write("c.toml", "include = \"a.toml\"\n");
  write("diamond.toml", "include = [\"a.toml\", \"c.toml\"]\n");
  EXPECT_EQ(load("diamond.toml").included.size(), 2u);
}

TEST_F(ScenarioInclude, ACycleIsAnErrorNamingTheChain) {
  write("a.toml", "include = \"b.toml\"\n");
  write("b.toml", "\ninclude = \"a.toml\"\n");
  std::ostringstream expected;
  expected << path("b.toml") << ":2:11: include: include cycle: " << path("a.toml") << " -> "
           << path("b.toml") << " -> " << path("a.toml")
           << "; allowed a chain of includes that never returns to a file in it";
  EXPECT_EQ(errorOf("a.toml"), expected.str());
  write("self.toml", "include = \"./self.toml\"\n");
  EXPECT_NE(errorOf("self.toml").find("include cycle: " + path("self.toml") + " -> " + path("self.toml")),
            std::string::npos);
}

TEST_F(ScenarioInclude, AMissingFileNamesTheResolvedPath) {
  write("sub/top.toml", "include = [\"../base.toml\",\n           \"nope.toml\"]\n");
  write("base.toml", "");
  const std::string e = errorOf("sub/top.toml");
  EXPECT_EQ(e.rfind(path("sub/top.toml") + ":2:12: include: cannot read the included file " +
                        path("sub/nope.toml") + " (does it exist",
                    0),
            0u)
      << e;
  fs::create_directories(dir_ / "folder.toml");
  write("dir.toml", "include = \"folder.toml\"\n");
  EXPECT_NE(errorOf("dir.toml").find("cannot read the included file"), std::string::npos);
}

TEST_F(ScenarioInclude, WrongTypesAndNestedIncludesAreErrors) {
  write("number.toml", "include = 3\n");
  EXPECT_EQ(errorOf("number.toml"),
            path("number.toml") +
                ":1:11: include: expected a file name or a list of file names, got "
                "integer; allowed a file name or a list of file names, e.g. include = "
                "\"../baseline.toml\"");
  write("element.toml", "include = [\"a.toml\", true]\n");
  EXPECT_NE(errorOf("element.toml").find(":1:22: include: expected a file name, got boolean"),
            std::string::npos);
  write("table.toml", "[include]\nfile = \"a.toml\"\n");
  EXPECT_NE(errorOf("table.toml").find("include: expected a file name or a list of file names, got table"),
            std::string::npos);
  write("empty.toml", "include = \"\"\n");
  EXPECT_NE(errorOf("empty.toml").find("include: the file name is empty"), std::string::npos);
  write("nul.toml", "include = \"base.toml\\u0000.txt\"\n");  // would open base.toml
  EXPECT_NE(errorOf("nul.toml").find("include: the file name holds a NUL character"), std::string::npos);
  write("nested.toml", "[gait]\nspeed_m_s = 3.0\ninclude = \"a.toml\"\n");
  EXPECT_EQ(errorOf("nested.toml")
                .rfind(path("nested.toml") + ":3:11: gait.include: include must be a top-level key", 0),
            0u);
}

TEST_F(ScenarioInclude, ErrorsInAnIncludedFileNameThatFile) {
  write("base.toml", "[subject]\n\nheight_m = 3.5\n");
  write("top.toml", "include = \"base.toml\"\n");
  EXPECT_EQ(
      errorOf("top.toml"),
      path("base.toml") + ":3:12: subject.height_m: 3.5 is out of range; allowed a number in [1.45, 2.1] m");
}

TEST_F(ScenarioInclude, StrideLengthReplacesAnIncludedStepFrequencyAndBack) {
  write("freq.toml", "[gait]\nspeed_m_s = 3.0\nstep_frequency_hz = 2.8\n");
  write("len.toml", "[gait]\nspeed_m_s = 3.0\nstride_length_m = 2.0\n");
  write("to_len.toml", "include = \"freq.toml\"\n[gait]\nstride_length_m = 2.4\n");
  const ScenarioValues a = load("to_len.toml");
  EXPECT_FALSE(a.values.at("gait.step_frequency_hz").set_in_file);
  EXPECT_TRUE(std::isnan(number(a, "gait.step_frequency_hz")));
  EXPECT_NEAR(toScenarioSpec(a).gait.step_frequency_hz, 2.0 * 3.0 / 2.4, 1e-12);
  write("to_freq.toml", "include = \"len.toml\"\n[gait]\nstep_frequency_hz = 2.9\n");
  const ScenarioSpec b = toScenarioSpec(load("to_freq.toml"));
  EXPECT_FALSE(b.values.values.at("gait.stride_length_m").set_in_file);
  EXPECT_DOUBLE_EQ(b.gait.step_frequency_hz, 2.9);
  EXPECT_NEAR(b.gait.stride_length_m, 2.0 * 3.0 / 2.9, 1e-12);
  // A file that sets neither keeps what it inherits.
  write("speed_only.toml", "include = \"freq.toml\"\n[subject]\nbody_mass_kg = 70\n");
  EXPECT_DOUBLE_EQ(toScenarioSpec(load("speed_only.toml")).gait.step_frequency_hz, 2.8);
  // Between the files of a list, the later replaces the earlier the same way.
  write("list.toml", "include = [\"freq.toml\", \"len.toml\"]\n");
  EXPECT_NEAR(toScenarioSpec(load("list.toml")).gait.step_frequency_hz, 3.0, 1e-12);
}

TEST_F(ScenarioInclude, BothInOneFileMustAgree) {
  write("base.toml", "[gait]\nstep_frequency_hz = 2.6\n");
  write("agree.toml", "include = \"base.toml\"\n[gait]\nstep_frequency_hz = 3.0\nstride_length_m = 2.0\n");
  EXPECT_EQ(errorOf("agree.toml"), "");
  write("disagree.toml", "include = \"base.toml\"\n[gait]\nstep_frequency_hz = 2.8\nstride_length_m = 2.0\n");
  EXPECT_EQ(errorOf("disagree.toml")
                .rfind(path("disagree.toml") + ":4:19: gait.stride_length_m: disagrees with "
                                               "gait.step_frequency_hz = 2.8",
                       0),
            0u)
      << errorOf("disagree.toml");
}

// applyOverrides ----------------------------------------------------------------------------------------

ScenarioValues text(const std::string& toml) {
  return parseScenarioText(toml, "base.toml", table());
}

ParameterOverride over(const std::string& key, ParamValue value, int line = 7) {
  return {key, std::move(value), {"sweep.toml", line, 5}};
}

std::string overrideError(const ScenarioValues& base, const std::vector<ParameterOverride>& o) {
  try {
    toScenarioSpec(applyOverrides(base, o, table()));
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

TEST(ScenarioOverrides, SetAndLocateEachKeyLaterWins) {
  const ScenarioValues base = text("[subject]\nbody_mass_kg = 60\n");
  const ScenarioValues v = applyOverrides(
      base,
      {over("subject.body_mass_kg", 70.0, 3), over("posture.scoliosis_apex", std::string("T7")),
       over("output.levels", std::vector<std::string>{"T7_T8"}), over("output.time_series", false),
       over("subject.body_mass_kg", 75.0, 4)},
      table());
  EXPECT_DOUBLE_EQ(number(v, "subject.body_mass_kg"), 75.0);
  const ParameterSetting& mass = v.values.at("subject.body_mass_kg");
  EXPECT_TRUE(mass.set_in_file);
  EXPECT_EQ(mass.where.file, "sweep.toml");
  EXPECT_EQ(mass.where.line, 4);
  EXPECT_TRUE(v.values.at("posture.scoliosis_apex").set_in_file);
  const ScenarioSpec s = toScenarioSpec(v);
  EXPECT_EQ(s.posture.scoliosis_apex, "T7");
  EXPECT_EQ(s.output.levels, std::vector<std::string>{"T7_T8"});
  EXPECT_FALSE(s.output.time_series);
  // The base is untouched, and so are its path and texts.
  EXPECT_DOUBLE_EQ(number(base, "subject.body_mass_kg"), 60.0);
  EXPECT_EQ(v.path, base.path);
  EXPECT_EQ(v.toml_text, base.toml_text);
  EXPECT_EQ(applyOverrides(base, {}, table()).values.at("subject.body_mass_kg").where.line, 2);
}

TEST(ScenarioOverrides, OneOfStepFrequencyAndStrideLengthReplacesTheOther) {
  const ScenarioValues freq = text("[gait]\nspeed_m_s = 3.0\nstep_frequency_hz = 2.8\n");
  const ScenarioValues a = applyOverrides(freq, {over("gait.stride_length_m", 2.4)}, table());
  EXPECT_FALSE(a.values.at("gait.step_frequency_hz").set_in_file);
  EXPECT_EQ(a.values.at("gait.step_frequency_hz").where.file, "base.toml");
  EXPECT_NEAR(toScenarioSpec(a).gait.step_frequency_hz, 2.5, 1e-12);
  const ScenarioValues len = text("[gait]\nspeed_m_s = 3.0\nstride_length_m = 2.0\n");
  const ScenarioSpec b = toScenarioSpec(applyOverrides(len, {over("gait.step_frequency_hz", 2.9)}, table()));
  EXPECT_DOUBLE_EQ(b.gait.step_frequency_hz, 2.9);
  EXPECT_FALSE(b.values.values.at("gait.stride_length_m").set_in_file);
  // A speed alone keeps the inherited one (the other is then derived from the new speed).
  EXPECT_NEAR(
      toScenarioSpec(applyOverrides(len, {over("gait.speed_m_s", 4.0)}, table())).gait.step_frequency_hz, 4.0,
      1e-12);
  // Both at once: kept, and they must agree.
  EXPECT_EQ(overrideError(freq, {over("gait.step_frequency_hz", 3.0), over("gait.stride_length_m", 2.0)}),
            "");
  EXPECT_EQ(
      overrideError(freq, {over("gait.step_frequency_hz", 2.8, 1), over("gait.stride_length_m", 2.0, 2)})
          .rfind("sweep.toml:2:5: gait.stride_length_m: disagrees with gait.step_frequency_hz = 2.8", 0),
      0u);
}

TEST(ScenarioOverrides, BadOverridesAreErrorsAtTheirLocation) {
  const ScenarioValues base = text("");
  EXPECT_EQ(
      overrideError(base, {over("gait.stride_lenght_m", 2.0)}),
      "sweep.toml:7:5: gait.stride_lenght_m: unknown key; did you mean 'gait.stride_length_m'? (spineload "
      "describe lists every key)");
  EXPECT_EQ(overrideError(base, {over("subject.height_m", 3.5)}),
            "sweep.toml:7:5: subject.height_m: 3.5 is out of range; allowed a number in [1.45, 2.1] m");
  EXPECT_EQ(
      overrideError(base, {over("subject.height_m", std::string("tall"))}),
      "sweep.toml:7:5: subject.height_m: expected a number, got string; allowed a number in [1.45, 2.1] m");
  EXPECT_NE(overrideError(base, {over("subject.height_m", std::nan(""))}).find("must be finite"),
            std::string::npos);
  EXPECT_NE(overrideError(base, {over("output.time_series", 1.0)}).find("expected true or false"),
            std::string::npos);
  EXPECT_NE(
      overrideError(base, {over("simulation.integrator", std::string("rk5"))}).find("did you mean \"rk4\"?"),
      std::string::npos);
  EXPECT_NE(overrideError(base, {over("gait.mode", true)}).find("gait.mode: expected a string"),
            std::string::npos);
  EXPECT_NE(overrideError(base, {over("output.levels", std::vector<std::string>{"T7-T8"})})
                .find("output.levels: \"T7-T8\" is not allowed"),
            std::string::npos);
  EXPECT_NE(
      overrideError(base, {over("output.levels", std::vector<std::string>{})}).find("the list is empty"),
      std::string::npos);
  EXPECT_NE(
      overrideError(base, {over("output.levels", std::string("T7_T8"))}).find("expected a list of strings"),
      std::string::npos);
  // An unknown muscle group gets the closest known group's key.
  EXPECT_NE(
      overrideError(base, {over("muscles.rhomboid.strength", 0.6)}).find("did you mean 'muscles.rhomboids."),
      std::string::npos);
}

TEST(ScenarioOverrides, ManyThreadsAtOnceGiveTheSameAnswer) {
  const ScenarioValues base = text("[gait]\nstep_frequency_hz = 2.8\n");
  std::vector<double> got(8, 0.0);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 50; ++k)
        got[i] = toScenarioSpec(
                     applyOverrides(base, {over("gait.stride_length_m", 2.0 + 0.1 * static_cast<double>(i))},
                                    table()))
                     .gait.step_frequency_hz;
    });
  for (std::thread& t : threads) t.join();
  for (std::size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], 6.0 / (2.0 + 0.1 * static_cast<double>(i)), 1e-12);
}

// The scenario files shipped for students load and resolve.
TEST(ScenarioExamples, BaselineAndEveryExampleLoad) {
  const fs::path root = fs::path(SPINELOAD_SOURCE_DIR) / "scenarios";
  std::vector<fs::path> files{root / "baseline.toml"};
  for (const fs::directory_entry& e : fs::directory_iterator(root / "examples"))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  EXPECT_GE(files.size(), 4u);
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.string());
    const ScenarioSpec s = loadScenario(f.string());
    if (f.filename() != "baseline.toml") {
      ASSERT_EQ(s.values.included.size(), 1u);
      EXPECT_EQ(fs::path(s.values.included[0].first).filename(), "baseline.toml");
    }
  }
}

}  // namespace
}  // namespace spineload
