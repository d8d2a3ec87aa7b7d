#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Refreshes data/jsrepository.json, the js_audit module's library
# extractors and vulnerable version ranges, from retire.js's repository
# (Apache-2.0, https://github.com/RetireJS/retire.js).  Keeps what the
# module reads (filename, uri, filecontent and hash extractors; severity,
# ranges, CVE and advisory ids, summary) and drops the rest (AST queries,
# links, CWE) to keep the file small.
#   build-aux/refresh-retire.sh [JSREPOSITORY.JSON]   # default: download
set -euo pipefail
cd "$(dirname "$0")/.."

url=https://raw.githubusercontent.com/RetireJS/retire.js/master/repository/jsrepository.json
src=${1:-}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
if [ -z "$src" ]; then
  curl -fsSL --max-filesize 20000000 -o "$tmp" "$url"
  src=$tmp
fi

python3 - "$src" data/jsrepository.json <<'PY'
import json, sys

repo = json.load(open(sys.argv[1], encoding="utf-8"))
out = {}
for name, lib in sorted(repo.items()):
    # upstream's examples and its "do not check" URI list are no libraries
    if name in ("retire-example", "dont check"):
        continue
    extractors = {k: v for k, v in lib.get("extractors", {}).items()
                  if k in ("filename", "uri", "filecontent", "hashes") and v}
    vulns = []
    for v in lib.get("vulnerabilities", []):
        ids = v.get("identifiers", {})
        keep = {k: v[k] for k in ("atOrAbove", "below", "severity", "excludes") if k in v}
        ident = {}
        if ids.get("CVE"):
            ident["CVE"] = ids["CVE"]
        if ids.get("githubID"):
            ident["githubID"] = ids["githubID"]
        if ids.get("summary"):
            ident["summary"] = ids["summary"].split("\n")[0][:200]
        keep["identifiers"] = ident
        vulns.append(keep)
    if extractors:
        out[name] = {"extractors": extractors, "vulnerabilities": vulns}
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, indent=0, sort_keys=True)
    f.write("\n")
print(f"{sys.argv[2]}: {len(out)} libraries", file=sys.stderr)
PY
