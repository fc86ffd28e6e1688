"""The loop the Python test scripts share: run every named check, print ok / FAIL with the traceback, and
return the exit status (1 when any failed), so that one failure does not hide the others."""
import traceback


def check(ok, what):
    if not ok:
        raise AssertionError(what)


def run_checks(title, tests):
    """tests: [(name, callable)]. Prints a line per check and a summary; returns 0 or 1."""
    failed = 0
    for name, fn in tests:
        try:
            fn()
            print(f"ok   {name}", flush=True)
        except Exception:  # report every check, then fail the whole
            failed += 1
            print(f"FAIL {name}:\n{traceback.format_exc()}", flush=True)
    print(f"{title}: {len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0
