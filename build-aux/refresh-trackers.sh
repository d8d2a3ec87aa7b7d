#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Refreshes data/trackers.json, the trackers module's list of tracking
# hosts, from EasyPrivacy (https://easylist.to, GPL-3.0-or-later or
# CC BY-SA 3.0 or later): the rules that block a whole host (||host^ with
# no path, no domain= restriction), by the section of the list they come
# from.  The companies behind the best-known hosts are our own table,
# build-aux/tracker-companies.json, kept in the output.
#   build-aux/refresh-trackers.sh [EASYPRIVACY.TXT]   # default: download
# Debian's webext-ublock-origin-* ships a copy in
# assets/thirdparties/easylist/easyprivacy.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

url=https://easylist.to/easylist/easyprivacy.txt
src=${1:-}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
if [ -z "$src" ]; then
  curl -fsSL --max-filesize 20000000 -o "$tmp" "$url"
  src=$tmp
fi

python3 - "$src" build-aux/tracker-companies.json data/trackers.json <<'PY'
import json, re, sys

# EasyPrivacy's sections of whole-host rules, and what we call them
sections = {
    "easyprivacy_trackingservers_general.txt": "tracking",
    "easyprivacy_trackingservers.txt": "tracking",
    "easyprivacy_trackingservers_thirdparty.txt": "third-party tracking",
    "easyprivacy_trackingservers_international.txt": "tracking",
    "easyprivacy_trackingservers_admiral.txt": "anti-ad-block tracking",
    "easyprivacy_trackingservers_notifications.txt": "push notifications",
    "easyprivacy_trackingservers_mining.txt": "cryptomining",
    "easyprivacy_thirdparty.txt": "third-party tracking",
    "easyprivacy_thirdparty_international.txt": "third-party tracking",
}
# options that only narrow the request types: the host is a tracker
allowed = {"third-party", "3p", "script", "image", "xmlhttprequest", "xhr",
           "subdocument", "ping", "other", "stylesheet", "media", "object",
           "websocket", "font"}
rule = re.compile(r"^\|\|([a-z0-9][a-z0-9.-]*\.[a-z]{2,})\^(?:\$(.*))?$")

category = None
hosts = {}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = line.strip()
    m = re.match(r"^! \*\*\* easylist:easyprivacy/(\S+) \*\*\*$", line)
    if m:
        category = sections.get(m.group(1))
        continue
    if category is None or line.startswith("!"):
        continue
    m = rule.match(line)
    if not m:
        continue
    options = set(m.group(2).split(",")) if m.group(2) else set()
    if not options <= allowed:
        continue
    hosts.setdefault(m.group(1), category)

companies = json.load(open(sys.argv[2], encoding="utf-8"))
for host in companies["hosts"]:
    hosts.setdefault(host, "tracking")

names = sorted(set(hosts.values()))
out = {
    "source": "EasyPrivacy (easylist.to), GPL-3.0-or-later or CC BY-SA 3.0+",
    "categories": names,
    # each host: the index of its category
    "hosts": {h: names.index(c) for h, c in sorted(hosts.items())},
    "companies": companies["hosts"],
}
with open(sys.argv[3], "w", encoding="utf-8") as f:
    json.dump(out, f, separators=(",", ":"), sort_keys=False)
    f.write("\n")
print(f"{sys.argv[3]}: {len(hosts)} hosts", file=sys.stderr)
PY
