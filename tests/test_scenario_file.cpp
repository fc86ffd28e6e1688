// Scenario files: defaults, every kind of bad input with its one-line message, and the parameter table.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/scenario/closest_key.hpp"
#include "engine/scenario/scenario_spec.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

const std::vector<ParameterSpec>& table() {
  return test::parameterTable();
}

ScenarioSpec parse(const std::string& text) {
  return toScenarioSpec(parseScenarioText(text, "s.toml", table()));
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

TEST(ScenarioFile, EmptyFileGivesTheDefaults) {
  const ScenarioSpec s = parse("");
  EXPECT_DOUBLE_EQ(s.subject.body_mass_kg, 73.0);
  EXPECT_DOUBLE_EQ(s.simulation.dt_s, 0.0005);
  EXPECT_EQ(s.simulation.integrator, Integrator::ImplicitEuler);
  EXPECT_EQ(s.output.levels.size(), 18u);
  EXPECT_EQ(s.simulation.n_steps, 10000);
  EXPECT_EQ(s.simulation.output_every_steps, 4);
  EXPECT_EQ(s.control.actuators, "muscles");
  for (const auto& [key, setting] : s.values.values) EXPECT_FALSE(setting.set_in_file) << key;
}

// The derived defaults (NaN in the table) are recorded in the spec's values as the numbers the run uses,
// still marked as defaults, so /summary shows them; an overstride set in the file stays as set, and a
// re-read of the recorded values resolves to the same spec.
TEST(ScenarioFile, DerivedDefaultsAreRecordedAsTheValuesUsed) {
  const ScenarioSpec s = parse("");
  auto value = [&](const ScenarioSpec& spec, const char* key) {
    return std::get<double>(spec.values.values.at(key).value);
  };
  EXPECT_DOUBLE_EQ(value(s, "gait.step_frequency_hz"), s.gait.step_frequency_hz);
  EXPECT_DOUBLE_EQ(value(s, "gait.stride_length_m"), 2.0 * s.gait.speed_m_s / s.gait.step_frequency_hz);
  EXPECT_DOUBLE_EQ(value(s, "subject.leg_length_m"), s.subject.leg_length_m);
  EXPECT_TRUE(std::isnan(s.gait.overstride_m));  // the generator derives it: recordDerivedGait
  for (const char* key : {"gait.step_frequency_hz", "gait.stride_length_m", "subject.leg_length_m"})
    EXPECT_FALSE(s.values.values.at(key).set_in_file) << key;
  const ScenarioSpec again = toScenarioSpec(s.values);
  EXPECT_TRUE(std::isnan(again.gait.overstride_m));
  EXPECT_DOUBLE_EQ(again.gait.step_frequency_hz, s.gait.step_frequency_hz);
  const ScenarioSpec set = parse("[gait]\noverstride_m = 0.3\n");
  EXPECT_DOUBLE_EQ(set.gait.overstride_m, 0.3);
  EXPECT_DOUBLE_EQ(value(set, "gait.overstride_m"), 0.3);
}

TEST(ScenarioFile, ValuesAreReadWithTheirLocation) {
  const ScenarioSpec s = parse("[subject]\n\nbody_mass_kg = 60\n[simulation]\nintegrator = \"rk4\"\n");
  EXPECT_DOUBLE_EQ(s.subject.body_mass_kg, 60.0);  // integers are accepted as numbers
  EXPECT_EQ(s.simulation.integrator, Integrator::RK4);
  const ParameterSetting& m = s.values.values.at("subject.body_mass_kg");
  EXPECT_TRUE(m.set_in_file);
  EXPECT_EQ(m.where.line, 3);
}

TEST(ScenarioFile, UnknownKeySuggestsTheClosest) {
  const std::string e = errorOf("[subject]\nbody_mass = 70\n");
  EXPECT_EQ(e,
            "s.toml:2:13: subject.body_mass: unknown key; did you mean 'subject.body_mass_kg'? "
            "(spineload describe lists every key)");
}

TEST(ScenarioFile, UnknownSectionAndTopLevelKeysAreErrors) {
  EXPECT_NE(errorOf("[subjekt]\nbody_mass_kg = 70\n").find("did you mean 'subject.body_mass_kg'"),
            std::string::npos);
  EXPECT_NE(errorOf("speed = 3\n").find("s.toml:1:9: speed: unknown key"), std::string::npos);
}

TEST(ScenarioFile, OutOfRangeNamesTheRange) {
  EXPECT_EQ(errorOf("[subject]\nheight_m = 3.5\n"),
            "s.toml:2:12: subject.height_m: 3.5 is out of range; allowed a number in [1.45, 2.1] m");
}

TEST(ScenarioFile, WrongTypesAndNonFiniteValues) {
  EXPECT_NE(errorOf("[subject]\nheight_m = \"tall\"\n").find("expected a number, got string"),
            std::string::npos);
  EXPECT_NE(errorOf("[subject]\nheight_m = nan\n").find("must be finite"), std::string::npos);
  EXPECT_NE(errorOf("[subject]\nheight_m = inf\n").find("must be finite"), std::string::npos);
  EXPECT_NE(errorOf("[output]\ntime_series = 1\n").find("expected true or false"), std::string::npos);
  EXPECT_NE(errorOf("[simulation]\nintegrator = \"rk5\"\n").find("did you mean \"rk4\"?"), std::string::npos);
}

// A TOML escape in a key or value is echoed as its escape, so the message stays one line.
TEST(ScenarioFile, ControlCharactersInKeysAndValuesKeepTheMessageOnOneLine) {
  for (const char* text : {"[subject]\n\"body\\nmass\" = 1\n", "[gait]\nmode = \"run\\nning\\u0007\"\n"}) {
    const std::string e = errorOf(text);
    ASSERT_FALSE(e.empty()) << text;
    EXPECT_EQ(e.find('\n'), std::string::npos) << e;
    EXPECT_EQ(e.find('\a'), std::string::npos) << e;
    EXPECT_NE(e.find("\\n"), std::string::npos) << e;
  }
  EXPECT_NE(errorOf("[gait]\nmode = \"run\\u0007\"\n").find("run\\x07"), std::string::npos);
}

TEST(ScenarioFile, ListsAreChecked) {
  EXPECT_NE(errorOf("[output]\nlevels = []\n").find("the list is empty"), std::string::npos);
  EXPECT_NE(errorOf("[output]\nlevels = [\"T7_T8\", \"T7_T8\"]\n").find("listed twice"), std::string::npos);
  EXPECT_NE(errorOf("[output]\nlevels = [\"T7-T8\"]\n")
                .find("s.toml:2:11: output.levels: \"T7-T8\" is not allowed"),
            std::string::npos);
  EXPECT_EQ(parse("[output]\nlevels = [\"T7_T8\", \"L5_S1\"]\n").output.levels.size(), 2u);
}

TEST(ScenarioFile, MalformedTomlGivesItsLocation) {
  const std::string e = errorOf("[subject]\nbody_mass_kg = = 3\n");
  EXPECT_EQ(e.rfind("s.toml:2:", 0), 0u) << e;
  EXPECT_NE(e.find("malformed TOML"), std::string::npos);
}

TEST(ScenarioFile, CrossKeyRules) {
  EXPECT_NE(errorOf("[simulation]\ndt_s = 0.01\noutput_rate_hz = 500\n")
                .find("simulation.output_rate_hz: cannot exceed"),
            std::string::npos);
  EXPECT_NE(errorOf("[simulation]\ndt_s = 0.01\nduration_s = 0.005\n").find("at least one time step"),
            std::string::npos);
}

TEST(ScenarioFile, DurationMustBeWholeStepsAndSeriesMustFit) {
  EXPECT_NE(errorOf("[simulation]\ndt_s = 0.003\nduration_s = 1.0\noutput_rate_hz = 100\n")
                .find("whole number of time steps"),
            std::string::npos);
  const std::string huge = errorOf("[simulation]\ndt_s = 1e-5\nduration_s = 3600\noutput_rate_hz = 1e5\n");
  EXPECT_NE(huge.find("simulation.duration_s: the time series would need"), std::string::npos) << huge;
  EXPECT_EQ(errorOf("[simulation]\ndt_s = 1e-5\nduration_s = 3600\noutput_rate_hz = "
                    "1e5\n[output]\ntime_series = false\n"),
            "");
}

TEST(ScenarioFile, MissingFileIsAClearError) {
  try {
    loadScenarioFile("/nonexistent/x.toml", table());
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()),
              "/nonexistent/x.toml: cannot open the scenario file (does it exist and is it readable?)");
  }
}

TEST(ParameterTable, EveryNumberHasUnitRangeAndSourceAndADefaultInRange) {
  ASSERT_FALSE(table().empty());
  for (const ParameterSpec& s : table()) {
    EXPECT_FALSE(s.source.empty()) << s.key;
    EXPECT_FALSE(s.description.empty()) << s.key;
    if (s.type == ParamType::Number) {
      const double d = std::get<double>(s.default_value);
      EXPECT_FALSE(s.unit.empty()) << s.key;
      if (std::isnan(d)) {  // derived from other keys: the description must say how
        const bool explained =
            s.description.find("Not set") != std::string::npos || s.source.rfind("derived", 0) == 0;
        EXPECT_TRUE(explained) << s.key;
        continue;
      }
      EXPECT_LE(s.min, d) << s.key;
      EXPECT_LE(d, s.max) << s.key;
    }
    if (s.type == ParamType::String && !s.choices.empty()) {
      const std::string& d = std::get<std::string>(s.default_value);
      EXPECT_NE(std::find(s.choices.begin(), s.choices.end(), d), s.choices.end()) << s.key;
    }
  }
}

TEST(ClosestKey, EditDistanceAndSuggestion) {
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(editDistance("", "abc"), 3u);
  EXPECT_EQ(closestKey("gait.step_frequncy_hz", {"gait.step_frequency_hz", "gait.mode"}),
            "gait.step_frequency_hz");
  EXPECT_EQ(closestKey("zzzzzzzz", {"gait.mode"}), "");
  // A key without its unit is far by edit distance but still suggested; a mere prefix of a word is not.
  EXPECT_EQ(closestKey("meaningful_change", {"baseline", "meaningful_change_percent"}),
            "meaningful_change_percent");
  EXPECT_EQ(closestKey("mean", {"baseline", "meaningful_change_percent"}), "");
}

}  // namespace
}  // namespace spineload
