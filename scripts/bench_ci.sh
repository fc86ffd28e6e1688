#!/usr/bin/env bash
# The benchmarks CI tracks: a quick subset of the suite (dynamics at 12-96 bodies and on the trunk model beside
# MuJoCo and Simbody, the QP, the muscle geometry, the muscle step beside MuJoCo's, one second of the
# torque-driven scenario), medians of 3, compared with the
# baseline measured on the project's 2-core machine (bench/baseline.json) by scripts/bench_compare.py.
# Report only: CI machines differ from the baseline's, so a timing is never a test failure (exit 0 unless
# the benchmark binary or the comparison fails to run). On the baseline's machine, add --fail-on-regression:
#   bash scripts/bench_ci.sh build/bench/spineload_bench out/bench_ci --fail-on-regression
set -euo pipefail
bench=${1:?usage: bench_ci.sh PATH/spineload_bench OUT_DIR [bench_compare options]}
out=${2:?usage: bench_ci.sh PATH/spineload_bench OUT_DIR [bench_compare options]}
shift 2
here="$(cd "$(dirname "$0")" && pwd)"
filter='BM_(Aba|Rnea|Crba|StepEuler)/(chain|trunk)|BM_(MujocoForward|SimbodyForward)/(chain|trunk)|BM_BoxQp'
filter+='|BM_MuscleGeometry|BM_(MujocoMuscleStep|OursMuscleStep/implicit_euler)$'
filter+='|BM_ScenarioOneSecond/torques'
mkdir -p "$out"
"$bench" --benchmark_filter="$filter" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_out="$out/bench.json" --benchmark_out_format=json > "$out/bench.txt"
/usr/bin/python3 "$here/bench_compare.py" "$here/../bench/baseline.json" "$out/bench.json" \
  -o "$out/bench_compare.md" "$@"
