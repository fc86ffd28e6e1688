// The table of checks as `spineload validate` prints and writes it: plain text for the terminal, markdown
// for docs and reviews, and the columns of the HDF5 compound table /validation.
#pragma once

#include <string>
#include <vector>

#include "engine/io/hdf5_file.hpp"
#include "engine/validation/validation_checks.hpp"

namespace spineload {

/// Counts by verdict, and whether the run should exit 3 (some check fails, known failures included).
struct CheckTally {
  int pass = 0, fail = 0, expected_failure = 0, unexpected_pass = 0, circular = 0, not_computable = 0;
  bool anyFailure() const { return fail + expected_failure > 0; }
};
CheckTally tallyChecks(const std::vector<CheckResult>& results);
/// "24 pass, 1 FAIL, 9 fail (known), ..." (the counts that are not zero).
std::string tallyLine(const CheckTally& tally);

/// The model value as printed: 4 significant digits, or "-" when there is none.
std::string formatValue(double value);

/// Aligned columns: id, model, published, tolerance, unit, verdict, source.
std::string checksText(const std::vector<CheckResult>& results);
/// A markdown table (id, quantity, model, published, tolerance, unit, verdict, source, why) and the tally.
std::string checksMarkdown(const std::vector<CheckResult>& results, const std::string& command_line);
/// The columns of /validation: one row per check, units and descriptions on every column.
std::vector<h5::TableColumn> checksColumns(const std::vector<CheckResult>& results);

}  // namespace spineload
