#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/world/compare-nmap.sh PORTS_OPEN   (inside tests/world/run)
#
# The ports module and nmap's TCP connect scan must see the same open
# ports on every address of the world (the domains' own and the listeners').
# PORTS_OPEN is the tests/ports-open program: it prints the curated port list
# and what the module's fetch finds open.  Prints TAP.

set -euo pipefail

SRC=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
PORTS_OPEN=$1
[[ -n ${CL_WORLD_DIR:-} ]] || { echo "Bail out! run inside tests/world/run"; exit 1; }
command -v nmap >/dev/null || { echo "Bail out! nmap not found (apt-get install nmap)"; exit 1; }

ports=$("$PORTS_OPEN" --list)
mapfile -t addresses < <(
    { awk -F '\t' '!/^#/ && NF && $3 != "-" { print $3 }' "$SRC/domains.tsv"
      awk -F '\t' '!/^#/ && NF { print $1 }' "$SRC/listeners.tsv"; } | sort -u -V)

echo "1..${#addresses[@]}"
n=0
failed=0
for address in "${addresses[@]}"; do
    n=$((n + 1))
    ours=$("$PORTS_OPEN" "$address" | awk '{ print $2 }' | sort -n | xargs)
    # -sT: the same full connect as ours; -Pn: no ping; -n: no DNS.
    # (listed.example's addresses have nothing open: grep finds nothing)
    theirs=$(nmap -sT -Pn -n -p "$ports" -oG - "$address" |
             { grep -o '[0-9]*/open/' || true; } | cut -d/ -f1 | sort -n | xargs)
    if [[ $ours == "$theirs" ]]; then
        echo "ok $n $address: ${ours:-nothing} open"
    else
        echo "not ok $n $address: ports module '${ours}' nmap '${theirs}'"
        failed=1
    fi
done
exit $failed
