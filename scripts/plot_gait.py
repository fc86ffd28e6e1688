#!/usr/bin/python3
"""Ground reaction force and pelvis acceleration over two strides, for two or more runs of spineload.

Usage: /usr/bin/python3 scripts/plot_gait.py out/preferred.h5 out/long.h5 -o out/gait.png
Each file's first scenario is drawn; the last two whole strides are shown, aligned on a right touchdown.
"""
import argparse
import os

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def load(path):
    with h5py.File(path, "r") as f:
        sid = sorted(f["scenarios"].keys())[0]
        g = f["scenarios"][sid]
        if "grf" not in g:
            raise SystemExit(f"{path}: no grf/ group (gait.mode must be 'running' without a motion file)")
        return sid, g["time"][()], g["grf/vertical"][()], g["grf/fore_aft"][()], g["pelvis/acceleration"][()]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("files", nargs="+")
    p.add_argument("-o", "--output", required=True)
    a = p.parse_args()
    fig, ax = plt.subplots(3, 1, figsize=(8, 8), sharex=True)
    for path in a.files:
        sid, t, fz, fx, acc = load(path)
        touch = np.flatnonzero((fz[1:] > 0) & (fz[:-1] == 0)) + 1  # touchdowns (both feet)
        if len(touch) < 5:
            raise SystemExit(f"{path}: fewer than two whole strides; run longer")
        start, end = touch[-5], touch[-1]
        bw = np.mean(fz[start:end])  # over whole strides the mean vertical force is body weight
        s = slice(start, end + 1)
        tt = t[s] - t[start]
        ax[0].plot(tt, fz[s] / bw, label=sid)
        ax[1].plot(tt, fx[s] / bw, label=sid)
        ax[2].plot(tt, acc[s, 2], label=sid)
    ax[0].set_ylabel("vertical GRF [BW]")
    ax[1].set_ylabel("fore-aft GRF [BW]\n(+ forward)")
    ax[2].set_ylabel("pelvis vertical\nacceleration [m/s²]")
    ax[2].set_xlabel("time from touchdown [s]")
    for x in ax:
        x.grid(alpha=0.3)
    ax[0].legend()
    fig.suptitle("Two strides: GRF and pelvis acceleration")
    fig.tight_layout()
    fig.savefig(a.output + ".tmp.png", dpi=120)  # written whole, then renamed
    os.replace(a.output + ".tmp.png", a.output)


if __name__ == "__main__":
    main()
