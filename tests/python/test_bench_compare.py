#!/usr/bin/python3
"""scripts/bench_compare.py on Google Benchmark JSON files whose answers are known.

Usage: /usr/bin/python3 tests/python/test_bench_compare.py --workdir DIR [--bench PATH/spineload_bench]
With --bench, also compares a real (short) run of the benchmark binary with itself. Exits 1 if a check fails.
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_runner import check, run_checks  # noqa: E402

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench_compare.py"
PYTHON = "/usr/bin/python3"



def row(name, cpu, unit="us", real=None, **extra):
    r = {"name": name, "run_name": name, "run_type": "iteration", "iterations": 10, "cpu_time": cpu,
         "real_time": cpu if real is None else real, "time_unit": unit}
    r.update(extra)
    return r


def aggregate(name, cpu, which, unit="us"):
    return {"name": f"{name}_{which}", "run_name": name, "run_type": "aggregate", "aggregate_name": which,
            "iterations": 3, "cpu_time": cpu, "real_time": cpu, "time_unit": unit}


def write(path, rows, host="machine-a"):
    Path(path).write_text(json.dumps({"context": {"host_name": host, "num_cpus": 2}, "benchmarks": rows}))
    return str(path)


def run(*args):
    return subprocess.run([PYTHON, str(SCRIPT), *args], capture_output=True, text=True)


def table_row(out, name):
    lines = [line for line in out.splitlines() if line.startswith(f"| {name} |")]
    check(len(lines) == 1, f"one row for {name} in:\n{out}")
    return [c.strip() for c in lines[0].strip("|").split("|")]


def test_classification(work):
    base = write(work / "base.json", [
        row("BM_Slow", 10.0), row("BM_Fast", 10.0), row("BM_Same", 10.0),
        row("BM_Units", 1.0, unit="ms"), row("BM_Gone", 5.0),
        aggregate("BM_Rep", 100.0, "mean"), aggregate("BM_Rep", 20.0, "median"),
        row("BM_Wall/real_time", 1.0, real=50.0)])
    cur = write(work / "cur.json", [
        row("BM_Slow", 12.0), row("BM_Fast", 8.0), row("BM_Same", 10.9),
        row("BM_Units", 1100.0, unit="us"), row("BM_New", 1.0),
        aggregate("BM_Rep", 1.0, "mean"), aggregate("BM_Rep", 20.0, "median"),
        row("BM_Wall/real_time", 9.0, real=50.0)])
    r = run(base, cur, "--threshold", "0.15", "-o", str(work / "cmp.md"))
    check(r.returncode == 0, f"exit {r.returncode} without --fail-on-regression: {r.stderr}")
    check(table_row(r.stdout, "BM_Slow")[3:] == ["1.200", "regression"], "a 20 % slower benchmark regresses")
    check(table_row(r.stdout, "BM_Fast")[3:] == ["0.800", "improvement"], "a 20 % faster one improves")
    check(table_row(r.stdout, "BM_Same")[3:] == ["1.090", "same"], "9 % is within the 15 % threshold")
    check(table_row(r.stdout, "BM_Units")[3] == "1.100", "ms and us are converted")
    check(table_row(r.stdout, "BM_Rep")[3] == "1.000", "the median aggregate is compared, not the mean")
    check(table_row(r.stdout, "BM_Wall/real_time")[3] == "1.000", "real-time rows compare real time")
    check("Only in the baseline: BM_Gone" in r.stdout and "New (no baseline): BM_New" in r.stdout,
          "missing and new benchmarks are listed")
    check("1 regressions, 1 improvements" in r.stdout, r.stdout)
    check(Path(work / "cmp.md").read_text() == r.stdout, "the markdown file is the printed table")
    check(not [p for p in os.listdir(work) if ".tmp-" in p], "no temporary file left")
    failing = run(base, cur, "--fail-on-regression")
    check(failing.returncode == 1, f"--fail-on-regression exits 1 on a regression, got {failing.returncode}")
    fine = run(base, base, "--fail-on-regression")
    check(fine.returncode == 0, "a file compared with itself has no regression")


def test_iterations_median_and_errors(work):
    base = write(work / "b2.json", [row("BM_X", 10.0), row("BM_X", 30.0), row("BM_X", 11.0),
                                    row("BM_Err", 1.0)])
    cur = write(work / "c2.json", [row("BM_X", 11.0),
                                   row("BM_Err", 0.0, error_occurred=True, error_message="check failed")],
                host="machine-b")
    r = run(base, cur)
    check(table_row(r.stdout, "BM_X")[3] == "1.000", "repetitions without aggregates: their median (11)")
    check(table_row(r.stdout, "BM_Err")[4] == "error: check failed", "an error row is listed, not compared")
    check("measured on another machine" in r.stdout, "different hosts are said")


def test_bad_input(work):
    bad = work / "bad.json"
    bad.write_text("{ not json")
    r = run(str(bad), str(bad))
    check(r.returncode == 2 and r.stderr.count("\n") == 1 and "not JSON" in r.stderr, r.stderr)
    r = run(str(work / "missing.json"), str(bad))
    check(r.returncode == 2 and "cannot read" in r.stderr, r.stderr)
    other = write(work / "other.json", [])
    Path(other).write_text(json.dumps({"rows": []}))
    r = run(other, other)
    check(r.returncode == 2 and "no 'benchmarks' list" in r.stderr, r.stderr)
    r = run(other, other, "--threshold", "2")
    check(r.returncode == 2 and "--threshold" in r.stderr, r.stderr)


def test_real_run(work, bench):
    out = work / "real.json"
    subprocess.run([bench, "--benchmark_filter=BM_Aba/chain/12", "--benchmark_min_time=0.01",
                    f"--benchmark_out={out}", "--benchmark_out_format=json"], check=True, capture_output=True)
    r = run(str(out), str(out), "--fail-on-regression")
    check(r.returncode == 0 and "| BM_Aba/chain/12 |" in r.stdout, f"{r.returncode}: {r.stdout}{r.stderr}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--bench")
    args = parser.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    tests = [("classification", lambda: test_classification(work)),
             ("iterations, errors, machines", lambda: test_iterations_median_and_errors(work)),
             ("bad input", lambda: test_bad_input(work))]
    if args.bench and os.path.exists(args.bench):
        tests.append(("a real run against itself", lambda: test_real_run(work, args.bench)))
    return run_checks("test_bench_compare", tests)


if __name__ == "__main__":
    sys.exit(main())
