#!/usr/bin/python3
"""Figures of one spineload run: compression over time at every level, and as a heat map.

Usage: /usr/bin/python3 scripts/plot_run.py out/minimal.h5 -o out/minimal_loads.png [--scenario ID]
Runs with Debian's python3 (h5py, numpy, matplotlib from apt).
"""
import argparse
import os
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

# Top to bottom, as ../shared/DESIGN.md §5 names them.
LEVELS = ["C7_T1"] + [f"T{i}_T{i + 1}" for i in range(1, 12)] + ["T12_L1"] + [f"L{i}_L{i + 1}" for i in range(1, 5)] + ["L5_S1"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--scenario", help="scenario id (default: the first)")
    args = parser.parse_args()
    with h5py.File(args.file, "r") as f:
        scenarios = f["scenarios"]
        sid = args.scenario or sorted(scenarios.keys())[0]
        g = scenarios[sid]
        t = g["time"][()]
        levels = [lv for lv in LEVELS if lv in g["levels"]]
        comp = np.array([g["levels"][lv]["compression"][()] for lv in levels])
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(9, 8), constrained_layout=True)
    colors = plt.cm.viridis(np.linspace(0, 1, len(levels)))
    for lv, c, col in zip(levels, comp, colors):
        ax1.plot(t, c, color=col, lw=0.8, label=lv)
    ax1.set_xlabel("time [s]")
    ax1.set_ylabel("compression [N]")
    ax1.set_title(f"{os.path.basename(args.file)}: scenario {sid}")
    ax1.legend(ncol=6, fontsize=6, loc="upper right")
    im = ax2.imshow(comp, aspect="auto", extent=[t[0], t[-1], len(levels) - 0.5, -0.5], cmap="magma")
    ax2.set_yticks(range(len(levels)))
    ax2.set_yticklabels(levels, fontsize=6)
    ax2.set_xlabel("time [s]")
    fig.colorbar(im, ax=ax2, label="compression [N]")
    tmp = args.output + ".tmp.png"
    fig.savefig(tmp, dpi=120)
    os.replace(tmp, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
