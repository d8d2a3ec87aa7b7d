/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-world-waf"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cl-error.h"
#include "cl-module-waf.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The waf module on the world's web servers (tests/world/nginx.conf.in:
 * waf.example, nowaf.example), and wafw00f's verdicts on the same. */

#define NETWORK_TIMEOUT 5  /* what cl_test_world_context () sets */

static ClModuleResult *
run_waf (const char  *domain,
         GError     **error)
{
  g_autoptr(ClScanContext) context = cl_test_world_context (domain);
  g_autoptr(ClModule) module = cl_module_waf_new ();

  g_assert_cmpstr (cl_module_get_id (module), ==, "waf");
  /* As the scan job does: libsoup resolves world names through the
   * scan's resolver. */
  g_resolver_set_default (G_RESOLVER (cl_scan_context_get_resolver (context)));

  return cl_test_run_module (module, context, error);
}

static ClModuleResult *
scan (const char *domain)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  ClModuleResult *result;

  result = run_waf (domain, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (cl_module_result_get_status (result), ==, CL_MODULE_STATUS_COMPLETED);

  ids = cl_test_rule_ids (result);
  g_test_message ("%s: [%s]", domain, ids);

  return result;
}

static void
test_waf (void)
{
  g_autoptr(ClModuleResult) result = scan ("waf.example");
  ClFinding *finding = cl_test_find (result, "waf.detected");

  g_assert_nonnull (finding);
  g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 1);
  g_assert_cmpint (cl_finding_get_severity (finding), ==, CL_SEVERITY_INFO);
  g_assert_cmpstr (cl_finding_get_evidence (finding), ==,
                   "Sucuri Website Firewall (header x-sucuri-id, header x-sucuri-cache, block page); "
                   "the attack-like request was answered 403 with a block page, the home page 200");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

static void
test_nowaf (void)
{
  g_autoptr(ClModuleResult) result = scan ("nowaf.example");
  ClFinding *finding = cl_test_find (result, "waf.not_detected");

  g_assert_nonnull (finding);
  g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 1);
  g_assert_cmpint (cl_finding_get_severity (finding), ==, CL_SEVERITY_LOW);
  g_assert_cmpstr (cl_finding_get_evidence (finding), ==,
                   "no known header or cookie; the attack-like request was answered 200 like the home page");
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 0);
}

/* Neither request is answered: the module cannot judge. */
static void
test_silent (void)
{
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = run_waf ("silent.example", &error);
  g_assert_null (result);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "silent.example"));
}

/* wafw00f (Debian's package; build-aux/setup installs it) on both hosts:
 * the same verdict, detected or not.  It names the product "Sucuri
 * CloudProxy" from the same X-Sucuri-ID header. */
static gboolean
wafw00f_detects (const char *domain,
                 char      **firewall)
{
  g_autofree char *dir = g_dir_make_tmp ("test-world-waf-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autofree char *url = g_strdup_printf ("https://%s/", domain);
  const char *argv[] = { "wafw00f", "-f", "json", "-o", out, url, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  JsonObject *record;
  int status;
  gboolean detected;

  g_assert_nonnull (dir);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &stdout_text, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("wafw00f %s: %s", domain, stdout_text);

  json_parser_load_from_file (parser, out, &error);
  g_assert_no_error (error);
  /* one record per URL */
  record = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  detected = json_object_get_boolean_member (record, "detected");
  *firewall = g_strdup (json_object_get_string_member (record, "firewall"));

  g_unlink (out);
  g_rmdir (dir);
  return detected;
}

static void
test_wafw00f (void)
{
  const struct { const char *domain; const char *rule_id; } hosts[] = {
    { "waf.example", "waf.detected" },
    { "nowaf.example", "waf.not_detected" },
  };
  g_autofree char *wafw00f = g_find_program_in_path ("wafw00f");

  if (wafw00f == NULL)
    g_error ("wafw00f not found (apt-get install wafw00f, or build-aux/setup)");

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autoptr(ClModuleResult) result = scan (hosts[i].domain);
      g_autofree char *firewall = NULL;
      gboolean theirs = wafw00f_detects (hosts[i].domain, &firewall);
      gboolean ours = cl_module_result_has_rule (result, "waf.detected");

      g_test_message ("%s: ours %s, wafw00f %s (%s)", hosts[i].domain,
                      ours ? "detected" : "none", theirs ? "detected" : "none", firewall);
      g_assert_true (cl_module_result_has_rule (result, hosts[i].rule_id));
      g_assert_cmpint (ours, ==, theirs);
      if (theirs)
        g_assert_cmpstr (firewall, ==, "Sucuri CloudProxy");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/world/waf/waf", test_waf);
  g_test_add_func ("/world/waf/nowaf", test_nowaf);
  g_test_add_func ("/world/waf/silent", test_silent);
  g_test_add_func ("/world/waf/wafw00f", test_wafw00f);

  return g_test_run ();
}
