// The bad-input battery of issue 11, through the spineload command as a user meets it: every case exits with
// status 2 (bad input; never a signal or a crash), writes exactly one line on stderr naming the file (with
// line, column and key when there is one) and what is allowed, and leaves no output, no `*.tmp-*` temporary
// and no `*.parts` folder behind. The parsers' own tests (test_scenario_file.cpp, test_scenario_include.cpp,
// test_sweep_file.cpp, test_motion_file.cpp) check every message of the parsers; here each kind of input is
// checked once end to end, with the outputs a command must not leave.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli_support.hpp"
#include "tests/test_support.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

using test::Outcome;

// A scenario that runs in a fraction of a second (no muscles, standing, 0.2 s).
constexpr const char* kQuickScenario =
    "[gait]\nmode = \"standing\"\n[simulation]\nduration_s = 0.2\n[control]\nactuators = "
    "\"torques\"\n[output]\ntime_series = false\n";

class BadInput : public test::CliTest {
 protected:
  // Runs `spineload <args>` and checks what every refusal shares: status 2, one line, and no `output` (nor
  // its parts folder) and no temporary file anywhere in the scratch folder. Returns the outcome for the
  // case's own checks of the message.
  Outcome refused(const std::string& args, const std::string& output) const {
    const Outcome o = spineload(args);
    EXPECT_EQ(o.status, 2) << "spineload " << args << "\n" << o.err;
    EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << "not one line:\n" << o.err;
    EXPECT_FALSE(fs::exists(output)) << output << " was left behind";
    EXPECT_FALSE(fs::exists(output + ".parts")) << output << ".parts was left behind";
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir_))
      EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path() << " left behind";
    return o;
  }

  // `spineload run FILE -o out.h5` on a scenario written from `text`; the error line it gives.
  std::string runError(const std::string& name, const std::string& text) {
    write(name, text);
    return refused("run " + path(name) + " -o " + path("out.h5"), path("out.h5")).err;
  }

  // `spineload sweep FILE -o out.h5` on a sweep written from `text` (its base is quick.toml); the error line.
  std::string sweepError(const std::string& name, const std::string& text, const std::string& options = "") {
    write("quick.toml", kQuickScenario);
    write(name, text);
    return refused("sweep " + path(name) + " -o " + path("out.h5") + " -q " + options, path("out.h5")).err;
  }

  // A sweep result file made by running a one-point sweep (for `merge`).
  std::string sweepResult() {
    write("quick.toml", kQuickScenario);
    write("one.toml",
          "base = \"quick.toml\"\n[design]\nkind = \"grid\"\n[[axis]]\nkey = \"core.stiffness\"\n"
          "values = [0.1]\n");
    const Outcome o = spineload("sweep " + path("one.toml") + " -o " + path("one.h5") + " -q --threads 1");
    EXPECT_EQ(o.status, 0) << o.err;
    return path("one.h5");
  }

  std::string causesStudy() const {
    return std::string(SPINELOAD_SOURCE_DIR) + "/scenarios/causes/study.toml";
  }
};

// ---- scenario files --------------------------------------------------------------------------------

TEST_F(BadInput, ScenarioValuesNameFileLineKeyAndWhatIsAllowed) {
  struct Case {
    std::string text, expected;  // expected: the line after "<file>:"
  };
  const std::vector<Case> cases = {
      {"[subjekt]\nbody_mass_kg = 70\n",
       "2:16: subjekt.body_mass_kg: unknown key; did you mean 'subject.body_mass_kg'? (spineload describe "
       "lists every key)"},
      {"[subject]\nheight_m = \"tall\"\n",
       "2:12: subject.height_m: expected a number, got string; allowed a number in [1.45, 2.1] m"},
      {"[output]\ntime_series = 1\n",
       "2:15: output.time_series: expected true or false; allowed true or false"},
      {"[subject]\nheight_m = 3.5\n",
       "2:12: subject.height_m: 3.5 is out of range; allowed a number in [1.45, 2.1] m"},
      {"[subject]\nheight_m = nan\n",
       "2:12: subject.height_m: must be finite; allowed a number in [1.45, 2.1] m"},
      {"[subject]\nbody_mass_kg = +inf\n",
       "2:16: subject.body_mass_kg: must be finite; allowed a number in [40, 150] kg"},
      {"[subject]\nbody_mass_kg = -inf\n",
       "2:16: subject.body_mass_kg: must be finite; allowed a number in [40, 150] kg"},
      {"[simulation]\nintegrator = \"rk5\"\n",
       "2:14: simulation.integrator: \"rk5\" is not allowed; did you mean \"rk4\"?; allowed one of "
       "\"semi_implicit_euler\", \"rk4\", \"implicit_euler\""},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string name = "case" + std::to_string(i) + ".toml";
    SCOPED_TRACE(cases[i].text);
    EXPECT_EQ(runError(name, cases[i].text), path(name) + ":" + cases[i].expected + "\n");
  }
}

TEST_F(BadInput, MalformedTomlNamesItsLine) {
  const std::string e = runError("bad.toml", "[subject]\nbody_mass_kg = = 3\n");
  EXPECT_EQ(e.rfind(path("bad.toml") + ":2:", 0), 0u) << e;
  EXPECT_NE(e.find("malformed TOML"), std::string::npos) << e;
}

TEST_F(BadInput, MissingIncludeNamesTheResolvedPath) {
  EXPECT_EQ(runError("top.toml", "include = \"nope.toml\"\n"),
            path("top.toml") + ":1:11: include: cannot read the included file " + path("nope.toml") +
                " (does it exist and is it readable?); allowed a path relative to " + path("top.toml") +
                "'s folder, or absolute\n");
}

TEST_F(BadInput, IncludeCycleNamesTheChain) {
  write("a.toml", "include = \"b.toml\"\n");
  EXPECT_EQ(runError("b.toml", "include = \"a.toml\"\n"),
            path("a.toml") + ":1:11: include: include cycle: " + path("b.toml") + " -> " + path("a.toml") +
                " -> " + path("b.toml") +
                "; allowed a chain of includes that never returns to a file in it\n");
}

TEST_F(BadInput, MissingScenarioFile) {
  EXPECT_EQ(refused("run " + path("none.toml") + " -o " + path("out.h5"), path("out.h5")).err,
            path("none.toml") + ": cannot open the scenario file (does it exist and is it readable?)\n");
}

// A folder opens like a file on Linux and reads as nothing: it must not run as an empty (default) scenario.
TEST_F(BadInput, ScenarioThatIsAFolder) {
  fs::create_directories(path("folder.toml"));
  const std::string e = refused("run " + path("folder.toml") + " -o " + path("out.h5"), path("out.h5")).err;
  EXPECT_EQ(e.rfind(path("folder.toml") + ": cannot open the scenario file", 0), 0u) << e;
}

// /proc/self/mem opens but its first read fails (EIO): an input that cannot be read, even by root.
TEST_F(BadInput, ScenarioWhoseReadFails) {
  const std::string e = refused("run /proc/self/mem -o " + path("out.h5"), path("out.h5")).err;
  EXPECT_EQ(e.rfind("/proc/self/mem: cannot open the scenario file", 0), 0u) << e;
}

TEST_F(BadInput, IncludeWhoseReadFails) {
  const std::string e = runError("top.toml", "include = \"/proc/self/mem\"\n");
  EXPECT_EQ(e.rfind(path("top.toml") + ":1:11: include: cannot read the included file /proc/self/mem", 0), 0u)
      << e;
}

// ---- output paths ----------------------------------------------------------------------------------

// Every command that writes a file checks its folder before any work: a sweep or a study writes only at the
// end, so a missing folder must not cost the run (nor be created by the parts folder beside the output).
TEST_F(BadInput, EveryCommandRefusesAMissingOutputFolder) {
  const std::string result = sweepResult();  // writes quick.toml and one.toml, a one-point sweep
  const std::string out = path("no/such/out.h5");
  const std::string missing = "output directory '" + path("no/such") + "' does not exist; create it";
  const std::vector<std::string> commands = {
      "run " + path("quick.toml") + " -o " + out,
      "sweep " + path("one.toml") + " -o " + out + " -q",
      "merge " + result + " -o " + out + " -q",
      "causes --study " + causesStudy() + " -o " + out + " -q",
  };
  for (const std::string& c : commands) {
    SCOPED_TRACE(c);
    const std::string e = refused(c, out).err;
    EXPECT_NE(e.find(out + ": " + missing), std::string::npos) << e;
    EXPECT_FALSE(fs::exists(path("no"))) << "the missing folder was created";
  }
  const std::string e = refused("validate --only zzzz -o " + path("no/such/v.md"), path("no/such/v.md")).err;
  EXPECT_NE(e.find("no folder " + path("no/such")), std::string::npos) << e;
}

// /proc refuses new files even for root (a read-only folder does not stop root).
TEST_F(BadInput, EveryCommandRefusesAnUnwritableOutputFolder) {
  const std::string result = sweepResult();  // writes quick.toml and one.toml, a one-point sweep
  const std::string out = "/proc/spineload_out.h5";
  for (const std::string& c :
       {"run " + path("quick.toml") + " -o " + out, "sweep " + path("one.toml") + " -o " + out + " -q",
        "merge " + result + " -o " + out + " -q", "causes --study " + causesStudy() + " -o " + out + " -q"}) {
    SCOPED_TRACE(c);
    const std::string e = refused(c, out).err;
    EXPECT_NE(e.find(out), std::string::npos) << e;
    EXPECT_NE(e.find("cannot create"), std::string::npos) << e;
  }
}

TEST_F(BadInput, ReadOnlyOutputFolder) {
  if (::geteuid() == 0)
    GTEST_SKIP() << "running as root, for whom a read-only folder is writable; "
                    "EveryCommandRefusesAnUnwritableOutputFolder covers an unwritable one (/proc)";
  write("quick.toml", kQuickScenario);
  fs::create_directories(path("ro"));
  fs::permissions(path("ro"), fs::perms::owner_read | fs::perms::owner_exec);
  const std::string e =
      refused("run " + path("quick.toml") + " -o " + path("ro/out.h5"), path("ro/out.h5")).err;
  fs::permissions(path("ro"), fs::perms::owner_all);
  EXPECT_NE(e.find("output directory '" + path("ro") + "' is not writable"), std::string::npos) << e;
}

TEST_F(BadInput, OutputThatIsAFolder) {
  write("quick.toml", kQuickScenario);
  fs::create_directories(path("out.h5"));
  const Outcome o = spineload("run " + path("quick.toml") + " -o " + path("out.h5"));
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err,
            "spineload: " + path("out.h5") + ": is a directory; give a file name such as out/run.h5\n");
  EXPECT_TRUE(fs::is_empty(path("out.h5")));
}

// An existing output is kept, byte for byte, unless --overwrite (run: tests/test_cli.cpp; causes:
// tests/test_causes_cli.cpp).
TEST_F(BadInput, ExistingOutputIsKeptWithoutOverwrite) {
  const std::string result = sweepResult();  // writes quick.toml and one.toml, a one-point sweep
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"sweep " + path("one.toml") + " -q -o ", "out.h5"},
      {"merge " + result + " -q -o ", "out.h5"},
      {"validate --only zzzz -o ", "out.md"},
  };
  for (const auto& [command, name] : cases) {
    SCOPED_TRACE(command);
    write(name, "precious\n");
    const Outcome o = spineload(command + path(name));
    EXPECT_EQ(o.status, 2) << o.err;
    EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << o.err;
    EXPECT_NE(o.err.find(path(name)), std::string::npos) << o.err;
    EXPECT_NE(o.err.find("--overwrite"), std::string::npos) << o.err;
    std::ifstream in(path(name));
    std::stringstream s;
    s << in.rdbuf();
    EXPECT_EQ(s.str(), "precious\n");
    EXPECT_FALSE(fs::exists(path(name) + ".parts"));
  }
}

// ---- sweep files -----------------------------------------------------------------------------------

const std::string kGridHead = "base = \"quick.toml\"\n[design]\nkind = \"grid\"\n";

TEST_F(BadInput, SweepValuesNameFileLineKeyAndWhatIsAllowed) {
  struct Case {
    std::string text, expected;  // expected: the line after "<file>:"
  };
  const std::vector<Case> cases = {
      {kGridHead + "[[axis]]\nkey = \"core.stiffness\"\nvalues = []\n",
       "6:10: core.stiffness: the axis is empty; allowed a list of at least one value, each a number in [0, "
       "0.3] 1"},
      {"base = \"quick.toml\"\n[design]\nkind = \"lhs\"\nsamples = 10\n[[axis]]\nkey = "
       "\"core.stiffness\"\nrange = [0.2, 0.2]\n",
       "7:9: core.stiffness: range [0.2, 0.2] is empty or reversed; allowed low < high within a number in "
       "[0, "
       "0.3] 1"},
      {kGridHead + "[[axis]]\nkey = \"core.stiffness\"\nvalues = [0.1, nan]\n",
       "6:16: core.stiffness: must be finite; allowed a number in [0, 0.3] 1"},
      {"base = \"quick.toml\"\n[design]\nkind = \"lhs\"\nsamples = 10\n[[axis]]\nkey = "
       "\"core.stiffness\"\nrange = [0, inf]\n",
       "7:13: core.stiffness: range ends must be finite; allowed a number in [0, 0.3] 1"},
      {kGridHead + "[[axis]]\nkey = \"core.stifness\"\nvalues = [0.1]\n",
       "5:7: core.stifness: unknown key; did you mean 'core.stiffness'? (spineload describe lists every "
       "key)"},
      {kGridHead + "[[axis]]\nkey = \"core.stiffness\"\nvalues = [\"stiff\"]\n",
       "6:11: core.stiffness: expected a number, got string; allowed a number in [0, 0.3] 1"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string name = "sweep" + std::to_string(i) + ".toml";
    SCOPED_TRACE(cases[i].text);
    EXPECT_EQ(sweepError(name, cases[i].text), path(name) + ":" + cases[i].expected + "\n");
  }
  const std::string e = sweepError("malformed.toml", "base = \"quick.toml\"\n[design\n");
  EXPECT_EQ(e.rfind(path("malformed.toml") + ":2:", 0), 0u) << e;
  EXPECT_NE(e.find("malformed TOML"), std::string::npos) << e;
}

TEST_F(BadInput, SweepBaseMissingOrBad) {
  EXPECT_EQ(sweepError("sweep.toml",
                       "base = \"nobase.toml\"\n[design]\nkind = \"grid\"\n[[axis]]\nkey = "
                       "\"core.stiffness\"\nvalues = [0.1]\n"),
            path("nobase.toml") + ": cannot open the scenario file (does it exist and is it readable?)\n");
  write("tall.toml", "[subject]\nheight_m = 4\n");
  EXPECT_EQ(
      sweepError("sweep2.toml",
                 "base = \"tall.toml\"\n[design]\nkind = \"grid\"\n[[axis]]\nkey = "
                 "\"core.stiffness\"\nvalues = [0.1]\n"),
      path("tall.toml") + ":2:12: subject.height_m: 4 is out of range; allowed a number in [1.45, 2.1] m\n");
}

TEST_F(BadInput, SweepFileThatIsMissingOrAFolder) {
  EXPECT_EQ(refused("sweep " + path("none.toml") + " -o " + path("out.h5"), path("out.h5")).err,
            path("none.toml") + ": cannot open the sweep file (does it exist and is it readable?)\n");
  fs::create_directories(path("folder.toml"));
  const std::string e = refused("sweep " + path("folder.toml") + " -o " + path("out.h5"), path("out.h5")).err;
  EXPECT_EQ(e.rfind(path("folder.toml") + ": cannot open the sweep file", 0), 0u) << e;
}

// Seven axes of 1000 values each: 10^21 points, more than a 64-bit count holds. Refused from the count
// before anything is expanded or run (the expansion alone would need zettabytes).
TEST_F(BadInput, HugeSweepsAreRefusedBeforeTheyStart) {
  std::ostringstream grid;
  grid << std::setprecision(12) << kGridHead;
  int axes = 0;
  for (const ParameterSpec& p : test::parameterTable()) {
    if (p.type != ParamType::Number || p.key == "gait.stride_length_m" || axes == 7) continue;
    grid << "[[axis]]\nkey = \"" << p.key << "\"\nvalues = [";
    for (int i = 0; i < 1000; ++i) grid << (i ? ", " : "") << p.min + (p.max - p.min) * i / 1000.0;
    grid << "]\n";
    ++axes;
  }
  ASSERT_EQ(axes, 7);
  const auto start = std::chrono::steady_clock::now();
  const std::string e = sweepError("grid.toml", grid.str());
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 30.0);
  EXPECT_EQ(
      e.rfind(path("grid.toml") + ":3:8: design: the sweep runs more scenarios than a 64-bit count holds "
                                  "(grid: 1000 x 1000 x 1000 x 1000 x 1000 x 1000 x 1000 values)",
              0),
      0u)
      << e;
  EXPECT_NE(e.find("allowed at most 1000000"), std::string::npos) << e;

  EXPECT_EQ(sweepError("lhs.toml",
                       "base = \"quick.toml\"\n[design]\nkind = \"lhs\"\nsamples = 2000000\n"
                       "[[axis]]\nkey = \"core.stiffness\"\nrange = [0, 0.2]\n"),
            path("lhs.toml") +
                ":3:8: design: the sweep runs 2000000 scenarios (lhs: samples = 2000000), more than "
                "--max-scenarios 1000000; allowed at most 1000000 (fewer values or samples, or a larger "
                "--max-scenarios)\n");
  // The limit is the user's: a small sweep over a smaller one is refused the same way.
  const std::string small =
      sweepError("small.toml", kGridHead + "[[axis]]\nkey = \"core.stiffness\"\nvalues = [0.1, 0.2]\n",
                 "--max-scenarios 1");
  EXPECT_NE(small.find("the sweep runs 2 scenarios (grid: 2 values), more than --max-scenarios 1"),
            std::string::npos)
      << small;
}

TEST_F(BadInput, SweepCommandLineValues) {
  write("quick.toml", kQuickScenario);
  write("sweep.toml", kGridHead + "[[axis]]\nkey = \"core.stiffness\"\nvalues = [0.1]\n");
  EXPECT_EQ(
      refused("sweep " + path("sweep.toml") + " -o " + path("out.h5") + " --shard 2/2", path("out.h5")).err,
      "spineload sweep: --shard 2/2: allowed i/N with 0 <= i < N, e.g. 0/4, and not under mpirun (which "
      "splits the points itself)\n");
  EXPECT_EQ(refused("sweep " + path("sweep.toml") + " -o " + path("out.h5") + " --max-scenarios lots",
                    path("out.h5"))
                .err,
            "spineload: Could not convert: --max-scenarios = lots (spineload --help)\n");
  EXPECT_NE(refused("causes -o " + path("out.h5") + " --duration nan", path("out.h5"))
                .err.find("spineload causes: --duration nan: allowed at least 3 s"),
            std::string::npos);
}

// ---- motion files ----------------------------------------------------------------------------------

// A motion file is read when the run starts (after the output is opened): its errors are still bad input
// (status 2, the file's own line), and the opened output is removed.
class BadMotionFile : public BadInput {
 protected:
  // The error of a run whose scenario names `csv_name` as its motion file (written from `csv` unless empty).
  std::string runWithMotion(const std::string& csv_name, const std::string& csv) {
    if (!csv.empty()) write(csv_name, csv);
    return runError("motion.toml",
                    "[gait]\nmotion_file = \"" + csv_name + "\"\n[simulation]\nduration_s = 0.2\n");
  }
  static std::string rows(const std::string& tilt_at_row_2) {
    return "0,0,0.9,0,1,2,3\n0.01,0,0.9,0," + tilt_at_row_2 +
           ",2,3\n0.02,0,0.9,0,1,2,3\n0.03,0,0.9,0,1,2,3\n";
  }
  const std::string header_ =
      "time_s,pelvis_tx_m,pelvis_ty_m,pelvis_tz_m,pelvis_tilt_deg,pelvis_list_deg,pelvis_rotation_deg\n";
};

TEST_F(BadMotionFile, MissingColumn) {
  const std::string e =
      runWithMotion("missing.csv",
                    "time_s,pelvis_tx_m,pelvis_ty_m,pelvis_tz_m,pelvis_tilt_deg,pelvis_list_deg\n"
                    "0,0,0.9,0,1,2\n0.01,0,0.9,0,1,2\n0.02,0,0.9,0,1,2\n0.03,0,0.9,0,1,2\n");
  EXPECT_EQ(
      e.rfind(path("missing.csv") + ":1:1: pelvis_rotation: missing column 'pelvis_rotation'; found", 0), 0u)
      << e;
  EXPECT_NE(e.find("required pelvis_tx, pelvis_ty, pelvis_tz"), std::string::npos) << e;
}

TEST_F(BadMotionFile, NaNAndInfiniteValues) {
  EXPECT_EQ(
      runWithMotion("nan.csv", header_ + rows("NaN")),
      path("nan.csv") +
          ":3:14: pelvis_tilt_deg: NaN in row 2, column 'pelvis_tilt_deg'; allowed finite numbers only (fill "
          "or cut out the gap before export)\n");
  const std::string e = runWithMotion("inf.csv", header_ + rows("-inf"));
  EXPECT_EQ(e.rfind(path("inf.csv") + ":3:14: pelvis_tilt_deg: an infinite value in row 2", 0), 0u) << e;
}

TEST_F(BadMotionFile, MissingFile) {
  const std::string e = runWithMotion("elsewhere/none.csv", "");
  EXPECT_EQ(e.rfind(path("elsewhere/none.csv") + ": cannot open the file (No such file or directory)", 0), 0u)
      << e;
}

}  // namespace
}  // namespace spineload
