#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerates the certificates that tests/test-ssl-judge.c parses, and the
# seed corpus of tests/fuzz/fuzz-x509.c made from them.  The dates are
# fixed (the tests judge them at a fixed "now", 2030-01-01), so the files
# never go stale; the keys are thrown away.  Needs certtool (gnutls-bin)
# and python3.
#
#   root.pem          self-signed root CA (ECDSA P-256), 2020-2045
#   intermediate.pem  intermediate CA signed by root, 2020-2045
#   leaf.pem          test.example + www.test.example, by intermediate, 2020-2040
#   expired.pem       test.example, by intermediate, 2020-2021
#   expiring.pem      test.example, by intermediate, until 2030-01-10
#   selfsigned.pem    test.example, self-signed, 2020-2040
#   sha1.pem          test.example, by intermediate with ECDSA-SHA1
#   rsa1024.pem       test.example, 1024-bit RSA key, by intermediate
#   wronghost.pem     other.example, by intermediate

set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CORPUS=$HERE/../../fuzz/corpus/fuzz-x509
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

key() { # TYPE FILE
  case $1 in
    ecdsa) certtool --generate-privkey --key-type ecdsa --curve secp256r1 --outfile "$2" ;;
    rsa1024) certtool --generate-privkey --key-type rsa --bits 1024 --outfile "$2" ;;
  esac 2>/dev/null
}

template() { # FILE CN FROM UNTIL [ca]
  {
    echo "cn = \"$2\""
    echo "organization = \"ComplianceLayer Test Fixtures\""
    echo "activation_date = \"$3 00:00:00\""
    echo "expiration_date = \"$4 00:00:00\""
    if [[ ${5:-} == ca ]]; then
      echo ca
      echo cert_signing_key
    else
      echo "dns_name = \"$2\""
      [[ $2 == test.example ]] && echo 'dns_name = "www.test.example"'
      echo tls_www_server
      echo signing_key
    fi
  } >"$1"
}

issue() { # NAME CN FROM UNTIL KEYTYPE [HASH]
  key "$5" "$TMP/$1.key"
  template "$TMP/$1.tmpl" "$2" "$3" "$4"
  certtool --generate-certificate --hash "${6:-SHA256}" --load-privkey "$TMP/$1.key" \
    --load-ca-certificate "$HERE/intermediate.pem" --load-ca-privkey "$TMP/intermediate.key" \
    --template "$TMP/$1.tmpl" --outfile "$HERE/$1.pem" 2>/dev/null
}

key ecdsa "$TMP/root.key"
template "$TMP/root.tmpl" "Fixture Root CA" 2020-01-01 2045-01-01 ca
certtool --generate-self-signed --load-privkey "$TMP/root.key" \
  --template "$TMP/root.tmpl" --outfile "$HERE/root.pem" 2>/dev/null

key ecdsa "$TMP/intermediate.key"
template "$TMP/intermediate.tmpl" "Fixture Intermediate CA" 2020-01-01 2045-01-01 ca
certtool --generate-certificate --load-privkey "$TMP/intermediate.key" \
  --load-ca-certificate "$HERE/root.pem" --load-ca-privkey "$TMP/root.key" \
  --template "$TMP/intermediate.tmpl" --outfile "$HERE/intermediate.pem" 2>/dev/null

issue leaf test.example 2020-01-01 2040-01-01 ecdsa
issue expired test.example 2020-01-01 2021-01-01 ecdsa
issue expiring test.example 2020-01-01 2030-01-10 ecdsa
issue sha1 test.example 2020-01-01 2040-01-01 ecdsa SHA1
issue rsa1024 test.example 2020-01-01 2040-01-01 rsa1024
issue wronghost other.example 2020-01-01 2040-01-01 ecdsa

key ecdsa "$TMP/selfsigned.key"
template "$TMP/selfsigned.tmpl" test.example 2020-01-01 2040-01-01
certtool --generate-self-signed --load-privkey "$TMP/selfsigned.key" \
  --template "$TMP/selfsigned.tmpl" --outfile "$HERE/selfsigned.pem" 2>/dev/null

# The fuzz target reads a flag byte (bit 0: the first record is a trust
# anchor; bit 1: the last record is the issuer fetched from the AIA URL),
# then records of a 2-byte big-endian length and that much DER.
mkdir -p "$CORPUS"
python3 - "$HERE" "$CORPUS" <<'PY'
import base64, os, re, struct, sys
here, corpus = sys.argv[1:3]
def der(name):
    text = open(os.path.join(here, name + ".pem")).read()
    body = re.search(r"-----BEGIN CERTIFICATE-----(.*?)-----END", text, re.S).group(1)
    return base64.b64decode("".join(body.split()))
chains = {
    "leaf-chain": (1, ["root", "leaf", "intermediate"]),
    "leaf-full-chain": (1, ["root", "leaf", "intermediate", "root"]),
    "leaf-alone": (1, ["root", "leaf"]),
    "leaf-untrusted": (0, ["leaf", "intermediate"]),
    "aia-completed": (3, ["root", "leaf", "intermediate"]),
    "unordered": (1, ["root", "leaf", "root", "intermediate"]),
    "expired": (1, ["root", "expired", "intermediate"]),
    "selfsigned": (0, ["selfsigned"]),
    "sha1": (1, ["root", "sha1", "intermediate"]),
    "rsa1024": (1, ["root", "rsa1024", "intermediate"]),
    "wronghost": (1, ["root", "wronghost", "intermediate"]),
}
for name, (flags, certs) in chains.items():
    with open(os.path.join(corpus, name), "wb") as f:
        f.write(bytes([flags]))
        for c in certs:
            d = der(c)
            f.write(struct.pack(">H", len(d)) + d)
PY
