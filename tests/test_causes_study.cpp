// The causes study's input (engine/causes/causes_study.hpp): the study file's checks, a cause's changes
// against the baseline, doses, and the points a study runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/causes/causes_study.hpp"
#include "test_support.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

// Line 2 is `baseline`, the causes start on lines 3, 11 and 17; stride's file is on line 14.
constexpr const char* kStudy = R"(
baseline = "base.toml"
[[cause]]
id = "posture"
title = "Posture"
file = "posture.toml"
claim = "kyphosis loads the spine"
outcomes = ["thoracic_compression"]
outside = ["pain"]
doses = [0.5, 2.0]
[[cause]]
id = "stride"
title = "Stride"
file = "stride.toml"
claim = "overstriding jolts"
outcomes = ["impact"]
[[cause]]
id = "breath"
title = "Breathing"
file = "breath.toml"
claim = "chest breathing"
outcomes = ["accessory_effort"]
[factorial]
causes = ["posture", "stride", "breath"]
)";

// The error message of parsing `text` as a study ("" when it parses).
std::string studyError(const std::string& text) {
  try {
    (void)parseCausesStudyText(text, "study.toml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

TEST(CausesStudyFile, ParsesCausesDosesAndFactorial) {
  const CausesStudy s = parseCausesStudyText(kStudy, "dir/study.toml");
  EXPECT_EQ(s.baseline_path, "dir/base.toml");
  ASSERT_EQ(s.causes.size(), 3u);
  EXPECT_EQ(s.causes[0].id, "posture");
  EXPECT_EQ(s.causes[0].file_path, "dir/posture.toml");
  EXPECT_EQ(s.causes[0].doses, (std::vector<double>{0.5, 2.0}));
  EXPECT_EQ(s.causes[0].outside, std::vector<std::string>{"pain"});
  EXPECT_TRUE(s.causes[1].doses.empty());
  EXPECT_EQ(s.factorial, (std::vector<std::string>{"posture", "stride", "breath"}));
  EXPECT_DOUBLE_EQ(s.meaningful_change_percent, 5.0);
  EXPECT_EQ(s.causes[1].where.line, 11);
}

TEST(CausesStudyFile, BadInputIsOneLocatedLineWithWhatIsAllowed) {
  const std::string s = kStudy;
  const std::string factorial = "\"posture\", \"stride\", \"breath\"]";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {replaced(s, "baseline =", "baseline_file ="), "did you mean 'baseline'?"},
      {replaced(s, "[\"impact\"]", "[\"impacts\"]"), "unknown outcome 'impacts'; did you mean 'impact'?"},
      {replaced(s, "[0.5, 2.0]", "[0.5, 1.0]"), "not 1 (the cause file itself always runs)"},
      {replaced(s, "[0.5, 2.0]", "[0.5, 5.0]"),
       "cause[0].doses: allowed fractions of the cause's change in (0, 4]"},
      {replaced(s, "[0.5, 2.0]", "[0.5, 0.5]"), "at least 0.01 apart"},
      {replaced(s, "[0.5, 2.0]", "[0.501, 0.504]"), "at least 0.01 apart"},  // both would be dose_posture_50
      {replaced(s, "[0.5, 2.0]", "[0.5, 0.999]"), "not 1"},
      {replaced(s, "id = \"stride\"", "id = \"posture\""), "'posture' is used twice"},
      {replaced(s, "id = \"stride\"", "id = \"baseline\""), "'baseline' names the baseline run"},
      {replaced(s, "id = \"stride\"", "id = \"stride rate\""), "allowed letters, digits and _"},
      {replaced(s, factorial, "\"posture\", \"strides\"]"),
       "'strides' is not a cause of this study; did you "
       "mean 'stride'?"},
      {replaced(s, factorial, "\"posture\"]"), "allowed 2 to 6 causes"},
      {replaced(s, factorial, "\"posture\", \"posture\"]"), "'posture' is listed twice"},
      {replaced(s, "outcomes = [\"impact\"]\n", ""), "a claim needs outcomes that test it or outside parts"},
      {replaced(s, "claim = \"overstriding jolts\"\n", ""), "cause[1].claim: missing"},
      {replaced(s, "baseline = \"base.toml\"\n", ""), "study.toml:1:1: study.baseline: missing"},
      {replaced(s, "title = \"Stride\"", "title = \"Stride\"\ndose = [0.5]"), "cause[1].dose: unknown key"},
      {replaced(s, "title = \"Stride\"", "title = \"Stride\"\ndose = [0.5]"), "did you mean 'doses'?"},
      {replaced(s, "[0.5, 2.0]", "0.5"), "expected a list of numbers"},
      {replaced(s, "doses = [0.5, 2.0]", "doses_note = 3"),
       "cause[0].doses_note: expected a non-empty string"},
  };
  for (const auto& [text, expected] : cases) {
    const std::string message = studyError(text);
    EXPECT_NE(message.find(expected), std::string::npos) << "got: " << message << "\nexpected: " << expected;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(message.rfind("study.toml:", 0), 0u) << message;
  }
  EXPECT_NE(studyError(replaced(s, "[\"impact\"]", "[\"impacts\"]")).find("study.toml:16:"),
            std::string::npos);
}

// A baseline, a cause and the changes between them.
class CauseChanges : public ::testing::Test {
 protected:
  ScenarioValues parse(const std::string& text, const std::string& name = "cause.toml") const {
    return parseScenarioText(text, name, test::parameterTable());
  }
  ScenarioValues base_ =
      parse("[posture]\nthoracic_kyphosis_deg = 33.2\n[gait]\nstep_frequency_hz = 2.745\n", "base.toml");
};

TEST_F(CauseChanges, AreTheKeysSetToOtherValuesThanTheBaselines) {
  const ScenarioValues cause = parse(
      "[posture]\nthoracic_kyphosis_deg = 50.0\n[gait]\nstep_frequency_hz = 2.745\n"
      "[breathing]\nmode = \"chest\"\n[discs]\nhydration = 1.0\n");
  const std::vector<ParameterOverride> c = causeChanges(cause, base_);
  ASSERT_EQ(c.size(), 2u);  // the same cadence and the default hydration are no change
  EXPECT_EQ(c[0].key, "breathing.mode");
  EXPECT_EQ(std::get<std::string>(c[0].value), "chest");
  EXPECT_EQ(c[1].key, "posture.thoracic_kyphosis_deg");
  EXPECT_DOUBLE_EQ(std::get<double>(c[1].value), 50.0);
  EXPECT_EQ(c[1].where.file, "cause.toml");
  EXPECT_EQ(c[1].where.line, 2);
}

TEST_F(CauseChanges, RefuseSimulationAndOutputKeys) {
  const ScenarioValues cause = parse("[simulation]\nduration_s = 3.0\n");
  try {
    (void)causeChanges(cause, base_);
    FAIL() << "a simulation key was accepted as a cause";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("cause.toml:2:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("a cause changes the runner, not the run"), std::string::npos);
  }
}

TEST_F(CauseChanges, DosesInterpolateNumbersAndKeepSwitches) {
  const std::vector<ParameterOverride> c =
      causeChanges(parse("[posture]\nthoracic_kyphosis_deg = 50.0\n[breathing]\nmode = \"chest\"\n"), base_);
  const std::vector<ParameterOverride> half = dosedChanges(c, base_, 0.5, {"study.toml", 9, 1});
  ASSERT_EQ(half.size(), 2u);
  EXPECT_EQ(std::get<std::string>(half[0].value), "chest");
  EXPECT_DOUBLE_EQ(std::get<double>(half[1].value), 33.2 + 0.5 * (50.0 - 33.2));
  EXPECT_EQ(half[1].where.line, 9);
  const std::vector<ParameterOverride> twice = dosedChanges(c, base_, 2.0, {"study.toml", 9, 1});
  EXPECT_DOUBLE_EQ(std::get<double>(twice[1].value), 66.8);
}

TEST_F(CauseChanges, DoseLandingOnARangeBoundIsTheDecimalValue) {
  // 1 + 1.6 (0.5 - 1) = 0.19999999999999996 in binary; the study means 0.2, the range's lower bound.
  const ScenarioValues base = parse("[core]\nstrength = 1.0\n", "base.toml");
  const std::vector<ParameterOverride> c = causeChanges(parse("[core]\nstrength = 0.5\n"), base);
  const std::vector<ParameterOverride> d = dosedChanges(c, base, 1.6, {"study.toml", 1, 1});
  EXPECT_EQ(std::get<double>(d[0].value), 0.2);
  EXPECT_NO_THROW((void)applyOverrides(base, d, test::parameterTable()));
}

TEST_F(CauseChanges, DoseOfADerivedDefaultIsRefused) {
  const ScenarioValues base = parse("[posture]\nthoracic_kyphosis_deg = 33.2\n", "base.toml");
  const std::vector<ParameterOverride> c = causeChanges(parse("[gait]\nstep_frequency_hz = 2.47\n"), base);
  ASSERT_EQ(c.size(), 1u);
  try {
    (void)dosedChanges(c, base, 0.5, {"study.toml", 7, 1});
    FAIL() << "a derived default was interpolated";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("study.toml:7:1: gait.step_frequency_hz"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("set it in the baseline file"), std::string::npos);
  }
}

// A study on disk: the points it runs.
class StudyPoints : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("spineload_causes_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    write("base.toml",
          "[posture]\nthoracic_kyphosis_deg = 33.2\n[gait]\nstep_frequency_hz = 2.745\n"
          "[simulation]\nduration_s = 5.0\n");
    write("posture.toml", "include = \"base.toml\"\n[posture]\nthoracic_kyphosis_deg = 50.0\n");
    write("stride.toml", "include = \"base.toml\"\n[gait]\nstep_frequency_hz = 2.47\n");
    write("breath.toml", "include = \"base.toml\"\n[breathing]\nmode = \"chest\"\n");
    write("study.toml", kStudy);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir_ / name) << text; }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

std::vector<std::string> ids(const PreparedStudy& p) {
  std::vector<std::string> out;
  for (const SweepPoint& s : p.sweep.points) out.push_back(s.id);
  return out;
}

TEST_F(StudyPoints, AreBaselineCausesDosesAndEveryCombination) {
  const PreparedStudy p = prepareCausesStudy(path("study.toml"), {});
  EXPECT_EQ(ids(p),
            (std::vector<std::string>{"baseline", "posture", "stride", "breath", "dose_posture_50",
                                      "dose_posture_200", "combo_posture+stride", "combo_posture+breath",
                                      "combo_stride+breath", "combo_posture+stride+breath"}));
  ASSERT_EQ(p.points.size(), p.sweep.points.size());
  EXPECT_EQ(p.points[0].kind, StudyPoint::Kind::Baseline);
  EXPECT_EQ(p.points[5].kind, StudyPoint::Kind::Dose);
  EXPECT_DOUBLE_EQ(p.points[5].dose, 2.0);
  EXPECT_EQ(p.points[9].causes, (std::vector<std::string>{"posture", "stride", "breath"}));
  EXPECT_EQ(p.sweep.study, "causes");
  // The causes run with their time series, the doses and combinations with summaries only.
  auto series = [&](std::size_t i) {
    const ScenarioValues v = applyOverrides(p.sweep.base, p.sweep.points[i].overrides, p.sweep.table);
    return std::get<bool>(v.values.at("output.time_series").value);
  };
  EXPECT_TRUE(series(1));
  EXPECT_FALSE(series(4));
  EXPECT_FALSE(series(6));
  const ScenarioValues combo = applyOverrides(p.sweep.base, p.sweep.points[6].overrides, p.sweep.table);
  EXPECT_DOUBLE_EQ(std::get<double>(combo.values.at("posture.thoracic_kyphosis_deg").value), 50.0);
  EXPECT_DOUBLE_EQ(std::get<double>(combo.values.at("gait.step_frequency_hz").value), 2.47);
}

TEST_F(StudyPoints, RunOptionsDropDosesAndCombinationsAndSetTheDuration) {
  StudyRunOptions o;
  o.doses = false;
  o.factorial = false;
  o.duration_s = 3.0;
  const PreparedStudy p = prepareCausesStudy(path("study.toml"), o);
  EXPECT_EQ(ids(p), (std::vector<std::string>{"baseline", "posture", "stride", "breath"}));
  const ScenarioValues v = applyOverrides(p.sweep.base, p.sweep.points[2].overrides, p.sweep.table);
  EXPECT_DOUBLE_EQ(std::get<double>(v.values.at("simulation.duration_s").value), 3.0);
  // The fingerprint that --resume compares changes with the options.
  EXPECT_NE(p.sweep.hash, prepareCausesStudy(path("study.toml"), {}).sweep.hash);
}

TEST_F(StudyPoints, ADoseOutsideAParametersRangeIsBadInputBeforeAnythingRuns) {
  write("study.toml", replaced(kStudy, "[0.5, 2.0]", "[0.5, 4.0]"));  // 33.2 + 4 x 16.8 = 100.4 deg > 90
  try {
    (void)prepareCausesStudy(path("study.toml"), {});
    FAIL() << "a dose out of range was accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("posture.thoracic_kyphosis_deg"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("study.toml:10:"), std::string::npos) << e.what();
  }
}

TEST_F(StudyPoints, FactorialCausesMustChangeDifferentKeys) {
  write("breath.toml", "include = \"base.toml\"\n[posture]\nthoracic_kyphosis_deg = 40.0\n");
  try {
    (void)prepareCausesStudy(path("study.toml"), {});
    FAIL() << "two factorial causes changing one key were accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("causes 'posture' and 'breath' both change "
                                         "posture.thoracic_kyphosis_deg"),
              std::string::npos)
        << e.what();
  }
}

// The message of preparing the study on disk ("" when it prepares).
std::string prepareError(const std::string& study) {
  try {
    (void)prepareCausesStudy(study, {});
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

TEST_F(StudyPoints, AMissingFileIsNamedAtItsKeyInTheStudy) {
  fs::remove(dir_ / "stride.toml");
  const std::string m = prepareError(path("study.toml"));
  EXPECT_NE(m.find("study.toml:14:"), std::string::npos) << m;
  EXPECT_NE(m.find("cause[1].file: cannot read "), std::string::npos) << m;
  EXPECT_NE(m.find("stride.toml"), std::string::npos) << m;
  fs::remove(dir_ / "base.toml");
  EXPECT_NE(prepareError(path("study.toml")).find("study.toml:2:12: baseline: cannot read"),
            std::string::npos);
}

TEST_F(StudyPoints, ACauseThatChangesNothingOrHasNoMagnitudeIsBadInput) {
  write("stride.toml", "include = \"base.toml\"\n[gait]\nstep_frequency_hz = 2.745\n");  // the baseline's
  std::string m = prepareError(path("study.toml"));
  EXPECT_NE(m.find("cause[1].file:"), std::string::npos) << m;
  EXPECT_NE(m.find("changes nothing against the baseline"), std::string::npos) << m;
  write("stride.toml", "include = \"base.toml\"\n[gait]\nstep_frequency_hz = 2.47\n");
  write("study.toml", replaced(kStudy, "outcomes = [\"accessory_effort\"]\n",
                               "outcomes = [\"accessory_effort\"]\ndoses = [0.5]\n"));
  m = prepareError(path("study.toml"));
  EXPECT_NE(m.find("cause[2].doses:"), std::string::npos) << m;
  EXPECT_NE(m.find("changes no number"), std::string::npos) << m;
}

TEST_F(StudyPoints, TheResumeFingerprintSeesTheFilesACauseIncludes) {
  write("shared.toml", "[posture]\nthoracic_kyphosis_deg = 50.0\n");
  write("posture.toml", "include = \"shared.toml\"\n[gait]\nstep_frequency_hz = 2.745\n");
  const std::string before = prepareCausesStudy(path("study.toml"), {}).sweep.hash;
  EXPECT_EQ(prepareCausesStudy(path("study.toml"), {}).sweep.hash, before);
  write("shared.toml", "[posture]\nthoracic_kyphosis_deg = 55.0\n");
  EXPECT_NE(prepareCausesStudy(path("study.toml"), {}).sweep.hash, before);
}

TEST(CausesStudyShipped, PreparesWithSourcedDosesInRange) {
  // The study the README's main job runs: every point's values pass the parameter table's checks.
  const PreparedStudy p = prepareCausesStudy(SPINELOAD_SOURCE_DIR "/scenarios/causes/study.toml", {});
  EXPECT_EQ(p.study.causes.size(), 8u);
  for (std::size_t i = 0; i < p.study.causes.size(); ++i) {
    EXPECT_FALSE(p.changes[i].empty()) << p.study.causes[i].id << " changes nothing";
    EXPECT_FALSE(p.study.causes[i].claim.empty());
  }
  EXPECT_EQ(p.sweep.points.size(), 1u + 8u + 15u + 11u);
}

}  // namespace
}  // namespace spineload
