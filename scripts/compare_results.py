#!/usr/bin/python3
"""Compare two spineload HDF5 files for identical contents: every group, dataset (values bit for bit, NaN
equal to NaN), attribute and /summary row, except what records when and how long a run took (wall_time_s,
start_time, end_time, command) and, in /summary, nothing. Exit 0 when equal, 1 with the first difference.

Usage: /usr/bin/python3 scripts/compare_results.py A.h5 B.h5
Used by the sweep tests (1 vs 2 threads, MPI ranks, --shard + merge, --resume after kill -9).
"""
import sys

import h5py
import numpy as np

IGNORED_ATTRIBUTES = {"wall_time_s", "start_time", "end_time", "command"}


def same_value(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype.kind != b.dtype.kind:
        return False
    if a.dtype.kind == "f":
        return np.array_equal(a.view(np.uint64) if a.dtype.itemsize == 8 else a, b.view(np.uint64) if b.dtype.itemsize == 8 else b) \
            or np.array_equal(a, b, equal_nan=True)
    if a.dtype.names:  # compound: compare field by field
        return a.dtype.names == b.dtype.names and all(same_value(a[n], b[n]) for n in a.dtype.names)
    return np.array_equal(a, b)


def objects(f):
    found = {}
    f.visititems(lambda name, obj: found.__setitem__(name, obj))
    return found


def compare(path_a, path_b):
    with h5py.File(path_a, "r") as fa, h5py.File(path_b, "r") as fb:
        oa, ob = objects(fa), objects(fb)
        if set(oa) != set(ob):
            return f"paths differ: only in A {sorted(set(oa) - set(ob))[:5]}, only in B {sorted(set(ob) - set(oa))[:5]}"
        for name in ["/"] + sorted(oa):
            a, b = (fa, fb) if name == "/" else (oa[name], ob[name])
            keys_a = set(a.attrs) - IGNORED_ATTRIBUTES
            keys_b = set(b.attrs) - IGNORED_ATTRIBUTES
            if keys_a != keys_b:
                return f"{name}: attributes differ: {sorted(keys_a ^ keys_b)}"
            for key in sorted(keys_a):
                if not same_value(a.attrs[key], b.attrs[key]):
                    return f"{name}: attribute {key} differs"
            if isinstance(a, h5py.Dataset) and not same_value(a[()], b[()]):
                return f"{name}: values differ"
    return None


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    difference = compare(sys.argv[1], sys.argv[2])
    if difference:
        print(f"compare_results: {sys.argv[1]} and {sys.argv[2]} differ: {difference}")
        sys.exit(1)
    print(f"compare_results: {sys.argv[1]} and {sys.argv[2]} hold the same results")


if __name__ == "__main__":
    main()
