// The /summary table (../shared/DESIGN.md §5): one row per scenario, one column per parameter and metric,
// written as one compound dataset that pandas reads in one call. A row is the scenario's id and status, every
// scenario parameter by its key (its value, set or defaulted), then the metrics of summarizeRun().
#pragma once

#include <string>
#include <vector>

#include "engine/io/hdf5_file.hpp"
#include "engine/metrics/scenario_summary.hpp"
#include "engine/scenario/scenario_spec.hpp"

namespace spineload {

/// Every parameter of the scenario as a field: numbers as float64, booleans as int64 (0/1), text as text,
/// lists joined by ",". Units and descriptions come from the parameter table.
SummaryRow parameterFields(const ScenarioValues& values, const std::vector<ParameterSpec>& table);

/// The full row: "scenario", "status" ("ok" or why it failed), the parameters, the metrics.
SummaryRow summaryRow(const ScenarioSpec& spec, const std::string& status, const SummaryRow& metrics);
/// The same from parameter values and a parsed parameter table (a sweep parses the table once).
SummaryRow summaryRow(const std::string& id, const ScenarioValues& values, const std::string& status,
                      const SummaryRow& metrics, const std::vector<ParameterSpec>& table);

/// Columns of the rows: the union of their fields in the order first seen; a field a row lacks is NaN,
/// -1 or "" there. A field with different types in different rows is std::invalid_argument.
std::vector<h5::TableColumn> summaryColumns(const std::vector<SummaryRow>& rows);

/// Writes /summary under `root`; `name_order` stores its fields in name order for a file that is read back by
/// the thousand (a sweep's part: h5::Group::writeTableInNameOrder; readTable restores the order).
void writeSummaryTable(h5::Group& root, const std::vector<SummaryRow>& rows, bool name_order = false);
/// The /summary dataset's "description" attribute (the merge writes the table itself, block by block).
const char* summaryDescription();

}  // namespace spineload
