#!/usr/bin/env bash
# Configures and builds spineload (Release, -O3) in ./build. Extra arguments go to cmake's configure step,
# e.g. scripts/build.sh -DSPINELOAD_WERROR=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j"$(nproc)" >> build.log 2>&1 || { tail -n 80 build.log; exit 1; }
