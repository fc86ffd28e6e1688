#!/usr/bin/python3
"""Round trip of spineload's HDF5 layer: tests/tools/h5_fixture writes a file whose every value it also writes to
a JSON (its format: tests/tools/h5_fixture.cpp); this reads the file back with h5py and requires
the two to agree exactly: the same groups and datasets (nothing extra, nothing missing), shapes, values
bit-identical (null in the JSON <-> NaN), strings, every attribute; /summary read in one call with
pandas.DataFrame(h5py.File(f)["summary"][()]); and every numeric dataset described by non-empty `units` and
`description` attributes, every string variable-length UTF-8 (what h5py reads as str).

Usage: /usr/bin/python3 tests/python/test_roundtrip.py --fixture PATH/spineload_h5_fixture --workdir DIR
Exits 1 with the first mismatch; prints one line on success.
"""
import argparse
import json
import os
import subprocess
import sys

import h5py
import numpy as np
import pandas as pd


class Mismatch(Exception):
    pass


def expect(ok, message):
    # Not `assert`: the checks must hold under python -O too.
    if not ok:
        raise Mismatch(message)


def load_json(path):
    # A JSON "-0" parsed as the int 0 would lose the sign that a bit-exact comparison checks.
    with open(path, encoding="utf-8") as f:
        return json.load(f, parse_int=lambda s: -0.0 if s == "-0" else int(s))


def show(j):
    return "null" if j is None else repr(j)


def at(i, shape):
    """Flat index i as [row, column] of the dataset."""
    return "[" + ", ".join(str(int(k)) for k in np.unravel_index(i, shape)) + "]"


def bits(x):
    return np.float64(x).view(np.uint64)


def same_scalar(h, j, where):
    """One HDF5 value (str, numpy scalar) against its JSON value (str, number, null = NaN)."""
    if isinstance(h, bytes):
        h = h.decode("utf-8")
    expect(not isinstance(j, (list, dict)), f"{where}: file has the scalar {h!r}, JSON has {show(j)}")
    if isinstance(h, str) or isinstance(j, str):
        expect(h == j, f"{where}: file has {h!r}, JSON has {j!r}")
    elif np.issubdtype(type(h), np.integer):
        expect(j is not None and int(h) == j, f"{where}: file has {int(h)}, JSON has {show(j)}")
    else:
        h, jf = float(h), (np.nan if j is None else float(j))
        equal = np.isnan(jf) if np.isnan(h) else (not np.isnan(jf) and bits(h) == bits(jf))
        expect(equal, f"{where}: file has {h!r}, JSON has {show(j)} (compared bit for bit)")


def check_paths(f, doc):
    """The file's groups and datasets are exactly the JSON's."""
    groups, datasets = {"/"}, set()
    f.visititems(lambda name, obj: (groups if isinstance(obj, h5py.Group) else datasets).add("/" + name))
    expected_datasets = set(doc["datasets"]) | ({"/summary"} if "summary" in doc else set())
    for kind, have, want in (("group", groups, set(doc["groups"])), ("dataset", datasets, expected_datasets)):
        expect(not want - have, f"{kind}s in the JSON but not in the file: {sorted(want - have)}")
        expect(not have - want, f"{kind}s in the file but not in the JSON: {sorted(have - want)}")
    return groups, datasets


def check_string_type(dtype, where):
    info = h5py.check_string_dtype(dtype)
    expect(info is not None and info.length is None and info.encoding == "utf-8",
           f"{where}: strings must be variable-length UTF-8, found {info}")


def check_attrs(obj, want, where):
    have = set(obj.attrs.keys())
    expect(have == set(want), f"{where}: attributes differ: file only {sorted(have - set(want))}, "
                              f"JSON only {sorted(set(want) - have)}")
    for name, j in want.items():
        h, at = obj.attrs[name], f"{where}@{name}"
        if h5py.check_string_dtype(obj.attrs.get_id(name).dtype) is not None:
            check_string_type(obj.attrs.get_id(name).dtype, at)
        if isinstance(h, np.ndarray) and h.ndim > 0:
            expect(isinstance(j, list) and len(j) == h.size, f"{at}: file has {h.size} values, JSON has {j!r}")
            for i, (hv, jv) in enumerate(zip(h.ravel(), j)):
                same_scalar(hv, jv, f"{at}[{i}]")
        else:
            same_scalar(h, j, at)
    return len(want)


def check_dataset(ds, want):
    where = ds.name
    expect(list(ds.shape) == want["shape"], f"{where}: shape {list(ds.shape)}, JSON {want['shape']}")
    values = want["values"]
    expect(len(values) == ds.size, f"{where}: {ds.size} values in the file, {len(values)} in the JSON")
    if h5py.check_string_dtype(ds.dtype) is not None:
        check_string_type(ds.dtype, where)
        h = ds.asstr()[()]
        for i, (hv, jv) in enumerate(zip(np.ravel(h).tolist(), values)):
            expect(hv == jv, f"{where}{at(i, ds.shape)}: file has {hv!r}, JSON has {show(jv)}")
    elif ds.dtype.kind in "iu":
        for i, (hv, jv) in enumerate(zip(np.ravel(ds[()]).tolist(), values)):
            expect(hv == jv, f"{where}{at(i, ds.shape)}: file has {hv}, JSON has {show(jv)}")
    elif ds.dtype.kind == "f":
        h = np.ravel(ds[()]).astype(np.float64)
        j = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
        same = np.where(np.isnan(h), np.isnan(j), ~np.isnan(j) & (h.view(np.uint64) == j.view(np.uint64)))
        if not same.all():
            i = int(np.argmin(same))
            raise Mismatch(f"{where}{at(i, ds.shape)}: file has {h[i]!r}, JSON has {show(values[i])} "
                           f"(compared bit for bit; {int((~same).sum())} values differ)")
    else:
        raise Mismatch(f"{where}: unexpected type {ds.dtype} (not number or string)")
    if ds.dtype.kind in "iuf":
        for name in ("units", "description"):
            expect(name in ds.attrs and str(ds.attrs[name]).strip(),
                   f"{where}: numeric dataset without a non-empty '{name}' attribute")
    return ds.size, check_attrs(ds, want["attrs"], where)


def check_summary(path, f, want):
    """/summary through pandas in one call, as the docs tell users to read it."""
    df = pd.DataFrame(h5py.File(path, "r")["summary"][()])
    expect(list(df.columns) == want["columns"],
           f"/summary: columns {list(df.columns)}, JSON {want['columns']}")
    expect(len(df) == len(want["rows"]), f"/summary: {len(df)} rows, JSON {len(want['rows'])}")
    for r, row in enumerate(want["rows"]):
        expect(len(row) == len(df.columns), f"/summary JSON row {r} has {len(row)} values for {len(df.columns)}")
        for c, j in zip(df.columns, row):
            same_scalar(df[c].iloc[r], j, f"/summary[{r}].{c}")
    ds = f["summary"]
    fields = ds.dtype.names
    for name in fields:
        if ds.dtype.fields[name][0].kind == "O":
            check_string_type(ds.dtype.fields[name][0], f"/summary.{name}")
    for attr in ("units", "descriptions"):
        expect(attr in ds.attrs, f"/summary: no '{attr}' attribute")
        texts = [v.decode() if isinstance(v, bytes) else str(v) for v in np.ravel(ds.attrs[attr])]
        expect(len(texts) == len(fields), f"/summary@{attr}: {len(texts)} entries for {len(fields)} fields")
        for name, text in zip(fields, texts):
            numeric = ds.dtype.fields[name][0].kind in "iuf"
            expect(text.strip() or (attr == "units" and not numeric), f"/summary@{attr}: empty for '{name}'")
    if "attrs" in want:  # not in the fixture's format today; compared if it ever carries them
        check_attrs(ds, want["attrs"], "/summary")
    return df.shape


def run_fixture(fixture, workdir):
    expect(os.access(fixture, os.X_OK), f"no fixture program at {fixture}")
    os.makedirs(workdir, exist_ok=True)
    h5_path, json_path = os.path.join(workdir, "fixture.h5"), os.path.join(workdir, "fixture.json")
    for p in (h5_path, json_path):
        if os.path.exists(p):
            os.remove(p)
    run = subprocess.run([fixture, h5_path, json_path], capture_output=True, text=True)
    expect(run.returncode == 0, f"{fixture} exited {run.returncode}:\n{run.stdout}{run.stderr}")
    for p in (h5_path, json_path):
        expect(os.path.exists(p), f"{fixture} did not write {p}")
    return h5_path, json_path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixture", required=True, help="the spineload_h5_fixture binary")
    parser.add_argument("--workdir", required=True, help="where the fixture writes its .h5 and .json")
    args = parser.parse_args(argv)
    try:
        h5_path, json_path = run_fixture(args.fixture, args.workdir)
        doc = load_json(json_path)
        with h5py.File(h5_path, "r") as f:
            groups, datasets = check_paths(f, doc)
            n_attrs = sum(check_attrs(f[g], doc["groups"][g]["attrs"], g) for g in sorted(groups))
            counts = [check_dataset(f[d], doc["datasets"][d]) for d in sorted(doc["datasets"])]
            n_values, n_attrs = sum(c[0] for c in counts), n_attrs + sum(c[1] for c in counts)
            shape = check_summary(h5_path, f, doc["summary"]) if "summary" in doc else None
    except Mismatch as e:
        sys.exit(f"FAIL round trip: {e}")
    except KeyError as e:  # the JSON lacks a key of the fixture's format
        sys.exit(f"FAIL round trip: the fixture's JSON has no {e}")
    summary = f", /summary {shape[0]} rows x {shape[1]} columns" if shape else ", no /summary"
    print(f"round trip ok: {len(groups)} groups, {len(datasets)} datasets, {n_values} values, {n_attrs} "
          f"attributes{summary}: all identical to the fixture's JSON")
    return 0


if __name__ == "__main__":
    sys.exit(main())
