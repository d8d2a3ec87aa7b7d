#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Prints the longest main-loop stall of the desktop app while it scans world
# domains, and its memory after ten scans.  Figures, not a test.
#   sudo bench/ui.sh [BUILDDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$here/_build}" && pwd)

if [ -z "${CL_WORLD_DIR:-}" ]; then
  exec "$here/tests/world/run" xvfb-run -a -s "-screen 0 1280x800x24" \
    dbus-run-session -- "$0" "$build"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export COMPLIANCELAYER_DATABASE=$tmp/bench.db GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=$build/data GSK_RENDERER=cairo NO_AT_BRIDGE=1
${CL_BENCH_WRAP:-} "$build/bench/ui-responsiveness"
