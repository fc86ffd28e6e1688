#!/usr/bin/env bash
# The main job: install, build, run the default scenario and draw its figures.
#   out/minimal.h5            per-level loads over time (HDF5, docs/hdf5-schema.md)
#   out/minimal_loads.png     compression at every level over time, and its heat map
# (The article's causes study replaces this run as the main job when it lands.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
mkdir -p out
./build/apps/spineload/spineload run scenarios/minimal.toml -o out/minimal.h5 --overwrite
/usr/bin/python3 scripts/plot_run.py out/minimal.h5 -o out/minimal_loads.png
echo "wrote out/minimal.h5 and out/minimal_loads.png"
