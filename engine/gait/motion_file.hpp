// Measured motion files: OpenSim coordinate files (.mot/.sto) and CSV with a unit on every column name,
// read into one table of time and SI values (m, rad). Every bad input is a MotionFileError with one line
// a student can act on: `file:line:col: column: what is wrong; what is allowed` (docs/motion-files.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/scenario/scenario_error.hpp"

namespace spineload {

/// A bad motion file. It is a ScenarioError, so the command reports it and exits with status 2 like any
/// other bad input; catch MotionFileError to tell the two apart.
class MotionFileError : public ScenarioError {
 public:
  using ScenarioError::ScenarioError;
};

/// What a column measures, from its unit: a CSV suffix (_m, _deg, _rad) or, in an OpenSim file, the
/// coordinate name (OpenSim writes translations `*_tx`, `*_ty`, `*_tz` in metres, every other coordinate
/// as an angle in the unit `inDegrees` names).
enum class Quantity { Length, Angle };

struct MotionColumn {
  std::string name;    ///< without unit suffix, e.g. "pelvis_tilt"
  std::string header;  ///< as written in the file, e.g. "pelvis_tilt_deg"
  Quantity quantity = Quantity::Angle;
  int header_column = 0;       ///< 1-based character column of the name in the header row
  std::vector<double> values;  ///< one per row, SI: m or rad
};

/// A motion file's content: time and every other column, converted to SI.
struct MotionTable {
  std::string source;   ///< the path as given, for messages
  int header_line = 0;  ///< 1-based line of the row of column names
  std::vector<double> time_s;
  std::vector<MotionColumn> columns;  ///< every column except time, in file order

  /// The column called `name` (without unit suffix), or nullptr.
  const MotionColumn* find(std::string_view name) const;
};

/// Reads a .csv, .mot or .sto file (by extension, case-insensitive). Guarantees at least 4 rows, strictly
/// increasing time, finite values, distinct column names. Throws MotionFileError otherwise.
MotionTable readMotionFile(const std::string& path);

/// Parses file text; `source_name` (a path) picks the format by its extension and names the file in
/// messages. Throws MotionFileError. Used by readMotionFile and by tests.
MotionTable parseMotionText(const std::string& text, const std::string& source_name);

}  // namespace spineload
