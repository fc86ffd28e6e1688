// Sweep files (docs/sweeps.md, ../shared/DESIGN.md §5): a base scenario plus axes, and the design that
// turns them into scenarios (full grid, one at a time around the base, Latin hypercube, Saltelli's
// sampling for Sobol' indices). Every value is checked against the parameter table before anything runs;
// a bad file is a ScenarioError naming file:line:col, the key, and what is allowed or the closest key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/scenario/parameter_table.hpp"
#include "engine/scenario/scenario_error.hpp"

namespace spineload {

enum class DesignKind { Grid, Oat, Lhs, Sobol };

/// Where the Saltelli design's base matrices A and B come from.
enum class SobolSampler {
  Sobol,  ///< Sobol' low-discrepancy sequence (Joe & Kuo 2008), randomly digitally shifted by the seed
  Random  ///< independent uniform draws of xoshiro256** (plain Monte Carlo)
};

std::string_view designKindName(DesignKind kind);  ///< "grid", "oat", "lhs", "sobol"

/// The Sobol' sequence's direction numbers cover this many dimensions; Saltelli's design needs 2k of them
/// (A and B side by side), so sampler = "sobol" takes at most kSobolMaxDimensions / 2 axes.
constexpr std::size_t kSobolMaxDimensions = 40;

/// The summary columns whose Sobol' indices are computed when a sobol sweep names no `metrics`.
const std::vector<std::string>& defaultSobolMetrics();

struct SweepAxis {
  std::string key;  ///< a parameter-table key, e.g. "gait.stride_length_m"
  ParamType type = ParamType::Number;
  std::vector<ParamValue> values;           ///< grid, oat: in the file's order (checked, no repeats)
  std::vector<SourceLocation> value_where;  ///< where each value was written
  double low = 0.0, high = 0.0;             ///< lhs, sobol: the range sampled, low < high
  SourceLocation where;                     ///< the axis's `key = ...`
  SourceLocation range_where;               ///< lhs, sobol: the `range = [...]`
};

struct SweepSpec {
  std::string path;       ///< the sweep file (or the label of the text)
  std::string toml_text;  ///< the file verbatim, for provenance
  std::string base;       ///< `base` as written
  std::string base_path;  ///< resolved: relative to the sweep file's folder unless absolute
  SourceLocation base_where;
  DesignKind kind = DesignKind::Grid;
  SourceLocation design_where;  ///< the `kind = ...` of [design]
  std::size_t samples = 0;      ///< lhs: scenarios; sobol: base sample count N (N (k + 2) scenarios); else 0
  std::uint64_t seed = 1;       ///< LHS and Saltelli samples, bootstrap resampling; recorded for the others
  std::vector<std::string> metrics;            ///< summary columns to analyse (default for sobol, see above)
  std::vector<SourceLocation> metric_where;    ///< where each was named (the [design] table when defaulted)
  bool metrics_set = false;                    ///< false: not in the file
  int bootstrap = 1000;                        ///< sobol: bootstrap resamples for the intervals (0 = none)
  double confidence = 0.95;                    ///< sobol: level of the intervals
  SobolSampler sampler = SobolSampler::Sobol;  ///< sobol: see SobolSampler
  std::vector<SweepAxis> axes;
};

/// Parses sweep TOML; `source_name` appears in messages and locates a relative `base` (its folder). The base
/// scenario itself is not read here: the runner loads base_path with loadScenarioFile. Throws ScenarioError.
SweepSpec parseSweepText(const std::string& text, const std::string& source_name,
                         const std::vector<ParameterSpec>& table);

/// Reads and parses a sweep file; a missing or unreadable file is a ScenarioError too.
SweepSpec loadSweepFile(const std::string& path, const std::vector<ParameterSpec>& table);

/// How many scenarios the design runs, computed without expanding it: grid, the product of the axes'
/// sizes; oat, 1 (the base) + the sum of the axes' sizes (every listed value runs, including one equal to
/// the base's); lhs, samples; sobol, samples (k + 2). SIZE_MAX when the count does not fit in size_t, so
/// a comparison with any maximum refuses it.
std::size_t scenarioCount(const SweepSpec& spec);

/// Throws ScenarioError at [design] when scenarioCount(spec) > max_scenarios, saying how many and why,
/// before anything is expanded or run (`--max-scenarios`, default 10^6).
void refuseOversizedSweep(const SweepSpec& spec, std::size_t max_scenarios);

/// Checks the sweep's metrics against the summary table's column names (e.g. after the first scenario, or
/// from a list the runner knows): an unknown one is a ScenarioError at its place in the file with the
/// closest column name.
void checkSweepMetrics(const SweepSpec& spec, const std::vector<std::string>& summary_columns);

}  // namespace spineload
