#!/usr/bin/python3
"""The causes report (scripts/causes_report.py) on a small synthetic causes file whose answers are known, and
end to end on a very small study run by the binary.

Usage: /usr/bin/python3 tests/python/test_causes_report.py [--spineload PATH/spineload] --workdir DIR
Without --spineload (or when the binary is missing) the end-to-end part is reported as skipped.
Exits 1 if any check fails.
"""
import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "causes_report.py"
sys.path.insert(0, str(REPO / "scripts"))
import causes_report  # noqa: E402
from spineload_results import Results  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_runner import check, run_checks  # noqa: E402

FIGURES = ["effects_by_level.png", "effort_by_cause.png", "compression_heatmap.png", "dose_response.png",
           "interactions.png"]
LEVELS = ["C7_T1", "T7_T8", "T12_L1"]
PERIOD = 0.5  # s, the synthetic stride
OFFSET_N = 150.0  # core_weak's compression is the baseline's + OFFSET_N
STUDY_TOML = """\
meaningful_change_percent = 5.0
meaningful_asymmetry_points = 2.0

[[cause]]
id = "core_weak"
title = "Core weakness"
file = "core_weak.toml"
claim = "A weak core loads the spine more and the upper back works harder."
outcomes = ["thoracic_compression", "upper_back_effort"]
outside = ["fatigue of the core"]
doses = [0.5]
doses_note = "0.5: strength 0.75"

[[cause]]
id = "slouch"
title = "Slouching (hyperkyphosis)"
file = "slouch.toml"
claim = "A slouch makes the upper back work harder."
outcomes = ["upper_back_effort"]
outside = ["neck pain", "nerve irritation"]
"""
CAUSE_TOMLS = {"core_weak": 'include = "baseline.toml"\n[core]\n# weak: an estimate\nstrength = 0.5\n',
               "slouch": 'include = "baseline.toml"\n[posture]\nthoracic_kyphosis_deg = 50.0\n'}


def check_png(path):
    check(os.path.exists(path), f"{path} not written")
    check(os.path.getsize(path) > 5_000, f"{path}: {os.path.getsize(path)} bytes")
    pixels = matplotlib.image.imread(path)
    check(pixels.ndim == 3 and pixels[..., :3].std() > 0.02, f"{path}: a blank image")


def run_report(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True)


# --- the synthetic file -------------------------------------------------------------------------------------
def compound(f, name, columns, rows, units=None):
    """A compound table like the writer's: vlen strings, units and descriptions attributes."""
    s = h5py.string_dtype("utf-8")
    dtype = [(c, s if t == "s" else t) for c, t in columns]
    ds = f.create_dataset(name, data=np.array([tuple(r) for r in rows], dtype=dtype))
    ds.attrs.create("units", units or ["-"] * len(columns), dtype=s)
    ds.attrs.create("descriptions", [c for c, _ in columns], dtype=s)
    return ds


def baseline_compression(t):
    """Level i: 1000 (i + 1) N plus a 500 N sine locked to the stride."""
    phase = (t / PERIOD) % 1.0
    return np.column_stack([1000.0 * (i + 1) + 500.0 * np.sin(2 * np.pi * phase) for i in range(len(LEVELS))])


def write_scenarios(f):
    s = h5py.string_dtype("utf-8")
    t = np.linspace(0.0, 3.0, 1501)  # 6 whole strides, the first 2 dropped
    base = baseline_compression(t)
    series = {"baseline": base, "core_weak": base + OFFSET_N, "slouch": 1.1 * base}
    for sid, values in series.items():
        g = f.create_group(f"scenarios/{sid}")
        attrs = dict(stride_period_s=PERIOD, drop_strides=2, window_start_s=1.0, window_end_s=3.0)
        for k, v in attrs.items():
            g.attrs[k] = v
        g["time"] = t
        for j, lv in enumerate(LEVELS):
            ds = g.create_dataset(f"levels/{lv}/compression", data=values[:, j])
            ds.attrs.create("units", "N", dtype=s)
    f.create_group("scenarios/dose_core_weak_50")  # dose points hold no time series


def write_summary(f):
    cols = [("scenario", "s"), ("status", "s"), ("sweep_index", "i8"), ("subject.body_mass_kg", "f8"),
            ("gait.speed_m_s", "f8"), ("core.strength", "f8"), ("posture.thoracic_kyphosis_deg", "f8"),
            ("strides_used", "i8"), ("stride_period_s", "f8"), ("T7_T8.compression.peak", "f8")]
    rows = [("baseline", "ok", 0, 73.0, 3.0, 1.0, 33.2, 4, PERIOD, 2500.0),
            ("core_weak", "ok", 1, 73.0, 3.0, 0.5, 33.2, 4, PERIOD, 2808.5),
            ("slouch", "ok", 2, 73.0, 3.0, 1.0, 50.0, 4, PERIOD, 2475.0),
            ("dose_core_weak_50", "ok", 3, 73.0, 3.0, 0.75, 33.2, 4, PERIOD, 2650.0),
            ("combo_core_weak+slouch", "ok", 4, 73.0, 3.0, 0.5, 50.0, 4, PERIOD, 2700.0)]
    compound(f, "summary", cols, rows, ["-", "-", "1", "kg", "m/s", "1", "deg", "1", "s", "N"])


def causes_rows():
    """/causes: known changes. core_weak: peak compression median +8 %, +12.34 % at T7_T8 (supported), effort -2 % (not
    supported, though the rhomboids' +8 % is: it does not decide); slouch: peak compression -7.66 % at T12_L1
    (not claimed), effort +25.04 % (supported)."""
    claim = {"core_weak": "A weak core loads the spine more.",
             "slouch": "A slouch makes the upper back work."}
    load = {"core_weak": [6.0, 12.34, 8.0], "slouch": [-1.0, -1.0, -7.66]}  # core_weak: median +8.0 %
    effort = {"core_weak": (-2.0, 8.0), "slouch": (25.04, 40.0)}  # headline first, then rhomboids
    rows = []
    for cause in ("core_weak", "slouch"):
        for lv, p in zip(LEVELS, load[cause]):
            verdict = ("supported" if p >= 5 else "not supported") if cause == "core_weak" else "not claimed"
            rows.append((cause, lv, "compression.peak", "thoracic_compression", 2000.0, 2000 * (1 + p / 100),
                         20 * p, p, claim[cause], verdict))
        metrics = ("regions.upper_back.force.mean", "muscles.rhomboids.force.mean")
        for metric, p in zip(metrics, effort[cause]):
            verdict = "supported" if p >= 5 else "not supported"
            rows.append((cause, "trunk", metric, "upper_back_effort", 1000.0, 1000 * (1 + p / 100), 10 * p, p,
                         claim[cause], verdict))
    rows.append(("slouch", "-", "neck pain", "outside", np.nan, np.nan, np.nan, np.nan, claim["slouch"],
                 "outside the model"))
    return rows


def write_tables(f):
    s_cols = [("cause", "s"), ("level", "s"), ("metric", "s"), ("outcome", "s"), ("baseline", "f8"),
              ("value", "f8"), ("change", "f8"), ("change_percent", "f8"), ("claim", "s"), ("verdict", "s")]
    compound(f, "causes", s_cols, causes_rows())
    r_cols = [("cause", "s"), ("title", "s"), ("claim", "s"), ("verdict", "s"), ("supported_outcomes", "s"),
              ("unsupported_outcomes", "s"), ("evidence", "s"), ("outside", "s"),
              ("load_effect_percent", "f8"), ("load_effect_level", "s"), ("effort_effect_percent", "f8"),
              ("rank_load", "i8"), ("rank_effort", "i8")]
    ranking = [
        ("core_weak", "Core weakness", "A weak core loads the spine more.", "partly supported",
         "thoracic_compression", "upper_back_effort", "thoracic_compression: supported, compression.peak "
         "median +8.0 % over 3 levels (largest +12.3 % at T7_T8); upper_back_effort: not supported, regions.upper_back.force.mean -2.0 %",
         "fatigue of the core", 12.34, "T7_T8", -2.0, 1, 2),
        ("slouch", "Slouching (hyperkyphosis)", "A slouch makes the upper back work.", "supported",
         "upper_back_effort", "", "upper_back_effort: supported, regions.upper_back.force.mean +25.0 %",
         "neck pain; nerve irritation", -7.66, "T12_L1", 25.04, 2, 1)]
    compound(f, "causes_ranking", r_cols, ranking)
    d_cols = [("cause", "s"), ("scenario", "s"), ("dose", "f8"), ("key", "s"), ("key_value", "f8"),
              ("load_effect_percent", "f8"), ("load_effect_level", "s"), ("cumulative_effect_percent", "f8"),
              ("cumulative_effect_level", "s"), ("effort_effect_percent", "f8"), ("status", "s")]
    compound(f, "causes_doses", d_cols, [
        ("core_weak", "baseline", 0.0, "core.strength", 1.0, 0.0, "T7_T8", 0.0, "T7_T8", 0.0, "ok"),
        ("core_weak", "dose_core_weak_50", 0.5, "core.strength", 0.75, 6.0, "T7_T8", 5.0, "T7_T8", -1.0, "ok"),
        ("core_weak", "core_weak", 1.0, "core.strength", 0.5, 12.34, "T7_T8", 10.0, "T7_T8", -2.0, "ok"),
        ("slouch", "baseline", 0.0, "posture.thoracic_kyphosis_deg", 33.2, 0.0, "T12_L1", 0.0, "T12_L1", 0.0,
         "ok"),
        ("slouch", "slouch", 1.0, "posture.thoracic_kyphosis_deg", 50.0, -7.66, "T12_L1", -3.0, "T12_L1", 25.04,
         "ok")])
    i_cols = [("causes", "s"), ("level", "s"), ("metric", "s"), ("effect_a_percent", "f8"),
              ("effect_b_percent", "f8"), ("combined_percent", "f8"), ("interaction_percent", "f8"),
              ("factorial_interaction_percent", "f8"), ("matters", "s")]
    inter = [("core_weak x slouch", lv, "compression.peak", 3.0, -1.0, 1.0, -1.0, -1.0, "no")
             for lv in LEVELS]
    inter[1] = ("core_weak x slouch", "T7_T8", "compression.peak", 12.34, -1.0, 4.84, -6.5, -6.5, "yes")
    inter.append(("core_weak x slouch", "trunk", "regions.upper_back.force.mean", -2.0, 25.04, 24.0, 0.96,
                  0.96, "no"))
    compound(f, "causes_interactions", i_cols, inter)


def write_synthetic(path):
    s = h5py.string_dtype("utf-8")
    with h5py.File(path, "w") as f:
        f.attrs.create("study", "causes", dtype=s)
        f.attrs["meaningful_change_percent"] = 5.0
        f.attrs["meaningful_asymmetry_points"] = 2.0
        f.attrs.create("causes_study_file", "study.toml", dtype=s)
        f.attrs.create("causes_study_toml", STUDY_TOML, dtype=s)
        f.attrs.create("causes_files", [f"causes/{c}.toml" for c in CAUSE_TOMLS], dtype=s)
        f.attrs.create("causes_files_toml", list(CAUSE_TOMLS.values()), dtype=s)
        write_scenarios(f)
        write_summary(f)
        write_tables(f)


# --- checks on the synthetic file ---------------------------------------------------------------------------
def table_row(md, first_cell):
    rows = [line for line in md.splitlines() if line.startswith(f"| {first_cell} |")]
    check(len(rows) == 1, f"one table row for {first_cell}, found {len(rows)}")
    return [c.strip() for c in rows[0].strip("|").split("|")]


def test_report_synthetic(workdir):
    src = os.path.join(workdir, "synthetic_causes.h5")
    out = os.path.join(workdir, "synthetic_report")
    write_synthetic(src)
    run = run_report(src, "-o", out)
    check(run.returncode == 0, f"causes_report.py exited {run.returncode}:\n{run.stdout}{run.stderr}")
    for name in ["report.md", "report.html"]:
        check(os.path.getsize(os.path.join(out, name)) > 1000, f"{name} missing or short")
    for name in FIGURES:
        check_png(os.path.join(out, name))
    md = Path(out, "report.md").read_text(encoding="utf-8")
    check(table_row(md, "Core weakness")[1:4] == ["partly supported", "+12.3 % at T7_T8", "-2.0 %"],
          f"ranking row: {table_row(md, 'Core weakness')}")
    check(table_row(md, "Slouching (hyperkyphosis)")[1:4] == ["supported", "-7.7 % at T12_L1", "+25.0 %"],
          f"ranking row: {table_row(md, 'Slouching (hyperkyphosis)')}")
    check_sections(md)
    html = Path(out, "report.html").read_text(encoding="utf-8")
    check("<table>" in html and 'src="compression_heatmap.png"' in html and "+12.3 % at T7_T8" in html,
          "report.html lacks the ranking or the figures")
    leftovers = [n for n in os.listdir(out) if n.startswith(".") or n.endswith(".tmp")]
    check(not leftovers, f"temporary files left: {leftovers}")
    again = run_report(src, "-o", out)
    check(again.returncode == 0 and Path(out, "report.md").read_text(encoding="utf-8") == md,
          "a second run gives a different report.md")


def check_sections(md):
    """Per-cause sections, the interactions and the limits, with the known numbers."""
    check("judged on its headline metric" in md, "the verdict rule")
    core = md.split("### Core weakness", 1)[1].split("###", 1)[0]
    check("`core.strength` = 0.5 (baseline 1)" in core, f"core weakness section: {core[:300]}")
    check("0.5 and 1 times the change" in core and "0.75 and 0.5" in core, "core weakness dose sentence")
    check("the peak compression at T7_T8 changed +6.0 and +12.3 %" in core, "dose effects read at one level")
    check("Thoracic compression: supported, +8.0 % at the median level, largest +12.3 % (peak compression at "
          "T7_T8)" in core,
          f"core weakness outcome: {core}")
    check("upper-back muscle effort: not supported, -2.0 % (upper-back muscle force, baseline "
          "1000 N), though rhomboid force (baseline 1000 N) changes +8.0 %, which does not decide" in core,
          f"core weakness: the headline decides: {core}")
    slouch = md.split("### Slouching (hyperkyphosis)", 1)[1].split("##", 1)[0]
    check("`posture.thoracic_kyphosis_deg` = 50 deg (baseline 33.2 deg)" in slouch,
          f"slouch section: {slouch}")
    check("neck pain; nerve irritation" in slouch, "slouch: outside the model")
    inter = md.split("## Interactions that matter", 1)[1].split("## Limits", 1)[0]
    check("| Core weakness with slouching | peak compression at T7_T8 |" in inter and "-6.5 %" in inter,
          f"interactions: {inter}")
    check("not clinical" in md.split("## Limits", 1)[1],
          "the limits lack the mechanical-not-clinical sentence")


def test_heatmap_difference(workdir):
    """The stride-averaged matrix: a cause that is baseline + c differs from the baseline by exactly c, and
    the baseline's matrix is the known sine profile."""
    src = os.path.join(workdir, "synthetic_causes.h5")
    if not os.path.exists(src):
        write_synthetic(src)
    with Results(src) as r:
        summary = r.summary()
        levels, base = causes_report.stride_matrix(r, summary, "baseline")
        levels_c, cause = causes_report.stride_matrix(r, summary, "core_weak")
    check(levels == levels_c == LEVELS and base.shape == (3, causes_report.STRIDE_POINTS),
          f"shape {base.shape}")
    diff = cause - base
    check(np.allclose(diff, OFFSET_N, atol=1e-9), f"difference {diff.min()} .. {diff.max()}, not {OFFSET_N}")
    s = np.linspace(0, 1, causes_report.STRIDE_POINTS)
    expected = np.array([1000.0 * (i + 1) + 500 * np.sin(2 * np.pi * s) for i in range(3)])
    err = np.abs(base - expected).max()
    check(err < 0.2, f"baseline profile off by {err:.3g} N")
    t = np.linspace(0, 3.0, 1501)
    check(causes_report.stride_average(t, t, 0.5, 6) is None, "no whole steady stride: None")


def test_errors(workdir):
    bad = os.path.join(workdir, "not_causes.h5")
    with h5py.File(bad, "w") as f:
        f["summary"] = np.zeros(3)
    for path in (bad, os.path.join(workdir, "missing.h5")):
        run = run_report(path, "-o", os.path.join(workdir, "bad_report"))
        check(run.returncode == 2, f"{path}: exit {run.returncode}, not 2")
        check(len(run.stderr.strip().splitlines()) == 1, f"{path}: not one line: {run.stderr}")
    check("not a causes study file: run spineload causes first" in run_report(bad).stderr, "the message")
    check(not os.path.exists(os.path.join(workdir, "bad_report")), "a failed run made its output directory")


def test_default_outdir(workdir):
    src = os.path.join(workdir, "default_out.h5")
    write_synthetic(src)
    run = run_report(src)
    check(run.returncode == 0, f"exit {run.returncode}: {run.stderr}")
    check(os.path.exists(os.path.join(workdir, "default_out_report", "report.md")), "<stem>_report/report.md")


# --- end to end ---------------------------------------------------------------------------------------------
def study_toml():
    causes = REPO / "scenarios" / "causes"
    return f"""\
# Written by tests/python/test_causes_report.py: two causes, one dose, their combination.
baseline = "{causes / 'baseline.toml'}"
meaningful_change_percent = 5.0
meaningful_asymmetry_points = 2.0

[[cause]]
id = "poor_posture"
title = "Poor posture (hyperkyphosis, forward head)"
file = "{causes / 'poor_posture.toml'}"
claim = "A slouched upper back with the head forward loads the thoracic spine and its extensors more."
outcomes = ["thoracic_compression", "upper_back_effort"]
outside = ["neck and upper-back pain"]
doses = [0.5]
doses_note = "0.5: half the change"

[[cause]]
id = "overstriding"
title = "Overstriding"
file = "{causes / 'overstriding.toml'}"
claim = "Landing with the foot far ahead of the body sends a larger impact up through the spine."
outcomes = ["impact", "thoracic_compression"]
outside = ["heel and knee injuries"]

[factorial]
causes = ["poor_posture", "overstriding"]
"""


def test_end_to_end(spineload, workdir):
    study = os.path.join(workdir, "study.toml")
    Path(study).write_text(study_toml(), encoding="utf-8")
    out = os.path.join(workdir, "out.h5")
    start = time.monotonic()
    cli = [spineload, "causes", "--study", study, "-o", out, "--duration", "3", "--threads", "2", "-q",
           "--overwrite"]
    run = subprocess.run(cli, capture_output=True, text=True)
    check(run.returncode == 0, f"spineload causes exited {run.returncode}:\n{run.stdout}{run.stderr}")
    print(f"ran the study in {time.monotonic() - start:.1f} s", flush=True)
    report = os.path.join(workdir, "e2e_report")
    run = run_report(out, "-o", report)
    check(run.returncode == 0, f"causes_report.py exited {run.returncode}:\n{run.stdout}{run.stderr}")
    for name in FIGURES:
        check_png(os.path.join(report, name))
    md = Path(report, "report.md").read_text(encoding="utf-8")
    for title in ("Poor posture (hyperkyphosis, forward head)", "Overstriding"):
        check(len(table_row(md, title)) == 6, f"ranking row of {title}")
    check(os.path.exists(os.path.join(report, "report.html")), "report.html")
    check_outcomes_match_ranking(out)


def check_outcomes_match_ranking(path):
    """The report's median change of each claimed outcome's headline metric, recomputed from /causes, is the
    one the engine's ranking judged (its evidence: "outcome: verdict, metric median +X.X % over N levels")."""
    study = causes_report.load_study(path)
    for cause in study.cause_ids:
        evidence = study.ranking.set_index("cause").loc[cause]["evidence"]
        for o in causes_report.claimed_outcomes(study, cause):
            verdict, typical, _, _ = causes_report.outcome_finding(study, cause, o)
            if typical is None:
                continue
            part = [p for p in causes_report.split_list(evidence) if p.startswith(o + ": ")][0]
            check(f"median {typical:+.1f}" in part, f"{cause} {o}: report median {typical:+.1f}, engine {part}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spineload", help="the spineload binary (end-to-end part; skipped without it)")
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args(argv)
    os.makedirs(args.workdir, exist_ok=True)
    tests = [("report of a synthetic file", lambda: test_report_synthetic(args.workdir)),
             ("heat map difference and stride average", lambda: test_heatmap_difference(args.workdir)),
             ("missing file and missing /causes exit 2", lambda: test_errors(args.workdir)),
             ("default output directory", lambda: test_default_outdir(args.workdir))]
    if args.spineload and os.path.exists(args.spineload):
        tests.append(("end to end on a small study", lambda: test_end_to_end(args.spineload, args.workdir)))
    else:
        print(f"skip end to end: no spineload binary ({args.spineload})", flush=True)
    return run_checks("test_causes_report", tests)


if __name__ == "__main__":
    sys.exit(main())
