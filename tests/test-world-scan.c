/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Whole scans of the world's domains: the grade each is built to get
 * (tests/world/domains.tsv), the failures, the time bounds, cancellation. */
#include "config.h"

#include <string.h>

#include "cl-error.h"
#include "cl-module-catalog.h"
#include "cl-report.h"
#include "cl-scan-job.h"
#include "cl-test-util.h"

typedef struct
{
  GAsyncResult *result;
  GHashTable   *seen;   /* "module/progress" */
} ScanWait;

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ((ScanWait *)user_data)->result = g_object_ref (result);
}

static void
on_progress (ClScanJob  *job,
             const char *module_id,
             guint       progress,
             ScanWait   *wait)
{
  g_hash_table_add (wait->seen, g_strdup_printf ("%s/%u", module_id, progress));
}

static ClReport *
scan (const char      *domain,
      ClScanSettings  *settings,
      GCancellable    *cancellable,
      ClScanJob      **job_out,
      GHashTable     **seen_out,
      GError         **error)
{
  g_autoptr(ClScanJob) job = cl_scan_job_new (domain, settings);
  ScanWait wait = { NULL, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  ClReport *report = NULL;

  g_assert_cmpint (cl_scan_job_get_state (job), ==, CL_SCAN_STATE_QUEUED);
  g_signal_connect (job, "module-progress", G_CALLBACK (on_progress), &wait);
  cl_scan_job_run_async (job, cancellable, store_result, &wait);
  g_assert_cmpint (cl_scan_job_get_state (job), ==, CL_SCAN_STATE_RUNNING);
  cl_test_wait ((gpointer *)&wait.result);

  if (cl_scan_job_run_finish (job, wait.result, error))
    {
      g_assert_cmpint (cl_scan_job_get_state (job), ==, CL_SCAN_STATE_COMPLETED);
      report = cl_report_new (domain, cl_scan_job_get_started_at (job),
                              cl_scan_job_get_results (job), cl_scan_job_get_caveats (job));
    }
  else
    {
      g_assert_cmpint (cl_scan_job_get_state (job), ==, CL_SCAN_STATE_FAILED);
      g_assert_nonnull (cl_scan_job_get_failure_reason (job));
    }

  g_signal_handlers_disconnect_by_data (job, &wait);
  g_clear_object (&wait.result);
  if (job_out != NULL)
    *job_out = g_steal_pointer (&job);
  if (seen_out != NULL)
    *seen_out = g_steal_pointer (&wait.seen);
  g_clear_pointer (&wait.seen, g_hash_table_unref);

  return report;
}

static ClModuleStatus
status_of (ClReport   *report,
           const char *module_id)
{
  GPtrArray *results = cl_report_get_results (report);

  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (cl_module_result_get_module_id (g_ptr_array_index (results, i)), module_id))
      return cl_module_result_get_status (g_ptr_array_index (results, i));
  g_error ("no module %s in the report", module_id);
}

static gboolean
has_caveat (ClReport   *report,
            const char *part)
{
  GPtrArray *caveats = cl_report_get_caveats (report);

  for (guint i = 0; i < caveats->len; i++)
    if (strstr (g_ptr_array_index (caveats, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static char *
describe (ClReport *report)
{
  g_autoptr(GString) s = g_string_new (NULL);
  GPtrArray *results = cl_report_get_results (report);

  g_string_append_printf (s, "%s: %u %s;", cl_report_get_domain (report),
                          cl_report_get_score (report), cl_report_get_grade (report));
  for (guint i = 0; i < results->len; i++)
    {
      ClModuleResult *r = g_ptr_array_index (results, i);
      g_autofree char *ids = cl_test_rule_ids (r);
      guint score = 0;

      if (cl_module_result_get_status (r) == CL_MODULE_STATUS_NOT_IMPLEMENTED)
        continue;
      cl_report_get_module_score (report, cl_module_result_get_module_id (r), &score);
      g_string_append_printf (s, " %s=%s/%u[%s]", cl_module_result_get_module_id (r),
                              cl_module_status_to_string (cl_module_result_get_status (r)), score, ids);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Each domain of domains.tsv with a letter grade gets exactly that grade. */
static void
test_grades (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "world", "domains.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  guint graded = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", 4);
      g_autoptr(ClReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *description = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *id = NULL;

      if (lines[i][0] == '#' || g_strv_length (cols) < 2 || strlen (cols[1]) != 1 ||
          strchr ("ABCDF", cols[1][0]) == NULL)
        continue;

      report = scan (cols[0], settings, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      description = describe (report);
      g_test_message ("%s", description);
      if (g_strcmp0 (cl_report_get_grade (report), cols[1]) != 0)
        g_error ("%s is built to get %s: %s", cols[0], cols[1], description);

      g_assert_cmpuint (cl_report_get_results (report)->len, ==, 15);
      root = cl_report_to_json (report);
      id = cl_report_compute_id (root);
      g_assert_cmpstr (id, ==, cl_report_get_id (report));
      graded++;
    }

  g_assert_cmpuint (graded, >=, 4);
}

static void
test_mail_only (void)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClReport) report = scan ("mailonly.example", settings, NULL, NULL, NULL, &error);
  const char *web[] = { "ssl", "headers", "ports", "cookies", "waf" };

  g_assert_no_error (error);
  g_assert_cmpint (status_of (report, "dns_email"), ==, CL_MODULE_STATUS_COMPLETED);
  g_assert_cmpint (status_of (report, "dnssec"), ==, CL_MODULE_STATUS_COMPLETED);
  for (guint i = 0; i < G_N_ELEMENTS (web); i++)
    g_assert_cmpint (status_of (report, web[i]), ==, CL_MODULE_STATUS_NOT_APPLICABLE);
  g_assert_true (has_caveat (report, "no A or AAAA record"));
  /* only the DNS modules are weighted, so the score is theirs */
  {
    guint dns, dnssec;
    double w_dns = cl_module_catalog_lookup ("dns_email")->weight;
    double w_dnssec = cl_module_catalog_lookup ("dnssec")->weight;

    g_assert_true (cl_report_get_module_score (report, "dns_email", &dns));
    g_assert_true (cl_report_get_module_score (report, "dnssec", &dnssec));
    g_assert_cmpuint (cl_report_get_score (report), ==,
                      (guint)((w_dns * dns + w_dnssec * dnssec) / (w_dns + w_dnssec) + 0.5));
  }
}

static void
test_nxdomain (void)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClScanJob) job = NULL;
  g_autoptr(ClReport) report = scan ("nxdomain.example", settings, NULL, &job, NULL, &error);

  g_assert_null (report);
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (cl_scan_job_get_failure_reason (job), "NXDOMAIN"));
}

/* All fifteen modules run on good.example, all complete, and the scan ends
 * within one module timeout: the modules run at once. */
static void
test_all_modules (void)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClReport) report = NULL;
  GPtrArray *catalog = cl_module_catalog_list ();
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  report = scan ("good.example", settings, NULL, NULL, NULL, &error);
  elapsed = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  g_test_message ("good.example, %u modules: %.1f s", catalog->len, elapsed);
  g_assert_no_error (error);

  g_assert_cmpuint (catalog->len, ==, 15);
  g_assert_cmpuint (cl_report_get_results (report)->len, ==, catalog->len);
  for (guint i = 0; i < catalog->len; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, i);

      g_test_message ("%s: %s", info->id, cl_module_status_to_string (status_of (report, info->id)));
      g_assert_cmpint (status_of (report, info->id), ==, CL_MODULE_STATUS_COMPLETED);
    }
  g_assert_cmpfloat (elapsed, <, cl_scan_settings_get_module_timeout (settings));
}

/* A host that accepts and never answers cannot hold a scan past the module
 * timeout (plus the resolution and the web probe, each one network step). */
static void
test_silent_bounded (void)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClReport) report = NULL;
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  cl_scan_settings_set_module_timeout (settings, 6);
  report = scan ("silent.example", settings, NULL, NULL, NULL, &error);
  elapsed = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  g_test_message ("silent.example took %.1f s", elapsed);

  g_assert_cmpfloat (elapsed, <, 6 + 2 * 2 + 1);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (report, "ssl"), ==, CL_MODULE_STATUS_UNAVAILABLE);
  g_assert_cmpint (status_of (report, "headers"), ==, CL_MODULE_STATUS_UNAVAILABLE);
  g_assert_true (has_caveat (report, "weight was spread"));
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClScanJob) job = NULL;
  g_autoptr(ClReport) report = NULL;
  gint64 start;

  /* With these timeouts silent.example would hold the scan for a minute:
   * ending within a few seconds of the cancel can only be the cancel's
   * doing, however loaded the machine is. */
  cl_scan_settings_set_module_timeout (settings, 120);
  cl_scan_settings_set_network_timeout (settings, 60);
  g_timeout_add (300, cancel_soon, cancellable);
  start = g_get_monotonic_time ();
  report = scan ("silent.example", settings, cancellable, &job, NULL, &error);

  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_progress (void)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(ClScanJob) job = NULL;
  g_autoptr(ClReport) report = scan ("good.example", settings, NULL, &job, &seen, &error);
  const char *ran[] = { "ssl", "headers", "dns_email", "ports", "cookies", "dnssec", "waf" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (ran); i++)
    {
      g_autofree char *running = g_strdup_printf ("%s/%u", ran[i], CL_MODULE_PROGRESS_RUNNING);
      g_autofree char *done = g_strdup_printf ("%s/%u", ran[i], CL_MODULE_PROGRESS_DONE);

      g_assert_true (g_hash_table_contains (seen, running));
      g_assert_true (g_hash_table_contains (seen, done));
      g_assert_cmpint (cl_scan_job_get_module_progress (job, ran[i]), ==, CL_MODULE_PROGRESS_DONE);
    }
  /* the remote-service modules reach the world's recorded services */
  g_assert_cmpint (status_of (report, "whois"), ==, CL_MODULE_STATUS_COMPLETED);
  g_assert_cmpint (status_of (report, "breaches"), ==, CL_MODULE_STATUS_COMPLETED);
  g_assert_cmpint (status_of (report, "subdomains"), ==, CL_MODULE_STATUS_COMPLETED);
}

/* A module the user turned off is not run: it is reported unavailable with
 * the reason, its weight goes to the others, a caveat says so. */
static void
test_skipped_module (void)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  g_autoptr(ClReport) full = NULL;
  g_autoptr(ClReport) skipped = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) error = NULL;
  guint score;

  full = scan ("fair.example", settings, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cl_report_get_module_score (full, "ports", &score));
  g_assert_cmpuint (score, <, 100);

  cl_scan_settings_set_skipped_modules (settings, (const char *[]) { "ports", NULL });
  skipped = scan ("fair.example", settings, NULL, NULL, &seen, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (skipped, "ports"), ==, CL_MODULE_STATUS_UNAVAILABLE);
  g_assert_false (g_hash_table_contains (seen, "ports/1"));  /* never running */
  g_assert_false (cl_report_get_module_score (skipped, "ports", &score));
  g_assert_true (has_caveat (skipped, "turned off in the settings"));
  g_assert_cmpint (status_of (skipped, "ssl"), ==, CL_MODULE_STATUS_COMPLETED);
  /* The total is the other modules' weighted mean alone.  (Comparing it
   * with the full scan's total proves nothing: with cookies and dnssec
   * scored, fair.example's totals with and without ports are both 72.) */
  {
    GPtrArray *results = cl_report_get_results (skipped);
    double sum = 0, weights = 0;

    for (guint i = 0; i < results->len; i++)
      {
        const char *id = cl_module_result_get_module_id (g_ptr_array_index (results, i));
        double weight = cl_module_catalog_lookup (id)->weight;

        if (!cl_report_get_module_score (skipped, id, &score))
          continue;
        g_assert_cmpstr (id, !=, "ports");
        sum += weight * score;
        weights += weight;
      }
    /* below the catalog's total less ports' (the weights add up to 1.05) */
    {
      GPtrArray *catalog = cl_module_catalog_list ();
      double total = 0;

      for (guint i = 0; i < catalog->len; i++)
        total += ((ClModuleInfo *)g_ptr_array_index (catalog, i))->weight;
      g_assert_cmpfloat (weights, <, total - cl_module_catalog_lookup ("ports")->weight + 1e-9);
    }
    g_assert_cmpuint (cl_report_get_score (skipped), ==, (guint)(sum / weights + 0.5));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/world/scan/grades", test_grades);
  g_test_add_func ("/world/scan/all-modules", test_all_modules);
  g_test_add_func ("/world/scan/skipped-module", test_skipped_module);
  g_test_add_func ("/world/scan/mail-only", test_mail_only);
  g_test_add_func ("/world/scan/nxdomain", test_nxdomain);
  g_test_add_func ("/world/scan/silent-bounded", test_silent_bounded);
  g_test_add_func ("/world/scan/cancel", test_cancel);
  g_test_add_func ("/world/scan/progress", test_progress);

  return g_test_run ();
}
