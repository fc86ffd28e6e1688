// The causes study's HDF5 tables (docs/hdf5-schema.md, /causes*).
#include <algorithm>

#include "engine/causes/causes_table.hpp"

namespace spineload {
namespace {

using Kind = h5::TableColumn::Kind;

// Columns of a table filled from rows through member pointers, with units and descriptions.
template <class Row>
struct Columns {
  const std::vector<Row>& rows;
  std::vector<h5::TableColumn> out;

  void text(const char* name, const char* description, std::string Row::*field) {
    h5::TableColumn c{name, "-", description, Kind::String, {}, {}, {}};
    for (const Row& r : rows) c.strings.push_back(r.*field);
    out.push_back(std::move(c));
  }
  void number(const char* name, const char* units, const char* description, double Row::*field) {
    h5::TableColumn c{name, units, description, Kind::Float, {}, {}, {}};
    for (const Row& r : rows) c.floats.push_back(r.*field);
    out.push_back(std::move(c));
  }
  void integer(const char* name, const char* description, long long Row::*field) {
    h5::TableColumn c{name, "1", description, Kind::Int, {}, {}, {}};
    for (const Row& r : rows) c.ints.push_back(r.*field);
    out.push_back(std::move(c));
  }
};

void writeRows(h5::Group& root, const std::vector<CauseRow>& rows) {
  Columns<CauseRow> t{rows, {}};
  t.text("cause", "the cause (its scenario id)", &CauseRow::cause);
  t.text("level", "the level (C7_T1 ... T12_L1), 'trunk' for whole-trunk metrics, '-' outside rows",
         &CauseRow::level);
  t.text("metric", "the /summary metric (its column is <level>.<metric>, or <metric> for the trunk)",
         &CauseRow::metric);
  t.text("outcome", "the outcome family the metric belongs to (docs/causes.md)", &CauseRow::outcome);
  t.number("baseline", "metric's", "the baseline's value (absolute for signed peaks)", &CauseRow::baseline);
  t.number("value", "metric's", "the cause's value", &CauseRow::value);
  t.number("change", "metric's", "value - baseline (percentage points for asymmetry indices)",
           &CauseRow::change);
  t.number("change_percent", "%", "100 (value - baseline) / |baseline|", &CauseRow::change_percent);
  t.text("claim", "the article's claim", &CauseRow::claim);
  t.text("verdict",
         "supported / not supported / opposite (claimed outcomes), not claimed, no value, outside the model",
         &CauseRow::verdict);
  root.writeTable("causes", t.out);
}

void writeRanking(h5::Group& root, const std::vector<CauseRanking>& rows) {
  Columns<CauseRanking> t{rows, {}};
  t.text("cause", "the cause", &CauseRanking::cause);
  t.text("title", "the cause in words", &CauseRanking::title);
  t.text("claim", "the article's claim", &CauseRanking::claim);
  t.text("verdict", "supported, partly supported, not supported, outside the model or no value",
         &CauseRanking::verdict);
  t.text("supported_outcomes", "claimed outcomes that change as claimed", &CauseRanking::supported_outcomes);
  t.text("unsupported_outcomes", "claimed outcomes that do not", &CauseRanking::unsupported_outcomes);
  t.text("evidence", "per claimed outcome: its headline metric's largest change and the verdict it gives",
         &CauseRanking::evidence);
  t.text("outside", "parts of the claim outside a mechanical model", &CauseRanking::outside);
  t.number("load_effect_percent", "%", "largest change of peak compression over C7_T1 ... T12_L1, signed",
           &CauseRanking::load_effect_percent);
  t.text("load_effect_level", "where that change is largest", &CauseRanking::load_effect_level);
  t.number("effort_effect_percent", "%", "change of the upper-back muscles' mean force",
           &CauseRanking::effort_effect_percent);
  t.integer("rank_load", "rank by |load_effect_percent| (1 = largest)", &CauseRanking::rank_load);
  t.integer("rank_effort", "rank by |effort_effect_percent| (1 = largest)", &CauseRanking::rank_effort);
  root.writeTable("causes_ranking", t.out);
}

void writeDoses(h5::Group& root, const std::vector<DoseRow>& rows) {
  Columns<DoseRow> t{rows, {}};
  t.text("cause", "the cause", &DoseRow::cause);
  t.text("scenario", "the scenario id of this dose", &DoseRow::scenario);
  t.number("dose", "1", "fraction of the cause's change (0 baseline, 1 the cause file)", &DoseRow::dose);
  t.text("key", "the number the cause file sets first", &DoseRow::key);
  t.number("key_value", "key's", "its value at this dose", &DoseRow::key_value);
  t.number("load_effect_percent", "%", "change of peak compression at load_effect_level",
           &DoseRow::load_effect_percent);
  t.text("load_effect_level", "where the cause file (dose 1) changes peak compression most; every dose there",
         &DoseRow::load_effect_level);
  t.number("cumulative_effect_percent", "%", "change of compression per km at cumulative_effect_level",
           &DoseRow::cumulative_effect_percent);
  t.text("cumulative_effect_level", "where the cause file changes compression per km most; every dose there",
         &DoseRow::cumulative_effect_level);
  t.number("effort_effect_percent", "%", "change of the upper-back muscles' mean force",
           &DoseRow::effort_effect_percent);
  t.text("status", "the run's status", &DoseRow::status);
  root.writeTable("causes_doses", t.out);
}

void writeInteractions(h5::Group& root, const std::vector<InteractionRow>& rows) {
  Columns<InteractionRow> t{rows, {}};
  t.text("causes", "the pair, 'a x b'", &InteractionRow::causes);
  t.text("level", "the level, or 'trunk'", &InteractionRow::level);
  t.text("metric", "the /summary metric", &InteractionRow::metric);
  t.number("effect_a_percent", "%", "change with a alone", &InteractionRow::effect_a_percent);
  t.number("effect_b_percent", "%", "change with b alone", &InteractionRow::effect_b_percent);
  t.number("combined_percent", "%", "change with both", &InteractionRow::combined_percent);
  t.number("interaction_percent", "%", "combined - a - b (the other factorial causes off)",
           &InteractionRow::interaction_percent);
  t.number("factorial_interaction_percent", "%",
           "the excess over additivity averaged over the other factorial causes on and off",
           &InteractionRow::factorial_interaction_percent);
  t.text("matters", "yes when |interaction_percent| >= the meaningful change", &InteractionRow::matters);
  root.writeTable("causes_interactions", t.out);
}

}  // namespace

void writeCausesTables(h5::Group& root, const PreparedStudy& study) {
  const std::vector<h5::TableColumn> summary = root.readTable("summary");
  const SummaryLookup lookup(summary);
  const std::vector<CauseRow> rows = causeRows(study, lookup);
  writeRows(root, rows);
  writeRanking(root, rankCauses(study, rows));
  writeDoses(root, doseRows(study, lookup));
  const bool combinations = std::any_of(study.points.begin(), study.points.end(), [](const StudyPoint& p) {
    return p.kind == StudyPoint::Kind::Combination;
  });
  if (combinations) writeInteractions(root, interactionRows(study, lookup));
  root.setAttribute("causes_study_file", study.study.path);
  root.setAttribute("causes_study_toml", study.study.toml_text);
  std::vector<std::string> files;
  for (const CauseSpec& c : study.study.causes) files.push_back(c.file_path);
  root.setStringArrayAttribute("causes_files", files);
  root.setStringArrayAttribute("causes_files_toml", study.cause_texts);
  root.setAttribute("meaningful_change_percent", study.study.meaningful_change_percent);
  root.setAttribute("meaningful_asymmetry_points", study.study.meaningful_asymmetry_points);
}

}  // namespace spineload
