// The results writer and the /summary table: decimated time series, the steady window's attributes, and a
// table whose rows must agree.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "engine/io/results_writer.hpp"
#include "engine/io/summary_table.hpp"

namespace spineload {
namespace {

namespace fs = std::filesystem;

ScenarioSpec spec(const std::string& toml) {
  ScenarioSpec s = toScenarioSpec(parseScenarioText(toml, "writer.toml", loadParameterTable()));
  s.name = "writer";
  return s;
}

// A standing run of n samples whose compression at sample i is i (so decimation is visible in the values).
RunResult ramp(std::size_t n) {
  RunResult r;
  r.scenario_id = "writer";
  LevelSeries l;
  l.level = "T7_T8";
  for (std::size_t i = 0; i < n; ++i) {
    r.time_s.push_back(0.002 * static_cast<double>(i));
    for (auto* v : {&l.compression_n, &l.shear_ap_n, &l.shear_ml_n, &l.moment_fe_nm, &l.moment_lb_nm,
                    &l.moment_ax_nm, &l.idp_mpa, &l.disc_height_m})
      v->push_back(static_cast<double>(i));
    r.stature_change_m.push_back(0.0);
    for (auto* v : {&r.pelvis_position_m, &r.pelvis_velocity_m_s, &r.pelvis_acceleration_m_s2})
      v->insert(v->end(), {1.0 * i, 2.0 * i, 3.0 * i});
  }
  r.levels.push_back(l);
  return r;
}

std::string temp(const std::string& name) {
  return (fs::temp_directory_path() / (name + std::to_string(::getpid()) + ".h5")).string();
}

TEST(ResultsWriter, DecimationWritesEveryKthSampleAndTheSummaryUsesAll) {
  const ScenarioSpec s = spec("[gait]\nmode = \"standing\"\n[output]\ndecimate = 3\n");
  const RunResult r = ramp(10);
  const ScenarioSummary summary = summarizeRun(s, r, readTissueFatigue());
  const std::string file = temp("writer_decimate");
  {
    h5::File f = h5::File::create(file);
    h5::Group root = f.root();
    writeRunResult(root, s, r, summary);
  }
  const h5::File f = h5::File::openReadOnly(file);
  const h5::Group g = f.root().openGroup("scenarios/writer");
  EXPECT_EQ(g.readVector("levels/T7_T8/compression"), (std::vector<double>{0, 3, 6, 9}));
  EXPECT_EQ(g.readVector("time"), (std::vector<double>{r.time_s[0], r.time_s[3], r.time_s[6], r.time_s[9]}));
  std::size_t rows = 0, cols = 0;
  EXPECT_EQ(g.readMatrix("pelvis/position", rows, cols),
            (std::vector<double>{0, 0, 0, 3, 6, 9, 6, 12, 18, 9, 18, 27}));
  EXPECT_EQ(g.doubleAttribute("output_decimation"), 3.0);
  // Standing: the window is the second half (samples 5-9), so the mean compression is 7 and the peak 9.
  EXPECT_EQ(g.doubleAttribute("window_start_s"), r.time_s[5]);
  for (const SummaryField& field : summary.metrics) {
    if (field.name == "T7_T8.compression.mean") {
      EXPECT_DOUBLE_EQ(std::get<double>(field.value), 7.0);
    }
    if (field.name == "T7_T8.compression.peak") {
      EXPECT_DOUBLE_EQ(std::get<double>(field.value), 9.0);
    }
  }
  fs::remove(file);
}

TEST(SummaryTable, RowsHoldEveryParameterThenTheMetrics) {
  const ScenarioSpec s = spec("[gait]\nmode = \"standing\"\n");
  const SummaryRow row = summaryRow(s, "ok", {{"x.metric", "N", "a metric", 1.5}});
  ASSERT_GE(row.size(), loadParameterTable().size());
  EXPECT_EQ(row[0].name, "scenario");
  EXPECT_EQ(std::get<std::string>(row[0].value), "writer");
  EXPECT_EQ(row[1].name, "status");
  EXPECT_EQ(row.back().name, "x.metric");
  bool found = false;
  for (const SummaryField& f : row)
    if (f.name == "gait.mode") found = std::get<std::string>(f.value) == "standing";
  EXPECT_TRUE(found);
}

TEST(SummaryTable, RowsWithDifferentFieldsMakeTheirUnion) {
  // A failed scenario's row has no metrics: its columns are NaN, -1 or "".
  const SummaryRow a = {
      {"scenario", "-", "id", std::string("a")}, {"x", "N", "x", 1.0}, {"n", "1", "n", 2LL}};
  const SummaryRow b = {{"scenario", "-", "id", std::string("b")}, {"y", "-", "y", std::string("t")}};
  const std::vector<h5::TableColumn> c = summaryColumns({a, b});
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].strings, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(c[1].floats[0], 1.0);
  EXPECT_TRUE(std::isnan(c[1].floats[1]));
  EXPECT_EQ(c[2].ints, (std::vector<long long>{2, -1}));
  EXPECT_EQ(c[3].strings, (std::vector<std::string>{"", "t"}));
  SummaryRow d = a;
  d[1].value = 2LL;  // same name, another type
  EXPECT_THROW(summaryColumns({a, d}), std::invalid_argument);
  SummaryRow e = a;
  e.push_back(a[1]);  // a field twice in one row
  EXPECT_THROW(summaryColumns({e}), std::invalid_argument);
}

TEST(SummaryTable, ReadsBackWhatItWrote) {
  const SummaryRow a = {
      {"scenario", "-", "id", std::string("a")}, {"n", "1", "count", 3LL}, {"x", "N", "x", 1.5}};
  SummaryRow b = a;
  b[0].value = std::string("b");
  b[2].value = std::numeric_limits<double>::quiet_NaN();
  const std::string file = temp("summary_read");
  {
    h5::File f = h5::File::create(file);
    h5::Group root = f.root();
    writeSummaryTable(root, {a, b});
  }
  const std::vector<h5::TableColumn> c = h5::File::openReadOnly(file).root().readTable("summary");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].strings, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(c[1].ints, (std::vector<long long>{3, 3}));
  EXPECT_EQ(c[2].floats[0], 1.5);
  EXPECT_TRUE(std::isnan(c[2].floats[1]));
  EXPECT_EQ(c[2].units, "N");
  EXPECT_EQ(c[1].description, "count");
  fs::remove(file);
}

TEST(SummaryTable, WritesOneFieldPerColumnWithUnits) {
  const SummaryRow a = {
      {"scenario", "-", "id", std::string("a")}, {"n", "1", "count", 3LL}, {"x", "N", "x", 1.0}};
  const std::string file = temp("summary_table");
  {
    h5::File f = h5::File::create(file);
    h5::Group root = f.root();
    writeSummaryTable(root, {a, a});
  }
  const h5::File f = h5::File::openReadOnly(file);
  EXPECT_EQ(f.root().tableFieldNames("summary"), (std::vector<std::string>{"scenario", "n", "x"}));
  EXPECT_EQ(f.root().stringArrayAttribute("summary", "units"), (std::vector<std::string>{"-", "1", "N"}));
  fs::remove(file);
}

}  // namespace
}  // namespace spineload
