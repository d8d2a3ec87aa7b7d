#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Prints the wall time and peak memory of one full scan of each graded world
# domain, and of a 50-domain batch, on the offline test world.  Figures,
# not a pass/fail test: run it by hand and compare before and after a change.
#   sudo bench/scan-world.sh [BUILDDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$here/_build}" && pwd)

if [ -z "${CL_WORLD_DIR:-}" ]; then
  exec "$here/tests/world/run" "$0" "$build"
fi

cli=$build/src/cli/compliancelayer-cli
# --rescan: every scan is a scan, not an answer from the store's cache
world=(--resolver "$CL_WORLD_RESOLVER" --trust-anchor "$CL_WORLD_TRUST_ANCHOR"
       --ca-file "$CL_WORLD_CA_FILE" --rescan)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export COMPLIANCELAYER_DATABASE=$tmp/bench.db

measure () {  # measure LABEL COMMAND…: wall seconds and peak RSS from getrusage
  local label=$1; shift
  python3 - "$label" "$@" <<'PY'
import resource, subprocess, sys, time
label, cmd = sys.argv[1], sys.argv[2:]
t = time.monotonic()
subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.monotonic() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{label:<34} {wall:7.2f} s  {peak:7.1f} MiB peak")
PY
}

echo "settings: default timeouts (module 30 s, network step 5 s)"
for d in good.example fair.example bad.example mailonly.example silent.example; do
  measure "scan $d" "$cli" scan --json "$d" "${world[@]}"
done

for i in $(seq 1 10); do
  printf '%s\n' good.example fair.example bad.example mailonly.example nxdomain.example
done >"$tmp/batch"
measure "batch of 50 (--jobs 4)" "$cli" scan --from "$tmp/batch" --jobs 4 "${world[@]}"
measure "batch of 50 (--jobs 8)" "$cli" scan --from "$tmp/batch" --jobs 8 "${world[@]}"
