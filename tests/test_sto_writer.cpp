// The OpenSim storage writer (engine/io/sto_writer) and `spineload export --sto` as a user meets it.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <sstream>

#include <sys/wait.h>  // WEXITSTATUS
#include <unistd.h>    // getpid

#include "engine/io/hdf5_file.hpp"
#include "engine/io/sto_writer.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

std::string readText(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::stringstream s(line);
  for (std::string item; std::getline(s, item, sep);) out.push_back(item);
  return out;
}

// A .sto file read the way OpenSim 4's DelimFileAdapter reads it: header lines up to "endheader" (key=value
// lines as metadata, the others as text), a tab-separated label line beginning with "time", then rows.
struct Parsed {
  std::vector<std::string> text;  // header lines that are not key=value; the first is the table's name
  std::map<std::string, std::string> keys;
  std::vector<std::string> labels;  // time excluded
  std::vector<double> time;
  std::vector<std::vector<double>> rows;
};

double parseNumber(const std::string& token) {
  double v = 0.0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
  EXPECT_TRUE(ec == std::errc() && end == token.data() + token.size()) << "not a number: '" << token << "'";
  return v;
}

Parsed parseSto(const std::string& text) {
  Parsed p;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line) && line != "endheader") {
    const std::size_t eq = line.find('=');
    if (eq == std::string::npos)
      p.text.push_back(line);
    else
      p.keys[line.substr(0, eq)] = line.substr(eq + 1);
  }
  EXPECT_EQ(line, "endheader");
  std::getline(in, line);
  p.labels = split(line, '\t');
  EXPECT_FALSE(p.labels.empty());
  if (p.labels.empty()) return p;
  EXPECT_EQ(p.labels.front(), "time");
  p.labels.erase(p.labels.begin());
  while (std::getline(in, line)) {
    const std::vector<std::string> tokens = split(line, '\t');
    EXPECT_EQ(tokens.size(), p.labels.size() + 1) << "row " << p.rows.size() + 1;
    p.time.push_back(parseNumber(tokens.at(0)));
    std::vector<double>& row = p.rows.emplace_back();
    for (std::size_t i = 1; i < tokens.size(); ++i) row.push_back(parseNumber(tokens[i]));
  }
  return p;
}

StoTable twoByTwo() {
  StoTable t;
  t.name = "demo";
  t.labels = {"a", "b"};
  t.time = {0.0, 0.5};
  t.values = {1.0, -2.5, 1e-7, 0.1};
  t.comments = {"Column a: N", "Column b: m"};
  return t;
}

TEST(StoWriter, WritesOpenSimStorageVersionOneText) {
  std::ostringstream out;
  writeSto(out, twoByTwo());
  EXPECT_EQ(out.str(),
            "demo\n"
            "version=1\n"
            "nRows=2\n"
            "nColumns=3\n"
            "inDegrees=no\n"
            "DataType=double\n"
            "Column a: N\n"
            "Column b: m\n"
            "endheader\n"
            "time\ta\tb\n"
            "0\t1\t-2.5\n"
            "0.5\t1e-07\t0.1\n");
}

TEST(StoWriter, NonFiniteValuesAreWrittenAsOpenSimWritesThem) {
  StoTable t = twoByTwo();
  t.values = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
              -std::numeric_limits<double>::infinity(), 0.0};
  std::ostringstream out;
  writeSto(out, t);
  EXPECT_NE(out.str().find("\n0\tnan\tinf\n0.5\t-inf\t0\n"), std::string::npos) << out.str();
  EXPECT_TRUE(std::isnan(std::stod("nan")));  // what OpenSim 4 reads a cell with
}

TEST(StoWriter, RoundTripIsBitIdentical) {
  std::mt19937_64 rng(7);
  StoTable t;
  t.name = "round_trip";
  t.labels = {"bits", "uniform", "tiny", "huge"};
  std::uniform_real_distribution<double> uni(-1.0, 1.0);
  double time = 0.0;
  for (int r = 0; r < 500; ++r) {
    // Times one ulp apart in places: a format that rounds would merge them (and OpenSim refuses that).
    time = r % 7 == 3 ? std::nextafter(time, 1e9) : time + 0.002 * (1.0 + uni(rng) * 0.5);
    t.time.push_back(time);
    double bits = 0.0;
    do bits = std::bit_cast<double>(rng());
    while (!std::isfinite(bits));
    t.values.insert(t.values.end(),
                    {bits, uni(rng), uni(rng) * std::numeric_limits<double>::denorm_min() * 1e3,
                     uni(rng) * std::numeric_limits<double>::max()});
  }
  t.values[1] = -0.0;
  t.values[2] = 0.1;
  t.values[3] = 1.0 / 3.0;
  std::ostringstream out;
  writeSto(out, t);
  const Parsed p = parseSto(out.str());
  ASSERT_EQ(p.text.at(0), "round_trip");
  EXPECT_EQ(p.keys.at("version"), "1");
  EXPECT_EQ(p.keys.at("nRows"), "500");
  EXPECT_EQ(p.keys.at("nColumns"), "5");
  EXPECT_EQ(p.keys.at("inDegrees"), "no");
  EXPECT_EQ(p.labels, t.labels);
  ASSERT_EQ(p.rows.size(), t.time.size());
  std::size_t mismatches = 0;
  std::string first;
  const auto same = [&](double read, double written, const std::string& where) {
    if (std::bit_cast<std::uint64_t>(read) == std::bit_cast<std::uint64_t>(written)) return;
    if (mismatches++ == 0) first = where;
  };
  for (std::size_t r = 0; r < t.time.size(); ++r) {
    same(p.time[r], t.time[r], "time of row " + std::to_string(r));
    for (std::size_t c = 0; c < t.labels.size(); ++c)
      same(p.rows[r].at(c), t.values[r * 4 + c], "row " + std::to_string(r) + " column " + t.labels[c]);
  }
  EXPECT_EQ(mismatches, 0u) << "first at " << first;
}

TEST(StoWriter, RefusesWhatOpenSimWouldMisreadAndWritesNothing) {
  const auto refused = [](const StoTable& t, const std::string& says) {
    std::ostringstream out;
    try {
      writeSto(out, t);
      ADD_FAILURE() << "accepted; expected a refusal saying '" << says << "'";
    } catch (const StoError& e) {
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
    EXPECT_TRUE(out.str().empty()) << "wrote before refusing";
  };
  StoTable t = twoByTwo();
  t.values.pop_back();
  refused(t, "3 values for 2 rows x 2 columns");
  t = twoByTwo();
  t.labels = {"a"};
  refused(t, "4 values for 2 rows x 1 columns");
  t = twoByTwo();
  t.labels[1] = "b\tc";
  refused(t, "whitespace");
  t.labels[1] = "b\nc";
  refused(t, "whitespace");
  t.labels[1] = "a";
  refused(t, "appears twice");
  t.labels[1] = "time";
  refused(t, "'time'");
  t = twoByTwo();
  t.time[1] = std::numeric_limits<double>::quiet_NaN();
  refused(t, "not finite");
  t.time[1] = 0.0;
  refused(t, "does not increase");
  t = twoByTwo();
  t.time.clear();
  t.values.clear();
  refused(t, "no rows");
  t = twoByTwo();
  t.comments.push_back("gain=2");
  refused(t, "holds '='");
  t.comments.back() = "nRows 7";
  refused(t, "a key OpenSim's Storage reader acts on");
  t.comments.back() = "units N";
  refused(t, "a key OpenSim's Storage reader acts on");
  t.comments.back() = "1 2.5 -3";
  refused(t, "looks like a row of numbers");
  t.comments.back() = "two\nlines";
  refused(t, "line break");
  t = twoByTwo();
  t.name = "";
  refused(t, "table name is empty");
  t.name = "endheader";
  refused(t, "endheader");
  // Names of scenarios may begin with a digit; only a line of numbers would be taken for data.
  t.name = "2024_run_levels";
  std::ostringstream ok;
  EXPECT_NO_THROW(writeSto(ok, t));
}

class StoFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("spineload_sto_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::vector<std::string> listing() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  fs::path dir_;
};

TEST_F(StoFiles, AtomicWriteRefusesAnExistingFileAndLeavesNoTemporary) {
  writeStoFile(path("a.sto"), twoByTwo(), false);
  std::ostringstream expected;
  writeSto(expected, twoByTwo());
  EXPECT_EQ(readText(path("a.sto")), expected.str());
  EXPECT_EQ(listing(), std::vector<std::string>{"a.sto"});

  StoTable other = twoByTwo();
  other.values[0] = 42.0;
  try {
    writeStoFile(path("a.sto"), other, false);
    ADD_FAILURE() << "overwrote without overwrite";
  } catch (const StoError& e) {
    EXPECT_NE(std::string(e.what()).find("--overwrite"), std::string::npos) << e.what();
  }
  EXPECT_EQ(readText(path("a.sto")), expected.str());
  writeStoFile(path("a.sto"), other, true);
  EXPECT_NE(readText(path("a.sto")).find("\n0\t42\t-2.5\n"), std::string::npos);
  EXPECT_EQ(listing(), std::vector<std::string>{"a.sto"});

  // A set with one invalid table: no file of the set is written, and no temporary is left.
  StoTable bad = twoByTwo();
  bad.values.pop_back();
  EXPECT_THROW(writeStoFiles({{path("b.sto"), twoByTwo()}, {path("c.sto"), bad}}, false), StoError);
  EXPECT_EQ(listing(), std::vector<std::string>{"a.sto"});
  writeStoFiles({{path("b.sto"), twoByTwo()}, {path("c.sto"), other}}, false);
  EXPECT_EQ(listing(), (std::vector<std::string>{"a.sto", "b.sto", "c.sto"}));
  EXPECT_THROW(writeStoFile(path("no/such/dir/d.sto"), twoByTwo(), false), StoError);
}

// The command: `run` a short scenario, then `export --sto` it (SPINELOAD_CLI_PATH, as in test_cli.cpp).
class StoCli : public StoFiles {
 protected:
  struct Outcome {
    int status;
    std::string err;
  };
  Outcome spineload(const std::string& args) const {
    const std::string err = path("stderr.txt");
    const int raw =
        std::system((std::string(SPINELOAD_CLI_PATH) + " " + args + " 2> " + err + " > /dev/null").c_str());
    const std::string text = readText(err);
    fs::remove(err);
    return {WEXITSTATUS(raw), text};
  }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path(name)) << text; }
  static constexpr const char* kShortRun =
      "[gait]\nmode = \"running\"\n[simulation]\nduration_s = 0.2\n[control]\nactuators = \"torques\"\n";
};

TEST_F(StoCli, ExportWritesTheTimeSeriesOfTheHdf5File) {
  write("short.toml", kShortRun);
  const Outcome run = spineload("run " + path("short.toml") + " -o " + path("short.h5") + " -q");
  ASSERT_EQ(run.status, 0) << run.err;
  const Outcome ex = spineload("export " + path("short.h5") + " --sto -o " + path("out/sto") + " -q");
  ASSERT_EQ(ex.status, 0) << ex.err;
  EXPECT_EQ(ex.err, "");
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir_ / "out/sto"))
    files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  // Torques only: no muscles/ group, so no muscle files (and no temporary left behind).
  EXPECT_EQ(files, (std::vector<std::string>{"short_levels.sto", "short_signals.sto"}));

  h5::File f = h5::File::openReadOnly(path("short.h5"));
  const h5::Group g = f.root().openGroup("scenarios/short");
  const std::vector<double> time = g.readVector("time");
  const Parsed levels = parseSto(readText(dir_ / "out/sto/short_levels.sto"));
  EXPECT_EQ(levels.text.at(0), "short_levels");
  EXPECT_EQ(levels.keys.at("nRows"), std::to_string(time.size()));
  EXPECT_EQ(levels.keys.at("nColumns"), std::to_string(levels.labels.size() + 1));
  EXPECT_EQ(levels.time, time);
  const auto column = [](const Parsed& p, const std::string& label) {
    const auto it = std::find(p.labels.begin(), p.labels.end(), label);
    EXPECT_NE(it, p.labels.end()) << label;
    std::vector<double> c;
    if (it == p.labels.end()) return c;
    for (const auto& row : p.rows) c.push_back(row.at(static_cast<std::size_t>(it - p.labels.begin())));
    return c;
  };
  EXPECT_EQ(column(levels, "T7_T8_compression"), g.readVector("levels/T7_T8/compression"));
  EXPECT_EQ(column(levels, "L5_S1_moment_fe"), g.readVector("levels/L5_S1/moment_fe"));
  EXPECT_NE(std::find(levels.text.begin(), levels.text.end(), "Column T7_T8_compression: N"),
            levels.text.end());
  EXPECT_NE(std::find(levels.text.begin(), levels.text.end(), "Column time: s"), levels.text.end());

  const Parsed signals = parseSto(readText(dir_ / "out/sto/short_signals.sto"));
  EXPECT_EQ(signals.keys.at("nRows"), std::to_string(time.size()));
  EXPECT_EQ(signals.time, time);
  std::size_t rows = 0, cols = 0;
  const std::vector<double> position = g.readMatrix("pelvis/position", rows, cols);
  std::vector<double> z;
  for (std::size_t r = 0; r < rows; ++r) z.push_back(position[r * cols + 2]);
  EXPECT_EQ(column(signals, "pelvis_position_z"), z);
  EXPECT_EQ(column(signals, "stature_change"), g.readVector("stature_change"));
  EXPECT_EQ(column(signals, "grf_vertical"), g.readVector("grf/vertical"));
  EXPECT_NE(std::find(signals.text.begin(), signals.text.end(), "Column pelvis_acceleration_x: m/s^2"),
            signals.text.end());

  const std::string again = "export " + path("short.h5") + " --sto -o " + path("out/sto");
  const Outcome refused = spineload(again);
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.err.find("--overwrite"), std::string::npos) << refused.err;
  EXPECT_EQ(spineload(again + " --overwrite --scenario short").status, 0);
}

TEST_F(StoCli, BadInputExitsTwoWithOneLineAndWritesNothing) {
  write("short.toml", kShortRun);
  ASSERT_EQ(spineload("run " + path("short.toml") + " -o " + path("short.h5") + " -q").status, 0);
  const auto oneLine = [](const Outcome& o, const std::string& says) {
    EXPECT_EQ(o.status, 2) << o.err;
    EXPECT_EQ(o.err.rfind("spineload", 0), 0u) << o.err;
    EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << o.err;
    EXPECT_NE(o.err.find(says), std::string::npos) << o.err;
  };
  const std::string out = " --sto -o " + path("out");
  oneLine(spineload("export " + path("short.h5") + out + " --scenario nosuch"),
          "no scenario 'nosuch'; it holds: short");
  oneLine(spineload("export " + path("none.h5") + out), "file not found");
  oneLine(spineload("export " + path("short.toml") + out), "not an HDF5 file");
  oneLine(spineload("export " + path("short.h5") + " -o " + path("out")), "--sto");

  write("summary.toml", std::string(kShortRun) + "[output]\ntime_series = false\n");
  ASSERT_EQ(spineload("run " + path("summary.toml") + " -o " + path("summary.h5") + " -q").status, 0);
  oneLine(spineload("export " + path("summary.h5") + out), "time_series = false");
  EXPECT_FALSE(fs::exists(path("out"))) << "an export that failed created its directory";
}

}  // namespace
}  // namespace spineload
