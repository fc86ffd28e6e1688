#!/usr/bin/env bash
# Installs spineload's build, test and plotting dependencies from Debian packages (clang, libFuzzer's runtime
# and LLVM's OpenMP are for scripts/run_fuzz.sh). Idempotent: when everything is present it only checks (well
# under a second); otherwise it runs apt-get update once and installs what is missing. Needs root (or sudo).
set -euo pipefail

packages=(
  cmake make g++ pkg-config git
  libeigen3-dev libhdf5-dev libtomlplusplus-dev libcli11-dev
  libgtest-dev libbenchmark-dev libbenchmark-tools
  libmujoco-dev libsimbody-dev libopenmpi-dev openmpi-bin
  hdf5-tools python3 python3-h5py python3-numpy python3-matplotlib python3-pandas
  clang-format
  clang libclang-rt-14-dev libomp-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install_deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
