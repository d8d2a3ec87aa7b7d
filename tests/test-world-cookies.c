/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-world-cookies"

#include "config.h"

#include <string.h>

#include "cl-error.h"
#include "cl-module-cookies.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The cookies module on the world's web servers (tests/world/nginx.conf.in:
 * badcookies.example, goodcookies.example). */

#define NETWORK_TIMEOUT 5  /* what cl_test_world_context () sets */

static ClModuleResult *
run_cookies (const char  *domain,
             double      *seconds,
             GError     **error)
{
  g_autoptr(ClScanContext) context = cl_test_world_context (domain);
  g_autoptr(ClModule) module = cl_module_cookies_new ();
  gint64 start;
  ClModuleResult *result;

  g_assert_cmpstr (cl_module_get_id (module), ==, "cookies");
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

  result = run_cookies (domain, &seconds, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (cl_module_result_get_status (result), ==, CL_MODULE_STATUS_COMPLETED);

  ids = cl_test_rule_ids (result);
  g_test_message ("%s: %.2f s, [%s]", domain, seconds, ids);

  return result;
}

static const char *
evidence_of (ClModuleResult *result,
             const char     *rule_id)
{
  ClFinding *finding = cl_test_find (result, rule_id);

  if (finding == NULL)
    g_error ("no %s", rule_id);
  return cl_finding_get_evidence (finding);
}

/* Every rule, each triggered by the cookie built for it, along the
 * redirect from / to /welcome. */
static void
test_bad (void)
{
  g_autoptr(ClModuleResult) result = scan ("badcookies.example");
  GPtrArray *findings = cl_module_result_get_findings (result);
  static const struct {
    const char *rule_id;
    ClSeverity  severity;
    const char *evidence;
  } expected[] = {
    { "cookies.session_no_secure", CL_SEVERITY_HIGH, "sid" },
    { "cookies.session_no_httponly", CL_SEVERITY_MEDIUM, "JSESSIONID" },
    { "cookies.samesite_none_insecure", CL_SEVERITY_MEDIUM, "embed" },
    { "cookies.no_secure", CL_SEVERITY_LOW, "embed, __Secure-lang" },
    { "cookies.samesite_missing", CL_SEVERITY_LOW, "sid" },
    { "cookies.host_prefix_invalid", CL_SEVERITY_LOW, "__Host-pref (has a Domain)" },
    { "cookies.secure_prefix_invalid", CL_SEVERITY_LOW, "__Secure-lang" },
    { "cookies.long_lifetime", CL_SEVERITY_LOW, "tracker (730 days)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ClFinding *finding = cl_test_find (result, expected[i].rule_id);

      if (finding == NULL)
        g_error ("no %s", expected[i].rule_id);
      g_assert_cmpint (cl_finding_get_severity (finding), ==, expected[i].severity);
      g_assert_cmpstr (cl_finding_get_evidence (finding), ==, expected[i].evidence);
    }
  g_assert_nonnull (strstr (evidence_of (result, "cookies.ignored"), "“broken”"));
  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (expected) + 1);

  /* high, two medium, five low */
  g_assert_cmpuint (cl_scoring_module_score (findings), ==, 100 - 25 - 2 * 10 - 5 * 4);
}

/* The half-done session cookie of fair.example, set on the page itself. */
static void
test_fair (void)
{
  g_autoptr(ClModuleResult) result = scan ("fair.example");
  GPtrArray *findings = cl_module_result_get_findings (result);

  g_assert_cmpuint (findings->len, ==, 3);
  g_assert_cmpstr (evidence_of (result, "cookies.session_no_secure"), ==, "sessionid");
  g_assert_cmpstr (evidence_of (result, "cookies.session_no_httponly"), ==, "sessionid");
  g_assert_cmpstr (evidence_of (result, "cookies.samesite_missing"), ==, "sessionid");
  g_assert_cmpuint (cl_scoring_module_score (findings), ==, 100 - 25 - 10 - 4);
}

static void
test_good (void)
{
  const char *domains[] = { "goodcookies.example", "good.example", "bad.example" };

  /* careful cookies, or none at all */
  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      g_autoptr(ClModuleResult) result = scan (domains[i]);

      g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 0);
      g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
    }
}

/* Neither HTTPS nor HTTP answers: the module cannot judge. */
static void
test_silent (void)
{
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double seconds;

  result = run_cookies ("silent.example", &seconds, &error);
  g_test_message ("silent.example: %.2f s, %s", seconds, error ? error->message : "no error");

  g_assert_null (result);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "silent.example"));
  /* HTTPS, then HTTP: two timeouts, each at most the request's two */
  g_assert_cmpfloat (seconds, <, 4 * NETWORK_TIMEOUT + 5);
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
  g_autoptr(ClModule) module = cl_module_cookies_new ();
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
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/world/cookies/bad", test_bad);
  g_test_add_func ("/world/cookies/fair", test_fair);
  g_test_add_func ("/world/cookies/good", test_good);
  g_test_add_func ("/world/cookies/silent", test_silent);
  g_test_add_func ("/world/cookies/cancel", test_cancel);

  return g_test_run ();
}
