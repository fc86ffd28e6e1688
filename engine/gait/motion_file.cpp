#include "engine/gait/motion_file.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/io/text_file.hpp"

namespace spineload {
namespace {

enum class Format { Csv, OpenSim };

constexpr double kRadPerDeg = M_PI / 180.0;
constexpr int kMinRows = 4;  // a not-a-knot cubic spline needs 4 points (MeasuredPelvisMotion)
constexpr const char* kCsvUnits =
    "_m (metres), _deg (degrees) or _rad (radians), and time_s for the first column";

struct Line {
  std::string_view text;
  int number = 0;  ///< 1-based
};

struct Cell {
  std::string_view text;
  int column = 0;  ///< 1-based character column
};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return lower(a) == lower(b);
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool isBlank(std::string_view s) {
  return trim(s).empty();
}

std::string formatNumber(double x) {
  std::ostringstream s;
  s.precision(10);
  s << x;
  return s.str();
}

// The message is built with a stream: GCC 12 reports a false -Wrestrict on chains of std::string
// operator+ (as in scenario_error.hpp).
template <typename... Parts>
[[noreturn]] void fail(const std::string& file, int line, int column, const std::string& key,
                       const Parts&... message) {
  std::ostringstream s;
  (s << ... << message);
  throw MotionFileError({file, line, column}, key, s.str());
}

Format formatOf(const std::string& path) {
  const std::string ext = lower(std::filesystem::path(path).extension().string());
  if (ext == ".csv") return Format::Csv;
  if (ext == ".mot" || ext == ".sto") return Format::OpenSim;
  fail(path, 0, 0, "", ext.empty() ? "the file name has no extension" : "unknown file extension '", ext,
       ext.empty() ? "" : "'", "; allowed .csv, .mot, .sto");
}

// Lines without their terminators; a UTF-8 byte-order mark (spreadsheet exports write one) is dropped and
// Windows line ends are accepted.
std::vector<Line> splitLines(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Line> lines;
  std::size_t start = 0;
  for (int number = 1; start < text.size(); ++number) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({line, number});
    start = end + 1;
  }
  return lines;
}

// CSV: comma-separated, spaces around a cell and surrounding double quotes ignored. OpenSim: separated
// by tabs or spaces (OpenSim writes tabs; hand-edited files often have spaces).
void splitCells(std::string_view line, Format format, std::vector<Cell>& cells) {
  cells.clear();
  const std::string_view separators = format == Format::Csv ? "," : " \t";
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t end = line.find_first_of(separators, start);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view raw = line.substr(start, end - start);
    std::string_view text = trim(raw);
    const int column = static_cast<int>(start + (text.empty() ? 0 : raw.find(text.front()))) + 1;
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
    if (format == Format::Csv || !text.empty()) cells.push_back({text, column});
    start = end + 1;
  }
}

/// The index of the first non-blank line at or after `from`, or lines.size().
std::size_t nextNonBlank(const std::vector<Line>& lines, std::size_t from) {
  while (from < lines.size() && isBlank(lines[from].text)) ++from;
  return from;
}

struct OpenSimHeader {
  std::size_t end_index = 0;  ///< index of the 'endheader' line
  bool in_degrees = false;
};

// Header lines are free text and key=value pairs up to 'endheader' (OpenSim Storage version 1, and the
// TimeSeriesTable headers of OpenSim 4 with version=3, DataType=, OpenSimVersion=). Only inDegrees matters
// here; nRows and nColumns are not needed because the rows themselves are counted and checked.
OpenSimHeader readOpenSimHeader(const std::vector<Line>& lines, const std::string& file) {
  OpenSimHeader header;
  int in_degrees_line = 0;
  std::string in_degrees;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view text = trim(lines[i].text);
    if (iequals(text, "endheader")) {
      if (in_degrees_line == 0)
        fail(file, lines[i].number, 1, "inDegrees",
             "the header does not say whether angles are in degrees or radians; allowed a line "
             "inDegrees=yes or inDegrees=no before 'endheader'");
      if (in_degrees != "yes" && in_degrees != "no")
        fail(file, in_degrees_line, 1, "inDegrees", "'", in_degrees,
             "' is not yes or no; allowed inDegrees=yes or inDegrees=no");
      header.end_index = i;
      header.in_degrees = in_degrees == "yes";
      return header;
    }
    const std::size_t eq = text.find('=');
    if (eq != std::string_view::npos && iequals(trim(text.substr(0, eq)), "inDegrees")) {
      in_degrees = lower(trim(text.substr(eq + 1)));
      in_degrees_line = lines[i].number;
    }
  }
  fail(file, lines.empty() ? 0 : lines.back().number, 1, "",
       "no 'endheader' line in this OpenSim file; allowed header lines (such as inDegrees=yes) ended by a "
       "line 'endheader', then a row of column names starting with time");
}

// OpenSim writes translational coordinates in metres whatever inDegrees says; their names end in
// _tx, _ty or _tz in gait2392 and Rajagopal 2016 (e.g. pelvis_tx). All other coordinates are angles.
MotionColumn openSimColumn(const Cell& cell) {
  MotionColumn c;
  c.name = std::string(cell.text);
  c.header = c.name;
  c.header_column = cell.column;
  const bool translation = endsWith(c.name, "_tx") || endsWith(c.name, "_ty") || endsWith(c.name, "_tz");
  c.quantity = translation ? Quantity::Length : Quantity::Angle;
  return c;
}

// A CSV column name carries its unit as a suffix, so that a number never has to be guessed a unit.
MotionColumn csvColumn(const Cell& cell, const std::string& file, int line) {
  MotionColumn c;
  c.header = std::string(cell.text);
  c.header_column = cell.column;
  struct Suffix {
    std::string_view text;
    Quantity quantity;
  };
  for (const Suffix& s :
       {Suffix{"_deg", Quantity::Angle}, Suffix{"_rad", Quantity::Angle}, Suffix{"_m", Quantity::Length}}) {
    if (!endsWith(c.header, s.text)) continue;
    c.name = c.header.substr(0, c.header.size() - s.text.size());
    c.quantity = s.quantity;
    if (c.name.empty())
      fail(file, line, cell.column, c.header,
           "the column has a unit but no name; allowed a name such as pelvis_tx_m");
    return c;
  }
  fail(file, line, cell.column, c.header, "column '", c.header,
       "' has no recognised unit suffix; allowed suffixes ", kCsvUnits);
}

void checkDistinct(const MotionTable& t, int line) {
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (t.columns[i].name == t.columns[j].name)
        fail(t.source, line, t.columns[i].header_column, t.columns[i].name, "column '", t.columns[i].header,
             "' repeats column '", t.columns[j].header, "'; allowed each name once");
}

// The row of column names: time first, then the data columns.
void readColumnNames(const Line& line, Format format, MotionTable& t) {
  std::vector<Cell> cells;
  splitCells(line.text, format, cells);
  const char* time_name = format == Format::Csv ? "time_s" : "time";
  if (format == Format::Csv && cells.size() == 1 && cells[0].text.find(';') != std::string_view::npos)
    fail(t.source, line.number, 1, "", "the column names are separated by ';'; allowed commas (,)");
  if (!iequals(cells[0].text, time_name))
    fail(t.source, line.number, cells[0].column, "", "the first column is '", cells[0].text, "'; allowed '",
         time_name, "' (time in seconds) as the first column");
  for (std::size_t i = 1; i < cells.size(); ++i)
    t.columns.push_back(format == Format::Csv ? csvColumn(cells[i], t.source, line.number)
                                              : openSimColumn(cells[i]));
  t.header_line = line.number;
  checkDistinct(t, line.number);
}

double parseCell(const Cell& cell, const std::string& file, int line, int row, const std::string& column) {
  std::string_view text = cell.text;
  // from_chars takes no leading '+', which spreadsheets may write.
  if (text.size() > 1 && text.front() == '+') text.remove_prefix(1);
  double x = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    fail(file, line, cell.column, column, cell.text.empty() ? "empty cell" : "'", cell.text,
         cell.text.empty() ? "" : "' is not a number", " in row ", row, ", column '", column,
         "'; allowed decimal numbers such as -0.25 or 1.5e-3");
  if (!std::isfinite(x))
    fail(file, line, cell.column, column, std::isnan(x) ? "NaN" : "an infinite value", " in row ", row,
         ", column '", column, "'; allowed finite numbers only (fill or cut out the gap before export)");
  return x;
}

void checkTimeIncreases(const MotionTable& t, const Cell& cell, int line, int row) {
  const std::size_t n = t.time_s.size();
  if (n < 2 || t.time_s[n - 1] > t.time_s[n - 2]) return;
  fail(t.source, line, cell.column, "time", "time ", formatNumber(t.time_s[n - 1]), " s in row ", row,
       " does not come after ", formatNumber(t.time_s[n - 2]), " s in row ", row - 1,
       "; allowed strictly increasing time (remove repeated or unsorted rows)");
}

// One data row: a cell per column, each a finite number, time after the previous row's.
void readRow(const Line& line, int row, Format format, const std::vector<double>& scale, MotionTable& t,
             std::vector<Cell>& cells) {
  splitCells(line.text, format, cells);
  if (cells.size() != t.columns.size() + 1)
    fail(t.source, line.number, 1, "", "row ", row, " has ", cells.size(), " cells but the header has ",
         t.columns.size() + 1, " columns; allowed one cell per column in every row");
  t.time_s.push_back(parseCell(cells[0], t.source, line.number, row, "time"));
  checkTimeIncreases(t, cells[0], line.number, row);
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    t.columns[c].values.push_back(scale[c] *
                                  parseCell(cells[c + 1], t.source, line.number, row, t.columns[c].header));
}

// The factor to SI of each column: OpenSim angles follow inDegrees, CSV angles their suffix.
std::vector<double> scalesToSi(const MotionTable& t, Format format, bool in_degrees) {
  std::vector<double> scale;
  for (const MotionColumn& c : t.columns) {
    const bool degrees = format == Format::Csv ? endsWith(c.header, "_deg") : in_degrees;
    scale.push_back(c.quantity == Quantity::Angle && degrees ? kRadPerDeg : 1.0);
  }
  return scale;
}

void readRows(const std::vector<Line>& lines, std::size_t first, Format format, bool in_degrees,
              MotionTable& t) {
  const std::vector<double> scale = scalesToSi(t, format, in_degrees);
  std::vector<Cell> cells;
  int row = 0;
  int last_line = t.header_line;
  for (std::size_t i = first; i < lines.size(); ++i) {
    if (isBlank(lines[i].text)) continue;
    readRow(lines[i], ++row, format, scale, t, cells);
    last_line = lines[i].number;
  }
  if (row < kMinRows)
    fail(t.source, last_line, 1, "", "the file has ", row, row == 1 ? " row" : " rows", " of data; allowed ",
         kMinRows, " or more (the cubic spline through each column needs 4)");
}

}  // namespace

const MotionColumn* MotionTable::find(std::string_view name) const {
  for (const MotionColumn& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

MotionTable parseMotionText(const std::string& text, const std::string& source_name) {
  const Format format = formatOf(source_name);
  const std::vector<Line> lines = splitLines(text);
  MotionTable t;
  t.source = source_name;
  OpenSimHeader header;
  std::size_t names = 0;
  if (format == Format::OpenSim) {
    header = readOpenSimHeader(lines, source_name);
    names = header.end_index + 1;
  }
  names = nextNonBlank(lines, names);
  if (names == lines.size())
    fail(source_name, lines.empty() ? 0 : lines.back().number, lines.empty() ? 0 : 1, "",
         "no row of column names; allowed a row such as ",
         (format == Format::Csv ? "time_s,pelvis_tx_m,pelvis_tilt_deg,..."
                                : "time<TAB>pelvis_tx<TAB>pelvis_tilt... after 'endheader'"));
  readColumnNames(lines[names], format, t);
  readRows(lines, names + 1, format, header.in_degrees, t);
  return t;
}

MotionTable readMotionFile(const std::string& path) {
  formatOf(path);  // a wrong extension is reported before a missing file: it is the first thing to fix
  if (std::filesystem::is_directory(path))
    fail(path, 0, 0, "", "is a directory; allowed the path of a .csv, .mot or .sto file");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    fail(path, 0, 0, "", "cannot open the file (", std::strerror(errno),
         "); allowed the path of a readable .csv, .mot or .sto file");
  const std::optional<std::string> text = readAll(in);
  if (!text) fail(path, 0, 0, "", "the file could not be read to its end; allowed a readable file");
  return parseMotionText(*text, path);
}

}  // namespace spineload
