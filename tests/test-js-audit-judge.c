/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-js-audit-judge"

#include "config.h"

#include <string.h>

#include "cl-module-js-audit-private.h"
#include "cl-modules.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The js_audit module's judging, on recorded pages and scripts, with
 * retire.js's repository as shipped (data/jsrepository.json). */

/* retire.js's isAtOrAbove () on the cases its ranges rely on. */
static void
test_versions (void)
{
  const struct { const char *a; const char *b; gboolean at_or_above; } cases[] = {
    { "1.8.3", "1.6.3", TRUE },
    { "1.8.3", "1.8.3", TRUE },
    { "1.8.3", "1.9.0", FALSE },
    { "1.10.0", "1.9.0", TRUE },      /* numbers, not text */
    { "1.9.0", "1.9.0b1", TRUE },     /* "0" is a number, "0b1" text: numbers win */
    { "1.9.0b1", "1.9.0", FALSE },
    { "3.0.0-beta1", "3.0.0", FALSE },
    { "3.0.0", "3.0.0-beta1", TRUE },
    { "3.0.0-rc1", "3.0.0-beta1", TRUE }, /* text by its letters */
    { "3.0.0-beta1", "3.0.0-rc1", FALSE },
    { "2", "2.0.0", TRUE },           /* a missing part is 0 */
    { "2.0.0", "2", TRUE },
    { "1.2.3.4", "1.2.3", TRUE },
    { "1.2", "1.2.0.1", FALSE },
    { "99999999999999999999999", "1", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s >= %s", cases[i].a, cases[i].b);
      g_assert_cmpint (_cl_js_audit_is_at_or_above (cases[i].a, cases[i].b), ==, cases[i].at_or_above);
    }
}

/* Every pattern of the repository but one is a regular expression PCRE
 * takes: lodash's banner pattern with a variable-length lookbehind, which
 * JavaScript allows and PCRE2 does not (lodash's other patterns find it). */
static void
test_repository (void)
{
  g_assert_cmpuint (_cl_js_audit_skipped_patterns (), ==, 1);
}

/* A page whose @scripts are "URL" (not fetched), "URL\nCONTENT" or
 * "\nCONTENT" (inline), NULL-terminated. */
static ClWebPage *
page_with (const char *first,
           ...)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GPtrArray) contents = g_ptr_array_new ();
  ClWebPage *page = cl_web_page_new ("https://shop.example/", 200);
  GPtrArray *scripts;
  va_list args;
  guint n = 0;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    {
      const char *newline = strchr (s, '\n');

      if (newline == s)
        g_string_append_printf (html, "<script>%s</script>\n", s + 1);
      else
        {
          g_string_append_printf (html, "<script src=\"%.*s\"></script>\n",
                                  (int)(newline != NULL ? newline - s : (gssize)strlen (s)), s);
          g_ptr_array_add (contents, (gpointer)(newline != NULL ? newline + 1 : NULL));
        }
    }
  va_end (args);

  cl_web_page_set_html (page, html->str, html->len);
  scripts = cl_web_page_get_scripts (page);
  for (guint i = 0; i < scripts->len; i++)
    {
      ClWebScript *script = g_ptr_array_index (scripts, i);
      const char *content;

      if (script->url == NULL)
        continue;
      content = g_ptr_array_index (contents, n++);
      if (content != NULL)
        cl_web_page_set_script_content (page, i, content, strlen (content));
    }

  return page;
}

static ClModuleResult *
judge (ClWebPage *page)
{
  ClModuleResult *result = cl_module_result_new ("js_audit");

  _cl_module_js_audit_judge (page, result);
  for (guint i = 0; i < cl_module_result_get_findings (result)->len; i++)
    {
      ClFinding *finding = g_ptr_array_index (cl_module_result_get_findings (result), i);

      g_assert_true (cl_modules_get_rule_ids ("js_audit") != NULL);
      g_assert_true (g_strv_contains (cl_modules_get_rule_ids ("js_audit"),
                                      cl_finding_get_rule_id (finding)));
      g_test_message ("%s: %s", cl_finding_get_rule_id (finding), cl_finding_get_evidence (finding));
    }

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

/* File name, URL path and banner each name a library and its version. */
static void
test_identify (void)
{
  g_autoptr(ClWebPage) page = page_with (
    "/js/jquery-1.8.3.min.js",
    "https://cdn.example.net/ajax/libs/angular.js/1.5.0/angular.min.js",
    "/js/app.js\n/*!\n * Bootstrap v3.3.7 (http://getbootstrap.com)\n */\n+function ($) {}",
    "\n/*! jQuery v3.7.1 | (c) OpenJS Foundation and other contributors */",
    "/js/unknown.js\nconsole.log ('nothing to see');",
    NULL);
  g_autoptr(GPtrArray) found = _cl_js_audit_identify (page);
  const char *expected[][4] = {
    { "jquery", "1.8.3", "file name", "jquery-1.8.3.min.js" },
    { "angularjs", "1.5.0", "URL", "angular.min.js" },
    { "bootstrap", "3.3.7", "banner", "app.js" },
    { "jquery", "3.7.1", "banner", "inline" },
  };

  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < found->len; i++)
    {
      ClJsLibrary *lib = g_ptr_array_index (found, i);

      g_assert_cmpstr (lib->library, ==, expected[i][0]);
      g_assert_cmpstr (lib->version, ==, expected[i][1]);
      g_assert_cmpstr (lib->how, ==, expected[i][2]);
      g_assert_cmpstr (lib->where, ==, expected[i][3]);
    }
}

/* AngularJS 1.5.0 has high advisories (scored, with their CVEs); jQuery
 * 1.8.3 only medium ones (listed, not scored). */
static void
test_vulnerable (void)
{
  g_autoptr(ClWebPage) page = page_with ("/js/jquery-1.8.3.min.js", "/js/angular-1.5.0.min.js", NULL);
  g_autoptr(ClModuleResult) result = judge (page);
  g_autofree char *ids = cl_test_rule_ids (result);
  const char *serious, *minor;

  g_assert_cmpstr (ids, ==, "js_audit.libraries js_audit.library_advisories js_audit.vulnerable_library");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "js_audit.vulnerable_library")), ==,
                   CL_SEVERITY_HIGH);
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 75);

  serious = evidence_of (result, "js_audit.vulnerable_library");
  g_assert_true (g_str_has_prefix (serious, "angularjs 1.5.0: "));
  g_assert_nonnull (strstr (serious, "CVE-2019-10768 (high)"));
  g_assert_null (strstr (serious, "jquery"));
  g_assert_null (strstr (serious, "(medium)"));

  minor = evidence_of (result, "js_audit.library_advisories");
  g_assert_nonnull (strstr (minor, "jquery 1.8.3: "));
  g_assert_nonnull (strstr (minor, "CVE-2020-11022 (medium)"));
  g_assert_null (strstr (minor, "(high)"));

  g_assert_cmpstr (evidence_of (result, "js_audit.libraries"), ==,
                   "jquery 1.8.3 (jquery-1.8.3.min.js, file name); "
                   "angularjs 1.5.0 (angular-1.5.0.min.js, file name)");
  /* neither script was fetched */
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 1);
}

/* Current releases: listed, nothing to fix. */
static void
test_current (void)
{
  g_autoptr(ClWebPage) page = page_with ("/js/jquery-3.7.1.min.js\n/*! jQuery v3.7.1 */", NULL);
  g_autoptr(ClModuleResult) result = judge (page);
  g_autofree char *ids = cl_test_rule_ids (result);

  g_assert_cmpstr (ids, ==, "js_audit.libraries");
  g_assert_cmpstr (evidence_of (result, "js_audit.libraries"), ==,
                   "jquery 3.7.1 (jquery-3.7.1.min.js, file name)");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 0);
}

/* No library at all: no finding. */
static void
test_none (void)
{
  g_autoptr(ClWebPage) page = page_with ("/app.js\nlet x = 1;", "\nconsole.log (2);", NULL);
  g_autoptr(ClModuleResult) result = judge (page);

  g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 0);
}

/* A range's upper bound is exclusive and its lower bound inclusive:
 * lodash 4.17.21 is past every high advisory, 4.17.20 is not. */
static void
test_bounds (void)
{
  g_autoptr(ClWebPage) old = page_with ("/js/4.17.20/lodash.min.js", NULL);
  g_autoptr(ClWebPage) fixed = page_with ("/js/4.17.21/lodash.min.js", NULL);
  g_autoptr(ClModuleResult) old_result = judge (old);
  g_autoptr(ClModuleResult) fixed_result = judge (fixed);

  g_assert_cmpstr (evidence_of (old_result, "js_audit.vulnerable_library"), ==,
                   "lodash 4.17.20: CVE-2021-23337 (high)");
  g_assert_false (cl_module_result_has_rule (fixed_result, "js_audit.vulnerable_library"));
  g_assert_true (cl_module_result_has_rule (fixed_result, "js_audit.libraries"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/js-audit/versions", test_versions);
  g_test_add_func ("/js-audit/repository", test_repository);
  g_test_add_func ("/js-audit/identify", test_identify);
  g_test_add_func ("/js-audit/vulnerable", test_vulnerable);
  g_test_add_func ("/js-audit/current", test_current);
  g_test_add_func ("/js-audit/none", test_none);
  g_test_add_func ("/js-audit/bounds", test_bounds);

  return g_test_run ();
}
