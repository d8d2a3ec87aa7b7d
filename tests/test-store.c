/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store on hand-built reports: the violations' lifecycle, the
 * compliance statistics, migrations from the first schema, permissions,
 * reports by id, the cache, and all-or-nothing writes. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "cl-error.h"
#include "cl-module-catalog.h"
#include "cl-store.h"

typedef struct
{
  char    *dir;
  char    *path;
  ClStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "data", "compliancelayer.db", NULL);
  fx->store = cl_store_new (fx->path, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  remove_tree (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

static GDateTime *
day (int d)
{
  return g_date_time_new_utc (2026, 3, d, 12, 0, 0);
}

/* @spec: modules separated by '|', each "MODULE [STATUS] [RULE:SEVERITY…]"
 * with STATUS unavailable or not_applicable (default completed); modules
 * not named are not implemented. */
static ClReport *
make_report (const char *domain,
             GDateTime  *when,
             GPtrArray  *exclusions,
             const char *spec)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *catalog = cl_module_catalog_list ();
  g_auto(GStrv) modules = g_strsplit (spec, "|", -1);

  for (guint i = 0; i < catalog->len; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, i);
      ClModuleResult *r = cl_module_result_new (info->id);

      cl_module_result_set_status (r, CL_MODULE_STATUS_NOT_IMPLEMENTED, NULL);
      for (guint m = 0; modules[m] != NULL; m++)
        {
          g_auto(GStrv) words = g_strsplit (g_strstrip (modules[m]), " ", -1);

          if (!g_str_equal (words[0], info->id))
            continue;
          cl_module_result_set_status (r, CL_MODULE_STATUS_COMPLETED, NULL);
          for (guint w = 1; words[w] != NULL; w++)
            {
              g_auto(GStrv) rule = g_strsplit (words[w], ":", 2);
              ClModuleStatus status;
              ClSeverity severity;

              if (rule[1] == NULL && cl_module_status_from_string (rule[0], &status))
                cl_module_result_set_status (r, status, "test");
              else
                {
                  g_assert_true (cl_severity_from_string (rule[1], &severity));
                  cl_module_result_add (r, rule[0], severity, rule[0], "Fix it", "seen");
                }
            }
        }
      g_ptr_array_add (results, r);
    }

  return cl_report_new_full (domain, when, results, NULL, exclusions);
}

static char *
save (ClStore  *store,
      ClReport *report)
{
  g_autoptr(GError) error = NULL;
  char *scan_id = cl_store_save_report (store, report, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (scan_id, "cl_scan_"));
  g_assert_cmpuint (strlen (scan_id), ==, strlen ("cl_scan_") + 16);
  return scan_id;
}

static char *
save_spec (ClStore    *store,
           const char *domain,
           int         d,
           const char *spec)
{
  g_autoptr(GDateTime) when = day (d);
  g_autoptr(GPtrArray) exclusions = cl_store_list_exclusions (store, domain, NULL);
  g_autoptr(ClReport) report = NULL;

  g_assert_nonnull (exclusions);
  report = make_report (domain, when, exclusions, spec);
  return save (store, report);
}

static GPtrArray *
violations (ClStore    *store,
            const char *domain)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = cl_store_list_violations (store, domain, TRUE, &error);

  g_assert_no_error (error);
  return list;
}

static ClViolation *
find (GPtrArray  *list,
      const char *rule_id)
{
  for (guint i = 0; i < list->len; i++)
    {
      ClViolation *v = g_ptr_array_index (list, i);

      if (g_str_equal (v->rule_id, rule_id))
        return v;
    }
  return NULL;
}

static ClViolation *
get (GPtrArray  *list,
     const char *rule_id)
{
  ClViolation *v = find (list, rule_id);

  g_assert (v != NULL);
  return v;
}

/* "open,resolved,open" */
static char *
event_statuses (ClViolation *v)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < v->events->len; i++)
    g_strv_builder_add (b, cl_violation_status_to_string (((ClViolationEvent *)g_ptr_array_index (v->events, i))->status));
  strv = g_strv_builder_end (b);
  return g_strjoinv (",", strv);
}

static void
assert_status (ClStore           *store,
               const char        *domain,
               const char        *rule_id,
               ClViolationStatus  status,
               const char        *events)
{
  g_autoptr(GPtrArray) list = violations (store, domain);
  ClViolation *v = get (list, rule_id);
  g_autofree char *got = NULL;

  g_assert_cmpstr (cl_violation_status_to_string (v->status), ==, cl_violation_status_to_string (status));
  got = event_statuses (v);
  g_assert_cmpstr (got, ==, events);
}

static ClComplianceScore *
score_of (ClStore    *store,
          const char *scan_id)
{
  g_autoptr(GError) error = NULL;
  ClComplianceScore *score = cl_store_get_compliance_score (store, scan_id, &error);

  g_assert_no_error (error);
  return score;
}

/* ------------------------------------------------------------- tests -- */

static void
test_lifecycle (Fixture       *fx,
                gconstpointer  data)
{
  const char *d = "example.com";
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) exclusions = NULL;
  g_autoptr(GError) error = NULL;
  ClViolation *v;

  s1 = save_spec (fx->store, d, 1,
                  "dns_email dns_email.dmarc_policy_none:medium dns_email.caa_missing:low dns_email.dkim_found:info"
                  "|headers headers.xfo_missing:low|ports ports.database_exposed:critical");
  list = violations (fx->store, d);
  /* the informational finding is no violation */
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_null (find (list, "dns_email.dkim_found"));
  v = get (list, "dns_email.dmarc_policy_none");
  g_assert_cmpint (v->status, ==, CL_VIOLATION_OPEN);
  g_assert_cmpint (v->severity, ==, CL_SEVERITY_MEDIUM);
  g_assert_cmpstr (v->module_id, ==, "dns_email");
  g_assert_cmpint (g_date_time_get_day_of_month (v->first_seen), ==, 1);
  g_assert_cmpstr (((ClViolationEvent *)g_ptr_array_index (v->events, 0))->scan_id, ==, s1);
  g_assert_null (((ClViolationEvent *)g_ptr_array_index (v->events, 0))->actor);
  /* most severe first */
  g_assert_cmpstr (((ClViolation *)g_ptr_array_index (list, 0))->rule_id, ==, "ports.database_exposed");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* DMARC fixed; SPF broken; headers not applicable and ports unavailable
   * this time: their violations were not assessed and stay open */
  s2 = save_spec (fx->store, d, 2,
                  "dns_email dns_email.caa_missing:low dns_email.spf_pass_all:high"
                  "|headers not_applicable|ports unavailable");
  assert_status (fx->store, d, "dns_email.dmarc_policy_none", CL_VIOLATION_RESOLVED, "open,resolved");
  assert_status (fx->store, d, "dns_email.caa_missing", CL_VIOLATION_OPEN, "open");
  assert_status (fx->store, d, "dns_email.spf_pass_all", CL_VIOLATION_OPEN, "open");
  assert_status (fx->store, d, "headers.xfo_missing", CL_VIOLATION_OPEN, "open");
  assert_status (fx->store, d, "ports.database_exposed", CL_VIOLATION_OPEN, "open");
  list = violations (fx->store, d);
  g_assert_cmpint (g_date_time_get_day_of_month (get (list, "dns_email.caa_missing")->last_seen), ==, 2);
  g_assert_cmpint (g_date_time_get_day_of_month (get (list, "dns_email.caa_missing")->first_seen), ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* the open ones only, by default */
  list = cl_store_list_violations (fx->store, d, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_null (find (list, "dns_email.dmarc_policy_none"));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* the user: CAA is a false positive, the database port is fixed */
  g_assert_true (cl_store_mark (fx->store, d, "dns_email.caa_missing", CL_VIOLATION_FALSE_POSITIVE,
                                "CAA is managed by the registrar", &error));
  g_assert_no_error (error);
  g_assert_true (cl_store_mark (fx->store, d, "ports.database_exposed", CL_VIOLATION_RESOLVED, NULL, &error));
  g_assert_no_error (error);
  list = violations (fx->store, d);
  v = get (list, "dns_email.caa_missing");
  g_assert_cmpint (v->status, ==, CL_VIOLATION_FALSE_POSITIVE);
  g_assert_cmpstr (v->note, ==, "CAA is managed by the registrar");
  g_assert_cmpstr (v->marked_by, ==, g_get_user_name ());
  g_assert_nonnull (v->marked_at);
  g_assert_cmpstr (((ClViolationEvent *)g_ptr_array_index (v->events, 1))->actor, ==, g_get_user_name ());
  g_assert_null (((ClViolationEvent *)g_ptr_array_index (v->events, 1))->scan_id);
  g_clear_pointer (&list, g_ptr_array_unref);

  exclusions = cl_store_list_exclusions (fx->store, d, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exclusions->len, ==, 1);
  g_assert_cmpstr (((ClExclusion *)g_ptr_array_index (exclusions, 0))->rule_id, ==, "dns_email.caa_missing");
  g_assert_cmpstr (((ClExclusion *)g_ptr_array_index (exclusions, 0))->marked_by, ==, g_get_user_name ());
  g_clear_pointer (&exclusions, g_ptr_array_unref);

  /* found again: DMARC reopens, the false positive stays one (and is left
   * out of the report), the port marked fixed but still open reopens */
  s3 = save_spec (fx->store, d, 3,
                  "dns_email dns_email.caa_missing:low dns_email.spf_pass_all:high dns_email.dmarc_policy_none:medium"
                  "|headers headers.xfo_missing:low|ports ports.database_exposed:critical");
  assert_status (fx->store, d, "dns_email.dmarc_policy_none", CL_VIOLATION_OPEN, "open,resolved,open");
  assert_status (fx->store, d, "dns_email.caa_missing", CL_VIOLATION_FALSE_POSITIVE, "open,false_positive");
  assert_status (fx->store, d, "ports.database_exposed", CL_VIOLATION_OPEN, "open,resolved,open");
  {
    g_autoptr(JsonNode) root = NULL;
    g_autoptr(ClReport) report = NULL;
    g_autoptr(ClComplianceScore) score = score_of (fx->store, s3);

    root = cl_store_get_report_json (fx->store, score->scan->report_id, &error);
    g_assert_no_error (error);
    report = cl_report_new_from_json (root, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cl_report_get_excluded (report)->len, ==, 1);
    g_assert_cmpstr (cl_finding_get_rule_id (g_ptr_array_index (cl_report_get_excluded (report), 0)), ==,
                     "dns_email.caa_missing");
  }

  /* reopened by the user, it counts again; fixed everywhere, all resolve
   * except the judgement of the user, which is kept */
  g_assert_true (cl_store_mark (fx->store, d, "dns_email.caa_missing", CL_VIOLATION_OPEN, NULL, &error));
  g_assert_no_error (error);
  exclusions = cl_store_list_exclusions (fx->store, d, &error);
  g_assert_cmpuint (exclusions->len, ==, 0);
  g_assert_true (cl_store_mark (fx->store, d, "headers.xfo_missing", CL_VIOLATION_FALSE_POSITIVE, NULL, &error));
  s4 = save_spec (fx->store, d, 4, "dns_email|headers|ports");
  assert_status (fx->store, d, "dns_email.caa_missing", CL_VIOLATION_RESOLVED, "open,false_positive,open,resolved");
  assert_status (fx->store, d, "dns_email.dmarc_policy_none", CL_VIOLATION_RESOLVED, "open,resolved,open,resolved");
  assert_status (fx->store, d, "headers.xfo_missing", CL_VIOLATION_FALSE_POSITIVE, "open,false_positive");
  list = cl_store_list_violations (fx->store, d, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
assert_counts (ClComplianceScore *score,
               guint              total,
               guint              open,
               guint              resolved,
               guint              false_positives)
{
  g_assert_cmpuint (score->total_violations, ==, total);
  g_assert_cmpuint (score->open_violations, ==, open);
  g_assert_cmpuint (score->resolved_violations, ==, resolved);
  g_assert_cmpuint (score->false_positives, ==, false_positives);
}

/* The statistics of each scan are those of its time. */
static void
test_score_as_of_scan (Fixture       *fx,
                       gconstpointer  data)
{
  const char *d = "example.org";
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL;
  g_autoptr(ClComplianceScore) c1 = NULL, c2 = NULL, c3 = NULL, c1_later = NULL;
  g_autoptr(GError) error = NULL;

  s1 = save_spec (fx->store, d, 1, "dns_email dns_email.dmarc_policy_none:medium dns_email.caa_missing:low"
                                   "|ssl ssl.tls1_0_enabled:high");
  s2 = save_spec (fx->store, d, 2, "dns_email dns_email.caa_missing:low|ssl ssl.cert_expired:critical");
  g_assert_true (cl_store_mark (fx->store, d, "dns_email.caa_missing", CL_VIOLATION_FALSE_POSITIVE, "ok", &error));
  s3 = save_spec (fx->store, d, 3, "dns_email dns_email.caa_missing:low|ssl ssl.cert_expired:critical");

  c1 = score_of (fx->store, s1);
  assert_counts (c1, 3, 3, 0, 0);
  g_assert_cmpuint (c1->by_severity[CL_SEVERITY_HIGH], ==, 1);
  g_assert_cmpuint (c1->by_severity[CL_SEVERITY_MEDIUM], ==, 1);
  g_assert_cmpuint (c1->by_severity[CL_SEVERITY_LOW], ==, 1);

  c2 = score_of (fx->store, s2);
  assert_counts (c2, 4, 2, 2, 0);
  g_assert_cmpuint (c2->by_severity[CL_SEVERITY_CRITICAL], ==, 1);
  g_assert_cmpuint (c2->by_severity[CL_SEVERITY_HIGH], ==, 0);
  g_assert_true (g_hash_table_contains (c2->by_rule_type, "dns_email.caa_missing"));

  /* the false positive: resolved as the seed counts, not active, and out
   * of the scan's score */
  c3 = score_of (fx->store, s3);
  assert_counts (c3, 4, 1, 3, 1);
  g_assert_false (g_hash_table_contains (c3->by_rule_type, "dns_email.caa_missing"));
  g_assert_cmpuint (g_hash_table_size (c3->by_rule_type), ==, 1);
  g_assert_cmpuint (c3->scan->score, >, c2->scan->score);
  g_assert_cmpstr (c3->scan->domain, ==, d);

  /* the mark made after scan 2 did not change what scan 1 says */
  c1_later = score_of (fx->store, s1);
  assert_counts (c1_later, 3, 3, 0, 0);

  /* the history: every scan of the domain, oldest first */
  g_assert_cmpuint (c1->history->len, ==, 3);
  g_assert_cmpstr (((ClScanRecord *)g_ptr_array_index (c3->history, 0))->scan_id, ==, s1);
  g_assert_cmpstr (((ClScanRecord *)g_ptr_array_index (c3->history, 2))->scan_id, ==, s3);
  g_assert_cmpuint (((ClScanRecord *)g_ptr_array_index (c3->history, 2))->score, ==, c3->scan->score);
}

static ClViolation *
hand_violation (const char        *rule_id,
                ClSeverity         severity,
                ClViolationStatus  status)
{
  return cl_violation_new ("example.net", rule_id, "dns_email", severity, status);
}

static void
test_statistics (void)
{
  g_autoptr(GPtrArray) set = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_violation_free);
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_scan_record_free);
  g_autoptr(GDateTime) t1 = day (1);
  g_autoptr(GDateTime) t2 = day (2);
  g_autoptr(ClScanRecord) scan = cl_scan_record_new ("cl_scan_00000000000000b2", "cl_rpt_0000000000b2",
                                                     "example.net", t2, TRUE, 85);
  g_autoptr(ClComplianceScore) score = NULL;
  g_autoptr(ClComplianceScore) empty = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *obj, *by_severity, *by_rule;
  const char *seed_order[] = { "score", "total_violations", "open_violations", "resolved_violations",
                               "false_positives", "by_severity", "by_rule_type" };
  guint i = 0;

  g_ptr_array_add (set, hand_violation ("a.critical", CL_SEVERITY_CRITICAL, CL_VIOLATION_OPEN));
  g_ptr_array_add (set, hand_violation ("a.high1", CL_SEVERITY_HIGH, CL_VIOLATION_OPEN));
  g_ptr_array_add (set, hand_violation ("a.high2", CL_SEVERITY_HIGH, CL_VIOLATION_OPEN));
  g_ptr_array_add (set, hand_violation ("a.medium", CL_SEVERITY_MEDIUM, CL_VIOLATION_RESOLVED));
  g_ptr_array_add (set, hand_violation ("a.low", CL_SEVERITY_LOW, CL_VIOLATION_RESOLVED));
  g_ptr_array_add (set, hand_violation ("a.fp1", CL_SEVERITY_CRITICAL, CL_VIOLATION_FALSE_POSITIVE));
  g_ptr_array_add (set, hand_violation ("a.fp2", CL_SEVERITY_LOW, CL_VIOLATION_FALSE_POSITIVE));
  g_ptr_array_add (history, cl_scan_record_new ("cl_scan_00000000000000b1", "cl_rpt_0000000000b1",
                                                "example.net", t1, FALSE, 0));
  g_ptr_array_add (history, cl_scan_record_new (scan->scan_id, scan->report_id, scan->domain, t2, TRUE, 85));

  score = cl_compliance_score_new (scan, set, history);
  /* total = open + resolved; false positives are within resolved */
  assert_counts (score, 7, 3, 4, 2);
  g_assert_cmpuint (score->by_severity[CL_SEVERITY_CRITICAL], ==, 1);
  g_assert_cmpuint (score->by_severity[CL_SEVERITY_HIGH], ==, 2);
  g_assert_cmpuint (score->by_severity[CL_SEVERITY_MEDIUM], ==, 0);
  g_assert_cmpuint (score->by_severity[CL_SEVERITY_LOW], ==, 0);
  g_assert_cmpuint (g_hash_table_size (score->by_rule_type), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (score->by_rule_type, "a.high2")), ==, 1);
  g_assert_false (g_hash_table_contains (score->by_rule_type, "a.fp1"));

  root = cl_compliance_score_to_json (score);
  obj = json_node_get_object (root);
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL && i < G_N_ELEMENTS (seed_order); l = l->next, i++)
    g_assert_cmpstr (l->data, ==, seed_order[i]);
  g_assert_cmpint (json_object_get_int_member (obj, "score"), ==, 85);
  g_assert_cmpstr (json_object_get_string_member (obj, "grade"), ==, "B");
  g_assert_cmpstr (json_object_get_string_member (obj, "scan_id"), ==, "cl_scan_00000000000000b2");
  g_assert_cmpstr (json_object_get_string_member (obj, "scanned_at"), ==, "2026-03-02T12:00:00Z");
  g_assert_cmpint (json_object_get_int_member (obj, "resolved_violations"), ==, 4);
  by_severity = json_object_get_object_member (obj, "by_severity");
  g_assert_cmpint (json_object_get_int_member (by_severity, "CRITICAL"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (by_severity, "HIGH"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (by_severity, "MEDIUM"), ==, 0);
  by_rule = json_object_get_object_member (obj, "by_rule_type");
  g_assert_cmpuint (json_object_get_size (by_rule), ==, 3);
  g_assert_cmpint (json_object_get_int_member (by_rule, "a.critical"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "history")), ==, 2);
  /* a scan without a score says so */
  g_assert_true (json_object_get_null_member (json_array_get_object_element (json_object_get_array_member (obj, "history"), 0), "score"));

  g_ptr_array_set_size (set, 0);
  empty = cl_compliance_score_new (scan, set, NULL);
  assert_counts (empty, 0, 0, 0, 0);
  g_assert_cmpuint (empty->history->len, ==, 0);
}

static void
test_errors (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *s1 = save_spec (fx->store, "example.com", 1, "dns_email dns_email.caa_missing:low");
  g_autofree char *garbage = g_build_filename (fx->dir, "garbage.db", NULL);
  g_autoptr(ClStore) bad = NULL;
  g_autofree char *contents = NULL;

  g_assert_false (cl_store_mark (fx->store, "example.com", "dns_email.caa_missing", 7, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_false (cl_store_mark (fx->store, "unknown.example", "dns_email.caa_missing", CL_VIOLATION_RESOLVED, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "unknown.example"));
  g_clear_error (&error);
  g_assert_false (cl_store_mark (fx->store, "example.com", "dns_email.no_such_rule", CL_VIOLATION_RESOLVED, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "dns_email.no_such_rule"));
  g_clear_error (&error);

  g_assert_null (cl_store_get_compliance_score (fx->store, "abc123", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_null (cl_store_get_compliance_score (fx->store, "cl_scan_0123456789ABCDEF", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_null (cl_store_get_compliance_score (fx->store, "cl_scan_0123456789abcdef", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cl_store_get_report_json (fx->store, "cl_rpt_xyz", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_null (cl_store_get_report_json (fx->store, "cl_rpt_0123456789ab", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cl_store_list_history (fx->store, "unknown.example", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cl_store_list_violations (fx->store, "unknown.example", TRUE, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* not a database: refused, and left as it was */
  g_file_set_contents (garbage, "this is no SQLite file, but it is someone's", -1, &error);
  g_assert_no_error (error);
  bad = cl_store_new (garbage, &error);
  g_assert_null (bad);
  g_assert_error (error, CL_ERROR, CL_ERROR_INTERNAL);
  g_assert_nonnull (strstr (error->message, garbage));
  g_clear_error (&error);
  g_file_get_contents (garbage, &contents, NULL, &error);
  g_assert_cmpstr (contents, ==, "this is no SQLite file, but it is someone's");
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
test_permissions (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fx->path);
  g_autofree char *wal = g_strconcat (fx->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fx->path, "-shm", NULL);
  g_autofree char *loose = g_build_filename (fx->dir, "loose.db", NULL);
  g_autofree char *s1 = NULL;
  g_autoptr(ClStore) other = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (0);

  /* even with a permissive umask */
  g_clear_object (&fx->store);
  g_unlink (fx->path);
  g_rmdir (dir);
  fx->store = cl_store_new (fx->path, &error);
  g_assert_no_error (error);
  s1 = save_spec (fx->store, "example.com", 1, "dns_email dns_email.caa_missing:low");
  assert_mode (dir, 0700);
  assert_mode (fx->path, 0600);
  /* WAL: these exist while the database is open */
  assert_mode (wal, 0600);
  assert_mode (shm, 0600);

  /* a database made elsewhere with looser rights is closed to others */
  g_file_set_contents (loose, "", 0, &error);
  g_chmod (loose, 0644);
  other = cl_store_new (loose, &error);
  g_assert_no_error (error);
  assert_mode (loose, 0600);
  umask (old_umask);
}

static void
test_report_round_trip (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) when = day (5);
  g_autoptr(ClReport) report = make_report ("example.com", when, NULL,
                                            "ssl ssl.tls1_0_enabled:high|headers headers.csp_missing:high headers.xfo_missing:low"
                                            "|dns_email dns_email.dmarc_policy_none:medium|ports unavailable");
  g_autofree char *scan_id = save (fx->store, report);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) stored = cl_store_get_report_json (fx->store, cl_report_get_id (report), &error);
  g_autoptr(JsonNode) original = cl_report_to_json (report);
  g_autoptr(ClReport) again = NULL;
  g_autoptr(GPtrArray) history = NULL;

  g_assert_no_error (error);
  g_assert_true (json_node_equal (stored, original));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stored), "report_id"), ==,
                   cl_report_get_id (report));
  again = cl_report_new_from_json (stored, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cl_report_get_id (again), ==, cl_report_get_id (report));

  history = cl_store_list_history (fx->store, "example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((ClScanRecord *)g_ptr_array_index (history, 0))->scan_id, ==, scan_id);
  g_assert_cmpstr (((ClScanRecord *)g_ptr_array_index (history, 0))->report_id, ==, cl_report_get_id (report));
  g_assert_cmpuint (((ClScanRecord *)g_ptr_array_index (history, 0))->score, ==, cl_report_get_score (report));
  g_assert_cmpstr (((ClScanRecord *)g_ptr_array_index (history, 0))->grade, ==, cl_report_get_grade (report));
  g_assert_true (g_date_time_equal (((ClScanRecord *)g_ptr_array_index (history, 0))->scanned_at, when));
}

static void
test_cache (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) half_hour_ago = g_date_time_add_seconds (now, -1800);
  g_autoptr(GDateTime) two_hours_ago = g_date_time_add_seconds (now, -7200);
  g_autoptr(ClReport) recent = make_report ("recent.example", half_hour_ago, NULL, "dns_email dns_email.caa_missing:low");
  g_autoptr(ClReport) old = make_report ("old.example", two_hours_ago, NULL, "dns_email dns_email.caa_missing:low");
  g_autofree char *s1 = save (fx->store, recent);
  g_autofree char *s2 = save (fx->store, old);
  g_autoptr(ClReport) hit = NULL;
  g_autoptr(ClReport) miss = NULL;
  g_autoptr(GError) error = NULL;

  hit = cl_store_find_recent_report (fx->store, "recent.example", 3600, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hit);
  g_assert_cmpstr (cl_report_get_id (hit), ==, cl_report_get_id (recent));

  g_assert_null (cl_store_find_recent_report (fx->store, "recent.example", 600, &error));
  g_assert_no_error (error);
  g_assert_null (cl_store_find_recent_report (fx->store, "old.example", 3600, &error));
  g_assert_no_error (error);
  g_assert_null (cl_store_find_recent_report (fx->store, "never.example", 3600, &error));
  g_assert_no_error (error);

  /* a judgement made since: the stored report no longer says what a scan
   * would */
  g_assert_true (cl_store_mark (fx->store, "recent.example", "dns_email.caa_missing",
                                CL_VIOLATION_FALSE_POSITIVE, NULL, &error));
  miss = cl_store_find_recent_report (fx->store, "recent.example", 3600, &error);
  g_assert_no_error (error);
  g_assert_null (miss);
}

static gpointer
list_domains_call (ClStore  *store,
                   gpointer  data,
                   GError  **error)
{
  return cl_store_list_domains (store, error);
}

static gpointer
history_call (ClStore  *store,
              gpointer  data,
              GError  **error)
{
  return cl_store_list_history (store, data, error);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gpointer
call (ClStore     *store,
      ClStoreFunc  func,
      gpointer     data,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cl_store_call_async (store, func, data, g_free, NULL, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return cl_store_call_finish (store, result, error);
}

/* What the desktop app asks, off its main thread: the domains, latest
 * first, and an error carried back as it is. */
static void
test_call_async (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *s1 = save_spec (fx->store, "a.example", 1, "dns_email");
  g_autofree char *s2 = save_spec (fx->store, "b.example", 3, "dns_email");
  g_autofree char *s3 = save_spec (fx->store, "a.example", 2, "dns_email");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = NULL;
  g_autoptr(GPtrArray) history = NULL;

  domains = call (fx->store, list_domains_call, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (domains, ((const char *[]) { "b.example", "a.example", NULL }));

  history = call (fx->store, history_call, g_strdup ("a.example"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);

  g_assert_null (call (fx->store, history_call, g_strdup ("never.example"), &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
}

/* A report older than the domain's latest joins the history and leaves the
 * violations alone. */
static void
test_older_report (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *s5 = save_spec (fx->store, "example.com", 5, "dns_email dns_email.caa_missing:low");
  g_autofree char *s3 = save_spec (fx->store, "example.com", 3, "dns_email dns_email.spf_pass_all:high");
  g_autoptr(GPtrArray) history = cl_store_list_history (fx->store, "example.com", NULL);
  g_autoptr(ClComplianceScore) c3 = score_of (fx->store, s3);

  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((ClScanRecord *)g_ptr_array_index (history, 0))->scan_id, ==, s3);
  assert_status (fx->store, "example.com", "dns_email.caa_missing", CL_VIOLATION_OPEN, "open");
  {
    g_autoptr(GPtrArray) list = violations (fx->store, "example.com");
    g_assert_null (find (list, "dns_email.spf_pass_all"));
  }
  /* it predates every violation */
  assert_counts (c3, 0, 0, 0, 0);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
raw_count (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A write that fails halfway leaves nothing of itself.  The failure is made
 * by a trigger in the test's copy of the database, not by the product. */
static void
test_atomic_save (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *s1 = save_spec (fx->store, "example.com", 1,
                                   "dns_email dns_email.caa_missing:low dns_email.dmarc_policy_none:medium");
  g_autoptr(GDateTime) when = day (2);
  g_autoptr(ClReport) report = make_report ("example.com", when, NULL, "dns_email dns_email.spf_pass_all:high");
  g_autoptr(GError) error = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *s3 = NULL;
  sqlite3 *db = raw_open (fx->path);

  raw_exec (db, "CREATE TRIGGER fail_late BEFORE INSERT ON violation_events"
                " WHEN (SELECT COUNT (*) FROM violation_events) >= 2"
                " BEGIN SELECT RAISE (ABORT, 'disk I/O error (test)'); END;");

  s2 = cl_store_save_report (fx->store, report, &error);
  g_assert_null (s2);
  g_assert_error (error, CL_ERROR, CL_ERROR_INTERNAL);
  g_assert_nonnull (strstr (error->message, "disk I/O error (test)"));
  g_clear_error (&error);
  g_assert_cmpint (raw_count (db, "SELECT COUNT (*) FROM scans"), ==, 1);
  g_assert_cmpint (raw_count (db, "SELECT COUNT (*) FROM findings"), ==, 2);
  g_assert_cmpint (raw_count (db, "SELECT COUNT (*) FROM violations WHERE status = 'open'"), ==, 2);
  g_assert_cmpint (raw_count (db, "SELECT COUNT (*) FROM violation_events"), ==, 2);
  assert_status (fx->store, "example.com", "dns_email.caa_missing", CL_VIOLATION_OPEN, "open");

  /* a failed mark too */
  g_assert_false (cl_store_mark (fx->store, "example.com", "dns_email.caa_missing",
                                 CL_VIOLATION_FALSE_POSITIVE, "n", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_INTERNAL);
  g_clear_error (&error);
  assert_status (fx->store, "example.com", "dns_email.caa_missing", CL_VIOLATION_OPEN, "open");

  raw_exec (db, "DROP TRIGGER fail_late");
  s3 = save (fx->store, report);
  assert_status (fx->store, "example.com", "dns_email.caa_missing", CL_VIOLATION_RESOLVED, "open,resolved");
  sqlite3_close (db);
}

/* The first schema, as version 1 of the product wrote it. */
static const char v1_schema[] =
  "CREATE TABLE scans (scan_id TEXT PRIMARY KEY, report_id TEXT NOT NULL, domain TEXT NOT NULL,"
  "  scanned_at INTEGER NOT NULL, score INTEGER, grade TEXT, report TEXT NOT NULL);"
  "CREATE INDEX scans_by_domain ON scans (domain, scanned_at);"
  "CREATE INDEX scans_by_report ON scans (report_id);"
  "CREATE TABLE findings (id INTEGER PRIMARY KEY,"
  "  scan_id TEXT NOT NULL REFERENCES scans (scan_id) ON DELETE CASCADE, module TEXT NOT NULL,"
  "  rule_id TEXT NOT NULL, severity TEXT NOT NULL, finding TEXT NOT NULL, evidence TEXT,"
  "  excluded INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX findings_by_scan ON findings (scan_id);"
  "CREATE TABLE violations (id INTEGER PRIMARY KEY, domain TEXT NOT NULL, rule_id TEXT NOT NULL,"
  "  module TEXT NOT NULL, severity TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'false_positive')), finding TEXT,"
  "  first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, note TEXT, marked_by TEXT,"
  "  marked_at INTEGER, UNIQUE (domain, rule_id));"
  "CREATE TABLE violation_events (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  violation_id INTEGER NOT NULL REFERENCES violations (id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'false_positive')),"
  "  scan_id TEXT REFERENCES scans (scan_id) ON DELETE SET NULL, actor TEXT, note TEXT);"
  "CREATE INDEX violation_events_by_violation ON violation_events (violation_id, seq);"
  "PRAGMA user_version = 1;";

static void
raw_insert_scan (sqlite3    *db,
                 const char *scan_id,
                 ClReport   *report)
{
  g_autoptr(JsonNode) root = cl_report_to_json (report);
  g_autofree char *json = json_to_string (root, FALSE);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO scans VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, scan_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, cl_report_get_id (report), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cl_report_get_domain (report), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (cl_report_get_scanned_at (report)));
  sqlite3_bind_int64 (stmt, 5, cl_report_get_score (report));
  sqlite3_bind_text (stmt, 6, cl_report_get_grade (report), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, json, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
test_migrate_from_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-store-v1-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autoptr(GDateTime) t0 = day (10);
  g_autoptr(GDateTime) t1 = day (11);
  g_autoptr(ClReport) r0 = make_report ("v1.example", t0, NULL, "dns_email dns_email.dmarc_policy_none:medium|headers headers.xfo_missing:low");
  g_autoptr(ClReport) r1 = make_report ("v1.example", t1, NULL, "dns_email dns_email.dmarc_policy_none:medium dns_email.caa_missing:low|headers");
  g_autoptr(ClStore) store = NULL;
  g_autoptr(ClComplianceScore) c0 = NULL, c1 = NULL, c2 = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(GPtrArray) exclusions = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *sql = NULL;
  gint64 u0 = g_date_time_to_unix (t0), u1 = g_date_time_to_unix (t1);
  sqlite3 *db = raw_open (path);

  g_assert_no_error (error);
  raw_exec (db, v1_schema);
  raw_insert_scan (db, "cl_scan_00000000000000a0", r0);
  raw_insert_scan (db, "cl_scan_00000000000000a1", r1);
  sql = g_strdup_printf (
    "INSERT INTO violations VALUES (1, 'v1.example', 'dns_email.dmarc_policy_none', 'dns_email', 'medium', 'open', 'DMARC p=none', %1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT ", NULL, NULL, NULL);"
    "INSERT INTO violations VALUES (2, 'v1.example', 'headers.xfo_missing', 'headers', 'low', 'resolved', 'No XFO', %1$" G_GINT64_FORMAT ", %1$" G_GINT64_FORMAT ", NULL, NULL, NULL);"
    "INSERT INTO violations VALUES (3, 'v1.example', 'dns_email.caa_missing', 'dns_email', 'low', 'false_positive', 'No CAA', %2$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT ", 'registrar', 'alice', %3$" G_GINT64_FORMAT ");"
    "INSERT INTO violation_events (violation_id, at, status, scan_id, actor, note) VALUES"
    " (1, %1$" G_GINT64_FORMAT ", 'open', 'cl_scan_00000000000000a0', NULL, NULL),"
    " (2, %1$" G_GINT64_FORMAT ", 'open', 'cl_scan_00000000000000a0', NULL, NULL),"
    " (2, %2$" G_GINT64_FORMAT ", 'resolved', 'cl_scan_00000000000000a1', NULL, NULL),"
    " (3, %2$" G_GINT64_FORMAT ", 'open', 'cl_scan_00000000000000a1', NULL, NULL),"
    " (3, %3$" G_GINT64_FORMAT ", 'false_positive', NULL, 'alice', 'registrar');",
    u0, u1, u1 + 3600);
  raw_exec (db, sql);
  sqlite3_close (db);

  store = cl_store_new (path, &error);
  g_assert_no_error (error);
  db = raw_open (path);
  g_assert_cmpint (raw_count (db, "PRAGMA user_version"), ==, 2);
  /* the scans got their place in the changes */
  g_assert_cmpint (raw_count (db, "SELECT last_event FROM scans WHERE scan_id = 'cl_scan_00000000000000a0'"), ==, 2);
  g_assert_cmpint (raw_count (db, "SELECT last_event FROM scans WHERE scan_id = 'cl_scan_00000000000000a1'"), ==, 4);
  sqlite3_close (db);

  c0 = score_of (store, "cl_scan_00000000000000a0");
  assert_counts (c0, 2, 2, 0, 0);
  c1 = score_of (store, "cl_scan_00000000000000a1");
  /* the false positive was marked after scan a1 */
  assert_counts (c1, 3, 2, 1, 0);
  g_assert_cmpuint (c1->history->len, ==, 2);

  stored = cl_store_get_report_json (store, cl_report_get_id (r1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stored), "report_id"), ==, cl_report_get_id (r1));

  /* and life goes on: the old judgement holds, DMARC is fixed */
  exclusions = cl_store_list_exclusions (store, "v1.example", &error);
  g_assert_cmpuint (exclusions->len, ==, 1);
  g_assert_cmpstr (((ClExclusion *)g_ptr_array_index (exclusions, 0))->marked_by, ==, "alice");
  s2 = save_spec (store, "v1.example", 12, "dns_email dns_email.caa_missing:low|headers");
  c2 = score_of (store, s2);
  assert_counts (c2, 3, 0, 3, 1);
  assert_status (store, "v1.example", "dns_email.dmarc_policy_none", CL_VIOLATION_RESOLVED, "open,resolved");
  assert_status (store, "v1.example", "dns_email.caa_missing", CL_VIOLATION_FALSE_POSITIVE, "open,false_positive");

  g_clear_object (&store);
  remove_tree (dir);
}

/* A database from a newer version is refused and not touched. */
static void
test_newer_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-store-v99-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "v99.db", NULL);
  g_autoptr(ClStore) store = NULL;
  sqlite3 *db = raw_open (path);

  raw_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;");
  sqlite3_close (db);

  store = cl_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, CL_ERROR, CL_ERROR_INTERNAL);
  g_assert_nonnull (strstr (error->message, "newer version"));

  db = raw_open (path);
  g_assert_cmpint (raw_count (db, "PRAGMA user_version"), ==, 99);
  g_assert_cmpint (raw_count (db, "SELECT COUNT (*) FROM sqlite_master WHERE name = 'scans'"), ==, 0);
  sqlite3_close (db);
  remove_tree (dir);
}

/* A domain's scans as chart points: in order, each its time and score,
 * none after @until. */
static void
test_history_points (void)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cl_scan_record_free);
  g_autoptr(GDateTime) until = g_date_time_new_from_unix_utc (2000);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) some = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (1000 * (i + 1));

      g_ptr_array_add (records, cl_scan_record_new ("cl_scan_x", "cl_rpt_x", "a.example", at,
                                                    i != 1, 50 + i));
    }

  all = cl_scan_records_to_history_points (records, NULL);
  g_assert_cmpuint (all->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      ClChartHistoryPoint *point = &g_array_index (all, ClChartHistoryPoint, i);

      g_assert_cmpint (point->time, ==, 1000 * (i + 1));
      g_assert_cmpint (point->has_score, ==, i != 1);
      g_assert_cmpuint (point->score, ==, i != 1 ? 50 + i : 0);
    }

  some = cl_scan_records_to_history_points (records, until);
  g_assert_cmpuint (some->len, ==, 2);
  g_assert_cmpint (g_array_index (some, ClChartHistoryPoint, 1).time, ==, 2000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/lifecycle", Fixture, NULL, fixture_set_up, test_lifecycle, fixture_tear_down);
  g_test_add ("/store/score/as-of-scan", Fixture, NULL, fixture_set_up, test_score_as_of_scan, fixture_tear_down);
  g_test_add_func ("/store/score/statistics", test_statistics);
  g_test_add ("/store/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/store/permissions", Fixture, NULL, fixture_set_up, test_permissions, fixture_tear_down);
  g_test_add ("/store/report/round-trip", Fixture, NULL, fixture_set_up, test_report_round_trip, fixture_tear_down);
  g_test_add ("/store/cache", Fixture, NULL, fixture_set_up, test_cache, fixture_tear_down);
  g_test_add ("/store/call-async", Fixture, NULL, fixture_set_up, test_call_async, fixture_tear_down);
  g_test_add ("/store/older-report", Fixture, NULL, fixture_set_up, test_older_report, fixture_tear_down);
  g_test_add ("/store/atomic-save", Fixture, NULL, fixture_set_up, test_atomic_save, fixture_tear_down);
  g_test_add_func ("/store/migrate/from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/migrate/newer", test_newer_schema);
  g_test_add_func ("/store/history/points", test_history_points);

  return g_test_run ();
}
