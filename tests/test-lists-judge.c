/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-lists-judge"

#include "config.h"

#include <string.h>

#include "cl-error.h"
#include "cl-module-blacklists-private.h"
#include "cl-module-reputation-private.h"
#include "cl-modules.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The blacklists and reputation modules' judging, on recorded answers,
 * with the lists of data/dnsbl.json. */

static void
assert_rules (ClModuleResult *result,
              const char     *expected)
{
  g_autofree char *ids = cl_test_rule_ids (result);

  g_assert_cmpstr (ids, ==, expected);
}

/* Gives @lookup an A answer: @code, or NXDOMAIN for NULL. */
static void
answer_lookup (ClDnsblLookup *lookup,
               const char    *code)
{
  g_autoptr(GInetAddress) address = code != NULL ? g_inet_address_new_from_string (code) : NULL;

  g_assert_null (lookup->query->answer);
  lookup->query->answer = cl_dns_answer_new (lookup->query->name, CL_DNS_TYPE_A,
                                             code != NULL ? CL_DNS_RCODE_NOERROR : CL_DNS_RCODE_NXDOMAIN,
                                             FALSE, FALSE, NULL);
  if (address != NULL)
    cl_dns_answer_add_rdata (lookup->query->answer, g_inet_address_to_bytes (address), 4);
}

/* Answers every lookup not answered or failed yet. */
static void
answer_all (GPtrArray  *lookups,
            const char *code)
{
  for (guint i = 0; i < lookups->len; i++)
    {
      ClDnsblLookup *lookup = g_ptr_array_index (lookups, i);

      if (lookup->query->answer == NULL && lookup->query->error == NULL)
        answer_lookup (lookup, code);
    }
}

static ClDnsblLookup *
find_lookup (GPtrArray  *lookups,
             const char *zone)
{
  for (guint i = 0; i < lookups->len; i++)
    {
      ClDnsblLookup *lookup = g_ptr_array_index (lookups, i);

      if (g_str_equal (lookup->list->zone, zone))
        return lookup;
    }
  g_error ("no lookup on %s", zone);
}

static ClBlacklistsTarget *
add (ClBlacklistsFacts *facts,
     const char        *text,
     const char        *name,
     gboolean           mail)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);

  return _cl_blacklists_facts_add_address (facts, address, name, mail);
}

static void
test_blacklists_clean (void)
{
  g_autoptr(ClBlacklistsFacts) facts = _cl_blacklists_facts_new ("shop.example", cl_dnsbl_get_default ());
  g_autoptr(ClModuleResult) result = cl_module_result_new ("blacklists");
  g_autoptr(GError) error = NULL;
  ClBlacklistsTarget *web, *v6;

  web = add (facts, "192.0.2.1", "shop.example", FALSE);
  g_assert_true (add (facts, "192.0.2.1", "www.shop.example", FALSE) == web);
  v6 = add (facts, "2001:db8::1", "shop.example", FALSE);
  g_assert_true (add (facts, "192.0.2.25", "mx.shop.example", TRUE) != web);
  g_assert_cmpuint (facts->targets->len, ==, 3);
  /* IPv6 only where the list takes it */
  g_assert_cmpuint (v6->lookups->len, ==, 1);
  g_assert_cmpstr (((ClDnsblLookup *)g_ptr_array_index (v6->lookups, 0))->query->name, ==,
                   "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org");
  g_assert_cmpstr (find_lookup (web->lookups, "bl.spamcop.net")->query->name, ==, "1.2.0.192.bl.spamcop.net");

  for (guint i = 0; i < facts->targets->len; i++)
    answer_all (((ClBlacklistsTarget *)g_ptr_array_index (facts->targets, i))->lookups, NULL);

  g_assert_true (_cl_module_blacklists_judge (facts, result, &error));
  g_assert_no_error (error);
  assert_rules (result, "blacklists.checked");
  g_assert_cmpstr (cl_finding_get_evidence (cl_test_find (result, "blacklists.checked")), ==,
                   "8 of 8 lists gave a verdict on 192.0.2.1 (shop.example, www.shop.example): web; "
                   "2001:db8::1 (shop.example): web; 192.0.2.25 (mx.shop.example): mail");
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 0);
}

/* One address is listed, one list refuses: that list is a caveat, the
 * others still judge. */
static void
test_blacklists_listed (void)
{
  g_autoptr(ClBlacklistsFacts) facts = _cl_blacklists_facts_new ("shop.example", cl_dnsbl_get_default ());
  g_autoptr(ClModuleResult) result = cl_module_result_new ("blacklists");
  g_autoptr(GError) error = NULL;
  ClBlacklistsTarget *web, *both;
  ClDnsblLookup *lookup;
  GPtrArray *caveats;

  web = add (facts, "192.0.2.1", "shop.example", FALSE);
  both = add (facts, "192.0.2.25", "mx.shop.example", TRUE);
  add (facts, "192.0.2.25", "www.shop.example", FALSE);
  g_assert_true (both->web && both->mail);

  answer_all (web->lookups, NULL);
  lookup = find_lookup (both->lookups, "zen.spamhaus.org");
  lookup->query->error = g_strdup ("timed out");
  answer_lookup (find_lookup (both->lookups, "bl.spamcop.net"), "127.0.0.2");
  answer_all (both->lookups, NULL);

  g_assert_true (_cl_module_blacklists_judge (facts, result, &error));
  assert_rules (result, "blacklists.checked blacklists.mail_listed blacklists.web_listed");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "blacklists.mail_listed")), ==, CL_SEVERITY_HIGH);
  g_assert_cmpstr (cl_finding_get_evidence (cl_test_find (result, "blacklists.web_listed")), ==,
                   "192.0.2.25 (mx.shop.example, www.shop.example) on SpamCop Blocking List: "
                   "127.0.0.2: reported as a spam source by SpamCop users");
  g_assert_cmpstr (cl_finding_get_evidence (cl_test_find (result, "blacklists.mail_listed")), ==,
                   cl_finding_get_evidence (cl_test_find (result, "blacklists.web_listed")));
  caveats = cl_module_result_get_caveats (result);
  g_assert_cmpuint (caveats->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (caveats, 0), ==,
                   "The block list Spamhaus ZEN gave no verdict on 1 of 2 addresses: "
                   "25.2.0.192.zen.spamhaus.org: timed out");
  /* weight 0, but the module's own score shows the listing */
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 50);
}

/* No list gave a verdict: unavailable, not clean. */
static void
test_blacklists_unavailable (void)
{
  g_autoptr(ClBlacklistsFacts) facts = _cl_blacklists_facts_new ("shop.example", cl_dnsbl_get_default ());
  g_autoptr(ClModuleResult) result = cl_module_result_new ("blacklists");
  g_autoptr(GError) error = NULL;
  ClBlacklistsTarget *web;

  web = add (facts, "192.0.2.1", "shop.example", FALSE);
  answer_lookup (find_lookup (web->lookups, "zen.spamhaus.org"), "127.255.255.254");
  for (guint i = 0; i < web->lookups->len; i++)
    {
      ClDnsblLookup *lookup = g_ptr_array_index (web->lookups, i);

      if (lookup->query->answer == NULL)
        lookup->query->error = g_strdup ("timed out");
    }

  g_assert_false (_cl_module_blacklists_judge (facts, result, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "127.255.255.254: queries through a public or open resolver"));
}

static void
test_blacklists_nothing (void)
{
  g_autoptr(ClBlacklistsFacts) facts = _cl_blacklists_facts_new ("shop.example", cl_dnsbl_get_default ());
  g_autoptr(ClModuleResult) result = cl_module_result_new ("blacklists");
  g_autoptr(GError) error = NULL;

  /* no address: nothing to check */
  g_assert_true (_cl_module_blacklists_judge (facts, result, &error));
  assert_rules (result, "blacklists.checked");
  g_assert_cmpstr (cl_finding_get_evidence (cl_test_find (result, "blacklists.checked")), ==,
                   "no address for shop.example, www.shop.example or an MX host");

  /* no answer to the host lookups: nothing is known */
  g_ptr_array_add (facts->errors, g_strdup ("The addresses of shop.example were not checked: timed out"));
  g_assert_false (_cl_module_blacklists_judge (facts, result, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_cmpstr (error->message, ==, "The addresses of shop.example were not checked: timed out");
  g_clear_error (&error);

  /* one answered, one did not: a caveat */
  g_clear_object (&result);
  result = cl_module_result_new ("blacklists");
  add (facts, "192.0.2.1", "shop.example", FALSE);
  answer_all (((ClBlacklistsTarget *)g_ptr_array_index (facts->targets, 0))->lookups, NULL);
  g_assert_true (_cl_module_blacklists_judge (facts, result, &error));
  g_assert_no_error (error);
  assert_rules (result, "blacklists.checked");
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 1);
}

/* At most CL_BLACKLISTS_MAX_TARGETS addresses. */
static void
test_blacklists_cap (void)
{
  g_autoptr(ClBlacklistsFacts) facts = _cl_blacklists_facts_new ("shop.example", cl_dnsbl_get_default ());

  for (guint i = 0; i < CL_BLACKLISTS_MAX_TARGETS + 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("192.0.2.%u", i + 1);
      ClBlacklistsTarget *target = add (facts, text, "mx.shop.example", TRUE);

      g_assert_true ((target != NULL) == (i < CL_BLACKLISTS_MAX_TARGETS));
    }
  g_assert_cmpuint (facts->targets->len, ==, CL_BLACKLISTS_MAX_TARGETS);
}

static ClModuleResult *
judge_reputation (ClReputationFacts *facts)
{
  ClModuleResult *result = cl_module_result_new ("reputation");
  g_autoptr(GError) error = NULL;

  g_assert_true (_cl_module_reputation_judge (facts, result, &error));
  g_assert_no_error (error);
  return result;
}

static void
answer_one (ClReputationFacts *facts,
            const char        *zone,
            const char        *code)
{
  answer_lookup (find_lookup (facts->lookups, zone), code);
}

static void
test_reputation_clean (void)
{
  g_autoptr(ClReputationFacts) facts = _cl_reputation_facts_new ("shop.example", cl_dnsbl_get_default ());
  g_autoptr(ClModuleResult) result = NULL;

  g_assert_cmpuint (facts->lookups->len, ==, 3);
  g_assert_cmpstr (find_lookup (facts->lookups, "dbl.spamhaus.org")->query->name, ==,
                   "shop.example.dbl.spamhaus.org");
  answer_all (facts->lookups, NULL);
  result = judge_reputation (facts);
  assert_rules (result, "reputation.clean");
  g_assert_cmpstr (cl_finding_get_evidence (cl_test_find (result, "reputation.clean")), ==,
                   "clean on 3 lists: Spamhaus DBL, SURBL, URIBL");
}

static void
test_reputation_listed (void)
{
  g_autoptr(ClReputationFacts) facts = _cl_reputation_facts_new ("shop.example", cl_dnsbl_get_default ());
  g_autoptr(ClModuleResult) result = NULL;

  answer_one (facts, "dbl.spamhaus.org", "127.0.1.4");
  answer_one (facts, "multi.surbl.org", "127.0.0.16");
  answer_one (facts, "multi.uribl.com", "127.0.0.2");
  result = judge_reputation (facts);
  assert_rules (result, "reputation.malware_listed reputation.phishing_listed reputation.spam_listed");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "reputation.malware_listed")), ==, CL_SEVERITY_CRITICAL);
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "reputation.phishing_listed")), ==, CL_SEVERITY_CRITICAL);
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "reputation.spam_listed")), ==, CL_SEVERITY_MEDIUM);
  g_assert_cmpstr (cl_finding_get_evidence (cl_test_find (result, "reputation.phishing_listed")), ==,
                   "Spamhaus DBL: 127.0.1.4: phishing domain");
  g_assert_cmpstr (cl_finding_get_evidence (cl_test_find (result, "reputation.malware_listed")), ==,
                   "SURBL: 127.0.0.16: MW (malware)");
}

/* DBL refuses (public resolver), the others answer: a caveat, a verdict. */
static void
test_reputation_refused (void)
{
  g_autoptr(ClReputationFacts) facts = _cl_reputation_facts_new ("shop.example", cl_dnsbl_get_default ());
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(ClModuleResult) none = cl_module_result_new ("reputation");
  g_autoptr(GError) error = NULL;
  GPtrArray *caveats;

  answer_one (facts, "dbl.spamhaus.org", "127.255.255.254");
  answer_all (facts->lookups, NULL);
  result = judge_reputation (facts);
  assert_rules (result, "reputation.clean");
  g_assert_cmpstr (cl_finding_get_evidence (cl_test_find (result, "reputation.clean")), ==,
                   "clean on 2 lists: SURBL, URIBL");
  caveats = cl_module_result_get_caveats (result);
  g_assert_cmpuint (caveats->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (caveats, 0), ==,
                   "The block list Spamhaus DBL gave no verdict: shop.example.dbl.spamhaus.org: "
                   "127.255.255.254: queries through a public or open resolver are refused");

  /* all refuse or fail: unavailable */
  g_clear_pointer (&facts, _cl_reputation_facts_free);
  facts = _cl_reputation_facts_new ("shop.example", cl_dnsbl_get_default ());
  answer_one (facts, "dbl.spamhaus.org", "127.255.255.255");
  answer_all (facts->lookups, "127.0.0.1");
  g_assert_false (_cl_module_reputation_judge (facts, none, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
}

static void
test_rule_ids (void)
{
  const char * const *blacklists = cl_modules_get_rule_ids ("blacklists");
  const char * const *reputation = cl_modules_get_rule_ids ("reputation");

  g_assert_nonnull (blacklists);
  g_assert_nonnull (reputation);
  g_assert_true (g_strv_contains (blacklists, "blacklists.web_listed"));
  g_assert_true (g_strv_contains (reputation, "reputation.phishing_listed"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/blacklists/clean", test_blacklists_clean);
  g_test_add_func ("/blacklists/listed", test_blacklists_listed);
  g_test_add_func ("/blacklists/unavailable", test_blacklists_unavailable);
  g_test_add_func ("/blacklists/nothing", test_blacklists_nothing);
  g_test_add_func ("/blacklists/cap", test_blacklists_cap);
  g_test_add_func ("/reputation/clean", test_reputation_clean);
  g_test_add_func ("/reputation/listed", test_reputation_listed);
  g_test_add_func ("/reputation/refused", test_reputation_refused);
  g_test_add_func ("/lists/rule-ids", test_rule_ids);

  return g_test_run ();
}
