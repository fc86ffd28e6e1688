#!/usr/bin/python3
"""Muscle forces by group, abdominal pressure and trunk stability of one running scenario (docs/muscles.md).

Usage: /usr/bin/python3 scripts/plot_muscles.py out/preferred_stride.h5 -o out/muscles.png
Reads /scenarios/<id>/muscles/{names, force}, abdominal_pressure, stability(_time) and grf/vertical, and
plots the last `--seconds` of the run (default 1.5 s, about two strides at 3 m/s).
"""
import argparse

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

# Fascicle name prefixes → the group shown (names are <muscle>_<part>_<side>, docs/hdf5-schema.md).
GROUPS = [
    ("thoracic erector", ("longissimus_thoracis", "iliocostalis_thoracis", "spinalis", "semispinalis")),
    ("lumbar erector", ("longissimus_lumborum", "iliocostalis_lumborum")),
    ("multifidus", ("multifidus",)),
    ("psoas + QL", ("psoas", "quadratus_lumborum")),
    ("abdominals", ("rectus_abdominis", "external_oblique", "internal_oblique", "transversus")),
    ("trapezius", ("trapezius",)),
    ("rhomboids", ("rhomboid",)),
    ("serratus + pectorals", ("serratus", "pectoralis")),
    ("neck (scalenes, SCM, extensors)", ("scalenus", "sternocleidomastoid", "splenius", "semispinalis_capitis")),
]


def group_forces(names, force):
    out = {}
    for label, prefixes in GROUPS:
        cols = [i for i, n in enumerate(names) if n.startswith(prefixes)]
        out[label] = force[:, cols].sum(axis=1)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("file")
    p.add_argument("-o", "--output", default="out/muscles.png")
    p.add_argument("--seconds", type=float, default=1.5)
    a = p.parse_args()
    with h5py.File(a.file, "r") as f:
        sid = next(iter(f["scenarios"]))
        g = f["scenarios"][sid]
        t = g["time"][()]
        names = [n.decode() if isinstance(n, bytes) else n for n in g["muscles/names"][()]]
        force = g["muscles/force"][()]
        iap = g["abdominal_pressure"][()]
        ts, stab = g["stability_time"][()], g["stability"][()]
        grf = g["grf/vertical"][()] if "grf" in g else None
    keep = t >= t[-1] - a.seconds
    fig, ax = plt.subplots(3, 1, figsize=(9, 9), sharex=True, gridspec_kw={"height_ratios": [3, 1, 1]})
    for label, series in group_forces(names, force).items():
        ax[0].plot(t[keep], series[keep], label=label)
    ax[0].set_ylabel("tendon force, both sides [N]")
    ax[0].legend(fontsize=7, ncol=2)
    ax[0].set_title(f"{sid}: muscle forces by group")
    if grf is not None:
        ax0b = ax[0].twinx()
        ax0b.fill_between(t[keep], 0, grf[keep], color="0.85", zorder=0)
        ax0b.set_ylabel("vertical GRF [N]", color="0.5")
        ax[0].set_zorder(ax0b.get_zorder() + 1)
        ax[0].patch.set_visible(False)
    ax[1].plot(t[keep], iap[keep] / 1000.0)
    ax[1].set_ylabel("abdominal\npressure [kPa]")
    ks = ts >= t[-1] - a.seconds
    ax[2].plot(ts[ks], stab[ks], "o-")
    ax[2].axhline(0.0, color="k", lw=0.5)
    ax[2].set_ylabel("stability\n[N m/rad]")
    ax[2].set_xlabel("time [s]")
    fig.tight_layout()
    fig.savefig(a.output, dpi=120)
    print(f"wrote {a.output}")


if __name__ == "__main__":
    main()
