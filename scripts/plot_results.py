#!/usr/bin/python3
"""Figures of a spineload result file: load heat map over the stride, time series, summary bar charts.

Usage: /usr/bin/python3 scripts/plot_results.py FILE.h5 -o OUTDIR [--scenario ID] [--quantity compression]
                                                [--levels T1_T2,T7_T8,T12_L1,L5_S1]
Writes OUTDIR/<id>_heatmap_<quantity>.png and <id>_timeseries_<quantity>.png for each scenario with time
series (or just --scenario), and OUTDIR/summary_compression.png, summary_muscles.png when the file has /summary.
The functions (plot_heatmap, plot_timeseries, plot_summary, phase_binned_mean) can be imported.
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")  # files only: no display on the build machines
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spineload_results import LEVELS, Results  # noqa: E402

DEFAULT_LEVELS = ["T1_T2", "T7_T8", "T12_L1", "L5_S1"]


def phase_binned_mean(phase, values, bins=50):
    """Mean of `values` (samples x columns) over the samples whose phase (0-1) falls in each of `bins` equal
    bins: the stride-averaged profile. Returns (bin centres 0-1, bins x columns); empty bins are NaN."""
    values = np.asarray(values, dtype=float).reshape(len(phase), -1)
    idx = np.minimum((np.asarray(phase) * bins).astype(int), bins - 1)
    sums = np.zeros((bins, values.shape[1]))
    np.add.at(sums, idx, values)
    counts = np.bincount(idx, minlength=bins)[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / counts, np.nan)
    return (np.arange(bins) + 0.5) / bins, means


def heatmap_data(results, sid, quantity, bins=50):
    """(x, x_label, levels, levels x x matrix) for the heat map: the mean over the steady strides by stride %
    when the scenario runs, else the raw samples against time."""
    table = results.levels(sid, quantity)
    phase = results.stride_phase(sid)
    if phase is None:
        return table.index.to_numpy(), "time [s]", list(table.columns), table.to_numpy().T
    # Without the window attributes (older files) every stride counts, start-up transient included.
    mask = results.steady(sid) if results.has_window(sid) else np.ones(len(phase), bool)
    centres, means = phase_binned_mean(phase[mask], table.to_numpy()[mask], bins)
    return 100.0 * centres, "stride [%] (right-foot touchdown = 0)", list(table.columns), means.T


def plot_heatmap(results, sid, quantity, path, bins=50):
    """Level (C7_T1 top ... L5_S1 bottom) x stride % heat map of one quantity."""
    x, xlabel, levels, z = heatmap_data(results, sid, quantity, bins)
    unit = results.units(sid, f"levels/{levels[0]}/{quantity}")
    step = (x[1] - x[0]) if len(x) > 1 else 1.0
    fig, ax = plt.subplots(figsize=(9, 5.5), constrained_layout=True)
    im = ax.imshow(z, aspect="auto", cmap="magma", interpolation="nearest",
                   extent=[x[0] - step / 2, x[-1] + step / 2, len(levels) - 0.5, -0.5])
    ax.set_yticks(range(len(levels)))
    ax.set_yticklabels(levels, fontsize=7)
    ax.set_ylabel("intervertebral level")
    ax.set_xlabel(xlabel)
    ax.set_title(f"{sid}: {quantity}" + (" (mean over the steady strides)" if "stride" in xlabel else ""))
    fig.colorbar(im, ax=ax, label=f"{quantity} [{unit}]")
    _save(fig, path)


def plot_timeseries(results, sid, quantity, path, levels=DEFAULT_LEVELS):
    """The selected levels over time, the steady window (the summaries' samples) shaded."""
    table = results.levels(sid, quantity)
    missing = [lv for lv in levels if lv not in table.columns]
    if missing:
        raise KeyError(f"levels {', '.join(missing)} not written; present: {', '.join(table.columns)}")
    fig, ax = plt.subplots(figsize=(9, 4.5), constrained_layout=True)
    for lv in levels:
        ax.plot(table.index, table[lv], lw=0.9, label=lv)
    if results.has_window(sid):
        a = results.scenario_attrs(sid)
        ax.axvspan(a["window_start_s"], a["window_end_s"], color="0.85", zorder=0, label="steady window")
    ax.set_xlabel("time [s]")
    ax.set_ylabel(f"{quantity} [{results.units(sid, f'levels/{levels[0]}/{quantity}')}]")
    ax.set_title(f"{sid}: {quantity}")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))  # outside: the curves fill the axes
    _save(fig, path)


def plot_summary(results, outdir):
    """Bar charts of /summary, one bar per scenario in each group: summary_compression.png (peak and mean
    compression per level) and summary_muscles.png (mean force per muscle group, the asymmetry printed),
    each when the summary has those columns. Returns the files written."""
    df, units = results.summary(), results.summary_units()
    title = os.path.basename(results.path)
    charts = []
    if any(f"{lv}.compression.peak" in df.columns for lv in LEVELS):
        charts.append(("summary_compression.png", plot_summary_compression))
    if any(c.startswith("muscles.") and c.endswith(".force.mean") for c in df.columns):
        charts.append(("summary_muscles.png", plot_summary_muscles))
    for name, plot in charts:
        plot(df, units, title, os.path.join(outdir, name))
    return [os.path.join(outdir, name) for name, _ in charts]


def plot_summary_compression(df, units, title, path):
    levels = [lv for lv in LEVELS if f"{lv}.compression.peak" in df.columns]
    fig, axes = plt.subplots(1, 2, figsize=(11, 6), sharey=True, constrained_layout=True)
    for ax, stat in zip(axes, ("peak", "mean")):
        cols = [f"{lv}.compression.{stat}" for lv in levels]
        _bars(ax, df, cols, levels)
        ax.set_xlabel(f"{stat} compression [{units.get(cols[0], '?')}]")
    axes[0].set_ylabel("intervertebral level")
    _legend(fig, df, title)
    _save(fig, path)


def plot_summary_muscles(df, units, title, path):
    groups = sorted({c.split(".")[1] for c in df.columns
                     if c.startswith("muscles.") and c.endswith(".force.mean")})
    cols = [f"muscles.{g}.force.mean" for g in groups]
    fig, ax = plt.subplots(figsize=(9, 0.35 * len(groups) * len(df) + 2), constrained_layout=True)
    # The left-right asymmetry is one number per bar: printed at the bar's end.
    for (_, row), rects in zip(df.iterrows(), _bars(ax, df, cols, groups)):
        for g, rect in zip(groups, rects):
            key = f"muscles.{g}.asymmetry"
            if np.isfinite(rect.get_width()) and key in row:
                ax.annotate(f"{row[key]:.1f} {units.get(key, '%')}", fontsize=6, va="center",
                            xy=(rect.get_width(), rect.get_y() + rect.get_height() / 2),
                            xytext=(3, 0), textcoords="offset points")
    ax.set_xlabel(f"mean muscle force [{units.get(cols[0], '?')}] (label: left-right asymmetry)")
    ax.set_ylabel("muscle group")
    _legend(fig, df, title)
    _save(fig, path)


def _bars(ax, df, cols, labels):
    """Horizontal bars, one group per label (first label on top), one bar per scenario (row of df)."""
    n = len(df)
    height = 0.8 / n
    y = np.arange(len(labels))
    bars = []
    for k, (_, row) in enumerate(df.iterrows()):
        vals = [row[c] for c in cols]
        bars.append(ax.barh(y - 0.4 + (k + 0.5) * height, vals, height=height, label=row["scenario"]))
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_ylim(len(labels) - 0.5, -0.5)  # first label at the top, as down the spine
    return bars


def _legend(fig, df, title):
    # Above the bars, which fill the axes; the title (the file's name) says where the numbers come from.
    fig.suptitle(title)
    fig.legend(*fig.axes[0].get_legend_handles_labels(), loc="upper right", fontsize=7, ncol=min(len(df), 4))


def _save(fig, path):
    fig.savefig(path, dpi=110)
    plt.close(fig)  # many scenarios: free each figure


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("-o", "--outdir", required=True)
    parser.add_argument("--scenario", help="scenario id (default: every scenario with time series)")
    parser.add_argument("--quantity", default="compression", help="level quantity (default compression)")
    parser.add_argument("--levels", default=",".join(DEFAULT_LEVELS), help="levels of the time series")
    args = parser.parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)
    with Results(args.file) as r:
        ids = [args.scenario] if args.scenario else [s for s in r.scenarios if r.has_time_series(s)]
        for sid in ids:
            heatmap, series = (os.path.join(args.outdir, f"{sid}_{kind}_{args.quantity}.png")
                               for kind in ("heatmap", "timeseries"))
            plot_heatmap(r, sid, args.quantity, heatmap)
            plot_timeseries(r, sid, args.quantity, series, args.levels.split(","))
            print(heatmap, series, sep="\n")
        if "summary" in r.file:
            print(*plot_summary(r, args.outdir), sep="\n")
        else:
            print(f"{args.file} has no /summary: no summary charts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyError as e:  # a missing scenario, level or quantity: the message lists what exists
        sys.exit(f"plot_results: {e.args[0]}")
