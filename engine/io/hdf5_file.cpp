#include "engine/io/hdf5_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string_view>
#include <system_error>

#include <fcntl.h>  // open, AT_FDCWD, renameat2 / RENAME_NOREPLACE (glibc, _GNU_SOURCE)
#include <unistd.h>

namespace spineload::h5 {
namespace {

namespace fs = std::filesystem;

// Chunks of at most 64 KiB (8192 doubles): small enough that reading one level's time series touches little
// more than it needs, large enough that gzip has material and the chunk index stays small.
constexpr hsize_t kChunkElements = 65536 / sizeof(double);

// Where an error happened, for messages of the form "<file>: <object>: <what>".
struct Where {
  const std::string& file;
  std::string object;
};

// The most specific message on HDF5's error stack (e.g. "errno = 2, error message = 'No such file…'").
std::string hdf5Detail() {
  std::string detail;
  auto take_innermost = [](unsigned n, const H5E_error2_t* err, void* out) -> herr_t {
    if (n == 0 && err->desc != nullptr) *static_cast<std::string*>(out) = err->desc;
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, take_innermost, &detail);
  return detail.empty() ? detail : " (HDF5: " + detail + ")";
}

[[noreturn]] void fail(const Where& w, const std::string& what, bool with_hdf5_detail = false) {
  std::string msg = w.file + (w.object.empty() ? "" : ": " + w.object) + ": " + what;
  throw Error(with_hdf5_detail ? msg + hdf5Detail() : msg);
}

// Wraps a new id, or throws with HDF5's own reason when the call that made it failed.
Handle own(hid_t id, Handle::CloseFn close, const Where& w, const std::string& what) {
  if (id < 0) fail(w, what, true);
  return Handle(id, close);
}

void check(herr_t status, const Where& w, const std::string& what) {
  if (status < 0) fail(w, what, true);
}

// We report errors ourselves; HDF5 would otherwise print its whole stack to stderr for every failed call,
// including expected ones such as probing a missing attribute. Once per thread: a thread-safe HDF5 keeps
// the setting per thread, and a sweep opens files from its OpenMP workers and then from the main thread.
void silenceHdf5ErrorPrinting() {
  thread_local const bool silenced = [] { return H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr) >= 0; }();
  (void)silenced;
}

std::vector<std::string> splitPath(const std::string& path, const Where& w) {
  if (path.empty() || path.front() == '/' || path.back() == '/' || path.find("//") != std::string::npos)
    fail(w, "bad name '" + path + "': expected a relative path such as \"scenarios/0/time\"");
  std::vector<std::string> parts;
  for (std::size_t start = 0, end = 0; end != std::string::npos; start = end + 1) {
    end = path.find('/', start);
    parts.push_back(path.substr(start, end == std::string::npos ? end : end - start));
  }
  return parts;
}

// Variable-length UTF-8: what h5py reads as str (fixed-length strings come back as bytes).
Handle utf8StringType(const Where& w) {
  Handle type = own(H5Tcopy(H5T_C_S1), H5Tclose, w, "cannot make a string type");
  check(H5Tset_size(type.get(), H5T_VARIABLE), w, "cannot make a string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), w, "cannot make a string type");
  return type;
}

// Creation properties shared by groups and datasets: no modification times, so equal runs give equal bytes.
Handle creationProps(hid_t cls, const Where& w) {
  Handle props = own(H5Pcreate(cls), H5Pclose, w, "cannot make creation properties");
  check(H5Pset_obj_track_times(props.get(), 0), w, "cannot disable time tracking");
  if (cls != H5P_DATASET_CREATE)  // children() lists groups in the order they were made
    check(H5Pset_link_creation_order(props.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), w,
          "cannot track creation order");
  return props;
}

void writeAttribute(hid_t obj, const Where& w, const std::string& attr, hid_t file_type, hid_t mem_type,
                    const void* value) {
  const std::string what = "attribute '" + attr + "'";
  if (H5Aexists(obj, attr.c_str()) > 0) check(H5Adelete(obj, attr.c_str()), w, what + ": cannot replace it");
  Handle space = own(H5Screate(H5S_SCALAR), H5Sclose, w, what + ": cannot make its dataspace");
  Handle a = own(H5Acreate2(obj, attr.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose, w,
                 what + ": cannot create it");
  check(H5Awrite(a.get(), mem_type, value), w, what + ": cannot write it");
}

void writeStringAttribute(hid_t obj, const Where& w, const std::string& attr, const std::string& value) {
  Handle type = utf8StringType(w);
  const char* c_str = value.c_str();
  writeAttribute(obj, w, attr, type.get(), type.get(), &c_str);
}

// Reads n strings, variable- or fixed-length, with `read(mem_type, buffer)` (H5Aread or H5Dread).
template <class Read>
std::vector<std::string> readStringValues(hid_t type, hid_t space, std::size_t n, const Where& w,
                                          const std::string& what, Read read) {
  std::vector<std::string> out(n);
  if (n == 0) return out;
  // The memory type keeps the file's character set: HDF5 does not convert between ASCII and UTF-8.
  Handle mem = own(H5Tcopy(type), H5Tclose, w, what + ": cannot copy its string type");
  if (H5Tis_variable_str(type) > 0) {
    std::vector<char*> buf(n, nullptr);
    check(read(mem.get(), buf.data()), w, what + ": cannot read it");
    for (std::size_t i = 0; i < n; ++i) out[i] = buf[i] ? buf[i] : "";
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(mem.get(), space, H5P_DEFAULT, buf.data());
#else
    H5Dvlen_reclaim(mem.get(), space, H5P_DEFAULT, buf.data());
#endif
    return out;
  }
  const std::size_t size = H5Tget_size(type);
  std::vector<char> buf(size * n);
  check(read(mem.get(), buf.data()), w, what + ": cannot read it");
  const bool space_padded = H5Tget_strpad(type) == H5T_STR_SPACEPAD;
  for (std::size_t i = 0; i < n; ++i) {
    std::string s(buf.data() + i * size, size);
    s.resize(std::min(s.find('\0'), s.size()));
    if (space_padded) s.erase(s.find_last_not_of(' ') + 1);
    out[i] = std::move(s);
  }
  return out;
}

// Opens attribute `attr` of `obj` after checking it exists and holds one value of the class `want`.
Handle openScalarAttribute(hid_t obj, const Where& w, const std::string& attr, bool want_string,
                           Handle& type) {
  const std::string what = "attribute '" + attr + "'";
  if (H5Aexists(obj, attr.c_str()) <= 0) fail(w, what + " not found");
  Handle a = own(H5Aopen(obj, attr.c_str(), H5P_DEFAULT), H5Aclose, w, what + ": cannot open it");
  type = own(H5Aget_type(a.get()), H5Tclose, w, what + ": cannot read its type");
  const H5T_class_t cls = H5Tget_class(type.get());
  if (want_string && cls != H5T_STRING) fail(w, what + " is not a string");
  if (!want_string && cls != H5T_FLOAT && cls != H5T_INTEGER) fail(w, what + " is not a number");
  Handle space = own(H5Aget_space(a.get()), H5Sclose, w, what + ": cannot read its shape");
  if (H5Sget_simple_extent_npoints(space.get()) != 1) fail(w, what + " holds more than one value");
  return a;
}

std::string readStringAttribute(hid_t obj, const Where& w, const std::string& attr) {
  Handle type;
  Handle a = openScalarAttribute(obj, w, attr, true, type);
  Handle space = own(H5Aget_space(a.get()), H5Sclose, w, "attribute '" + attr + "': cannot read its shape");
  return readStringValues(type.get(), space.get(), 1, w, "attribute '" + attr + "'",
                          [&](hid_t mem, void* buf) { return H5Aread(a.get(), mem, buf); })[0];
}

// Checks the dataset's rank and class, fills dims and returns its values as doubles.
std::vector<double> readNumeric(hid_t ds, const Where& w, int rank, hsize_t* dims) {
  Handle space = own(H5Dget_space(ds), H5Sclose, w, "cannot read its shape");
  const int actual = H5Sget_simple_extent_ndims(space.get());
  if (actual != rank)
    fail(w, "is " + std::to_string(actual) + "-D, expected " + std::to_string(rank) + "-D" +
                (rank == 1 ? " (use readMatrix for 2-D data)" : " (use readVector for 1-D data)"));
  H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  Handle type = own(H5Dget_type(ds), H5Tclose, w, "cannot read its type");
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls != H5T_FLOAT && cls != H5T_INTEGER) fail(w, "is not numeric (use readStrings for strings)");
  std::vector<double> out(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  if (!out.empty())
    check(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), w, "cannot read it");
  return out;
}

}  // namespace

// ---- Handle ----

Handle::Handle(Handle&& other) noexcept : id_(other.id_), close_(other.close_) {
  other.id_ = H5I_INVALID_HID;
}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = std::exchange(other.id_, H5I_INVALID_HID);
    close_ = other.close_;
  }
  return *this;
}

bool Handle::reset() noexcept {
  bool ok = true;
  // H5Iis_valid: a File closed with the strong degree has already closed the objects opened in it.
  if (id_ >= 0 && close_ != nullptr && H5Iis_valid(id_) > 0) ok = close_(id_) >= 0;
  id_ = H5I_INVALID_HID;
  return ok;
}

// ---- Group ----

hid_t Group::id() const {
  if (!handle_.valid() || H5Iis_valid(handle_.get()) <= 0)
    fail({file_path_, name_}, "group used after its File was closed");
  return handle_.get();
}

std::string Group::childPath(const std::string& name) const {
  return name_ == "/" ? "/" + name : name_ + "/" + name;
}

Group Group::createGroup(const std::string& name) {
  const Where w{file_path_, childPath(name)};
  const std::vector<std::string> parts = splitPath(name, w);
  Handle gcpl = creationProps(H5P_GROUP_CREATE, w);
  std::string sub;
  Handle last;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    sub += (i ? "/" : "") + parts[i];
    const bool last_part = i + 1 == parts.size();
    if (H5Lexists(id(), sub.c_str(), H5P_DEFAULT) > 0) {
      if (last_part) fail(w, "group already exists (use openGroup)");
      continue;
    }
    last = own(H5Gcreate2(id(), sub.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), H5Gclose,
               {file_path_, childPath(sub)}, "cannot create group");
  }
  return Group(std::move(last), file_path_, w.object);
}

Group Group::openGroup(const std::string& name) const {
  const Where w{file_path_, childPath(name)};
  splitPath(name, w);
  if (!exists(name)) fail(w, "group not found");
  return Group(own(H5Gopen2(id(), name.c_str(), H5P_DEFAULT), H5Gclose, w, "cannot open as a group"),
               file_path_, w.object);
}

bool Group::exists(const std::string& name) const {
  const std::vector<std::string> parts = splitPath(name, {file_path_, childPath(name)});
  std::string sub;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    sub += (i ? "/" : "") + parts[i];
    // H5Lexists fails (< 0) when a parent in the path is a dataset: the path does not exist either.
    if (H5Lexists(id(), sub.c_str(), H5P_DEFAULT) <= 0) return false;
  }
  return true;
}

std::vector<std::string> Group::children() const {
  const Where w{file_path_, name_};
  Handle gcpl = own(H5Gget_create_plist(id()), H5Pclose, w, "cannot read group properties");
  unsigned order_flags = 0;
  check(H5Pget_link_creation_order(gcpl.get(), &order_flags), w, "cannot read group properties");
  const H5_index_t index = (order_flags & H5P_CRT_ORDER_INDEXED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* link, const H5L_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(link);
    return 0;
  };
  check(H5Literate(id(), index, H5_ITER_INC, nullptr, collect, &names), w, "cannot list the group");
  return names;
}

void Group::setAttribute(const std::string& name, const std::string& value) {
  writeStringAttribute(id(), {file_path_, name_}, name, value);
}

void Group::setAttribute(const std::string& name, double value) {
  writeAttribute(id(), {file_path_, name_}, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

void Group::setAttribute(const std::string& name, long long value) {
  writeAttribute(id(), {file_path_, name_}, name, H5T_STD_I64LE, H5T_NATIVE_LLONG, &value);
}

std::string Group::stringAttribute(const std::string& name) const {
  return readStringAttribute(id(), {file_path_, name_}, name);
}

double Group::doubleAttribute(const std::string& name) const {
  const Where w{file_path_, name_};
  Handle type;
  Handle a = openScalarAttribute(id(), w, name, false, type);
  double value = 0.0;
  check(H5Aread(a.get(), H5T_NATIVE_DOUBLE, &value), w, "attribute '" + name + "': cannot read it");
  return value;
}

Group Group::requireParent(const std::string& name, std::string& leaf) {
  const std::size_t slash = name.rfind('/');
  leaf = name.substr(slash == std::string::npos ? 0 : slash + 1);
  if (slash == std::string::npos)
    return Group(own(H5Gopen2(id(), ".", H5P_DEFAULT), H5Gclose, {file_path_, name_}, "cannot reopen group"),
                 file_path_, name_);
  const std::string parent = name.substr(0, slash);
  return exists(parent) ? openGroup(parent) : createGroup(parent);
}

void Group::writeNumeric(const std::string& name, const double* data, int rank, const hsize_t* dims,
                         const DatasetInfo& info) {
  const Where w{file_path_, childPath(name)};
  splitPath(name, w);
  if (info.deflate_level < 0 || info.deflate_level > 9)
    fail(w, "deflate_level " + std::to_string(info.deflate_level) + " is outside 0..9");
  const hsize_t total = rank == 1 ? dims[0] : dims[0] * dims[1];
  if (total > 0 && data == nullptr) fail(w, "no data given (null pointer)");
  if (exists(name)) fail(w, "already exists (a dataset is written once)");
  std::string leaf;
  Group parent = requireParent(name, leaf);

  Handle space = own(H5Screate_simple(rank, dims, nullptr), H5Sclose, w, "cannot make its dataspace");
  Handle dcpl = creationProps(H5P_DATASET_CREATE, w);
  // Chunking (needed by the filters) only when there is data: a chunk cannot be 0 long. Whole rows per chunk,
  // columns split only if one row exceeds the chunk budget; the shuffle filter groups the bytes of the
  // doubles by significance, which lets gzip compress smooth time series far better.
  if (total > 0) {
    hsize_t chunk[2] = {0, 0};
    const hsize_t cols = rank == 1 ? 1 : std::min<hsize_t>(dims[1], kChunkElements);
    const hsize_t auto_rows = std::max<hsize_t>(1, kChunkElements / cols);
    chunk[0] = std::min<hsize_t>(dims[0], info.chunk_rows > 0 ? info.chunk_rows : auto_rows);
    chunk[1] = cols;
    check(H5Pset_chunk(dcpl.get(), rank, chunk), w, "cannot set its chunk size");
    if (info.deflate_level > 0) {
      check(H5Pset_shuffle(dcpl.get()), w, "cannot set the shuffle filter");
      check(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(info.deflate_level)), w, "cannot set gzip");
    }
  }
  Handle ds = own(H5Dcreate2(parent.id(), leaf.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, dcpl.get(),
                             H5P_DEFAULT),
                  H5Dclose, w, "cannot create dataset");
  if (total > 0)
    check(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), w, "cannot write it");
  writeStringAttribute(ds.get(), w, "units", info.units);
  writeStringAttribute(ds.get(), w, "description", info.description);
}

void Group::writeVector(const std::string& name, const double* data, std::size_t n, const DatasetInfo& info) {
  const hsize_t dims[1] = {n};
  writeNumeric(name, data, 1, dims, info);
}

void Group::writeMatrix(const std::string& name, const double* row_major, std::size_t rows, std::size_t cols,
                        const DatasetInfo& info) {
  const hsize_t dims[2] = {rows, cols};
  writeNumeric(name, row_major, 2, dims, info);
}

void Group::writeStrings(const std::string& name, const std::vector<std::string>& values,
                         const DatasetInfo& info) {
  const Where w{file_path_, childPath(name)};
  splitPath(name, w);
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const std::string& s : values) {
    if (s.find('\0') != std::string::npos)
      fail(w, "string '" + s.substr(0, s.find('\0')) + "…' contains \\0");
    ptrs.push_back(s.c_str());
  }
  if (exists(name)) fail(w, "already exists (a dataset is written once)");
  std::string leaf;
  Group parent = requireParent(name, leaf);
  const hsize_t dims[1] = {values.size()};
  Handle space = own(H5Screate_simple(1, dims, nullptr), H5Sclose, w, "cannot make its dataspace");
  Handle type = utf8StringType(w);
  Handle dcpl = creationProps(H5P_DATASET_CREATE, w);
  Handle ds = own(
      H5Dcreate2(parent.id(), leaf.c_str(), type.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      H5Dclose, w, "cannot create dataset");
  if (!values.empty())
    check(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), w, "cannot write it");
  if (!info.units.empty()) writeStringAttribute(ds.get(), w, "units", info.units);
  if (!info.description.empty()) writeStringAttribute(ds.get(), w, "description", info.description);
}

Handle Group::openDataset(const std::string& name) const {
  const Where w{file_path_, childPath(name)};
  if (!exists(name)) fail(w, "dataset not found");
  return own(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), H5Dclose, w, "cannot open as a dataset (a group?)");
}

std::vector<double> Group::readVector(const std::string& name) const {
  hsize_t dims[1];
  return readNumeric(openDataset(name).get(), {file_path_, childPath(name)}, 1, dims);
}

std::vector<double> Group::readMatrix(const std::string& name, std::size_t& rows, std::size_t& cols) const {
  hsize_t dims[2];
  std::vector<double> out = readNumeric(openDataset(name).get(), {file_path_, childPath(name)}, 2, dims);
  rows = dims[0];
  cols = dims[1];
  return out;
}

std::vector<std::string> Group::readStrings(const std::string& name) const {
  const Where w{file_path_, childPath(name)};
  Handle ds = openDataset(name);
  Handle space = own(H5Dget_space(ds.get()), H5Sclose, w, "cannot read its shape");
  if (H5Sget_simple_extent_ndims(space.get()) != 1) fail(w, "is not a 1-D list of strings");
  Handle type = own(H5Dget_type(ds.get()), H5Tclose, w, "cannot read its type");
  if (H5Tget_class(type.get()) != H5T_STRING) fail(w, "does not hold strings (use readVector)");
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  return readStringValues(type.get(), space.get(), n, w, "dataset", [&](hid_t mem, void* buf) {
    return H5Dread(ds.get(), mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
  });
}

void Group::setDatasetAttribute(const std::string& dataset, const std::string& attr,
                                const std::string& value) {
  writeStringAttribute(openDataset(dataset).get(), {file_path_, childPath(dataset)}, attr, value);
}

std::string Group::datasetStringAttribute(const std::string& dataset, const std::string& attr) const {
  return readStringAttribute(openDataset(dataset).get(), {file_path_, childPath(dataset)}, attr);
}

std::size_t TableColumn::rows() const {
  switch (kind) {
    case Kind::Float:
      return floats.size();
    case Kind::Int:
      return ints.size();
    case Kind::String:
      return strings.size();
  }
  return 0;
}

namespace {

void writeStringArrayAttribute(hid_t obj, const Where& w, const std::string& attr,
                               const std::vector<std::string>& values) {
  const std::string what = "attribute '" + attr + "'";
  std::vector<const char*> ptrs;
  for (const std::string& v : values) ptrs.push_back(v.c_str());
  if (H5Aexists(obj, attr.c_str()) > 0) check(H5Adelete(obj, attr.c_str()), w, what + ": cannot replace it");
  const hsize_t dims[1] = {values.size()};
  Handle space = own(H5Screate_simple(1, dims, nullptr), H5Sclose, w, what + ": cannot make its dataspace");
  Handle type = utf8StringType(w);
  Handle a = own(H5Acreate2(obj, attr.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                 w, what + ": cannot create it");
  if (!values.empty()) check(H5Awrite(a.get(), type.get(), ptrs.data()), w, what + ": cannot write it");
}

// The compound type of a table's rows, packed in column order, and each field's byte offset.
Handle tableType(const std::vector<TableColumn>& columns, hid_t string_type,
                 std::vector<std::size_t>& offsets, const Where& w) {
  std::size_t size = 0;
  for (const TableColumn& c : columns) {
    offsets.push_back(size);
    size += c.kind == TableColumn::Kind::String ? sizeof(const char*) : 8;
  }
  Handle type = own(H5Tcreate(H5T_COMPOUND, size), H5Tclose, w, "cannot make the table's row type");
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const hid_t field = columns[k].kind == TableColumn::Kind::Float ? H5T_NATIVE_DOUBLE
                        : columns[k].kind == TableColumn::Kind::Int ? H5T_NATIVE_LLONG
                                                                    : string_type;
    check(H5Tinsert(type.get(), columns[k].name.c_str(), offsets[k], field), w,
          "cannot add the field '" + columns[k].name + "'");
  }
  return type;
}

}  // namespace

void Group::writeTableInNameOrder(const std::string& name, const std::vector<TableColumn>& columns) {
  std::vector<const TableColumn*> sorted;
  std::vector<std::string> order;
  for (const TableColumn& c : columns) sorted.push_back(&c), order.push_back(c.name);
  // (std::string's < is strcmp's byte order, the order HDF5's comparison sorts into.)
  std::sort(sorted.begin(), sorted.end(),
            [](const TableColumn* a, const TableColumn* b) { return a->name < b->name; });
  std::vector<TableColumn> by_name;
  by_name.reserve(columns.size());
  for (const TableColumn* c : sorted) by_name.push_back(*c);
  // (On the handle writeTable made: opening the dataset again would copy its ~1100-field type, O(fields²).)
  Handle ds = writeTableDataset(name, by_name);
  writeStringArrayAttribute(ds.get(), {file_path_, childPath(name)}, "column_order", order);
}

namespace {

// The columns' names, units and descriptions, checked: non-empty, distinct, `rows` rows each (rows < 0: any).
void checkColumns(const std::vector<TableColumn>& columns, long long rows, const Where& w,
                  std::vector<std::string>& units, std::vector<std::string>& descriptions) {
  if (columns.empty()) fail(w, "a table needs at least one column");
  std::set<std::string_view> names;  // (a set: a list searched per column is O(columns²), ~1 ms at 1100)
  for (const TableColumn& c : columns) {
    if (c.name.empty()) fail(w, "a column has no name");
    if (!names.insert(c.name).second) fail(w, "two columns are named " + c.name);
    if (rows >= 0 && c.rows() != static_cast<std::size_t>(rows))
      fail(w, "column " + c.name + " has " + std::to_string(c.rows()) + " rows, expected " +
                  std::to_string(rows));
    units.push_back(c.units);
    descriptions.push_back(c.description);
  }
}

// Writes the columns' rows at [first_row, first_row + rows) of the table `ds` through the row type `type`.
void writeRows(hid_t ds, hid_t type, const std::vector<std::size_t>& offsets,
               const std::vector<TableColumn>& columns, std::size_t first_row, const Where& w) {
  const std::size_t rows = columns.front().rows();
  if (rows == 0) return;
  const std::size_t row_size = H5Tget_size(type);
  std::vector<unsigned char> buffer(row_size * rows);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t k = 0; k < columns.size(); ++k) {
      unsigned char* at = buffer.data() + r * row_size + offsets[k];
      const TableColumn& c = columns[k];
      if (c.kind == TableColumn::Kind::Float) std::memcpy(at, &c.floats[r], 8);
      if (c.kind == TableColumn::Kind::Int) std::memcpy(at, &c.ints[r], 8);
      if (c.kind == TableColumn::Kind::String) {
        const char* text = c.strings[r].c_str();
        std::memcpy(at, &text, sizeof text);
      }
    }
  Handle file_space = own(H5Dget_space(ds), H5Sclose, w, "cannot read its shape");
  const hsize_t start[1] = {first_row}, count[1] = {rows};
  if (first_row + rows > static_cast<std::size_t>(H5Sget_simple_extent_npoints(file_space.get())))
    fail(w,
         "rows " + std::to_string(first_row) + ".." + std::to_string(first_row + rows) + " lie past its end");
  check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr), w,
        "cannot select its rows");
  Handle mem_space = own(H5Screate_simple(1, count, nullptr), H5Sclose, w, "cannot make a dataspace");
  // HDF5's type-conversion buffer is 1 MiB, allocated and zeroed per call: sized to the rows instead.
  Handle xfer = own(H5Pcreate(H5P_DATASET_XFER), H5Pclose, w, "cannot make transfer properties");
  const std::size_t bytes = std::clamp<std::size_t>(2 * row_size * rows, 1u << 16, 1u << 20);
  check(H5Pset_buffer(xfer.get(), bytes, nullptr, nullptr), w, "cannot size the conversion buffer");
  check(H5Dwrite(ds, type, mem_space.get(), file_space.get(), xfer.get(), buffer.data()), w,
        "cannot write it");
}

}  // namespace

Handle Group::createTableDataset(const std::string& name, const std::vector<std::string>& units,
                                 const std::vector<std::string>& descriptions, std::size_t rows, hid_t type) {
  const Where w{file_path_, childPath(name)};
  if (exists(name)) fail(w, "already exists (a dataset is written once)");
  std::string leaf;
  Group parent = requireParent(name, leaf);
  // Rows can be appended later (a sweep adds one per finished scenario): unlimited length, chunked, at most
  // 64 rows a chunk and no more than the table has (a sweep part's one row of ~9 kB would otherwise be
  // zero-padded to 64 rows and compressed, most of the time it takes to write and read a part).
  const hsize_t dims[1] = {rows}, max_dims[1] = {H5S_UNLIMITED},
                chunk[1] = {std::clamp<hsize_t>(rows, 1, 64)};
  Handle space = own(H5Screate_simple(1, dims, max_dims), H5Sclose, w, "cannot make its dataspace");
  Handle dcpl = creationProps(H5P_DATASET_CREATE, w);
  check(H5Pset_chunk(dcpl.get(), 1, chunk), w, "cannot set its chunk size");
  check(H5Pset_deflate(dcpl.get(), 4), w, "cannot set gzip");
  Handle ds =
      own(H5Dcreate2(parent.id(), leaf.c_str(), type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
          H5Dclose, w, "cannot create the table (too many columns for one HDF5 object header?)");
  writeStringArrayAttribute(ds.get(), w, "units", units);
  writeStringArrayAttribute(ds.get(), w, "descriptions", descriptions);
  return ds;
}

void Group::writeTable(const std::string& name, const std::vector<TableColumn>& columns) {
  writeTableDataset(name, columns);
}

Handle Group::writeTableDataset(const std::string& name, const std::vector<TableColumn>& columns) {
  const Where w{file_path_, childPath(name)};
  splitPath(name, w);
  std::vector<std::string> units, descriptions;
  checkColumns(columns, columns.empty() ? 0 : static_cast<long long>(columns.front().rows()), w, units,
               descriptions);
  Handle string_type = utf8StringType(w);
  std::vector<std::size_t> offsets;
  Handle type = tableType(columns, string_type.get(), offsets, w);
  Handle ds = createTableDataset(name, units, descriptions, columns.front().rows(), type.get());
  writeRows(ds.get(), type.get(), offsets, columns, 0, w);
  return ds;
}

void Group::createTable(const std::string& name, const std::vector<TableColumn>& schema, std::size_t rows) {
  const Where w{file_path_, childPath(name)};
  splitPath(name, w);
  std::vector<std::string> units, descriptions;
  checkColumns(schema, -1, w, units, descriptions);
  Handle string_type = utf8StringType(w);
  std::vector<std::size_t> offsets;
  Handle type = tableType(schema, string_type.get(), offsets, w);
  createTableDataset(name, units, descriptions, rows, type.get());
}

void Group::writeTableRows(const std::string& name, std::size_t first_row,
                           const std::vector<TableColumn>& columns) {
  const Where w{file_path_, childPath(name)};
  std::vector<std::string> units, descriptions;
  checkColumns(columns, columns.empty() ? 0 : static_cast<long long>(columns.front().rows()), w, units,
               descriptions);
  Handle ds = openDataset(name);
  Handle string_type = utf8StringType(w);
  std::vector<std::size_t> offsets;
  Handle type = tableType(columns, string_type.get(), offsets, w);
  writeRows(ds.get(), type.get(), offsets, columns, first_row, w);
}

void Group::setStringArrayAttribute(const std::string& name, const std::vector<std::string>& values) {
  writeStringArrayAttribute(id(), {file_path_, name_}, name, values);
}

std::vector<std::string> Group::tableFieldNames(const std::string& name) const {
  const Where w{file_path_, childPath(name)};
  Handle ds = openDataset(name);
  Handle type = own(H5Dget_type(ds.get()), H5Tclose, w, "cannot read its type");
  if (H5Tget_class(type.get()) != H5T_COMPOUND) fail(w, "is not a table (compound dataset)");
  std::vector<std::string> names;
  for (int k = 0; k < H5Tget_nmembers(type.get()); ++k) {
    char* field = H5Tget_member_name(type.get(), static_cast<unsigned>(k));
    names.emplace_back(field);
    H5free_memory(field);
  }
  return names;
}

std::vector<TableColumn> Group::readTable(const std::string& name) const {
  const Where w{file_path_, childPath(name)};
  Handle ds = openDataset(name);
  Handle type = own(H5Dget_type(ds.get()), H5Tclose, w, "cannot read its type");
  if (H5Tget_class(type.get()) != H5T_COMPOUND) fail(w, "is not a table (compound dataset)");
  Handle space = own(H5Dget_space(ds.get()), H5Sclose, w, "cannot read its shape");
  const auto rows = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  std::vector<TableColumn> columns;
  for (int k = 0; k < H5Tget_nmembers(type.get()); ++k) {
    TableColumn c;
    char* field = H5Tget_member_name(type.get(), static_cast<unsigned>(k));
    c.name = field;
    H5free_memory(field);
    const H5T_class_t cls = H5Tget_member_class(type.get(), static_cast<unsigned>(k));
    c.kind = cls == H5T_STRING    ? TableColumn::Kind::String
             : cls == H5T_INTEGER ? TableColumn::Kind::Int
                                  : TableColumn::Kind::Float;
    columns.push_back(std::move(c));
  }
  // One read through a memory type of the same fields (one conversion path: reading field by field makes
  // HDF5 compare the whole row type once per field). The dataset's own type serves when every field is a
  // native float64, int64 or variable-length string (what writeTable writes; H5Dget_type returns it in
  // memory form): building one field by field costs O(fields²), H5Tinsert checking each name against the
  // others (~3 ms for ~1100 columns, most of reading a sweep part).
  std::vector<std::size_t> offsets;
  bool native = true;
  for (int k = 0; k < H5Tget_nmembers(type.get()) && native; ++k) {
    Handle field = own(H5Tget_member_type(type.get(), static_cast<unsigned>(k)), H5Tclose, w,
                       "cannot read a field's type");
    native = columns[k].kind == TableColumn::Kind::String ? H5Tis_variable_str(field.get()) > 0
             : columns[k].kind == TableColumn::Kind::Int  ? H5Tequal(field.get(), H5T_NATIVE_LLONG) > 0
                                                          : H5Tequal(field.get(), H5T_NATIVE_DOUBLE) > 0;
  }
  const std::size_t type_size = H5Tget_size(type.get());
  Handle mem = native ? std::move(type) : tableType(columns, utf8StringType(w).get(), offsets, w);
  if (native)
    for (int k = 0; k < H5Tget_nmembers(mem.get()); ++k)
      offsets.push_back(H5Tget_member_offset(mem.get(), static_cast<unsigned>(k)));
  const std::size_t row_size = H5Tget_size(mem.get());
  std::vector<unsigned char> buffer(row_size * rows);
  if (rows > 0) {
    // HDF5 allocates and zeroes its type-conversion buffer (1 MiB by default) on every read; sized to the
    // table (twice its rows, at least 64 KiB: room for one row of either form), a sweep part's one row no
    // longer costs a megabyte of memset.
    Handle xfer = own(H5Pcreate(H5P_DATASET_XFER), H5Pclose, w, "cannot make transfer properties");
    const std::size_t bytes =
        std::clamp<std::size_t>(2 * std::max(row_size, type_size) * rows, 1u << 16, 1u << 20);
    check(H5Pset_buffer(xfer.get(), bytes, nullptr, nullptr), w, "cannot size the conversion buffer");
    check(H5Dread(ds.get(), mem.get(), H5S_ALL, H5S_ALL, xfer.get(), buffer.data()), w, "cannot read it");
  }
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const unsigned char* at = buffer.data() + r * row_size + offsets[k];
      TableColumn& c = columns[k];
      if (c.kind == TableColumn::Kind::Float) std::memcpy(&c.floats.emplace_back(), at, 8);
      if (c.kind == TableColumn::Kind::Int) std::memcpy(&c.ints.emplace_back(), at, 8);
      if (c.kind == TableColumn::Kind::String) {
        const char* text = nullptr;
        std::memcpy(&text, at, sizeof text);
        c.strings.emplace_back(text ? text : "");
      }
    }
  if (rows > 0) H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, buffer.data());
  if (H5Aexists(ds.get(), "units") > 0 && H5Aexists(ds.get(), "descriptions") > 0) {
    const std::vector<std::string> units = stringArrayAttribute(name, "units");
    const std::vector<std::string> descriptions = stringArrayAttribute(name, "descriptions");
    for (std::size_t k = 0; k < columns.size() && k < units.size() && k < descriptions.size(); ++k) {
      columns[k].units = units[k];
      columns[k].description = descriptions[k];
    }
  }
  if (H5Aexists(ds.get(), "column_order") > 0) {  // writeTableInNameOrder: back to the columns' own order
    const std::vector<std::string> order = stringArrayAttribute(name, "column_order");
    if (order.size() != columns.size()) fail(w, "its column_order does not list its columns");
    std::map<std::string, std::size_t> at;
    for (std::size_t k = 0; k < columns.size(); ++k) at.emplace(columns[k].name, k);
    std::vector<TableColumn> ordered;
    ordered.reserve(columns.size());
    for (const std::string& n : order) {
      const auto it = at.find(n);
      if (it == at.end()) fail(w, "its column_order names a column it lacks: " + n);
      ordered.push_back(std::move(columns[it->second]));
    }
    return ordered;
  }
  return columns;
}

namespace {

// Copies every attribute of one object to another, keeping its class (text, integer or float) and shape.
void copyAttributes(hid_t from, hid_t to, const Where& w) {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* attr, const H5A_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->emplace_back(attr);
    return 0;
  };
  check(H5Aiterate2(from, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names), w, "cannot list attributes");
  for (const std::string& name : names) {
    const std::string what = "attribute '" + name + "'";
    Handle a = own(H5Aopen(from, name.c_str(), H5P_DEFAULT), H5Aclose, w, what + ": cannot open it");
    Handle type = own(H5Aget_type(a.get()), H5Tclose, w, what + ": cannot read its type");
    Handle space = own(H5Aget_space(a.get()), H5Sclose, w, what + ": cannot read its shape");
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
    const bool scalar = H5Sget_simple_extent_type(space.get()) == H5S_SCALAR;
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls == H5T_STRING) {
      const std::vector<std::string> values =
          readStringValues(type.get(), space.get(), n, w, what,
                           [&](hid_t mem, void* buf) { return H5Aread(a.get(), mem, buf); });
      if (scalar) {
        writeStringAttribute(to, w, name, values.at(0));
      } else {
        writeStringArrayAttribute(to, w, name, values);
      }
    } else if (cls == H5T_INTEGER && scalar) {
      long long v = 0;
      check(H5Aread(a.get(), H5T_NATIVE_LLONG, &v), w, what + ": cannot read it");
      writeAttribute(to, w, name, H5T_STD_I64LE, H5T_NATIVE_LLONG, &v);
    } else if (cls == H5T_FLOAT && scalar) {
      double v = 0;
      check(H5Aread(a.get(), H5T_NATIVE_DOUBLE, &v), w, what + ": cannot read it");
      writeAttribute(to, w, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &v);
    } else {
      fail(w, what + ": only text, integer and float scalars and text arrays can be copied");
    }
  }
}

}  // namespace

// Copied by reading and writing through this layer rather than H5Ocopy: HDF5 1.10's H5Ocopy crashes on
// objects whose variable-length string attributes sit in dense attribute storage (our scenario groups).
void Group::copyFrom(const Group& source, const std::string& source_name, const std::string& name) {
  const Where w{file_path_, childPath(name)};
  if (exists(name)) fail(w, "already exists (cannot copy over it)");
  H5O_info_t info;
  check(H5Oget_info_by_name(source.id(), source_name.c_str(), &info, H5P_DEFAULT), w,
        "cannot read " + source.childPath(source_name));
  if (info.type == H5O_TYPE_GROUP) {
    const Group from = source.openGroup(source_name);
    Group to = createGroup(name);
    copyAttributes(from.id(), to.id(), w);
    for (const std::string& child : from.children()) to.copyFrom(from, child, child);
    return;
  }
  Handle ds = source.openDataset(source_name);
  Handle type = own(H5Dget_type(ds.get()), H5Tclose, w, "cannot read its type");
  if (H5Tget_class(type.get()) == H5T_STRING) {
    writeStrings(name, source.readStrings(source_name), {});
  } else {
    Handle space = own(H5Dget_space(ds.get()), H5Sclose, w, "cannot read its shape");
    if (H5Sget_simple_extent_ndims(space.get()) == 1) {
      writeVector(name, source.readVector(source_name), {"", ""});
    } else {
      std::size_t rows = 0, cols = 0;
      const std::vector<double> values = source.readMatrix(source_name, rows, cols);
      writeMatrix(name, values.data(), rows, cols, {"", ""});
    }
  }
  Handle copied = openDataset(name);
  copyAttributes(ds.get(), copied.get(), w);
}

std::vector<ObjectPath> Group::descendants() const {
  std::vector<ObjectPath> out;
  auto visit = [](hid_t, const char* path, const H5O_info_t* info, void* data) -> herr_t {
    if (std::string(path) == ".") return 0;
    static_cast<std::vector<ObjectPath>*>(data)->push_back({path, info->type == H5O_TYPE_DATASET});
    return 0;
  };
  check(H5Ovisit(id(), H5_INDEX_NAME, H5_ITER_INC, visit, &out), {file_path_, name_},
        "cannot walk the group");
  return out;
}

std::vector<std::string> Group::attributeNames(const std::string& name) const {
  const std::string path = name.empty() ? "." : name;
  const Where w{file_path_, childPath(path)};
  Handle obj = own(H5Oopen(id(), path.c_str(), H5P_DEFAULT), H5Oclose, w, "cannot open it");
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* attr, const H5A_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->emplace_back(attr);
    return 0;
  };
  check(H5Aiterate2(obj.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names), w,
        "cannot list its attributes");
  return names;
}

std::vector<std::string> Group::stringArrayAttribute(const std::string& name, const std::string& attr) const {
  const std::string path = name.empty() ? "." : name;
  const Where w{file_path_, childPath(path)};
  Handle obj = own(H5Oopen(id(), path.c_str(), H5P_DEFAULT), H5Oclose, w, "cannot open it");
  const std::string what = "attribute '" + attr + "'";
  if (H5Aexists(obj.get(), attr.c_str()) <= 0) fail(w, what + " not found");
  Handle a = own(H5Aopen(obj.get(), attr.c_str(), H5P_DEFAULT), H5Aclose, w, what + ": cannot open it");
  Handle type = own(H5Aget_type(a.get()), H5Tclose, w, what + ": cannot read its type");
  if (H5Tget_class(type.get()) != H5T_STRING) fail(w, what + " is not text");
  Handle space = own(H5Aget_space(a.get()), H5Sclose, w, what + ": cannot read its shape");
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
  return readStringValues(type.get(), space.get(), n, w, what,
                          [&](hid_t mem, void* buf) { return H5Aread(a.get(), mem, buf); });
}

// ---- File ----

namespace {
// Strong close degree: H5Fclose closes every object still open in the file, so close() really releases the
// file (and AtomicOutput can rename a complete file) even if a Group outlives it.
Handle strongCloseAccess(const Where& w) {
  Handle fapl = own(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, w, "cannot make file access properties");
  check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), w, "cannot set the close degree");
  // HDF5 1.8 formats: compound types are then stored without name padding, which lets /summary hold its
  // ~900 columns within the 64 KiB limit of an object header message; every HDF5 >= 1.8 reader (h5py,
  // MATLAB, h5dump) reads them.
  check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_LATEST), w,
        "cannot set the format version");
  return fapl;
}
}  // namespace

File File::create(const std::string& path) {
  silenceHdf5ErrorPrinting();
  const Where w{path, ""};
  Handle fcpl = creationProps(H5P_FILE_CREATE, w);  // the root group keeps creation order too
  Handle fapl = strongCloseAccess(w);
  return File(own(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), H5Fclose, w,
                  "cannot create the HDF5 file (does its directory exist and is it writable?)"),
              path);
}

File File::open(const std::string& path, unsigned flags) {
  silenceHdf5ErrorPrinting();
  const Where w{path, ""};
  std::error_code ec;
  if (!fs::exists(path, ec)) fail(w, "file not found");
  if (fs::is_directory(path, ec)) fail(w, "is a directory, not an HDF5 file");
  if (H5Fis_hdf5(path.c_str()) <= 0)
    fail(w, "is not an HDF5 file (no HDF5 signature: a text file, or output of a run that did not finish?)");
  Handle fapl = strongCloseAccess(w);
  return File(own(H5Fopen(path.c_str(), flags, fapl.get()), H5Fclose, w, "cannot open the HDF5 file"), path);
}

File File::openReadOnly(const std::string& path) {
  return open(path, H5F_ACC_RDONLY);
}
File File::openReadWrite(const std::string& path) {
  return open(path, H5F_ACC_RDWR);
}

Group File::root() const {
  const Where w{path_, "/"};
  if (!handle_.valid()) fail(w, "file is closed");
  return Group(own(H5Gopen2(handle_.get(), "/", H5P_DEFAULT), H5Gclose, w, "cannot open the root group"),
               path_, "/");
}

void File::flush() {
  if (!handle_.valid()) fail({path_, ""}, "cannot flush: file is closed");
  check(H5Fflush(handle_.get(), H5F_SCOPE_GLOBAL), {path_, ""}, "cannot flush to disk");
}

void File::close() {
  if (handle_.valid() && !handle_.reset())
    fail({path_, ""}, "closing failed; the file may be incomplete", true);
}

// ---- AtomicOutput ----

namespace {
// Checks the destination before any work is done, then creates the temporary sibling.
File createTemporary(const std::string& final_path, const std::string& temp_path, bool overwrite) {
  const Where w{final_path, ""};
  std::error_code ec;
  fs::path dir = fs::path(final_path).parent_path();
  if (dir.empty()) dir = ".";
  if (!fs::is_directory(dir, ec))
    fail(w, "output directory '" + dir.string() + "' does not exist; create it");
  if (::access(dir.c_str(), W_OK) != 0) fail(w, "output directory '" + dir.string() + "' is not writable");
  if (fs::is_directory(final_path, ec)) fail(w, "is a directory; give a file name such as out/run.h5");
  if (fs::exists(final_path, ec) && !overwrite) fail(w, "already exists; pass --overwrite to replace it");
  return File::create(temp_path);
}
}  // namespace

AtomicOutput::AtomicOutput(const std::string& final_path, bool overwrite)
    : final_path_(final_path),
      temp_path_(final_path + ".tmp-" + std::to_string(::getpid())),
      overwrite_(overwrite),
      file_(createTemporary(final_path, temp_path_, overwrite)) {}

AtomicOutput::~AtomicOutput() {
  if (committed_) return;
  try {
    file_.close();
  } catch (const Error&) {  // the file is being discarded anyway
  }
  std::remove(temp_path_.c_str());
}

void AtomicOutput::commit() {
  const Where w{final_path_, ""};
  if (committed_) fail(w, "commit() called twice");
  file_.close();
  // The data must be on disk before the name points at it, or a crash could leave an empty file there.
  const int fd = ::open(temp_path_.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) fail(w, "cannot flush " + temp_path_ + " to disk: " + std::strerror(errno));
  ::close(fd);
  // Without --overwrite the rename must not replace a file another process wrote during a long run:
  // renameat2(RENAME_NOREPLACE) checks and moves in one atomic step.
  const unsigned flags = overwrite_ ? 0u : RENAME_NOREPLACE;
  if (::renameat2(AT_FDCWD, temp_path_.c_str(), AT_FDCWD, final_path_.c_str(), flags) != 0) {
    if (errno == EEXIST) fail(w, "appeared while this run was writing; pass --overwrite to replace it");
    fail(w, "cannot move " + temp_path_ + " into place: " + std::strerror(errno));
  }
  const int dir = ::open(fs::absolute(final_path_).parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);  // makes the rename itself durable
    ::close(dir);
  }
  committed_ = true;
}

}  // namespace spineload::h5
