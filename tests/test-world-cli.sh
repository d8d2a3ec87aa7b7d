#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line on the test world: exit codes, JSON, batches, progress.
# Usage (inside tests/world/run): test-world-cli.sh PATH-TO-compliancelayer-cli
set -u
cli=$1
world=(--resolver "$CL_WORLD_RESOLVER" --trust-anchor "$CL_WORLD_TRUST_ANCHOR"
       --ca-file "$CL_WORLD_CA_FILE" --network-timeout 2 --timeout 10)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# a fresh store: no report of an earlier run answers from the cache
export COMPLIANCELAYER_DATABASE=$tmp/store.db
n=0
failed=0

check () {  # check DESCRIPTION COMMAND…
  local desc=$1; shift
  n=$((n + 1))
  if "$@"; then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc"
    failed=$((failed + 1))
  fi
}

json_get () {  # json_get FILE EXPR: a python expression over the parsed JSON j
  python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1"
}

exit_is () {  # exit_is CODE COMMAND…
  local want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  [ "$got" -eq "$want" ] || { echo "# exit $got, want $want: $*"; sed 's/^/# /' "$tmp/err"; return 1; }
}

check "invalid domain exits 2" exit_is 2 "$cli" scan "not a domain" "${world[@]}"
check "invalid domain names VALIDATION_ERROR" grep -q VALIDATION_ERROR "$tmp/err"
check "IP literal exits 2 before any traffic" exit_is 2 "$cli" scan 127.0.10.1 "${world[@]}"
check "--json error is JSON on stdout" exit_is 2 "$cli" scan --json localhost "${world[@]}"
check "--json error carries the code" test "$(json_get "$tmp/out" "j['error']")" = VALIDATION_ERROR
check "nxdomain exits 3" exit_is 3 "$cli" scan nxdomain.example "${world[@]}"
check "nxdomain names NOT_FOUND" grep -q NOT_FOUND "$tmp/err"
check "unknown command exits 2" exit_is 2 "$cli" frobnicate
check "bad --timeout exits 2" exit_is 2 "$cli" scan good.example --timeout 0

check "scan good.example exits 0" exit_is 0 "$cli" scan "https://Good.Example/path" "${world[@]}"
check "summary shows the grade" grep -q "good.example — grade A" "$tmp/out"

check "--json --progress exits 0" exit_is 0 "$cli" scan --json --progress bad.example "${world[@]}"
cp "$tmp/out" "$tmp/bad.json"; cp "$tmp/err" "$tmp/bad.progress"
check "--json report has the seed's fields" test "$(json_get "$tmp/bad.json" "','.join(j.keys())")" = \
  "domain,score,grade,risk_level,report_id,scanned_at,modules,issues,excluded,caveats,compliance,recommendations"
check "bad.example grades F" test "$(json_get "$tmp/bad.json" "j['grade']")" = F
check "issues are sorted by severity" test "$(json_get "$tmp/bad.json" \
  "[i['severity'] for i in j['issues']] == sorted([i['severity'] for i in j['issues']], key=['critical','high','medium','low','info'].index)")" = True
check "recommendations recover every lost point" test "$(json_get "$tmp/bad.json" \
  "sum(r['points_recovered'] for r in j['recommendations']) == 100 - j['score']")" = True
# all fifteen modules run (issue #6)
check "--progress reports every running module" test "$(grep -c ' running$' "$tmp/bad.progress")" -eq 15
check "--progress reports every module done" test "$(grep -c ' done$' "$tmp/bad.progress")" -eq 15

printf '# a batch\ngood.example\n\nnot_valid!\nnxdomain.example\nfair.example\n' >"$tmp/list"
check "--from with failures exits 1" exit_is 1 "$cli" scan --from "$tmp/list" --jobs 2 "${world[@]}"
check "--from prints one JSON line a domain" test "$(wc -l <"$tmp/out")" -eq 4
check "--from lines are reports or errors" python3 - "$tmp/out" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
by = {l['domain']: l for l in lines}
assert by['good.example']['grade'] == 'A', by['good.example'].get('grade')
assert by['fair.example']['report_id'].startswith('cl_rpt_')
assert by['not_valid!']['error'] == 'VALIDATION_ERROR'
assert by['nxdomain.example']['error'] == 'NOT_FOUND'
PY

echo "1..$n"
[ "$failed" -eq 0 ]
