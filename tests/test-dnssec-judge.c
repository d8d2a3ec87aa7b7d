/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dnssec-judge"

#include "config.h"

#include <string.h>

#include "cl-module-dnssec-private.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The dnssec module's judging, on answers built as the resolver builds
 * them (rdata and RRSIG rdata in wire format). */

#define NOW 1767225600  /* 2026-01-01 00:00:00 UTC */
#define DAY 86400

/* DNSKEY rdata (RFC 4034 §2.1): @bits of RSA modulus for an RSA
 * algorithm, else a 64-octet ECDSA P-256 key. */
static GBytes *
dnskey_rdata (guint16 flags,
              guint8  algorithm,
              guint   bits)
{
  GByteArray *rdata = g_byte_array_new ();
  guint8 head[] = { flags >> 8, flags & 0xff, 3, algorithm };

  g_byte_array_append (rdata, head, sizeof head);
  if (algorithm == 5 || algorithm == 7 || algorithm == 8 || algorithm == 10)
    {
      guint8 exponent[] = { 3, 0x01, 0x00, 0x01 };

      g_byte_array_append (rdata, exponent, sizeof exponent);
      for (guint i = 0; i < bits / 8; i++)
        {
          guint8 octet = i == 0 ? 0xc5 : (guint8)(i * 37);
          g_byte_array_append (rdata, &octet, 1);
        }
    }
  else
    {
      for (guint i = 0; i < 64; i++)
        {
          guint8 octet = (guint8)(i * 11 + algorithm);
          g_byte_array_append (rdata, &octet, 1);
        }
    }

  return g_byte_array_free_to_bytes (rdata);
}

/* RRSIG rdata (RFC 4034 §3.1) over @covered by key @key_tag of
 * shop.example, expiring @expires_in seconds after NOW. */
static GBytes *
rrsig_rdata (guint16 covered,
             guint8  algorithm,
             guint16 key_tag,
             gint64  expires_in)
{
  GByteArray *rdata = g_byte_array_new ();
  guint32 expiration = (guint32)(NOW + expires_in);
  guint32 inception = (guint32)(NOW - DAY);
  guint8 fixed[] = {
    covered >> 8, covered & 0xff, algorithm, 2,
    0, 0, 1, 44,
    expiration >> 24, expiration >> 16, expiration >> 8, expiration,
    inception >> 24, inception >> 16, inception >> 8, inception,
    key_tag >> 8, key_tag & 0xff,
    4, 's', 'h', 'o', 'p', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
    0xde, 0xad, 0xbe, 0xef,
  };

  g_byte_array_append (rdata, fixed, sizeof fixed);
  return g_byte_array_free_to_bytes (rdata);
}

static ClDnsAnswer *
answer (guint16     rrtype,
        gboolean    secure,
        gboolean    bogus,
        const char *why_bogus)
{
  return cl_dns_answer_new ("shop.example", rrtype, 0, secure, bogus, why_bogus);
}

static void
add_rdata (ClDnsAnswer *a,
           GBytes      *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  cl_dns_answer_add_rdata (a, data, len);
  g_bytes_unref (bytes);
}

static void
add_signature (ClDnsAnswer *a,
               GBytes      *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  cl_dns_answer_add_signature (a, data, len);
  g_bytes_unref (bytes);
}

/* A zone as the careful admin signs it: one ECDSA CSK, a DS at the
 * parent, signatures valid for two more weeks; @secure says whether the
 * resolver validated it. */
static ClDnssecFacts *
signed_zone (guint8   algorithm,
             guint    bits,
             gint64   expires_in,
             gboolean secure,
             gboolean with_ds)
{
  ClDnssecFacts *facts = _cl_dnssec_facts_new ("shop.example", NOW);
  guint8 ds[] = { 0x30, 0x39, algorithm, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 };

  facts->soa = answer (CL_DNS_TYPE_SOA, secure, FALSE, NULL);
  add_rdata (facts->soa, g_bytes_new_static ("soa-rdata", 9));
  add_signature (facts->soa, rrsig_rdata (CL_DNS_TYPE_SOA, algorithm, 12345, expires_in));

  facts->dnskey = answer (CL_DNS_TYPE_DNSKEY, secure, FALSE, NULL);
  add_rdata (facts->dnskey, dnskey_rdata (257, algorithm, bits));
  add_signature (facts->dnskey, rrsig_rdata (CL_DNS_TYPE_DNSKEY, algorithm, 12345, expires_in));

  facts->ds = answer (CL_DNS_TYPE_DS, secure, FALSE, NULL);
  if (with_ds)
    cl_dns_answer_add_rdata (facts->ds, ds, sizeof ds);

  return facts;
}

static ClModuleResult *
judge (ClDnssecFacts *facts)
{
  ClModuleResult *result = cl_module_result_new ("dnssec");

  _cl_module_dnssec_judge (facts, result);
  return result;
}

static guint
score (ClModuleResult *result)
{
  return cl_scoring_module_score (cl_module_result_get_findings (result));
}

static ClSeverity
severity_of (ClModuleResult *result,
             const char     *rule_id)
{
  ClFinding *finding = cl_test_find (result, rule_id);

  g_assert_nonnull (finding);
  g_assert_nonnull (cl_finding_get_remediation (finding));
  return cl_finding_get_severity (finding);
}

static const char *
evidence_of (ClModuleResult *result,
             const char     *rule_id)
{
  ClFinding *finding = cl_test_find (result, rule_id);

  g_assert_nonnull (finding);
  return cl_finding_get_evidence (finding);
}

static void
assert_rules (ClModuleResult *result,
              const char     *expected)
{
  g_autofree char *ids = cl_test_rule_ids (result);

  g_assert_cmpstr (ids, ==, expected);
}

static void
test_secure (void)
{
  g_autoptr(ClDnssecFacts) facts = signed_zone (13, 0, 14 * DAY, TRUE, TRUE);
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_rules (result, "");
  g_assert_cmpuint (score (result), ==, 100);
}

/* The resolver's signature view reads what the judge needs. */
static void
test_signature_view (void)
{
  g_autoptr(ClDnssecFacts) facts = signed_zone (13, 0, 14 * DAY, TRUE, TRUE);
  g_autoptr(GPtrArray) sigs = cl_dns_answer_get_signatures (facts->soa);
  g_autoptr(GPtrArray) none = cl_dns_answer_get_signatures (facts->ds);
  const ClDnsRrsig *rrsig;
  g_autoptr(ClDnsAnswer) other = answer (CL_DNS_TYPE_A, TRUE, FALSE, NULL);
  g_autoptr(GBytes) truncated = rrsig_rdata (CL_DNS_TYPE_A, 13, 1, DAY);
  g_autoptr(GPtrArray) cut = NULL;

  g_assert_cmpuint (sigs->len, ==, 1);
  rrsig = g_ptr_array_index (sigs, 0);
  g_assert_cmpuint (rrsig->type_covered, ==, CL_DNS_TYPE_SOA);
  g_assert_cmpuint (rrsig->algorithm, ==, 13);
  g_assert_cmpuint (rrsig->labels, ==, 2);
  g_assert_cmpuint (rrsig->original_ttl, ==, 300);
  g_assert_cmpuint (rrsig->expiration, ==, NOW + 14 * DAY);
  g_assert_cmpuint (rrsig->inception, ==, NOW - DAY);
  g_assert_cmpuint (rrsig->key_tag, ==, 12345);
  g_assert_cmpstr (rrsig->signer, ==, "shop.example");
  g_assert_cmpuint (none->len, ==, 0);

  /* a signature over another type, or cut short, is not one */
  add_signature (other, rrsig_rdata (CL_DNS_TYPE_SOA, 13, 1, DAY));
  cl_dns_answer_add_signature (other, g_bytes_get_data (truncated, NULL), 20);
  cut = cl_dns_answer_get_signatures (other);
  g_assert_cmpuint (cut->len, ==, 0);
}

static void
test_bogus (void)
{
  g_autoptr(ClDnssecFacts) facts = signed_zone (13, 0, 14 * DAY, FALSE, TRUE);
  g_autoptr(ClModuleResult) result = NULL;

  /* a bogus answer is as the resolver gives it: data kept, bogus set */
  g_clear_object (&facts->soa);
  facts->soa = answer (CL_DNS_TYPE_SOA, FALSE, TRUE,
                       "validation failure <shop.example. SOA IN>: no keys have a DS\x01 with algorithm");
  add_rdata (facts->soa, g_bytes_new_static ("soa-rdata", 9));
  result = judge (facts);

  /* nothing else: the keys of a bogus zone are not to be believed */
  assert_rules (result, "dnssec.bogus");
  g_assert_cmpint (severity_of (result, "dnssec.bogus"), ==, CL_SEVERITY_CRITICAL);
  g_assert_cmpstr (evidence_of (result, "dnssec.bogus"), ==,
                   "shop.example SOA: bogus: validation failure <shop.example. SOA IN>: no keys have a DS  with algorithm");
  g_assert_cmpuint (score (result), ==, 30);
}

static void
test_unsigned (void)
{
  g_autoptr(ClDnssecFacts) facts = _cl_dnssec_facts_new ("shop.example", NOW);
  g_autoptr(ClModuleResult) result = NULL;

  facts->soa = answer (CL_DNS_TYPE_SOA, FALSE, FALSE, NULL);
  add_rdata (facts->soa, g_bytes_new_static ("soa-rdata", 9));
  facts->dnskey = answer (CL_DNS_TYPE_DNSKEY, FALSE, FALSE, NULL);
  /* the parent proves there is no DS: a secure negative answer */
  facts->ds = answer (CL_DNS_TYPE_DS, TRUE, FALSE, NULL);
  result = judge (facts);

  assert_rules (result, "dnssec.unsigned");
  g_assert_cmpint (severity_of (result, "dnssec.unsigned"), ==, CL_SEVERITY_HIGH);
  g_assert_cmpuint (score (result), ==, 75);
}

/* A name below a signed zone's apex: its (empty) SOA answer is secure,
 * and no DNSKEY there is no fault. */
static void
test_below_signed_apex (void)
{
  g_autoptr(ClDnssecFacts) facts = _cl_dnssec_facts_new ("www.shop.example", NOW);
  g_autoptr(ClModuleResult) result = NULL;

  facts->soa = answer (CL_DNS_TYPE_SOA, TRUE, FALSE, NULL);
  facts->dnskey = answer (CL_DNS_TYPE_DNSKEY, TRUE, FALSE, NULL);
  facts->ds = answer (CL_DNS_TYPE_DS, TRUE, FALSE, NULL);
  result = judge (facts);

  assert_rules (result, "");
}

static void
test_no_ds (void)
{
  g_autoptr(ClDnssecFacts) facts = signed_zone (13, 0, 14 * DAY, FALSE, FALSE);
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_rules (result, "dnssec.no_ds");
  g_assert_cmpint (severity_of (result, "dnssec.no_ds"), ==, CL_SEVERITY_HIGH);
  g_assert_nonnull (strstr (evidence_of (result, "dnssec.no_ds"), "(KSK)"));
  g_assert_nonnull (strstr (evidence_of (result, "dnssec.no_ds"), "none"));
}

static void
test_chain_insecure (void)
{
  g_autoptr(ClDnssecFacts) facts = signed_zone (13, 0, 14 * DAY, FALSE, TRUE);
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_rules (result, "dnssec.chain_insecure");
}

static void
test_weak_algorithms (void)
{
  const struct {
    guint8      algorithm;
    guint       bits;
    const char *rules;
    const char *evidence;
  } cases[] = {
    { 5, 2048, "dnssec.weak_algorithm", "RSASHA1 (5)" },
    { 7, 2048, "dnssec.weak_algorithm", "RSASHA1-NSEC3-SHA1 (7)" },
    { 8, 1024, "dnssec.weak_rsa_key", "RSASHA256 (8), 1024 bits" },
    { 5, 1024, "dnssec.weak_algorithm dnssec.weak_rsa_key", "RSASHA1 (5)" },
    { 8, 2048, "", NULL },
    { 10, 4096, "", NULL },
    { 13, 0, "", NULL },
    { 15, 0, "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClDnssecFacts) facts = signed_zone (cases[i].algorithm, cases[i].bits, 14 * DAY, TRUE, TRUE);
      g_autoptr(ClModuleResult) result = judge (facts);
      g_autofree char *ids = cl_test_rule_ids (result);
      GPtrArray *findings = cl_module_result_get_findings (result);

      g_test_message ("algorithm %u, %u bits: [%s]", cases[i].algorithm, cases[i].bits, ids);
      g_assert_cmpstr (ids, ==, cases[i].rules);
      if (cases[i].evidence != NULL)
        g_assert_nonnull (strstr (cl_finding_get_evidence (g_ptr_array_index (findings, 0)), cases[i].evidence));
      for (guint j = 0; j < findings->len; j++)
        g_assert_cmpint (cl_finding_get_severity (g_ptr_array_index (findings, j)), ==, CL_SEVERITY_MEDIUM);
    }
}

/* Keys that sign nothing (not zone keys, revoked) are not judged. */
static void
test_non_signing_keys (void)
{
  g_autoptr(ClDnssecFacts) facts = signed_zone (13, 0, 14 * DAY, TRUE, TRUE);
  g_autoptr(ClModuleResult) result = NULL;

  add_rdata (facts->dnskey, dnskey_rdata (0, 5, 1024));               /* no zone flag */
  add_rdata (facts->dnskey, dnskey_rdata (257 | 0x0080, 5, 1024));    /* revoked */
  result = judge (facts);

  assert_rules (result, "");
}

static void
test_expiry (void)
{
  const struct {
    gint64      expires_in;
    const char *rules;
  } cases[] = {
    { 30 * DAY, "" },
    { 7 * DAY, "" },
    { 7 * DAY - 1, "dnssec.signature_expiring" },
    { 3 * DAY, "dnssec.signature_expiring" },
    { -DAY, "dnssec.signature_expiring" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClDnssecFacts) facts = signed_zone (13, 0, cases[i].expires_in, TRUE, TRUE);
      g_autoptr(ClModuleResult) result = judge (facts);

      assert_rules (result, cases[i].rules);
    }

  {
    g_autoptr(ClDnssecFacts) facts = signed_zone (13, 0, 3 * DAY, TRUE, TRUE);
    g_autoptr(ClModuleResult) result = judge (facts);

    g_assert_cmpint (severity_of (result, "dnssec.signature_expiring"), ==, CL_SEVERITY_MEDIUM);
    g_assert_cmpstr (evidence_of (result, "dnssec.signature_expiring"), ==,
                     "shop.example: SOA signature by key 12345 expires 2026-01-04 00:00 UTC (in 3.0 days), "
                     "DNSKEY signature by key 12345 expires 2026-01-04 00:00 UTC (in 3.0 days)");
  }
}

/* The 32-bit times wrap in 2106 (RFC 4034 §3.1.5): after that, a
 * signature valid for two more weeks must not read as long expired. */
static void
test_expiry_wraps (void)
{
  g_autoptr(ClDnssecFacts) facts = signed_zone (13, 0, 14 * DAY, TRUE, TRUE);
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(ClDnsAnswer) soa = answer (CL_DNS_TYPE_SOA, TRUE, FALSE, NULL);
  gint64 now = G_GINT64_CONSTANT (4294967296) + 1000;  /* 2106-02-07 */

  facts->now = now;
  g_clear_object (&facts->dnskey);
  facts->dnskey = answer (CL_DNS_TYPE_DNSKEY, TRUE, FALSE, NULL);
  add_rdata (facts->dnskey, dnskey_rdata (257, 13, 0));
  /* expiration = (now + 14 days) mod 2^32 */
  add_signature (facts->dnskey, rrsig_rdata (CL_DNS_TYPE_DNSKEY, 13, 1, now + 14 * DAY - NOW - G_GINT64_CONSTANT (4294967296)));
  g_clear_object (&facts->soa);
  facts->soa = g_steal_pointer (&soa);
  add_rdata (facts->soa, g_bytes_new_static ("soa-rdata", 9));
  result = judge (facts);

  assert_rules (result, "");
}

static void
test_incomplete (void)
{
  g_autoptr(ClDnssecFacts) facts = signed_zone (13, 0, 14 * DAY, TRUE, TRUE);
  g_autoptr(ClModuleResult) result = NULL;

  g_clear_object (&facts->ds);
  g_ptr_array_add (facts->errors, g_strdup ("DS: DNS query for shop.example DS timed out after 5 seconds"));
  result = judge (facts);

  assert_rules (result, "dnssec.lookups_incomplete");
  g_assert_cmpint (severity_of (result, "dnssec.lookups_incomplete"), ==, CL_SEVERITY_INFO);
  g_assert_nonnull (strstr (evidence_of (result, "dnssec.lookups_incomplete"), "timed out"));
  g_assert_cmpuint (score (result), ==, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dnssec-judge/secure", test_secure);
  g_test_add_func ("/dnssec-judge/signature-view", test_signature_view);
  g_test_add_func ("/dnssec-judge/bogus", test_bogus);
  g_test_add_func ("/dnssec-judge/unsigned", test_unsigned);
  g_test_add_func ("/dnssec-judge/below-signed-apex", test_below_signed_apex);
  g_test_add_func ("/dnssec-judge/no-ds", test_no_ds);
  g_test_add_func ("/dnssec-judge/chain-insecure", test_chain_insecure);
  g_test_add_func ("/dnssec-judge/weak-algorithms", test_weak_algorithms);
  g_test_add_func ("/dnssec-judge/non-signing-keys", test_non_signing_keys);
  g_test_add_func ("/dnssec-judge/expiry", test_expiry);
  g_test_add_func ("/dnssec-judge/expiry-wraps", test_expiry_wraps);
  g_test_add_func ("/dnssec-judge/incomplete", test_incomplete);

  return g_test_run ();
}
