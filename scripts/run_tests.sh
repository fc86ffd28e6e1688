#!/usr/bin/env bash
# Every test: install, build with warnings as errors, run the whole ctest suite (unit, reference against
# MuJoCo, CLI). Prints ctest's summary; exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh -DSPINELOAD_WERROR=ON
cd build
ctest --output-on-failure -j"$(nproc)"
