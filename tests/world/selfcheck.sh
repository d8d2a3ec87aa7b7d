#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/world/run tests/world/selfcheck.sh
#
# Checks that the test world is what README.md says, with ordinary tools
# (kdig, delv, curl, gnutls-cli), so that a failing world test can be told
# apart from a broken world.  Prints TAP.

set -uo pipefail

SRC=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
[[ -n ${CL_WORLD_DIR:-} ]] || { echo "Bail out! run inside tests/world/run"; exit 1; }

n=0
failed=0
ok() { # DESCRIPTION COMMAND...
    local what=$1
    shift
    n=$((n + 1))
    if "$@"; then
        echo "ok $n - $what"
    else
        echo "not ok $n - $what"
        failed=1
    fi
}

not() { ! "$@"; }
kd() { kdig @"$CL_WORLD_RESOLVER" +retry=0 +time=2 "$@"; }
dv() { delv @"$CL_WORLD_RESOLVER" -a "$CL_WORLD_DIR/root.anchor" "$@" 2>&1; }
curl_world() { curl -s --max-time 5 --cacert "$CL_WORLD_CA_FILE" "$@"; }
# gnutls_ok HOST PRIORITY: a TLS handshake with HOST:443 succeeds.
gnutls_ok() {
    gnutls-cli --x509cafile "$CL_WORLD_CA_FILE" --priority "$2" "$1" </dev/null 2>&1 |
        grep -q 'Handshake was completed'
}
# first_line ADDRESS PORT: what the server sends first (1 s at most).
first_line() {
    local line=
    exec {fd}<>"/dev/tcp/$1/$2" || return 1
    IFS= read -r -t 1 -u "$fd" line
    exec {fd}<&-
    printf '%s' "${line%$'\r'}"
}
is_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# --- DNS ---------------------------------------------------------------------
while IFS=$'\t' read -r domain _ address _; do
    [[ -z $domain || $domain == \#* ]] && continue
    answer=$(kd +short "$domain" A)
    if [[ $domain == nxdomain.example ]]; then
        ok "$domain is NXDOMAIN" grep -q 'status: NXDOMAIN' <(kd "$domain" A)
    elif [[ $address == - ]]; then
        ok "$domain has no A record" test -z "$answer"
    else
        ok "$domain A $address" test "$answer" == "$address"
    fi
done <"$SRC/domains.tsv"

ok "root.ds is a zone-file DS" grep -Eq '^\. 3600 IN DS [0-9]+ 13 2 [0-9a-f]{64}$' "$CL_WORLD_TRUST_ANCHOR"
for d in good.example fair.example mailonly.example; do
    ok "delv: $d fully validated" grep -q '^; fully validated' <(dv "$d" SOA)
done
ok "delv: expired.example fully validated" grep -q '^; fully validated' <(dv expired.example A)
ok "delv: bad.example unsigned" grep -q '^; unsigned answer' <(dv bad.example A)
ok "delv: nxdomain.example validated NXDOMAIN" grep -q 'negative response, fully validated' <(dv nxdomain.example A)
ok "good.example DS answered from example." \
    grep -Eq 'RRSIG[[:space:]]+DS .* example\. ' <(kd +dnssec +noall +answer good.example DS)
ok "bad.example has no DS" test -z "$(kd +short bad.example DS)"
for d in rsasha1.example rsa1024.example sigexpiring.example; do
    ok "delv: $d fully validated" grep -q '^; fully validated' <(dv "$d" SOA)
done
ok "delv: nods.example unsigned" grep -q '^; unsigned answer' <(dv nods.example SOA)
ok "delv: bogus.example broken trust chain" grep -q 'broken trust chain' <(dv bogus.example SOA)
ok "rsasha1.example DNSKEY algorithm 5" grep -Eq 'DNSKEY[[:space:]]+257 3 5 ' <(kd +noall +answer rsasha1.example DNSKEY)
ok "good.example SPF" grep -qx '"v=spf1 mx -all"' <(kd +short good.example TXT)
ok "good.example DKIM default" grep -q 'v=DKIM1' <(kd +short default._domainkey.good.example TXT)
ok "good.example CAA" grep -q 'issue "ca.example"' <(kd +short good.example CAA)
ok "bad.example MX target does not resolve" grep -q 'status: NXDOMAIN' <(kd mail.bad.example A)

# --- web and TLS -------------------------------------------------------------
ok "good.example: https 200 with the world CA" \
    test "$(curl_world -o /dev/null -w '%{http_code}' https://good.example/)" == 200
ok "good.example: http 301 to https" \
    grep -qi '^location: https://good.example/' <(curl_world -I http://good.example/)
ok "good.example: HSTS" grep -qi '^strict-transport-security: max-age=63072000; includeSubDomains; preload' \
    <(curl_world -I https://good.example/)
ok "good.example: no TLS 1.1" not gnutls_ok good.example 'NORMAL:-VERS-ALL:+VERS-TLS1.1'
ok "fair.example: TLS 1.1" gnutls_ok fair.example 'NORMAL:-VERS-ALL:+VERS-TLS1.1:+SHA1'
ok "bad.example: 3DES over TLS 1.0" grep -q 'Handshake was completed' <(gnutls-cli --insecure \
    --priority 'NONE:+VERS-TLS1.0:+RSA:+3DES-CBC:+SHA1:+COMP-NULL:+SIGN-ALL:+CTYPE-X509' \
    bad.example </dev/null 2>&1)
ok "bad.example: https reflects Origin with credentials" \
    grep -qi '^access-control-allow-origin: https://evil.example' \
    <(curl -sk --max-time 5 -I -H 'Origin: https://evil.example' https://bad.example/)
ok "bad.example: http 200 without redirect" \
    test "$(curl_world -o /dev/null -w '%{http_code}' http://bad.example/)" == 200
for h in bad expired selfsigned wronghost; do
    curl_world -o /dev/null "https://$h.example/"
    ok "$h.example: certificate rejected" test $? == 60
done
ok "expiring.example: certificate accepted" curl_world -o /dev/null https://expiring.example/
ok "badcookies.example: / sets sid and redirects" \
    grep -qi '^set-cookie: sid=.*HttpOnly' <(curl_world -D - -o /dev/null https://badcookies.example/)
ok "badcookies.example: /welcome sets 6 cookies" \
    test "$(curl_world -D - -o /dev/null https://badcookies.example/welcome | grep -ci '^set-cookie:')" == 6
ok "goodcookies.example: sets __Host-session" \
    grep -qi '^set-cookie: __Host-session=' <(curl_world -D - -o /dev/null https://goodcookies.example/)
ok "waf.example: 403 with a block page to a quote in the query" \
    grep -q 'Sucuri Website Firewall' <(curl_world "https://waf.example/?id=1%27")
ok "nowaf.example: 200 to a quote in the query" \
    test "$(curl_world -o /dev/null -w '%{http_code}' "https://nowaf.example/?id=1%27")" == 200
ok "tls10.example: TLS 1.0 accepted" gnutls_ok tls10.example 'NORMAL:-VERS-ALL:+VERS-TLS1.0:+SHA1'
ok "tls10.example: TLS 1.2 refused" not gnutls_ok tls10.example 'NORMAL:-VERS-ALL:+VERS-TLS1.2'

# --- ports -------------------------------------------------------------------
ok "mail.good.example:25 SMTP banner" grep -q '^220 .*ESMTP' <<<"$(first_line 127.0.10.2 25)"
ok "fair.example:22 SSH banner" grep -q '^SSH-2.0-OpenSSH_9.2' <<<"$(first_line 127.0.10.4 22)"
ok "bad.example:21 FTP banner" grep -q '^220 ' <<<"$(first_line 127.0.10.3 21)"
ok "silent.example:443 accepts and says nothing" test -z "$(first_line 127.0.10.6 443)"
dangerous=(21 22 23 25 445 3306 3389 5432 5900 6379 8080 8443 9200 10000 27017)
open=()
for p in "${dangerous[@]}"; do is_open 127.0.10.1 "$p" && open+=("$p"); done
ok "good.example: no dangerous port open (${open[*]:-none})" test ${#open[@]} == 0
open=()
for p in "${dangerous[@]}"; do is_open 127.0.10.3 "$p" && open+=("$p"); done
ok "bad.example: 21 23 445 3306 3389 5900 6379 27017 open" \
    test "${open[*]}" == "21 23 445 3306 3389 5900 6379 27017"

echo "1..$n"
exit $failed
