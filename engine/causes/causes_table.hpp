// The causes study's tables (docs/causes.md): for each cause, the change against the baseline at each
// thoracic level (and the thoracolumbar junction) of the outcomes the article's claims are about, with the
// claim and a verdict; the causes ranked by effect size; the dose-response of each cause; and the
// interactions of the factorial causes. All are computed from the study's /summary, so they can be
// recomputed from a finished file.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/causes/causes_study.hpp"
#include "engine/io/hdf5_file.hpp"

namespace spineload {

/// One summary metric of an outcome. per_level: the column is "<level>.<metric>" for each causeLevels();
/// otherwise "<metric>" (a whole-trunk figure). magnitude: compare absolute values (signed peaks).
/// points: the change is in percentage points (asymmetry indices), not in % of the baseline.
struct OutcomeMetric {
  std::string metric;
  bool per_level = true;
  bool magnitude = false;
  bool points = false;
};

/// A family of metrics that a claim can be tested on, and the direction the article's claims assert
/// (+1: the cause raises it; -1: lowers it).
struct CauseOutcome {
  std::string id;
  std::string description;
  int direction = +1;
  std::vector<OutcomeMetric> metrics;
};

/// thoracic_compression, thoracic_shear, disc_pressure, impact, upper_back_effort, retractor_effort,
/// accessory_effort,
/// asymmetry, stability.
const std::vector<CauseOutcome>& causeOutcomes();

/// C7_T1 ... T11_T12 and T12_L1: the thoracic levels and the thoracolumbar junction.
const std::vector<std::string>& causeLevels();

/// Values of a /summary table by scenario id and column; NaN for a missing scenario or column.
class SummaryLookup {
 public:
  explicit SummaryLookup(const std::vector<h5::TableColumn>& summary);
  double value(const std::string& scenario, const std::string& column) const;
  std::string status(const std::string& scenario) const;  ///< "missing" when absent

 private:
  const std::vector<h5::TableColumn>& columns_;
  std::map<std::string, std::size_t> rows_, index_;
};

struct CauseRow {
  std::string cause, level, metric, outcome;  ///< level "trunk" for whole-trunk metrics, "-" outside rows
  double baseline, value, change, change_percent;
  std::string claim, verdict;
};

/// One row per cause, outcome metric and level, then one per part of the claim outside the model.
/// Verdicts: "supported" (the change goes the claimed way by at least the study's meaningful change),
/// "opposite" (as much the other way), "not supported" (less), "not claimed" (an outcome the claim is
/// not about: reported, not judged), "no value" (a failed run), "outside the model".
std::vector<CauseRow> causeRows(const PreparedStudy& study, const SummaryLookup& summary);

struct CauseRanking {
  std::string cause, title, claim, verdict;
  std::string supported_outcomes, unsupported_outcomes;  ///< "; "-separated
  /// Per claimed outcome, its headline metric's change and the verdict it gives, e.g. "thoracic_compression:
  /// supported, compression.peak median +29.9 % over 13 levels (largest +32.0 % at T4_T5)"; "; "-separated
  std::string evidence;
  std::string outside;         ///< "; "-separated
  double load_effect_percent;  ///< the largest change in peak compression over causeLevels(), signed
  std::string load_effect_level;
  double effort_effect_percent;      ///< change in the upper-back muscles' mean force
  long long rank_load, rank_effort;  ///< 1 = largest magnitude
};

/// Per cause: each claimed outcome is judged on its headline metric (the first of its family in
/// causeOutcomes(): compression.peak, shear_ap.peak, idp.peak, compression.loading_rate,
/// regions.upper_back.force.mean, regions.scapular_retractors.activation.mean,
/// regions.accessory_breathing.force.mean, compression.step_asymmetry, stability.mean), a per-level one by
/// its median change over causeLevels(); the other metrics are reported in causeRows() but do not decide. The
/// cause is "supported" when every claimed outcome is, "partly supported" when some are, "not supported" when
/// none, "outside the model" when the claim has no mechanical part, "no value" when no claimed outcome has a
/// value (failed runs); and the ranks by effect size.
std::vector<CauseRanking> rankCauses(const PreparedStudy& study, const std::vector<CauseRow>& rows);

struct DoseRow {
  std::string cause, scenario, key;  ///< key: the first number the cause file sets (its first line)
  double dose, key_value;
  double load_effect_percent;     ///< change of peak compression at load_effect_level
  std::string load_effect_level;  ///< where the cause file (dose 1) changes it most, the same at every dose
  double cumulative_effect_percent;  ///< the same for the compression per km
  std::string cumulative_effect_level;
  double effort_effect_percent;
  std::string status;
};

/// Dose-response per cause: dose 0 (the baseline), the listed doses and 1 (the cause file), by dose.
std::vector<DoseRow> doseRows(const PreparedStudy& study, const SummaryLookup& summary);

struct InteractionRow {
  std::string causes, level, metric;
  double effect_a_percent, effect_b_percent, combined_percent;
  double interaction_percent;            ///< combined - a - b, the other factorial causes off
  double factorial_interaction_percent;  ///< the same excess averaged over the others' on/off settings
  std::string matters;                   ///< "yes" when |interaction| >= the meaningful change
};

/// Every pair of factorial causes, for peak compression at each level and upper-back effort.
std::vector<InteractionRow> interactionRows(const PreparedStudy& study, const SummaryLookup& summary);

/// Reads root's /summary and writes /causes, /causes_ranking, /causes_doses and /causes_interactions
/// (docs/hdf5-schema.md), and the study file and each cause's file as attributes of the root.
void writeCausesTables(h5::Group& root, const PreparedStudy& study);

}  // namespace spineload
