/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-world-dns-email"

#include "config.h"

#include <string.h>

#include "cl-error.h"
#include "cl-module-dns-email.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The dns_email module on the world's domains (tests/world/zones/), and
 * on the variants at the end of example.zone.in. */

typedef struct
{
  const char *rule_id;
  ClSeverity  severity;
  const char *evidence;  /* a part of the evidence, or NULL */
} Expected;

static ClModuleResult *
run_module (ClScanContext  *context,
            GError        **error)
{
  g_autoptr(ClModule) module = cl_module_dns_email_new ();
  guint module_timeout = cl_scan_settings_get_module_timeout (cl_scan_context_get_settings (context));
  gint64 start = g_get_monotonic_time ();
  ClModuleResult *result;
  double seconds;

  g_assert_cmpstr (cl_module_get_id (module), ==, "dns_email");
  result = cl_test_run_module (module, context, error);
  seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  g_test_message ("%s: %.2f s", cl_scan_context_get_domain (context), seconds);

  /* the module ends on its own, before the job would cancel it */
  g_assert_cmpfloat (seconds, <, module_timeout);

  return result;
}

static ClModuleResult *
scan (const char *domain)
{
  g_autoptr(ClScanContext) context = cl_test_world_context (domain);
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  ClModuleResult *result;

  result = run_module (context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (cl_module_result_get_status (result), ==, CL_MODULE_STATUS_COMPLETED);
  ids = cl_test_rule_ids (result);
  g_test_message ("%s: %s", domain, ids);

  return result;
}

/* Exactly @expected (and nothing else), with severities and evidence. */
static void
assert_findings (ClModuleResult *result,
                 const Expected *expected,
                 guint           n_expected)
{
  GPtrArray *findings = cl_module_result_get_findings (result);
  g_autofree char *ids = cl_test_rule_ids (result);

  if (findings->len != n_expected)
    g_error ("expected %u findings, got: %s", n_expected, ids);

  for (guint i = 0; i < n_expected; i++)
    {
      ClFinding *finding = NULL;

      for (guint j = 0; j < findings->len && finding == NULL; j++)
        {
          if (g_str_equal (cl_finding_get_rule_id (g_ptr_array_index (findings, j)), expected[i].rule_id))
            finding = g_ptr_array_index (findings, j);
        }

      if (finding == NULL)
        g_error ("no %s among: %s", expected[i].rule_id, ids);
      g_assert_cmpstr (cl_severity_to_string (cl_finding_get_severity (finding)), ==,
                       cl_severity_to_string (expected[i].severity));
      if (expected[i].evidence != NULL &&
          strstr (cl_finding_get_evidence (finding), expected[i].evidence) == NULL)
        g_error ("%s: evidence “%s” lacks “%s”", expected[i].rule_id,
                 cl_finding_get_evidence (finding), expected[i].evidence);
    }
}

static guint
score (ClModuleResult *result)
{
  return cl_scoring_module_score (cl_module_result_get_findings (result));
}

/* What kdig, another resolver, says the TXT records of @name are, as
 * "quoted" lines: the module's evidence must quote the same. */
static char *
kdig_txt (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = g_strdup_printf ("@%s", g_getenv ("CL_WORLD_RESOLVER"));
  const char *argv[] = { "kdig", server, "+short", "+retry=0", "+time=2", "TXT", name, NULL };
  g_autofree char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_strdup (g_strstrip (out));
}

static void
test_good (void)
{
  g_autoptr(ClModuleResult) result = scan ("good.example");
  const Expected expected[] = {
    { "dns_email.dkim_found", CL_SEVERITY_INFO, "default._domainkey.good.example" },
  };

  assert_findings (result, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (score (result), ==, 100);
}

static void
test_bad (void)
{
  g_autoptr(ClModuleResult) result = scan ("bad.example");
  g_autofree char *spf = kdig_txt ("bad.example");
  const Expected expected[] = {
    { "dns_email.spf_pass_all",     CL_SEVERITY_CRITICAL, spf },
    { "dns_email.dmarc_missing",    CL_SEVERITY_CRITICAL, "TXT _dmarc.bad.example: no record" },
    { "dns_email.caa_missing",      CL_SEVERITY_LOW,      "CAA bad.example, example: none" },
    { "dns_email.mx_unresolvable",  CL_SEVERITY_MEDIUM,   "mail.bad.example (NXDOMAIN)" },
    { "dns_email.dkim_not_found",   CL_SEVERITY_INFO,     NULL },
  };

  g_assert_cmpstr (spf, ==, "\"v=spf1 +all\"");
  assert_findings (result, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (score (result), ==, 0);
}

static void
test_fair (void)
{
  g_autoptr(ClModuleResult) result = scan ("fair.example");
  g_autofree char *spf = kdig_txt ("fair.example");
  g_autofree char *dmarc = kdig_txt ("_dmarc.fair.example");
  const Expected expected[] = {
    { "dns_email.spf_softfail_all",  CL_SEVERITY_LOW,    spf },
    { "dns_email.dmarc_policy_none", CL_SEVERITY_MEDIUM, dmarc },
    { "dns_email.dmarc_no_rua",      CL_SEVERITY_LOW,    dmarc },
    { "dns_email.caa_missing",       CL_SEVERITY_LOW,    "CAA fair.example, example: none" },
    { "dns_email.dkim_found",        CL_SEVERITY_INFO,   "selector1._domainkey.fair.example" },
  };

  g_assert_cmpstr (dmarc, ==, "\"v=DMARC1; p=none\"");
  assert_findings (result, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (score (result), ==, 78);
}

static void
test_mailonly (void)
{
  g_autoptr(ClModuleResult) result = scan ("mailonly.example");
  const Expected expected[] = {
    { "dns_email.dkim_found", CL_SEVERITY_INFO, "google._domainkey.mailonly.example" },
  };

  assert_findings (result, expected, G_N_ELEMENTS (expected));
}

static void
test_two_spf (void)
{
  g_autoptr(ClModuleResult) result = scan ("twospf.example");
  const Expected expected[] = {
    { "dns_email.spf_multiple",   CL_SEVERITY_HIGH, "2 SPF records" },
    { "dns_email.dkim_not_found", CL_SEVERITY_INFO, NULL },
  };

  assert_findings (result, expected, G_N_ELEMENTS (expected));
}

static void
test_lookups (void)
{
  g_autoptr(ClModuleResult) eleven = scan ("manylookups.example");
  g_autoptr(ClModuleResult) ten = scan ("tenlookups.example");
  const Expected expected_eleven[] = {
    { "dns_email.spf_too_many_lookups", CL_SEVERITY_HIGH, ": 11 DNS-querying terms" },
    { "dns_email.dkim_not_found",       CL_SEVERITY_INFO, NULL },
  };
  const Expected expected_ten[] = {
    { "dns_email.dkim_not_found", CL_SEVERITY_INFO, NULL },
  };

  assert_findings (eleven, expected_eleven, G_N_ELEMENTS (expected_eleven));
  assert_findings (ten, expected_ten, G_N_ELEMENTS (expected_ten));
}

static void
test_include_loop (void)
{
  g_autoptr(ClModuleResult) result = scan ("spfloop.example");
  const Expected expected[] = {
    { "dns_email.spf_include_invalid", CL_SEVERITY_HIGH,
      "include:_a.spfloop.example loops: spfloop.example → _a.spfloop.example → _b.spfloop.example → _a.spfloop.example" },
    { "dns_email.dkim_not_found",      CL_SEVERITY_INFO, NULL },
  };

  assert_findings (result, expected, G_N_ELEMENTS (expected));
}

static void
test_void_lookups (void)
{
  g_autoptr(ClModuleResult) result = scan ("voidspf.example");
  const Expected expected[] = {
    { "dns_email.spf_too_many_void_lookups", CL_SEVERITY_MEDIUM, "3 void lookups" },
    { "dns_email.dkim_not_found",            CL_SEVERITY_INFO,   NULL },
  };

  assert_findings (result, expected, G_N_ELEMENTS (expected));
}

static void
test_pct (void)
{
  g_autoptr(ClModuleResult) result = scan ("pct50.example");
  const Expected expected[] = {
    { "dns_email.dmarc_partial_pct", CL_SEVERITY_LOW,  "pct=50" },
    { "dns_email.dkim_not_found",    CL_SEVERITY_INFO, NULL },
  };

  assert_findings (result, expected, G_N_ELEMENTS (expected));
}

static void
test_null_mx (void)
{
  g_autoptr(ClModuleResult) result = scan ("nullmx.example");
  const Expected expected[] = {
    { "dns_email.no_mail",        CL_SEVERITY_INFO, "0 . (null MX)" },
    { "dns_email.dkim_not_found", CL_SEVERITY_INFO, NULL },
  };

  assert_findings (result, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (score (result), ==, 100);
}

static void
test_mx_odd (void)
{
  g_autoptr(ClModuleResult) result = scan ("mxodd.example");
  const Expected expected[] = {
    { "dns_email.mx_cname",       CL_SEVERITY_LOW,  "alias.mxodd.example → mx.mxodd.example" },
    { "dns_email.mx_ip_literal",  CL_SEVERITY_LOW,  "20 127.0.10.26" },
    { "dns_email.dkim_not_found", CL_SEVERITY_INFO, NULL },
  };

  assert_findings (result, expected, G_N_ELEMENTS (expected));
}

static void
test_nxdomain (void)
{
  g_autoptr(ClScanContext) context = cl_test_world_context ("nxdomain.example");
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = run_module (context, &error);
  g_assert_null (result);
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
}

/* A resolver that nobody answers: the module is unavailable, in time. */
static void
test_unreachable (void)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  g_autoptr(ClResolver) resolver = NULL;
  g_autoptr(ClScanContext) context = NULL;
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cl_scan_settings_set_resolver (settings, "127.0.0.99");
  cl_scan_settings_set_network_timeout (settings, 1);
  cl_scan_settings_set_module_timeout (settings, 6);
  resolver = cl_test_world_resolver (settings);
  context = cl_scan_context_new ("good.example", settings, resolver);

  result = run_module (context, &error);
  g_assert_null (result);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_test_message ("%s", error->message);
}

/* Queries that outlast the module timeout: the module judges (here:
 * gives up) at its own deadline, before the job would cancel it. */
static void
test_deadline (void)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  g_autoptr(ClResolver) resolver = NULL;
  g_autoptr(ClScanContext) context = NULL;
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  cl_scan_settings_set_resolver (settings, "127.0.0.99");
  cl_scan_settings_set_network_timeout (settings, 10);
  cl_scan_settings_set_module_timeout (settings, 2);
  resolver = cl_test_world_resolver (settings);
  context = cl_scan_context_new ("good.example", settings, resolver);

  result = run_module (context, &error);
  g_assert_null (result);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "no answer in time"));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* Cancelled by the job, the module stops at once. */
static void
test_cancel (void)
{
  g_autoptr(ClScanContext) context = cl_test_world_context ("good.example");
  g_autoptr(ClModule) module = cl_module_dns_email_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* the queries are in flight: the first answers come in a later
   * main loop iteration */
  cl_module_run_async (module, context, cancellable, store_result, &async_result);
  g_cancellable_cancel (cancellable);
  cl_test_wait ((gpointer *)&async_result);

  result = cl_module_run_finish (module, async_result, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/world/dns-email/good", test_good);
  g_test_add_func ("/world/dns-email/bad", test_bad);
  g_test_add_func ("/world/dns-email/fair", test_fair);
  g_test_add_func ("/world/dns-email/mailonly", test_mailonly);
  g_test_add_func ("/world/dns-email/two-spf", test_two_spf);
  g_test_add_func ("/world/dns-email/lookups", test_lookups);
  g_test_add_func ("/world/dns-email/include-loop", test_include_loop);
  g_test_add_func ("/world/dns-email/void-lookups", test_void_lookups);
  g_test_add_func ("/world/dns-email/pct", test_pct);
  g_test_add_func ("/world/dns-email/null-mx", test_null_mx);
  g_test_add_func ("/world/dns-email/mx-odd", test_mx_odd);
  g_test_add_func ("/world/dns-email/nxdomain", test_nxdomain);
  g_test_add_func ("/world/dns-email/unreachable", test_unreachable);
  g_test_add_func ("/world/dns-email/deadline", test_deadline);
  g_test_add_func ("/world/dns-email/cancel", test_cancel);

  return g_test_run ();
}
