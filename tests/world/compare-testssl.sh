#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/world/compare-testssl.sh SSL_FACTS [DOMAIN...]   (inside tests/world/run)
#
# The ssl module and testssl.sh must agree, on the world's HTTPS hosts
# (good.example and bad.example unless DOMAINs are given), on which protocol
# versions are accepted, which cipher families are, and on the certificate
# verdicts.  SSL_FACTS is the tests/ssl-facts program: it prints what the
# module's fetch saw, one fact a line.  Prints TAP, one test per fact.
#
# Registered as the meson test compare-testssl on four hosts (testssl.sh
# 3.0.8 needs one to three minutes per host on 2 cores); on all of them:
#   tests/world/run tests/world/compare-testssl.sh _build/tests/ssl-facts \
#       $(tests/world/run --list | cut -f1 | grep -v -e nxdomain -e silent -e mailonly)
#
# Known differences, by design (not compared):
# - SSLv2/SSLv3 and export suites: GnuTLS cannot offer them, so the module
#   does not probe them; testssl.sh does (with its own sockets).
# - testssl's "3DES_IDEA" family also counts IDEA; GnuTLS has no IDEA, so
#   an IDEA-only server would differ.  None in the world.
# - testssl's "LOW" family (64-bit, DES, RC2, RC4) is compared with our RC4
#   probe only: GnuTLS has no single DES nor RC2.
# - Forward secrecy: testssl lists the FS suites offered; the module asks
#   whether the server accepts static RSA (ssl.no_forward_secrecy) and which
#   suite it picks from a browser-like offer.  Compared here: "FS offered"
#   against "the first handshake negotiated ECDHE/DHE or TLS 1.3", which
#   agree unless a server has FS suites but prefers static RSA.
# - testssl's chain of trust includes dates; the module judges dates apart
#   (an expired certificate from a trusted CA is ssl.cert_expired, not also
#   untrusted), so "chain" is compared only where dates are fine or the
#   verdict is "self signed".

set -euo pipefail

SSL_FACTS=$1
shift
DOMAINS=("$@")
[[ ${#DOMAINS[@]} -gt 0 ]] || DOMAINS=(good.example bad.example)
SRC=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
[[ -n ${CL_WORLD_DIR:-} ]] || { echo "Bail out! run inside tests/world/run"; exit 1; }
command -v testssl >/dev/null || { echo "Bail out! testssl not found (apt-get install testssl.sh)"; exit 1; }

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# testssl.sh gives up on a host its openssl cannot connect to, and Debian's
# OpenSSL 3 refuses TLS 1.0 at its default security level (tls10.example);
# testssl.sh clears OPENSSL_CONF, hence a wrapper that sets it again.
cat >"$OUT/openssl.cnf" <<'CNF'
openssl_conf = openssl_init
[openssl_init]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
MinProtocol = TLSv1
CipherString = DEFAULT@SECLEVEL=0
CNF
printf '#!/bin/sh\nOPENSSL_CONF=%s exec %s "$@"\n' "$OUT/openssl.cnf" "$(command -v openssl)" >"$OUT/openssl"
chmod +x "$OUT/openssl"

address_of() {
    awk -F '\t' -v d="$1" '$1 == d { print $3 }' "$SRC/domains.tsv"
}

# testssl.sh on every host at once: it is slow, and mostly waiting.
pids=()
for domain in "${DOMAINS[@]}"; do
    address=$(address_of "$domain")
    [[ -n $address && $address != - ]] || { echo "Bail out! $domain has no address in domains.tsv"; exit 1; }
    testssl --openssl "$OUT/openssl" --quiet --color 0 --nodns none --ip "$address" -p -S -s -f \
        --add-ca "$CL_WORLD_CA_FILE" --jsonfile "$OUT/$domain.json" \
        "$domain:443" >"$OUT/$domain.log" 2>&1 &
    pids+=($!)
    "$SSL_FACTS" "$domain" >"$OUT/$domain.ours" || true
done
for pid in "${pids[@]}"; do
    wait "$pid" || true
done

# testssl's JSON, as the facts ssl-facts prints.
theirs() {
    python3 - "$1" <<'PY'
import json, re, sys
findings = {e["id"]: e["finding"] for e in json.load(open(sys.argv[1]))}
def offered(key):
    f = findings.get(key, "")
    # "TLSv1.1 is not offered, and downgraded to a weaker protocol"
    if f.startswith("not offered") or f.startswith("No ") or " is not offered" in f:
        return "refused"
    if f.startswith("offered") or f.startswith("Ok") or f == "passed.":
        return "accepted"
    return "unknown(%s)" % f
print("protocol TLS1.0", offered("TLS1"))
print("protocol TLS1.1", offered("TLS1_1"))
print("protocol TLS1.2", offered("TLS1_2"))
print("protocol TLS1.3", offered("TLS1_3"))
print("suites 3des", offered("cipherlist_3DES_IDEA"))
print("suites rc4", offered("cipherlist_LOW"))
print("suites null", offered("cipherlist_NULL"))
print("suites anon", offered("cipherlist_aNULL"))
print("suites aead", offered("cipherlist_STRONG"))
fs = findings.get("FS", findings.get("PFS", ""))
print("fs", "offered" if fs.startswith("offered") else "not_offered")
chain = findings.get("cert_chain_of_trust", "")
if chain.startswith("passed"):
    print("cert chain passed")
elif "self signed" in chain:
    print("cert chain self_signed")
else:
    print("cert chain failed")
print("cert hostname", "ok" if findings.get("cert_trust", "").startswith("Ok") else "mismatch")
print("cert expired", "yes" if findings.get("cert_expirationStatus", "") == "expired" else "no")
m = re.search(r"(SHA\d+|MD5)", findings.get("cert_signatureAlgorithm", ""))
print("cert signature_hash", m.group(1) if m else "?")
m = re.match(r"(EC|RSA|DSA)\S* (\d+) bits", findings.get("cert_keySize", ""))
print("cert key", "%s %s" % (m.group(1), m.group(2)) if m else "?")
PY
}

keys=("protocol TLS1.0" "protocol TLS1.1" "protocol TLS1.2" "protocol TLS1.3"
      "suites 3des" "suites rc4" "suites null" "suites anon" "suites aead" "fs"
      "cert chain" "cert hostname" "cert expired" "cert signature_hash" "cert key")

echo "1..$((${#DOMAINS[@]} * ${#keys[@]}))"
n=0
failed=0
for domain in "${DOMAINS[@]}"; do
    if [[ ! -s $OUT/$domain.json ]]; then
        echo "Bail out! testssl.sh wrote no JSON for $domain: $(tail -n 3 "$OUT/$domain.log")"
        exit 1
    fi
    theirs "$OUT/$domain.json" >"$OUT/$domain.theirs"
    expired=$(awk '$1 " " $2 == "cert expired" { print $3 }' "$OUT/$domain.ours")
    for key in "${keys[@]}"; do
        n=$((n + 1))
        ours=$(awk -v k="$key" 'index($0, k " ") == 1 { print substr($0, length(k) + 2) }' "$OUT/$domain.ours")
        them=$(awk -v k="$key" 'index($0, k " ") == 1 { print substr($0, length(k) + 2) }' "$OUT/$domain.theirs")
        if [[ $key == "cert chain" && $expired == yes && $ours == passed ]]; then
            echo "ok $n $domain $key: # SKIP dates are judged apart (ours '$ours', testssl '$them')"
        elif [[ $ours == "$them" ]]; then
            echo "ok $n $domain $key: $ours"
        else
            echo "not ok $n $domain $key: module '$ours' testssl.sh '$them'"
            failed=1
        fi
    done
done
exit $failed
