#include "engine/io/hdf5_file.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>
#include <unistd.h>

namespace spineload::h5 {
namespace {

namespace fs = std::filesystem;

// Each test works in its own directory under /tmp, removed afterwards.
class Hdf5File : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("spineload_hdf5_" + std::to_string(::getpid()) + "_" +
                                        info->test_suite_name() + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::vector<std::string> filesInDir() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename().string());
    return names;
  }

  fs::path dir_;
};
using Hdf5AtomicOutput = Hdf5File;

std::string errorMessage(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected h5::Error";
  return {};
}

std::string slurp(const std::string& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A miniature of the run output of DESIGN.md §5.
void writeSample(const std::string& file_path) {
  File file = File::create(file_path);
  Group root = file.root();
  root.setAttribute("version", "0.1.0");
  Group level = root.createGroup("scenarios/0/levels/T7_T8");
  level.writeVector("compression", std::vector<double>{1200.0, 1500.5, 2100.25}, {"N", "axial force", 4, 0});
  const double force[6] = {1, 2, 3, 4, 5, 6};  // 3 time steps × 2 muscles
  root.writeMatrix("scenarios/0/muscles/force", force, 3, 2, {"N", "muscle force", 4, 0});
  root.writeStrings("scenarios/0/muscles/names", {"multifidus_L4_l", "longissimus_thoracis_T8_r"}, {});
  file.close();
}

TEST_F(Hdf5File, RoundTripsVectorsMatricesAndStrings) {
  const std::vector<double> v = {0.0, -1.5, 3.141592653589793, 1e-300, 6.02e23};
  Eigen::VectorXd e(3);
  e << 1.0 / 3.0, 2.0, -7.25;
  const std::vector<double> m = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};  // 3 × 4, row-major
  const std::vector<std::string> s = {"multifidus_L4_l", "", "Längsmuskel γ"};
  {
    File file = File::create(path("a.h5"));
    Group g = file.root();
    g.writeVector("v", v, {"m", "a vector", 4, 0});
    g.writeVector("e", e, {"s", "from Eigen", 0, 0});
    g.writeVector("empty", std::vector<double>{}, {"N", "no samples", 4, 0});
    g.writeMatrix("m", m.data(), 3, 4, {"N*m", "a matrix", 9, 2});
    g.writeMatrix("empty_m", nullptr, 0, 4, {"N", "no rows", 4, 0});
    g.writeStrings("s", s, {});
    g.writeStrings("no_strings", {}, {});
  }
  File file = File::openReadOnly(path("a.h5"));
  const Group g = file.root();
  EXPECT_EQ(g.readVector("v"), v);
  const std::vector<double> e_back = g.readVector("e");
  ASSERT_EQ(e_back.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(e_back[i], e[i]);
  EXPECT_TRUE(g.readVector("empty").empty());
  std::size_t rows = 0, cols = 0;
  EXPECT_EQ(g.readMatrix("m", rows, cols), m);
  EXPECT_EQ(rows, 3u);
  EXPECT_EQ(cols, 4u);
  EXPECT_TRUE(g.readMatrix("empty_m", rows, cols).empty());
  EXPECT_EQ(rows, 0u);
  EXPECT_EQ(cols, 4u);
  EXPECT_EQ(g.readStrings("s"), s);
  EXPECT_TRUE(g.readStrings("no_strings").empty());
  // Rank and type mismatches are reported, not reinterpreted.
  EXPECT_NE(errorMessage([&] { g.readVector("m"); }).find("readMatrix"), std::string::npos);
  EXPECT_NE(errorMessage([&] { g.readVector("s"); }).find("not numeric"), std::string::npos);
}

TEST_F(Hdf5File, AttributesRoundTrip) {
  File file = File::create(path("attrs.h5"));
  Group g = file.root().createGroup("scenarios/0");
  g.setAttribute("scenario_toml", "[gait]\nspeed_m_s = 3.5  # “quoted” ✓\n");
  g.setAttribute("dt_s", 1e-4);
  g.setAttribute("seed", 1234567890123LL);
  g.setAttribute("threads", 8);                // int goes through the integer overload
  g.setAttribute("strides", std::size_t{12});  // so does size_t
  g.setAttribute("dt_s", 2e-4);                // replaces
  EXPECT_EQ(g.stringAttribute("scenario_toml"), "[gait]\nspeed_m_s = 3.5  # “quoted” ✓\n");
  EXPECT_EQ(g.doubleAttribute("dt_s"), 2e-4);
  EXPECT_EQ(g.doubleAttribute("seed"), 1234567890123.0);
  EXPECT_EQ(g.doubleAttribute("threads"), 8.0);
  EXPECT_EQ(g.doubleAttribute("strides"), 12.0);
  const std::string missing = errorMessage([&] { g.stringAttribute("nope"); });
  EXPECT_NE(missing.find(path("attrs.h5")), std::string::npos) << missing;
  EXPECT_NE(missing.find("/scenarios/0"), std::string::npos) << missing;
  EXPECT_NE(missing.find("'nope' not found"), std::string::npos) << missing;
  EXPECT_NE(errorMessage([&] { g.stringAttribute("dt_s"); }).find("not a string"), std::string::npos);
  EXPECT_NE(errorMessage([&] { g.doubleAttribute("scenario_toml"); }).find("not a number"),
            std::string::npos);
}

TEST_F(Hdf5File, DatasetsCarryUnitsAndDescription) {
  File file = File::create(path("units.h5"));
  Group g = file.root().createGroup("scenarios/0/levels/L5_S1");
  g.writeVector("idp", std::vector<double>{0.5, 0.6}, {"MPa", "intradiscal pressure", 4, 0});
  g.writeStrings("labels", {"a"}, {"", "labels of the columns", 4, 0});
  EXPECT_EQ(g.datasetStringAttribute("idp", "units"), "MPa");
  EXPECT_EQ(g.datasetStringAttribute("idp", "description"), "intradiscal pressure");
  EXPECT_EQ(g.datasetStringAttribute("labels", "description"), "labels of the columns");
  g.setDatasetAttribute("idp", "source", "Wilke 1999");
  EXPECT_EQ(g.datasetStringAttribute("idp", "source"), "Wilke 1999");
  const std::string msg = errorMessage([&] { g.datasetStringAttribute("height", "units"); });
  EXPECT_NE(msg.find("/scenarios/0/levels/L5_S1/height: dataset not found"), std::string::npos) << msg;
}

TEST_F(Hdf5File, NestedGroupsKeepCreationOrder) {
  File file = File::create(path("groups.h5"));
  Group root = file.root();
  Group t7 = root.createGroup("scenarios/0/levels/T7_T8");
  EXPECT_EQ(t7.name(), "/scenarios/0/levels/T7_T8");
  root.createGroup("scenarios/0/levels/C7_T1");
  root.createGroup("scenarios/0/levels/L5_S1");
  root.writeVector("scenarios/0/grf/vertical", std::vector<double>{700.0}, {"N", "vertical GRF", 4, 0});
  EXPECT_TRUE(root.exists("scenarios/0/levels/C7_T1"));
  EXPECT_TRUE(root.exists("scenarios/0/grf/vertical"));
  EXPECT_FALSE(root.exists("scenarios/1/levels"));
  EXPECT_FALSE(root.exists("scenarios/0/grf/vertical/x"));  // a dataset has no children
  const Group levels = root.openGroup("scenarios/0/levels");
  EXPECT_EQ(levels.children(), (std::vector<std::string>{"T7_T8", "C7_T1", "L5_S1"}));
  EXPECT_EQ(root.openGroup("scenarios/0").children(), (std::vector<std::string>{"levels", "grf"}));
  EXPECT_NE(errorMessage([&] { root.createGroup("scenarios/0/levels"); }).find("already exists"),
            std::string::npos);
  EXPECT_NE(errorMessage([&] { root.openGroup("scenarios/7"); }).find("/scenarios/7: group not found"),
            std::string::npos);
  EXPECT_NE(errorMessage([&] { root.createGroup("/abs"); }).find("relative path"), std::string::npos);
  EXPECT_NE(errorMessage([&] {
              root.writeVector("scenarios/0/grf/vertical", std::vector<double>{1.0}, {"N", "again", 4, 0});
            }).find("already exists"),
            std::string::npos);
  // After close(), groups of the file are closed too and say so.
  file.close();
  EXPECT_NE(errorMessage([&] { t7.children(); }).find("after its File was closed"), std::string::npos);
}

TEST_F(Hdf5File, LongSeriesAreChunkedAndCompressed) {
  std::vector<double> series(200000);
  for (std::size_t i = 0; i < series.size(); ++i)
    series[i] = std::round(1000.0 * std::sin(1e-3 * static_cast<double>(i)));  // 1 N steps
  {
    File file = File::create(path("big.h5"));
    file.root().writeVector("compression", series, {"N", "axial force", 4, 0});
    file.flush();
  }
  EXPECT_LT(fs::file_size(path("big.h5")), series.size() * sizeof(double) / 2);
  EXPECT_EQ(File::openReadOnly(path("big.h5")).root().readVector("compression"), series);
  // Inspect the layout with the C API: chunks of at most 64 KiB, shuffle then deflate.
  const hid_t f = H5Fopen(path("big.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  const hid_t ds = H5Dopen2(f, "compression", H5P_DEFAULT);
  ASSERT_GE(ds, 0);
  const hid_t dcpl = H5Dget_create_plist(ds);
  hsize_t chunk[1] = {0};
  EXPECT_EQ(H5Pget_layout(dcpl), H5D_CHUNKED);
  EXPECT_EQ(H5Pget_chunk(dcpl, 1, chunk), 1);
  EXPECT_GE(chunk[0], 1u);
  EXPECT_LE(chunk[0] * sizeof(double), 65536u);
  EXPECT_EQ(H5Pget_nfilters(dcpl), 2);
  H5Pclose(dcpl);
  H5Dclose(ds);
  H5Fclose(f);
}

TEST_F(Hdf5File, ErrorsNameTheFileAndWhatToDo) {
  std::ofstream(path("notes.h5")) << "this is text, not HDF5\n";
  const std::string text = errorMessage([&] { File::openReadOnly(path("notes.h5")); });
  EXPECT_NE(text.find(path("notes.h5")), std::string::npos) << text;
  EXPECT_NE(text.find("not an HDF5 file"), std::string::npos) << text;
  const std::string missing = errorMessage([&] { File::openReadOnly(path("missing.h5")); });
  EXPECT_NE(missing.find(path("missing.h5") + ": file not found"), std::string::npos) << missing;
  const std::string no_dir = errorMessage([&] { File::create(path("no/such/dir/x.h5")); });
  EXPECT_NE(no_dir.find("cannot create"), std::string::npos) << no_dir;
  writeSample(path("s.h5"));
  File file = File::openReadOnly(path("s.h5"));
  const std::string read_only = errorMessage([&] {
    file.root().writeVector("x", std::vector<double>{1.0}, {"N", "x", 4, 0});
  });
  EXPECT_NE(read_only.find(path("s.h5") + ": /x: cannot create dataset"), std::string::npos) << read_only;
  const std::string level = errorMessage([&] { file.root().readVector("scenarios/0/levels/T7_T8/shear"); });
  EXPECT_NE(level.find("/scenarios/0/levels/T7_T8/shear: dataset not found"), std::string::npos) << level;
  file.close();
  EXPECT_NE(errorMessage([&] { file.root(); }).find("file is closed"), std::string::npos);
}

TEST_F(Hdf5File, ReadableByH5dump) {
  if (!fs::exists("/usr/bin/h5dump")) GTEST_SKIP() << "/usr/bin/h5dump not installed";
  writeSample(path("s.h5"));
  const std::string cmd = "/usr/bin/h5dump -H " + path("s.h5") + " > " + path("dump.txt") + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << slurp(path("dump.txt"));
  const std::string dump = slurp(path("dump.txt"));
  EXPECT_NE(dump.find("DATASET \"compression\""), std::string::npos) << dump;
  EXPECT_NE(dump.find("ATTRIBUTE \"units\""), std::string::npos) << dump;
  EXPECT_NE(dump.find("CSET H5T_CSET_UTF8"), std::string::npos) << dump;
}

TEST_F(Hdf5File, ReadableByH5py) {
  if (!fs::exists("/usr/bin/python3") ||
      std::system("/usr/bin/python3 -c 'import h5py' > /dev/null 2>&1") != 0)
    GTEST_SKIP() << "/usr/bin/python3 with h5py not available";
  writeSample(path("s.h5"));
  std::ofstream(path("check.py")) << R"(import sys, h5py
f = h5py.File(sys.argv[1], "r")
d = f["scenarios/0/levels/T7_T8/compression"]
assert abs(d[1] - 1500.5) < 1e-12, d[()]
assert isinstance(d.attrs["units"], str) and d.attrs["units"] == "N", repr(d.attrs["units"])
assert isinstance(f.attrs["version"], str) and f.attrs["version"] == "0.1.0", repr(f.attrs["version"])
assert f["scenarios/0/muscles/force"].shape == (3, 2)
assert f["scenarios/0/muscles/force"][2, 1] == 6.0
assert list(f["scenarios/0/muscles/names"].asstr()) == ["multifidus_L4_l", "longissimus_thoracis_T8_r"]
)";
  const std::string cmd =
      "/usr/bin/python3 " + path("check.py") + " " + path("s.h5") + " > " + path("py.txt") + " 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << slurp(path("py.txt"));
}

std::vector<TableColumn> sampleTable() {
  using K = TableColumn::Kind;
  return {{"scenario", "-", "id", K::String, {}, {}, {"a", "b"}},
          {"z.first", "N", "last by name", K::Float, {1.5, -2.0}, {}, {}},
          {"sweep_index", "1", "index", K::Int, {}, {7, 8}, {}},
          {"a.last", "m", "first by name", K::Float, {3.25, std::nan("")}, {}, {}}};
}

void expectSameTable(const std::vector<TableColumn>& read, const std::vector<TableColumn>& written) {
  ASSERT_EQ(read.size(), written.size());
  for (std::size_t k = 0; k < read.size(); ++k) {
    EXPECT_EQ(read[k].name, written[k].name);
    EXPECT_EQ(read[k].units, written[k].units) << read[k].name;
    EXPECT_EQ(read[k].description, written[k].description) << read[k].name;
    EXPECT_EQ(read[k].kind, written[k].kind) << read[k].name;
    EXPECT_EQ(read[k].ints, written[k].ints) << read[k].name;
    EXPECT_EQ(read[k].strings, written[k].strings) << read[k].name;
    ASSERT_EQ(read[k].floats.size(), written[k].floats.size());
    for (std::size_t r = 0; r < read[k].floats.size(); ++r)
      EXPECT_TRUE(read[k].floats[r] == written[k].floats[r] ||
                  (std::isnan(read[k].floats[r]) && std::isnan(written[k].floats[r])));
  }
}

// Tables round-trip in their columns' order, whether stored in that order or in name order (a sweep's parts:
// the fields sorted, "column_order" restoring the order, units and descriptions following their fields).
TEST_F(Hdf5File, TablesRoundTripInEitherFieldOrder) {
  {
    File file = File::create(path("t.h5"));
    file.root().writeTable("plain", sampleTable());
    file.root().writeTableInNameOrder("by_name", sampleTable());
  }
  const File file = File::openReadOnly(path("t.h5"));
  expectSameTable(file.root().readTable("plain"), sampleTable());
  expectSameTable(file.root().readTable("by_name"), sampleTable());
  EXPECT_EQ(file.root().tableFieldNames("by_name"),
            (std::vector<std::string>{"a.last", "scenario", "sweep_index", "z.first"}));
  EXPECT_EQ(file.root().stringArrayAttribute("by_name", "units"),
            (std::vector<std::string>{"m", "-", "1", "N"}));
}

// A table written in blocks of rows (the sweep merge) reads back as the one written whole; a block past the
// end is refused.
TEST_F(Hdf5File, TablesWrittenInBlocksEqualTablesWrittenWhole) {
  const std::vector<TableColumn> whole = sampleTable();
  const auto rows = [&](std::size_t first, std::size_t n) {
    std::vector<TableColumn> block = whole;
    for (TableColumn& c : block) {
      if (!c.floats.empty()) c.floats = {c.floats.begin() + first, c.floats.begin() + first + n};
      if (!c.ints.empty()) c.ints = {c.ints.begin() + first, c.ints.begin() + first + n};
      if (!c.strings.empty()) c.strings = {c.strings.begin() + first, c.strings.begin() + first + n};
    }
    return block;
  };
  {
    File file = File::create(path("t.h5"));
    Group root = file.root();
    root.createTable("blocks", whole, 2);
    root.writeTableRows("blocks", 1, rows(1, 1));  // in any order
    root.writeTableRows("blocks", 0, rows(0, 1));
    EXPECT_NE(errorMessage([&] { root.writeTableRows("blocks", 2, rows(1, 1)); }).find("past its end"),
              std::string::npos);
  }
  const File file = File::openReadOnly(path("t.h5"));
  expectSameTable(file.root().readTable("blocks"), whole);
}

// A field readTable did not write (int32 here) is converted on reading rather than read in place.
TEST_F(Hdf5File, TablesWithOtherFieldTypesAreConverted) {
  {
    const hid_t file = H5Fcreate(path("t.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    struct Row {
      int count;
      double value;
    };
    const Row rows[2] = {{3, 0.5}, {-4, 1.5}};
    const hid_t type = H5Tcreate(H5T_COMPOUND, sizeof(Row));
    H5Tinsert(type, "count", HOFFSET(Row, count), H5T_NATIVE_INT);
    H5Tinsert(type, "value", HOFFSET(Row, value), H5T_NATIVE_DOUBLE);
    const hsize_t dims[1] = {2};
    const hid_t space = H5Screate_simple(1, dims, nullptr);
    const hid_t ds = H5Dcreate2(file, "t", type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows);
    H5Dclose(ds), H5Sclose(space), H5Tclose(type), H5Fclose(file);
  }
  const File file = File::openReadOnly(path("t.h5"));
  const std::vector<TableColumn> t = file.root().readTable("t");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].kind, TableColumn::Kind::Int);
  EXPECT_EQ(t[0].ints, (std::vector<long long>{3, -4}));
  EXPECT_EQ(t[1].floats, (std::vector<double>{0.5, 1.5}));
}

TEST_F(Hdf5AtomicOutput, RefusesAnExistingFileWithoutOverwrite) {
  std::ofstream(path("out.h5")) << "previous result\n";
  const std::string msg = errorMessage([&] { AtomicOutput out(path("out.h5"), false); });
  EXPECT_NE(msg.find(path("out.h5")), std::string::npos) << msg;
  EXPECT_NE(msg.find("--overwrite"), std::string::npos) << msg;
  EXPECT_EQ(slurp(path("out.h5")), "previous result\n");
  EXPECT_EQ(filesInDir().size(), 1u);

  AtomicOutput out(path("out.h5"), true);
  out.file().root().setAttribute("version", "0.1.0");
  out.commit();
  EXPECT_EQ(File::openReadOnly(path("out.h5")).root().stringAttribute("version"), "0.1.0");
}

TEST_F(Hdf5AtomicOutput, LeavesNoFileWhenARunFails) {
  try {
    AtomicOutput out(path("out.h5"), false);
    out.file().root().writeVector("time", std::vector<double>{0.0, 0.001}, {"s", "time", 4, 0});
    EXPECT_TRUE(fs::exists(out.tempPath()));
    throw std::runtime_error("simulation diverged");
  } catch (const std::runtime_error&) {
  }
  EXPECT_TRUE(filesInDir().empty());
}

TEST_F(Hdf5AtomicOutput, CommitLeavesOnlyTheFinalFile) {
  {
    AtomicOutput out(path("out.h5"), false);
    Group level = out.file().root().createGroup("scenarios/0/levels/T7_T8");
    level.writeVector("compression", std::vector<double>{1.0, 2.0}, {"N", "axial force", 4, 0});
    EXPECT_FALSE(fs::exists(path("out.h5")));
    out.commit();  // `level` is still open: the strong close releases it with the file
    EXPECT_NE(errorMessage([&] { out.commit(); }).find("twice"), std::string::npos);
  }
  EXPECT_EQ(filesInDir(), std::vector<std::string>{"out.h5"});
  EXPECT_EQ(File::openReadOnly(path("out.h5")).root().readVector("scenarios/0/levels/T7_T8/compression"),
            (std::vector<double>{1.0, 2.0}));
}

TEST_F(Hdf5AtomicOutput, RefusesAMissingDirectory) {
  const std::string msg = errorMessage([&] { AtomicOutput out(path("nope/out.h5"), true); });
  EXPECT_NE(msg.find("does not exist"), std::string::npos) << msg;
  EXPECT_TRUE(filesInDir().empty());
}

}  // namespace
}  // namespace spineload::h5
