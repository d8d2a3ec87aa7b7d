/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-world-dnssec"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cl-error.h"
#include "cl-module-dnssec.h"
#include "cl-test-util.h"

/* The dnssec module on the world's zones (tests/world/zones, run's
 * SIGNED_ZONES and knot.conf.in's policies), and the same zones through
 * delv and kdig: the module must reach the verdict BIND's validator
 * reaches, and read the algorithms and expiry dates kdig shows. */

static const struct {
  const char *domain;
  const char *rules;    /* what the module finds, sorted */
  const char *verdict;  /* what delv says: secure, insecure, bogus */
} zones[] = {
  { "good.example", "", "secure" },
  { "fair.example", "", "secure" },
  { "mailonly.example", "", "secure" },
  { "bad.example", "dnssec.unsigned", "insecure" },
  { "nods.example", "dnssec.no_ds", "insecure" },
  { "bogus.example", "dnssec.bogus", "bogus" },
  { "rsasha1.example", "dnssec.weak_algorithm", "secure" },
  { "rsa1024.example", "dnssec.weak_rsa_key", "secure" },
  { "sigexpiring.example", "dnssec.signature_expiring", "secure" },
};

static ClModuleResult *
scan (const char *domain)
{
  g_autoptr(ClScanContext) context = cl_test_world_context (domain);
  g_autoptr(ClModule) module = cl_module_dnssec_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  ClModuleResult *result;

  g_assert_cmpstr (cl_module_get_id (module), ==, "dnssec");
  result = cl_test_run_module (module, context, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cl_module_result_get_status (result), ==, CL_MODULE_STATUS_COMPLETED);

  ids = cl_test_rule_ids (result);
  g_test_message ("%s: [%s]", domain, ids);
  return result;
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);

  /* delv reports on stderr what it could not validate */
  return g_strconcat (out, err, NULL);
}

/* delv's verdict on DOMAIN SOA, from the world's trust anchor. */
static const char *
delv_verdict (const char *domain)
{
  g_autofree char *server = g_strconcat ("@", g_getenv ("CL_WORLD_RESOLVER"), NULL);
  g_autofree char *anchor = g_build_filename (g_getenv ("CL_WORLD_DIR"), "root.anchor", NULL);
  const char *argv[] = { "delv", server, "-a", anchor, "+root", domain, "SOA", NULL };
  g_autofree char *out = run_tool (argv);

  g_test_message ("delv %s SOA: %s", domain, out);
  if (strstr (out, "; fully validated"))
    return "secure";
  if (strstr (out, "; unsigned answer"))
    return "insecure";
  if (strstr (out, "broken trust chain") || strstr (out, "no valid signature found (DS)"))
    return "bogus";
  return "?";
}

/* The module's verdict: bogus and insecure each have their rules. */
static const char *
module_verdict (ClModuleResult *result)
{
  if (cl_module_result_has_rule (result, "dnssec.bogus"))
    return "bogus";
  if (cl_module_result_has_rule (result, "dnssec.unsigned") ||
      cl_module_result_has_rule (result, "dnssec.no_ds") ||
      cl_module_result_has_rule (result, "dnssec.chain_insecure"))
    return "insecure";
  return "secure";
}

static void
test_zones (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(ClModuleResult) result = scan (zones[i].domain);
      g_autofree char *ids = cl_test_rule_ids (result);

      g_assert_cmpstr (ids, ==, zones[i].rules);
    }
}

/* delv (BIND's validator) and the module agree on every zone. */
static void
test_delv_agrees (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(ClModuleResult) result = scan (zones[i].domain);
      const char *delv = delv_verdict (zones[i].domain);

      g_assert_cmpstr (delv, ==, zones[i].verdict);
      g_assert_cmpstr (module_verdict (result), ==, delv);
    }
}

/* kdig +dnssec lines: "NAME TTL IN TYPE RDATA..." split on blanks. */
static GPtrArray *
kdig_records (const char *domain,
              const char *type,
              const char *want)
{
  g_autofree char *server = g_strconcat ("@", g_getenv ("CL_WORLD_RESOLVER"), NULL);
  const char *argv[] = { "kdig", server, "+dnssec", "+noall", "+answer", "+tcp", domain, type, NULL };
  g_autofree char *out = run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_regex_split_simple ("\\s+", lines[i], 0, 0);

      if (g_strv_length (fields) > 5 && g_str_equal (fields[3], want))
        g_ptr_array_add (records, g_steal_pointer (&fields));
    }

  return records;
}

/* The algorithms kdig shows for each zone's keys are weak exactly where
 * the module says so. */
static void
test_kdig_algorithms (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(GPtrArray) keys = NULL;
      g_autoptr(ClModuleResult) result = NULL;
      gboolean weak = FALSE;

      if (g_str_equal (zones[i].verdict, "bogus") || g_str_equal (zones[i].domain, "bad.example"))
        continue;

      keys = kdig_records (zones[i].domain, "DNSKEY", "DNSKEY");
      g_assert_cmpuint (keys->len, >, 0);
      for (guint k = 0; k < keys->len; k++)
        {
          char **fields = g_ptr_array_index (keys, k);
          guint algorithm = atoi (fields[6]);  /* flags protocol algorithm key */

          weak |= algorithm == 5 || algorithm == 7;
        }

      result = scan (zones[i].domain);
      g_assert_cmpint (weak, ==, cl_module_result_has_rule (result, "dnssec.weak_algorithm"));
    }
}

/* kdig's RRSIG expiration for sigexpiring.example's SOA is the date the
 * module's evidence gives. */
static void
test_kdig_expiry (void)
{
  g_autoptr(GPtrArray) sigs = kdig_records ("sigexpiring.example", "SOA", "RRSIG");
  g_autoptr(ClModuleResult) result = scan ("sigexpiring.example");
  const char *evidence = cl_finding_get_evidence (cl_test_find (result, "dnssec.signature_expiring"));
  char **fields;
  g_autofree char *date = NULL;

  g_assert_cmpuint (sigs->len, ==, 1);
  fields = g_ptr_array_index (sigs, 0);
  /* RRSIG: covered algorithm labels ttl EXPIRATION inception tag signer sig */
  g_assert_cmpstr (fields[4], ==, "SOA");
  g_assert_cmpuint (strlen (fields[8]), ==, 14);
  date = g_strdup_printf ("expires %.4s-%.2s-%.2s %.2s:%.2s UTC", fields[8], fields[8] + 4,
                          fields[8] + 6, fields[8] + 8, fields[8] + 10);
  g_test_message ("kdig: %s; module: %s", fields[8], evidence);
  g_assert_nonnull (strstr (evidence, date));
  g_assert_nonnull (strstr (evidence, fields[10]));  /* the key tag */
}

/* Only the resolver's own answer counts: a name that does not exist has
 * no zone to judge, and the module says so rather than fail. */
static void
test_nxdomain (void)
{
  g_autoptr(ClModuleResult) result = scan ("nxdomain.example");

  /* a validated NXDOMAIN: below the signed example., nothing insecure */
  g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/world/dnssec/zones", test_zones);
  g_test_add_func ("/world/dnssec/delv-agrees", test_delv_agrees);
  g_test_add_func ("/world/dnssec/kdig-algorithms", test_kdig_algorithms);
  g_test_add_func ("/world/dnssec/kdig-expiry", test_kdig_expiry);
  g_test_add_func ("/world/dnssec/nxdomain", test_nxdomain);

  return g_test_run ();
}
