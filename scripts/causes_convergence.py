#!/usr/bin/python3
"""Convergence of the causes study in the time step and the control rate (docs/benchmarks.md, "Convergence").

Runs the whole study (scenarios/causes/study.toml: baseline, causes, doses, factorial) once per setting
dt_s:rate_hz, the first being the reference, and reports against it what a researcher reads from the study:
  - how many verdicts change (per cause, and per row among the rows a claim is about),
  - how far the effects move (|change_percent - reference|, percentage points, per outcome family),
  - the baseline's summaries (peak and mean compression, flexion moment, disc pressure; % of the reference).
Each setting runs on a copy of scenarios/ whose causes/baseline.toml includes the original and sets
[simulation] dt_s and [control] rate_hz, so every cause inherits them.

Usage:
  /usr/bin/python3 scripts/causes_convergence.py -o out/convergence \\
      0.0001:5000 0.000125:4000 0.00025:4000 0.0005:2000 0.0005:1000 0.001:1000
Options: --spineload PATH (default build/apps/spineload/spineload), --threads N, --reuse (keep finished
runs). Writes out/convergence/<dt>_<rate>/causes.h5 and out/convergence/convergence.md. About 25 s per
setting at 0.5 ms on two cores (the 0.1 ms reference: 85 s).
"""
import argparse
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IGNORED_VERDICTS = {"outside the model", "not claimed"}
BASELINE_METRICS = ["compression.peak", "compression.mean", "moment_fe.peak", "idp.peak", "shear_ap.peak"]


def parse_setting(text):
    try:
        dt, rate = (float(v) for v in text.split(":"))
    except ValueError:
        sys.exit(f"causes_convergence: setting '{text}': expected dt_s:rate_hz, e.g. 0.0005:2000")
    return dt, rate


def prepare(folder, dt, rate):
    """A copy of scenarios/ whose causes baseline sets the time step and the control rate."""
    scenarios = os.path.join(folder, "scenarios")
    shutil.rmtree(scenarios, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "scenarios"), scenarios)
    causes = os.path.join(scenarios, "causes")
    os.rename(os.path.join(causes, "baseline.toml"), os.path.join(causes, "baseline_as_shipped.toml"))
    with open(os.path.join(causes, "baseline.toml"), "w") as f:
        f.write(f'include = "baseline_as_shipped.toml"\n\n[simulation]\ndt_s = {dt!r}\n\n'
                f"[control]\nrate_hz = {rate!r}\n")
    return os.path.join(causes, "study.toml")


def run(args, dt, rate):
    folder = os.path.join(args.output, f"{dt:g}_{rate:g}")
    result = os.path.join(folder, "causes.h5")
    if args.reuse and os.path.exists(result):
        return result
    os.makedirs(folder, exist_ok=True)
    study = prepare(folder, dt, rate)
    command = [args.spineload, "causes", "--study", study, "-o", result, "--overwrite", "-q"]
    if args.threads:
        command += ["--threads", str(args.threads)]
    print(f"causes_convergence: dt {dt:g} s, {rate:g} Hz ...", flush=True)
    subprocess.run(command, check=True)
    return result


def load(path):
    with h5py.File(path, "r") as f:
        rows = {(r["cause"].decode(), r["level"].decode(), r["metric"].decode()):
                (r["verdict"].decode(), r["change_percent"], r["baseline"]) for r in f["causes"][:]}
        verdicts = {r["cause"].decode(): r["verdict"].decode() for r in f["causes_ranking"][:]}
        summary = f["summary"][:]
        names = summary.dtype.names
        row = summary[[s.decode() for s in summary["scenario"]].index("baseline")]
        baseline = {n: float(row[n]) for n in names if summary.dtype[n].kind == "f"}
    return rows, verdicts, baseline


def family(metric):
    return "muscles" if metric.startswith("muscles.") else metric.split(".")[0]


def compare(reference, other):
    """Per outcome family: rows judged, verdicts changed, effect moves (pp) over finite, nonzero baselines."""
    families = {}
    for key, (verdict, change, base) in reference[0].items():
        if key not in other[0]:
            continue
        verdict_b, change_b, _ = other[0][key]
        if verdict in IGNORED_VERDICTS and verdict_b in IGNORED_VERDICTS:
            continue
        fam = families.setdefault(family(key[2]), {"rows": 0, "changed": 0, "moves": []})
        fam["rows"] += 1
        fam["changed"] += verdict != verdict_b
        if np.isfinite(change) and np.isfinite(change_b) and base != 0.0:
            fam["moves"].append(abs(change - change_b))
    causes_changed = [c for c in reference[1] if reference[1][c] != other[1].get(c)]
    return families, causes_changed


def baseline_differences(reference, other):
    out = {}
    for metric in BASELINE_METRICS:
        columns = [c for c in reference[2] if c.endswith("." + metric) and c.count(".") == 2]
        rel = [100.0 * abs(other[2][c] - reference[2][c]) / abs(reference[2][c])
               for c in columns if abs(reference[2][c]) > 0.0]
        out[metric] = (float(np.median(rel)), float(np.max(rel))) if rel else (np.nan, np.nan)
    return out


def report(settings, results):
    reference = load(results[0])
    lines = [f"# Convergence of the causes study: reference dt {settings[0][0]:g} s, {settings[0][1]:g} Hz", "",
             "Per outcome family: verdicts changed (of the rows a claim is about), then how far the effects "
             "moved, |Δ change_percent| in percentage points, median / 90th percentile, against the reference. "
             "(The largest moves are rows whose baseline is near zero, where a percentage means little.)", ""]
    compared = [compare(reference, load(path)) for path in results[1:]]
    families = sorted({name for fams, _ in compared for name in fams})
    lines.append("| dt_s | rate_hz | causes' verdicts | " + " | ".join(families) + " |")
    lines.append("|" + " --- |" * (3 + len(families)))
    for (dt, rate), (fams, causes_changed) in zip(settings[1:], compared):
        cells = []
        for name in families:
            f = fams.get(name)
            cells.append("-" if not f or not f["moves"] else
                         f"{f['changed']}/{f['rows']}; {np.median(f['moves']):.2f} / "
                         f"{np.percentile(f['moves'], 90):.3g}")
        changed = f"{len(causes_changed)} of {len(reference[1])}" + (
            f" ({', '.join(causes_changed)})" if causes_changed else "")
        lines.append(f"| {dt:g} | {rate:g} | {changed} | " + " | ".join(cells) + " |")
    lines += ["", "The baseline's summaries over the levels, % of the reference, median / max:", ""]
    lines.append("| dt_s | rate_hz | " + " | ".join(BASELINE_METRICS) + " |")
    lines.append("|" + " --- |" * (2 + len(BASELINE_METRICS)))
    for (dt, rate), path in zip(settings[1:], results[1:]):
        diffs = baseline_differences(reference, load(path))
        lines.append(f"| {dt:g} | {rate:g} | " +
                     " | ".join(f"{diffs[m][0]:.2f} / {diffs[m][1]:.2f}" for m in BASELINE_METRICS) + " |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("settings", nargs="+", help="dt_s:rate_hz, the first the reference")
    parser.add_argument("-o", "--output", required=True, help="folder for the runs and convergence.md")
    parser.add_argument("--spineload", default=os.path.join(ROOT, "build", "apps", "spineload", "spineload"))
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--reuse", action="store_true", help="keep the runs already finished")
    args = parser.parse_args()
    settings = [parse_setting(s) for s in args.settings]
    if len(settings) < 2:
        sys.exit("causes_convergence: give a reference and at least one setting to compare with it")
    results = [run(args, dt, rate) for dt, rate in settings]
    text = report(settings, results)
    path = os.path.join(args.output, "convergence.md")
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)
    print(text, end="")


if __name__ == "__main__":
    main()
