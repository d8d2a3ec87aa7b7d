/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ssl-judge"

#include "config.h"

#include <string.h>

#include "cl-module-ssl-private.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The ssl module's judging: on recorded facts, rule by rule and at the
 * boundaries, then on certificates parsed from tests/data/ssl (made by
 * its regenerate.sh with fixed dates, judged at a fixed "now"). */

#define NOW G_GINT64_CONSTANT (1893456000)  /* 2030-01-01 00:00:00 UTC */
#define DAY G_GINT64_CONSTANT (86400)

/* Recorded facts */

static ClSslCert *
make_cert (const char *subject,
           const char *issuer,
           gint64      not_before,
           gint64      not_after)
{
  ClSslCert *cert = cl_ssl_cert_new ();

  cert->subject = g_strdup (subject);
  cert->issuer = g_strdup (issuer);
  cert->not_before = not_before;
  cert->not_after = not_after;
  cert->signature = GNUTLS_SIGN_ECDSA_SHA256;
  cert->key_algorithm = GNUTLS_PK_ECDSA;
  cert->key_bits = 256;
  cert->self_signed = g_strcmp0 (subject, issuer) == 0;

  return cert;
}

static void
set_offer (ClSslFacts     *facts,
           ClSslOfferKind  kind,
           const char     *protocol,
           const char     *suite)
{
  if (protocol != NULL)
    cl_ssl_offer_set (&facts->offers[kind], CL_SSL_OUTCOME_ACCEPTED, protocol, suite, NULL);
  else
    cl_ssl_offer_set (&facts->offers[kind], CL_SSL_OUTCOME_REFUSED, NULL, NULL,
                      "the server sent the alert “Handshake failed”");
}

/* What a careful admin's server shows: good.example. */
static ClSslFacts *
good_facts (void)
{
  ClSslFacts *facts = cl_ssl_facts_new ("test.example", NOW);

  cl_ssl_offer_set (&facts->first, CL_SSL_OUTCOME_ACCEPTED, "TLS1.3", "TLS_AES_256_GCM_SHA384", NULL);
  g_ptr_array_add (facts->chain, make_cert ("CN=test.example", "CN=Intermediate",
                                            NOW - 100 * DAY, NOW + 200 * DAY));
  g_ptr_array_add (facts->chain, make_cert ("CN=Intermediate", "CN=Root",
                                            NOW - 1000 * DAY, NOW + 1000 * DAY));
  facts->names = g_strdup ("test.example, www.test.example");
  facts->hostname_matches = TRUE;
  facts->trusted = TRUE;

  set_offer (facts, CL_SSL_OFFER_TLS1_0, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_TLS1_1, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_TLS1_2, "TLS1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  set_offer (facts, CL_SSL_OFFER_TLS1_3, "TLS1.3", "TLS_AES_256_GCM_SHA384");
  set_offer (facts, CL_SSL_OFFER_3DES, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_RC4, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_STATIC_RSA, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_NULL, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_ANON, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_AEAD, "TLS1.3", "TLS_AES_256_GCM_SHA384");

  return facts;
}

static ClSslCert *
leaf_of (ClSslFacts *facts)
{
  return g_ptr_array_index (facts->chain, 0);
}

/* Judges @facts and checks that exactly @expected (sorted, space
 * separated) came out, each with a finding, a remediation and evidence. */
static ClModuleResult *
judge_expecting (const ClSslFacts *facts,
                 const char       *expected)
{
  ClModuleResult *result = cl_module_result_new ("ssl");
  g_autofree char *ids = NULL;
  GPtrArray *findings;

  cl_ssl_judge (facts, result);
  ids = cl_test_rule_ids (result);
  g_assert_cmpstr (ids, ==, expected);

  findings = cl_module_result_get_findings (result);
  for (guint i = 0; i < findings->len; i++)
    {
      ClFinding *finding = g_ptr_array_index (findings, i);

      g_assert_cmpstr (cl_finding_get_module_id (finding), ==, "ssl");
      g_assert_true (strlen (cl_finding_get_finding (finding)) > 10);
      g_assert_true (strlen (cl_finding_get_remediation (finding)) > 10);
      g_assert_nonnull (cl_finding_get_evidence (finding));
      g_assert_true (strlen (cl_finding_get_evidence (finding)) > 10);
    }

  return result;
}

static void
expect_one (const ClSslFacts *facts,
            const char       *rule_id,
            ClSeverity        severity,
            const char       *evidence_part)
{
  g_autoptr(ClModuleResult) result = judge_expecting (facts, rule_id);
  ClFinding *finding = cl_test_find (result, rule_id);

  g_assert_cmpint (cl_finding_get_severity (finding), ==, severity);
  if (evidence_part != NULL && strstr (cl_finding_get_evidence (finding), evidence_part) == NULL)
    g_error ("evidence of %s lacks “%s”: %s", rule_id, evidence_part,
             cl_finding_get_evidence (finding));
}

static void
test_good (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();
  g_autoptr(ClModuleResult) result = judge_expecting (facts, "");

  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

static void
test_expired (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();

  leaf_of (facts)->not_after = NOW - 30 * DAY;
  expect_one (facts, "ssl.cert_expired", CL_SEVERITY_CRITICAL, "2029-12-02 00:00 UTC, 30 days ago");

  /* notAfter is the last valid second (RFC 5280 §4.1.2.5): at that very
   * second it has not expired, it expires now. */
  leaf_of (facts)->not_after = NOW;
  expect_one (facts, "ssl.cert_expires_within_14_days", CL_SEVERITY_HIGH, "in 0 days");
  leaf_of (facts)->not_after = NOW - 1;
  expect_one (facts, "ssl.cert_expired", CL_SEVERITY_CRITICAL, NULL);
}

static void
test_expired_intermediate (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();
  ClSslCert *intermediate = g_ptr_array_index (facts->chain, 1);

  intermediate->not_after = NOW - DAY;
  expect_one (facts, "ssl.cert_expired", CL_SEVERITY_CRITICAL, "CN=Intermediate");

  /* A root the server sends along is not what clients check. */
  g_ptr_array_add (facts->chain, make_cert ("CN=Root", "CN=Root", NOW - 9000 * DAY, NOW - 10 * DAY));
  intermediate->not_after = NOW + 1000 * DAY;
  g_object_unref (judge_expecting (facts, ""));
}

static void
test_not_yet_valid (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();

  leaf_of (facts)->not_before = NOW + DAY;
  expect_one (facts, "ssl.cert_not_yet_valid", CL_SEVERITY_CRITICAL, "2030-01-02");
}

static void
test_expiry_boundaries (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();
  static const struct {
    gint64      left;
    const char *rule_id;
  } cases[] = {
    { 1,                "ssl.cert_expires_within_14_days" },
    { 10 * DAY,         "ssl.cert_expires_within_14_days" },
    { 14 * DAY - 1,     "ssl.cert_expires_within_14_days" },
    { 14 * DAY,         "ssl.cert_expires_within_30_days" },
    { 20 * DAY,         "ssl.cert_expires_within_30_days" },
    { 30 * DAY - 1,     "ssl.cert_expires_within_30_days" },
    { 30 * DAY,         "" },
    { 31 * DAY,         "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClModuleResult) result = NULL;

      leaf_of (facts)->not_after = NOW + cases[i].left;
      result = judge_expecting (facts, cases[i].rule_id);
      if (cases[i].rule_id[0] != '\0')
        g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, cases[i].rule_id)), ==,
                         g_str_has_suffix (cases[i].rule_id, "14_days")
                         ? CL_SEVERITY_HIGH : CL_SEVERITY_MEDIUM);
    }
}

static void
test_self_signed (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();

  g_ptr_array_set_size (facts->chain, 1);
  g_free (leaf_of (facts)->issuer);
  leaf_of (facts)->issuer = g_strdup ("CN=test.example");
  leaf_of (facts)->self_signed = TRUE;
  facts->trusted = FALSE;
  facts->trust_problem = g_strdup ("The certificate issuer is unknown.");
  /* Self-signed says why it is untrusted: not both. */
  expect_one (facts, "ssl.cert_self_signed", CL_SEVERITY_CRITICAL, "CN=test.example");

  /* A self-signed certificate the user trusts (in the CA file) is fine. */
  facts->trusted = TRUE;
  g_object_unref (judge_expecting (facts, ""));
}

static void
test_untrusted (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();

  facts->trusted = FALSE;
  facts->trust_problem = g_strdup ("The certificate issuer is unknown.");
  expect_one (facts, "ssl.cert_untrusted", CL_SEVERITY_CRITICAL, "issuer is unknown");
}

static void
test_chain_incomplete (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();

  g_ptr_array_set_size (facts->chain, 1);
  facts->chain_incomplete = TRUE;
  expect_one (facts, "ssl.cert_chain_incomplete", CL_SEVERITY_MEDIUM, "caps the grade at B");
}

static void
test_hostname (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();

  g_free (facts->names);
  facts->names = g_strdup ("other.example, www.other.example");
  facts->hostname_matches = FALSE;
  expect_one (facts, "ssl.cert_hostname_mismatch", CL_SEVERITY_CRITICAL, "other.example");
}

static void
test_signatures (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();
  g_autoptr(ClModuleResult) result = NULL;

  leaf_of (facts)->signature = GNUTLS_SIGN_RSA_SHA1;
  expect_one (facts, "ssl.cert_sha1_signature", CL_SEVERITY_HIGH, "RSA-SHA1");
  leaf_of (facts)->signature = GNUTLS_SIGN_ECDSA_SHA1;
  expect_one (facts, "ssl.cert_sha1_signature", CL_SEVERITY_HIGH, "ECDSA-SHA1");
  leaf_of (facts)->signature = GNUTLS_SIGN_RSA_MD5;
  expect_one (facts, "ssl.cert_md5_signature", CL_SEVERITY_CRITICAL, "RSA-MD5");

  /* Both: one finding each. */
  ((ClSslCert *)g_ptr_array_index (facts->chain, 1))->signature = GNUTLS_SIGN_RSA_SHA1;
  result = judge_expecting (facts, "ssl.cert_md5_signature ssl.cert_sha1_signature");
  g_assert_nonnull (strstr (cl_finding_get_evidence (cl_test_find (result, "ssl.cert_sha1_signature")),
                            "CN=Intermediate"));

  /* A root's own signature does not matter: clients trust its key. */
  leaf_of (facts)->signature = GNUTLS_SIGN_ECDSA_SHA256;
  ((ClSslCert *)g_ptr_array_index (facts->chain, 1))->signature = GNUTLS_SIGN_ECDSA_SHA256;
  g_ptr_array_add (facts->chain, make_cert ("CN=Root", "CN=Root", NOW - DAY, NOW + DAY * 999));
  ((ClSslCert *)g_ptr_array_index (facts->chain, 2))->signature = GNUTLS_SIGN_RSA_SHA1;
  g_object_unref (judge_expecting (facts, ""));
}

static void
test_keys (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();

  leaf_of (facts)->key_algorithm = GNUTLS_PK_RSA;
  leaf_of (facts)->key_bits = 1024;
  expect_one (facts, "ssl.cert_weak_key", CL_SEVERITY_HIGH, "1024-bit RSA");
  leaf_of (facts)->key_bits = 2047;
  expect_one (facts, "ssl.cert_weak_key", CL_SEVERITY_HIGH, "2047-bit RSA");
  leaf_of (facts)->key_bits = 2048;
  g_object_unref (judge_expecting (facts, ""));
  leaf_of (facts)->key_algorithm = GNUTLS_PK_ECDSA;
  leaf_of (facts)->key_bits = 192;
  expect_one (facts, "ssl.cert_weak_key", CL_SEVERITY_HIGH, "192-bit");
  leaf_of (facts)->key_bits = 256;
  g_object_unref (judge_expecting (facts, ""));
}

static void
test_old_versions (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();
  g_autoptr(ClModuleResult) result = NULL;

  set_offer (facts, CL_SSL_OFFER_TLS1_0, "TLS1.0", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  expect_one (facts, "ssl.tls1_0_enabled", CL_SEVERITY_HIGH,
              "TLS1.0 accepted, TLS1.1 refused, TLS1.2 accepted, TLS1.3 accepted");

  set_offer (facts, CL_SSL_OFFER_TLS1_0, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_TLS1_1, "TLS1.1", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  expect_one (facts, "ssl.tls1_1_enabled", CL_SEVERITY_HIGH, "caps the grade at B");

  /* One finding each (1.0 and 1.1 accepted = high, each). */
  set_offer (facts, CL_SSL_OFFER_TLS1_0, "TLS1.0", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  result = judge_expecting (facts, "ssl.tls1_0_enabled ssl.tls1_1_enabled");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 50);
}

static void
test_only_tls1_0 (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();
  g_autoptr(ClModuleResult) result = NULL;

  /* tls10.example: TLS 1.0 only.  No AEAD suite exists below TLS 1.2, so
   * ssl.no_aead would repeat ssl.no_tls1_2. */
  cl_ssl_offer_set (&facts->first, CL_SSL_OUTCOME_ACCEPTED, "TLS1.0",
                    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", NULL);
  set_offer (facts, CL_SSL_OFFER_TLS1_0, "TLS1.0", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  set_offer (facts, CL_SSL_OFFER_TLS1_2, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_TLS1_3, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_AEAD, NULL, NULL);
  result = judge_expecting (facts, "ssl.no_tls1_2 ssl.tls1_0_enabled");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "ssl.no_tls1_2")), ==, CL_SEVERITY_CRITICAL);
  g_assert_nonnull (strstr (cl_finding_get_evidence (cl_test_find (result, "ssl.no_tls1_2")),
                            "TLS1.0 accepted, TLS1.1 refused, TLS1.2 refused, TLS1.3 refused"));

  /* The probes for 1.2 and 1.3 timed out, but the server chose 1.0 when
   * offered up to 1.3: that is enough to say it has no 1.2. */
  cl_ssl_offer_set (&facts->offers[CL_SSL_OFFER_TLS1_2], CL_SSL_OUTCOME_UNKNOWN, NULL, NULL, "timed out");
  cl_ssl_offer_set (&facts->offers[CL_SSL_OFFER_TLS1_3], CL_SSL_OUTCOME_UNKNOWN, NULL, NULL, "timed out");
  g_object_unref (judge_expecting (facts, "ssl.no_tls1_2 ssl.tls1_0_enabled"));
}

static void
test_no_tls1_3 (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();

  cl_ssl_offer_set (&facts->first, CL_SSL_OUTCOME_ACCEPTED, "TLS1.2",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", NULL);
  set_offer (facts, CL_SSL_OFFER_TLS1_3, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_AEAD, "TLS1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  expect_one (facts, "ssl.no_tls1_3", CL_SEVERITY_LOW, "TLS1.2 accepted, TLS1.3 refused");

  /* No answer is not a refusal. */
  cl_ssl_offer_set (&facts->offers[CL_SSL_OFFER_TLS1_3], CL_SSL_OUTCOME_UNKNOWN, NULL, NULL, "timed out");
  g_object_unref (judge_expecting (facts, ""));
}

static void
test_weak_suites (void)
{
  static const struct {
    ClSslOfferKind kind;
    const char    *suite;
    const char    *rule_id;
    ClSeverity     severity;
    const char    *evidence;
  } cases[] = {
    { CL_SSL_OFFER_3DES, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "ssl.cipher_3des", CL_SEVERITY_HIGH, "SWEET32" },
    { CL_SSL_OFFER_RC4, "TLS_RSA_WITH_RC4_128_SHA", "ssl.cipher_rc4", CL_SEVERITY_HIGH, "RFC 7465" },
    { CL_SSL_OFFER_NULL, "TLS_RSA_WITH_NULL_SHA256", "ssl.cipher_null", CL_SEVERITY_HIGH, "grade F" },
    { CL_SSL_OFFER_ANON, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", "ssl.cipher_anonymous", CL_SEVERITY_HIGH, "grade F" },
    { CL_SSL_OFFER_STATIC_RSA, "TLS_RSA_WITH_AES_128_GCM_SHA256", "ssl.no_forward_secrecy", CL_SEVERITY_MEDIUM, "TLS_RSA_WITH_AES_128_GCM_SHA256 over TLS1.2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClSslFacts) facts = good_facts ();

      set_offer (facts, cases[i].kind, "TLS1.2", cases[i].suite);
      expect_one (facts, cases[i].rule_id, cases[i].severity, cases[i].evidence);
      expect_one (facts, cases[i].rule_id, cases[i].severity, cases[i].suite);
    }
}

static void
test_no_forward_secrecy_preferred (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();
  g_autoptr(ClModuleResult) result = NULL;

  /* Static RSA even when ECDHE is offered: SSL Labs' cap. */
  cl_ssl_offer_set (&facts->first, CL_SSL_OUTCOME_ACCEPTED, "TLS1.2",
                    "TLS_RSA_WITH_AES_128_GCM_SHA256", NULL);
  set_offer (facts, CL_SSL_OFFER_TLS1_3, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_STATIC_RSA, "TLS1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256");
  set_offer (facts, CL_SSL_OFFER_AEAD, "TLS1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256");
  result = judge_expecting (facts, "ssl.no_forward_secrecy ssl.no_tls1_3");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "ssl.no_forward_secrecy")), ==,
                   CL_SEVERITY_MEDIUM);
  g_assert_nonnull (strstr (cl_finding_get_evidence (cl_test_find (result, "ssl.no_forward_secrecy")),
                            "caps the grade at B"));
}

static void
test_no_aead (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();
  g_autoptr(ClModuleResult) result = NULL;

  cl_ssl_offer_set (&facts->first, CL_SSL_OUTCOME_ACCEPTED, "TLS1.2",
                    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", NULL);
  set_offer (facts, CL_SSL_OFFER_TLS1_2, "TLS1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  set_offer (facts, CL_SSL_OFFER_TLS1_3, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_AEAD, NULL, NULL);
  result = judge_expecting (facts, "ssl.no_aead ssl.no_tls1_3");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "ssl.no_aead")), ==, CL_SEVERITY_MEDIUM);
  g_assert_nonnull (strstr (cl_finding_get_evidence (cl_test_find (result, "ssl.no_aead")),
                            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));
}

/* bad.example as the world builds it: what a careless admin scores. */
static void
test_bad_scores_f (void)
{
  g_autoptr(ClSslFacts) facts = good_facts ();
  g_autoptr(ClModuleResult) result = NULL;
  const char *cbc = "TLS_RSA_WITH_AES_128_CBC_SHA";

  g_ptr_array_set_size (facts->chain, 0);
  g_ptr_array_add (facts->chain, make_cert ("CN=bad.example", "CN=bad.example",
                                            NOW - 400 * DAY, NOW - 30 * DAY));
  facts->trusted = FALSE;
  cl_ssl_offer_set (&facts->first, CL_SSL_OUTCOME_ACCEPTED, "TLS1.2", cbc, NULL);
  set_offer (facts, CL_SSL_OFFER_TLS1_0, "TLS1.0", cbc);
  set_offer (facts, CL_SSL_OFFER_TLS1_1, "TLS1.1", cbc);
  set_offer (facts, CL_SSL_OFFER_TLS1_2, "TLS1.2", cbc);
  set_offer (facts, CL_SSL_OFFER_TLS1_3, NULL, NULL);
  set_offer (facts, CL_SSL_OFFER_3DES, "TLS1.2", "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
  set_offer (facts, CL_SSL_OFFER_STATIC_RSA, "TLS1.2", cbc);
  set_offer (facts, CL_SSL_OFFER_AEAD, NULL, NULL);

  result = judge_expecting (facts,
                            "ssl.cert_expired ssl.cert_self_signed ssl.cipher_3des "
                            "ssl.no_aead ssl.no_forward_secrecy ssl.no_tls1_3 "
                            "ssl.tls1_0_enabled ssl.tls1_1_enabled");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 0);
}

/* Certificates parsed from PEM */

typedef struct
{
  gnutls_datum_t datums[8];
  guint          n;
} Chain;

static void
chain_clear (Chain *chain)
{
  for (guint i = 0; i < chain->n; i++)
    gnutls_free (chain->datums[i].data);
  chain->n = 0;
}

static void
load_der (const char     *name,
          gnutls_datum_t *der)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ssl", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gnutls_x509_crt_t crt;
  gnutls_datum_t pem;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  pem.data = (unsigned char *)contents;
  pem.size = len;

  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (crt, &pem, GNUTLS_X509_FMT_PEM), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, der), ==, 0);
  gnutls_x509_crt_deinit (crt);
}

/* @names: the PEM files, space separated, leaf first. */
static void
load_chain (Chain      *chain,
            const char *names)
{
  g_auto(GStrv) files = g_strsplit (names, " ", -1);

  chain_clear (chain);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *file = g_strconcat (files[i], ".pem", NULL);

      g_assert_cmpuint (chain->n, <, G_N_ELEMENTS (chain->datums));
      load_der (file, &chain->datums[chain->n++]);
    }
}

/* A trust list of the fixture root, and of @extra (or nothing). */
static gnutls_x509_trust_list_t
fixture_trust (const char *extra)
{
  gnutls_x509_trust_list_t trust;
  gnutls_datum_t der;

  g_assert_cmpint (gnutls_x509_trust_list_init (&trust, 0), ==, 0);
  load_der ("root.pem", &der);
  g_assert_cmpint (gnutls_x509_trust_list_add_trust_mem (trust, &der, NULL, GNUTLS_X509_FMT_DER, 0, 0), ==, 1);
  gnutls_free (der.data);

  if (extra != NULL)
    {
      g_autofree char *file = g_strconcat (extra, ".pem", NULL);

      load_der (file, &der);
      g_assert_cmpint (gnutls_x509_trust_list_add_trust_mem (trust, &der, NULL, GNUTLS_X509_FMT_DER, 0, 0), ==, 1);
      gnutls_free (der.data);
    }

  return trust;
}

/* Reads @names as the chain a server sent and judges it among good
 * protocol facts. */
static ClSslFacts *
read_fixture (const char *names,
              const char *extra_trust)
{
  gnutls_x509_trust_list_t trust = fixture_trust (extra_trust);
  ClSslFacts *facts = good_facts ();
  Chain chain = { { { NULL, 0 } }, 0 };

  load_chain (&chain, names);
  g_assert_true (cl_ssl_facts_read_chain (facts, chain.datums, chain.n, trust));
  g_assert_cmpuint (facts->chain->len, ==, chain.n);

  chain_clear (&chain);
  gnutls_x509_trust_list_deinit (trust, 1);

  return facts;
}

static void
test_pem_good (void)
{
  g_autoptr(ClSslFacts) facts = read_fixture ("leaf intermediate", NULL);
  ClSslCert *leaf = leaf_of (facts);
  g_autoptr(ClModuleResult) result = NULL;

  g_assert_true (facts->trusted);
  g_assert_false (facts->chain_incomplete);
  g_assert_true (facts->hostname_matches);
  g_assert_null (facts->trust_problem);
  g_assert_cmpstr (facts->names, ==, "test.example, www.test.example");
  g_assert_cmpstr (leaf->subject, ==, "CN=test.example,O=ComplianceLayer Test Fixtures");
  g_assert_cmpstr (leaf->issuer, ==, "CN=Fixture Intermediate CA,O=ComplianceLayer Test Fixtures");
  g_assert_cmpint (leaf->not_before, ==, G_GINT64_CONSTANT (1577836800));  /* 2020-01-01 */
  g_assert_cmpint (leaf->not_after, ==, G_GINT64_CONSTANT (2208988800));   /* 2040-01-01 */
  g_assert_cmpint (leaf->key_algorithm, ==, GNUTLS_PK_ECDSA);
  g_assert_cmpuint (leaf->key_bits, ==, 256);
  g_assert_cmpint (leaf->signature, ==, GNUTLS_SIGN_ECDSA_SHA256);
  g_assert_false (leaf->self_signed);

  result = judge_expecting (facts, "");
}

static void
test_pem_full_and_unordered (void)
{
  g_autoptr(ClSslFacts) full = read_fixture ("leaf intermediate root", NULL);
  g_autoptr(ClSslFacts) unordered = read_fixture ("leaf root intermediate", NULL);

  g_assert_true (full->trusted);
  g_assert_false (full->chain_incomplete);
  g_assert_true (((ClSslCert *)g_ptr_array_index (full->chain, 2))->self_signed);
  g_object_unref (judge_expecting (full, ""));

  g_assert_true (unordered->trusted);
  g_assert_false (unordered->chain_incomplete);
  g_object_unref (judge_expecting (unordered, ""));
}

static void
test_pem_incomplete (void)
{
  gnutls_x509_trust_list_t trust = fixture_trust (NULL);
  g_autoptr(ClSslFacts) alone = read_fixture ("leaf", NULL);
  g_autoptr(ClSslFacts) stored = read_fixture ("leaf", "intermediate");
  Chain chain = { { { NULL, 0 } }, 0 };
  gnutls_datum_t issuer;
  gnutls_datum_t wrong;

  /* The leaf alone, and only the root trusted: untrusted... */
  g_assert_false (alone->trusted);
  g_assert_nonnull (alone->trust_problem);
  g_assert_null (alone->aia_url);  /* the fixtures have no AIA */
  g_object_unref (judge_expecting (alone, "ssl.cert_untrusted"));

  /* ...until the AIA answer completes it; a wrong answer does not. */
  load_chain (&chain, "leaf");
  load_der ("wronghost.pem", &wrong);
  g_assert_false (cl_ssl_facts_add_issuer (alone, chain.datums, chain.n, &wrong, trust));
  g_assert_false (alone->trusted);
  load_der ("intermediate.pem", &issuer);
  g_assert_true (cl_ssl_facts_add_issuer (alone, chain.datums, chain.n, &issuer, trust));
  g_assert_true (alone->trusted);
  g_assert_true (alone->chain_incomplete);
  expect_one (alone, "ssl.cert_chain_incomplete", CL_SEVERITY_MEDIUM, NULL);

  /* The intermediate in the trust store: trusted here, but incomplete. */
  g_assert_true (stored->trusted);
  g_assert_true (stored->chain_incomplete);
  expect_one (stored, "ssl.cert_chain_incomplete", CL_SEVERITY_MEDIUM, NULL);

  gnutls_free (issuer.data);
  gnutls_free (wrong.data);
  chain_clear (&chain);
  gnutls_x509_trust_list_deinit (trust, 1);
}

static void
test_pem_expired (void)
{
  g_autoptr(ClSslFacts) facts = read_fixture ("expired intermediate", NULL);

  /* Trusted: the date is judged on its own. */
  g_assert_true (facts->trusted);
  expect_one (facts, "ssl.cert_expired", CL_SEVERITY_CRITICAL, "2021-01-01 00:00 UTC");
}

static void
test_pem_expiring (void)
{
  g_autoptr(ClSslFacts) facts = read_fixture ("expiring intermediate", NULL);

  expect_one (facts, "ssl.cert_expires_within_14_days", CL_SEVERITY_HIGH, "in 9 days");
}

static void
test_pem_self_signed (void)
{
  g_autoptr(ClSslFacts) facts = read_fixture ("selfsigned", NULL);

  g_assert_false (facts->trusted);
  g_assert_true (leaf_of (facts)->self_signed);
  g_assert_true (facts->hostname_matches);
  expect_one (facts, "ssl.cert_self_signed", CL_SEVERITY_CRITICAL, "CN=test.example");
}

static void
test_pem_sha1 (void)
{
  g_autoptr(ClSslFacts) facts = read_fixture ("sha1 intermediate", NULL);

  g_assert_true (facts->trusted);
  g_assert_cmpint (leaf_of (facts)->signature, ==, GNUTLS_SIGN_ECDSA_SHA1);
  expect_one (facts, "ssl.cert_sha1_signature", CL_SEVERITY_HIGH, "ECDSA-SHA1");
}

static void
test_pem_rsa1024 (void)
{
  g_autoptr(ClSslFacts) facts = read_fixture ("rsa1024 intermediate", NULL);

  g_assert_true (facts->trusted);
  g_assert_cmpint (leaf_of (facts)->key_algorithm, ==, GNUTLS_PK_RSA);
  g_assert_cmpuint (leaf_of (facts)->key_bits, ==, 1024);
  expect_one (facts, "ssl.cert_weak_key", CL_SEVERITY_HIGH, "1024-bit RSA");
}

static void
test_pem_wronghost (void)
{
  g_autoptr(ClSslFacts) facts = read_fixture ("wronghost intermediate", NULL);

  g_assert_true (facts->trusted);
  g_assert_false (facts->hostname_matches);
  expect_one (facts, "ssl.cert_hostname_mismatch", CL_SEVERITY_CRITICAL, "“other.example”, not “test.example”");
}

static void
test_pem_garbage (void)
{
  gnutls_x509_trust_list_t trust = fixture_trust (NULL);
  g_autoptr(ClSslFacts) facts = good_facts ();
  gnutls_datum_t garbage = { (unsigned char *)"\x30\x82\x01\x00garbage", 11 };

  g_assert_false (cl_ssl_facts_read_chain (facts, &garbage, 1, trust));
  g_assert_false (facts->trusted);
  g_assert_cmpuint (facts->chain->len, ==, 0);
  expect_one (facts, "ssl.cert_untrusted", CL_SEVERITY_CRITICAL, "cannot be parsed");

  g_assert_false (cl_ssl_facts_read_chain (facts, NULL, 0, trust));
  expect_one (facts, "ssl.cert_untrusted", CL_SEVERITY_CRITICAL, "no certificate");

  gnutls_x509_trust_list_deinit (trust, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ssl/judge/good", test_good);
  g_test_add_func ("/ssl/judge/expired", test_expired);
  g_test_add_func ("/ssl/judge/expired-intermediate", test_expired_intermediate);
  g_test_add_func ("/ssl/judge/not-yet-valid", test_not_yet_valid);
  g_test_add_func ("/ssl/judge/expiry-boundaries", test_expiry_boundaries);
  g_test_add_func ("/ssl/judge/self-signed", test_self_signed);
  g_test_add_func ("/ssl/judge/untrusted", test_untrusted);
  g_test_add_func ("/ssl/judge/chain-incomplete", test_chain_incomplete);
  g_test_add_func ("/ssl/judge/hostname", test_hostname);
  g_test_add_func ("/ssl/judge/signatures", test_signatures);
  g_test_add_func ("/ssl/judge/keys", test_keys);
  g_test_add_func ("/ssl/judge/old-versions", test_old_versions);
  g_test_add_func ("/ssl/judge/only-tls1.0", test_only_tls1_0);
  g_test_add_func ("/ssl/judge/no-tls1.3", test_no_tls1_3);
  g_test_add_func ("/ssl/judge/weak-suites", test_weak_suites);
  g_test_add_func ("/ssl/judge/no-forward-secrecy-preferred", test_no_forward_secrecy_preferred);
  g_test_add_func ("/ssl/judge/no-aead", test_no_aead);
  g_test_add_func ("/ssl/judge/bad-scores-f", test_bad_scores_f);
  g_test_add_func ("/ssl/pem/good", test_pem_good);
  g_test_add_func ("/ssl/pem/full-and-unordered", test_pem_full_and_unordered);
  g_test_add_func ("/ssl/pem/incomplete", test_pem_incomplete);
  g_test_add_func ("/ssl/pem/expired", test_pem_expired);
  g_test_add_func ("/ssl/pem/expiring", test_pem_expiring);
  g_test_add_func ("/ssl/pem/self-signed", test_pem_self_signed);
  g_test_add_func ("/ssl/pem/sha1", test_pem_sha1);
  g_test_add_func ("/ssl/pem/rsa1024", test_pem_rsa1024);
  g_test_add_func ("/ssl/pem/wronghost", test_pem_wronghost);
  g_test_add_func ("/ssl/pem/garbage", test_pem_garbage);

  return g_test_run ();
}
