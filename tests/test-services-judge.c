/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-services-judge"

#include "config.h"

#include <string.h>

#include "cl-module-breaches-private.h"
#include "cl-module-subdomains-private.h"
#include "cl-module-whois-private.h"
#include "cl-scoring.h"
#include "cl-service-client.h"
#include "cl-test-util.h"

/* The judging of the whois, breaches and subdomains modules on recorded
 * answers (RDAP, HIBP's breach list, crt.sh), with a fixed "now". */

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = cl_service_client_parse_json (json, strlen (json), &error);

  g_assert_no_error (error);
  return node;
}

static GDateTime *
now (void)
{
  return g_date_time_new_utc (2026, 6, 1, 12, 0, 0);
}

/* whois {{{ */

static ClModuleResult *
judge_whois (const char *expiry,
             const char *status)
{
  g_autofree char *json = g_strdup_printf (
    "{\"objectClassName\": \"domain\", \"ldhName\": \"shop.example\", \"status\": [%s],"
    " \"events\": [{\"eventAction\": \"registration\", \"eventDate\": \"2010-01-02T00:00:00Z\"},"
    "              {\"eventAction\": \"expiration\", \"eventDate\": \"%s\"}],"
    " \"entities\": [{\"roles\": [\"technical\"], \"handle\": \"T1\"},"
    "                {\"roles\": [\"registrar\"], \"handle\": \"R1\","
    "                 \"vcardArray\": [\"vcard\", [[\"version\", {}, \"text\", \"4.0\"],"
    "                                           [\"fn\", {}, \"text\", \"Registrar\\u0007 SA\"]]]}],"
    " \"nameservers\": [{\"ldhName\": \"ns1.shop.example\"}, {\"ldhName\": 5}, {\"ldhName\": \"ns2.shop.example\"}]}",
    status, expiry);
  g_autoptr(JsonNode) rdap = parse (json);
  g_autoptr(GDateTime) when = now ();
  g_autoptr(ClWhoisFacts) facts = _cl_whois_facts_new ("shop.example", rdap, when);
  ClModuleResult *result = cl_module_result_new ("whois");

  _cl_module_whois_judge (facts, result);
  return result;
}

static void
test_whois (void)
{
  const struct {
    const char *expiry;
    const char *status;
    const char *ids;
    const char *evidence;  /* of the first finding */
  } cases[] = {
    { "2027-06-01T00:00:00Z", "\"client transfer prohibited\"", "whois.summary", NULL },
    /* EPP's spelling, and a registry lock, count as well */
    { "2027-06-01T00:00:00Z", "\"clientTransferProhibited\"", "whois.summary", NULL },
    { "2027-06-01T00:00:00Z", "\"server transfer prohibited\"", "whois.summary", NULL },
    { "2026-06-11T12:00:00Z", "\"client transfer prohibited\"", "whois.expiring whois.summary",
      "shop.example expires on 2026-06-11, in 10 days" },
    { "2026-06-30T12:00:00Z", "\"client transfer prohibited\"", "whois.expiring whois.summary",
      "shop.example expires on 2026-06-30, in 29 days" },
    { "2026-07-01T12:00:00Z", "\"client transfer prohibited\"", "whois.summary", NULL },
    { "2026-05-01T00:00:00Z", "\"active\"", "whois.expired whois.summary whois.transfer_unlocked",
      "shop.example expired on 2026-05-01" },
    /* no date: neither expiring nor expired */
    { "not a date", "", "whois.summary whois.transfer_unlocked", "status: none" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClModuleResult) result = judge_whois (cases[i].expiry, cases[i].status);
      g_autofree char *ids = cl_test_rule_ids (result);
      GPtrArray *findings = cl_module_result_get_findings (result);

      g_test_message ("case %u: [%s]", i, ids);
      g_assert_cmpstr (ids, ==, cases[i].ids);
      if (cases[i].evidence != NULL)
        g_assert_cmpstr (cl_finding_get_evidence (g_ptr_array_index (findings, 0)), ==, cases[i].evidence);
    }
}

static void
test_whois_summary (void)
{
  g_autoptr(ClModuleResult) result = judge_whois ("2026-06-11T12:00:00Z", "\"client transfer prohibited\", \"active\"");
  ClFinding *summary = cl_test_find (result, "whois.summary");
  ClFinding *expiring = cl_test_find (result, "whois.expiring");

  /* the registrar's vCard name, its control character made harmless */
  g_assert_cmpstr (cl_finding_get_evidence (summary), ==,
                   "registrar: Registrar? SA; created: 2010-01-02; expires: 2026-06-11; "
                   "status: client transfer prohibited, active; "
                   "name servers: ns1.shop.example, ns2.shop.example");
  g_assert_cmpint (cl_finding_get_severity (expiring), ==, CL_SEVERITY_HIGH);
  g_assert_cmpint (cl_finding_get_severity (summary), ==, CL_SEVERITY_INFO);
}

static void
test_whois_bootstrap (void)
{
  g_autoptr(JsonNode) bootstrap = parse (
    "{\"services\": ["
    " [[\"com\", \"net\"], [\"https://rdap.verisign.com/com/v1/\"]],"
    " [[\"uk\"], [\"http://rdap.nominet.uk/uk\", \"https://rdap.nominet.uk/uk\"]],"
    " [[\"co.uk\"], [\"https://rdap.example/co.uk/\"]],"
    " [[\"bad\"], [\"ftp://nothing\"]],"
    " \"junk\", [5, 6], [[7], [8]]"
    "]}");
  const struct { const char *domain; const char *server; } cases[] = {
    { "example.com", "https://rdap.verisign.com/com/v1/" },
    { "EXAMPLE.NET", "https://rdap.verisign.com/com/v1/" },
    /* https preferred, a '/' added */
    { "example.uk", "https://rdap.nominet.uk/uk/" },
    /* the longest match */
    { "shop.co.uk", "https://rdap.example/co.uk/" },
    /* label boundaries */
    { "example.xcom", NULL },
    { "example.bad", NULL },
    { "example.org", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *server = _cl_whois_find_server (bootstrap, cases[i].domain);

      g_assert_cmpstr (server, ==, cases[i].server);
    }
}

/* }}} */

/* breaches {{{ */

static void
test_breaches (void)
{
  g_autoptr(JsonNode) list = parse (
    "[{\"Name\": \"A\", \"Title\": \"Shop A\", \"Domain\": \"shop.example\", \"BreachDate\": \"2024-01-01\","
    "  \"PwnCount\": 10, \"DataClasses\": [\"Passwords\", 3], \"IsVerified\": true},"
    " {\"Name\": \"B\", \"Domain\": \"SHOP.example\", \"BreachDate\": \"2019-01-01\","
    "  \"IsVerified\": true},"
    " {\"Name\": \"C\", \"Title\": \"Shop C\", \"Domain\": \"shop.example\", \"BreachDate\": \"2025-12-01\","
    "  \"IsVerified\": false},"
    " {\"Name\": \"D\", \"Title\": \"Other\", \"Domain\": \"other.example\", \"BreachDate\": \"2025-12-01\","
    "  \"IsVerified\": true},"
    " {\"Title\": \"No domain\"}, 42]");
  g_autoptr(JsonNode) empty = parse ("[]");
  g_autoptr(GDateTime) when = now ();
  g_autoptr(ClBreachesFacts) facts = _cl_breaches_facts_new ("shop.example", list, when);
  g_autoptr(ClBreachesFacts) none = _cl_breaches_facts_new ("shop.example", empty, when);
  g_autoptr(ClModuleResult) result = cl_module_result_new ("breaches");
  g_autoptr(ClModuleResult) clean = cl_module_result_new ("breaches");
  GPtrArray *findings;
  g_autofree char *url = NULL;
  g_autofree char *url2 = NULL;

  _cl_module_breaches_judge (facts, result);
  findings = cl_module_result_get_findings (result);
  g_assert_cmpuint (findings->len, ==, 3);
  /* verified and within 5 years: medium */
  g_assert_cmpint (cl_finding_get_severity (g_ptr_array_index (findings, 0)), ==, CL_SEVERITY_MEDIUM);
  g_assert_cmpstr (cl_finding_get_evidence (g_ptr_array_index (findings, 0)), ==,
                   "Shop A, breached on 2024-01-01, 10 accounts, data: Passwords (verified); "
                   "source: Have I Been Pwned");
  /* verified, older than 5 years: low; the Name when no Title */
  g_assert_cmpint (cl_finding_get_severity (g_ptr_array_index (findings, 1)), ==, CL_SEVERITY_LOW);
  g_assert_cmpstr (cl_finding_get_evidence (g_ptr_array_index (findings, 1)), ==,
                   "B, breached on 2019-01-01 (verified); source: Have I Been Pwned");
  /* recent, unverified: low */
  g_assert_cmpint (cl_finding_get_severity (g_ptr_array_index (findings, 2)), ==, CL_SEVERITY_LOW);

  _cl_module_breaches_judge (none, clean);
  g_assert_cmpuint (cl_module_result_get_findings (clean)->len, ==, 1);
  g_assert_nonnull (cl_test_find (clean, "breaches.none"));

  url = _cl_breaches_url ("https://haveibeenpwned.com/api/v3/breaches", "shop.example");
  g_assert_cmpstr (url, ==, "https://haveibeenpwned.com/api/v3/breaches?domain=shop.example");
  url2 = _cl_breaches_url ("https://mirror.example/b?key=1", "shop.example");
  g_assert_cmpstr (url2, ==, "https://mirror.example/b?key=1&domain=shop.example");
}

/* }}} */

/* subdomains {{{ */

static void
test_subdomains_parse_ct (void)
{
  g_autoptr(JsonNode) answer = parse (
    "[{\"name_value\": \"shop.example\\nwww.shop.example\\n*.api.shop.example\"},"
    " {\"name_value\": \"WWW.Shop.Example\\n  dev.shop.example \\nevil.example\\nx.notshop.example\"},"
    " {\"name_value\": \"a..shop.example\\nbad name.shop.example\\n.shop.example\"},"
    " {\"name_value\": 5}, {\"common_name\": \"mail.shop.example\"}, \"junk\"]");
  g_auto(GStrv) names = _cl_subdomains_parse_ct (answer, "shop.example", 100);
  g_auto(GStrv) two = _cl_subdomains_parse_ct (answer, "shop.example", 2);
  g_autofree char *joined = g_strjoinv (" ", names);
  g_autofree char *url = _cl_subdomains_ct_url ("https://crt.sh/", "shop.example");

  g_assert_cmpstr (joined, ==, "www.shop.example api.shop.example dev.shop.example");
  g_assert_cmpuint (g_strv_length (two), ==, 2);
  g_assert_cmpstr (url, ==, "https://crt.sh/?q=%25.shop.example&output=json");
}

static void
test_subdomains_sensitive (void)
{
  const struct { const char *name; gboolean sensitive; } cases[] = {
    { "dev.shop.example", TRUE },
    { "dev2.shop.example", TRUE },
    { "staging-api.shop.example", TRUE },
    { "api.test.shop.example", TRUE },
    { "admin.shop.example", TRUE },
    { "www.shop.example", FALSE },
    { "developer.shop.example", FALSE },
    { "devices.shop.example", FALSE },
    { "contest.shop.example", FALSE },
    /* the domain's own labels do not count */
    { "www.dev.example", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *domain = g_str_has_suffix (cases[i].name, ".dev.example") ? "dev.example" : "shop.example";

      g_assert_cmpint (_cl_subdomains_is_sensitive (cases[i].name, domain), ==, cases[i].sensitive);
    }
  /* the shipped list is there and holds the usual names */
  g_assert_true (g_strv_contains (_cl_subdomains_get_wordlist (), "www"));
  g_assert_true (g_strv_contains (_cl_subdomains_get_wordlist (), "staging"));
  g_assert_cmpuint (g_strv_length ((GStrv)_cl_subdomains_get_wordlist ()), >=, 100);
}

static void
add (ClSubdomainsFacts *facts,
     const char        *name,
     gboolean           from_ct,
     const char        *address)
{
  ClSubdomain *subdomain = _cl_subdomains_facts_add (facts, name);

  subdomain->from_ct = from_ct;
  subdomain->from_list = !from_ct;
  if (address != NULL)
    g_ptr_array_add (subdomain->addresses, g_strdup (address));
}

static void
test_subdomains_judge (void)
{
  g_autoptr(ClSubdomainsFacts) facts = _cl_subdomains_facts_new ("shop.example");
  g_autoptr(ClSubdomainsFacts) wild = _cl_subdomains_facts_new ("shop.example");
  g_autoptr(ClSubdomainsFacts) empty = _cl_subdomains_facts_new ("shop.example");
  g_autoptr(ClModuleResult) result = cl_module_result_new ("subdomains");
  g_autoptr(ClModuleResult) wild_result = cl_module_result_new ("subdomains");
  g_autoptr(ClModuleResult) empty_result = cl_module_result_new ("subdomains");
  g_autofree char *ids = NULL;

  add (facts, "www.shop.example", FALSE, "192.0.2.1");
  add (facts, "dev.shop.example", TRUE, "192.0.2.7");
  add (facts, "old.shop.example", TRUE, NULL);
  g_ptr_array_add (((ClSubdomain *)g_ptr_array_index (facts->subdomains, 0))->addresses,
                   g_strdup ("2001:db8::1"));
  facts->ct_error = g_strdup ("The service at crt.sh is unavailable (4 attempts): 502 Bad Gateway");
  _cl_module_subdomains_judge (facts, result);
  ids = cl_test_rule_ids (result);
  g_assert_cmpstr (ids, ==, "subdomains.found subdomains.sensitive_exposed");
  g_assert_cmpstr (cl_finding_get_evidence (cl_test_find (result, "subdomains.found")), ==,
                   "2 names: www.shop.example (192.0.2.1, 2001:db8::1); dev.shop.example (192.0.2.7)");
  g_assert_cmpstr (cl_finding_get_evidence (cl_test_find (result, "subdomains.sensitive_exposed")), ==,
                   "dev.shop.example (192.0.2.7)");
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 1);
  /* weight 0, but the finding still has its severity */
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "subdomains.sensitive_exposed")), ==,
                   CL_SEVERITY_LOW);

  /* a wildcard zone: a name answering only the wildcard proves nothing */
  g_ptr_array_add (wild->wildcard, g_strdup ("192.0.2.99"));
  add (wild, "dev.shop.example", FALSE, "192.0.2.99");
  add (wild, "www.shop.example", FALSE, "192.0.2.1");
  _cl_module_subdomains_judge (wild, wild_result);
  g_clear_pointer (&ids, g_free);
  ids = cl_test_rule_ids (wild_result);
  g_assert_cmpstr (ids, ==, "subdomains.found");
  g_assert_cmpuint (cl_module_result_get_caveats (wild_result)->len, ==, 1);

  add (empty, "www.shop.example", FALSE, NULL);
  _cl_module_subdomains_judge (empty, empty_result);
  g_assert_nonnull (cl_test_find (empty_result, "subdomains.none"));
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/whois/judge", test_whois);
  g_test_add_func ("/whois/summary", test_whois_summary);
  g_test_add_func ("/whois/bootstrap", test_whois_bootstrap);
  g_test_add_func ("/breaches/judge", test_breaches);
  g_test_add_func ("/subdomains/parse-ct", test_subdomains_parse_ct);
  g_test_add_func ("/subdomains/sensitive", test_subdomains_sensitive);
  g_test_add_func ("/subdomains/judge", test_subdomains_judge);

  return g_test_run ();
}
