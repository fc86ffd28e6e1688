#!/usr/bin/python3
"""Report of a causes study (spineload causes) for a runner's physiotherapist: markdown, HTML and figures.

Usage: /usr/bin/python3 scripts/causes_report.py out/causes.h5 [-o out/causes_report]

Reads the study's tables (/causes, /causes_ranking, /causes_doses, /causes_interactions), /summary and the
baseline's and each cause's compression time series (docs/hdf5-schema.md), and writes into the output
directory (default: <input stem>_report beside the input):
    report.md, report.html       the same content: what was simulated, the ranking, the figures, one section
                                 per cause, the interactions that matter and the limits
    effects_by_level.png         change of peak compression per level and cause
    effort_by_cause.png          change of the upper-back muscles' mean force per cause
    compression_heatmap.png      compression over the stride: the baseline, and each cause minus the baseline
    dose_response.png            effects against the dose (when the study ran doses)
    interactions.png             interaction of each factorial pair per level (when it ran combinations)
Every file is written under a temporary name and renamed, so none is ever left half written. The same input
gives the same markdown. Exits 2 with a one-line message when the input is missing or is no causes study.
The functions (stride_average, stride_matrix, load_study, report_blocks, ...) can be imported.
"""
import argparse
import html
import os
import re
import sys
import tempfile
import textwrap
import tomllib
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")  # files only: no display on the build machines
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spineload_results import LEVELS, Results  # noqa: E402

NOT_CAUSES = "not a causes study file: run spineload causes first"
THORACIC = LEVELS[:LEVELS.index("T12_L1") + 1]  # the levels the study judges: C7_T1 ... T12_L1
STRIDE_POINTS = 101  # each stride resampled to 0, 1, ..., 100 % of the stride
GRAVITY = 9.80665  # m/s^2, for body weights
DPI = 150
EFFORT_METRICS = ["regions.upper_back.force.mean", "regions.thoracic_erector.force.mean",
                  "muscles.rhomboids.force.mean", "muscles.trapezius_upper.force.mean",
                  "muscles.trapezius_middle.force.mean", "muscles.trapezius_lower.force.mean"]
LOAD_METRIC = "compression.peak"
EFFORT_METRIC = "regions.upper_back.force.mean"
FIGURES = ["effects_by_level.png", "effort_by_cause.png", "compression_heatmap.png", "dose_response.png",
           "interactions.png"]
OUTCOME_WORDS = {
    "thoracic_compression": "thoracic compression", "thoracic_shear": "thoracic shear",
    "disc_pressure": "disc pressure", "impact": "impact (how fast compression rises each step)",
    "upper_back_effort": "upper-back muscle effort", "accessory_effort": "accessory breathing muscle effort",
    "asymmetry": "left-right asymmetry", "stability": "trunk stability"}
METRIC_WORDS = {
    "compression.peak": "peak compression", "compression.cumulative_per_km": "compression per km",
    "compression.loading_rate": "loading rate of compression",
    "compression.step_asymmetry": "right-left step asymmetry of compression",
    "shear_ap.peak": "peak front-back shear", "shear_ml.peak": "peak sideways shear",
    "idp.peak": "peak disc pressure", "moment_lb.peak": "peak side-bending moment",
    "stability.mean": "mean trunk stability", "stability.min": "lowest trunk stability"}
GROUP_WORDS = {
    "upper_back": "upper-back muscle", "thoracic_erector": "thoracic erector spinae",
    "accessory_breathing": "accessory breathing muscle", "rhomboids": "rhomboid",
    "trapezius_upper": "upper trapezius", "trapezius_middle": "middle trapezius",
    "trapezius_lower": "lower trapezius", "scalenes": "scalene"}
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve"]
MECHANICAL_NOT_CLINICAL = (
    "The verdicts are mechanical (load on the spine and effort of the muscles), not clinical: a larger load "
    "or a harder-working muscle in the model is not a diagnosis of pain, and a cause the model does not "
    "support may still matter to a runner for reasons outside the model.")
HTML_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: sans-serif; max-width: 62em; margin: 2em auto; padding: 0 1em; line-height: 1.45; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border: 1px solid #bbb; padding: 0.25em 0.6em; }}
th {{ background: #eee; }}
td.r {{ text-align: right; }}
img {{ max-width: 100%; }}
code {{ background: #f3f3f3; padding: 0 0.2em; }}
</style>
</head>
<body>
"""


@dataclass
class Study:
    """Everything the report reads from one causes file."""
    path: str
    attrs: dict
    summary: pd.DataFrame
    units: dict
    causes: pd.DataFrame
    ranking: pd.DataFrame
    doses: pd.DataFrame = None
    interactions: pd.DataFrame = None
    spec: dict = field(default_factory=dict)        # cause id -> its [[cause]] table of the study file
    cause_toml: dict = field(default_factory=dict)  # cause id -> its scenario file, parsed
    heat: dict = field(default_factory=dict)        # scenario id -> (levels, levels x 101 matrix [N])

    @property
    def meaningful(self):
        return float(self.attrs.get("meaningful_change_percent", 5.0))

    @property
    def meaningful_points(self):
        return float(self.attrs.get("meaningful_asymmetry_points", 2.0))

    @property
    def cause_ids(self):
        return list(self.ranking["cause"])

    def baseline(self, column, default=np.nan):
        """The baseline's /summary value of one column (default when absent)."""
        rows = self.summary[self.summary["scenario"] == "baseline"]
        return rows[column].iloc[0] if len(rows) and column in rows.columns else default

    def title(self, cause):
        """The cause's title in words, else its id."""
        title = self.ranking.set_index("cause").at[cause, "title"]
        return title if isinstance(title, str) and title else cause


# --- reading ------------------------------------------------------------------------------------------------
def _text(value):
    """An attribute or table cell as str (h5py hands vlen strings over as bytes)."""
    return value.decode("utf-8") if isinstance(value, bytes) else value


def read_table(f, name):
    """A compound dataset as a DataFrame with its strings decoded; None when the file lacks it."""
    if name not in f:
        return None
    df = pd.DataFrame(f[name][()])
    for col in df.columns:
        if df[col].dtype == object:
            df[col] = [_text(v) for v in df[col]]
    return df


def study_attrs(f):
    """Root attributes, then the study's own of /causes (the writer may keep the study's files on either;
    /causes' units and descriptions are its columns')."""
    out = {}
    for node in (f, f["causes"]):
        for k, v in node.attrs.items():
            if node is f or k.startswith(("causes_", "meaningful_")):
                v = _text(v)
                out.setdefault(k, [_text(x) for x in v.tolist()] if isinstance(v, np.ndarray) else v)
    return out


def parse_toml(text):
    """A TOML text as a dict; {} when absent or malformed (the report then falls back on the tables)."""
    try:
        return tomllib.loads(text) if isinstance(text, str) else {}
    except tomllib.TOMLDecodeError:
        return {}


def cause_specs(attrs):
    """cause id -> its [[cause]] table from the study file's text."""
    return {c.get("id"): c for c in parse_toml(attrs.get("causes_study_toml")).get("cause", [])}


def cause_tomls(attrs, specs, ids):
    """cause id -> its scenario file parsed, matched by file name (the study names the file, the attribute
    lists the paths the run read)."""
    files, texts = attrs.get("causes_files", []), attrs.get("causes_files_toml", [])
    if isinstance(files, str):
        files, texts = [files], [texts]
    by_name = {os.path.basename(p): t for p, t in zip(files, texts)}
    out = {}
    for cid in ids:
        name = os.path.basename(specs.get(cid, {}).get("file", f"{cid}.toml"))
        if name in by_name:
            out[cid] = parse_toml(by_name[name])
    return out


def load_study(path):
    """Read a causes file. Raises FileNotFoundError, or ValueError(NOT_CAUSES) when it is no causes study."""
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path}: no such file")
    try:
        results = Results(path)
    except OSError:
        raise ValueError(f"{path}: {NOT_CAUSES}") from None
    with results as r:
        if "causes" not in r.file or "causes_ranking" not in r.file or "summary" not in r.file:
            raise ValueError(f"{path}: {NOT_CAUSES}")
        attrs = study_attrs(r.file)
        summary = r.summary()
        units = r.summary_units() if "units" in r.file["summary"].attrs else {}
        study = Study(path, attrs, summary, units, read_table(r.file, "causes"),
                      read_table(r.file, "causes_ranking"), read_table(r.file, "causes_doses"),
                      read_table(r.file, "causes_interactions"))
        study.spec = cause_specs(attrs)
        study.cause_toml = cause_tomls(attrs, study.spec, study.cause_ids)
        study.heat = stride_matrices(r, summary, ["baseline"] + study.cause_ids)
    return study


# --- the stride-averaged compression ------------------------------------------------------------------------
def stride_average(time, values, period, drop_strides, points=STRIDE_POINTS):
    """Mean over the whole strides after the first `drop_strides` of `values` (samples x columns), each
    stride resampled by linear interpolation to `points` points from its touchdown (0 %) to the next (100 %).
    Stride k covers [k T, (k+1) T) with touchdown at t = 0 (spineload_results.stride_phase). Returns
    columns x points, or None when the series holds no whole steady stride."""
    time = np.asarray(time, dtype=float)
    values = np.asarray(values, dtype=float).reshape(len(time), -1)
    whole = int(np.floor(time[-1] / period + 1e-9))  # strides that end by the last sample
    strides = range(int(drop_strides), whole)
    if not strides:
        return None
    grid = np.linspace(0.0, 1.0, points)
    total = np.zeros((values.shape[1], points))
    for k in strides:
        t = (k + grid) * period
        total += np.array([np.interp(t, time, values[:, j]) for j in range(values.shape[1])])
    return total / len(strides)


def stride_facts(results, summary, sid):
    """(stride period [s], strides dropped) of one scenario: its attributes, else its /summary row (a stride
    is two steps), else None."""
    attrs = results.scenario_attrs(sid)
    row = summary[summary["scenario"] == sid]
    row = row.iloc[0] if len(row) else {}
    period = attrs.get("stride_period_s", row.get("stride_period_s", np.nan))
    if not np.isfinite(period) and np.isfinite(row.get("gait.step_frequency_hz", np.nan)):
        period = 2.0 / row["gait.step_frequency_hz"]
    drop = attrs.get("drop_strides", row.get("simulation.drop_strides", 2))
    return (float(period), int(drop)) if np.isfinite(period) and period > 0 else None


def stride_matrix(results, summary, sid):
    """(levels, levels x 101 matrix [N]) of the thoracic compression of one scenario averaged over its steady
    strides, by % of its own stride; None when it has no time series, stride or whole steady stride."""
    if sid not in results.scenarios or not results.has_time_series(sid):
        return None
    facts = stride_facts(results, summary, sid)
    if facts is None:
        return None
    try:
        table = results.levels(sid, "compression")
    except KeyError:
        return None
    levels = [lv for lv in THORACIC if lv in table.columns]
    matrix = stride_average(results.time(sid), table[levels].to_numpy(), *facts)
    return None if matrix is None or not levels else (levels, matrix)


def stride_matrices(results, summary, ids):
    """scenario id -> stride_matrix, for the ids that have one."""
    out = {}
    for sid in ids:
        m = stride_matrix(results, summary, sid)
        if m is not None:
            out[sid] = m
    return out


# --- numbers and words --------------------------------------------------------------------------------------
def finite(v):
    return isinstance(v, (int, float, np.integer, np.floating)) and np.isfinite(v)


def pct(v, unit=" %"):
    """A signed change with one decimal ("+12.3 %"), "no value" for NaN; never "-0.0"."""
    if not finite(v):
        return "no value"
    v = round(float(v), 1)
    return f"{0.0:.1f}{unit}" if v == 0 else f"{v:+.1f}{unit}"


def value_text(v, unit=""):
    """A parameter value as in a scenario file: 4 significant digits, with its unit when it has one."""
    if isinstance(v, bool):
        text = str(v).lower()
    elif finite(v):
        text = f"{float(v):.4g}"
    else:
        text = str(v)
    return f"{text} {unit}" if unit and unit not in ("1", "-") else text


def force_text(newtons):
    """A force in N with sensible precision: "1082 N", "34.8 N", "0.659 N"."""
    if not finite(newtons):
        return "no value"
    return f"{newtons:.0f} N" if abs(newtons) >= 100 else f"{newtons:.3g} N"


def count_words(n):
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def short_title(title):
    """The title before its parenthesis: "Poor posture (hyperkyphosis, forward head)" -> "Poor posture"."""
    return title.split(" (")[0]


def is_points(metric):
    """Asymmetry indices change in percentage points, every other metric in % of the baseline."""
    return metric.endswith("asymmetry")


def metric_words(metric):
    """A /causes metric in plain words."""
    if metric in METRIC_WORDS:
        return METRIC_WORDS[metric]
    parts = metric.split(".")
    if len(parts) >= 3 and parts[0] in ("regions", "muscles"):
        who = GROUP_WORDS.get(parts[1], parts[1].replace("_", " "))
        if parts[2] == "asymmetry":
            return f"right-left asymmetry of {who} force"
        return f"{who} {parts[2]}"
    return metric


def where_words(level, metric):
    """"peak compression at T4_T5", or just the metric for whole-trunk rows."""
    return metric_words(metric) + ("" if level in ("trunk", "-") else f" at {level}")


def force_note(row):
    """"baseline 34.8 N" for a muscle-force row, since a large % of a tiny force matters little; else ""."""
    return f"baseline {force_text(row['baseline'])}" if row["metric"].endswith(".force.mean") else ""


def row_where(row):
    """Where a /causes row's change is: "peak compression at T4_T5", "rhomboid force, baseline 34.8 N"."""
    note = force_note(row)
    return where_words(row["level"], row["metric"]) + (f", {note}" if note else "")


def aside_text(row):
    """A change of a metric that does not decide: "rhomboid force (baseline 34.8 N) changes +13.7 %"."""
    note = force_note(row)
    return where_words(row["level"], row["metric"]) + (f" ({note})" if note else "") + \
        f" changes {effect_text(row)}"


def effect_text(row):
    """The change of one /causes row: points for asymmetry indices, else %."""
    if is_points(row["metric"]):
        return pct(row["change"], " points")
    return pct(row["change_percent"])


# --- what each cause changed, found and left out ------------------------------------------------------------
def flatten(table, prefix=""):
    """(dotted key, value) of a parsed scenario file, "include" left out, in the file's order."""
    for k, v in table.items():
        if isinstance(v, dict):
            yield from flatten(v, f"{prefix}{k}.")
        elif prefix or k != "include":
            yield f"{prefix}{k}", v


def changed_parameters(study, cause):
    """[(key, value, baseline value or None, unit)] that the cause sets: from its scenario file, else from the
    /summary parameter columns that differ from the baseline's, else the dose table's key."""
    pairs = list(flatten(study.cause_toml.get(cause, {})))
    if not pairs:
        pairs = summary_differences(study, cause)
    if not pairs and study.doses is not None:
        rows = study.doses[(study.doses["cause"] == cause) & (study.doses["dose"] == 1.0)]
        pairs = [(k, v) for k, v in zip(rows["key"], rows["key_value"]) if k]
    out = []
    for key, value in pairs:
        base = study.baseline(key, None)
        if not isinstance(base, str) and not finite(base):
            base = None  # not recorded in /summary, or a derived default (NaN)
        out.append((key, value, base, study.units.get(key, "")))
    return out


def summary_differences(study, cause):
    """(column, value) of the /summary parameter columns where the cause's row differs from the baseline's."""
    rows = study.summary[study.summary["scenario"] == cause]
    if not len(rows) or not study.units:
        return []
    row, out = rows.iloc[0], []
    for col in study.summary.columns:
        if col in study.units and _is_parameter(study, col) and not _same(row[col], study.baseline(col)):
            out.append((col, row[col]))
    return out


def _is_parameter(study, col):
    # /summary's parameter columns are those before the first result column (strides_used).
    cols = list(study.summary.columns)
    end = cols.index("strides_used") if "strides_used" in cols else len(cols)
    return 2 < cols.index(col) < end


def _same(a, b):
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return (not finite(a) and not finite(b)) or a == b


def claimed_outcomes(study, cause):
    """The outcomes the claim names: the study file's list, else the ranking's supported + unsupported."""
    listed = study.spec.get(cause, {}).get("outcomes")
    if listed:
        return list(listed)
    row = study.ranking[study.ranking["cause"] == cause].iloc[0]
    return [o for col in ("supported_outcomes", "unsupported_outcomes") for o in split_list(row[col])]


def split_list(text):
    return [p.strip() for p in str(text or "").split(";") if p.strip()]


def outcome_rows(study, cause, outcome):
    """The /causes rows of one cause and outcome in the file's order (the headline metric first), with their
    effect: the change in points for asymmetry indices, else in %."""
    rows = study.causes[(study.causes["cause"] == cause) & (study.causes["outcome"] == outcome)].copy()
    rows["effect"] = [float(r["change"] if is_points(r["metric"]) else r["change_percent"])
                      for _, r in rows.iterrows()]
    return rows


def largest(rows):
    """The row of largest |effect| among the finite ones, or None."""
    rows = rows[np.isfinite(rows["effect"])]
    return None if rows.empty else rows.loc[rows["effect"].abs().idxmax()]


def engine_verdict(study, cause, outcome):
    """The verdict the engine gave a claimed outcome, from the ranking's evidence ("outcome: verdict, ...")."""
    rows = study.ranking[study.ranking["cause"] == cause]
    for part in split_list(rows["evidence"].iloc[0] if len(rows) and "evidence" in rows else ""):
        if part.startswith(f"{outcome}: "):
            return part[len(outcome) + 2:].split(",")[0]
    return "no value"


def outcome_finding(study, cause, outcome):
    """(verdict, median change of the headline metric over the levels or None for a trunk metric, its row of
    largest change, a supported row of another metric that does not decide) of one claimed outcome. The
    verdict is the engine's: the headline metric (the first of the outcome's rows), a per-level one by its
    median over the levels (engine/causes/causes_table.hpp, rankCauses)."""
    rows = outcome_rows(study, cause, outcome)
    head = rows[rows["metric"] == rows["metric"].iloc[0]] if len(rows) else rows
    best = largest(head) if len(head) else None
    if best is None:
        return "no value", None, None, None
    verdict = engine_verdict(study, cause, outcome)
    values = head["effect"][np.isfinite(head["effect"])]
    typical = float(np.median(values)) if best["level"] != "trunk" else None
    supported = rows[rows["verdict"] == "supported"]
    aside = largest(supported) if verdict != "supported" and len(supported) else None
    return verdict, typical, best, aside


def outcome_sentence(study, cause, outcome):
    """"thoracic compression: supported, +29.9 % at the median level, up to +32.0 % (peak compression at
    T4_T5)"."""
    verdict, typical, row, aside = outcome_finding(study, cause, outcome)
    name = OUTCOME_WORDS.get(outcome, outcome.replace("_", " "))
    if row is None:
        return f"{name}: no value (the run failed or the metric is missing)"
    words = {"opposite": "the opposite of the claim"}.get(verdict, verdict)
    if typical is None:
        text = f"{name}: {words}, {effect_text(row)} ({row_where(row)})"
    else:
        unit = " points" if is_points(row["metric"]) else " %"
        text = (f"{name}: {words}, {pct(typical, unit)} at the median level, largest {effect_text(row)} "
                f"({row_where(row)})")
    if aside is not None:
        text += f", though {aside_text(aside)}, which does not decide"
    return text


# --- the report, as blocks that render to markdown and to HTML ----------------------------------------------
def report_blocks(study, figures):
    """The report: a list of blocks ("h", level, text), ("p", text), ("ul", items), ("table", header, rows,
    align), ("img", file, alt). `figures`: {file name: (title, caption)} of the figures written."""
    blocks = [("h", 1, "Causes of upper-back pain in runners: what the simulation says")]
    blocks += intro_blocks(study)
    blocks += ranking_blocks(study)
    blocks += figure_blocks(figures)
    blocks.append(("h", 2, "Cause by cause"))
    for cause in study.cause_ids:
        blocks += cause_blocks(study, cause)
    blocks += interaction_blocks(study)
    blocks += limit_blocks(study)
    return blocks


def intro_blocks(study):
    n = len(study.cause_ids)
    what = (f"Each of the {count_words(n)} causes that a popular article gives for upper-back pain in "
            f"runners was simulated as one change to a baseline runner: {runner_words(study)}. "
            f"{run_words(study)} Every number below compares a cause's run with the baseline's.")
    return [("p", what), ("p", verdict_words(study))]


def verdict_words(study):
    """How to read a verdict."""
    m = study.meaningful
    change = (f"changes the claimed way by at least the meaningful change, {m:g} % of the baseline "
              f"({study.meaningful_points:g} percentage points for the asymmetry indices)")
    rule = ("An outcome is judged on its headline metric (peak compression for thoracic compression, the "
            "total force of the upper-back muscles for their effort, and so on), a per-level one by its "
            f"median change over the {len(THORACIC)} levels C7_T1 ... T12_L1: *supported* when it {change}; "
            "*opposite* when it changes that much the other way; *not supported* when it changes less. A "
            "change at one level alone does not carry a claim; the largest change and where it is are "
            "given beside the median. The other metrics are reported but do not decide.")
    return ("**How to read a verdict.** Each claim names the outcomes it is about (for example the load on "
            f"the thoracic spine or the effort of the upper-back muscles). {rule} A cause is *supported* "
            "when all its claimed outcomes are, *partly supported* when some are, *not supported* when none "
            f"are. {m:g} % is an estimate of what stands out from the model's numerical noise and the "
            "stride-to-stride variation.")


def runner_words(study):
    """The baseline runner from its /summary parameter columns (the parts that are recorded)."""
    b = study.baseline
    parts = []
    if finite(b("subject.body_mass_kg")):
        parts.append(f"{b('subject.body_mass_kg'):g} kg" + (f", {b('subject.height_m'):.2f} m"
                                                            if finite(b("subject.height_m")) else ""))
    speed = b("gait.speed_m_s")
    text = "a runner" + (f" ({', '.join(parts)})" if parts else "")
    if finite(speed):
        text += f" at {speed:g} m/s ({speed * 3.6:.1f} km/h)"
    if finite(b("gait.step_frequency_hz")):
        text += f", {60 * b('gait.step_frequency_hz'):.1f} steps/min"
    if isinstance(b("gait.foot_strike", None), str):
        text += f", a {b('gait.foot_strike')} strike"
    if finite(b("posture.thoracic_kyphosis_deg")):
        text += f", a normal thoracic kyphosis of {b('posture.thoracic_kyphosis_deg'):g} deg"
    if isinstance(b("breathing.mode", None), str):
        text += f" and {b('breathing.mode')} breathing"
    return text


def run_words(study):
    b = study.baseline
    text = ""
    if finite(b("simulation.duration_s")):
        text = f"Each run lasted {b('simulation.duration_s'):g} s."
    if finite(b("simulation.drop_strides")) and finite(b("strides_used")):
        text += (f" The first {int(b('simulation.drop_strides'))} strides were dropped as the start-up, and "
                 f"the loads and muscle forces are taken over the {int(b('strides_used'))} steady strides "
                 "after them.")
    return text.strip()


def ranking_blocks(study):
    header = ["Cause", "Verdict", "Largest change of peak compression", "Change of upper-back muscle force",
              "Rank by load", "Rank by effort"]
    order = study.ranking.assign(_i=range(len(study.ranking))).sort_values(["rank_load", "_i"])
    rows = []
    for _, r in order.iterrows():
        load = pct(r["load_effect_percent"])
        if finite(r["load_effect_percent"]) and r["load_effect_level"]:
            load += f" at {r['load_effect_level']}"
        rows.append([r["title"] or r["cause"], r["verdict"], load, pct(r["effort_effect_percent"]),
                     rank_text(r["rank_load"]), rank_text(r["rank_effort"])])
    note = ("Largest change of peak compression: the largest change, either way, of the peak compression of "
            f"a disc over the levels {THORACIC[0]} ... {THORACIC[-1]}, and where it is. Upper-back muscle "
            "force: the mean force of the upper-back muscles, both sides. Rank 1 = the largest change either "
            "way.")
    return [("h", 2, "Ranking"), ("table", header, rows, "llrrrr"), ("p", note)]


def rank_text(v):
    return str(int(v)) if finite(v) else "-"


def figure_blocks(figures):
    blocks = [("h", 2, "Figures")]
    for name in FIGURES:
        if name in figures:
            title, caption = figures[name]
            blocks += [("h", 3, title), ("img", name, title), ("p", caption)]
    return blocks


def cause_blocks(study, cause):
    ranking = study.ranking.set_index("cause").loc[cause]
    spec = study.spec.get(cause, {})
    sentences = [f"**What was changed:** {change_words(study, cause)}",
                 f"**The claim:** {ranking['claim'] or spec.get('claim', '')}"]
    outcomes = "; ".join(outcome_sentence(study, cause, o) for o in claimed_outcomes(study, cause))
    sentences.append(f"**Verdict: {ranking['verdict']}.** " + (outcomes[0].upper() + outcomes[1:] + "."
                                                              if outcomes else ""))
    outside = split_list(ranking["outside"])
    if outside:
        sentences.append(f"**Outside the model:** {'; '.join(outside)}.")
    dose = dose_sentence(study, cause)
    if dose:
        sentences.append(f"**Dose-response:** {dose}")
    return [("h", 3, study.title(cause)), ("p", " ".join(sentences))]


def change_words(study, cause):
    changes = changed_parameters(study, cause)
    if not changes:
        return "not recorded in the file."
    parts = []
    for key, value, base, unit in changes:
        text = f"`{key}` = {value_text(value, unit)}"
        parts.append(text + (f" (baseline {value_text(base, unit)})" if base is not None else ""))
    spec_file = study.spec.get(cause, {}).get("file")
    where = f" (values and their sources: `{os.path.basename(spec_file)}`)" if spec_file else ""
    return "; ".join(parts) + f"; everything else as in the baseline{where}."


def dose_points(study, cause):
    """The cause's dose rows (dose 0 = baseline left out), by dose; None unless it ran doses other than 1."""
    if study.doses is None:
        return None
    rows = study.doses[(study.doses["cause"] == cause) & (study.doses["dose"] > 0)].sort_values("dose")
    return rows if (~np.isclose(rows["dose"], 1.0)).any() else None


def level_of(rows):
    """The level every dose's load effect is read at (where the cause file changes it most)."""
    levels = [v for v in rows.get("load_effect_level", []) if v]
    return levels[0] if levels else "the level of the largest change"


def dose_sentence(study, cause):
    rows = dose_points(study, cause)
    if rows is None:
        return ""
    doses = listing(f"{d:g}" for d in rows["dose"])
    key = rows["key"].iloc[0]
    values = listing(value_text(v) for v in rows["key_value"]) if key else ""
    if key and len(changed_parameters(study, cause)) > 1:
        values += ", the other numbers it changes in proportion"
    load = listing(pct(v, "") for v in rows["load_effect_percent"])
    effort = listing(pct(v, "") for v in rows["effort_effect_percent"])
    text = (f"at {doses} times the change" + (f" (`{key}` = {values})" if key else "")
            + f", the peak compression at {level_of(rows)} changed {load} % and the upper-back muscle force "
            f"changed {effort} %; the load effect {trend_words(rows['load_effect_percent'])}.")
    note = study.spec.get(cause, {}).get("doses_note")
    return text + (f" The doses stand for: {note}." if note else "")


def listing(items):
    """"a, b and c"."""
    items = list(items)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def trend_words(values):
    """Whether the effects (dose 0 = 0 prepended) grow steadily with the dose, fall steadily, or neither."""
    v = np.concatenate([[0.0], np.asarray(values, dtype=float)])
    if not np.isfinite(v).all():
        return "has missing values"
    steps = np.diff(v)
    if (steps >= 0).all():
        return "grows steadily with the dose"
    if (steps <= 0).all():
        return "falls steadily with the dose"
    return "does not change steadily with the dose"


def pair_words(study, pair, joint=" "):
    """"core_weakness x poor_posture" -> "Core weakness with poor posture"."""
    names = [short_title(study.title(c)) if c in study.cause_ids else c for c in pair.split(" x ")]
    return f"{joint}with ".join([names[0]] + [n[:1].lower() + n[1:] for n in names[1:]])


def interaction_blocks(study):
    blocks = [("h", 2, "Interactions that matter")]
    if study.interactions is None or study.interactions.empty:
        return blocks + [("p", "The combinations of causes were not run (spineload causes --no-factorial), "
                               "so this file holds no interactions.")]
    rows = study.interactions[study.interactions["matters"] == "yes"]
    pairs = study.interactions["causes"].nunique()
    if rows.empty:
        return blocks + [("p", f"None: no interaction of the {count_words(pairs)} pairs of causes reached "
                               f"the meaningful change ({study.meaningful:g} %) at any level or in the "
                               "upper-back muscle force.")]
    header = ["Causes", "Where", "First alone", "Second alone", "Together", "Interaction",
              "Averaged over the others"]
    table = [[pair_words(study, r["causes"]), where_words(r["level"], r["metric"]),
              pct(r["effect_a_percent"]), pct(r["effect_b_percent"]), pct(r["combined_percent"]),
              pct(r["interaction_percent"]), pct(r["factorial_interaction_percent"])]
             for _, r in rows.iterrows()]
    note = ("Interaction = change together - change of the first alone - change of the second alone: the "
            "part of the combined effect that the two single effects do not explain (negative: less than "
            "their sum). The last column averages it over the other combined causes switched on and off.")
    return blocks + [("table", header, table, "llrrrrr"), ("p", note)]


def limit_blocks(study):
    outside = []
    for cause in study.cause_ids:
        parts = split_list(study.ranking.set_index("cause").at[cause, "outside"])
        if parts:
            outside.append(f"**{short_title(study.title(cause))}:** {'; '.join(parts)}.")
    blocks = [("h", 2, "Limits")]
    if outside:
        blocks += [("p", "Parts of the claims that a mechanical model cannot test:"), ("ul", outside)]
    return blocks + [("p", "Other limits:"), ("ul", general_limits(study) + [MECHANICAL_NOT_CLINICAL]),
                     ("p", provenance(study))]


def general_limits(study):
    """Limits that follow from this file's facts."""
    out = ["Each cause is one set of parameter values, estimated from the sources named in its scenario "
           "file; real runners differ, and one cause rarely comes alone."]
    if "status" in study.summary.columns:
        for _, r in study.summary[study.summary["status"] != "ok"].iterrows():
            out.append(f"The run `{r['scenario']}` failed ({r['status']}): its numbers are missing.")
    novalue = study.ranking[study.ranking["verdict"] == "no value"]["cause"]
    if len(novalue):
        out.append("No claimed outcome has a value for: " + ", ".join(novalue) + ".")
    used = study.baseline("strides_used")
    if finite(used) and used < 5:
        out.append(f"Short runs: the baseline's numbers come from {int(used)} steady strides only (a cause "
                   "with a slower cadence may have fewer), so small changes are uncertain.")
    out += stability_limits(study)
    if study.doses is None or all(dose_points(study, c) is None for c in study.cause_ids):
        out.append("No doses were run: the report cannot say how the effects grow with the size of a cause.")
    if study.interactions is None or study.interactions.empty:
        out.append("No combinations were run: the causes are judged one at a time.")
    out.append("Pain, injury and tissue damage are not modelled: the model computes loads and muscle forces.")
    return out


def stability_limits(study):
    """A negative baseline stability index (a mode that would buckle) makes the stability verdicts hard to
    read: say so when a claim is about stability."""
    value = study.baseline("stability.mean")
    claimed = any("stability" in claimed_outcomes(study, c) for c in study.cause_ids)
    if not claimed or not finite(value) or value >= 0:
        return []
    unit = study.units.get("stability.mean", "")
    return [f"The trunk stability index is already negative in the baseline (mean {value:.0f} {unit}), which "
            "would mean a buckling mode: its changes are reported, but treat the stability verdicts with "
            "caution."]


def provenance(study):
    a = study.attrs
    parts = [f"`{os.path.basename(study.path)}`"]
    for key, word in (("spineload_version", "spineload"), ("git_hash", "git"),
                      ("causes_study_file", "study")):
        if a.get(key):
            parts.append(f"{word} {a[key]}")
    return "Made by scripts/causes_report.py from " + ", ".join(parts) + "."


# --- rendering ----------------------------------------------------------------------------------------------
def md_cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(blocks):
    out = []
    for block in blocks:
        kind = block[0]
        if kind == "h":
            out.append("#" * block[1] + " " + block[2])
        elif kind == "p":
            out.append(block[1])
        elif kind == "ul":
            out.append("\n".join(f"- {item}" for item in block[1]))
        elif kind == "table":
            _, header, rows, align = block
            lines = ["| " + " | ".join(md_cell(h) for h in header) + " |",
                     "|" + "|".join(" ---: " if a == "r" else " --- " for a in align) + "|"]
            lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
            out.append("\n".join(lines))
        elif kind == "img":
            out.append(f"![{block[2]}]({block[1]})")
    return "\n\n".join(out) + "\n"


def inline_html(text):
    """Escape, then the markdown the blocks use: **bold**, *italic*, `code`."""
    text = html.escape(str(text), quote=False)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)


def render_html(blocks):
    title = next((b[2] for b in blocks if b[0] == "h"), "Causes report")
    out = [HTML_HEAD.format(title=html.escape(title))]
    for block in blocks:
        kind = block[0]
        if kind == "h":
            out.append(f"<h{block[1]}>{inline_html(block[2])}</h{block[1]}>")
        elif kind == "p":
            out.append(f"<p>{inline_html(block[1])}</p>")
        elif kind == "ul":
            out.append("<ul>\n" + "\n".join(f"<li>{inline_html(i)}</li>" for i in block[1]) + "\n</ul>")
        elif kind == "table":
            out.append(table_html(*block[1:]))
        elif kind == "img":
            out.append(f'<p><img src="{html.escape(block[1])}" alt="{html.escape(block[2])}"></p>')
    return "\n".join(out) + "\n</body>\n</html>\n"


def table_html(header, rows, align):
    head = "<tr>" + "".join(f"<th>{inline_html(h)}</th>" for h in header) + "</tr>"
    cell = {"r": '<td class="r">'}
    body = ["<tr>" + "".join(f"{cell.get(a, '<td>')}{inline_html(c)}</td>" for c, a in zip(row, align))
            + "</tr>" for row in rows]
    return "<table>\n" + "\n".join([head] + body) + "\n</table>"


# --- writing ------------------------------------------------------------------------------------------------
def write_atomic(path, write):
    """write(tmp) to a temporary file beside path, then rename it over path: a reader never sees half a file,
    and a failed write leaves the old file and no temporary behind."""
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=f".{os.path.basename(path)}.",
                               suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the report is meant to be read
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def write_text(path, text):
    def write(tmp):
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
    write_atomic(path, write)


def save_figure(fig, path):
    try:
        write_atomic(path, lambda tmp: fig.savefig(tmp, format="png", dpi=DPI))
    finally:
        plt.close(fig)


# --- figures ------------------------------------------------------------------------------------------------
def grid(n, ncols):
    nrows = max(1, -(-n // ncols))
    return nrows, min(n, ncols) if n else 1


def wrapped(text, width=30):
    return "\n".join(textwrap.wrap(text, width))


def suptitle(fig, text, size=11):
    """The figure's title, wrapped to the figure's width (small multiples of one or two causes are narrow)."""
    chars = int(fig.get_figwidth() * 72 / (0.55 * size))
    fig.suptitle("\n".join(textwrap.wrap(text, chars)), fontsize=size)


def threshold_lines(ax, m, vertical=True):
    """Dashed lines at ±m, the meaningful change."""
    for s in (-m, m):
        (ax.axvline if vertical else ax.axhline)(s, color="0.35", ls="--", lw=0.9, zorder=0)
    (ax.axvline if vertical else ax.axhline)(0, color="black", lw=0.6, zorder=0)


def bar_colours(values, m):
    """Red: up by at least the meaningful change; blue: down as much; grey: less."""
    return ["#c0392b" if v >= m else "#2e6da4" if v <= -m else "#9a9a9a" for v in values]


def level_changes(study):
    """cause x level DataFrame of the change of peak compression [%], levels C7_T1 ... T12_L1."""
    rows = study.causes[(study.causes["metric"] == LOAD_METRIC) & study.causes["level"].isin(THORACIC)]
    table = rows.pivot_table(index="cause", columns="level", values="change_percent", aggfunc="first",
                             dropna=False)
    return table.reindex(index=study.cause_ids, columns=[lv for lv in THORACIC if lv in table.columns])


def plot_effects_by_level(study, path):
    table = level_changes(study)
    if table.empty or not np.isfinite(table.to_numpy(dtype=float)).any():
        return None
    m = study.meaningful
    nrows, ncols = grid(len(table), 4)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.4 * ncols + 0.6, 4.6 * nrows + 0.8), sharex=True,
                             sharey=True, squeeze=False, constrained_layout=True)
    y = np.arange(table.shape[1])
    for ax, (cause, row) in zip(axes.flat, table.iterrows()):
        values = row.to_numpy(dtype=float)
        ax.barh(y, np.nan_to_num(values), color=bar_colours(values, m), height=0.7)
        threshold_lines(ax, m)
        verdict = study.ranking.set_index("cause").at[cause, "verdict"]
        ax.set_title(wrapped(short_title(study.title(cause)), 26) + f"\n(verdict: {verdict})", fontsize=9)
        ax.grid(axis="x", color="0.9", lw=0.6)
        ax.set_axisbelow(True)
    for ax in axes.flat[len(table):]:
        ax.set_visible(False)
    axes[0, 0].set_yticks(y, table.columns)
    axes[0, 0].set_ylim(len(y) - 0.5, -0.5)  # C7_T1 at the top, as down the spine
    for ax in axes.flat:
        ax.tick_params(axis="y", labelsize=8)
    for ax in axes[:, 0]:
        ax.set_ylabel("intervertebral level")
    for ax in axes[-1, :]:
        ax.set_xlabel("change of peak compression [%]")
    suptitle(fig, f"Peak disc compression of each cause against the baseline, per level (dashed: ±{m:g} %, "
                  "the meaningful change)")
    save_figure(fig, path)
    return path


def effort_changes(study):
    """metric -> (cause -> change [%], baseline value [N]) for EFFORT_METRICS present in /causes."""
    rows = study.causes[study.causes["metric"].isin(EFFORT_METRICS) & (study.causes["level"] == "trunk")]
    out = {}
    for metric in EFFORT_METRICS:
        sub = rows[rows["metric"] == metric].drop_duplicates("cause").set_index("cause")
        if len(sub):
            out[metric] = (sub["change_percent"].reindex(study.cause_ids), sub["baseline"].iloc[0])
    return out


def plot_effort_by_cause(study, path):
    changes = effort_changes(study)
    if not changes:
        return None
    m = study.meaningful
    nrows, ncols = grid(len(changes), 3)
    labels = [wrapped(short_title(study.title(c)), 22) for c in study.cause_ids]
    height = max(0.36 * len(labels), 1.5) * nrows + 1.6
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.4 * ncols + 1.2, height), sharey=True, squeeze=False,
                             constrained_layout=True)
    y = np.arange(len(labels))
    for ax, (metric, (values, base)) in zip(axes.flat, changes.items()):
        v = values.to_numpy(dtype=float)
        ax.barh(y, np.nan_to_num(v), color=bar_colours(v, m), height=0.7)
        threshold_lines(ax, m)
        label_bars(ax, y, v)
        ax.set_title(f"{metric_words(metric)}\n(baseline mean {force_text(base)})", fontsize=9)
        ax.set_xlabel("change from baseline [%]")
    for ax in axes.flat[len(changes):]:
        ax.set_visible(False)
    axes[0, 0].set_yticks(y, labels)
    axes[0, 0].set_ylim(len(y) - 0.5, -0.5)
    for ax in axes.flat:
        ax.tick_params(axis="y", labelsize=8)
    suptitle(fig, f"Mean force of the upper-back muscles: change of each cause from the baseline (dashed: "
             f"±{m:g} %). Each panel has its own scale.", 10)
    save_figure(fig, path)
    return path


def label_bars(ax, y, values):
    """The value at each bar's end, and room for it inside the axes."""
    lo, hi = np.nanmin(np.append(values, 0)), np.nanmax(np.append(values, 0))
    pad = 0.28 * max(hi - lo, 1.0)
    ax.set_xlim(lo - (pad if lo < 0 else 0.05 * pad), hi + (pad if hi > 0 else 0.05 * pad))
    for yi, v in zip(y, values):
        if finite(v):
            ax.annotate(pct(v, ""), (v, yi), xytext=(3 if v >= 0 else -3, 0), textcoords="offset points",
                        ha="left" if v >= 0 else "right", va="center", fontsize=7)


def body_weight(study):
    """(newtons per unit, unit label): body weights when the baseline's body mass is recorded, else N."""
    mass = study.baseline("subject.body_mass_kg")
    if finite(mass) and mass > 0:
        weight = mass * GRAVITY
        return weight, "body weights, BW", f"BW = {mass:g} kg x {GRAVITY:.2f} m/s^2 = {weight:.0f} N"
    return 1.0, "N", ""


def heat_panels(study):
    """(baseline matrix, levels, [(cause, difference matrix)]) in the scale's unit, or None."""
    if "baseline" not in study.heat:
        return None
    scale = body_weight(study)[0]
    levels, base = study.heat["baseline"]
    diffs = []
    for cause in study.cause_ids:
        if cause in study.heat and study.heat[cause][0] == levels:
            diffs.append((cause, (study.heat[cause][1] - base) / scale))
    return base / scale, levels, diffs


def plot_compression_heatmap(study, path):
    panels = heat_panels(study)
    if panels is None:
        return None
    base, levels, diffs = panels
    _, unit, _ = body_weight(study)
    nrows, ncols = grid(len(diffs) + 1, 3)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.3 * ncols + 1.5, 3.3 * nrows + 0.8), sharex=True,
                             sharey=True, squeeze=False, constrained_layout=True)
    extent = [-0.5, 100.5, len(levels) - 0.5, -0.5]
    im = axes[0, 0].imshow(base, aspect="auto", cmap="magma", extent=extent, interpolation="nearest")
    axes[0, 0].set_title("Baseline: compression", fontsize=9)
    fig.colorbar(im, ax=axes[0, 0], label=f"compression [{unit}]", shrink=0.9)
    vmax = max([np.nanmax(np.abs(d)) for _, d in diffs] + [1e-9])  # one scale, centred on 0, for every cause
    for ax, (cause, d) in zip(axes.flat[1:], diffs):
        im_d = ax.imshow(d, aspect="auto", cmap="RdBu_r", vmin=-vmax, vmax=vmax, extent=extent,
                         interpolation="nearest")
        ax.set_title(wrapped(short_title(study.title(cause)), 30) + ": minus baseline", fontsize=9)
    if diffs:
        fig.colorbar(im_d, ax=list(axes[:, -1]), label=f"change from baseline [{unit}]",
                     shrink=0.6 if nrows > 1 else 0.95)
    for ax in axes.flat[len(diffs) + 1:]:
        ax.set_visible(False)
    axes[0, 0].set_yticks(range(len(levels)), levels)
    for ax in axes.flat:
        ax.tick_params(axis="y", labelsize=7)
    for ax in axes[:, 0]:
        ax.set_ylabel("level")
    for ax in axes[-1, :]:
        ax.set_xlabel("% of stride (0 = right-foot touchdown)")
    suptitle(fig, "Thoracic disc compression over the stride, averaged over the steady strides")
    save_figure(fig, path)
    return path


def plot_dose_response(study, path):
    series = {c: dose_points(study, c) for c in study.cause_ids}
    series = {c: r for c, r in series.items() if r is not None}
    if not series:
        return None
    m = study.meaningful
    columns = [("load_effect_percent", "change of peak compression [%]\n(at the cause file's largest level)"),
               ("cumulative_effect_percent", "change of compression per km [%]\n(at the cause file's largest level)"),
               ("effort_effect_percent", "change of upper-back muscle force [%]")]
    fig, axes = plt.subplots(1, 3, figsize=(15, 5), constrained_layout=True)
    for ax, (col, label) in zip(axes, columns):
        for k, (cause, rows) in enumerate(series.items()):
            x = np.concatenate([[0.0], rows["dose"].to_numpy(dtype=float)])
            y = np.concatenate([[0.0], rows[col].to_numpy(dtype=float)])
            ax.plot(x, y, marker="o", color=plt.cm.tab10(k % 10), label=short_title(study.title(cause)))
        threshold_lines(ax, m, vertical=False)
        ax.axvline(1.0, color="0.75", lw=0.8, ls=":")
        ax.set_xlabel("dose (fraction of the cause's change; 1 = the cause's file)")
        ax.set_ylabel(label)
        ax.grid(color="0.92", lw=0.6)
    axes[0].legend(fontsize=8)
    suptitle(fig, f"Dose-response: effects against the size of each cause (dashed: ±{m:g} %)")
    save_figure(fig, path)
    return path


def interaction_matrix(study):
    """(pairs, columns, pairs x columns interaction [%], matters mask): the levels C7_T1 ... T12_L1, then the
    upper-back muscle force."""
    df = study.interactions
    pairs = list(dict.fromkeys(df["causes"]))
    keys = [(lv, LOAD_METRIC) for lv in THORACIC] + [("trunk", EFFORT_METRIC)]
    keys = [k for k in keys if ((df["level"] == k[0]) & (df["metric"] == k[1])).any()]
    z = np.full((len(pairs), len(keys)), np.nan)
    mask = np.zeros(z.shape, bool)
    for _, r in df.iterrows():
        if (r["level"], r["metric"]) in keys:
            i, j = pairs.index(r["causes"]), keys.index((r["level"], r["metric"]))
            z[i, j], mask[i, j] = r["interaction_percent"], r["matters"] == "yes"
    columns = [lv if lv != "trunk" else "upper-back\nmuscle force" for lv, _ in keys]
    return pairs, columns, z, mask


def plot_interactions(study, path):
    if study.interactions is None or study.interactions.empty:
        return None
    pairs, columns, z, mask = interaction_matrix(study)
    m = study.meaningful
    vmax = max(np.nanmax(np.abs(z)) if np.isfinite(z).any() else 0.0, m)
    fig, ax = plt.subplots(figsize=(max(8, 0.75 * len(columns) + 4), 0.6 * len(pairs) + 2.4),
                           constrained_layout=True)
    im = ax.imshow(z, cmap="RdBu_r", vmin=-vmax, vmax=vmax, aspect="auto")
    for (i, j), v in np.ndenumerate(z):
        if np.isfinite(v):
            ax.text(j, i, pct(v, ""), ha="center", va="center", fontsize=7,
                    fontweight="bold" if mask[i, j] else "normal",
                    color="white" if abs(v) > 0.6 * vmax else "black")
        if mask[i, j]:  # the cells that reach the meaningful change, framed
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, ec="black", lw=1.5))
    ax.set_xticks(range(len(columns)), columns, fontsize=8, rotation=45, ha="right")
    ax.set_yticks(range(len(pairs)), [pair_words(study, p, "\n") for p in pairs], fontsize=8)
    ax.set_xlabel("peak compression at each level, and the upper-back muscle force")
    fig.colorbar(im, ax=ax, label="interaction [% of baseline]")
    ax.set_title(f"Interactions: change together minus the two changes alone (framed: at least {m:g} %)",
                 fontsize=10)
    save_figure(fig, path)
    return path


def figure_captions(study):
    """file name -> (plot function, short title, caption)."""
    m = study.meaningful
    _, unit, bw = body_weight(study)
    return {
        "effects_by_level.png": (plot_effects_by_level, "Peak compression per level and cause", (
            f"Change of the peak compression of each disc, {THORACIC[0]} (top) to {THORACIC[-1]}, for each "
            f"cause; red and blue bars change by at least the meaningful change ({m:g} %), grey ones less.")),
        "effort_by_cause.png": (plot_effort_by_cause, "Upper-back muscle force per cause", (
            "Change of the mean force of the upper-back muscles (all of them, the thoracic erector spinae, "
            "the rhomboids and the three parts of the trapezius) for each cause. A muscle with a tiny "
            "baseline force can change by a large percentage and still matter little: the baseline force is "
            "in each title.")),
        "compression_heatmap.png": (plot_compression_heatmap, "Compression over the stride", (
            f"Compression of the thoracic discs over the stride in {unit}{' (' + bw + ')' if bw else ''}, "
            "averaged over the steady strides, each stride resampled from touchdown to touchdown: the "
            "baseline, then each cause minus the baseline (red: more load, blue: less; one scale for all "
            "causes). A cause that changes the cadence is compared by % of its own stride.")),
        "dose_response.png": (plot_dose_response, "Dose-response", (
            "Effects against the dose, the fraction of the cause's change from the baseline (0 = baseline, "
            "1 = the cause as simulated above).")),
        "interactions.png": (plot_interactions, "Interactions of combined causes", (
            "Interaction of each pair of combined causes, in % of the baseline: the change with both minus "
            "the changes of each alone. Framed cells reach the meaningful change.")),
    }


def write_figures(study, outdir):
    """Write the figures the data allows; {file name: (short title, caption)} of those written. A figure the
    data no longer allows is removed, so the directory matches the report."""
    written = {}
    for name, (plot, title, caption) in figure_captions(study).items():
        path = os.path.join(outdir, name)
        if plot(study, path):
            written[name] = (title, caption)
        elif os.path.exists(path):
            os.remove(path)
    return written


def write_report(study, outdir):
    """Figures, report.md and report.html into outdir; returns the paths written."""
    os.makedirs(outdir, exist_ok=True)
    figures = write_figures(study, outdir)
    blocks = report_blocks(study, figures)
    write_text(os.path.join(outdir, "report.md"), render_markdown(blocks))
    write_text(os.path.join(outdir, "report.html"), render_html(blocks))
    return [os.path.join(outdir, n) for n in ["report.md", "report.html"] + list(figures)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the HDF5 file of spineload causes")
    parser.add_argument("-o", "--outdir",
                        help="output directory (default: <input stem>_report beside the input)")
    args = parser.parse_args(argv)
    outdir = args.outdir or os.path.splitext(args.file)[0] + "_report"
    try:
        study = load_study(args.file)
    except (FileNotFoundError, ValueError) as e:
        print(f"causes_report: {e}", file=sys.stderr)
        return 2
    print(*write_report(study, outdir), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
