/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cl-error.h"
#include "cl-json-writer.h"
#include "cl-module-catalog.h"
#include "cl-report.h"

/* ssl: one high (75); headers: medium + low (86); dns_email: critical (30);
 * ports: clean (100), or unavailable; every other module not implemented. */
static GPtrArray *
make_results (gboolean ports_unavailable,
              gboolean reversed)
{
  GPtrArray *catalog = cl_module_catalog_list ();
  GPtrArray *results = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < catalog->len; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, reversed ? catalog->len - 1 - i : i);
      ClModuleResult *r = cl_module_result_new (info->id);

      if (g_str_equal (info->id, "ssl"))
        cl_module_result_add (r, "ssl.tls10", CL_SEVERITY_HIGH, "TLS 1.0 accepted", "Disable TLS 1.0", "TLSv1.0 handshake succeeded");
      else if (g_str_equal (info->id, "headers"))
        {
          cl_module_result_add (r, "headers.xfo_missing", CL_SEVERITY_LOW, "No X-Frame-Options", "Add X-Frame-Options: DENY", NULL);
          cl_module_result_add (r, "headers.csp_unsafe_inline", CL_SEVERITY_MEDIUM, "CSP allows 'unsafe-inline'", "Remove 'unsafe-inline'", "script-src 'self' 'unsafe-inline'");
          cl_module_result_add (r, "headers.referrer_policy", CL_SEVERITY_INFO, "No Referrer-Policy", "Add one", NULL);
        }
      else if (g_str_equal (info->id, "dns_email"))
        cl_module_result_add (r, "dns_email.dmarc_missing", CL_SEVERITY_CRITICAL, "Missing DMARC record", "Add _dmarc TXT record", "no TXT at _dmarc.example.com");
      else if (g_str_equal (info->id, "ports"))
        {
          if (ports_unavailable)
            cl_module_result_set_status (r, CL_MODULE_STATUS_UNAVAILABLE, "timed out");
        }
      else
        cl_module_result_set_status (r, CL_MODULE_STATUS_NOT_IMPLEMENTED, NULL);

      g_ptr_array_add (results, r);
    }

  return results;
}

static ClReport *
make_report (gboolean ports_unavailable,
             gboolean reversed)
{
  g_autoptr(GPtrArray) results = make_results (ports_unavailable, reversed);
  g_autoptr(GPtrArray) caveats = g_ptr_array_new ();
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 23, 12, 0, 0.25);

  g_ptr_array_add (caveats, (gpointer)"External scanning only");
  return cl_report_new ("example.com", when, results, caveats);
}

static void
test_scores (void)
{
  g_autoptr(ClReport) report = make_report (FALSE, FALSE);
  guint score;

  g_assert_true (cl_report_has_score (report));
  g_assert_true (cl_report_get_module_score (report, "ssl", &score));
  g_assert_cmpuint (score, ==, 75);
  g_assert_true (cl_report_get_module_score (report, "headers", &score));
  g_assert_cmpuint (score, ==, 86);
  g_assert_true (cl_report_get_module_score (report, "dns_email", &score));
  g_assert_cmpuint (score, ==, 30);
  g_assert_true (cl_report_get_module_score (report, "ports", &score));
  g_assert_cmpuint (score, ==, 100);
  g_assert_false (cl_report_get_module_score (report, "whois", NULL));

  /* (0.25·75 + 0.25·86 + 0.20·30 + 0.15·100) / 0.85 = 72.06 */
  g_assert_cmpuint (cl_report_get_score (report), ==, 72);
  g_assert_cmpstr (cl_report_get_grade (report), ==, "C");
  g_assert_cmpstr (cl_report_get_risk_level (report), ==, "medium");
}

static void
test_unavailable_spreads_weight (void)
{
  g_autoptr(ClReport) report = make_report (TRUE, FALSE);

  /* (0.25·75 + 0.25·86 + 0.20·30) / 0.70 = 66.07 */
  g_assert_false (cl_report_get_module_score (report, "ports", NULL));
  g_assert_cmpuint (cl_report_get_score (report), ==, 66);
}

static void
test_issues_sorted (void)
{
  g_autoptr(ClReport) report = make_report (FALSE, FALSE);
  GPtrArray *issues = cl_report_get_issues (report);

  g_assert_cmpuint (issues->len, ==, 5);
  for (guint i = 1; i < issues->len; i++)
    g_assert_cmpint (cl_finding_get_severity (g_ptr_array_index (issues, i - 1)), <=,
                     cl_finding_get_severity (g_ptr_array_index (issues, i)));
  g_assert_cmpstr (cl_finding_get_rule_id (g_ptr_array_index (issues, 0)), ==, "dns_email.dmarc_missing");
}

static void
test_recommendations (void)
{
  g_autoptr(ClReport) report = make_report (FALSE, FALSE);
  GPtrArray *recs = cl_report_get_recommendations (report);
  const struct { const char *rule; guint points; } expected[] = {
    { "dns_email.dmarc_missing", 17 },    /* dns 100: 75.25/0.85 = 88.5 → 89 */
    { "ssl.tls10", 7 },                   /* ssl 100: 67.5/0.85 = 79.4 → 79 */
    { "headers.csp_unsafe_inline", 3 },   /* headers 96: 63.75/0.85 = 75 */
    { "headers.xfo_missing", 1 },         /* headers 90: 62.25/0.85 = 73.2 → 73 */
  };

  /* info findings cost nothing, so they recover nothing */
  g_assert_cmpuint (recs->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < recs->len; i++)
    {
      ClRecommendation *rec = g_ptr_array_index (recs, i);

      g_assert_cmpstr (rec->rule_id, ==, expected[i].rule);
      g_assert_cmpuint (rec->points, ==, expected[i].points);
    }
}

static void
test_json_fields (void)
{
  g_autoptr(ClReport) report = make_report (FALSE, FALSE);
  g_autoptr(JsonNode) root = cl_report_to_json (report);
  JsonObject *obj = json_node_get_object (root);
  g_autoptr(GList) members = json_object_get_members (obj);
  const char *seed_order[] = { "domain", "score", "grade", "risk_level", "report_id", "scanned_at",
                               "modules", "issues", "excluded", "caveats", "compliance",
                               "recommendations" };
  JsonObject *ssl;
  guint i = 0;

  for (GList *l = members; l; l = l->next, i++)
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (seed_order));
      g_assert_cmpstr (l->data, ==, seed_order[i]);
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (seed_order));

  g_assert_cmpstr (json_object_get_string_member (obj, "scanned_at"), ==, "2026-11-23T12:00:00Z");
  g_assert_cmpint (json_object_get_int_member (obj, "score"), ==, 72);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (obj, "modules")), ==, 15);

  ssl = json_object_get_object_member (json_object_get_object_member (obj, "modules"), "ssl");
  g_assert_cmpint (json_object_get_int_member (ssl, "score"), ==, 75);
  g_assert_cmpstr (json_object_get_string_member (ssl, "grade"), ==, "B");
  g_assert_cmpfloat (json_object_get_double_member (ssl, "weight"), ==, 0.25);
  g_assert_cmpstr (json_object_get_string_member (ssl, "status"), ==, "completed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ssl, "issues")), ==, 1);

  {
    JsonObject *whois = json_object_get_object_member (json_object_get_object_member (obj, "modules"), "whois");
    g_assert_true (json_node_is_null (json_object_get_member (whois, "score")));
    g_assert_cmpstr (json_object_get_string_member (whois, "status"), ==, "not_implemented");
  }

  for (guint f = 0; f < 5; f++)
    {
      const char *names[] = { "soc2", "iso27001", "nist", "pcidss", "hipaa" };
      g_assert_true (json_object_has_member (json_object_get_object_member (obj, "compliance"), names[f]));
    }
}

static void
test_round_trip (void)
{
  g_autoptr(ClReport) report = make_report (TRUE, FALSE);
  g_autofree char *text = cl_report_to_string (report);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ClReport) again = NULL;
  g_autofree char *text_again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  again = cl_report_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);

  g_assert_cmpstr (cl_report_get_id (again), ==, cl_report_get_id (report));
  text_again = cl_report_to_string (again);
  g_assert_cmpstr (text_again, ==, text);
  g_assert_cmpuint (cl_report_get_score (again), ==, 66);
}

static void
test_report_id (void)
{
  g_autoptr(ClReport) report = make_report (FALSE, FALSE);
  g_autoptr(ClReport) reordered = make_report (FALSE, TRUE);
  g_autoptr(ClReport) other = make_report (TRUE, FALSE);
  g_autoptr(JsonNode) root = cl_report_to_json (report);
  g_autofree char *computed = cl_report_compute_id (root);
  const char *id = cl_report_get_id (report);

  g_assert_true (g_str_has_prefix (id, "cl_rpt_"));
  g_assert_cmpuint (strlen (id), ==, strlen ("cl_rpt_") + 12);
  for (const char *p = id + strlen ("cl_rpt_"); *p; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));

  /* derived from the content only, not from the order modules finished */
  g_assert_cmpstr (computed, ==, id);
  /* computing it leaves the given JSON as it was */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "report_id"), ==, id);
  g_assert_cmpstr (cl_report_get_id (reordered), ==, id);
  g_assert_cmpstr (cl_report_get_id (other), !=, id);

  /* any edit of the content changes the id */
  json_object_set_int_member (json_node_get_object (root), "score", 99);
  g_clear_pointer (&computed, g_free);
  computed = cl_report_compute_id (root);
  g_assert_cmpstr (computed, !=, id);
}

static void
test_bad_json (void)
{
  const char *inputs[] = {
    "[]",
    "{}",
    "{\"domain\":\"a.b\"}",
    "{\"domain\":\"a.b\",\"scanned_at\":\"nope\",\"modules\":{}}",
    "{\"domain\":\"a.b\",\"scanned_at\":\"2026-01-01T00:00:00Z\",\"modules\":[]}",
    "{\"domain\":\"a.b\",\"scanned_at\":\"2026-01-01T00:00:00Z\",\"modules\":{\"ssl\":{\"status\":\"bogus\",\"issues\":[]}}}",
    "{\"domain\":\"a.b\",\"scanned_at\":\"2026-01-01T00:00:00Z\",\"modules\":{\"ssl\":{\"status\":\"completed\",\"issues\":[{\"severity\":\"worst\"}]}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(ClReport) report = NULL;

      g_assert_true (json_parser_load_from_data (parser, inputs[i], -1, NULL));
      report = cl_report_new_from_json (json_parser_get_root (parser), &error);
      g_assert_null (report);
      g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
    }
}

static void
test_canonical_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *canonical = NULL;

  g_assert_true (json_parser_load_from_data (parser,
                 "{\"b\": [0.2, 1.0, 3, -0.5, 1e300], \"a\": \"é\\u0001\\\"\", \"c\": {\"z\": null, \"y\": true}}",
                 -1, NULL));
  canonical = cl_json_to_string (json_parser_get_root (parser), CL_JSON_CANONICAL);
  g_assert_cmpstr (canonical, ==, "{\"a\":\"é\\u0001\\\"\",\"b\":[0.2,1,3,-0.5,1e+300],\"c\":{\"y\":true,\"z\":null}}");
}

/* Under the floor of 0, a single fix recovers nothing: the plan counts
 * each fix after the ones before it, so the points add up to what is lost. */
static void
test_recommendations_floor (void)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);
  g_autoptr(ClReport) report = NULL;
  ClModuleResult *ports = cl_module_result_new ("ports");
  ClModuleResult *ssl = cl_module_result_new ("ssl");
  GPtrArray *recs;
  guint total = 0;

  cl_module_result_add (ports, "ports.mysql", CL_SEVERITY_CRITICAL, "MySQL open", "Close 3306", NULL);
  cl_module_result_add (ports, "ports.redis", CL_SEVERITY_CRITICAL, "Redis open", "Close 6379", NULL);
  cl_module_result_add (ports, "ports.mongodb", CL_SEVERITY_CRITICAL, "MongoDB open", "Close 27017", NULL);
  cl_module_result_add (ssl, "ssl.tls10", CL_SEVERITY_HIGH, "TLS 1.0", "Disable TLS 1.0", NULL);
  g_ptr_array_add (results, ports);
  g_ptr_array_add (results, ssl);
  report = cl_report_new ("example.com", when, results, NULL);

  /* (0.25·75 + 0.15·0) / 0.40 = 46.875 */
  g_assert_cmpuint (cl_report_get_score (report), ==, 47);
  recs = cl_report_get_recommendations (report);
  g_assert_cmpuint (recs->len, ==, 4);
  for (guint i = 0; i < recs->len; i++)
    total += ((ClRecommendation *)g_ptr_array_index (recs, i))->points;
  g_assert_cmpuint (total, ==, 100 - 47);

  /* TLS first: (25 + 0) / 0.4 = 62.5 → 63, +16; one database of three:
   * ports still 0, +0; the second: ports 30, 29.5 / 0.4 → 74, +11; the
   * last: 100, +26 */
  g_assert_cmpstr (((ClRecommendation *)g_ptr_array_index (recs, 0))->rule_id, ==, "ssl.tls10");
  g_assert_cmpuint (((ClRecommendation *)g_ptr_array_index (recs, 0))->points, ==, 16);
  g_assert_cmpuint (((ClRecommendation *)g_ptr_array_index (recs, 1))->points, ==, 0);
  g_assert_cmpuint (((ClRecommendation *)g_ptr_array_index (recs, 2))->points, ==, 11);
  g_assert_cmpuint (((ClRecommendation *)g_ptr_array_index (recs, 3))->points, ==, 26);
}

static ClReport *
make_report_excluding (const char *rule_id,
                       const char *note)
{
  g_autoptr(GPtrArray) results = make_results (FALSE, FALSE);
  g_autoptr(GPtrArray) exclusions = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_exclusion_free);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);
  g_autoptr(GDateTime) marked_at = g_date_time_new_utc (2026, 10, 1, 9, 30, 15.5);

  g_ptr_array_add (exclusions, cl_exclusion_new (rule_id, note, "alice", marked_at));
  /* a rule this scan did not find: no effect at all */
  g_ptr_array_add (exclusions, cl_exclusion_new ("ports.telnet_exposed", NULL, "bob", marked_at));
  return cl_report_new_full ("example.com", when, results, NULL, exclusions);
}

static ClReport *
make_plain_report (void)
{
  g_autoptr(GPtrArray) results = make_results (FALSE, FALSE);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);

  return cl_report_new ("example.com", when, results, NULL);
}

/* A false positive counts nowhere: the ssl module gets back the 25 points
 * of its one high finding, and the overall score the weighted share. */
static void
test_exclusion_scores (void)
{
  g_autoptr(ClReport) plain = make_plain_report ();
  g_autoptr(ClReport) report = make_report_excluding ("ssl.tls10", "TLS 1.0 only on a legacy host");
  GPtrArray *issues = cl_report_get_issues (report);
  GPtrArray *recs = cl_report_get_recommendations (report);
  GPtrArray *excluded = cl_report_get_excluded (report);
  guint score;

  g_assert_true (cl_report_get_module_score (plain, "ssl", &score));
  g_assert_cmpuint (score, ==, 100 - 25);
  g_assert_true (cl_report_get_module_score (report, "ssl", &score));
  g_assert_cmpuint (score, ==, 100);
  /* 72.06 + 0.25·25 / 0.85 = 79.41 */
  g_assert_cmpuint (cl_report_get_score (plain), ==, 72);
  g_assert_cmpuint (cl_report_get_score (report), ==, 79);

  g_assert_cmpuint (issues->len, ==, cl_report_get_issues (plain)->len - 1);
  for (guint i = 0; i < issues->len; i++)
    g_assert_cmpstr (cl_finding_get_rule_id (g_ptr_array_index (issues, i)), !=, "ssl.tls10");
  g_assert_cmpuint (recs->len, ==, cl_report_get_recommendations (plain)->len - 1);
  for (guint i = 0; i < recs->len; i++)
    g_assert_cmpstr (((ClRecommendation *)g_ptr_array_index (recs, i))->rule_id, !=, "ssl.tls10");

  g_assert_cmpuint (excluded->len, ==, 1);
  g_assert_cmpstr (cl_finding_get_rule_id (g_ptr_array_index (excluded, 0)), ==, "ssl.tls10");
  /* only the exclusion that matched a finding */
  g_assert_cmpuint (cl_report_get_exclusions (report)->len, ==, 1);
  g_assert_cmpstr (((ClExclusion *)g_ptr_array_index (cl_report_get_exclusions (report), 0))->marked_by, ==, "alice");

  g_assert_cmpuint (cl_report_get_caveats (report)->len, ==, cl_report_get_caveats (plain)->len + 1);
}

static void
test_exclusion_json (void)
{
  g_autoptr(ClReport) report = make_report_excluding ("headers.xfo_missing", NULL);
  g_autoptr(JsonNode) root = cl_report_to_json (report);
  JsonObject *obj = json_node_get_object (root);
  JsonArray *excluded = json_object_get_array_member (obj, "excluded");
  JsonObject *headers = json_object_get_object_member (json_object_get_object_member (obj, "modules"), "headers");
  JsonArray *caveats = json_object_get_array_member (obj, "caveats");
  JsonObject *item;

  g_assert_cmpuint (json_array_get_length (excluded), ==, 1);
  item = json_array_get_object_element (excluded, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "rule_id"), ==, "headers.xfo_missing");
  g_assert_cmpstr (json_object_get_string_member (item, "module"), ==, "headers");
  g_assert_cmpstr (json_object_get_string_member (item, "severity"), ==, "low");
  g_assert_cmpstr (json_object_get_string_member (item, "finding"), ==, "No X-Frame-Options");
  g_assert_true (json_node_is_null (json_object_get_member (item, "note")));
  g_assert_cmpstr (json_object_get_string_member (item, "marked_by"), ==, "alice");
  g_assert_cmpstr (json_object_get_string_member (item, "marked_at"), ==, "2026-10-01T09:30:15Z");

  /* listed apart, not among the module's issues */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (headers, "issues")), ==, 2);
  /* 100 − 10 (medium), the low finding excluded */
  g_assert_cmpint (json_object_get_int_member (headers, "score"), ==, 90);
  g_assert_nonnull (strstr (json_array_get_string_element (caveats, json_array_get_length (caveats) - 1), "1 finding"));
}

static void
test_exclusion_round_trip (void)
{
  g_autoptr(ClReport) report = make_report_excluding ("ssl.tls10", "legacy host, accepted risk");
  g_autofree char *text = cl_report_to_string (report);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ClReport) again = NULL;
  g_autofree char *text_again = NULL;
  g_autoptr(GError) error = NULL;
  ClExclusion *exclusion;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  again = cl_report_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);

  g_assert_cmpstr (cl_report_get_id (again), ==, cl_report_get_id (report));
  text_again = cl_report_to_string (again);
  g_assert_cmpstr (text_again, ==, text);
  g_assert_cmpuint (cl_report_get_score (again), ==, cl_report_get_score (report));
  g_assert_cmpuint (cl_report_get_excluded (again)->len, ==, 1);
  g_assert_cmpuint (cl_report_get_exclusions (again)->len, ==, 1);
  exclusion = g_ptr_array_index (cl_report_get_exclusions (again), 0);
  g_assert_cmpstr (exclusion->rule_id, ==, "ssl.tls10");
  g_assert_cmpstr (exclusion->note, ==, "legacy host, accepted risk");
  g_assert_cmpstr (exclusion->marked_by, ==, "alice");
  g_assert_cmpint (g_date_time_to_unix (exclusion->marked_at), ==,
                   g_date_time_to_unix (((ClExclusion *)g_ptr_array_index (cl_report_get_exclusions (report), 0))->marked_at));
}

static void
test_exclusion_id (void)
{
  g_autoptr(ClReport) plain = make_plain_report ();
  g_autoptr(ClReport) excluded = make_report_excluding ("ssl.tls10", NULL);
  g_autoptr(ClReport) other_note = make_report_excluding ("ssl.tls10", "another note");
  g_autoptr(ClReport) unmatched = NULL;
  g_autoptr(GPtrArray) results = make_results (FALSE, FALSE);
  g_autoptr(GPtrArray) exclusions = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_exclusion_free);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);

  g_assert_cmpstr (cl_report_get_id (excluded), !=, cl_report_get_id (plain));
  g_assert_cmpstr (cl_report_get_id (other_note), !=, cl_report_get_id (excluded));

  /* an exclusion of a rule that was not found changes nothing */
  g_ptr_array_add (exclusions, cl_exclusion_new ("ssl.sslv3", "n/a", "carol", when));
  unmatched = cl_report_new_full ("example.com", when, results, NULL, exclusions);
  g_assert_cmpstr (cl_report_get_id (unmatched), ==, cl_report_get_id (plain));
  g_assert_cmpuint (cl_report_get_exclusions (unmatched)->len, ==, 0);
}

/* "excluded" items name a module of the report and who/when marked them. */
static void
test_exclusion_bad_json (void)
{
  const char *inputs[] = {
    "{\"domain\":\"a.b\",\"scanned_at\":\"2026-01-01T00:00:00Z\",\"modules\":{},\"excluded\":{}}",
    "{\"domain\":\"a.b\",\"scanned_at\":\"2026-01-01T00:00:00Z\",\"modules\":{},\"excluded\":[{\"module\":\"ssl\",\"rule_id\":\"ssl.x\",\"severity\":\"low\",\"finding\":\"f\",\"remediation\":\"r\",\"marked_by\":\"u\",\"marked_at\":\"2026-01-01T00:00:00Z\"}]}",
    "{\"domain\":\"a.b\",\"scanned_at\":\"2026-01-01T00:00:00Z\",\"modules\":{\"ssl\":{\"status\":\"completed\",\"issues\":[]}},\"excluded\":[{\"module\":\"ssl\",\"rule_id\":\"ssl.x\",\"severity\":\"low\",\"finding\":\"f\",\"remediation\":\"r\",\"marked_at\":\"2026-01-01T00:00:00Z\"}]}",
    "{\"domain\":\"a.b\",\"scanned_at\":\"2026-01-01T00:00:00Z\",\"modules\":{\"ssl\":{\"status\":\"completed\",\"issues\":[]}},\"excluded\":[{\"module\":\"ssl\",\"rule_id\":\"ssl.x\",\"severity\":\"low\",\"finding\":\"f\",\"remediation\":\"r\",\"marked_by\":\"u\",\"marked_at\":\"yesterday\"}]}",
    "{\"domain\":\"a.b\",\"scanned_at\":\"2026-01-01T00:00:00Z\",\"modules\":{\"ssl\":{\"status\":\"completed\",\"issues\":[]}},\"excluded\":[{\"module\":\"ssl\",\"rule_id\":\"ssl.x\",\"severity\":\"bad\",\"finding\":\"f\",\"remediation\":\"r\",\"marked_by\":\"u\",\"marked_at\":\"2026-01-01T00:00:00Z\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(ClReport) report = NULL;

      g_assert_true (json_parser_load_from_data (parser, inputs[i], -1, NULL));
      report = cl_report_new_from_json (json_parser_get_root (parser), &error);
      g_assert_null (report);
      g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report/scores", test_scores);
  g_test_add_func ("/report/unavailable-spreads-weight", test_unavailable_spreads_weight);
  g_test_add_func ("/report/issues-sorted", test_issues_sorted);
  g_test_add_func ("/report/recommendations", test_recommendations);
  g_test_add_func ("/report/recommendations-floor", test_recommendations_floor);
  g_test_add_func ("/report/json-fields", test_json_fields);
  g_test_add_func ("/report/round-trip", test_round_trip);
  g_test_add_func ("/report/id", test_report_id);
  g_test_add_func ("/report/bad-json", test_bad_json);
  g_test_add_func ("/report/canonical-json", test_canonical_json);
  g_test_add_func ("/report/exclusion/scores", test_exclusion_scores);
  g_test_add_func ("/report/exclusion/json", test_exclusion_json);
  g_test_add_func ("/report/exclusion/round-trip", test_exclusion_round_trip);
  g_test_add_func ("/report/exclusion/id", test_exclusion_id);
  g_test_add_func ("/report/exclusion/bad-json", test_exclusion_bad_json);

  return g_test_run ();
}
