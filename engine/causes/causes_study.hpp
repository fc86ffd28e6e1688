// The article's causes study (../shared/DESIGN.md §3, docs/causes.md): a study file names a baseline
// scenario and, per cause, a scenario file that changes only that cause's parameters, the claim the
// article makes, which measured outcomes test it, the parts of the claim that are not mechanics, and the
// magnitudes ("doses") of its sweep; a [factorial] table names the causes whose interactions are run as a
// full two-level factorial design.
//
// Preparing a study turns it into the points of one sweep (engine/sweep/sweep_runner.hpp), so it runs in
// parallel, resumes and merges like any sweep: the baseline, each cause, each cause at each dose, and each
// combination of two or more factorial causes.
#pragma once

#include <string>
#include <vector>

#include "engine/scenario/scenario_file.hpp"
#include "engine/sweep/sweep_runner.hpp"

namespace spineload {

struct CauseSpec {
  std::string id;                     ///< e.g. "poor_posture": the scenario id of its run and the /causes key
  std::string title;                  ///< e.g. "Poor posture (hyperkyphosis, forward head)"
  std::string file;                   ///< as written in the study file
  std::string file_path;              ///< resolved against the study file's folder
  std::string claim;                  ///< the article's claim, in a sentence
  std::vector<std::string> outcomes;  ///< outcome families that test the claim (causeOutcomes())
  std::vector<std::string> outside;   ///< parts of the claim a mechanical model cannot test
  /// Magnitudes of the sweep, as fractions of the cause's change: 0.5 is half-way between the baseline and
  /// the cause file, 1 is the file (always run, not listed), 1.8 goes beyond it. Numbers interpolate;
  /// strings and switches take the cause's value at any dose.
  std::vector<double> doses;
  std::string doses_note;  ///< what the doses stand for, with sources (the severe case)
  SourceLocation where;    ///< the [[cause]] table
  SourceLocation file_where;
  SourceLocation doses_where;
};

struct CausesStudy {
  std::string path, toml_text;
  std::string baseline;       ///< as written
  std::string baseline_path;  ///< resolved
  SourceLocation baseline_where;
  /// Smallest change that counts as an effect, in % of the baseline (numbers) or in percentage points
  /// (asymmetry indices, which are near zero in the baseline). Both are in the study file with their reasons.
  double meaningful_change_percent = 5.0;
  double meaningful_asymmetry_points = 2.0;
  std::vector<CauseSpec> causes;
  std::vector<std::string> factorial;  ///< cause ids of the two-level factorial design (2^k points)
  SourceLocation factorial_where;
};

/// Parses a study file; `source_name` appears in messages and locates relative files. Checks the keys,
/// types, unique cause ids, known outcomes, doses in (0, 4] and not 1, factorial ids that name causes.
/// Throws ScenarioError (file:line:col: key: what is wrong; allowed ...).
CausesStudy parseCausesStudyText(const std::string& text, const std::string& source_name);
CausesStudy loadCausesStudy(const std::string& path);

/// What a point of a prepared study is.
struct StudyPoint {
  enum class Kind { Baseline, Cause, Dose, Combination };
  Kind kind = Kind::Baseline;
  std::vector<std::string> causes;  ///< the causes switched on (one for Cause and Dose)
  double dose = 0.0;                ///< Cause: 1; Dose: the dose; Combination: 1
};

struct StudyRunOptions {
  double duration_s = 0.0;  ///< > 0: every point's simulation.duration_s
  bool doses = true;        ///< run the magnitude sweeps
  bool factorial = true;    ///< run the factorial combinations
};

/// A study ready to run: the sweep of its points, what each point is, and each cause's changes against
/// the baseline (the keys its file sets to other values than the baseline's).
struct PreparedStudy {
  CausesStudy study;
  PreparedSweep sweep;  ///< sweep.points[i] is points[i]
  std::vector<StudyPoint> points;
  std::vector<std::vector<ParameterOverride>> changes;  ///< per cause, in the study's order
  std::vector<std::string> cause_texts;                 ///< per cause, its file verbatim (provenance)
};

/// Reads the study, its baseline and cause files, and builds the points: "baseline", each cause by its id,
/// "dose_<cause>_<100 x dose>", and "combo_<a>+<b>[+...]" for every factorial combination of two or more
/// causes. Every point's values are checked here (range, type), so a dose that leaves a parameter's range is
/// bad input before anything runs. Throws ScenarioError.
PreparedStudy prepareCausesStudy(const std::string& study_path, const StudyRunOptions& options);

/// The overrides of a cause at a dose: numbers base + dose (cause - base); other values the cause's.
/// Throws ScenarioError when a number the cause changes has no number in the baseline (a derived default:
/// set it in the baseline to sweep it).
std::vector<ParameterOverride> dosedChanges(const std::vector<ParameterOverride>& changes,
                                            const ScenarioValues& base, double dose,
                                            const SourceLocation& where);

/// The keys whose values differ between a cause's file and the baseline, as overrides located in the
/// cause file. simulation.* and output.* changes are refused: a cause changes the runner, not the run.
std::vector<ParameterOverride> causeChanges(const ScenarioValues& cause, const ScenarioValues& base);

}  // namespace spineload
