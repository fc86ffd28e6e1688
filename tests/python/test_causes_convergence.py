#!/usr/bin/python3
"""scripts/causes_convergence.py on synthetic study files whose answers are known, and its scenario copy read
by the real CLI (each cause inherits the setting; no study is run).

Usage: /usr/bin/python3 tests/python/test_causes_convergence.py --spineload PATH --workdir DIR
Exits 1 if a check fails.
"""
import argparse
import importlib.util
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_runner import check, run_checks  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("causes_convergence", ROOT / "scripts" / "causes_convergence.py")
cc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cc)

LEVELS = ["T1_T2", "T7_T8"]


def write_study(path, changes, verdicts, cause_verdicts, peaks):
    """A study file: /causes rows (cause, level, metric) with change_percent and verdict, /causes_ranking, and a
    /summary with the baseline's per-level peaks."""
    rows = np.array(
        [(c.encode(), lv.encode(), m.encode(), b"o", 100.0, 100.0 + ch, ch, ch, b"claim", v.encode())
         for (c, lv, m), ch, v in zip(changes.keys(), changes.values(), verdicts)],
        dtype=[("cause", "S32"), ("level", "S16"), ("metric", "S48"), ("outcome", "S8"), ("baseline", "f8"),
               ("value", "f8"), ("change", "f8"), ("change_percent", "f8"), ("claim", "S8"), ("verdict", "S16")])
    ranking = np.array([(c.encode(), v.encode()) for c, v in cause_verdicts.items()],
                       dtype=[("cause", "S32"), ("verdict", "S16")])
    names = ["scenario"] + [f"{lv}.compression.peak" for lv in LEVELS]
    summary = np.array([(b"baseline", *peaks)], dtype=[(n, "S16" if n == "scenario" else "f8") for n in names])
    with h5py.File(path, "w") as f:
        f["causes"] = rows
        f["causes_ranking"] = ranking
        f["summary"] = summary
    return str(path)


def reference_rows():
    changes = {("posture", "T1_T2", "compression.peak"): 6.0, ("posture", "T7_T8", "compression.peak"): 2.0,
               ("posture", "trunk", "muscles.rhomboids.force.mean"): -12.0,
               ("warmup", "T1_T2", "compression.peak"): 0.5}
    verdicts = ["supported", "not supported", "opposite", "not claimed"]
    return changes, verdicts


def test_identical_studies(work):
    changes, verdicts = reference_rows()
    a = cc.load(write_study(work / "a.h5", changes, verdicts, {"posture": "supported"}, [700.0, 600.0]))
    families, causes_changed = cc.compare(a, a)
    check(causes_changed == [], causes_changed)
    check(families["compression"]["rows"] == 2, families)  # the "not claimed" row on both sides is skipped
    check(families["compression"]["changed"] == 0 and max(families["compression"]["moves"]) == 0.0, families)
    diffs = cc.baseline_differences(a, a)
    check(diffs["compression.peak"] == (0.0, 0.0), diffs)


def test_moves_and_verdicts(work):
    changes, verdicts = reference_rows()
    ref = cc.load(write_study(work / "ref.h5", changes, verdicts, {"posture": "supported", "warmup": "no"},
                              [700.0, 600.0]))
    moved = dict(changes)
    moved[("posture", "T1_T2", "compression.peak")] = 3.0  # 3 points less: below the threshold now
    moved[("posture", "trunk", "muscles.rhomboids.force.mean")] = -2.0  # 10 points
    other_verdicts = ["not supported", "not supported", "not supported", "not claimed"]
    other = cc.load(write_study(work / "other.h5", moved, other_verdicts,
                                {"posture": "not supported", "warmup": "no"}, [707.0, 600.0]))
    families, causes_changed = cc.compare(ref, other)
    check(causes_changed == ["posture"], causes_changed)
    check(families["compression"]["changed"] == 1, families)
    check(sorted(families["compression"]["moves"]) == [0.0, 3.0], families)
    check(families["muscles"]["changed"] == 1 and families["muscles"]["moves"] == [10.0], families)
    median, largest = cc.baseline_differences(ref, other)["compression.peak"]
    check(abs(largest - 1.0) < 1e-12 and abs(median - 0.5) < 1e-12, (median, largest))
    text = cc.report([(1e-4, 5000.0), (5e-4, 1000.0)], [str(work / "ref.h5"), str(work / "other.h5")])
    line = [x for x in text.splitlines() if x.startswith("| 0.0005 | 1000 |")]
    check(len(line) == 2, text)
    check("1 of 2 (posture)" in line[0], line[0])
    check("| 1/2; 1.50 / 2.7 |" in line[0], line[0])  # median of 0 and 3; 90th percentile 2.7


def test_settings_are_checked(_work):
    check(cc.parse_setting("0.0005:2000") == (0.0005, 2000.0), "parse")
    try:
        cc.parse_setting("0.0005")
    except SystemExit as e:
        check("dt_s:rate_hz" in str(e), str(e))
    else:
        check(False, "a setting without a rate must be refused")


def test_every_cause_inherits_the_setting(work, spineload):
    study = Path(cc.prepare(str(work / "copy"), 0.00025, 4000.0))
    check(study.name == "study.toml" and study.exists(), study)
    for scenario in ["baseline.toml", "core_weakness.toml"]:
        out = subprocess.run([spineload, "describe", str(study.parent / scenario)], capture_output=True,
                             text=True, check=True).stdout
        values = {line.split()[0]: line.split()[2] for line in out.splitlines()
                  if line.startswith(("simulation.dt_s ", "control.rate_hz "))}
        check(values == {"simulation.dt_s": "0.00025", "control.rate_hz": "4000"}, (scenario, values))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spineload", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    tests = [("identical studies", lambda: test_identical_studies(work)),
             ("moves and verdicts", lambda: test_moves_and_verdicts(work)),
             ("settings are checked", lambda: test_settings_are_checked(work)),
             ("every cause inherits the setting",
              lambda: test_every_cause_inherits_the_setting(work, args.spineload))]
    return run_checks("test_causes_convergence", tests)


if __name__ == "__main__":
    sys.exit(main())
