#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Prints the longest main-loop stall of the desktop app while it scans world
# domains, and its memory after ten scans, on Wayland (a headless Weston:
# GNOME's default session) and on X11 (Xvfb).  Figures, not a test.
#   sudo bench/ui.sh [BUILDDIR]
#   CL_BENCH_DISPLAYS="wayland" sudo bench/ui.sh   one of them
# Both draw with GTK's cairo renderer: there is no GPU here, and GL through
# llvmpipe is several times slower.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$here/_build}" && pwd)

if [ -z "${CL_WORLD_DIR:-}" ]; then
  for display in ${CL_BENCH_DISPLAYS:-wayland x11}; do
    echo "== $display"
    case $display in
      wayland) wrap=("$here/bench/with-weston") ;;
      x11) wrap=(xvfb-run -a -s "-screen 0 1280x800x24") ;;
      *) echo "unknown display $display" >&2; exit 2 ;;
    esac
    "$here/tests/world/run" "${wrap[@]}" dbus-run-session -- "$0" "$build"
  done
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export COMPLIANCELAYER_DATABASE=$tmp/bench.db GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=$build/data GSK_RENDERER=cairo NO_AT_BRIDGE=1
${CL_BENCH_WRAP:-} "$build/bench/ui-responsiveness"
