/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>

#include "cl-cli-export.h"
#include "cl-cli-output.h"
#include "cl-cli-scan.h"
#include "cl-cli-store.h"
#include "cl-domain.h"
#include "cl-error.h"
#include "cl-json-writer.h"
#include "cl-report.h"
#include "cl-scan-job.h"

/* `compliancelayer-cli scan`: one domain with a readable summary or the
 * report JSON, or many (--from) as JSON lines with bounded concurrency.
 * Every completed report is recorded in the store before it is printed (a
 * report printed is a report kept), with the user's false positives left
 * out; a domain scanned within the hour is answered from the store. */

/* How old a recorded report may be to answer a scan without --rescan. */
#define CACHE_MAX_AGE_SECONDS 3600

typedef struct
{
  ClScanSettings *settings;
  ClStore        *store;
  GCancellable   *cancellable;
  gboolean        rescan;
  gboolean        json;
  gboolean        progress;
  char           *pdf;          /* nullable: --pdf */
  GQueue          queue;        /* domains (input text) still to start */
  guint           running;
  guint           max_running;
  guint           failures;
  ClExit          last_exit;
  gboolean        batch;
  GMainLoop      *loop;
} ScanRun;

static void start_next (ScanRun *run);

static void
on_module_progress (ClScanJob  *job,
                    const char *module_id,
                    guint       progress,
                    ScanRun    *run)
{
  static const char * const names[] = { "waiting", "running", "done" };

  /* stderr, so that stdout stays the report */
  g_printerr ("progress %s %s %s\n", cl_scan_job_get_domain (job), module_id, names[progress]);
}

static void
print_report (ScanRun  *run,
              ClReport *report)
{
  g_autoptr(JsonNode) root = cl_report_to_json (report);

  if (run->batch)
    {
      /* One report a line: JSON lines */
      g_autofree char *line = cl_json_to_string (root, CL_JSON_CANONICAL);
      g_print ("%s\n", line);
    }
  else if (run->json)
    {
      g_autofree char *text = cl_json_to_string (root, CL_JSON_PRETTY);
      g_print ("%s", text);
    }
  else
    cl_cli_print_summary (report);
}

static void
fail_domain (ScanRun      *run,
             const char   *domain,
             const GError *error)
{
  cl_cli_print_error (domain, error, run->json || run->batch);
  run->failures++;
  run->last_exit = cl_cli_exit_for_error (error);
}

/* --pdf: the report as a signed PDF, once it is recorded (its history
 * then includes it). */
static void
export_pdf (ScanRun  *run,
            ClReport *report)
{
  ClCliExportOptions options = { .pdf = run->pdf };
  g_autoptr(GError) error = NULL;

  if (run->pdf != NULL && !cl_cli_export_report (run->store, report, &options, &error))
    {
      g_printerr ("%s: %s: %s\n", cl_report_get_domain (report), cl_error_code_name (error), error->message);
      run->failures++;
      run->last_exit = cl_cli_exit_for_error (error);
    }
}

/* The report is out already: the store's failure goes to standard error
 * and into the exit status. */
static void
save_and_print (ScanRun  *run,
                ClReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scan_id = cl_store_save_report (run->store, report, &error);

  print_report (run, report);
  if (scan_id == NULL)
    {
      g_printerr ("%s: %s: %s\n", cl_report_get_domain (report), cl_error_code_name (error), error->message);
      run->failures++;
      run->last_exit = CL_EXIT_INTERNAL;
    }
  else if (!run->json && !run->batch)
    g_print (_("\nRecorded as scan %s in %s\n"), scan_id, cl_store_get_path (run->store));
  export_pdf (run, report);
}

static void
print_cached (ScanRun  *run,
              ClReport *report)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = cl_cli_format_time (cl_report_get_scanned_at (report));
  GTimeSpan age = g_date_time_difference (now, cl_report_get_scanned_at (report));
  guint minutes = MAX (age, 0) / G_TIME_SPAN_MINUTE;
  g_autofree char *note = g_strdup_printf (ngettext ("%s: from the store, scanned %s (%u minute ago); --rescan scans again",
                                                     "%s: from the store, scanned %s (%u minutes ago); --rescan scans again",
                                                     minutes),
                                           cl_report_get_domain (report), when, minutes);

  /* stdout stays the report in the JSON forms */
  if (run->json || run->batch)
    g_printerr ("%s\n", note);
  else
    g_print ("%s\n\n", note);
  print_report (run, report);
  export_pdf (run, report);
}

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ScanRun *run = user_data;
  ClScanJob *job = CL_SCAN_JOB (source);
  g_autoptr(GError) error = NULL;

  if (cl_scan_job_run_finish (job, result, &error))
    {
      const char *domain = cl_scan_job_get_domain (job);
      g_autoptr(GPtrArray) exclusions = NULL;
      g_autoptr(ClReport) report = NULL;

      /* read now, not at the start: a mark made during the scan counts */
      if (!(exclusions = cl_store_list_exclusions (run->store, domain, &error)))
        fail_domain (run, domain, error);
      else
        {
          report = cl_report_new_full (domain, cl_scan_job_get_started_at (job),
                                       cl_scan_job_get_results (job),
                                       cl_scan_job_get_caveats (job), exclusions);
          save_and_print (run, report);
        }
    }
  else
    fail_domain (run, cl_scan_job_get_domain (job), error);

  g_object_unref (job);
  run->running--;
  start_next (run);
}

static void
start_next (ScanRun *run)
{
  while (run->running < run->max_running && !g_queue_is_empty (&run->queue))
    {
      g_autofree char *input = g_queue_pop_head (&run->queue);
      g_autofree char *domain = NULL;
      g_autoptr(GError) error = NULL;
      ClScanJob *job;

      if (!(domain = cl_domain_normalize (input, &error)))
        {
          fail_domain (run, input, error);
          continue;
        }
      if (!run->rescan)
        {
          g_autoptr(ClReport) cached = NULL;

          cached = cl_store_find_recent_report (run->store, domain, CACHE_MAX_AGE_SECONDS, &error);
          if (cached != NULL)
            print_cached (run, cached);
          else if (error != NULL)
            fail_domain (run, domain, error);
          if (cached != NULL || error != NULL)
            continue;
        }

      job = cl_scan_job_new (domain, run->settings);
      if (run->progress)
        g_signal_connect (job, "module-progress", G_CALLBACK (on_module_progress), run);
      run->running++;
      cl_scan_job_run_async (job, run->cancellable, job_done, run);
    }

  if (run->running == 0 && g_queue_is_empty (&run->queue))
    g_main_loop_quit (run->loop);
}

static gboolean
on_interrupt (gpointer user_data)
{
  ScanRun *run = user_data;

  g_printerr ("%s\n", _("Cancelling…"));
  g_cancellable_cancel (run->cancellable);
  /* Nothing queued starts after an interrupt. */
  g_queue_clear_full (&run->queue, g_free);

  return G_SOURCE_CONTINUE;
}

static gboolean
read_domains (const char  *path,
              GQueue      *queue,
              GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
        return FALSE;
      g_output_stream_write (out, "", 1, NULL, NULL);
      contents = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
    }
  else if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      g_queue_push_tail (queue, g_strdup (line));
    }

  return TRUE;
}

int
cl_cli_scan (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClScanSettings) settings = cl_scan_settings_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *resolver = NULL;
  g_autofree char *trust_anchor = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *rdap_bootstrap = NULL;
  g_autofree char *ct_log = NULL;
  g_autofree char *breach_list = NULL;
  g_autofree char *from = NULL;
  g_autofree char *database = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(ClStore) store = NULL;
  gboolean rescan = FALSE;
  gboolean json = FALSE;
  gboolean progress = FALSE;
  int module_timeout = -1;
  int network_timeout = -1;
  int jobs = 4;
  ScanRun run = { 0 };
  guint sigint_id, sigterm_id;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress, N_("Print each module’s progress on standard error"), NULL },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("Scan every domain listed in FILE (one a line; - for standard input) and print JSON lines"), N_("FILE") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Scan at most N domains at once with --from (default 4)"), N_("N") },
    { "resolver", 0, 0, G_OPTION_ARG_STRING, &resolver, N_("Send DNS queries to this resolver instead of the system’s"), N_("ADDRESS[@PORT]") },
    { "trust-anchor", 0, 0, G_OPTION_ARG_FILENAME, &trust_anchor, N_("DNSSEC trust anchor: DS or DNSKEY records in zone-file form"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_("Trust the PEM certificates in FILE besides the system’s"), N_("FILE") },
    { "rdap-bootstrap", 0, 0, G_OPTION_ARG_STRING, &rdap_bootstrap, N_("IANA’s RDAP bootstrap for domains (default https://data.iana.org/rdap/dns.json)"), N_("URL") },
    { "ct-log", 0, 0, G_OPTION_ARG_STRING, &ct_log, N_("The certificate-transparency search, crt.sh’s JSON interface (default https://crt.sh/)"), N_("URL") },
    { "breach-list", 0, 0, G_OPTION_ARG_STRING, &breach_list, N_("Have I Been Pwned’s breach list (default https://haveibeenpwned.com/api/v3/breaches)"), N_("URL") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &module_timeout, N_("The longest one module may take, in seconds (default 30)"), N_("SECONDS") },
    { "network-timeout", 0, 0, G_OPTION_ARG_INT, &network_timeout, N_("The longest one network step may take, in seconds (default 5)"), N_("SECONDS") },
    { "rescan", 0, 0, G_OPTION_ARG_NONE, &rescan, N_("Scan even if the store has a report of the last hour"), NULL },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("The database file (default: $COMPLIANCELAYER_DATABASE, or compliancelayer.db in the user’s data folder)"), N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Also write the report as a PDF, signed with your key (see “export”)"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("DOMAIN — scan a domain’s external security posture"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return CL_EXIT_VALIDATION;
    }

  if ((from == NULL) == (argc != 2))
    {
      g_printerr ("%s\n", _("Give one DOMAIN, or --from FILE"));
      return CL_EXIT_VALIDATION;
    }
  if (pdf != NULL && from != NULL)
    {
      g_printerr ("%s\n", _("--pdf writes the report of one DOMAIN, not of --from"));
      return CL_EXIT_VALIDATION;
    }
  if ((module_timeout != -1 && (module_timeout < 1 || module_timeout > 600)) ||
      (network_timeout != -1 && (network_timeout < 1 || network_timeout > 120)) ||
      jobs < 1 || jobs > 64)
    {
      g_printerr ("%s\n", _("--timeout must be 1–600, --network-timeout 1–120 and --jobs 1–64"));
      return CL_EXIT_VALIDATION;
    }

  cl_scan_settings_set_resolver (settings, resolver);
  cl_scan_settings_set_trust_anchor_file (settings, trust_anchor);
  cl_scan_settings_set_ca_file (settings, ca_file);
  cl_scan_settings_set_rdap_bootstrap_url (settings, rdap_bootstrap);
  cl_scan_settings_set_ct_log_url (settings, ct_log);
  cl_scan_settings_set_breach_list_url (settings, breach_list);
  if (module_timeout != -1)
    cl_scan_settings_set_module_timeout (settings, module_timeout);
  if (network_timeout != -1)
    cl_scan_settings_set_network_timeout (settings, network_timeout);

  /* before any traffic: a scan that cannot be recorded is not started */
  if (!(store = cl_cli_open_store (database, TRUE, &error)))
    {
      cl_cli_print_error (NULL, error, json || from != NULL);
      return cl_cli_exit_for_error (error);
    }

  run.settings = settings;
  run.store = store;
  run.rescan = rescan;
  run.cancellable = cancellable;
  run.json = json;
  run.progress = progress;
  run.pdf = pdf;
  run.loop = loop;
  run.batch = from != NULL;
  run.max_running = run.batch ? jobs : 1;
  g_queue_init (&run.queue);

  if (from != NULL)
    {
      if (!read_domains (from, &run.queue, &error))
        {
          g_printerr ("%s\n", error->message);
          return CL_EXIT_VALIDATION;
        }
    }
  else
    g_queue_push_tail (&run.queue, g_strdup (argv[1]));

  sigint_id = g_unix_signal_add (SIGINT, on_interrupt, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_interrupt, &run);

  start_next (&run);
  if (run.running > 0)
    g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (run.failures == 0)
    return CL_EXIT_OK;
  return run.batch ? CL_EXIT_PARTIAL : run.last_exit;
}
