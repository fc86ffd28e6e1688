#!/usr/bin/env bash
# The unit tests (spineload_tests, and the spineload command they run) under AddressSanitizer (with leak
# detection) and UndefinedBehaviorSanitizer, in ./build-asan (-O1 -g; warnings not errors: GCC 12 reports
# false -Wmaybe-uninitialized inside libstdc++ under -fsanitize). Any report fails the run
# (-fno-sanitize-recover). About 7 min to build and 10 min to run on 2 cores. scripts/run_tests.sh runs it
# after the main suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DSPINELOAD_SANITIZE=address,undefined -DSPINELOAD_BUILD_BENCH=OFF -DSPINELOAD_WERROR=OFF \
  > build-asan.log 2>&1 || { cat build-asan.log; exit 1; }
cmake --build build-asan -j"$(nproc)" --target spineload_tests spineload >> build-asan.log 2>&1 ||
  { tail -n 80 build-asan.log; exit 1; }
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Only the unit tests are built here: leave out the Python, CLI-script, sweep, benchmark and validation tests.
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -LE "validation|sweep|bench" \
  -E "^(Python|Cli|Sweep|Bench)\.|_NOT_BUILT$"
