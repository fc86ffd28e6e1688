// OpenSim storage (.sto) files, version 1: the tables OpenSim's viewers and plotter open (docs/export.md).
//
//   <name>                       the table's name
//   version=1
//   nRows=<rows>
//   nColumns=<data columns + 1>  time included
//   inDegrees=no                 angles are in radians
//   DataType=double
//   <comment lines>
//   endheader
//   time<TAB><label 1><TAB>…
//   <t><TAB><value>…             one line per row
//
// The first five lines are what OpenSim's Storage::writeHeader writes (OpenSim/Common/Storage.cpp).
// DataType=double is what OpenSim 4's STOFileAdapter writes and reads the column type from: its first
// versions refuse a file without it (STODataTypeNotFound), later ones assume double; Storage ignores it.
// Numbers are the shortest text that reads back to the same double (std::to_chars), so a round trip is exact;
// OpenSim writes 16 digits, which is not. Non-finite values are written as OpenSim 4 writes them (nan, inf,
// -inf); std::stod reads them, Storage does not.
//
// Two readers must agree on the header, so the writer refuses what one of them would misread:
// - Storage (the GUI's reader: its plotter and Load Motion open files with it) splits each header line at
//   the first of " \t=" and acts on the keys name, nr, nRows, datarows, nc, nColumns, datacolumns, units,
//   version, inDegrees, Angles and endheader; it splits column labels at spaces and tabs, and reads exactly
//   nRows rows.
// - STOFileAdapter (OpenSim 4 API, DelimFileAdapter.h) takes any header line holding '=' as key=value
//   metadata, stops with an error at a header line that looks like numbers, and splits columns at tabs only.
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace spineload {

class StoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoTable {
  std::string name;                   ///< first line; no '=', line break or reserved first word
  std::vector<std::string> labels;    ///< data columns (time excluded): unique, no whitespace, not "time"
  std::vector<double> time;           ///< s; finite, strictly increasing, at least one row
  std::vector<double> values;         ///< row-major, time.size() × labels.size()
  std::vector<std::string> comments;  ///< header lines before endheader (e.g. units); rules of `name`
};

/// Throws StoError naming the first thing OpenSim would misread or refuse (see the header comment).
void validateSto(const StoTable& table);

/// Writes `table` as a .sto file's text; validates first, so nothing is written when it throws.
void writeSto(std::ostream& out, const StoTable& table);

struct StoFile {
  std::string path;
  StoTable table;
};

/// Writes each table to `<path>.tmp-<pid>` and renames the temporaries over their paths once all are
/// written, so a failure leaves no file half written and (before the renames) none of the set. Throws
/// StoError if a table is invalid, a directory is missing, or a path exists and !overwrite (nothing written
/// then).
void writeStoFiles(const std::vector<StoFile>& files, bool overwrite);
inline void writeStoFile(const std::string& path, const StoTable& table, bool overwrite) {
  writeStoFiles({{path, table}}, overwrite);
}

}  // namespace spineload
