/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-world-lists"

#include "config.h"

#include <string.h>

#include "cl-dnsbl.h"
#include "cl-error.h"
#include "cl-module-blacklists.h"
#include "cl-module-reputation.h"
#include "cl-test-util.h"

/* The blacklists and reputation modules on the world's block lists
 * (tests/world/zones/root.zone.in: Spamhaus ZEN and DBL, SpamCop, SURBL,
 * URIBL entries for bad.example and listed.example; good.example is on
 * none), and kdig's answers to the same queries. */

static ClModuleResult *
run (ClModule   *module,
     const char *domain)
{
  g_autoptr(ClScanContext) context = cl_test_world_context (domain);
  g_autoptr(ClModule) owned = module;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  ClModuleResult *result;

  result = cl_test_run_module (owned, context, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cl_module_result_get_status (result), ==, CL_MODULE_STATUS_COMPLETED);
  ids = cl_test_rule_ids (result);
  g_test_message ("%s %s: [%s]", cl_module_get_id (owned), domain, ids);

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

static void
assert_rules (ClModuleResult *result,
              const char     *expected)
{
  g_autofree char *ids = cl_test_rule_ids (result);

  g_assert_cmpstr (ids, ==, expected);
}

static void
test_blacklists_bad (void)
{
  g_autoptr(ClModuleResult) result = run (cl_module_blacklists_new (), "bad.example");

  assert_rules (result, "blacklists.checked blacklists.web_listed");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "blacklists.web_listed")), ==, CL_SEVERITY_HIGH);
  g_assert_cmpstr (evidence (result, "blacklists.web_listed"), ==,
                   "127.0.10.3 (bad.example, www.bad.example) on Spamhaus ZEN: 127.0.0.2: SBL (Spamhaus "
                   "Block List: spam source or operation) (“Listed by SBL, see "
                   "https://check.spamhaus.org/sbl/query/SBL000001”)");
  /* mail.bad.example does not exist: nothing to check there */
  g_assert_cmpstr (evidence (result, "blacklists.checked"), ==,
                   "8 of 8 lists gave a verdict on 127.0.10.3 (bad.example, www.bad.example): web");
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 0);
}

/* ZEN refuses one query (127.255.255.254): a caveat, never a listing;
 * the other lists, and ZEN on the other address, still judge. */
static void
test_blacklists_listed (void)
{
  g_autoptr(ClModuleResult) result = run (cl_module_blacklists_new (), "listed.example");
  GPtrArray *caveats;

  assert_rules (result, "blacklists.checked blacklists.mail_listed");
  g_assert_cmpstr (evidence (result, "blacklists.mail_listed"), ==,
                   "127.0.10.41 (mail.listed.example) on Spamhaus ZEN: 127.0.0.4: XBL (exploited host: "
                   "malware, botnet, open proxy) (“Listed by XBL, see https://check.spamhaus.org/”); "
                   "SpamCop Blocking List: 127.0.0.2: reported as a spam source by SpamCop users "
                   "(“Blocked - see https://www.spamcop.net/bl.shtml?127.0.10.41”)");
  caveats = cl_module_result_get_caveats (result);
  g_assert_cmpuint (caveats->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (caveats, 0), ==,
                   "The block list Spamhaus ZEN gave no verdict on 1 of 2 addresses: "
                   "40.10.0.127.zen.spamhaus.org: 127.255.255.254: queries through a public or open "
                   "resolver are refused");
  g_assert_cmpstr (evidence (result, "blacklists.checked"), ==,
                   "8 of 8 lists gave a verdict on 127.0.10.40 (listed.example, www.listed.example): web; "
                   "127.0.10.41 (mail.listed.example): mail");
}

static void
test_blacklists_good (void)
{
  g_autoptr(ClModuleResult) result = run (cl_module_blacklists_new (), "good.example");

  assert_rules (result, "blacklists.checked");
  g_assert_cmpstr (evidence (result, "blacklists.checked"), ==,
                   "8 of 8 lists gave a verdict on 127.0.10.1 (good.example, www.good.example): web; "
                   "127.0.10.2 (mail.good.example): mail");
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 0);
}

static void
test_reputation (void)
{
  g_autoptr(ClModuleResult) bad = run (cl_module_reputation_new (), "bad.example");
  g_autoptr(ClModuleResult) listed = run (cl_module_reputation_new (), "listed.example");
  g_autoptr(ClModuleResult) good = run (cl_module_reputation_new (), "good.example");

  assert_rules (bad, "reputation.phishing_listed");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (bad, "reputation.phishing_listed")), ==, CL_SEVERITY_CRITICAL);
  g_assert_cmpstr (evidence (bad, "reputation.phishing_listed"), ==,
                   "Spamhaus DBL: 127.0.1.4: phishing domain "
                   "(“https://www.spamhaus.org/query/domain/bad.example”)");

  /* SURBL's phishing and malware bits: the graver names the finding */
  assert_rules (listed, "reputation.malware_listed reputation.spam_listed");
  g_assert_cmpstr (evidence (listed, "reputation.malware_listed"), ==,
                   "SURBL: 127.0.0.24: PH (phishing), MW (malware)");
  g_assert_cmpstr (evidence (listed, "reputation.spam_listed"), ==,
                   "URIBL: 127.0.0.2: black (spam domain) "
                   "(“Blacklisted, see https://admin.uribl.com/?section=lookup&query=listed.example”)");

  assert_rules (good, "reputation.clean");
  g_assert_cmpstr (evidence (good, "reputation.clean"), ==, "clean on 3 lists: Spamhaus DBL, SURBL, URIBL");
  g_assert_cmpuint (cl_module_result_get_caveats (good)->len, ==, 0);
}

/* A resolver that never answers: each module ends at its deadline (90%
 * of the module's timeout, before the resolver's own timeout) with what
 * it has, which is nothing: unavailable, never "clean". */
static void
test_deadline (void)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) bind_address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(ClResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *upstream = NULL;
  ClModule *modules[] = { cl_module_blacklists_new (), cl_module_reputation_new () };

  /* bound, never read: queries to it get no answer at all */
  silent = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  g_assert_no_error (error);
  g_socket_bind (silent, bind_address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (silent, &error);
  g_assert_no_error (error);
  upstream = g_strdup_printf ("127.0.0.1@%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  /* the resolver waits 20 s, the modules 2 */
  cl_scan_settings_set_module_timeout (settings, 2);
  resolver = cl_resolver_new (upstream, cl_scan_settings_get_trust_anchor_file (settings), 20, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (modules); i++)
    {
      g_autoptr(ClScanContext) context = cl_scan_context_new ("good.example", settings, resolver);
      g_autoptr(ClModule) module = modules[i];
      g_autoptr(ClModuleResult) result = NULL;

      result = cl_test_run_module (module, context, &error);
      g_test_message ("%s: %s", cl_module_get_id (module), error != NULL ? error->message : "a result");
      g_assert_null (result);
      g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "no answer before the module’s time ran out"));
      g_clear_error (&error);
    }
}

/* kdig's answer (+short) to NAME A, one address a line. */
static char *
kdig_a (const char *name)
{
  const char *resolver = g_getenv ("CL_WORLD_RESOLVER");
  g_autofree char *server = g_strconcat ("@", resolver, NULL);
  const char *argv[] = { "kdig", server, "+short", "+retry=0", "+time=2", name, "A", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_nonnull (resolver);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_strstrip (out);
}

/* Every text of a result: evidence and caveats. */
static char *
all_text (ClModuleResult *result)
{
  GString *text = g_string_new (NULL);
  GPtrArray *findings = cl_module_result_get_findings (result);
  GPtrArray *caveats = cl_module_result_get_caveats (result);

  for (guint i = 0; i < findings->len; i++)
    g_string_append_printf (text, "%s\n", cl_finding_get_evidence (g_ptr_array_index (findings, i)));
  for (guint i = 0; i < caveats->len; i++)
    g_string_append_printf (text, "%s\n", (char *)g_ptr_array_index (caveats, i));

  return g_string_free (text, FALSE);
}

/* The same query to kdig: each code it answers is in the module's
 * findings (a listing, with its list's name) or caveats (a refusal,
 * with the query's name); a list kdig has nothing from is named in no
 * listing. */
static void
cross_check (ClModuleResult *result,
             const char     *label,
             ClDnsblKind     kind)
{
  GPtrArray *lists = cl_dnsbl_get_default ();
  g_autofree char *text = all_text (result);

  for (guint i = 0; i < lists->len; i++)
    {
      const ClDnsbl *list = g_ptr_array_index (lists, i);
      g_autofree char *name = NULL;
      g_autofree char *answer = NULL;
      g_auto(GStrv) codes = NULL;

      if (list->kind != kind)
        continue;
      name = g_strconcat (label, ".", list->zone, NULL);
      answer = kdig_a (name);
      g_test_message ("kdig %s A: %s", name, *answer != '\0' ? answer : "(nothing)");
      codes = g_strsplit (answer, "\n", -1);

      for (guint j = 0; codes[j] != NULL && *codes[j] != '\0'; j++)
        {
          g_autofree char *listing = g_strdup_printf ("%s: %s: ", list->name, codes[j]);
          g_autofree char *refusal = g_strdup_printf ("%s: %s: ", name, codes[j]);

          if (strstr (text, listing) == NULL && strstr (text, refusal) == NULL)
            g_error ("kdig: %s A %s, the module: %s", name, codes[j], text);
        }
      if (*answer == '\0')
        {
          g_autofree char *listing = g_strdup_printf ("%s: 127.", list->name);

          /* with one address asked (bad.example, good.example's web) */
          if (kind == CL_DNSBL_KIND_DOMAIN)
            g_assert_null (strstr (text, listing));
          g_assert_null (strstr (text, name));
        }
    }
}

static void
test_kdig (void)
{
  const struct { const char *domain; const char *addresses[3]; } cases[] = {
    { "bad.example", { "3.10.0.127", NULL } },
    { "listed.example", { "40.10.0.127", "41.10.0.127", NULL } },
    { "good.example", { "1.10.0.127", "2.10.0.127", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClModuleResult) blacklists = run (cl_module_blacklists_new (), cases[i].domain);
      g_autoptr(ClModuleResult) reputation = run (cl_module_reputation_new (), cases[i].domain);

      for (guint j = 0; cases[i].addresses[j] != NULL; j++)
        cross_check (blacklists, cases[i].addresses[j], CL_DNSBL_KIND_IP);
      cross_check (reputation, cases[i].domain, CL_DNSBL_KIND_DOMAIN);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/world/blacklists/bad", test_blacklists_bad);
  g_test_add_func ("/world/blacklists/listed", test_blacklists_listed);
  g_test_add_func ("/world/blacklists/good", test_blacklists_good);
  g_test_add_func ("/world/reputation", test_reputation);
  g_test_add_func ("/world/lists/kdig", test_kdig);
  g_test_add_func ("/world/lists/deadline", test_deadline);

  return g_test_run ();
}
