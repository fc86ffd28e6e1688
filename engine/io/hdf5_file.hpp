// A small RAII layer over the HDF5 C API: files, groups, attributes and compressed datasets, laid out as
// DESIGN.md §5 asks and readable by h5py and h5dump.
//
// Ownership: every hid_t lives in a move-only handle that closes it with its own H5*close. A File is opened
// with the strong close degree, so File::close() also closes every Group still open in it; such a Group then
// throws Error on use (and its destructor does nothing).
// Strings (attributes and string datasets) are variable-length UTF-8, which h5py reads as Python str (fixed-
// length strings read as bytes). Numbers are written as float64 / int64. Objects are written without
// modification times, so two runs with the same inputs give the same bytes.
// Errors: every failure throws h5::Error with "<file>: <object>: <what went wrong>". HDF5's automatic
// error-stack printing is turned off once, process-wide, the first time a file is created or opened.
// Thread-safety: the Debian HDF5 is the serial, non-thread-safe build. Make every call, destructors
// included, from one thread (the writer thread); simulations hand their results to it.
#pragma once

#include <concepts>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <hdf5.h>
#include <Eigen/Core>

namespace spineload::h5 {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Move-only owner of one hid_t; closes it with `close` unless HDF5 has already closed it.
class Handle {
 public:
  using CloseFn = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, CloseFn close) : id_(id), close_(close) {}
  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  /// Closes the id now; returns false if HDF5 reported an error while closing.
  bool reset() noexcept;

 private:
  hid_t id_ = H5I_INVALID_HID;
  CloseFn close_ = nullptr;
};

/// How a numeric dataset is stored and described. `units` and `description` become string attributes.
struct DatasetInfo {
  std::string units;           ///< SI unit as text, e.g. "N", "N m", "MPa", "m/s^2"; "1" for dimensionless
  std::string description;     ///< one sentence a reader of the file understands without the code
  int deflate_level = 4;       ///< 0 (no compression) … 9; gzip with the shuffle filter
  std::size_t chunk_rows = 0;  ///< rows per chunk; 0 = automatic (chunks of at most 64 KiB)
};

/// One column of a table (a compound dataset): float64, int64 or variable-length UTF-8 text; fill the vector
/// matching `kind`, one entry per row.
struct TableColumn {
  enum class Kind { Float, Int, String };
  std::string name, units, description;
  Kind kind = Kind::Float;
  std::vector<double> floats;
  std::vector<long long> ints;
  std::vector<std::string> strings;
  std::size_t rows() const;
};

/// A path below a group and whether it names a dataset (else a group).
struct ObjectPath {
  std::string path;
  bool is_dataset = false;
};

class Group {
 public:
  /// Creates `name` (a relative path such as "scenarios/0/levels/T7_T8"), with any missing intermediate
  /// groups. Throws if the last component already exists.
  Group createGroup(const std::string& name);
  Group openGroup(const std::string& name) const;
  /// True if every component of the relative path `name` exists (as a group or a dataset).
  bool exists(const std::string& name) const;
  /// Names of the links in this group, in creation order for groups made here, else in name order.
  std::vector<std::string> children() const;

  // Attributes of this group; setting an existing attribute replaces it.
  void setAttribute(const std::string& name, const std::string& value);
  void setAttribute(const std::string& name, const char* value) { setAttribute(name, std::string(value)); }
  void setAttribute(const std::string& name, double value);
  /// A 1-D array of strings (e.g. the included scenario files and their texts).
  void setStringArrayAttribute(const std::string& name, const std::vector<std::string>& values);
  void setAttribute(const std::string& name, long long value);
  /// Any other integer type (int, std::size_t, …) is stored as int64.
  template <std::integral T>
  void setAttribute(const std::string& name, T value) {
    setAttribute(name, static_cast<long long>(value));
  }
  std::string stringAttribute(const std::string& name) const;
  /// Reads a numeric (float or integer) scalar attribute as double.
  double doubleAttribute(const std::string& name) const;

  // Datasets; `name` may be a relative path, its missing intermediate groups are created. Writing a name that
  // already exists throws. Vectors are 1-D (n), matrices 2-D (rows × cols, row-major, time along rows).
  void writeVector(const std::string& name, const double* data, std::size_t n, const DatasetInfo& info);
  void writeVector(const std::string& name, const std::vector<double>& data, const DatasetInfo& info) {
    writeVector(name, data.data(), data.size(), info);
  }
  void writeVector(const std::string& name, const Eigen::VectorXd& data, const DatasetInfo& info) {
    writeVector(name, data.data(), static_cast<std::size_t>(data.size()), info);
  }
  void writeMatrix(const std::string& name, const double* row_major, std::size_t rows, std::size_t cols,
                   const DatasetInfo& info);
  /// A 1-D dataset of variable-length UTF-8 strings, not compressed; `units` and `description` are written
  /// when not empty. Strings must not contain '\0'.
  void writeStrings(const std::string& name, const std::vector<std::string>& values, const DatasetInfo& info);

  std::vector<double> readVector(const std::string& name) const;
  /// Returns the row-major values of a 2-D dataset and sets rows and cols.
  std::vector<double> readMatrix(const std::string& name, std::size_t& rows, std::size_t& cols) const;
  std::vector<std::string> readStrings(const std::string& name) const;

  /// A 1-D compound dataset, one field per column and one element per row (pandas reads it in one call:
  /// DataFrame(h5py.File(f)[name][()])), chunked and compressed; the columns' units and descriptions become
  /// the string-array attributes "units" and "descriptions", parallel to the fields. Every column must have
  /// the same number of rows and a distinct, non-empty name.
  void writeTable(const std::string& name, const std::vector<TableColumn>& columns);
  /// The same table with its fields stored in name order (units and descriptions parallel to that order) and
  /// the columns' own order in the string-array attribute "column_order", which readTable restores. For the
  /// files one process writes and reads by the thousand (a sweep's parts): HDF5 compares two compound types
  /// by bubble-sorting their fields by name on every conversion-path lookup, O(fields²) string comparisons
  /// for a table of ~1100 columns in a logical order (about 25 ms per read or write), O(fields) in name
  /// order.
  void writeTableInNameOrder(const std::string& name, const std::vector<TableColumn>& columns);
  /// A table of `rows` rows with the columns' names, kinds, units and descriptions (their data ignored),
  /// filled by writeTableRows: for a table not held whole in memory (a sweep's merged /summary). Same layout
  /// as writeTable's.
  void createTable(const std::string& name, const std::vector<TableColumn>& schema, std::size_t rows);
  /// Rows [first_row, first_row + n) of a table from createTable: `columns` as its schema, n rows each. The
  /// fields are matched by name.
  void writeTableRows(const std::string& name, std::size_t first_row,
                      const std::vector<TableColumn>& columns);
  /// The field names of a compound dataset, in order.
  std::vector<std::string> tableFieldNames(const std::string& name) const;
  /// Reads a table written by writeTable (float64, int64 and string fields; other numeric fields as
  /// float64), with its units and descriptions when present, in the order of its "column_order" attribute
  /// when it has one (writeTableInNameOrder).
  std::vector<TableColumn> readTable(const std::string& name) const;

  /// Copies the group or dataset `source_name` of `source` (any open file) to `name` here, with everything
  /// below it and its attributes, byte for byte in value.
  void copyFrom(const Group& source, const std::string& source_name, const std::string& name);

  /// Every group and dataset below this one (relative paths, depth first in name order).
  std::vector<ObjectPath> descendants() const;
  /// The attribute names of the object at the relative path `name` ("" or "." for this group).
  std::vector<std::string> attributeNames(const std::string& name) const;
  /// A string-array attribute of the object at the relative path `name`.
  std::vector<std::string> stringArrayAttribute(const std::string& name, const std::string& attr) const;

  void setDatasetAttribute(const std::string& dataset, const std::string& attr, const std::string& value);
  std::string datasetStringAttribute(const std::string& dataset, const std::string& attr) const;

  /// Absolute path of this group inside the file, e.g. "/scenarios/0".
  const std::string& name() const { return name_; }
  const std::string& filePath() const { return file_path_; }

 private:
  friend class File;
  Group(Handle handle, std::string file_path, std::string name)
      : handle_(std::move(handle)), file_path_(std::move(file_path)), name_(std::move(name)) {}
  std::string childPath(const std::string& name) const;
  Group requireParent(const std::string& name, std::string& leaf);
  Handle openDataset(const std::string& name) const;
  /// writeTable, returning the dataset still open (for attributes of its own).
  Handle writeTableDataset(const std::string& name, const std::vector<TableColumn>& columns);
  /// The table's dataset with `rows` rows of row type `type`, its units and descriptions (no data yet).
  Handle createTableDataset(const std::string& name, const std::vector<std::string>& units,
                            const std::vector<std::string>& descriptions, std::size_t rows, hid_t type);
  hid_t id() const;
  void writeNumeric(const std::string& name, const double* data, int rank, const hsize_t* dims,
                    const DatasetInfo& info);

  Handle handle_;
  std::string file_path_;
  std::string name_;
};

class File {
 public:
  /// Creates (or truncates) an HDF5 file.
  static File create(const std::string& path);
  /// Opens an existing HDF5 file for reading; a missing or non-HDF5 file throws a clear Error.
  static File openReadOnly(const std::string& path);
  /// Opens an existing HDF5 file to add to it (e.g. a sweep resumed with --resume).
  static File openReadWrite(const std::string& path);

  Group root() const;
  /// Writes buffered data to disk; the file stays open.
  void flush();
  /// Closes the file and every object still open in it; further use throws. Idempotent.
  void close();
  bool isOpen() const { return handle_.valid(); }
  const std::string& path() const { return path_; }

 private:
  File(Handle handle, std::string path) : handle_(std::move(handle)), path_(std::move(path)) {}
  static File open(const std::string& path, unsigned flags);

  Handle handle_;
  std::string path_;
};

/// Writes a file so that `final_path` holds either nothing new or a complete file: the data goes to the
/// sibling `<final_path>.tmp-<pid>`, and commit() renames it over `final_path` (atomic on POSIX). If commit()
/// is never reached (an exception, a failed run), the destructor removes the temporary file.
class AtomicOutput {
 public:
  /// Throws if `final_path` exists and !overwrite, or if its directory is missing or not writable.
  AtomicOutput(const std::string& final_path, bool overwrite);
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput();

  File& file() { return file_; }
  const std::string& tempPath() const { return temp_path_; }
  /// Closes the file and moves it to `final_path`. Call once.
  void commit();

 private:
  std::string final_path_;
  std::string temp_path_;
  bool overwrite_;
  bool committed_ = false;
  File file_;
};

}  // namespace spineload::h5
