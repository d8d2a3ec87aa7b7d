/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-world-services"

#include "config.h"

#include <string.h>

#include "cl-error.h"
#include "cl-module-breaches.h"
#include "cl-module-subdomains.h"
#include "cl-module-whois.h"
#include "cl-service-client.h"
#include "cl-test-util.h"

/* The whois, subdomains and breaches modules against the world's recorded
 * services under their real names (tests/world/services/, served by
 * nginx: data.iana.org, rdap.nic.example, crt.sh, haveibeenpwned.com),
 * with the default endpoints: only the resolver and the CA file point at
 * the world.  Each service's /down/ always answers 503. */

static ClModuleResult *
run (ClModule    *module,
     const char  *domain,
     const char  *property,
     const char  *url,
     GError     **error)
{
  g_autoptr(ClModule) owned = module;
  g_autoptr(ClScanContext) context = cl_test_world_context (domain);
  ClScanSettings *settings = cl_scan_context_get_settings (context);

  if (property != NULL)
    {
      g_object_set (settings, property, url, NULL);
      /* a service that stays down is retried within the module's time:
       * keep that short */
      cl_scan_settings_set_module_timeout (settings, 6);
    }
  /* As the scan job does: libsoup resolves world names through the
   * scan's resolver. */
  g_resolver_set_default (G_RESOLVER (cl_scan_context_get_resolver (context)));

  return cl_test_run_module (module, context, error);
}

static ClModuleResult *
run_ok (ClModule   *module,
        const char *domain)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  ClModuleResult *result;

  result = run (module, domain, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cl_module_result_get_status (result), ==, CL_MODULE_STATUS_COMPLETED);
  ids = cl_test_rule_ids (result);
  g_test_message ("%s: [%s]", domain, ids);

  return result;
}

static const char *
evidence (ClModuleResult *result,
          const char     *rule_id)
{
  ClFinding *finding = cl_test_find (result, rule_id);

  g_assert_nonnull (finding);
  return cl_finding_get_evidence (finding);
}

/* trust {{{ */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static JsonNode *
fetch (const char  *ca_file,
       GError     **error)
{
  g_autoptr(ClServiceClient) client = cl_service_client_new (ca_file, 2);
  g_autoptr(ClScanContext) context = cl_test_world_context ("good.example");
  g_autoptr(GAsyncResult) result = NULL;

  g_resolver_set_default (G_RESOLVER (cl_scan_context_get_resolver (context)));
  cl_service_client_get_json_async (client, "https://crt.sh/?q=%25.good.example&output=json", 0,
                                    g_get_monotonic_time () + 3 * G_USEC_PER_SEC,
                                    NULL, store_result, &result);
  cl_test_wait ((gpointer *)&result);

  return cl_service_client_get_json_finish (client, result, error);
}

/* A service's certificate is checked: the world's CA is no system CA, so
 * without the CA file crt.sh's world certificate is refused. */
static void
test_service_trust (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) trusted = fetch (g_getenv ("CL_WORLD_CA_FILE"), &error);
  g_autoptr(JsonNode) refused = NULL;

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (trusted));

  refused = fetch (NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_test_message ("without the CA file: %s", error->message);
}

/* }}} */

/* whois {{{ */

static void
test_whois_good (void)
{
  g_autoptr(ClModuleResult) result = run_ok (cl_module_whois_new (), "good.example");
  g_autofree char *ids = cl_test_rule_ids (result);
  const char *summary = evidence (result, "whois.summary");

  g_assert_cmpstr (ids, ==, "whois.summary");
  g_assert_nonnull (strstr (summary, "registrar: World Registrar, Inc.; created: "));
  g_assert_nonnull (strstr (summary, "status: client delete prohibited, client transfer prohibited, "
                                     "client update prohibited; name servers: ns.example"));
}

static void
test_whois_expiring (void)
{
  g_autoptr(ClModuleResult) result = run_ok (cl_module_whois_new (), "expiring-whois.example");
  g_autofree char *ids = cl_test_rule_ids (result);
  ClFinding *expiring = cl_test_find (result, "whois.expiring");

  g_assert_cmpstr (ids, ==, "whois.expiring whois.summary whois.transfer_unlocked");
  g_assert_cmpint (cl_finding_get_severity (expiring), ==, CL_SEVERITY_HIGH);
  /* 10 days from the world's start, less a moment */
  g_assert_nonnull (strstr (cl_finding_get_evidence (expiring), ", in 9 days"));
  g_assert_cmpstr (evidence (result, "whois.transfer_unlocked"), ==, "status: active");
  g_assert_nonnull (strstr (evidence (result, "whois.summary"), "registrar: Cheap Names Ltd"));
}

/* The registry has no record (an RDAP 404): unavailable, not failed. */
static void
test_whois_not_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClModuleResult) result = run (cl_module_whois_new (), "fair.example", NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "fair.example"));
}

static void
test_whois_down (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClModuleResult) result = NULL;

  result = run (cl_module_whois_new (), "good.example", "rdap-bootstrap-url",
                "https://data.iana.org/down/rdap/dns.json", &error);
  g_assert_null (result);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "data.iana.org"));
  g_assert_nonnull (strstr (error->message, "503"));
}

/* }}} */

/* breaches {{{ */

static void
test_breaches_bad (void)
{
  g_autoptr(ClModuleResult) result = run_ok (cl_module_breaches_new (), "bad.example");
  GPtrArray *findings = cl_module_result_get_findings (result);

  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_cmpint (cl_finding_get_severity (g_ptr_array_index (findings, 0)), ==, CL_SEVERITY_MEDIUM);
  g_assert_cmpstr (cl_finding_get_evidence (g_ptr_array_index (findings, 0)), ==,
                   "Bad Example, breached on 2024-03-15, 123456 accounts, "
                   "data: Email addresses, Passwords, Usernames (verified); source: Have I Been Pwned");
  g_assert_cmpint (cl_finding_get_severity (g_ptr_array_index (findings, 1)), ==, CL_SEVERITY_LOW);
  g_assert_cmpstr (cl_finding_get_evidence (g_ptr_array_index (findings, 1)), ==,
                   "Bad Example Forum, breached on 2012-07-01, 4200 accounts, "
                   "data: Email addresses, IP addresses (unverified); source: Have I Been Pwned");
}

static void
test_breaches_good (void)
{
  g_autoptr(ClModuleResult) result = run_ok (cl_module_breaches_new (), "good.example");
  g_autofree char *ids = cl_test_rule_ids (result);

  g_assert_cmpstr (ids, ==, "breaches.none");
}

static void
test_breaches_down (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClModuleResult) result = NULL;

  result = run (cl_module_breaches_new (), "bad.example", "breach-list-url",
                "https://haveibeenpwned.com/down/api/v3/breaches", &error);
  g_assert_null (result);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "haveibeenpwned.com"));
}

/* }}} */

/* subdomains {{{ */

/* crt.sh logs www, staging, dev (gone from DNS) and shop (never in DNS);
 * the common names add mail; staging resolves: exposed. */
static void
test_subdomains_good (void)
{
  g_autoptr(ClModuleResult) result = run_ok (cl_module_subdomains_new (), "good.example");
  g_autofree char *ids = cl_test_rule_ids (result);

  g_assert_cmpstr (ids, ==, "subdomains.found subdomains.sensitive_exposed");
  g_assert_cmpstr (evidence (result, "subdomains.found"), ==,
                   "3 names: www.good.example (127.0.10.1); mail.good.example (127.0.10.2); "
                   "staging.good.example (127.0.10.31)");
  g_assert_cmpstr (evidence (result, "subdomains.sensitive_exposed"), ==,
                   "staging.good.example (127.0.10.31)");
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 0);
}

/* Nothing in the CT log, the common names www and mail only: nothing
 * sensitive. */
static void
test_subdomains_fair (void)
{
  g_autoptr(ClModuleResult) result = run_ok (cl_module_subdomains_new (), "fair.example");
  g_autofree char *ids = cl_test_rule_ids (result);

  g_assert_cmpstr (ids, ==, "subdomains.found");
  g_assert_cmpstr (evidence (result, "subdomains.found"), ==,
                   "2 names: www.fair.example (127.0.10.4); mail.fair.example (127.0.10.12)");
}

/* crt.sh stays down: the common names are still tried, a caveat says
 * what is missing. */
static void
test_subdomains_ct_down (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClModuleResult) result = NULL;
  g_autofree char *ids = NULL;
  const char *caveat;

  result = run (cl_module_subdomains_new (), "good.example", "ct-log-url",
                "https://crt.sh/down/", &error);
  g_assert_no_error (error);
  ids = cl_test_rule_ids (result);
  g_assert_cmpstr (ids, ==, "subdomains.found subdomains.sensitive_exposed");
  g_assert_cmpstr (evidence (result, "subdomains.found"), ==,
                   "3 names: www.good.example (127.0.10.1); mail.good.example (127.0.10.2); "
                   "staging.good.example (127.0.10.31)");
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 1);
  caveat = g_ptr_array_index (cl_module_result_get_caveats (result), 0);
  g_test_message ("%s", caveat);
  g_assert_nonnull (strstr (caveat, "crt.sh"));
  g_assert_nonnull (strstr (caveat, "503"));
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/world/services/trust", test_service_trust);
  g_test_add_func ("/world/whois/good", test_whois_good);
  g_test_add_func ("/world/whois/expiring", test_whois_expiring);
  g_test_add_func ("/world/whois/not-found", test_whois_not_found);
  g_test_add_func ("/world/whois/down", test_whois_down);
  g_test_add_func ("/world/breaches/bad", test_breaches_bad);
  g_test_add_func ("/world/breaches/good", test_breaches_good);
  g_test_add_func ("/world/breaches/down", test_breaches_down);
  g_test_add_func ("/world/subdomains/good", test_subdomains_good);
  g_test_add_func ("/world/subdomains/fair", test_subdomains_fair);
  g_test_add_func ("/world/subdomains/ct-down", test_subdomains_ct_down);

  return g_test_run ();
}
