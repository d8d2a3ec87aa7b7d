#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Prints the time and size of a PDF export of a typical report and of one
# with 200 findings: in the library (the app's Export), then through
# `compliancelayer-cli export REPORT.json --pdf` (start-up and fonts
# included, as a script sees it).  Figures, not a test.
#   bench/pdf.sh [BUILDDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$here/_build}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export COMPLIANCELAYER_SIGNING_KEY=$tmp/key.pem

echo "In the library (render only: layout, drawing, signing):"
"$build/bench/pdf-export" "$tmp"

echo
echo "compliancelayer-cli export REPORT.json --pdf FILE (wall time, best of 3):"
for json in "$tmp"/*-findings.json; do
  python3 - "$build/src/cli/compliancelayer-cli" "$json" "$tmp/out.pdf" <<'PY'
import os, subprocess, sys, time
cli, json_path, pdf = sys.argv[1:]
best = None
for _ in range(3):
    t = time.monotonic()
    subprocess.run([cli, "export", json_path, "--pdf", pdf], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - t
    best = wall if best is None else min(best, wall)
print(f"{os.path.basename(json_path):28} {os.path.getsize(pdf) / 1024:7.1f} KB  {best:.3f} s")
PY
done
