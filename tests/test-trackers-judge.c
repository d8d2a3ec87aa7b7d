/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-trackers-judge"

#include "config.h"

#include <string.h>

#include "cl-module-trackers-private.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The trackers module's judging, on recorded pages, with the shipped
 * list (data/trackers.json, from EasyPrivacy). */

static ClWebPage *
page_at (const char *url,
         const char *html)
{
  ClWebPage *page = cl_web_page_new (url, 200);

  cl_web_page_set_html (page, html, strlen (html));
  return page;
}

static ClModuleResult *
judge (ClWebPage *page)
{
  ClModuleResult *result = cl_module_result_new ("trackers");

  _cl_module_trackers_judge (page, result);
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

/* A host matches itself or its nearest listed parent domain. */
static void
test_lookup (void)
{
  const char *entry, *category, *company;

  g_assert_true (_cl_trackers_lookup ("www.google-analytics.com", &entry, &category, &company));
  g_assert_cmpstr (entry, ==, "google-analytics.com");
  g_assert_cmpstr (company, ==, "Google");
  g_assert_true (_cl_trackers_lookup ("td.doubleclick.net", &entry, &category, &company));
  g_assert_cmpstr (entry, ==, "td.doubleclick.net");
  g_assert_cmpstr (category, ==, "third-party tracking");
  g_assert_true (_cl_trackers_lookup ("stats.g.doubleclick.net", &entry, &category, &company));
  g_assert_cmpstr (entry, ==, "doubleclick.net");
  g_assert_cmpstr (company, ==, "Google");

  g_assert_false (_cl_trackers_lookup ("notgoogle-analytics.com", &entry, &category, &company));
  g_assert_false (_cl_trackers_lookup ("com", &entry, &category, &company));
  g_assert_false (_cl_trackers_lookup ("", &entry, &category, &company));
  g_assert_false (_cl_trackers_lookup ("cdn.jsdelivr.net", &entry, &category, &company));
}

static void
test_trackers (void)
{
  g_autoptr(ClWebPage) page = page_at ("https://shop.example/",
    "<script src=\"https://www.google-analytics.com/analytics.js\"></script>"
    "<script src=\"https://stats.g.doubleclick.net/dc.js\"></script>"
    "<img src=\"https://www.google-analytics.com/collect?v=1\">"
    "<script src=\"/js/app.js\"></script>"
    "<img src=\"https://static.shop.example/logo.png\">"
    "<link rel=stylesheet href=\"https://cdn.webassets.example/site.css\">");
  g_autoptr(ClModuleResult) result = judge (page);
  g_autofree char *ids = cl_test_rule_ids (result);

  g_assert_cmpstr (ids, ==, "trackers.present trackers.third_party");
  g_assert_cmpstr (evidence_of (result, "trackers.present"), ==,
                   "google-analytics.com (Google, third-party tracking), "
                   "doubleclick.net (Google, tracking)");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "trackers.present")), ==,
                   CL_SEVERITY_LOW);
  g_assert_cmpstr (evidence_of (result, "trackers.third_party"), ==, "cdn.webassets.example");
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 0);
}

/* The tracker's own site loads from itself: first-party, not a finding;
 * a tag manager is, with the caveat that what it loads is not seen. */
static void
test_first_party (void)
{
  g_autoptr(ClWebPage) own = page_at ("https://www.google-analytics.com/",
    "<script src=\"https://ssl.google-analytics.com/ga.js\"></script>");
  g_autoptr(ClWebPage) gtm = page_at ("https://shop.example/",
    "<script src=\"https://www.googletagmanager.com/gtm.js?id=GTM-X\"></script>");
  g_autoptr(ClModuleResult) own_result = judge (own);
  g_autoptr(ClModuleResult) gtm_result = judge (gtm);

  g_assert_cmpuint (cl_module_result_get_findings (own_result)->len, ==, 0);
  g_assert_cmpstr (evidence_of (gtm_result, "trackers.present"), ==,
                   "googletagmanager.com (Google, tracking)");
  g_assert_cmpuint (cl_module_result_get_caveats (gtm_result)->len, ==, 1);
}

/* Hosts are listed up to CL_TRACKERS_MAX_LISTED, then "…". */
static void
test_many (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(ClWebPage) page = NULL;
  g_autoptr(ClModuleResult) result = NULL;
  g_auto(GStrv) hosts = NULL;

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (html, "<img src=\"https://h%u.other.example/p.gif\">", i);
  page = page_at ("https://shop.example/", html->str);
  result = judge (page);

  hosts = g_strsplit (evidence_of (result, "trackers.third_party"), ", ", -1);
  g_assert_cmpuint (g_strv_length (hosts), ==, CL_TRACKERS_MAX_LISTED + 1);
  g_assert_cmpstr (hosts[CL_TRACKERS_MAX_LISTED], ==, "…");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trackers/lookup", test_lookup);
  g_test_add_func ("/trackers/trackers", test_trackers);
  g_test_add_func ("/trackers/first-party", test_first_party);
  g_test_add_func ("/trackers/many", test_many);

  return g_test_run ();
}
