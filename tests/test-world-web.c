/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-world-web"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cl-error.h"
#include "cl-module-js-audit.h"
#include "cl-module-tech-stack-private.h"
#include "cl-module-trackers.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The js_audit, tech_stack and trackers modules on the world's web pages
 * (tests/world/nginx.conf.in, tests/world/www/: oldjs.example and
 * modernjs.example, the trackers under their real names), and the
 * technologies whatweb names on the same pages. */

static ClModuleResult *
run (ClModule    *module,
     const char  *domain,
     GError     **error)
{
  g_autoptr(ClScanContext) context = cl_test_world_context (domain);

  /* As the scan job does: libsoup resolves world names through the
   * scan's resolver. */
  g_resolver_set_default (G_RESOLVER (cl_scan_context_get_resolver (context)));

  return cl_test_run_module (module, context, error);
}

/* Runs @module on @domain; checks that it completed with the rule ids
 * @expected (sorted, space-separated) and judges its evidence. */
static ClModuleResult *
scan (ClModule   *module,
      const char *domain,
      const char *expected)
{
  g_autoptr(ClModule) owned = module;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  ClModuleResult *result;
  GPtrArray *findings;

  result = run (module, domain, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cl_module_result_get_status (result), ==, CL_MODULE_STATUS_COMPLETED);

  findings = cl_module_result_get_findings (result);
  for (guint i = 0; i < findings->len; i++)
    g_test_message ("%s %s: %s", domain, cl_finding_get_rule_id (g_ptr_array_index (findings, i)),
                    cl_finding_get_evidence (g_ptr_array_index (findings, i)));
  ids = cl_test_rule_ids (result);
  g_assert_cmpstr (ids, ==, expected);

  return result;
}

static const char *
evidence_of (ClModuleResult *result,
             const char     *rule_id)
{
  return cl_finding_get_evidence (cl_test_find (result, rule_id));
}

static void
test_js_audit (void)
{
  g_autoptr(ClModuleResult) old = NULL;
  g_autoptr(ClModuleResult) modern = NULL;

  old = scan (cl_module_js_audit_new (), "oldjs.example",
              "js_audit.libraries js_audit.library_advisories js_audit.vulnerable_library");
  g_assert_true (g_str_has_prefix (evidence_of (old, "js_audit.vulnerable_library"), "angularjs 1.5.0: "));
  g_assert_nonnull (strstr (evidence_of (old, "js_audit.vulnerable_library"), "CVE-2019-10768 (high)"));
  g_assert_nonnull (strstr (evidence_of (old, "js_audit.library_advisories"), "bootstrap 3.3.7: "));
  g_assert_nonnull (strstr (evidence_of (old, "js_audit.library_advisories"), "jquery 1.8.3: "));
  /* the jQuery by its file name; Bootstrap and AngularJS by their banners,
   * so the scripts were fetched, the trackers' too (no caveat) */
  g_assert_cmpstr (evidence_of (old, "js_audit.libraries"), ==,
                   "jquery 1.8.3 (jquery-1.8.3.min.js, file name); "
                   "bootstrap 3.3.7 (bootstrap.min.js, banner); "
                   "angularjs 1.5.0 (angular.min.js, banner)");
  g_assert_cmpuint (cl_module_result_get_caveats (old)->len, ==, 0);
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (old)), ==, 75);

  modern = scan (cl_module_js_audit_new (), "modernjs.example", "js_audit.libraries");
  g_assert_cmpstr (evidence_of (modern, "js_audit.libraries"), ==,
                   "jquery 3.7.1 (jquery-3.7.1.min.js, file name)");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (modern)), ==, 100);
}

static void
test_tech_stack (void)
{
  g_autoptr(ClModuleResult) old = NULL;
  g_autoptr(ClModuleResult) modern = NULL;

  old = scan (cl_module_tech_stack_new (), "oldjs.example",
              "tech_stack.detected tech_stack.version_disclosed");
  g_assert_cmpstr (evidence_of (old, "tech_stack.version_disclosed"), ==,
                   "nginx 1.22.1 (server header), PHP 5.4.45 (x-powered-by header), "
                   "WordPress 4.9.8 (generator tag)");
  g_assert_cmpstr (evidence_of (old, "tech_stack.detected"), ==,
                   "nginx 1.22.1 (web server), PHP 5.4.45 (language), WordPress 4.9.8 (CMS), "
                   "jQuery 1.8.3 (JavaScript library), Bootstrap (JavaScript library), "
                   "AngularJS (JavaScript library), Google Analytics (analytics)");

  /* a web server always says what it is: detected on both hosts */
  modern = scan (cl_module_tech_stack_new (), "modernjs.example", "tech_stack.detected");
  g_assert_cmpstr (evidence_of (modern, "tech_stack.detected"), ==,
                   "nginx (web server), jQuery 3.7.1 (JavaScript library)");
}

static void
test_trackers (void)
{
  g_autoptr(ClModuleResult) old = NULL;
  g_autoptr(ClModuleResult) modern = NULL;

  old = scan (cl_module_trackers_new (), "oldjs.example", "trackers.present");
  g_assert_cmpstr (evidence_of (old, "trackers.present"), ==,
                   "google-analytics.com (Google, third-party tracking), "
                   "doubleclick.net (Google, tracking)");

  modern = scan (cl_module_trackers_new (), "modernjs.example", "trackers.third_party");
  g_assert_cmpstr (evidence_of (modern, "trackers.third_party"), ==, "cdn.webassets.example");
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* silent.example accepts and never answers, on HTTPS and HTTP: each
 * module is unavailable (the three at once, as in a scan). */
static void
test_silent (void)
{
  g_autoptr(ClScanContext) context = cl_test_world_context ("silent.example");
  ClModule *modules[] = { cl_module_js_audit_new (), cl_module_tech_stack_new (), cl_module_trackers_new () };
  GAsyncResult *results[G_N_ELEMENTS (modules)] = { NULL };

  g_resolver_set_default (G_RESOLVER (cl_scan_context_get_resolver (context)));
  for (guint i = 0; i < G_N_ELEMENTS (modules); i++)
    cl_module_run_async (modules[i], context, NULL, store_result, &results[i]);

  for (guint i = 0; i < G_N_ELEMENTS (modules); i++)
    {
      g_autoptr(ClModule) module = modules[i];
      g_autoptr(ClModuleResult) result = NULL;
      g_autoptr(GError) error = NULL;

      cl_test_wait ((gpointer *)&results[i]);
      result = cl_module_run_finish (module, results[i], &error);
      g_clear_object (&results[i]);
      g_assert_null (result);
      g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "silent.example"));
    }
}

/* Whatweb {{{ */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* "WordPress" → "wordpress", "Google-Analytics" → "googleanalytics" */
static char *
normalize (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *c = name; *c != '\0'; c++)
    {
      if (g_ascii_isalnum (*c))
        g_string_append_c (out, g_ascii_tolower (*c));
    }

  return g_string_free (out, FALSE);
}

/* whatweb's plugins for @url: normalized name → version or "" */
static GHashTable *
whatweb (const char *url)
{
  g_autofree char *dir = g_dir_make_tmp ("test-world-web-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autofree char *log = g_strdup_printf ("--log-json=%s", out);
  const char *argv[] = { "whatweb", "--color=never", "--no-errors", "-a", "1", log, url, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *plugins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *record, *found;
  g_autoptr(GList) names = NULL;
  int status;

  g_assert_nonnull (dir);
  g_spawn_sync (NULL, (char **)argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  json_parser_load_from_file (parser, out, &error);
  g_assert_no_error (error);

  /* one record per URL */
  record = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  found = json_object_get_object_member (record, "plugins");
  names = json_object_get_members (found);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *plugin = json_object_get_object_member (found, l->data);
      JsonArray *versions = json_object_has_member (plugin, "version") ?
                            json_object_get_array_member (plugin, "version") : NULL;

      g_hash_table_insert (plugins, normalize (l->data),
                           g_strdup (versions != NULL ? json_array_get_string_element (versions, 0) : ""));
    }

  g_unlink (out);
  g_rmdir (dir);
  return plugins;
}

/* Our technologies and whatweb's plugins on the same page: each name
 * both tools know named by both, with the same version when both show
 * one.  What only one names must be in @expected ("name" or "name
 * version-mismatch", sorted). */
static void
compare (const char *domain,
         const char *expected)
{
  g_autoptr(ClScanContext) context = cl_test_world_context (domain);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ClWebPage) page = NULL;
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GHashTable) theirs = NULL;
  g_autoptr(GPtrArray) differences = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;

  g_resolver_set_default (G_RESOLVER (cl_scan_context_get_resolver (context)));
  cl_web_page_fetch_async (context, FALSE, NULL, store_result, &result);
  cl_test_wait ((gpointer *)&result);
  page = cl_web_page_fetch_finish (result, &error);
  g_assert_no_error (error);

  ours = _cl_tech_stack_identify (page);
  /* the same answer: our page's final URL */
  theirs = whatweb (cl_web_page_get_url (page));

  for (guint i = 0; i < ours->len; i++)
    {
      ClTechSeen *seen = g_ptr_array_index (ours, i);
      g_autofree char *name = normalize (seen->name);
      const char *version = g_hash_table_lookup (theirs, name);

      g_test_message ("%s: ours %s %s, whatweb %s", domain, seen->name,
                      seen->version != NULL ? seen->version : "-",
                      version == NULL ? "(none)" : *version != '\0' ? version : "-");
      if (version == NULL)
        g_ptr_array_add (differences, g_strdup (name));
      else if (seen->version != NULL && *version != '\0' && strcmp (seen->version, version) != 0)
        g_ptr_array_add (differences, g_strdup_printf ("%s version-mismatch", name));
    }
  g_ptr_array_sort (differences, compare_strings);
  g_ptr_array_add (differences, NULL);
  joined = g_strjoinv (" ", (char **)differences->pdata);
  g_assert_cmpstr (joined, ==, expected);
}

/* whatweb 0.5.5 (Debian's package; build-aux/setup installs it).  Both
 * name nginx, PHP, WordPress, jQuery and Bootstrap with the same
 * versions.  Whatweb does not name AngularJS from a script URL (its
 * plugin looks for ng-app attributes) nor Google Analytics from the
 * analytics.js URL (its plugin looks for the inline snippet's UA- id);
 * we do.  What whatweb names and we do not are not technologies
 * (Country, IP, Title, HTML5, the raw headers). */
static void
test_whatweb (void)
{
  g_autofree char *path = g_find_program_in_path ("whatweb");

  if (path == NULL)
    g_error ("whatweb not found (apt-get install whatweb, or build-aux/setup)");

  compare ("oldjs.example", "angularjs googleanalytics");
  compare ("modernjs.example", "");
  compare ("bad.example", "");
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/world/web/js-audit", test_js_audit);
  g_test_add_func ("/world/web/tech-stack", test_tech_stack);
  g_test_add_func ("/world/web/trackers", test_trackers);
  g_test_add_func ("/world/web/silent", test_silent);
  g_test_add_func ("/world/web/whatweb", test_whatweb);

  return g_test_run ();
}
