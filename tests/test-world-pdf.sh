#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# PDF reports and their verification on the test world, through the
# command line: scan --pdf of good.example (A) and bad.example (F), export
# of a recorded report with its JSON and signature, verify of each; a
# flipped byte, a report signed again by another key, a PDF of another
# report; unwritable and full disks leave no half file.
# With $CL_SCREENSHOT_DIR set, the cover of bad.example's PDF and its first
# page of issues are written there as pdf-cover.png and pdf-issues.png.
# Usage (inside tests/world/run): test-world-pdf.sh PATH-TO-compliancelayer-cli
set -u
cli=$1
world=(--resolver "$CL_WORLD_RESOLVER" --trust-anchor "$CL_WORLD_TRUST_ANCHOR"
       --ca-file "$CL_WORLD_CA_FILE")
tmp=$(mktemp -d)
trap 'umount "$tmp/disk" 2>/dev/null; rm -rf "$tmp"' EXIT
export COMPLIANCELAYER_DATABASE=$tmp/data/store.db
export COMPLIANCELAYER_SIGNING_KEY=$tmp/keys/signing-key.pem
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
  [ "$got" -eq "$want" ] || { echo "# exit $got, want $want: $*"; sed 's/^/# /' "$tmp/out" "$tmp/err"; return 1; }
}

py () {  # py FILE EXPR: a python expression over the JSON in FILE (j)
  python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1"
}

is () {  # is GOT WANT
  [ "$1" = "$2" ] || { echo "# got '$1', want '$2'"; return 1; }
}

says () {  # says PATTERN: in $tmp/out or $tmp/err
  grep -Eq -- "$1" "$tmp/out" "$tmp/err" || { echo "# no '$1' in:"; sed 's/^/# /' "$tmp/out" "$tmp/err"; return 1; }
}

pdf_text () {  # pdf_text PDF: all its text, white space squeezed out
  pdftotext "$1" - | tr -d ' \n\t\f'
}

fingerprint () {  # fingerprint KEY.pem: as the product shows it
  openssl pkey -in "$1" -pubout -outform DER | sha256sum | cut -c1-64 | tr a-f A-F | sed 's/..../& /g; s/ $//'
}

# ------------------------------------------------- scan --pdf, verify --

for domain in good.example bad.example; do
  check "scan $domain --pdf" exit_is 0 "$cli" scan "$domain" --pdf "$tmp/$domain.pdf" "${world[@]}"
  check "... says the PDF is written and signed" says "Signed by the key"
  check "... the same report as JSON, from the store" \
    exit_is 0 "$cli" scan "$domain" --json "${world[@]}"
  cp "$tmp/out" "$tmp/$domain.json"
  check "... the PDF is a PDF" is "$(head -c 5 "$tmp/$domain.pdf")" "%PDF-"
  check "verify $domain.json --pdf" exit_is 0 "$cli" verify "$tmp/$domain.json" --pdf "$tmp/$domain.pdf"
  check "... says the id matches" says "report_id matches its content"
  check "... and names the key" says "valid signature by the key $(fingerprint "$COMPLIANCELAYER_SIGNING_KEY")"
  check "... all passed" says "All checks passed"
  rid=$(py "$tmp/$domain.json" "j['report_id']")
  text=$(pdf_text "$tmp/$domain.pdf")
  check "... the PDF states the report id" grep -q "$rid" <<<"$text"
  check "... and each finding" python3 - "$tmp/$domain.json" "$text" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
text = sys.argv[2]
missing = [i["finding"] for i in report["issues"] if "".join(i["finding"].split()) not in text]
for m in missing:
    print("# missing:", m)
sys.exit(1 if missing else 0)
PY
done
check "the key was made on first use, private" test "$(stat -c %a "$COMPLIANCELAYER_SIGNING_KEY")" = 600
check "... in a private folder" test "$(stat -c %a "$tmp/keys")" = 700
check "bad.example's PDF says grade F" grep -q "gradeF" <<<"$(pdf_text "$tmp/bad.example.pdf")"
check "good.example's PDF says grade A" grep -q "gradeA" <<<"$(pdf_text "$tmp/good.example.pdf")"
check "the PDF of another report does not verify (1)" \
  exit_is 1 "$cli" verify "$tmp/good.example.json" --pdf "$tmp/bad.example.pdf"
check "... saying it is for another report" says "It is for report"
check "scan --pdf with --from is refused (2)" exit_is 2 "$cli" scan --from /dev/null --pdf "$tmp/x.pdf"

# ----------------------------------------------- export and signatures --

rid=$(py "$tmp/bad.example.json" "j['report_id']")
check "export REPORT_ID --pdf --json --letter" \
  exit_is 0 "$cli" export "$rid" --pdf "$tmp/r.pdf" --json "$tmp/r.json" --letter
check "... US Letter pages" grep -q "612 x 792" <<<"$(pdfinfo "$tmp/r.pdf")"
check "... the JSON is the report" is "$(py "$tmp/r.json" "j['report_id']")" "$rid"
check "... with its signature beside it" test -s "$tmp/r.json.sig"
check "verify finds the signature file beside the JSON" exit_is 0 "$cli" verify "$tmp/r.json" --pdf "$tmp/r.pdf"
check "... checks it" says "The signature file $tmp/r.json.sig: the same report and SHA-256, and a valid signature"
check "... and the PDF" says "The PDF $tmp/r.pdf: the same report and SHA-256, and a valid signature"
first_key=$(fingerprint "$COMPLIANCELAYER_SIGNING_KEY")
check "--key with the signer's fingerprint passes" exit_is 0 "$cli" verify "$tmp/r.json" --key "$first_key"

# one flipped byte in a finding's text
python3 - "$tmp/r.json" "$tmp/flipped.json" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
at = data.index(b'"finding": "') + len(b'"finding": "') + 3
data[at] ^= 0x01
open(sys.argv[2], "wb").write(bytes(data))
PY
cp "$tmp/r.json.sig" "$tmp/flipped.json.sig"
check "one flipped byte: verify fails (1)" exit_is 1 "$cli" verify "$tmp/flipped.json" --pdf "$tmp/r.pdf"
check "... the id no longer matches" says "does not match the content"
check "... nor the signature" says "The signature file .*the report was altered"
check "... nor the PDF" says "The PDF .*the report was altered"
check "no report at all: VALIDATION_ERROR (2)" exit_is 2 "$cli" verify "$tmp/r.pdf"
check "no such file: NOT_FOUND (3)" exit_is 3 "$cli" verify "$tmp/missing.json"

# signed again by someone else's key
check "export signed by another key" \
  exit_is 0 "$cli" export "$rid" --json "$tmp/other.json" --pdf "$tmp/other.pdf" --signing-key "$tmp/other.pem"
other_key=$(fingerprint "$tmp/other.pem")
check "... another key" test "$other_key" != "$first_key"
check "verify names the other key" exit_is 0 "$cli" verify "$tmp/other.json" --pdf "$tmp/other.pdf"
check "... for the signature file" says "The signature file .* valid signature by the key $other_key"
check "... and the PDF" says "The PDF .* valid signature by the key $other_key"
check "--key with the first key's fingerprint fails (1)" \
  exit_is 1 "$cli" verify "$tmp/other.json" --key "$first_key"
check "... saying by whom it is signed" says "is signed by the key $other_key, not by $first_key"
check "forged: the other key's signature in the first key's signature file" python3 - "$tmp/r.json.sig" "$tmp/other.json.sig" "$tmp/forged.sig" <<'PY'
import json, sys
mine, theirs = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
mine["signature"] = theirs["signature"]
json.dump(mine, open(sys.argv[3], "w"))
PY
check "... verify fails (1)" exit_is 1 "$cli" verify "$tmp/r.json" --signature "$tmp/forged.sig"
check "... the signature does not match" says "The signature does not match"

# an unsigned export still states the digest
check "export --no-sign" exit_is 0 "$cli" export "$rid" --pdf "$tmp/unsigned.pdf" --json "$tmp/unsigned.json" --no-sign
check "... no signature file" test ! -e "$tmp/unsigned.json.sig"
check "verify: the PDF states the digest, unsigned" exit_is 0 "$cli" verify "$tmp/unsigned.json" --pdf "$tmp/unsigned.pdf"
check "... and says it is not signed" says "not signed"
check "--key on an unsigned report fails (1)" exit_is 1 "$cli" verify "$tmp/unsigned.json" --pdf "$tmp/unsigned.pdf" --key "$first_key"

# export of a report JSON file, as scan --json wrote it
check "export REPORT.json --pdf" exit_is 0 "$cli" export "$tmp/good.example.json" --pdf "$tmp/from-file.pdf"
check "... verifies" exit_is 0 "$cli" verify "$tmp/good.example.json" --pdf "$tmp/from-file.pdf"

# ------------------------------------------------------------ errors --

check "unknown report: NOT_FOUND (3)" exit_is 3 "$cli" export cl_rpt_000000000000 --pdf "$tmp/x.pdf"
check "malformed id: VALIDATION_ERROR (2)" exit_is 2 "$cli" export cl_rpt_nope --pdf "$tmp/x.pdf"
check "nothing to write: usage (2)" exit_is 2 "$cli" export "$rid"
check "a folder that does not exist: INTERNAL_ERROR (4)" \
  exit_is 4 "$cli" export "$rid" --pdf "$tmp/no/such/folder/r.pdf"
check "... saying why" says "INTERNAL_ERROR: Cannot write the PDF"

mkdir -p "$tmp/disk"
check "a small disk" mount -t tmpfs -o size=64k tmpfs "$tmp/disk"
echo before >"$tmp/disk/r.pdf"
check "full disk: INTERNAL_ERROR (4)" exit_is 4 "$cli" export "$rid" --pdf "$tmp/disk/r.pdf"
check "... saying why" says "INTERNAL_ERROR: .*No space left on device"
check "... the PDF that was there is untouched" is "$(cat "$tmp/disk/r.pdf")" before
check "... and no half file is left" is "$(ls -A "$tmp/disk")" r.pdf
umount "$tmp/disk"

# ------------------------------------------------------- screenshots --

if [ -n "${CL_SCREENSHOT_DIR:-}" ]; then
  mkdir -p "$CL_SCREENSHOT_DIR"
  issues=$(pdfinfo -dests "$tmp/bad.example.pdf" | awk '$NF == "\"issues\"" { print $1 }')
  pdftoppm -png -singlefile -f 1 -l 1 -scale-to-x 1090 -scale-to-y -1 \
    "$tmp/bad.example.pdf" "$CL_SCREENSHOT_DIR/pdf-cover"
  pdftoppm -png -singlefile -f "$issues" -l "$issues" -scale-to-x 1090 -scale-to-y -1 \
    "$tmp/bad.example.pdf" "$CL_SCREENSHOT_DIR/pdf-issues"
  cp "$tmp/good.example.pdf" "$tmp/bad.example.pdf" "$CL_SCREENSHOT_DIR/"
  echo "# screenshots in $CL_SCREENSHOT_DIR"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
