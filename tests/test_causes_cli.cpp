// `spineload causes` end to end on a small study (two of the shipped causes, one dose, their combination,
// 3 s runs): the tables it writes agree with its own /summary, and bad input leaves no file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/causes/causes_table.hpp"
#include "engine/io/hdf5_file.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

const std::string kCauses = SPINELOAD_SOURCE_DIR "/scenarios/causes/";

std::string smallStudy() {
  std::ostringstream s;
  s << "baseline = \"" << kCauses << "baseline.toml\"\n"
    << "[[cause]]\nid = \"poor_posture\"\ntitle = \"Posture\"\nfile = \"" << kCauses
    << "poor_posture.toml\"\n"
    << "claim = \"kyphosis loads the thoracic spine\"\noutcomes = [\"thoracic_compression\"]\n"
    << "outside = [\"pain\"]\ndoses = [0.5]\n"
    << "[[cause]]\nid = \"overstriding\"\ntitle = \"Overstriding\"\nfile = \"" << kCauses
    << "overstriding.toml\"\nclaim = \"a longer stride jolts the spine\"\noutcomes = [\"impact\"]\n"
    << "[factorial]\ncauses = [\"poor_posture\", \"overstriding\"]\n";
  return s.str();
}

class CausesCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("spineload_causes_cli_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "study.toml") << smallStudy();
    status_ = run("causes --study " + path("study.toml") + " -o " + path("causes.h5") +
                  " --duration 3 --threads 2 -q");
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static std::string path(const std::string& name) { return (dir_ / name).string(); }
  static int run(const std::string& args, std::string* err = nullptr) {
    const std::string e = path("stderr.txt");
    const int raw =
        std::system((std::string(SPINELOAD_CLI_PATH) + " " + args + " 2> " + e + " > /dev/null").c_str());
    if (err) {
      std::ifstream in(e);
      std::stringstream s;
      s << in.rdbuf();
      *err = s.str();
    }
    return WEXITSTATUS(raw);
  }
  static const h5::TableColumn& column(const std::vector<h5::TableColumn>& t, const std::string& name) {
    for (const h5::TableColumn& c : t)
      if (c.name == name) return c;
    throw std::runtime_error("no column " + name);
  }

  static fs::path dir_;
  static int status_;
};

fs::path CausesCli::dir_;
int CausesCli::status_ = -1;

TEST_F(CausesCli, WritesTheStudysTablesBesideItsScenarios) {
  ASSERT_EQ(status_, 0);
  const h5::File f = h5::File::openReadOnly(path("causes.h5"));
  const h5::Group root = f.root();
  for (const char* d : {"summary", "causes", "causes_ranking", "causes_doses", "causes_interactions"})
    EXPECT_TRUE(root.exists(d)) << d;
  EXPECT_EQ(root.stringAttribute("study"), "causes");
  EXPECT_NE(root.stringAttribute("causes_study_toml").find("poor_posture"), std::string::npos);
  EXPECT_DOUBLE_EQ(root.doubleAttribute("meaningful_change_percent"), 5.0);
  const std::vector<h5::TableColumn> summary = root.readTable("summary");
  EXPECT_EQ(column(summary, "scenario").strings,
            (std::vector<std::string>{"baseline", "poor_posture", "overstriding", "dose_poor_posture_50",
                                      "combo_poor_posture+overstriding"}));
  // Derived defaults appear as the values the runs used, not NaN.
  for (const char* key :
       {"gait.step_frequency_hz", "gait.stride_length_m", "gait.overstride_m", "subject.leg_length_m"})
    for (double x : column(summary, key).floats) EXPECT_TRUE(std::isfinite(x)) << key;
  EXPECT_EQ(column(root.readTable("causes_ranking"), "cause").strings,
            (std::vector<std::string>{"poor_posture", "overstriding"}));
  EXPECT_EQ(column(root.readTable("causes_doses"), "dose").floats,
            (std::vector<double>{0.0, 0.5, 1.0, 0.0, 1.0}));
  EXPECT_EQ(column(root.readTable("causes_interactions"), "causes").strings.size(),
            14u);  // 13 levels + trunk
  // The causes keep their time series (the report's heat map), the dose and combination do not.
  EXPECT_TRUE(root.exists("scenarios/poor_posture/levels/T7_T8/compression"));
  EXPECT_FALSE(root.exists("scenarios/dose_poor_posture_50/levels/T7_T8/compression"));
}

TEST_F(CausesCli, EachChangeIsTheSummarysOwnDifference) {
  ASSERT_EQ(status_, 0);
  const h5::File f = h5::File::openReadOnly(path("causes.h5"));
  const std::vector<h5::TableColumn> summary = f.root().readTable("summary");
  const std::vector<h5::TableColumn> causes = f.root().readTable("causes");
  const auto& level = column(causes, "level").strings;
  const auto& metric = column(causes, "metric").strings;
  const auto& cause = column(causes, "cause").strings;
  std::size_t checked = 0;
  for (std::size_t i = 0; i < level.size(); ++i) {
    if (cause[i] != "poor_posture" || metric[i] != "compression.peak") continue;
    const std::vector<double>& s = column(summary, level[i] + ".compression.peak").floats;
    const double expected = 100.0 * (s[1] - s[0]) / std::abs(s[0]);
    EXPECT_NEAR(column(causes, "change_percent").floats[i], expected, 1e-9 * std::abs(expected)) << level[i];
    const std::string verdict = column(causes, "verdict").strings[i];
    EXPECT_EQ(verdict, expected >= 5.0 ? "supported" : expected <= -5.0 ? "opposite" : "not supported");
    ++checked;
  }
  EXPECT_EQ(checked, 13u);
}

TEST_F(CausesCli, EveryOutcomeMetricIsASummaryColumn) {
  // A renamed summary metric would otherwise turn every row of its outcome into "no value".
  ASSERT_EQ(status_, 0);
  std::set<std::string> columns;
  for (const h5::TableColumn& c : h5::File::openReadOnly(path("causes.h5")).root().readTable("summary"))
    columns.insert(c.name);
  for (const CauseOutcome& o : causeOutcomes())
    for (const OutcomeMetric& m : o.metrics) {
      const std::vector<std::string> names = m.per_level ? causeLevels() : std::vector<std::string>{""};
      for (const std::string& level : names) {
        const std::string column = level.empty() ? m.metric : level + "." + m.metric;
        EXPECT_TRUE(columns.count(column)) << o.id << ": " << column;
      }
    }
}

// The columns docs/hdf5-schema.md lists for a causes table ("/causes_doses  (rows)  compound: a, b, ...",
// continued on the indented lines below it).
std::vector<std::string> documentedColumns(const std::string& table) {
  std::ifstream in(SPINELOAD_SOURCE_DIR "/docs/hdf5-schema.md");
  std::string line, text;
  bool inside = false;
  while (std::getline(in, line)) {
    if (inside && (line.empty() || line[0] != ' ')) break;
    if (!inside && line.rfind("/" + table + " ", 0) == 0) {
      inside = true;
      line = line.substr(line.find("compound:") + 9);
    }
    if (inside) text += line.substr(0, line.find('[')) + ",";
  }
  std::vector<std::string> out;
  std::stringstream items(text);
  for (std::string item; std::getline(items, item, ',');) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

TEST_F(CausesCli, TheTablesHoldTheDocumentedColumns) {
  ASSERT_EQ(status_, 0);
  const h5::File f = h5::File::openReadOnly(path("causes.h5"));
  for (const char* table : {"causes", "causes_ranking", "causes_doses", "causes_interactions"}) {
    std::vector<std::string> written;
    for (const h5::TableColumn& c : f.root().readTable(table)) written.push_back(c.name);
    EXPECT_EQ(written, documentedColumns(table)) << table << " (docs/hdf5-schema.md)";
  }
}

TEST_F(CausesCli, ExistingOutputAndBadStudyAreBadInputInOneLine) {
  ASSERT_EQ(status_, 0);
  std::string err;
  EXPECT_EQ(run("causes --study " + path("study.toml") + " -o " + path("causes.h5") + " --duration 3", &err),
            2);
  EXPECT_NE(err.find("--overwrite"), std::string::npos) << err;

  std::ofstream(dir_ / "bad.toml") << "meaningful_change = 3\n" << smallStudy();
  EXPECT_EQ(run("causes --study " + path("bad.toml") + " -o " + path("bad.h5"), &err), 2);
  EXPECT_NE(err.find("bad.toml:"), std::string::npos) << err;
  EXPECT_NE(err.find("did you mean 'meaningful_change_percent'?"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_FALSE(fs::exists(path("bad.h5")));

  EXPECT_EQ(run("causes --study " + path("study.toml") + " -o " + path("bad.h5") + " --duration 2", &err), 2);
  EXPECT_NE(err.find("allowed at least 3 s"), std::string::npos) << err;

  EXPECT_EQ(run("causes --study " + path("nothing.toml") + " -o " + path("bad.h5"), &err), 2);
  EXPECT_NE(err.find("nothing.toml"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(path("bad.h5")));
}

}  // namespace
}  // namespace spineload
