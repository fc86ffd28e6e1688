// Sweep files: what a good file reads into, every kind of bad input with its one-line message
// (file:line:col: key: what is wrong; allowed ... or the closest key), and the scenario count.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "engine/sweep/sweep_file.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

const std::vector<ParameterSpec>& table() {
  return test::parameterTable();
}

SweepSpec parse(const std::string& text) {
  return parseSweepText(text, "sw/sweep.toml", table());
}

// The message a bad file raises, or "" if it parsed.
std::string errorOf(const std::string& text) {
  try {
    parse(text);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

const std::string kGridHead = "base = \"base.toml\"\n[design]\nkind = \"grid\"\n";
const std::string kLhsHead = "base = \"base.toml\"\n[design]\nkind = \"lhs\"\nsamples = 10\n";

TEST(SweepFile, GridFileIsReadWithLocations) {
  const SweepSpec s = parse(kGridHead +
                            "[[axis]]\nkey = \"gait.stride_length_m\"\nvalues = [1.8, 2, 2.4]\n"
                            "[[axis]]\nkey = \"gait.foot_strike\"\nvalues = [\"rearfoot\", \"forefoot\"]\n"
                            "[[axis]]\nkey = \"output.time_series\"\nvalues = [false]\n");
  EXPECT_EQ(s.kind, DesignKind::Grid);
  EXPECT_EQ(s.base, "base.toml");
  EXPECT_EQ(s.base_path, std::filesystem::path("sw/base.toml").string());
  EXPECT_EQ(s.base_where.line, 1);
  EXPECT_EQ(s.seed, 1u);           // the default
  EXPECT_TRUE(s.metrics.empty());  // no default set outside sobol
  ASSERT_EQ(s.axes.size(), 3u);
  EXPECT_EQ(s.axes[0].key, "gait.stride_length_m");
  ASSERT_EQ(s.axes[0].values.size(), 3u);
  EXPECT_EQ(std::get<double>(s.axes[0].values[1]), 2.0);  // an integer is a number
  EXPECT_EQ(s.axes[0].where.line, 5);
  EXPECT_EQ(s.axes[0].value_where[2].line, 6);
  EXPECT_EQ(s.axes[0].value_where[2].column, 19);
  EXPECT_EQ(std::get<std::string>(s.axes[1].values[1]), "forefoot");
  EXPECT_EQ(std::get<bool>(s.axes[2].values[0]), false);
  EXPECT_EQ(scenarioCount(s), 6u);
}

TEST(SweepFile, BaseIsResolvedAgainstTheSweepFilesFolder) {
  const std::string rest = "[design]\nkind = \"oat\"\n[[axis]]\nkey = \"core.stiffness\"\nvalues = [0.2]\n";
  const SweepSpec s =
      parseSweepText("base = \"../scenarios/minimal.toml\"\n" + rest, "a/sweeps/x.toml", table());
  EXPECT_EQ(s.base_path, std::filesystem::path("a/scenarios/minimal.toml").string());
  const SweepSpec abs = parseSweepText("base = \"/data/b.toml\"\n" + rest, "a/sweeps/x.toml", table());
  EXPECT_EQ(abs.base_path, "/data/b.toml");
  const SweepSpec here = parseSweepText("base = \"b.toml\"\n" + rest, "x.toml", table());
  EXPECT_EQ(here.base_path, "b.toml");
}

TEST(SweepFile, SobolReadsItsKeysAndDefaults) {
  const SweepSpec s = parse(
      "base = \"b.toml\"\n[design]\nkind = \"sobol\"\nsamples = 1024\nseed = 7\n"
      "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [2.5, 4]\n"
      "[[axis]]\nkey = \"core.stiffness\"\nrange = [0.0, 0.25]\n");
  EXPECT_EQ(s.kind, DesignKind::Sobol);
  EXPECT_EQ(s.samples, 1024u);
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.bootstrap, 1000);
  EXPECT_DOUBLE_EQ(s.confidence, 0.95);
  EXPECT_EQ(s.sampler, SobolSampler::Sobol);
  EXPECT_FALSE(s.metrics_set);
  EXPECT_EQ(s.metrics, defaultSobolMetrics());
  ASSERT_EQ(s.metric_where.size(), s.metrics.size());
  EXPECT_EQ(s.axes[0].low, 2.5);
  EXPECT_EQ(s.axes[0].high, 4.0);
  EXPECT_EQ(s.axes[1].range_where.line, 11);
  EXPECT_EQ(scenarioCount(s), 1024u * 4u);

  const SweepSpec t = parse(
      "base = \"b.toml\"\n[design]\nkind = \"sobol\"\nsamples = 64\nbootstrap = 0\nconfidence = 0.9\n"
      "sampler = \"random\"\nmetrics = [\"L4_L5.compression.peak\", \"stability.min\"]\n"
      "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [2.5, 4]\n");
  EXPECT_EQ(t.bootstrap, 0);
  EXPECT_DOUBLE_EQ(t.confidence, 0.9);
  EXPECT_EQ(t.sampler, SobolSampler::Random);
  EXPECT_TRUE(t.metrics_set);
  EXPECT_EQ(t.metrics, (std::vector<std::string>{"L4_L5.compression.peak", "stability.min"}));
  EXPECT_EQ(t.metric_where[1].line, 8);
}

// The sweep's error messages, whole: where, which key, what is wrong, what is allowed or meant.
TEST(SweepFile, UnknownKeysSuggestTheClosest) {
  EXPECT_EQ(errorOf(kGridHead + "[[axes]]\nkey = \"core.stiffness\"\nvalues = [0.5]\n"),
            "sw/sweep.toml:4:1: axes: unknown key in the top level; did you mean 'axis'?; allowed base = "
            "\"scenario.toml\", [design] and [[axis]] tables; scenario values belong in the base file");
  EXPECT_EQ(
      errorOf(kLhsHead + "sed = 3\n[[axis]]\nkey = \"core.stiffness\"\nrange = [0, 0.25]\n"),
      "sw/sweep.toml:5:7: design.sed: unknown key in [design]; did you mean 'seed'?; allowed kind, samples, "
      "seed, metrics, bootstrap, confidence, sampler");
  EXPECT_EQ(
      errorOf(kGridHead + "[[axis]]\nkey = \"core.stiffness\"\nvaleus = [0.5]\n"),
      "sw/sweep.toml:6:10: axis.valeus: unknown key in [[axis]]; did you mean 'values'?; allowed key, values "
      "(grid, oat), range (lhs, sobol)");
  EXPECT_EQ(
      errorOf(kGridHead + "[[axis]]\nkey = \"gait.stride_length\"\nvalues = [2.0]\n"),
      "sw/sweep.toml:5:7: gait.stride_length: unknown key; did you mean 'gait.stride_length_m'? (spineload "
      "describe lists every key)");
  // A scenario table written into the sweep file is refused (it belongs in the base file).
  const std::string e =
      errorOf(kGridHead + "[[axis]]\nkey = \"core.stiffness\"\nvalues = [0.2]\n[gait]\nspeed_m_s = 3\n");
  EXPECT_EQ(e.rfind("sw/sweep.toml:7:1: gait: unknown key in the top level", 0), 0u) << e;
  EXPECT_NE(e.find("scenario values belong in the base file"), std::string::npos) << e;
}

TEST(SweepFile, AxisValuesAreCheckedAgainstTheTable) {
  EXPECT_EQ(errorOf(kGridHead + "[[axis]]\nkey = \"gait.stride_length_m\"\nvalues = [2.0, 5.0]\n"),
            "sw/sweep.toml:6:16: gait.stride_length_m: 5 is out of range; allowed a number in [0.8, 4.5] m");
  EXPECT_EQ(
      errorOf(kGridHead + "[[axis]]\nkey = \"gait.stride_length_m\"\nvalues = [\"long\"]\n"),
      "sw/sweep.toml:6:11: gait.stride_length_m: expected a number, got string; allowed a number in [0.8, "
      "4.5] m");
  EXPECT_EQ(errorOf(kGridHead + "[[axis]]\nkey = \"gait.stride_length_m\"\nvalues = [nan]\n"),
            "sw/sweep.toml:6:11: gait.stride_length_m: must be finite; allowed a number in [0.8, 4.5] m");
  EXPECT_EQ(
      errorOf(kGridHead + "[[axis]]\nkey = \"gait.foot_strike\"\nvalues = [\"rearfoot\", \"forfoot\"]\n"),
      "sw/sweep.toml:6:23: gait.foot_strike: \"forfoot\" is not allowed; did you mean \"forefoot\"?; allowed "
      "one of \"rearfoot\", \"midfoot\", \"forefoot\"");
  EXPECT_EQ(
      errorOf(kGridHead + "[[axis]]\nkey = \"output.time_series\"\nvalues = [1]\n"),
      "sw/sweep.toml:6:11: output.time_series: expected true or false, got integer; allowed true or false");
  EXPECT_EQ(
      errorOf(kGridHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nvalues = [3.0, 3]\n"),
      "sw/sweep.toml:6:16: gait.speed_m_s: 3 is listed twice (first at line 6); allowed each value once");
  EXPECT_EQ(
      errorOf(kGridHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nvalues = 3.0\n"),
      "sw/sweep.toml:6:10: gait.speed_m_s: values must be a list [...], got floating-point; allowed a number "
      "in [2, 6.5] m/s");
  EXPECT_EQ(
      errorOf(kGridHead + "[[axis]]\nkey = \"output.levels\"\nvalues = [[\"L4_L5\"]]\n"),
      "sw/sweep.toml:5:7: output.levels: a list parameter cannot be a sweep axis; allowed numbers, strings "
      "and true/false parameters");
}

TEST(SweepFile, EmptyAxesAreBadInput) {
  EXPECT_EQ(
      errorOf(kGridHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nvalues = []\n"),
      "sw/sweep.toml:6:10: gait.speed_m_s: the axis is empty; allowed a list of at least one value, each a "
      "number in [2, 6.5] m/s");
  EXPECT_EQ(
      errorOf(kLhsHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = []\n"),
      "sw/sweep.toml:7:9: gait.speed_m_s: range must be two numbers [low, high] (the axis is empty); allowed "
      "low < high within a number in [2, 6.5] m/s");
  EXPECT_EQ(
      errorOf(kLhsHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [3, 3]\n"),
      "sw/sweep.toml:7:9: gait.speed_m_s: range [3, 3] is empty or reversed; allowed low < high within a "
      "number in [2, 6.5] m/s");
  EXPECT_EQ(
      errorOf(kLhsHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [4, 3]\n"),
      "sw/sweep.toml:7:9: gait.speed_m_s: range [4, 3] is empty or reversed; allowed low < high within a "
      "number in [2, 6.5] m/s");
  // No axis at all, or a single [axis] table instead of [[axis]] tables.
  EXPECT_EQ(errorOf(kGridHead),
            "sw/sweep.toml:3:8: axis: the sweep has no axes; allowed one or more [[axis]] tables with key = "
            "\"<scenario key>\" and values = [...] or range = [low, high]");
  EXPECT_EQ(
      errorOf(kGridHead + "[axis]\nkey = \"gait.speed_m_s\"\nvalues = [3.0]\n"),
      "sw/sweep.toml:4:1: axis: expected [[axis]] tables (double brackets, one table per axis); allowed key, "
      "values (grid, oat), range (lhs, sobol)");
}

TEST(SweepFile, RangesAreNumbersWithinTheTable) {
  EXPECT_EQ(
      errorOf(kLhsHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [1.0, 3.0]\n"),
      "sw/sweep.toml:7:10: gait.speed_m_s: range end 1 is out of range; allowed a number in [2, 6.5] m/s");
  EXPECT_EQ(
      errorOf(kLhsHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [2.0, \"fast\"]\n"),
      "sw/sweep.toml:7:15: gait.speed_m_s: range ends must be numbers, got string; allowed a number in [2, "
      "6.5] m/s");
  EXPECT_EQ(
      errorOf(kLhsHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [2.0, 3.0, 4.0]\n"),
      "sw/sweep.toml:7:9: gait.speed_m_s: range must be two numbers [low, high]; allowed low < high within a "
      "number in [2, 6.5] m/s");
  EXPECT_EQ(
      errorOf(kLhsHead + "[[axis]]\nkey = \"gait.foot_strike\"\nrange = [0, 1]\n"),
      "sw/sweep.toml:6:7: gait.foot_strike: a lhs design samples numbers and this is a string parameter; "
      "allowed number parameters (sweep gait.foot_strike with kind = \"grid\" or \"oat\")");
}

TEST(SweepFile, EachDesignTakesItsOwnAxisForm) {
  EXPECT_EQ(
      errorOf(kGridHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [2.5, 3.5]\n"),
      "sw/sweep.toml:6:9: gait.speed_m_s: range is for lhs and sobol designs; a grid axis lists values = "
      "[...]");
  EXPECT_EQ(
      errorOf(kLhsHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nvalues = [2.5, 3.5]\n"),
      "sw/sweep.toml:7:10: gait.speed_m_s: values are for grid and oat designs; a lhs axis samples range = "
      "[low, high]");
  EXPECT_EQ(
      errorOf(kGridHead + "[[axis]]\nkey = \"gait.speed_m_s\"\n"),
      "sw/sweep.toml:5:7: gait.speed_m_s: missing values = [...]; a grid axis lists the values it takes, "
      "each a number in [2, 6.5] m/s");
  EXPECT_EQ(
      errorOf(kLhsHead + "[[axis]]\nkey = \"gait.speed_m_s\"\n"),
      "sw/sweep.toml:6:7: gait.speed_m_s: missing range = [low, high]; a lhs axis samples a range within a "
      "number in [2, 6.5] m/s");
  EXPECT_EQ(errorOf(kGridHead + "[[axis]]\nvalues = [2.5]\n"),
            "sw/sweep.toml:4:1: axis.key: missing; every [[axis]] names the parameter it varies, e.g. key = "
            "\"gait.stride_length_m\"");
}

TEST(SweepFile, AxesAreNotRepeatedOrContradictory) {
  EXPECT_EQ(errorOf(kGridHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nvalues = [3.0]\n"
                                "[[axis]]\nkey = \"gait.speed_m_s\"\nvalues = [4.0]\n"),
            "sw/sweep.toml:8:7: gait.speed_m_s: swept twice (first at line 5); allowed one [[axis]] per key");
  EXPECT_EQ(
      errorOf(kGridHead + "[[axis]]\nkey = \"gait.stride_length_m\"\nvalues = [2.0]\n"
                          "[[axis]]\nkey = \"gait.step_frequency_hz\"\nvalues = [2.8]\n"),
      "sw/sweep.toml:8:7: gait.step_frequency_hz: gait.step_frequency_hz and gait.stride_length_m are linked "
      "by the speed; allowed an axis over one of them (with gait.speed_m_s if the other should vary too)");
}

TEST(SweepFile, BaseAndDesignAreRequiredAndChecked) {
  const std::string axis = "[[axis]]\nkey = \"gait.speed_m_s\"\nvalues = [3.0]\n";
  EXPECT_EQ(
      errorOf("[design]\nkind = \"grid\"\n" + axis),
      "sw/sweep.toml: base: missing; allowed base = \"scenario.toml\", the scenario every point starts from "
      "(a path relative to the sweep file)");
  EXPECT_EQ(
      errorOf("base = 3\n[design]\nkind = \"grid\"\n" + axis),
      "sw/sweep.toml:1:8: base: expected a string, got integer; allowed a path to a scenario file, relative "
      "to the sweep file");
  EXPECT_EQ(errorOf("base = \"b.toml\"\n" + axis),
            "sw/sweep.toml: design: missing [design] table; allowed kind = \"grid\", \"oat\", \"lhs\" or "
            "\"sobol\"");
  EXPECT_EQ(errorOf("base = \"b.toml\"\n[design]\nseed = 3\n" + axis),
            "sw/sweep.toml:2:1: design.kind: missing; allowed \"grid\", \"oat\", \"lhs\" or \"sobol\"");
  EXPECT_EQ(
      errorOf("base = \"b.toml\"\n[design]\nkind = \"grd\"\n" + axis),
      "sw/sweep.toml:3:8: design.kind: \"grd\" is not a design; did you mean \"grid\"?; allowed \"grid\", "
      "\"oat\", \"lhs\" or \"sobol\"");
}

TEST(SweepFile, DesignKeysAreCheckedForTheDesign) {
  const std::string axis = "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [3.0, 4.0]\n";
  EXPECT_EQ(errorOf("base = \"b.toml\"\n[design]\nkind = \"lhs\"\n" + axis),
            "sw/sweep.toml:3:8: design.samples: missing; allowed an integer >= 1 (the number of scenarios)");
  EXPECT_EQ(
      errorOf("base = \"b.toml\"\n[design]\nkind = \"sobol\"\nsamples = 1\n" + axis),
      "sw/sweep.toml:4:11: design.samples: 1 is out of range; allowed an integer >= 2 (the base sample count "
      "N; the sweep runs N (k + 2) scenarios)");
  EXPECT_EQ(
      errorOf("base = \"b.toml\"\n[design]\nkind = \"lhs\"\nsamples = 10.5\n" + axis),
      "sw/sweep.toml:4:11: design.samples: expected an integer, got floating-point; allowed an integer >= 1 "
      "(the number of scenarios)");
  EXPECT_EQ(errorOf("base = \"b.toml\"\n[design]\nkind = \"lhs\"\nsamples = 10\nseed = -1\n" + axis),
            "sw/sweep.toml:5:8: design.seed: -1 is out of range; allowed an integer >= 0");
  EXPECT_EQ(
      errorOf("base = \"b.toml\"\n[design]\nkind = \"grid\"\nsamples = 10\n"
              "[[axis]]\nkey = \"gait.speed_m_s\"\nvalues = [3.0]\n"),
      "sw/sweep.toml:4:11: design.samples: does not apply to a grid design; allowed with kind = \"lhs\" or "
      "\"sobol\"");
  EXPECT_EQ(
      errorOf("base = \"b.toml\"\n[design]\nkind = \"lhs\"\nsamples = 10\nbootstrap = 100\n" + axis),
      "sw/sweep.toml:5:13: design.bootstrap: does not apply to a lhs design; allowed with kind = \"sobol\"");
  const std::string sobol = "base = \"b.toml\"\n[design]\nkind = \"sobol\"\nsamples = 16\n";
  EXPECT_EQ(
      errorOf(sobol + "bootstrap = -5\n" + axis),
      "sw/sweep.toml:5:13: design.bootstrap: -5 is out of range; allowed an integer in [0, 100000] (0 = no "
      "confidence intervals)");
  EXPECT_EQ(
      errorOf(sobol + "confidence = 1.0\n" + axis),
      "sw/sweep.toml:5:14: design.confidence: 1 is out of range; allowed a number between 0 and 1, exclusive "
      "(e.g. 0.95)");
  EXPECT_EQ(
      errorOf(sobol + "sampler = \"sobel\"\n" + axis),
      "sw/sweep.toml:5:11: design.sampler: \"sobel\" is not a sampler; did you mean \"sobol\"?; allowed "
      "\"sobol\" (quasi-random, the default up to 20 axes) or \"random\"");
  EXPECT_EQ(
      errorOf(sobol + "metrics = []\n" + axis),
      "sw/sweep.toml:5:11: design.metrics: the list is empty; allowed a list of summary column names, e.g. "
      "[\"L4_L5.compression.peak\"]");
  EXPECT_EQ(errorOf(sobol + "metrics = [\"a.peak\", \"a.peak\"]\n" + axis),
            "sw/sweep.toml:5:22: design.metrics: \"a.peak\" is listed twice; allowed each metric once");
  EXPECT_EQ(
      errorOf(sobol + "metrics = \"a.peak\"\n" + axis),
      "sw/sweep.toml:5:11: design.metrics: expected a list, got string; allowed a list of summary column "
      "names, e.g. [\"L4_L5.compression.peak\"]");
}

// 21 number axes (not both of the linked gait keys) need 42 Sobol' dimensions: more than the direction
// numbers cover.
TEST(SweepFile, TheSobolSamplerCoversTwentyAxes) {
  std::ostringstream axes;
  int n = 0;
  for (const ParameterSpec& p : table())
    if (p.type == ParamType::Number && p.key != "gait.stride_length_m" && n < 21) {
      axes << "[[axis]]\nkey = \"" << p.key << "\"\nrange = [" << p.min << ", " << p.max << "]\n";
      ++n;
    }
  ASSERT_EQ(n, 21);
  const std::string head = "base = \"b.toml\"\n[design]\nkind = \"sobol\"\nsamples = 8\n";
  EXPECT_EQ(parse(head + axes.str()).sampler, SobolSampler::Random);  // the default falls back
  EXPECT_EQ(
      errorOf(head + "sampler = \"sobol\"\n" + axes.str()),
      "sw/sweep.toml:5:11: design.sampler: the Sobol' sequence here has direction numbers for 40 dimensions "
      "and 21 axes need 42; allowed \"random\" or at most 20 axes");
}

TEST(SweepFile, MalformedTomlAndMissingFiles) {
  EXPECT_EQ(errorOf("base = \"b.toml\"\n[design\nkind = \"grid\"\n").rfind("sw/sweep.toml:2:", 0), 0u);
  EXPECT_NE(errorOf("base = \"b.toml\"\n[design\n").find("malformed TOML"), std::string::npos);
  try {
    loadSweepFile("/nonexistent/sweep.toml", table());
    FAIL() << "a missing file must be an error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()),
              "/nonexistent/sweep.toml: cannot open the sweep file (does it exist and is it readable?)");
  }
}

TEST(SweepFile, LoadsAFileFromDisk) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "spineload_test_sweep_file";
  std::filesystem::create_directories(dir);
  const std::filesystem::path file = dir / "s.toml";
  {
    std::ofstream out(file);
    out << "base = \"../b.toml\"\n[design]\nkind = \"oat\"\n[[axis]]\nkey = \"core.stiffness\"\nvalues = "
           "[0.1]\n";
  }
  const SweepSpec s = loadSweepFile(file.string(), table());
  EXPECT_EQ(s.base_path, (dir.parent_path() / "b.toml").lexically_normal().string());
  EXPECT_EQ(s.path, file.string());
  EXPECT_NE(s.toml_text.find("core.stiffness"), std::string::npos);
  std::filesystem::remove_all(dir);
}

// Counts without expanding: grid product, oat 1 + sum, lhs samples, sobol N (k + 2); overflow saturates.
TEST(SweepFile, ScenarioCountOfEachDesign) {
  const std::string axes =
      "[[axis]]\nkey = \"gait.speed_m_s\"\nvalues = [2.5, 3.0, 3.5]\n"
      "[[axis]]\nkey = \"core.stiffness\"\nvalues = [0.1, 0.15, 0.2, 0.25, 0.3]\n"
      "[[axis]]\nkey = \"gait.foot_strike\"\nvalues = [\"rearfoot\", \"forefoot\"]\n";
  EXPECT_EQ(scenarioCount(parse(kGridHead + axes)), 30u);
  EXPECT_EQ(scenarioCount(parse("base = \"b.toml\"\n[design]\nkind = \"oat\"\n" + axes)), 11u);
  EXPECT_EQ(scenarioCount(parse(kLhsHead + "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [2.5, 3.5]\n")), 10u);
  EXPECT_EQ(scenarioCount(parse("base = \"b.toml\"\n[design]\nkind = \"sobol\"\nsamples = 100\n"
                                "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [2.5, 3.5]\n"
                                "[[axis]]\nkey = \"core.stiffness\"\nrange = [0.1, 0.3]\n"
                                "[[axis]]\nkey = \"discs.hydration\"\nrange = [0.6, 1.0]\n")),
            500u);
}

TEST(SweepFile, ScenarioCountOverflowSaturates) {
  const std::size_t kMax = std::numeric_limits<std::size_t>::max();
  // 2^63 - 1 samples times 3 does not fit: saturated, and refused whatever the maximum.
  const SweepSpec big = parse(
      "base = \"b.toml\"\n[design]\nkind = \"sobol\"\nsamples = 9223372036854775807\nsampler = \"random\"\n"
      "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [2.5, 3.5]\n");
  EXPECT_EQ(scenarioCount(big), kMax);
  // A grid of 7 axes of 1000 values: 10^21 > 2^64.
  SweepSpec grid;
  grid.kind = DesignKind::Grid;
  grid.axes.resize(7);
  for (SweepAxis& a : grid.axes) a.values.assign(1000, ParamValue(1.0));
  EXPECT_EQ(scenarioCount(grid), kMax);
  grid.axes.resize(6);  // 10^18 fits
  EXPECT_EQ(scenarioCount(grid), std::size_t{1000000000000000000u});
  // oat: 1 + a sum that reaches the top.
  SweepSpec oat;
  oat.kind = DesignKind::Oat;
  oat.axes.resize(1);
  oat.axes[0].values.assign(3, ParamValue(1.0));
  EXPECT_EQ(scenarioCount(oat), 4u);
  // lhs at the maximum is the maximum, a sobol count one below its product's overflow is exact.
  SweepSpec s;
  s.kind = DesignKind::Sobol;
  s.axes.resize(1);
  s.samples = kMax / 3;
  EXPECT_EQ(scenarioCount(s), kMax / 3 * 3);
  s.samples = kMax / 3 + 1;
  EXPECT_EQ(scenarioCount(s), kMax);
  try {
    refuseOversizedSweep(big, 1000000);
    FAIL() << "an overflowing sweep must be refused";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "sw/sweep.toml:3:8: design: the sweep runs more scenarios than a 64-bit count holds (sobol: samples "
        "9223372036854775807 x (1 axes + 2)), more than --max-scenarios 1000000; allowed at most 1000000 "
        "(fewer values or samples, or a larger --max-scenarios)");
  }
}

TEST(SweepFile, OversizedSweepsAreRefusedBeforeExpanding) {
  std::ostringstream text;
  text << kGridHead << "[[axis]]\nkey = \"discs.hydration\"\nvalues = [";
  for (int i = 0; i < 101; ++i) text << (i ? ", " : "") << 0.5 + 0.005 * i;
  text << "]\n[[axis]]\nkey = \"core.stiffness\"\nvalues = [0.1, 0.2]\n";
  const SweepSpec s = parse(text.str());
  EXPECT_EQ(scenarioCount(s), 202u);
  EXPECT_NO_THROW(refuseOversizedSweep(s, 202));
  try {
    refuseOversizedSweep(s, 201);
    FAIL() << "202 scenarios over a maximum of 201 must be refused";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "sw/sweep.toml:3:8: design: the sweep runs 202 scenarios (grid: 101 x 2 values), more than "
        "--max-scenarios 201; allowed at most 201 (fewer values or samples, or a larger --max-scenarios)");
  }
}

TEST(SweepFile, MetricsAreCheckedAgainstTheSummaryColumns) {
  const SweepSpec s = parse(
      "base = \"b.toml\"\n[design]\nkind = \"sobol\"\nsamples = 8\n"
      "metrics = [\"L4_L5.compression.peak\", \"L4_L5.compresion.peak\"]\n"
      "[[axis]]\nkey = \"gait.speed_m_s\"\nrange = [2.5, 3.5]\n");
  const std::vector<std::string> columns{"L4_L5.compression.peak", "L4_L5.compression.mean", "stability.min"};
  try {
    checkSweepMetrics(s, columns);
    FAIL() << "a misspelt metric must be an error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "sw/sweep.toml:5:38: design.metrics: \"L4_L5.compresion.peak\" is not a summary column; did you mean "
        "\"L4_L5.compression.peak\"?; allowed a column of /summary (docs/summaries.md)");
  }
  SweepSpec ok = s;
  ok.metrics.pop_back();
  EXPECT_NO_THROW(checkSweepMetrics(ok, columns));
}

}  // namespace
}  // namespace spineload
