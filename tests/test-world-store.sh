#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The store on the test world, through the command line: two scans of
# fair.example with its DNS changed in between (fixed findings resolve, new
# ones open, a false positive stays one and out of the score), the cache,
# the store commands' errors, SIGKILL while reports are being written, and
# a full or read-only disk.
# Usage (inside tests/world/run): test-world-store.sh PATH-TO-compliancelayer-cli
set -u
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
world=(--resolver "$CL_WORLD_RESOLVER" --trust-anchor "$CL_WORLD_TRUST_ANCHOR"
       --ca-file "$CL_WORLD_CA_FILE")
tmp=$(mktemp -d)
trap 'umount "$tmp/disk" 2>/dev/null; rm -rf "$tmp"' EXIT
export COMPLIANCELAYER_DATABASE=$tmp/data/store.db
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

exit_is () {  # exit_is CODE COMMAND…: stdout in $tmp/out, stderr in $tmp/err
  local want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  [ "$got" -eq "$want" ] || { echo "# exit $got, want $want: $*"; sed 's/^/# /' "$tmp/err"; return 1; }
}

py () {  # py FILE EXPR: a python expression over the JSON in FILE (j)
  python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1"
}

is () {  # is GOT WANT
  [ "$1" = "$2" ] || { echo "# got '$1', want '$2'"; return 1; }
}

status_of () {  # status_of RULE_ID: its status in $tmp/violations.json
  py "$tmp/violations.json" "next((v['status'] for v in j['violations'] if v['rule_id'] == '$1'), 'none')"
}

# ------------------------------------------------ two scans, one change --

check "first scan of fair.example" exit_is 0 "$cli" scan --json fair.example "${world[@]}"
cp "$tmp/out" "$tmp/r1.json"
check "the database is the user's alone" test "$(stat -c %a "$COMPLIANCELAYER_DATABASE")" = 600
check "its folder too" test "$(stat -c %a "$tmp/data")" = 700
check "violations --all --json" exit_is 0 "$cli" violations fair.example --all --json
cp "$tmp/out" "$tmp/violations.json"
for rule in dns_email.dmarc_policy_none dns_email.dmarc_no_rua dns_email.caa_missing \
            dns_email.spf_softfail_all headers.xfo_missing; do
  check "$rule is open after the first scan" is "$(status_of $rule)" open
done

check "a second scan within the hour comes from the store" \
  exit_is 0 "$cli" scan --json fair.example "${world[@]}"
check "... and says so, with the time" grep -q "from the store, scanned" "$tmp/err"
check "... with the same report" is "$(py "$tmp/out" "j['report_id']")" "$(py "$tmp/r1.json" "j['report_id']")"
check "... and records nothing new" exit_is 0 "$cli" history fair.example --json
check "one scan in the history" is "$(py "$tmp/out" "len(j['history'])")" 1

check "mark X-Frame-Options a false positive" \
  exit_is 0 "$cli" mark fair.example headers.xfo_missing false-positive --note "framing by partners is wanted"
check "mark of an unknown rule is NOT_FOUND (3)" exit_is 3 "$cli" mark fair.example dns_email.no_such_rule resolved
check "mark of a never scanned domain is NOT_FOUND (3)" exit_is 3 "$cli" mark good.example dns_email.caa_missing open
check "mark with a bad status is VALIDATION_ERROR (2)" \
  exit_is 2 "$cli" mark fair.example headers.xfo_missing fixed --json
check "... as JSON on stdout" is "$(py "$tmp/out" "j['error']")" VALIDATION_ERROR

# The administrator enforces DMARC with reports, publishes CAA, and breaks SPF.
check "DMARC p=reject with rua" "$here/world/set-record" fair.example _dmarc TXT \
  '"v=DMARC1; p=reject; rua=mailto:dmarc@fair.example"'
check "CAA published" "$here/world/set-record" fair.example @ CAA 0 issue '"ca.example"'
check "SPF +all" "$here/world/set-record" fair.example @ TXT '"v=spf1 mx +all"'

check "second scan of fair.example (--rescan)" \
  exit_is 0 "$cli" scan --json --rescan fair.example "${world[@]}"
cp "$tmp/out" "$tmp/r2.json"
check "violations after the change" exit_is 0 "$cli" violations fair.example --all --json
cp "$tmp/out" "$tmp/violations.json"
for rule in dns_email.dmarc_policy_none dns_email.dmarc_no_rua dns_email.caa_missing \
            dns_email.spf_softfail_all; do
  check "fixed: $rule is resolved" is "$(status_of $rule)" resolved
done
check "new: dns_email.spf_pass_all is open" is "$(status_of dns_email.spf_pass_all)" open
check "untouched: headers.csp_unsafe_inline still open" is "$(status_of headers.csp_unsafe_inline)" open
check "the false positive stays one" is "$(status_of headers.xfo_missing)" false_positive
check "... with its note and who marked it" is \
  "$(py "$tmp/violations.json" "[(v['note'], v['marked_by']) for v in j['violations'] if v['rule_id'] == 'headers.xfo_missing'][0]")" \
  "('framing by partners is wanted', '$(id -un)')"
check "every change is kept, with the scan that made it" is \
  "$(py "$tmp/violations.json" "[e['status'] + ('/scan' if e['scan_id'] else '/user') for v in j['violations'] if v['rule_id'] == 'dns_email.dmarc_policy_none' for e in v['events']]")" \
  "['open/scan', 'resolved/scan']"
check "the report leaves the false positive out of its issues" is \
  "$(py "$tmp/r2.json" "[i['rule_id'] for i in j['issues'] if i['rule_id'] == 'headers.xfo_missing']")" "[]"
check "... lists it as excluded" is \
  "$(py "$tmp/r2.json" "[i['rule_id'] for i in j['excluded']]")" "['headers.xfo_missing']"
check "... and does not count it: the headers score rose" \
  test "$(py "$tmp/r2.json" "j['modules']['headers']['score']")" -gt "$(py "$tmp/r1.json" "j['modules']['headers']['score']")"

check "history: two scans" exit_is 0 "$cli" history fair.example --json
cp "$tmp/out" "$tmp/history.json"
check "history: two scans, oldest first" is \
  "$(py "$tmp/history.json" "[h['report_id'] for h in j['history']]")" \
  "$(python3 -c "import json,sys; print([json.load(open(f))['report_id'] for f in sys.argv[1:]])" "$tmp/r1.json" "$tmp/r2.json")"
scan1=$(py "$tmp/history.json" "j['history'][0]['scan_id']")
scan2=$(py "$tmp/history.json" "j['history'][1]['scan_id']")

check "compliance-score of the second scan" exit_is 0 "$cli" compliance-score "$scan2" --json
cp "$tmp/out" "$tmp/score2.json"
check "its score is the report's" is "$(py "$tmp/score2.json" "j['score']")" "$(py "$tmp/r2.json" "j['score']")"
check "one false positive, within the resolved" is \
  "$(py "$tmp/score2.json" "(j['false_positives'], j['resolved_violations'])")" \
  "$(py "$tmp/violations.json" "(1, sum(v['status'] != 'open' for v in j['violations']))")"
check "... the four fixed and the false positive at least" \
  test "$(py "$tmp/score2.json" "j['resolved_violations']")" -ge 5
check "total = open + resolved" is \
  "$(py "$tmp/score2.json" "j['total_violations'] == j['open_violations'] + j['resolved_violations']")" True
check "by_rule_type: the open violations only" is \
  "$(py "$tmp/score2.json" "sorted(j['by_rule_type']) == sorted(v['rule_id'] for v in json.load(open('$tmp/violations.json'))['violations'] if v['status'] == 'open')")" True
check "by_severity adds up to the open violations" is \
  "$(py "$tmp/score2.json" "sum(j['by_severity'].values()) == j['open_violations']")" True
check "the history in the score" is "$(py "$tmp/score2.json" "[h['scan_id'] for h in j['history']]")" "['$scan1', '$scan2']"
check "the first scan's statistics are of its time" exit_is 0 "$cli" compliance-score "$scan1" --json
check "... nothing resolved then, no false positive" is \
  "$(py "$tmp/out" "(j['resolved_violations'], j['false_positives'], j['open_violations'] == j['total_violations'])")" "(0, 0, True)"
check "compliance-score text" exit_is 0 "$cli" compliance-score "$scan2"
check "... names the domain and scan" grep -q "fair.example — scan $scan2" "$tmp/out"
check "malformed scan id is VALIDATION_ERROR (2)" exit_is 2 "$cli" compliance-score abc123 --json
check "... as the seed's error body" is "$(py "$tmp/out" "j['error']")" VALIDATION_ERROR
check "unknown scan id is NOT_FOUND (3)" exit_is 3 "$cli" compliance-score cl_scan_0000000000000000

rid=$(py "$tmp/r1.json" "j['report_id']")
check "report REPORT_ID --json gives the report as issued" exit_is 0 "$cli" report "$rid" --json
check "... byte for byte the same JSON" python3 -c "import json,sys; assert json.load(open(sys.argv[1])) == json.load(open(sys.argv[2]))" "$tmp/out" "$tmp/r1.json"
check "report REPORT_ID summary" exit_is 0 "$cli" report "$rid"
check "... with its id" grep -q "Report $rid" "$tmp/out"
check "the summary of the second report names the false positive" \
  exit_is 0 "$cli" report "$(py "$tmp/r2.json" "j['report_id']")"
check "... who judged it so, and why" \
  grep -q "judged a false positive by $(id -un) on .*framing by partners is wanted" "$tmp/out"
check "unknown report is NOT_FOUND (3)" exit_is 3 "$cli" report cl_rpt_000000000000
check "history of a domain never scanned is NOT_FOUND (3)" exit_is 3 "$cli" history good.example
check "violations of a bad domain is VALIDATION_ERROR (2)" exit_is 2 "$cli" violations "not a domain"
check "a database that does not exist is NOT_FOUND (3)" \
  exit_is 3 "$cli" history fair.example --database "$tmp/typo/store.db"
check "... and is not made by reading it" test ! -e "$tmp/typo"

# --------------------------------------------------------- SIGKILL ------

for i in $(seq 1 8); do
  printf '%s\n' good.example fair.example mailonly.example bad.example
done >"$tmp/batch"
kills=0
lost=""
for lines in 1 4 9 15 random random random; do
  "$cli" scan --from "$tmp/batch" --jobs 4 --rescan "${world[@]}" >"$tmp/kill.out" 2>/dev/null &
  pid=$!
  if [ "$lines" = random ]; then
    sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
  else
    for _ in $(seq 1 1000); do
      [ "$(wc -l <"$tmp/kill.out")" -ge "$lines" ] && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.01
    done
  fi
  kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
  wait "$pid" 2>/dev/null
  # only whole lines were printed whole
  for id in $(python3 -c "
import json, sys
for line in open(sys.argv[1]):
    if line.endswith('\n') and '\"report_id\"' in line:
        print(json.loads(line)['report_id'])" "$tmp/kill.out"); do
    "$cli" report "$id" --json >/dev/null 2>&1 || lost="$lost $id"
  done
  cat "$tmp/kill.out" >>"$tmp/printed"
done
check "the CLI was killed mid-batch (at least 4 times)" test "$kills" -ge 4
check "reports were printed before the kills" test "$(grep -c report_id "$tmp/printed")" -ge 15
check "every report printed before a kill is in the store" is "$lost" ""
check "the database passes integrity_check" is \
  "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])" "$COMPLIANCELAYER_DATABASE")" ok
check "the earlier history is all there" exit_is 0 "$cli" history fair.example --json
check "... both scans from before the kills still first" is \
  "$(py "$tmp/out" "[h['scan_id'] for h in j['history']][:2]")" "['$scan1', '$scan2']"
check "the lifecycle went on between kills: the false positive stays one" \
  exit_is 0 "$cli" violations fair.example --all --json
cp "$tmp/out" "$tmp/violations.json"
check "... headers.xfo_missing false_positive" is "$(status_of headers.xfo_missing)" false_positive

# ------------------------------------------------ full, then read-only --

mkdir -p "$tmp/disk"
check "a small disk" mount -t tmpfs -o size=400k tmpfs "$tmp/disk"
export COMPLIANCELAYER_DATABASE=$tmp/disk/store.db
check "a scan recorded on it" exit_is 0 "$cli" scan --json good.example "${world[@]}"
good_rid=$(py "$tmp/out" "j['report_id']")
# full but for a few pages: the database opens, the report cannot be written
dd if=/dev/zero of="$tmp/disk/filler" bs=4k 2>/dev/null
truncate -s -40K "$tmp/disk/filler"
check "full disk: the scan fails with INTERNAL_ERROR (4)" \
  exit_is 4 "$cli" scan --rescan fair.example "${world[@]}"
check "... saying why" grep -Eq "INTERNAL_ERROR: .*(disk is full|No space left on device)" "$tmp/err"
check "... after printing the report it could not record" grep -q "fair.example — grade" "$tmp/out"
dd if=/dev/zero of="$tmp/disk/filler2" bs=4k 2>/dev/null
check "no space at all: the store does not even open (4)" \
  exit_is 4 "$cli" scan --rescan fair.example "${world[@]}"
check "... saying why" grep -q "INTERNAL_ERROR: .*No space left on device" "$tmp/err"
rm -f "$tmp/disk/filler" "$tmp/disk/filler2"
check "freed: the database passes integrity_check" is \
  "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])" "$COMPLIANCELAYER_DATABASE")" ok
check "... and still holds the earlier report" exit_is 0 "$cli" report "$good_rid" --json
check "... and takes new ones" exit_is 0 "$cli" scan --json --rescan fair.example "${world[@]}"
check "read-only" mount -o remount,ro "$tmp/disk"
check "read-only: the scan fails with INTERNAL_ERROR (4)" \
  exit_is 4 "$cli" scan --rescan --json good.example "${world[@]}"
check "... as a JSON error, saying why" is "$(py "$tmp/out" "j['error']")" INTERNAL_ERROR
mount -o remount,rw "$tmp/disk"
check "writable again: nothing was lost" exit_is 0 "$cli" history good.example --json
check "... the scan of good.example" is "$(py "$tmp/out" "len(j['history'])")" 1
umount "$tmp/disk"

echo "1..$n"
[ "$failed" -eq 0 ]
