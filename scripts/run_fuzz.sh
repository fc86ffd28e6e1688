#!/usr/bin/env bash
# The libFuzzer targets of fuzz/ (docs/fuzzing.md): configures ./build-fuzz with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (-DSPINELOAD_BUILD_FUZZ=ON), builds the scenario- and sweep-parser targets and
# runs each for a bounded time from a seed corpus of every scenarios/**/*.toml (copied into a temporary
# folder). Exits non-zero on any finding (a crash, a sanitizer report, an unexpected exception, a timeout or
# running out of memory) and keeps its reproducer in build-fuzz/findings/. scripts/run_tests.sh runs it after
# the sanitizers; SPINELOAD_SKIP_FUZZ=1 skips it there.
#
# Environment: SPINELOAD_FUZZ_SECONDS  seconds per target (default 60)
#              SPINELOAD_FUZZ_JOBS     parallel compile jobs (default: the cores)
#              SPINELOAD_FUZZ_CORPUS   a folder to keep the grown corpus in between runs (default: temporary)
#              SPINELOAD_FUZZ_SKIP_BUILD=1  run the targets already in build-fuzz, as built
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SPINELOAD_FUZZ_SECONDS:-60}
jobs=${SPINELOAD_FUZZ_JOBS:-$(nproc)}
targets=(fuzz_scenario_parser fuzz_sweep_parser)
# The largest scenario file is about 6.4 kB (scenarios/causes/study.toml): room to grow, not to bloat.
max_len=8192

if [ "${SPINELOAD_FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  bash scripts/install_deps.sh
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DSPINELOAD_BUILD_FUZZ=ON -DSPINELOAD_BUILD_TESTS=OFF \
    -DSPINELOAD_BUILD_BENCH=OFF -DSPINELOAD_WITH_MPI=OFF -DSPINELOAD_WITH_MUJOCO=OFF \
    -DSPINELOAD_WITH_SIMBODY=OFF \
    > build-fuzz.log 2>&1 || { cat build-fuzz.log; exit 1; }
  cmake --build build-fuzz -j"$jobs" --target "${targets[@]}" >> build-fuzz.log 2>&1 ||
    { tail -n 80 build-fuzz.log; exit 1; }
fi

# A dictionary that misses a key added since it was generated only fuzzes less well: say so, go on.
dict=fuzz/scenario.dict
if ! /usr/bin/python3 fuzz/make_dict.py | cmp -s - "$dict"; then
  echo "run_fuzz: $dict is out of date; regenerate: /usr/bin/python3 fuzz/make_dict.py > $dict" >&2
fi

work=$(mktemp -d -t spineload-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p build-fuzz/findings
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

status=0
for target in "${targets[@]}"; do
  corpus=${SPINELOAD_FUZZ_CORPUS:+$SPINELOAD_FUZZ_CORPUS/$target}
  corpus=${corpus:-$work/corpus-$target}
  mkdir -p "$corpus" "$work/seeds-$target"
  # Seeds: every scenario file, its path flattened into the name (copies live only in the temporary folder).
  while IFS= read -r file; do
    cp "$file" "$work/seeds-$target/$(echo "${file#scenarios/}" | tr / _)"
  done < <(find scenarios -name '*.toml' | sort)
  log=$work/$target.log
  if "build-fuzz/fuzz/$target" "$corpus" "$work/seeds-$target" -dict="$dict" -max_len=$max_len \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="build-fuzz/findings/$target-" > "$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 || true)
    echo "run_fuzz: $target: ${runs:-?} inputs in ${seconds} s, no finding (${coverage:-cov: ?} edges)"
  else
    status=1
    echo "run_fuzz: $target: FINDING (reproduce: build-fuzz/fuzz/$target build-fuzz/findings/$target-*)" >&2
    grep -E -A40 '^==[0-9]+==|runtime error|deadly signal|timeout|out-of-memory' "$log" | head -n 80 >&2 ||
      tail -n 60 "$log" >&2
  fi
done
exit $status
