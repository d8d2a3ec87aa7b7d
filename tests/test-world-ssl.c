/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-world-ssl"

#include "config.h"

#include <string.h>

#include "cl-error.h"
#include "cl-module-ssl.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The ssl module against the test world's HTTPS servers (see
 * tests/world/domains.tsv for what each host is built to show). */

static ClModuleResult *
scan (ClScanContext  *context,
      GError        **error)
{
  g_autoptr(ClModule) module = cl_module_ssl_new ();

  return cl_test_run_module (module, context, error);
}

/* Scans @domain and checks that exactly the rule ids @expected (sorted,
 * space-separated) came out. */
static ClModuleResult *
expect_rules (const char *domain,
              const char *expected)
{
  g_autoptr(ClScanContext) context = cl_test_world_context (domain);
  g_autoptr(GError) error = NULL;
  ClModuleResult *result;
  g_autofree char *ids = NULL;

  result = scan (context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  ids = cl_test_rule_ids (result);
  g_test_message ("%s: %s", domain, ids);
  g_assert_cmpstr (ids, ==, expected);

  return result;
}

static void
expect_severity (ClModuleResult *result,
                 const char     *rule_id,
                 ClSeverity      severity)
{
  ClFinding *finding = cl_test_find (result, rule_id);

  g_assert_nonnull (finding);
  g_test_message ("%s: %s", rule_id, cl_finding_get_evidence (finding));
  g_assert_cmpint (cl_finding_get_severity (finding), ==, severity);
}

static void
test_good (void)
{
  g_autoptr(ClModuleResult) result = expect_rules ("good.example", "");

  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

static void
test_bad (void)
{
  g_autoptr(ClModuleResult) result = NULL;

  /* Self-signed, expired, RSA 2048 (not weak); TLS 1.0-1.2 with CBC
   * suites only, 3DES and static RSA among them. */
  result = expect_rules ("bad.example",
                         "ssl.cert_expired ssl.cert_self_signed ssl.cipher_3des "
                         "ssl.no_aead ssl.no_forward_secrecy ssl.no_tls1_3 "
                         "ssl.tls1_0_enabled ssl.tls1_1_enabled");
  expect_severity (result, "ssl.cert_expired", CL_SEVERITY_CRITICAL);
  expect_severity (result, "ssl.cert_self_signed", CL_SEVERITY_CRITICAL);
  expect_severity (result, "ssl.tls1_0_enabled", CL_SEVERITY_HIGH);
  expect_severity (result, "ssl.tls1_1_enabled", CL_SEVERITY_HIGH);
  expect_severity (result, "ssl.cipher_3des", CL_SEVERITY_HIGH);
  expect_severity (result, "ssl.no_forward_secrecy", CL_SEVERITY_MEDIUM);
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 0);
}

static void
test_fair (void)
{
  g_autoptr(ClModuleResult) result = NULL;

  /* Expires in 20 days; TLS 1.1 besides 1.2 and 1.3, forward secret. */
  result = expect_rules ("fair.example",
                         "ssl.cert_expires_within_30_days ssl.tls1_1_enabled");
  expect_severity (result, "ssl.cert_expires_within_30_days", CL_SEVERITY_MEDIUM);
  expect_severity (result, "ssl.tls1_1_enabled", CL_SEVERITY_HIGH);
}

static void
test_expired (void)
{
  g_autoptr(ClModuleResult) result = expect_rules ("expired.example", "ssl.cert_expired");

  expect_severity (result, "ssl.cert_expired", CL_SEVERITY_CRITICAL);
}

static void
test_selfsigned (void)
{
  g_autoptr(ClModuleResult) result = expect_rules ("selfsigned.example", "ssl.cert_self_signed");

  expect_severity (result, "ssl.cert_self_signed", CL_SEVERITY_CRITICAL);
}

static void
test_wronghost (void)
{
  g_autoptr(ClModuleResult) result = expect_rules ("wronghost.example", "ssl.cert_hostname_mismatch");

  expect_severity (result, "ssl.cert_hostname_mismatch", CL_SEVERITY_CRITICAL);
  g_assert_nonnull (strstr (cl_finding_get_evidence (cl_test_find (result, "ssl.cert_hostname_mismatch")),
                            "other.example"));
}

static void
test_expiring (void)
{
  g_autoptr(ClModuleResult) result = expect_rules ("expiring.example",
                                                   "ssl.cert_expires_within_14_days");

  expect_severity (result, "ssl.cert_expires_within_14_days", CL_SEVERITY_HIGH);
}

static void
test_tls10 (void)
{
  g_autoptr(ClModuleResult) result = NULL;

  /* TLS 1.0 only: that is also "no TLS 1.2" (no_aead would repeat it). */
  result = expect_rules ("tls10.example", "ssl.no_tls1_2 ssl.tls1_0_enabled");
  expect_severity (result, "ssl.tls1_0_enabled", CL_SEVERITY_HIGH);
  expect_severity (result, "ssl.no_tls1_2", CL_SEVERITY_CRITICAL);
}

/* Accepts TCP and never answers: the module must give up after about one
 * network timeout (the first handshake alone), never hang. */
static void
test_silent (void)
{
  g_autoptr(ClScanContext) context = cl_test_world_context ("silent.example");
  guint timeout = cl_scan_settings_get_network_timeout (cl_scan_context_get_settings (context));
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  result = scan (context, &error);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("silent.example: %s after %.1f s", error ? error->message : "?",
                  elapsed / (double)G_USEC_PER_SEC);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_null (result);
  /* slack for a loaded machine; probing host after host would take a
   * timeout each, many times this */
  g_assert_cmpint (elapsed, <, (3 * timeout + 5) * G_USEC_PER_SEC);
}

static void
test_no_address (void)
{
  g_autoptr(ClScanContext) context = cl_test_world_context ("mailonly.example");
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = scan (context, &error);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_null (result);
}

static void
test_unreadable_ca_file (void)
{
  g_autoptr(ClScanContext) context = cl_test_world_context ("good.example");
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cl_scan_settings_set_ca_file (cl_scan_context_get_settings (context),
                                "/nonexistent/world-ca.pem");
  result = scan (context, &error);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "CA file"));
  g_assert_null (result);
}

/* Without the world's CA, its certificates lead nowhere. */
static void
test_no_ca_file (void)
{
  g_autoptr(ClScanContext) context = cl_test_world_context ("good.example");
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;

  cl_scan_settings_set_ca_file (cl_scan_context_get_settings (context), NULL);
  result = scan (context, &error);
  g_assert_no_error (error);
  ids = cl_test_rule_ids (result);
  g_assert_cmpstr (ids, ==, "ssl.cert_untrusted");
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelled in the middle of a handshake that would wait a network
 * timeout: the module ends at once. */
static void
test_cancel (void)
{
  g_autoptr(ClScanContext) context = cl_test_world_context ("silent.example");
  g_autoptr(ClModule) module = cl_module_ssl_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  cl_scan_settings_set_network_timeout (cl_scan_context_get_settings (context), 30);
  cl_module_run_async (module, context, cancellable, store_result, &async_result);
  g_timeout_add (300, cancel_cb, cancellable);
  cl_test_wait ((gpointer *)&async_result);

  result = cl_module_run_finish (module, async_result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  /* well before the 30 s network timeout */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/world/ssl/good", test_good);
  g_test_add_func ("/world/ssl/bad", test_bad);
  g_test_add_func ("/world/ssl/fair", test_fair);
  g_test_add_func ("/world/ssl/expired", test_expired);
  g_test_add_func ("/world/ssl/selfsigned", test_selfsigned);
  g_test_add_func ("/world/ssl/wronghost", test_wronghost);
  g_test_add_func ("/world/ssl/expiring", test_expiring);
  g_test_add_func ("/world/ssl/tls10", test_tls10);
  g_test_add_func ("/world/ssl/silent", test_silent);
  g_test_add_func ("/world/ssl/no-address", test_no_address);
  g_test_add_func ("/world/ssl/unreadable-ca-file", test_unreadable_ca_file);
  g_test_add_func ("/world/ssl/no-ca-file", test_no_ca_file);
  g_test_add_func ("/world/ssl/cancel", test_cancel);

  return g_test_run ();
}
