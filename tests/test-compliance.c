/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cl-compliance-map.h"
#include "cl-error.h"
#include "cl-module-catalog.h"
#include "cl-modules.h"
#include "cl-report.h"

/* Every rule id a module can emit has an entry in data/compliance.json,
 * and every control an entry names is listed, with a title, by its
 * framework. */
static void
test_coverage (void)
{
  ClComplianceMap *map = cl_compliance_map_get_default ();
  const char * const *frameworks = cl_compliance_map_list_frameworks ();
  g_auto(GStrv) rule_ids = cl_modules_list_rule_ids ();

  /* ssl, headers, dns_email and ports declare dozens between them */
  g_assert_cmpuint (g_strv_length (rule_ids), >, 90);

  for (guint i = 0; rule_ids[i] != NULL; i++)
    {
      guint n_controls = 0;

      if (!cl_compliance_map_has_rule (map, rule_ids[i]))
        g_error ("%s has no entry in data/compliance.json", rule_ids[i]);

      for (guint f = 0; frameworks[f] != NULL; f++)
        {
          GPtrArray *controls = cl_compliance_map_lookup (map, rule_ids[i], frameworks[f]);

          g_assert_nonnull (controls);
          for (guint c = 0; c < controls->len; c++)
            {
              const char *title = cl_compliance_map_get_control_title (map, frameworks[f],
                                                                       g_ptr_array_index (controls, c));

              if (title == NULL || *title == '\0')
                g_error ("%s names %s control %s, which has no title", rule_ids[i], frameworks[f],
                         (const char *)g_ptr_array_index (controls, c));
            }
          n_controls += controls->len;
        }
      if (n_controls == 0)
        g_error ("%s maps to no control", rule_ids[i]);
    }

  g_assert_false (cl_compliance_map_has_rule (map, "ssl.no_such_rule"));
  g_assert_null (cl_compliance_map_lookup (map, "ssl.cert_expired", "gdpr"));
  g_assert_cmpstr (cl_compliance_map_get_control_title (map, "iso27001", "A.8.24"), ==, "Use of cryptography");
  g_assert_cmpstr (cl_compliance_map_get_control_title (map, "nist", "SC-8"), ==, "Transmission Confidentiality and Integrity");
  g_assert_cmpstr (cl_compliance_map_get_control_title (map, "hipaa", "164.312(e)(1)"), ==, "Transmission security");
  g_assert_null (cl_compliance_map_get_control_title (map, "iso27001", "A.99"));
}

/* Each module declares its own rules, once each, under its own prefix. */
static void
test_declared (void)
{
  GPtrArray *catalog = cl_module_catalog_list ();
  guint n_modules = 0;

  for (guint i = 0; i < catalog->len; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, i);
      g_autoptr(ClModule) module = cl_modules_create (info->id);
      g_autofree char *prefix = g_strconcat (info->id, ".", NULL);
      const char * const *rule_ids;
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      if (module == NULL)
        {
          g_assert_null (cl_modules_get_rule_ids (info->id));
          continue;
        }
      n_modules++;

      rule_ids = cl_module_list_rule_ids (module);
      g_assert_true (rule_ids == cl_modules_get_rule_ids (info->id));
      g_assert_nonnull (rule_ids[0]);
      for (guint j = 0; rule_ids[j] != NULL; j++)
        {
          g_assert_true (g_str_has_prefix (rule_ids[j], prefix));
          g_assert_true (g_hash_table_add (seen, (gpointer)rule_ids[j]));
          g_assert_true (cl_module_declares_rule (module, rule_ids[j]));
        }
      g_assert_false (cl_module_declares_rule (module, "ssl.no_such_rule"));
    }
  /* issue #6: all fifteen modules of the catalog */
  g_assert_cmpuint (n_modules, ==, 15);

  /* ports builds its list from data/ports.json */
  g_assert_true (g_strv_contains (cl_modules_get_rule_ids ("ports"), "ports.mongodb_exposed"));
  g_assert_true (g_strv_contains (cl_modules_get_rule_ids ("ports"), "ports.ssh_protocol_1"));
}

/* A rule id written in a module's source and not in its rule_ids[] would
 * reach no mapping: the scan job reports it (g_critical) at run time, and
 * this finds it before any scan does. */
static void
test_declared_in_source (void)
{
  const struct { const char *file; const char *module; } sources[] = {
    { "cl-module-ssl.c", "ssl" },
    { "cl-module-headers.c", "headers" },
    { "cl-module-dns-email.c", "dns_email" },
    { "cl-module-ports.c", "ports" },
    { "cl-module-cookies.c", "cookies" },
    { "cl-module-dnssec.c", "dnssec" },
    { "cl-module-waf.c", "waf" },
    { "cl-module-js-audit.c", "js_audit" },
    { "cl-module-tech-stack.c", "tech_stack" },
    { "cl-module-trackers.c", "trackers" },
    { "cl-module-blacklists.c", "blacklists" },
    { "cl-module-reputation.c", "reputation" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "engine", "modules",
                                                     sources[i].file, NULL);
      g_autofree char *pattern = g_strdup_printf ("\"(%s\\.[a-z0-9_]+)\"", sources[i].module);
      g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      const char * const *declared = cl_modules_get_rule_ids (sources[i].module);
      guint n_literals = 0;

      g_assert_true (g_file_get_contents (path, &text, NULL, &error));
      g_assert_no_error (error);

      for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *rule_id = g_match_info_fetch (match, 1);

          if (!g_strv_contains (declared, rule_id))
            g_error ("%s emits %s, which it does not declare", sources[i].file, rule_id);
          n_literals++;
        }
      g_assert_cmpuint (n_literals, >, 0);
    }
}

static void
test_compare_controls (void)
{
  /* each family in the order a reader expects */
  const char *families[][7] = {
    { "A.5.14", "A.8.3", "A.8.9", "A.8.20", "A.8.24", NULL },
    { "CC6.1", "CC6.7", "CC7.1", NULL },
    { "PR.DS-02", "PR.DS-10", "SC-7", "SC-8", "SC-13", NULL },
    { "164.308(a)(5)(ii)(B)", "164.312(a)(1)", "164.312(e)(1)", "164.312(e)(2)(i)", "164.312(e)(2)(ii)", NULL },
    { "1.4.2", "2.2.4", "4.2.1", "4.2.1.1", "12.3.3", NULL },
  };

  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    {
      for (guint i = 0; families[f][i] != NULL; i++)
        {
          g_assert_cmpint (cl_compliance_map_compare_controls (families[f][i], families[f][i]), ==, 0);
          for (guint j = i + 1; families[f][j] != NULL; j++)
            {
              g_assert_cmpint (cl_compliance_map_compare_controls (families[f][i], families[f][j]), <, 0);
              g_assert_cmpint (cl_compliance_map_compare_controls (families[f][j], families[f][i]), >, 0);
            }
        }
    }
}

/* ssl completed with an expired certificate (critical) and an old
 * protocol (high); headers completed with only an info finding; dns_email
 * unavailable; ports not applicable; the rest not implemented. */
static ClReport *
make_report (const char *excluded_rule)
{
  GPtrArray *catalog = cl_module_catalog_list ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) exclusions = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_exclusion_free);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 3, 2, 8, 0, 0);

  for (guint i = 0; i < catalog->len; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, i);
      ClModuleResult *r = cl_module_result_new (info->id);

      if (g_str_equal (info->id, "ssl"))
        {
          cl_module_result_add (r, "ssl.cert_expired", CL_SEVERITY_CRITICAL, "Expired", "Renew it", NULL);
          cl_module_result_add (r, "ssl.tls1_0_enabled", CL_SEVERITY_HIGH, "TLS 1.0", "Disable it", NULL);
        }
      else if (g_str_equal (info->id, "headers"))
        cl_module_result_add (r, "headers.page_not_judged", CL_SEVERITY_INFO, "Not judged", "Nothing", NULL);
      else if (g_str_equal (info->id, "dns_email"))
        cl_module_result_set_status (r, CL_MODULE_STATUS_UNAVAILABLE, "resolver down");
      else if (g_str_equal (info->id, "ports"))
        cl_module_result_set_status (r, CL_MODULE_STATUS_NOT_APPLICABLE, "no address");
      else
        cl_module_result_set_status (r, CL_MODULE_STATUS_NOT_IMPLEMENTED, NULL);
      g_ptr_array_add (results, r);
    }

  if (excluded_rule != NULL)
    g_ptr_array_add (exclusions, cl_exclusion_new (excluded_rule, "accepted", "alice", when));

  return cl_report_new_full ("example.com", when, results, NULL, exclusions);
}

static JsonObject *
find_control (JsonObject *compliance,
              const char *framework,
              const char *control)
{
  JsonArray *controls = json_object_get_array_member (compliance, framework);

  for (guint i = 0; i < json_array_get_length (controls); i++)
    {
      JsonObject *obj = json_array_get_object_element (controls, i);

      if (g_str_equal (json_object_get_string_member (obj, "control"), control))
        return obj;
    }

  return NULL;
}

static char *
rule_ids_of (JsonObject *control)
{
  JsonArray *array = json_object_get_array_member (control, "rule_ids");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (ids, (gpointer)json_array_get_string_element (array, i));
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (" ", (char **)ids->pdata);
}

static void
test_section (void)
{
  g_autoptr(ClReport) report = make_report (NULL);
  g_autoptr(JsonNode) root = cl_report_to_json (report);
  JsonObject *compliance = json_object_get_object_member (json_node_get_object (root), "compliance");
  JsonObject *control;
  g_autofree char *ids = NULL;
  g_autoptr(GList) members = json_object_get_members (compliance);
  const char *order[] = { "soc2", "iso27001", "nist", "pcidss", "hipaa" };
  guint i = 0;

  for (GList *l = members; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, order[i]);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (order));

  /* both ssl findings fail the cryptography control */
  control = find_control (compliance, "iso27001", "A.8.24");
  g_assert_nonnull (control);
  g_assert_cmpstr (json_object_get_string_member (control, "title"), ==, "Use of cryptography");
  g_assert_cmpstr (json_object_get_string_member (control, "status"), ==, "fail");
  ids = rule_ids_of (control);
  g_assert_cmpstr (ids, ==, "ssl.cert_expired ssl.tls1_0_enabled");
  g_clear_pointer (&ids, g_free);

  /* only the expired certificate fails the PKI control */
  control = find_control (compliance, "nist", "SC-17");
  g_assert_cmpstr (json_object_get_string_member (control, "status"), ==, "fail");
  ids = rule_ids_of (control);
  g_assert_cmpstr (ids, ==, "ssl.cert_expired");
  g_clear_pointer (&ids, g_free);

  /* headers completed: its controls are touched; an info finding fails none */
  control = find_control (compliance, "iso27001", "A.8.26");
  g_assert_nonnull (control);
  g_assert_cmpstr (json_object_get_string_member (control, "status"), ==, "pass");
  ids = rule_ids_of (control);
  g_assert_cmpstr (ids, ==, "");
  control = find_control (compliance, "nist", "SC-18");
  g_assert_cmpstr (json_object_get_string_member (control, "status"), ==, "pass");

  /* what only dns_email and ports test is not touched */
  g_assert_null (find_control (compliance, "iso27001", "A.5.14"));
  g_assert_null (find_control (compliance, "iso27001", "A.8.20"));
  g_assert_null (find_control (compliance, "soc2", "CC6.6"));
  g_assert_null (find_control (compliance, "pcidss", "5.4.1"));

  /* sorted by control id as people read them */
  for (guint f = 0; f < G_N_ELEMENTS (order); f++)
    {
      JsonArray *controls = json_object_get_array_member (compliance, order[f]);

      g_assert_cmpuint (json_array_get_length (controls), >, 0);
      for (guint c = 1; c < json_array_get_length (controls); c++)
        g_assert_cmpint (cl_compliance_map_compare_controls (
                           json_object_get_string_member (json_array_get_object_element (controls, c - 1), "control"),
                           json_object_get_string_member (json_array_get_object_element (controls, c), "control")), <, 0);
    }
}

/* A false positive fails no control. */
static void
test_section_excluded (void)
{
  g_autoptr(ClReport) report = make_report ("ssl.cert_expired");
  g_autoptr(JsonNode) root = cl_report_to_json (report);
  JsonObject *compliance = json_object_get_object_member (json_node_get_object (root), "compliance");
  JsonObject *control;
  g_autofree char *ids = NULL;

  control = find_control (compliance, "nist", "SC-17");
  g_assert_nonnull (control);
  g_assert_cmpstr (json_object_get_string_member (control, "status"), ==, "pass");
  control = find_control (compliance, "iso27001", "A.8.24");
  g_assert_cmpstr (json_object_get_string_member (control, "status"), ==, "fail");
  ids = rule_ids_of (control);
  g_assert_cmpstr (ids, ==, "ssl.tls1_0_enabled");
}

static void
test_issue_controls (void)
{
  g_autoptr(ClReport) report = make_report ("ssl.tls1_0_enabled");
  g_autoptr(JsonNode) root = cl_report_to_json (report);
  JsonObject *obj = json_node_get_object (root);
  JsonObject *issue = json_array_get_object_element (json_object_get_array_member (obj, "issues"), 0);
  JsonObject *excluded = json_array_get_object_element (json_object_get_array_member (obj, "excluded"), 0);
  ClComplianceMap *map = cl_compliance_map_get_default ();
  const char * const *frameworks = cl_compliance_map_list_frameworks ();

  g_assert_cmpstr (json_object_get_string_member (issue, "rule_id"), ==, "ssl.cert_expired");
  g_assert_cmpstr (json_object_get_string_member (excluded, "rule_id"), ==, "ssl.tls1_0_enabled");

  /* the false positive too: it says which controls the user judged */
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *item = i == 0 ? issue : excluded;
      JsonObject *controls = json_object_get_object_member (item, "controls");
      const char *rule_id = json_object_get_string_member (item, "rule_id");

      g_assert_cmpuint (json_object_get_size (controls), ==, g_strv_length ((char **)frameworks));
      for (guint f = 0; frameworks[f] != NULL; f++)
        {
          JsonArray *array = json_object_get_array_member (controls, frameworks[f]);
          GPtrArray *expected = cl_compliance_map_lookup (map, rule_id, frameworks[f]);

          g_assert_cmpuint (json_array_get_length (array), ==, expected->len);
          for (guint c = 0; c < expected->len; c++)
            g_assert_cmpstr (json_array_get_string_element (array, c), ==, g_ptr_array_index (expected, c));
        }
    }

  {
    JsonArray *soc2 = json_object_get_array_member (json_object_get_object_member (issue, "controls"), "soc2");

    g_assert_cmpuint (json_array_get_length (soc2), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (soc2, 0), ==, "CC6.1");
    g_assert_cmpstr (json_array_get_string_element (soc2, 1), ==, "CC6.7");
  }
}

/* The section is derived: a report read back gives the same text and id. */
static void
test_round_trip (void)
{
  g_autoptr(ClReport) report = make_report ("ssl.tls1_0_enabled");
  g_autofree char *text = cl_report_to_string (report);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ClReport) again = NULL;
  g_autofree char *text_again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  again = cl_report_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  text_again = cl_report_to_string (again);
  g_assert_cmpstr (text_again, ==, text);
  g_assert_cmpstr (cl_report_get_id (again), ==, cl_report_get_id (report));
  g_assert_nonnull (strstr (text, "\"status\": \"fail\""));
}

static ClComplianceMap *
load (const char  *text,
      GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return cl_compliance_map_new_from_bytes (bytes, error);
}

#define FRAMEWORKS_OK \
  "\"frameworks\": {" \
  " \"soc2\": {\"title\": \"S\", \"controls\": {\"CC6.1\": \"Logical access\"}}," \
  " \"iso27001\": {\"title\": \"I\", \"controls\": {\"A.8.24\": \"Use of cryptography\"}}," \
  " \"nist\": {\"title\": \"N\", \"controls\": {}}," \
  " \"pcidss\": {\"title\": \"P\", \"controls\": {}}," \
  " \"hipaa\": {\"title\": \"H\", \"controls\": {}}}"

static void
test_bad_data (void)
{
  const char *bad[] = {
    "[]",
    "{\"rules\": {}}",
    /* a framework missing, or one too many */
    "{\"frameworks\": {\"soc2\": {\"title\": \"S\", \"controls\": {}}}, \"rules\": {}}",
    "{\"frameworks\": {\"soc2\": {\"title\": \"S\", \"controls\": {}}, \"iso27001\": {\"title\": \"I\", \"controls\": {}},"
    " \"nist\": {\"title\": \"N\", \"controls\": {}}, \"pcidss\": {\"title\": \"P\", \"controls\": {}},"
    " \"gdpr\": {\"title\": \"G\", \"controls\": {}}}, \"rules\": {}}",
    /* a control without a title */
    "{\"frameworks\": {\"soc2\": {\"title\": \"S\", \"controls\": {\"CC6.1\": \"\"}}, \"iso27001\": {\"title\": \"I\", \"controls\": {}},"
    " \"nist\": {\"title\": \"N\", \"controls\": {}}, \"pcidss\": {\"title\": \"P\", \"controls\": {}},"
    " \"hipaa\": {\"title\": \"H\", \"controls\": {}}}, \"rules\": {}}",
    "{" FRAMEWORKS_OK "}",
    /* a control its framework does not list */
    "{" FRAMEWORKS_OK ", \"rules\": {\"ssl.x\": {\"soc2\": [\"CC9.9\"]}}}",
    /* a control of another framework */
    "{" FRAMEWORKS_OK ", \"rules\": {\"ssl.x\": {\"soc2\": [\"A.8.24\"]}}}",
    "{" FRAMEWORKS_OK ", \"rules\": {\"ssl.x\": {\"gdpr\": [\"Art. 32\"]}}}",
    "{" FRAMEWORKS_OK ", \"rules\": {\"ssl.x\": {}}}",
    "{" FRAMEWORKS_OK ", \"rules\": {\"ssl.x\": {\"soc2\": [\"CC6.1\", \"CC6.1\"]}}}",
    "{" FRAMEWORKS_OK ", \"rules\": {\"ssl.x\": {\"soc2\": \"CC6.1\"}}}",
    "{" FRAMEWORKS_OK ", \"rules\": {\"ssl.x\": {\"soc2\": [1]}}}",
  };
  g_autoptr(ClComplianceMap) good = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(ClComplianceMap) map = load (bad[i], &error);

      g_assert_null (map);
      g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
      g_clear_error (&error);
    }

  good = load ("{" FRAMEWORKS_OK ", \"rules\": {\"ssl.x\": {\"soc2\": [\"CC6.1\"], \"iso27001\": [\"A.8.24\"]}}}", &error);
  g_assert_no_error (error);
  g_assert_true (cl_compliance_map_has_rule (good, "ssl.x"));
  g_assert_cmpuint (cl_compliance_map_lookup (good, "ssl.x", "nist")->len, ==, 0);
  g_assert_cmpstr (g_ptr_array_index (cl_compliance_map_lookup (good, "ssl.x", "iso27001"), 0), ==, "A.8.24");
  g_assert_cmpstr (cl_compliance_map_get_framework_title (good, "iso27001"), ==, "I");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/compliance/coverage", test_coverage);
  g_test_add_func ("/compliance/declared", test_declared);
  g_test_add_func ("/compliance/declared-in-source", test_declared_in_source);
  g_test_add_func ("/compliance/compare-controls", test_compare_controls);
  g_test_add_func ("/compliance/section", test_section);
  g_test_add_func ("/compliance/section-excluded", test_section_excluded);
  g_test_add_func ("/compliance/issue-controls", test_issue_controls);
  g_test_add_func ("/compliance/round-trip", test_round_trip);
  g_test_add_func ("/compliance/bad-data", test_bad_data);

  return g_test_run ();
}
