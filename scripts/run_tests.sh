#!/usr/bin/env bash
# Every test: install, build with warnings as errors, run the whole ctest suite (unit, reference against
# MuJoCo, validation checks, CLI and Python scripts, sweeps, the benchmark report), then the unit tests
# under AddressSanitizer and UndefinedBehaviorSanitizer (scripts/run_sanitizers.sh; skipped when
# SPINELOAD_SKIP_SANITIZERS=1), then the scenario- and sweep-parser fuzz targets for a bounded time
# (scripts/run_fuzz.sh; skipped when SPINELOAD_SKIP_FUZZ=1). Prints ctest's summaries; exits non-zero if
# anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh -DSPINELOAD_WERROR=ON
(cd build && ctest --output-on-failure -j"$(nproc)")
if [ "${SPINELOAD_SKIP_SANITIZERS:-0}" != 1 ]; then
  bash scripts/run_sanitizers.sh
fi
if [ "${SPINELOAD_SKIP_FUZZ:-0}" != 1 ]; then
  bash scripts/run_fuzz.sh
fi
