#!/usr/bin/env bash
# Sweeps end to end (ctest label "sweep"; docs/sweeps.md): the merged file is the same for 1 and 2 threads,
# for --shard + merge, for 2 MPI ranks and after a kill -9 and --resume; a failing point is recorded and the
# sweep goes on; a Saltelli design writes /sobol; an oversized sweep is refused without output.
# Usage: test_sweep.sh SPINELOAD_BINARY WORKDIR
set -euo pipefail
spineload=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
compare="/usr/bin/python3 $here/../../scripts/compare_results.py"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "test_sweep: FAIL: $*" >&2; exit 1; }

cat > base.toml <<'TOML'
[gait]
mode = "running"
[control]
actuators = "torques"   # fast: the sweep machinery is under test, not the muscles
[simulation]
duration_s = 1.6
drop_strides = 1
output_rate_hz = 250
TOML
cat > grid.toml <<'TOML'
base = "base.toml"
[design]
kind = "grid"
[[axis]]
key = "gait.speed_m_s"
values = [2.5, 3.0, 3.5]
[[axis]]
key = "posture.thoracic_kyphosis_deg"
values = [30.0, 50.0]
TOML

"$spineload" sweep grid.toml -o one.h5 --threads 1 -q
"$spineload" sweep grid.toml -o two.h5 --threads 2 -q
$compare one.h5 two.h5 || fail "1 and 2 threads differ"

"$spineload" sweep grid.toml -o s0.h5 --shard 0/2 -q
"$spineload" sweep grid.toml -o s1.h5 --shard 1/2 -q
"$spineload" merge s1.h5 s0.h5 -o merged.h5 -q
$compare one.h5 merged.h5 || fail "--shard + merge differs"

if command -v mpirun > /dev/null; then
  mpirun --allow-run-as-root --oversubscribe -n 2 "$spineload" sweep grid.toml -o mpi.h5 --threads 1 -q
  $compare one.h5 mpi.h5 || fail "2 MPI ranks differ"
else
  fail "mpirun not found (scripts/install_deps.sh installs openmpi-bin)"
fi

# kill -9 once two scenarios are written, then resume: no redone scenario, the same file.
"$spineload" sweep grid.toml -o resumed.h5 --threads 1 -q &
pid=$!
while [ ! -f resumed.h5.parts/00000001.h5 ]; do
  kill -0 $pid 2> /dev/null || fail "the sweep ended before it could be killed"
  sleep 0.02
done
kill -9 $pid
wait $pid 2> /dev/null || true
[ ! -e resumed.h5 ] || fail "a killed sweep left an output file"
if "$spineload" sweep grid.toml -o resumed.h5 -q 2> err.txt; then fail "parts of a stopped sweep were silently replaced"; fi
grep -q -- "--resume" err.txt || fail "the refusal does not say --resume: $(cat err.txt)"
"$spineload" sweep grid.toml -o resumed.h5 --resume 2> err.txt
grep -q "2 resumed" err.txt || grep -q "[2-6] resumed" err.txt || fail "resume redid finished scenarios: $(cat err.txt)"
$compare one.h5 resumed.h5 || fail "resumed sweep differs"
[ ! -e resumed.h5.parts ] || fail "parts folder left after a complete sweep"

# A point that cannot run is recorded with its reason; the others still run.
cat > failing.toml <<'TOML'
base = "base.toml"
[design]
kind = "grid"
[[axis]]
key = "gait.overstride_m"
values = [0.2, 0.8]
TOML
"$spineload" sweep failing.toml -o failing.h5 -q
/usr/bin/python3 - <<'PY' || fail "failed point not recorded"
import h5py, numpy as np
s = h5py.File("failing.h5")["summary"][()]
status = [x.decode() for x in s["status"]]
assert status[0] == "ok" and status[1].startswith("failed: no periodic spring-mass"), status
assert np.isfinite(s["T7_T8.compression.peak"][0]) and np.isnan(s["T7_T8.compression.peak"][1])
PY

# Saltelli design: N (k + 2) scenarios and a /sobol table.
cat > sobol.toml <<'TOML'
base = "base.toml"
[design]
kind = "sobol"
metrics = ["T7_T8.compression.peak"]
samples = 4
seed = 3
bootstrap = 50
[[axis]]
key = "gait.speed_m_s"
range = [2.5, 3.5]
[[axis]]
key = "posture.thoracic_kyphosis_deg"
range = [25.0, 55.0]
TOML
"$spineload" sweep sobol.toml -o sobol.h5 --threads 2 -q
/usr/bin/python3 - <<'PY' || fail "/sobol missing or malformed"
import h5py, numpy as np
f = h5py.File("sobol.h5")
assert len(f["summary"]) == 16, len(f["summary"])
t = f["sobol"][()]
assert [a.decode() for a in t["axis"]] == ["gait.speed_m_s", "posture.thoracic_kyphosis_deg"], t["axis"]
assert np.all(np.isfinite(t["ST"])) and sorted(t["rank"]) == [1, 2], t
PY

# Refused before it starts: more points than --max-scenarios; nothing written.
if "$spineload" sweep grid.toml -o big.h5 --max-scenarios 5 -q 2> err.txt; then fail "oversized sweep ran"; fi
grep -q "grid.toml" err.txt || fail "the refusal does not name the file: $(cat err.txt)"
[ ! -e big.h5 ] && [ ! -e big.h5.parts ] || fail "a refused sweep left output"
echo "test_sweep: all sweep checks passed"
