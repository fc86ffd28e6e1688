#!/usr/bin/python3
"""Compare a Google Benchmark JSON with a stored baseline and flag regressions.

Usage:
  /usr/bin/python3 scripts/bench_compare.py bench/baseline.json out/bench.json [--threshold 0.15]
                   [--fail-on-regression] [-o out/bench_compare.md]

Each benchmark is matched by name. Its time is the median over repetitions (the "median" aggregate when the
run reported aggregates, else the median of its iterations), the CPU time unless the benchmark measures real
time (a name ending in "/real_time", as Google Benchmark names UseRealTime rows), in nanoseconds whatever the
unit. ratio = current / baseline: above 1 + threshold is a regression, below 1 - threshold an improvement.
Rows that report an error are left out and listed. Prints a table (and writes it as markdown with -o).
Exit status: 0, or 1 with --fail-on-regression when some benchmark regressed; 2 on bad input (one line).
Debian's libbenchmark-tools has compare.py too; it needs scipy for its U test, which Debian's python3 here
lacks, and it does not summarise regressions against a threshold.
"""
import argparse
import json
import os
import statistics
import sys

UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


class BadInput(Exception):
    pass


def load(path):
    """The benchmark file: its context and {name: (time_ns, error text or None)}."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as e:
        raise BadInput(f"{path}: cannot read ({e.strerror})")
    except json.JSONDecodeError as e:
        raise BadInput(f"{path}:{e.lineno}: not JSON ({e.msg}); expected --benchmark_out_format=json output")
    if not isinstance(data, dict) or not isinstance(data.get("benchmarks"), list):
        raise BadInput(f"{path}: no 'benchmarks' list; expected Google Benchmark JSON")
    return data.get("context", {}), times(data["benchmarks"], path)


def run_name(row):
    return row.get("run_name") or row["name"]


def row_time_ns(row, path):
    key = "real_time" if run_name(row).endswith("/real_time") else "cpu_time"
    unit = row.get("time_unit", "ns")
    if unit not in UNIT_NS or key not in row:
        raise BadInput(f"{path}: benchmark {row.get('name')}: no {key} in a known unit ({unit})")
    return float(row[key]) * UNIT_NS[unit]


def times(rows, path):
    """{name: (median time in ns or None, error or None)}, medians over repetitions."""
    medians, samples, errors = {}, {}, {}
    for row in rows:
        if "name" not in row:
            raise BadInput(f"{path}: a benchmark row without a name")
        name = run_name(row)
        if row.get("error_occurred"):
            errors[name] = row.get("error_message", "error")
        elif row.get("run_type") == "aggregate":
            if row.get("aggregate_name") == "median":
                medians[name] = row_time_ns(row, path)
        else:
            samples.setdefault(name, []).append(row_time_ns(row, path))
    out = {name: (statistics.median(v), None) for name, v in samples.items()}
    out.update({name: (t, None) for name, t in medians.items()})
    out.update({name: (None, e) for name, e in errors.items() if name not in out})
    return out


def compare(base, current, threshold):
    """Rows (name, baseline ns, current ns, ratio, status) for the benchmarks in both, in the current file's
    order, and the names only in one of them."""
    rows = []
    for name, (now, error) in current.items():
        if name not in base:
            continue
        then, base_error = base[name]
        if error or base_error or not then or now is None:
            rows.append((name, then, now, None, f"error: {error or base_error}"))
            continue
        ratio = now / then
        status = ("regression" if ratio > 1.0 + threshold else
                  "improvement" if ratio < 1.0 - threshold else "same")
        rows.append((name, then, now, ratio, status))
    only_base = [n for n in base if n not in current]
    only_current = [n for n in current if n not in base]
    return rows, only_base, only_current


def fmt_ns(ns):
    if ns is None:
        return "-"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def context_note(base_ctx, cur_ctx):
    """A warning when the two runs come from different machines, whose times do not compare."""
    keys = ("host_name", "num_cpus", "mhz_per_cpu")
    diff = [k for k in keys if k in base_ctx and k in cur_ctx and base_ctx[k] != cur_ctx[k]]
    if not diff:
        return ""
    said = ", ".join(f"{k} {base_ctx[k]} vs {cur_ctx[k]}" for k in diff)
    return f"note: the baseline was measured on another machine ({said}); the ratios mix machine and code."


def report(rows, only_base, only_current, threshold, note):
    lines = [f"| benchmark | baseline | current | ratio | status (threshold ±{threshold:.0%}) |",
             "| --- | ---: | ---: | ---: | --- |"]
    for name, then, now, ratio, status in rows:
        r = "-" if ratio is None else f"{ratio:.3f}"
        lines.append(f"| {name} | {fmt_ns(then)} | {fmt_ns(now)} | {r} | {status} |")
    regressions = [r for r in rows if r[4] == "regression"]
    lines.append("")
    lines.append(f"{len(rows)} compared, {len(regressions)} regressions, "
                 f"{sum(r[4] == 'improvement' for r in rows)} improvements; "
                 f"{len(only_base)} only in the baseline, {len(only_current)} new.")
    if only_base:  # a run of a subset (scripts/bench_ci.sh) leaves most of the baseline out: name a few
        shown = ", ".join(only_base[:10]) + (f" and {len(only_base) - 10} more" if len(only_base) > 10 else "")
        lines.append("Only in the baseline: " + shown)
    if only_current:
        lines.append("New (no baseline): " + ", ".join(only_current))
    if note:
        lines.append(note)
    return "\n".join(lines) + "\n", regressions


def write_atomically(path, text):
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline")
    parser.add_argument("current")
    parser.add_argument("--threshold", type=float, default=0.15,
                        help="relative change that counts (default 0.15: the run-to-run spread of the "
                             "slowest benchmarks on a 2-core machine is about ±10 %%)")
    parser.add_argument("--fail-on-regression", action="store_true", help="exit 1 when any benchmark regressed")
    parser.add_argument("-o", "--output", help="write the table as markdown too")
    args = parser.parse_args(argv)
    try:
        if not 0.0 < args.threshold < 1.0:
            raise BadInput(f"--threshold {args.threshold}: allowed a fraction in (0, 1), e.g. 0.15")
        base_ctx, base = load(args.baseline)
        cur_ctx, current = load(args.current)
    except BadInput as e:
        print(f"bench_compare: {e}", file=sys.stderr)
        return 2
    rows, only_base, only_current = compare(base, current, args.threshold)
    text, regressions = report(rows, only_base, only_current, args.threshold, context_note(base_ctx, cur_ctx))
    print(text, end="")
    if args.output:
        write_atomically(args.output, text)
    return 1 if args.fail_on_regression and regressions else 0


if __name__ == "__main__":
    sys.exit(main())
