/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-world-headers"

#include "config.h"

#include <string.h>

#include "cl-error.h"
#include "cl-module-headers.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The headers module on the world's web servers (tests/world/nginx.conf.in). */

/* cl_test_world_settings () gives each network step this many seconds. */
#define NETWORK_TIMEOUT 5  /* what cl_test_world_context () sets */

static ClModuleResult *
run_headers (const char  *domain,
             double      *seconds,
             GError     **error)
{
  g_autoptr(ClScanContext) context = cl_test_world_context (domain);
  g_autoptr(ClModule) module = cl_module_headers_new ();
  gint64 start;
  ClModuleResult *result;

  g_assert_cmpstr (cl_module_get_id (module), ==, "headers");

  /* As the scan job does: libsoup resolves world names through the
   * scan's resolver. */
  g_resolver_set_default (G_RESOLVER (cl_scan_context_get_resolver (context)));

  start = g_get_monotonic_time ();
  result = cl_test_run_module (module, context, error);
  *seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;

  return result;
}

static ClModuleResult *
scan (const char *domain)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  ClModuleResult *result;
  double seconds;

  result = run_headers (domain, &seconds, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (cl_module_result_get_status (result), ==, CL_MODULE_STATUS_COMPLETED);

  ids = cl_test_rule_ids (result);
  g_test_message ("%s: %.2f s, [%s]", domain, seconds, ids);

  return result;
}

/* Exactly the findings @expected ("id:severity ..."), each once. */
static void
assert_findings (ClModuleResult *result,
                 const char     *expected)
{
  g_auto(GStrv) wanted = g_strsplit (expected, " ", -1);
  GPtrArray *findings = cl_module_result_get_findings (result);
  g_autofree char *ids = cl_test_rule_ids (result);
  guint n = 0;

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      g_auto(GStrv) pair = NULL;
      guint count = 0;

      if (wanted[i][0] == '\0')
        continue;

      pair = g_strsplit (wanted[i], ":", 2);
      for (guint j = 0; j < findings->len; j++)
        {
          ClFinding *finding = g_ptr_array_index (findings, j);

          if (!g_str_equal (cl_finding_get_rule_id (finding), pair[0]))
            continue;

          g_assert_cmpstr (cl_severity_to_string (cl_finding_get_severity (finding)), ==, pair[1]);
          g_assert_nonnull (cl_finding_get_evidence (finding));
          count++;
        }
      if (count != 1)
        g_error ("expected %s once, got: %s", pair[0], ids);
      n++;
    }

  if (findings->len != n)
    g_error ("expected exactly “%s”, got: %s", expected, ids);
}

static const char *
evidence_of (ClModuleResult *result,
             const char     *rule_id)
{
  GPtrArray *findings = cl_module_result_get_findings (result);

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (cl_finding_get_rule_id (g_ptr_array_index (findings, i)), rule_id))
      return cl_finding_get_evidence (g_ptr_array_index (findings, i));

  g_error ("no %s", rule_id);
  return NULL;
}

static void
test_good (void)
{
  g_autoptr(ClModuleResult) result = scan ("good.example");

  assert_findings (result, "");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

static void
test_bad (void)
{
  g_autoptr(ClModuleResult) result = scan ("bad.example");

  /* Behind a self-signed, expired certificate with 3DES: the ssl module
   * judges that; this one still reads the headers. */
  assert_findings (result,
                   "headers.no_https_redirect:high headers.hsts_missing:high "
                   "headers.csp_missing:medium headers.xfo_missing:low "
                   "headers.nosniff_missing:low headers.cors_reflects_origin_with_credentials:high");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), <=, 34);

  g_assert_nonnull (strstr (evidence_of (result, "headers.no_https_redirect"), "http://bad.example/ 200"));
  g_assert_nonnull (strstr (evidence_of (result, "headers.cors_reflects_origin_with_credentials"),
                            "-probe.invalid"));
}

static void
test_fair (void)
{
  g_autoptr(ClModuleResult) result = scan ("fair.example");
  guint score;

  assert_findings (result,
                   "headers.hsts_short_max_age:medium headers.hsts_no_include_subdomains:low "
                   "headers.csp_unsafe_inline:medium headers.xfo_missing:low");
  g_assert_nonnull (strstr (evidence_of (result, "headers.hsts_short_max_age"), "max-age=86400"));
  g_assert_nonnull (strstr (evidence_of (result, "headers.csp_unsafe_inline"),
                            "default-src 'self' 'unsafe-inline'"));

  score = cl_scoring_module_score (cl_module_result_get_findings (result));
  g_assert_cmpuint (score, >=, 55);
  g_assert_cmpuint (score, <=, 89);
}

/* HTTPS only, behind certificates a browser would refuse: the headers
 * are those of good.example, and nothing on port 80 is not a finding. */
static void
test_bad_certificates (void)
{
  const char *domains[] = { "expired.example", "selfsigned.example", "wronghost.example" };

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      g_autoptr(ClModuleResult) result = scan (domains[i]);

      assert_findings (result, "");
    }
}

static void
test_silent (void)
{
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double seconds;

  result = run_headers ("silent.example", &seconds, &error);
  g_test_message ("silent.example: %.2f s, %s", seconds, error ? error->message : "no error");

  g_assert_null (result);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "silent.example"));
  /* HTTP and HTTPS are tried at once: one timeout, not one per request */
  g_assert_cmpfloat (seconds, >=, NETWORK_TIMEOUT - 0.5);
  g_assert_cmpfloat (seconds, <, 3 * NETWORK_TIMEOUT + 5);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

/* The job cancels a module whose time is up: it must stop at once. */
static void
test_cancel (void)
{
  g_autoptr(ClScanContext) context = cl_test_world_context ("silent.example");
  g_autoptr(ClModule) module = cl_module_headers_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_resolver_set_default (G_RESOLVER (cl_scan_context_get_resolver (context)));

  start = g_get_monotonic_time ();
  g_timeout_add (300, cancel_later, cancellable);
  cl_module_run_async (module, context, cancellable, store_result, &async_result);
  cl_test_wait ((gpointer *)&async_result);
  result = cl_module_run_finish (module, async_result, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* well before any network timeout could have ended it */
  g_assert_cmpint (g_get_monotonic_time () - start, <, NETWORK_TIMEOUT * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/world/headers/good", test_good);
  g_test_add_func ("/world/headers/bad", test_bad);
  g_test_add_func ("/world/headers/fair", test_fair);
  g_test_add_func ("/world/headers/bad-certificates", test_bad_certificates);
  g_test_add_func ("/world/headers/silent", test_silent);
  g_test_add_func ("/world/headers/cancel", test_cancel);

  return g_test_run ();
}
