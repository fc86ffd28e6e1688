#!/usr/bin/python3
"""Reader module and plots of scripts/ (spineload_results.py, plot_results.py) on a short simulated run and on
small synthetic files whose answers are known.

Usage: /usr/bin/python3 tests/python/test_reader.py --spineload PATH/spineload --workdir DIR
The run is torque-driven (fast): it checks that the load-sharing datasets are absent, as the schema says.
Exits 1 if any check fails.
"""
import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
import numpy as np  # noqa: E402

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))
import plot_results  # noqa: E402
from spineload_results import LEVELS, Results  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_runner import check, run_checks  # noqa: E402

SCENARIO_ID = "reader_run"
SCENARIO = """\
# Written by tests/python/test_reader.py: a short run for the reader and plot checks.
# Joint torques instead of muscles keep it fast; 2.2 s holds a few strides.
[gait]
mode = "running"

[control]
actuators = "torques"

[simulation]
duration_s = 2.2

[output]
time_series = true
"""
BODIES = ["pelvis", "T12", "T7", "T1", "head"]


def skip(what):
    """Everything the schema promises is now written: a missing part is a failure."""
    raise AssertionError(f"missing from the run's file: {what}")


def raises(exc, fn, *needles):
    """fn() must raise exc whose message holds every needle (the names of what does exist)."""
    try:
        fn()
    except exc as e:
        message = str(e.args[0]) if e.args else str(e)
        for needle in needles:
            check(needle in message, f"{exc.__name__} message lacks '{needle}': {message}")
        return message
    raise AssertionError(f"expected {exc.__name__}, nothing raised")


def sine_profile(edges_lo, edges_hi, shift):
    """Exact mean of sin(2 pi (phase - shift)) over each phase bin [lo, hi)."""
    a, b = 2 * np.pi * (edges_lo - shift), 2 * np.pi * (edges_hi - shift)
    return (np.cos(a) - np.cos(b)) / (b - a)


# --- synthetic signals: the binning has a known answer ------------------------------------------------------
def test_binning_phase_locked_sine():
    """Two phase-locked sines (different shifts), a stride period that is no multiple of the sample interval,
    a start-up transient masked out: each bin's mean is the sine's exact mean over the bin."""
    period, dt, bins = 0.7123, 0.0005, 50
    t = np.arange(0, 8 * period, dt)
    phase = (t / period) % 1.0
    shifts = np.array([0.0, 0.3])
    values = np.sin(2 * np.pi * (phase[:, None] - shifts))
    values[t < period] += 1e4  # first stride: a transient the steady mask must keep out
    centres, means = plot_results.phase_binned_mean(phase[t >= period], values[t >= period], bins)
    check(means.shape == (bins, 2), f"shape {means.shape}")
    check(np.allclose(centres, (np.arange(bins) + 0.5) / bins), "bin centres")
    lo, hi = np.arange(bins) / bins, np.arange(1, bins + 1) / bins
    for k, shift in enumerate(shifts):
        expected = sine_profile(lo, hi, shift)
        # 28 samples a bin: the sample means differ from the integral by about half a sample's phase step.
        err = np.max(np.abs(means[:, k] - expected))
        check(err < 5e-3, f"column {k}: bin means off the exact profile by {err:.2e}")
        check(abs(centres[np.argmax(means[:, k])] - (shift + 0.25) % 1) <= 1 / bins, f"column {k}: peak bin")
    _, half = plot_results.phase_binned_mean(np.array([0.1, 0.2, 0.45]), np.array([1.0, 2.0, 3.0]), 4)
    check(np.array_equal(half[:2, 0], [1.5, 3.0]) and np.isnan(half[2:, 0]).all(), f"empty bins: {half[:, 0]}")


def write_synthetic(path):
    """A file with the spec's layout (docs/hdf5-schema.md + issue 7): a running scenario with a known
    compression profile, a standing one, one with summaries only, and /summary."""
    s = h5py.string_dtype("utf-8")
    period, dt = 0.5, 0.002
    t = np.arange(0, 3.0, dt)
    phase = (t / period) % 1.0
    with h5py.File(path, "w") as f:
        f.attrs.create("spineload_version", "test", dtype=s)
        run = f.create_group("scenarios/syn")
        for k, v in dict(stride_period_s=period, window_start_s=1.0, window_end_s=3.0, drop_strides=2).items():
            run.attrs[k] = v
        run.attrs.create("scenario_toml", "[gait]\nmode = \"running\"\n", dtype=s)
        run["time"] = t
        for i, lv in enumerate(["L5_S1", "C7_T1", "T7_T8"]):  # not in spine order: the reader sorts
            c = run.create_dataset(f"levels/{lv}/compression", data=(i + 1) * 100 * np.sin(2 * np.pi * phase)
                                   + np.where(t < 1.0, 1e4, 0.0))
            c.attrs.create("units", "N", dtype=s)
        run["levels/L5_S1/idp"] = np.ones_like(t)
        run.create_dataset("muscles/names", data=np.array(["mf_r", "mf_l"], dtype=object), dtype=s)
        run["muscles/force"] = np.column_stack([t, 2 * t])
        still = f.create_group("scenarios/still")
        still["time"] = t
        still["levels/L5_S1/compression"] = np.full_like(t, 500.0)
        still["levels/L5_S1/compression"].attrs.create("units", "N", dtype=s)
        f.create_group("scenarios/summ_only")
        cols = [("scenario", s), ("status", s), ("gait.mode", s), ("L5_S1.compression.peak", "f8"),
                ("L5_S1.compression.mean", "f8"), ("muscles.multifidus.force.mean", "f8"),
                ("muscles.multifidus.asymmetry", "f8"), ("strides_used", "i8")]
        rows = [("still", "ok", "standing", 500.0, 500.0, np.nan, np.nan, 0),
                ("summ_only", "ok", "running", 2400.0, 1100.0, 80.0, 4.5, 3),
                ("syn", "ok", "running", 300.0, 0.0, 60.0, -2.0, 4)]
        summary = f.create_dataset("summary", data=np.array(rows, dtype=cols))
        summary.attrs.create("units", ["", "", "", "N", "N", "N", "%", "1"], dtype=s)
        summary.attrs.create("descriptions", [c[0] for c in cols], dtype=s)
    return t, phase


def test_reader_synthetic(workdir):
    path = os.path.join(workdir, "synthetic.h5")
    t, phase = write_synthetic(path)
    with Results(path) as r:
        check(r.scenarios == ["still", "summ_only", "syn"], f"scenarios {r.scenarios}")
        check(r.attrs["spineload_version"] == "test", f"attrs {r.attrs}")
        df = r.summary()
        check(list(df["scenario"]) == ["still", "summ_only", "syn"] and df["gait.mode"][0] == "standing",
              f"summary strings not decoded: {df[['scenario', 'gait.mode']].values.tolist()}")
        check(r.summary_units()["L5_S1.compression.peak"] == "N", f"units {r.summary_units()}")
        check(list(r.levels("syn", "compression").columns) == ["C7_T1", "T7_T8", "L5_S1"], "level order")
        check(list(r.level("syn", "L5_S1").columns) == ["compression", "idp"], "level columns")
        check(list(r.muscles("syn", "force").columns) == ["mf_r", "mf_l"], "muscle names")
        check(r.stride_phase("still") is None, "a standing scenario has no stride phase")
        check(np.allclose(r.stride_phase("syn"), phase, atol=1e-9), "stride phase")
        check(np.array_equal(r.steady("syn"), t >= 1.0), "steady window [1, 3) s")
        raises(KeyError, lambda: r.level("summ_only", "L5_S1"), "time_series = false")
        raises(KeyError, lambda: r.steady("still"), "window_start_s")
        raises(KeyError, lambda: r.level("syn", "L1_L2"), "C7_T1", "L5_S1")
        raises(KeyError, lambda: r.levels("syn", "shear_ap"), "compression", "idp")
        raises(KeyError, lambda: r.series("nope", "time"), "still", "syn")
        raises(ValueError, lambda: r.muscles("syn", "length"), "force")
        # The heat map of the steady strides: level k's profile is (k+1) 100 sin, the transient left out.
        x, xlabel, levels, z = plot_results.heatmap_data(r, "syn", "compression", bins=25)
        check("stride" in xlabel and levels == ["C7_T1", "T7_T8", "L5_S1"] and z.shape == (3, 25), xlabel)
        lo, hi = np.arange(25) / 25, np.arange(1, 26) / 25
        for k, amplitude in enumerate([200, 300, 100]):
            err = np.max(np.abs(z[k] - amplitude * sine_profile(lo, hi, 0.0)))
            check(err < 0.02 * amplitude, f"heat map row {levels[k]} off by {err:.3g} N")
        x, xlabel, _, z = plot_results.heatmap_data(r, "still", "compression")
        check(xlabel.startswith("time") and z.shape == (1, len(t)), "not running: time on the x axis")
        for sid in ("syn", "still"):
            plot_results.plot_heatmap(r, sid, "compression", os.path.join(workdir, f"syn_{sid}_heatmap.png"))
            plot_results.plot_timeseries(r, sid, "compression", os.path.join(workdir, f"syn_{sid}_ts.png"),
                                         levels=["L5_S1"])
            check_png(os.path.join(workdir, f"syn_{sid}_heatmap.png"))
            check_png(os.path.join(workdir, f"syn_{sid}_ts.png"))
        written = plot_results.plot_summary(r, workdir)
        check([os.path.basename(p) for p in written] == ["summary_compression.png", "summary_muscles.png"],
              f"summary charts {written}")
        for p in written:
            check_png(p)


# --- a short run of the binary --------------------------------------------------------------------------------
def run_spineload(spineload, workdir):
    scenario = os.path.join(workdir, f"{SCENARIO_ID}.toml")
    out = os.path.join(workdir, f"{SCENARIO_ID}.h5")
    with open(scenario, "w") as f:
        f.write(SCENARIO)
    start = time.monotonic()
    run = subprocess.run([spineload, "run", scenario, "-o", out, "--overwrite"], capture_output=True, text=True)
    check(run.returncode == 0, f"spineload run exited {run.returncode}:\n{run.stdout}{run.stderr}")
    print(f"ran {scenario} in {time.monotonic() - start:.1f} s", flush=True)
    return out


def test_reader_run(out):
    sid = SCENARIO_ID
    with Results(out) as r:
        check(r.scenarios == [sid], f"scenarios {r.scenarios}")
        check(r.attrs.get("model_hash"), f"root attributes {sorted(r.attrs)}")
        check("torques" in r.scenario_toml(sid), "scenario_toml is the file verbatim")
        t = r.time(sid)
        check(abs(t[-1] - 2.2) < 0.01 and np.all(np.diff(t) > 0), f"time {t[0]} .. {t[-1]}")
        lv = r.level(sid, "L5_S1")
        check(len(lv) == len(t) and lv.index.name == "time_s", "level indexed by time")
        check({"compression", "shear_ap", "moment_fe", "idp"} <= set(lv.columns), f"L5_S1 columns {list(lv.columns)}")
        new = {"muscle_compression", "net_moment_fe", "net_moment_lb", "net_moment_ax", "muscle_moment_fe"}
        # A torques run has no muscles, so no load-sharing datasets (docs/hdf5-schema.md: [when muscles]).
        check(not new & set(lv.columns), f"load sharing without muscles: {sorted(new & set(lv.columns))}")
        comp = r.levels(sid, "compression")
        check(list(comp.columns) == LEVELS and comp.shape == (len(t), 18), f"levels {list(comp.columns)}")
        check(np.isfinite(comp.to_numpy()).all() and comp["L5_S1"].mean() > comp["C7_T1"].mean() > 0,
              "compression finite and growing down the spine")
        raises(KeyError, lambda: r.level(sid, "L6_S1"), "C7_T1", "L5_S1")
        raises(KeyError, lambda: r.levels(sid, "torsion"), "compression")
        raises(KeyError, lambda: r.scenario_toml("nope"), sid)
        raises(KeyError, lambda: r.muscles(sid, "force"), "no muscles")
        check(r.series(sid, "pelvis/position").shape == (len(t), 3), "pelvis/position")
        raises(KeyError, lambda: r.series(sid, "pelvis/jerk"), "pelvis/acceleration")
        raises(KeyError, lambda: r.series(sid, "pelvis"), "group")
        check(r.units(sid, "levels/L5_S1/idp") == "MPa", "units")
        check_stride_phase(r, sid, t)
        check_window(r, sid, t)
        check_accelerations(r, sid, t)
        check_summary(r, sid)


def check_stride_phase(r, sid, t):
    phase = r.stride_phase(sid)
    if phase is None:
        return skip("stride_period_s attribute (stride_phase None for a running scenario)")
    period = r.scenario_attrs(sid)["stride_period_s"]
    check(0.5 < period < 1.0, f"stride period {period} s")
    check(phase.min() >= 0 and phase.max() < 1 and phase[0] == 0, "phase in [0, 1), 0 at t = 0")
    wraps = int(np.sum(np.diff(phase) < 0))
    check(wraps == int(np.floor(t[-1] / period + 1e-9)), f"{wraps} stride starts in {t[-1]} s")
    x, xlabel, _, z = plot_results.heatmap_data(r, sid, "compression")
    check("stride" in xlabel and z.shape == (18, 50) and np.isfinite(z).all(), "heat map by stride %")


def check_window(r, sid, t):
    if not r.has_window(sid):
        return skip("window_start_s / window_end_s attributes (steady mask)")
    a, mask = r.scenario_attrs(sid), r.steady(sid)
    check(mask.any() and t[mask][0] == a["window_start_s"] and t[mask][-1] < a["window_end_s"], "steady mask")
    if "stride_period_s" in a:
        strides = (a["window_end_s"] - a["window_start_s"]) / a["stride_period_s"]
        check(abs(strides - round(strides)) < 0.01 and round(strides) >= 1, f"window of {strides} strides")


def check_accelerations(r, sid, t):
    g = r.file["scenarios"][sid]
    if "accelerations" not in g:
        return skip("accelerations/{pelvis,T12,T7,T1,head}")
    for body in BODIES:
        check(r.series(sid, f"accelerations/{body}").shape == (len(t), 3), f"accelerations/{body}")
        check(r.units(sid, f"accelerations/{body}") == "m/s^2", f"accelerations/{body} units")


def check_summary(r, sid):
    if "summary" not in r.file:
        return skip("/summary (summary(), summary_units())")
    df, units = r.summary(), r.summary_units()
    check(list(df["scenario"]) == [sid] and df["status"][0] == "ok", f"summary rows {df[['scenario', 'status']]}")
    check(df["gait.mode"][0] == "running" and units["L5_S1.compression.peak"] == "N", "summary strings and units")
    check(df["strides_used"][0] >= 1, "strides_used")
    # The summaries may use more samples than the time series (output_decimation), so the written samples
    # can only bound the peak from below; their mean is close to the summary's.
    c = r.levels(sid, "compression")["L5_S1"][r.steady(sid)] if r.has_window(sid) else None
    if c is not None:
        check(df["L5_S1.compression.peak"][0] >= c.max() * (1 - 1e-9), "peak below a written sample")
        check(abs(df["L5_S1.compression.mean"][0] / c.mean() - 1) < 0.1, "mean off the written samples' mean")


# --- the plots of a run, through the command line ------------------------------------------------------------
def check_png(path, min_bytes=10_000):
    check(os.path.exists(path), f"{path} not written")
    check(os.path.getsize(path) > min_bytes, f"{path}: {os.path.getsize(path)} bytes")
    pixels = matplotlib.image.imread(path)
    check(pixels.ndim == 3 and pixels[..., :3].std() > 0.05, f"{path}: a blank image")


def test_plots_run(out, workdir):
    plots = os.path.join(workdir, "plots")
    cli = [sys.executable, str(SCRIPTS / "plot_results.py"), out, "-o", plots, "--quantity", "compression",
           "--levels", "T1_T2,T7_T8,T12_L1,L5_S1"]
    run = subprocess.run(cli, capture_output=True, text=True)
    check(run.returncode == 0, f"plot_results.py exited {run.returncode}:\n{run.stdout}{run.stderr}")
    for kind in ("heatmap", "timeseries"):
        check_png(os.path.join(plots, f"{SCENARIO_ID}_{kind}_compression.png"))
    bad = subprocess.run(cli[:-2] + ["--levels", "L9_L10"], capture_output=True, text=True)
    check(bad.returncode != 0 and "L5_S1" in bad.stderr, f"a missing level must fail clearly: {bad.stderr}")
    with Results(out) as r:
        has_summary = "summary" in r.file
    if not has_summary:
        return skip("summary_compression.png (no /summary in the run's file)")
    check_png(os.path.join(plots, "summary_compression.png"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spineload", required=True, help="the spineload binary")
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args(argv)
    os.makedirs(args.workdir, exist_ok=True)
    state = {}

    def on_run(fn):  # a check of the run's file: fails in one line when the run did not happen
        def wrapped():
            check("out" in state, "no run to read")
            fn(state["out"])
        return wrapped

    return run_checks("test_reader", [
        ("binning of a phase-locked sine", test_binning_phase_locked_sine),
        ("reader and plots on a synthetic file", lambda: test_reader_synthetic(args.workdir)),
        ("spineload run", lambda: state.update(out=run_spineload(args.spineload, args.workdir))),
        ("reader on the run", on_run(test_reader_run)),
        ("plots of the run", on_run(lambda out: test_plots_run(out, args.workdir))),
    ])


if __name__ == "__main__":
    sys.exit(main())
