// Typed access to the parameter tables in engine/data, with every number checked against its column's
// unit and range when it is read. A data file holds two kinds of tables:
//
//   [<table>.columns]                         # one entry per column: unit, range, description, source
//   mass_fraction = { unit = "1", range = [0.001, 0.2], description = "...", source = "Pearsall 1996" }
//   [[<table>.rows]]                          # one entry per row: a name, its values, optionally a source
//   name = "T1"
//   mass_fraction = 0.012
//
//   [<constants>]                             # named scalars, each with its own unit, range and source
//   stature_m = { value = 1.741, unit = "m", range = [1.5, 2.0], source = "de Leva 1996" }
//
// Units are plain strings ("m", "kg", "1" for dimensionless, "N m/rad"); the engine converts nothing: the
// tables are SI (angles in degrees only where the column's unit says "deg", converted by the reader's user).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace spineload {

struct DataColumn {
  std::string name, unit, description, source;
  double min = 0.0, max = 0.0;
};

struct DataRow {
  std::string name;
  std::map<std::string, double> values;
  std::string source;  ///< the row's own source note, if any
  int line = 0;        ///< line in the data file
};

struct DataTable {
  std::string file, name;
  std::vector<DataColumn> columns;
  std::vector<DataRow> rows;

  const DataRow& row(const std::string& row_name) const;  ///< throws naming file and table
  double value(const std::string& row_name, const std::string& column) const;
  const DataColumn& column(const std::string& column_name) const;
};

struct DataConstant {
  std::string name, unit, description, source;
  double value = 0.0, min = 0.0, max = 0.0;
};

/// Reads `[<table>.columns]` and `[[<table>.rows]]` from an embedded data file. Throws std::runtime_error
/// "file:line: table.row.column: what is wrong" for a value out of range, a column without unit, range or
/// source, a value without a column, or a missing value.
DataTable readDataTable(std::string_view file, const std::string& table);
/// The same from TOML text (`file` names it in messages): for tests and user-supplied tables.
DataTable readDataTableText(std::string_view text, std::string_view file, const std::string& table);

/// Reads every `{ value, unit, range, source }` entry of `[<table>]`.
std::map<std::string, DataConstant> readDataConstants(std::string_view file, const std::string& table);
std::map<std::string, DataConstant> readDataConstantsText(std::string_view text, std::string_view file,
                                                          const std::string& table);
/// One constant's value, throwing "file: table.name: missing" when absent.
double constantValue(const std::map<std::string, DataConstant>& constants, const std::string& name);

/// The names of the column tables and constant tables in a data file (for the table-wide tests).
std::vector<std::string> dataTableNames(std::string_view file);
std::vector<std::string> dataConstantTableNames(std::string_view file);

}  // namespace spineload
