/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-test-util"

#include "config.h"

#include "cl-test-util.h"

static const char *
world_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    g_error ("%s is not set: run this test inside tests/world/run", name);
  return value;
}

ClScanSettings *
cl_test_world_settings (void)
{
  ClScanSettings *settings = cl_scan_settings_new ();

  cl_scan_settings_set_resolver (settings, world_env ("CL_WORLD_RESOLVER"));
  cl_scan_settings_set_trust_anchor_file (settings, world_env ("CL_WORLD_TRUST_ANCHOR"));
  cl_scan_settings_set_ca_file (settings, world_env ("CL_WORLD_CA_FILE"));
  /* the product's default: a sanitizer build on a loaded machine needs
   * seconds for a TLS handshake; tests that time a timeout set their own */
  cl_scan_settings_set_network_timeout (settings, 5);
  cl_scan_settings_set_module_timeout (settings, 20);

  return settings;
}

ClResolver *
cl_test_world_resolver (ClScanSettings *settings)
{
  g_autoptr(GError) error = NULL;
  ClResolver *resolver;

  resolver = cl_resolver_new (cl_scan_settings_get_resolver (settings),
                              cl_scan_settings_get_trust_anchor_file (settings),
                              cl_scan_settings_get_network_timeout (settings),
                              &error);
  g_assert_no_error (error);
  return resolver;
}

void
cl_test_wait (gpointer *result_slot)
{
  while (*result_slot == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

ClScanContext *
cl_test_world_context (const char *domain)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  g_autoptr(ClResolver) resolver = cl_test_world_resolver (settings);
  ClScanContext *context = cl_scan_context_new (domain, settings, resolver);
  const guint16 types[] = { CL_DNS_TYPE_A, CL_DNS_TYPE_AAAA };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(ClDnsAnswer) answer = NULL;
      g_autoptr(GPtrArray) addresses = NULL;
      g_autoptr(GError) error = NULL;

      cl_resolver_query_async (resolver, domain, types[i], NULL, store_result, &result);
      cl_test_wait ((gpointer *)&result);
      answer = cl_resolver_query_finish (resolver, result, &error);
      g_assert_no_error (error);

      addresses = cl_dns_answer_get_addresses (answer);
      for (guint j = 0; j < addresses->len; j++)
        cl_scan_context_add_address (context, g_ptr_array_index (addresses, j));
    }

  cl_scan_context_set_has_web (context, cl_scan_context_get_addresses (context)->len > 0);

  return context;
}

ClModuleResult *
cl_test_run_module (ClModule       *module,
                    ClScanContext  *context,
                    GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cl_module_run_async (module, context, NULL, store_result, &result);
  cl_test_wait ((gpointer *)&result);

  return cl_module_run_finish (module, result, error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

char *
cl_test_rule_ids (ClModuleResult *result)
{
  GPtrArray *findings = cl_module_result_get_findings (result);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (ids, (gpointer)cl_finding_get_rule_id (g_ptr_array_index (findings, i)));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (" ", (char **)ids->pdata);
}

ClFinding *
cl_test_find (ClModuleResult *result,
              const char     *rule_id)
{
  GPtrArray *findings = cl_module_result_get_findings (result);

  for (guint i = 0; i < findings->len; i++)
    {
      ClFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (cl_finding_get_rule_id (finding), rule_id))
        return finding;
    }

  return NULL;
}
