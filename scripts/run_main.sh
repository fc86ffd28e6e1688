#!/usr/bin/env bash
# The main job: install, build, run the default scenario and draw its figures.
#   out/minimal.h5            per-level loads over time (HDF5, docs/hdf5-schema.md)
#   out/minimal_loads.png     compression at every level over time, and its heat map
#   out/gait.png              GRF and pelvis acceleration over two strides, preferred vs long stride
#   out/muscles.png           muscle forces by group, abdominal pressure and trunk stability while running
#   out/figures/*.png         load heat map (level x stride %), time series and summary charts of the
#                             preferred-stride run (scripts/plot_results.py, docs/summaries.md)
# (The article's causes study replaces this run as the main job when it lands.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
mkdir -p out
./build/apps/spineload/spineload run scenarios/minimal.toml -o out/minimal.h5 --overwrite
/usr/bin/python3 scripts/plot_run.py out/minimal.h5 -o out/minimal_loads.png
# Running excitation: preferred stride against a 10 % longer one at the same speed (docs/gait.md).
for s in preferred_stride long_stride; do
  ./build/apps/spineload/spineload run "scenarios/gait/$s.toml" -o "out/$s.h5" --overwrite
done
/usr/bin/python3 scripts/plot_gait.py out/preferred_stride.h5 out/long_stride.h5 -o out/gait.png
/usr/bin/python3 scripts/plot_muscles.py out/preferred_stride.h5 -o out/muscles.png
/usr/bin/python3 scripts/plot_results.py out/preferred_stride.h5 -o out/figures
echo "wrote out/minimal.h5, out/minimal_loads.png, out/preferred_stride.h5, out/long_stride.h5, out/gait.png, out/muscles.png, out/figures/"
