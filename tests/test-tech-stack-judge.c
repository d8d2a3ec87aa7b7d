/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-tech-stack-judge"

#include "config.h"

#include <string.h>

#include "cl-module-tech-stack-private.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The tech_stack module's judging, on recorded pages, with our own
 * fingerprints (data/tech.json). */

/* A page with @html and the header fields name, value, … (NULL-terminated). */
static ClWebPage *
page_with (const char *html,
           ...)
{
  ClWebPage *page = cl_web_page_new ("https://shop.example/", 200);
  const char *name;
  va_list args;

  va_start (args, html);
  while ((name = va_arg (args, const char *)) != NULL)
    cl_web_page_add_header (page, name, va_arg (args, const char *));
  va_end (args);
  cl_web_page_set_html (page, html, strlen (html));

  return page;
}

static ClModuleResult *
judge (ClWebPage *page)
{
  ClModuleResult *result = cl_module_result_new ("tech_stack");

  _cl_module_tech_stack_judge (page, result);
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

/* bad.example's banners and a WordPress page: every version is named,
 * the server-side ones are a finding. */
static void
test_disclosed (void)
{
  g_autoptr(ClWebPage) page = page_with (
    "<html><head><meta name=\"generator\" content=\"WordPress 6.1.1\">"
    "<link rel=stylesheet href=\"/wp-content/themes/x/style.css\">"
    "<script src=\"/wp-includes/js/jquery/jquery-1.8.3.min.js\"></script></head></html>",
    "Server", "nginx/1.22.1",
    "X-Powered-By", "PHP/5.4.45",
    "Set-Cookie", "PHPSESSID=1; path=/",
    NULL);
  g_autoptr(ClModuleResult) result = judge (page);
  g_autoptr(GPtrArray) seen = _cl_tech_stack_identify (page);
  g_autofree char *ids = cl_test_rule_ids (result);
  ClTechSeen *php;

  g_assert_cmpstr (ids, ==, "tech_stack.detected tech_stack.version_disclosed");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "tech_stack.version_disclosed")), ==,
                   CL_SEVERITY_LOW);
  g_assert_cmpstr (evidence_of (result, "tech_stack.version_disclosed"), ==,
                   "nginx 1.22.1 (server header), PHP 5.4.45 (x-powered-by header), "
                   "WordPress 6.1.1 (generator tag)");
  g_assert_cmpstr (evidence_of (result, "tech_stack.detected"), ==,
                   "nginx 1.22.1 (web server), PHP 5.4.45 (language), WordPress 6.1.1 (CMS), "
                   "jQuery 1.8.3 (JavaScript library)");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 96);

  g_assert_cmpuint (seen->len, ==, 4);
  php = g_ptr_array_index (seen, 1);
  g_assert_cmpstr (php->name, ==, "PHP");
  g_assert_cmpstr (php->where, ==, "x-powered-by");
  g_assert_true (php->disclosed);
  /* a client-side library's version is js_audit's business */
  g_assert_false (((ClTechSeen *)g_ptr_array_index (seen, 3))->disclosed);
}

/* Technologies without versions: named, nothing disclosed. */
static void
test_quiet (void)
{
  g_autoptr(ClWebPage) page = page_with (
    "<html><script src=\"/static/app.js\"></script></html>",
    "Server", "nginx",
    "Set-Cookie", "laravel_session=x; HttpOnly",
    "Set-Cookie", "PHPSESSID=y",
    NULL);
  g_autoptr(ClModuleResult) result = judge (page);
  g_autofree char *ids = cl_test_rule_ids (result);

  g_assert_cmpstr (ids, ==, "tech_stack.detected");
  g_assert_cmpstr (evidence_of (result, "tech_stack.detected"), ==,
                   "nginx (web server), PHP (language), Laravel (framework)");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

/* A generator without version, a header of a product we do not know,
 * the case of names and prefixes of cookies. */
static void
test_matching (void)
{
  g_autoptr(ClWebPage) page = page_with (
    "<meta name=GENERATOR content=\"Drupal 10 (https://www.drupal.org)\">",
    "server", "Apache/2.4.57 (Debian)",
    "X-Powered-By", "Unknown/9.9",
    "Set-Cookie", "wp-settings-time-1=1",
    NULL);
  g_autoptr(GPtrArray) seen = _cl_tech_stack_identify (page);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < seen->len; i++)
    {
      ClTechSeen *one = g_ptr_array_index (seen, i);

      g_string_append_printf (names, "%s%s %s %s%s", i > 0 ? ", " : "", one->name,
                              one->version != NULL ? one->version : "-", one->where,
                              one->disclosed ? " disclosed" : "");
    }
  g_assert_cmpstr (names->str, ==,
                   "Apache HTTP Server 2.4.57 server disclosed, WordPress - cookie, "
                   "Drupal 10 generator disclosed");
}

/* Nothing known: no finding. */
static void
test_nothing (void)
{
  g_autoptr(ClWebPage) page = page_with ("<p>hello</p>", "Content-Type", "text/html", NULL);
  g_autoptr(ClModuleResult) result = judge (page);

  g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tech-stack/disclosed", test_disclosed);
  g_test_add_func ("/tech-stack/quiet", test_quiet);
  g_test_add_func ("/tech-stack/matching", test_matching);
  g_test_add_func ("/tech-stack/nothing", test_nothing);

  return g_test_run ();
}
