// Every data table of engine/data: each column has a unit, a range and a source, every value is finite and
// within its column's range, every constant likewise; and the reader refuses what breaks those rules.
#include <gtest/gtest.h>

#include <set>

#include "engine/data/data_table.hpp"
#include "engine/data/embedded_data.hpp"

namespace spineload {
namespace {

// The unit strings the engine's tables may use: SI (angles in degrees where a column says so), written as
// the HDF5 attributes write them.
bool knownUnit(const std::string& u) {
  static const std::set<std::string> units = {"1",   "m",     "m2",      "kg",        "deg", "N",    "N m",
                                              "N/m", "N s/m", "N m/rad", "N m s/rad", "MPa", "Hz",   "h",
                                              "s",   "m/s",   "N/m/kg",  "1/min",     "Pa",  "degC", "1/s"};
  return units.count(u) > 0;
}

TEST(DataTable, EveryEmbeddedTableAndConstantIsReadAndInRange) {
  int tables = 0, values = 0, constants = 0;
  for (const EmbeddedFile& f : embeddedDataFiles()) {
    for (const std::string& name : dataTableNames(f.name)) {
      const DataTable t =
          readDataTable(f.name, name);  // throws on a value out of range or a column unsourced
      for (const DataColumn& c : t.columns) {
        EXPECT_TRUE(knownUnit(c.unit)) << f.name << " " << name << "." << c.name << ": '" << c.unit << "'";
        EXPECT_FALSE(c.source.empty()) << f.name << " " << name << "." << c.name;
      }
      for (const DataRow& r : t.rows) values += static_cast<int>(r.values.size());
      ++tables;
    }
    for (const std::string& name : dataConstantTableNames(f.name)) {
      for (const auto& [key, c] : readDataConstants(f.name, name)) {
        EXPECT_GE(c.value, c.min) << f.name << " " << name << "." << key;
        EXPECT_LE(c.value, c.max) << f.name << " " << name << "." << key;
        EXPECT_FALSE(c.source.empty());
        EXPECT_TRUE(knownUnit(c.unit)) << f.name << " " << name << "." << key << ": '" << c.unit << "'";
        ++constants;
      }
    }
  }
  EXPECT_GE(tables, 4);
  EXPECT_GE(values, 300);
  EXPECT_GE(constants, 20);
}

std::string errorOf(const std::string& text) {
  try {
    readDataTableText(text, "t.toml", "seg");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(DataTable, RefusesOutOfRangeUnsourcedAndUnknownValues) {
  const std::string columns =
      "[seg.columns]\nmass = { unit = \"kg\", range = [0.0, 2.0], description = \"m\", source = \"s\" }\n";
  EXPECT_EQ(errorOf(columns + "[[seg.rows]]\nname = \"a\"\nmass = 1.0\n"), "");
  EXPECT_EQ(errorOf(columns + "[[seg.rows]]\nname = \"a\"\nmass = 3.0\n"),
            "t.toml:5: seg.a.mass: 3 kg is outside [0, 2]");
  EXPECT_EQ(errorOf(columns + "[[seg.rows]]\nname = \"a\"\nmas = 1.0\n"),
            "t.toml:5: seg.a.mas: no such column in [seg.columns]");
  EXPECT_EQ(errorOf(columns + "[[seg.rows]]\nname = \"a\"\n"), "t.toml:3: seg.a: missing mass");
  EXPECT_NE(errorOf("[seg.columns]\nmass = { unit = \"kg\", range = [0.0, 2.0], description = \"m\" }\n"
                    "[[seg.rows]]\nname = \"a\"\nmass = 1.0\n")
                .find("seg.columns.mass: needs a source"),
            std::string::npos);
  EXPECT_NE(errorOf(columns + "[[seg.rows]]\nname = \"a\"\nmass = nan\n").find("must be a finite number"),
            std::string::npos);
}

TEST(DataTable, ConstantsCarryValueUnitRangeSource) {
  const auto c = readDataConstantsText(
      "[k]\nx = { value = 2.0, unit = \"m\", range = [1.0, 3.0], source = \"s\" }\n", "c.toml", "k");
  EXPECT_DOUBLE_EQ(constantValue(c, "x"), 2.0);
  EXPECT_THROW(constantValue(c, "y"), std::runtime_error);
  EXPECT_THROW(
      readDataConstantsText("[k]\nx = { value = 5.0, unit = \"m\", range = [1.0, 3.0], source = \"s\" }\n",
                            "c.toml", "k"),
      std::runtime_error);
}

}  // namespace
}  // namespace spineload
