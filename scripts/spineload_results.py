"""Reader of spineload result files (HDF5, layout in docs/hdf5-schema.md).

Runs with Debian's /usr/bin/python3 (python3-h5py, python3-numpy, python3-pandas). From outside scripts/:
sys.path.insert(0, "<repo>/scripts") first.

    from spineload_results import LEVELS, Results
    with Results("out/run.h5") as r:
        r.scenarios                     # ["run", ...]: the groups under /scenarios
        r.attrs                         # root provenance: spineload_version, git_hash, model_hash, ...
        r.summary()                     # DataFrame, one row per scenario (strings decoded to str)
        r.summary_units()               # {"T7_T8.compression.peak": "N", ...}; summary_descriptions() alike
        r.level("run", "L5_S1")         # DataFrame indexed by time [s], one column per quantity
        r.levels("run", "compression")  # DataFrame time x level, C7_T1 first
        r.muscles("run", "force")       # DataFrame time x muscle name ("force" or "activation"); KeyError
                                        # when run with control.actuators = "torques"
        r.series("run", "pelvis/acceleration")  # numpy array of any dataset under the scenario
        r.units("run", "levels/L5_S1/idp")      # "MPa"
        r.stride_phase("run")           # 0-1 per sample (None when the scenario is not running)
        r.steady("run")                 # boolean mask of the samples in [window_start_s, window_end_s)
        r.has_window("run"), r.has_time_series("run"), r.time("run")
        r.scenario_attrs("run")         # dt_s, stride_period_s, window_start_s, ...
        r.scenario_toml("run")          # the scenario file verbatim

A missing scenario, level, quantity or path raises KeyError naming what the file does hold; so does asking
for a time series in a file written with `[output] time_series = false` (summaries only).
"""
import h5py
import numpy as np
import pandas as pd

# Top to bottom, as ../shared/DESIGN.md §5 names them; tables and plots keep this order.
LEVELS = (["C7_T1"] + [f"T{i}_T{i + 1}" for i in range(1, 12)] + ["T12_L1"]
          + [f"L{i}_L{i + 1}" for i in range(1, 5)] + ["L5_S1"])


def _plain(value):
    """An attribute as a Python value: str for strings, int/float for numeric scalars, lists for arrays."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _missing(what, name, present):
    return KeyError(f"no {what} '{name}'; present: {', '.join(present) if present else 'none'}")


class Results:
    """One spineload HDF5 file, opened read-only. Use as a context manager or call close()."""

    def __init__(self, path):
        self.path = str(path)
        self.file = h5py.File(self.path, "r")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.file.close()

    # --- file level -------------------------------------------------------------------------------------
    @property
    def scenarios(self):
        """Scenario ids (the groups under /scenarios, else the summary's scenario column)."""
        if "scenarios" in self.file:
            return sorted(self.file["scenarios"].keys())
        if "summary" in self.file:
            return list(self.summary()["scenario"])
        return []

    @property
    def attrs(self):
        """Root provenance attributes as a plain dict."""
        return {k: _plain(v) for k, v in self.file.attrs.items()}

    def _summary_dataset(self):
        if "summary" not in self.file:
            raise _missing("dataset", "/summary", ["/" + k for k in self.file.keys()])
        return self.file["summary"]

    def summary(self):
        """/summary as a DataFrame: one row per scenario, one column per field, NaN for undefined metrics."""
        df = pd.DataFrame(self._summary_dataset()[()])
        # h5py hands vlen strings inside a compound over as bytes.
        for col in df.columns:
            if df[col].dtype == object:
                df[col] = [_plain(v) for v in df[col]]
        return df

    def summary_units(self):
        """{column: unit} from /summary's "units" attribute (parallel to the fields)."""
        return self._field_attr("units")

    def summary_descriptions(self):
        """{column: description} from /summary's "descriptions" attribute."""
        return self._field_attr("descriptions")

    def _field_attr(self, name):
        ds = self._summary_dataset()
        if name not in ds.attrs:
            raise _missing("attribute", f"/summary@{name}", list(ds.attrs.keys()))
        return dict(zip(ds.dtype.names, _plain(ds.attrs[name])))

    # --- one scenario -----------------------------------------------------------------------------------
    def _group(self, sid):
        if "scenarios" not in self.file or sid not in self.file["scenarios"]:
            raise _missing("scenario", sid, self.scenarios)
        return self.file["scenarios"][sid]

    def _series_group(self, sid):
        g = self._group(sid)
        if "time" not in g:
            raise KeyError(f"scenario '{sid}' has no time series (written with [output] time_series = false: "
                           "summaries only); use summary()")
        return g

    def scenario_attrs(self, sid):
        """The scenario group's attributes as a plain dict."""
        return {k: _plain(v) for k, v in self._group(sid).attrs.items()}

    def scenario_toml(self, sid):
        """The scenario file the run read, verbatim."""
        return _plain(self._group(sid).attrs["scenario_toml"])

    def time(self, sid):
        """Sample times [s]."""
        return self._series_group(sid)["time"][()]

    def series(self, sid, path):
        """Any dataset under /scenarios/<sid>/ as a numpy array (strings decoded)."""
        ds = self._dataset(sid, path)
        return ds.asstr()[()] if h5py.check_string_dtype(ds.dtype) else ds[()]

    def units(self, sid, path):
        """The "units" attribute of /scenarios/<sid>/<path>."""
        return _plain(self._dataset(sid, path).attrs.get("units", ""))

    def _dataset(self, sid, path):
        g = self._group(sid)
        node = g
        for part in path.strip("/").split("/"):
            if not isinstance(node, h5py.Group) or part not in node:
                present = list(node.keys()) if isinstance(node, h5py.Group) else []
                raise _missing("path", f"{g.name}/{path}", [f"{node.name}/{k}" for k in present])
            node = node[part]
        if not isinstance(node, h5py.Dataset):
            raise KeyError(f"{node.name} is a group, not a dataset; it holds: {', '.join(node.keys())}")
        return node

    def level(self, sid, level):
        """Every quantity of one level: a DataFrame indexed by time [s]."""
        g = self._series_group(sid)
        present = self._levels_present(g)
        if level not in present:
            raise _missing("level", level, present)
        lg = g["levels"][level]
        cols = {k: lg[k][()] for k in lg.keys() if isinstance(lg[k], h5py.Dataset) and lg[k].ndim == 1}
        return pd.DataFrame(cols, index=self._index(g))

    def levels(self, sid, quantity):
        """One quantity at every level written: a DataFrame time x level, top (C7_T1) first."""
        g = self._series_group(sid)
        present = self._levels_present(g)
        have = [lv for lv in present if quantity in g["levels"][lv]]
        if not have:
            quantities = sorted({q for lv in present for q in g["levels"][lv].keys()})
            raise _missing("quantity", quantity, quantities)
        return pd.DataFrame({lv: g["levels"][lv][quantity][()] for lv in have}, index=self._index(g))

    def muscles(self, sid, kind):
        """Muscle "force" [N] or "activation" [1]: a DataFrame time x muscle name."""
        if kind not in ("force", "activation"):
            raise ValueError(f"muscles kind must be 'force' or 'activation', not '{kind}'")
        g = self._series_group(sid)
        if "muscles" not in g:
            raise KeyError(f"scenario '{sid}' has no muscles (run with control.actuators = 'torques'?); "
                           f"present: {', '.join(g.keys())}")
        names = list(g["muscles/names"].asstr()[()])
        return pd.DataFrame(g["muscles"][kind][()], columns=names, index=self._index(g))

    def stride_phase(self, sid):
        """Phase 0-1 of each sample in its stride (right-foot touchdown at t = 0, stride k covers [kT, (k+1)T)),
        or None when the scenario has no stride_period_s (not running)."""
        g = self._group(sid)
        if "stride_period_s" not in g.attrs:
            return None
        ratio = self.time(sid) / float(g.attrs["stride_period_s"])
        # t = k T computed in floating point may land a hair below k: count it as the stride's start.
        k = np.floor(ratio + 1e-9)
        return np.clip(ratio - k, 0.0, None)

    def steady(self, sid):
        """Boolean mask of the samples in the steady window of the summaries, window_start_s <= t < window_end_s:
        the summaries take the samples [begin, end) and window_end_s is the time of sample `end` (the next
        stride's first), so the end is left out."""
        g = self._group(sid)
        missing = [a for a in ("window_start_s", "window_end_s") if a not in g.attrs]
        if missing:
            raise _missing("attribute", f"{g.name}@{missing[0]}", list(g.attrs.keys()))
        t = self.time(sid)
        return (t >= g.attrs["window_start_s"]) & (t < g.attrs["window_end_s"])

    def has_window(self, sid):
        """Whether the scenario records its steady window (window_start_s, window_end_s)."""
        g = self._group(sid)
        return "window_start_s" in g.attrs and "window_end_s" in g.attrs

    def has_time_series(self, sid):
        """Whether the scenario holds time series (not when written with [output] time_series = false)."""
        g = self.file.get(f"scenarios/{sid}")
        if g is None and sid not in self.scenarios:
            raise _missing("scenario", sid, self.scenarios)
        return g is not None and "time" in g

    @staticmethod
    def _levels_present(g):
        if "levels" not in g:
            return []
        return [lv for lv in LEVELS if lv in g["levels"]] + sorted(set(g["levels"]) - set(LEVELS))

    @staticmethod
    def _index(g):
        return pd.Index(g["time"][()], name="time_s")
