/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-cli-output.h"
#include "cl-cli-store.h"
#include "cl-domain.h"
#include "cl-error.h"
#include "cl-json-writer.h"

/* The commands over the store: history, violations, mark,
 * compliance-score, report.  Each opens the store once; errors are the
 * seed's codes, as JSON on standard output with --json. */

/**
 * cl_cli_open_store:
 * @database: (nullable): --database; else $COMPLIANCELAYER_DATABASE, else
 *   the user's default database
 * @create: whether a missing database is created (by a scan), or is
 *   %CL_ERROR_NOT_FOUND (for the commands that read, so that a mistyped
 *   path is reported, not made)
 *
 * Returns: (transfer full): the store, or %NULL with an error
 */
ClStore *
cl_cli_open_store (const char  *database,
                   gboolean     create,
                   GError     **error)
{
  g_autofree char *path = database != NULL ? g_strdup (database) : cl_store_default_path ();

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_NOT_FOUND,
                   _("No database at %s: nothing was recorded there yet"), path);
      return NULL;
    }
  return cl_store_new (path, error);
}

typedef struct
{
  char     *database;
  gboolean  json;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->database);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* Parses the options every store command has, and @extra; leaves exactly
 * @n_args arguments after the command name, or prints why not. */
static gboolean
parse (int          *argc,
       char       ***argv,
       const char   *parameters,
       GOptionEntry *extra,
       guint         n_args,
       Options      *o)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print JSON"), NULL },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &o->database, N_("The database file (default: $COMPLIANCELAYER_DATABASE, or compliancelayer.db in the user’s data folder)"), N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if ((guint)*argc != n_args + 1)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return FALSE;
    }

  return TRUE;
}

static int
fail (const char   *about,
      const GError *error,
      gboolean      json)
{
  cl_cli_print_error (about, error, json);
  return cl_cli_exit_for_error (error);
}

static void
print_json (JsonNode *root)
{
  g_autofree char *text = cl_json_to_string (root, CL_JSON_PRETTY);

  g_print ("%s", text);
}

static const char *
status_label (ClViolationStatus status)
{
  switch (status)
    {
    case CL_VIOLATION_OPEN:
      return _("open");
    case CL_VIOLATION_RESOLVED:
      return _("resolved");
    case CL_VIOLATION_FALSE_POSITIVE:
      return _("false positive");
    case CL_N_VIOLATION_STATUSES:
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------ history -- */

static void
print_history_line (ClScanRecord *r)
{
  g_autofree char *when = cl_cli_format_time (r->scanned_at);

  if (r->has_score)
    g_print ("  %-16s  %5u  %-5s  %s  %s\n", when, r->score, r->grade, r->scan_id, r->report_id);
  else
    g_print ("  %-16s  %5s  %-5s  %s  %s\n", when, "—", "—", r->scan_id, r->report_id);
}

int
cl_cli_history (int    argc,
                char **argv)
{
  g_auto(Options) o = { 0 };
  g_autoptr(ClStore) store = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *domain = NULL;

  if (!parse (&argc, &argv, _("DOMAIN — the domain’s scans and scores, oldest first"), NULL, 1, &o))
    return CL_EXIT_VALIDATION;

  if (!(domain = cl_domain_normalize (argv[1], &error)))
    return fail (argv[1], error, o.json);
  if (!(store = cl_cli_open_store (o.database, FALSE, &error)) ||
      !(history = cl_store_list_history (store, domain, &error)))
    return fail (domain, error, o.json);

  if (o.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "domain");
      json_builder_add_string_value (b, domain);
      json_builder_set_member_name (b, "history");
      json_builder_begin_array (b);
      for (guint i = 0; i < history->len; i++)
        json_builder_add_value (b, cl_scan_record_to_json (g_ptr_array_index (history, i)));
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      print_json (root);
      return CL_EXIT_OK;
    }

  g_print (ngettext ("%s — %u scan\n", "%s — %u scans\n", history->len), domain, history->len);
  g_print ("  %-16s  %5s  %-5s  %-24s  %s\n", _("Scanned"), _("Score"), _("Grade"), _("Scan"), _("Report"));
  for (guint i = 0; i < history->len; i++)
    print_history_line (g_ptr_array_index (history, i));

  return CL_EXIT_OK;
}

/* --------------------------------------------------------- violations -- */

static void
print_violation (ClViolation *v)
{
  g_autofree char *severity = g_utf8_strup (cl_severity_to_label (v->severity), -1);
  g_autofree char *last_seen = cl_cli_format_time (v->last_seen);

  g_print ("  %-15s %-9s %s\n", status_label (v->status), severity, v->rule_id);
  if (v->finding != NULL)
    g_print ("  %-15s %-9s %s\n", "", "", v->finding);
  g_print ("  %-15s %-9s ", "", "");
  if (v->status == CL_VIOLATION_OPEN)
    {
      g_autofree char *first_seen = cl_cli_format_time (v->first_seen);
      g_print (_("first seen %s, last seen %s\n"), first_seen, last_seen);
    }
  else
    g_print (_("last seen %s\n"), last_seen);
  if (v->marked_by != NULL && v->marked_at != NULL)
    {
      g_autofree char *marked_at = cl_cli_format_time (v->marked_at);

      g_print ("  %-15s %-9s ", "", "");
      /* Translators: "marked false positive by alice on 2026-03-01 12:00" */
      g_print (_("marked %s by %s on %s"), status_label (v->status), v->marked_by, marked_at);
      if (v->note != NULL)
        g_print (": “%s”", v->note);
      g_print ("\n");
    }
}

int
cl_cli_violations (int    argc,
                   char **argv)
{
  g_auto(Options) o = { 0 };
  g_autoptr(ClStore) store = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *domain = NULL;
  gboolean all = FALSE;
  guint counts[CL_N_VIOLATION_STATUSES] = { 0 };
  GOptionEntry extra[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Also the resolved violations and the false positives"), NULL },
    { NULL }
  };

  if (!parse (&argc, &argv, _("DOMAIN — the domain’s violations (open ones unless --all)"), extra, 1, &o))
    return CL_EXIT_VALIDATION;

  if (!(domain = cl_domain_normalize (argv[1], &error)))
    return fail (argv[1], error, o.json);
  /* every status, for the counts */
  if (!(store = cl_cli_open_store (o.database, FALSE, &error)) ||
      !(violations = cl_store_list_violations (store, domain, TRUE, &error)))
    return fail (domain, error, o.json);

  if (o.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "domain");
      json_builder_add_string_value (b, domain);
      json_builder_set_member_name (b, "violations");
      json_builder_begin_array (b);
      for (guint i = 0; i < violations->len; i++)
        {
          ClViolation *v = g_ptr_array_index (violations, i);

          if (all || v->status == CL_VIOLATION_OPEN)
            json_builder_add_value (b, cl_violation_to_json (v));
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      print_json (root);
      return CL_EXIT_OK;
    }

  for (guint i = 0; i < violations->len; i++)
    counts[((ClViolation *)g_ptr_array_index (violations, i))->status]++;
  /* Translators: the first part of "fair.example — 5 open, 2 resolved, 1 false positive" */
  g_print (_("%s — %u open, %u resolved, "), domain, counts[CL_VIOLATION_OPEN], counts[CL_VIOLATION_RESOLVED]);
  g_print (ngettext ("%u false positive\n", "%u false positives\n", counts[CL_VIOLATION_FALSE_POSITIVE]),
           counts[CL_VIOLATION_FALSE_POSITIVE]);
  for (guint i = 0; i < violations->len; i++)
    {
      ClViolation *v = g_ptr_array_index (violations, i);

      if (all || v->status == CL_VIOLATION_OPEN)
        print_violation (v);
    }
  if (!all && counts[CL_VIOLATION_OPEN] != violations->len)
    g_print ("%s\n", _("(--all shows the resolved ones and the false positives too)"));

  return CL_EXIT_OK;
}

/* --------------------------------------------------------------- mark -- */

int
cl_cli_mark (int    argc,
             char **argv)
{
  g_auto(Options) o = { 0 };
  g_autoptr(ClStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *note = NULL;
  g_autofree char *status_name = NULL;
  ClViolationStatus status;
  GOptionEntry extra[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Why (kept with the change; say why a false positive is one)"), N_("TEXT") },
    { NULL }
  };

  if (!parse (&argc, &argv, _("DOMAIN RULE_ID resolved|false-positive|open — judge a violation"), extra, 3, &o))
    return CL_EXIT_VALIDATION;

  if (!(domain = cl_domain_normalize (argv[1], &error)))
    return fail (argv[1], error, o.json);
  status_name = g_strdelimit (g_strdup (argv[3]), "-", '_');
  if (!cl_violation_status_from_string (status_name, &status))
    {
      cl_error_invalid (&error, _("“%s” is not a status: resolved, false-positive or open"), argv[3]);
      return fail (domain, error, o.json);
    }
  if (!(store = cl_cli_open_store (o.database, FALSE, &error)) ||
      !cl_store_mark (store, domain, argv[2], status, note, &error))
    return fail (domain, error, o.json);

  if (o.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "domain");
      json_builder_add_string_value (b, domain);
      json_builder_set_member_name (b, "rule_id");
      json_builder_add_string_value (b, argv[2]);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, cl_violation_status_to_string (status));
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      print_json (root);
    }
  else
    g_print (_("%s: %s is now marked %s\n"), domain, argv[2], status_label (status));

  return CL_EXIT_OK;
}

/* --------------------------------------------------- compliance-score -- */

int
cl_cli_compliance_score (int    argc,
                         char **argv)
{
  g_auto(Options) o = { 0 };
  g_autoptr(ClStore) store = NULL;
  g_autoptr(ClComplianceScore) score = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GList) rules = NULL;

  if (!parse (&argc, &argv, _("SCAN_ID — the violation statistics of a scan (see “history”)"), NULL, 1, &o))
    return CL_EXIT_VALIDATION;

  if (!(store = cl_cli_open_store (o.database, FALSE, &error)) ||
      !(score = cl_store_get_compliance_score (store, argv[1], &error)))
    return fail (NULL, error, o.json);

  if (o.json)
    {
      g_autoptr(JsonNode) root = cl_compliance_score_to_json (score);

      print_json (root);
      return CL_EXIT_OK;
    }

  when = cl_cli_format_time (score->scan->scanned_at);
  g_print (_("%s — scan %s of %s\n"), score->scan->domain, score->scan->scan_id, when);
  if (score->scan->has_score)
    g_print (_("Score %u/100, grade %s\n"), score->scan->score, score->scan->grade);
  else
    g_print ("%s\n", _("No score: no scored module could be carried out"));
  g_print (_("Violations: %u in all — %u open, %u resolved (%u of them false positives)\n"),
           score->total_violations, score->open_violations, score->resolved_violations,
           score->false_positives);

  if (score->open_violations > 0)
    {
      g_print ("%s", _("Open by severity:"));
      for (ClSeverity s = 0; s < CL_N_SEVERITIES; s++)
        {
          if (score->by_severity[s] > 0)
            g_print (" %s %u", cl_severity_to_label (s), score->by_severity[s]);
        }
      g_print ("\n%s\n", _("Open by rule:"));
      rules = g_list_sort (g_hash_table_get_keys (score->by_rule_type), (GCompareFunc)g_strcmp0);
      for (GList *l = rules; l != NULL; l = l->next)
        g_print ("  %-44s %u\n", (const char *)l->data,
                 GPOINTER_TO_UINT (g_hash_table_lookup (score->by_rule_type, l->data)));
    }

  g_print ("\n%s\n", _("History"));
  for (guint i = 0; i < score->history->len; i++)
    print_history_line (g_ptr_array_index (score->history, i));

  return CL_EXIT_OK;
}

/* ------------------------------------------------------------- report -- */

int
cl_cli_report (int    argc,
               char **argv)
{
  g_auto(Options) o = { 0 };
  g_autoptr(ClStore) store = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ClReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse (&argc, &argv, _("REPORT_ID — a stored report, as it was issued"), NULL, 1, &o))
    return CL_EXIT_VALIDATION;

  if (!(store = cl_cli_open_store (o.database, FALSE, &error)) ||
      !(root = cl_store_get_report_json (store, argv[1], &error)))
    return fail (NULL, error, o.json);

  if (o.json)
    {
      print_json (root);
      return CL_EXIT_OK;
    }

  if (!(report = cl_report_new_from_json (root, &error)))
    return fail (NULL, error, FALSE);
  /* The summary is derived again from what the report recorded; a version
   * that derives it differently says so rather than show another id. */
  if (g_strcmp0 (cl_report_get_id (report), argv[1]) != 0)
    g_printerr (_("Note: this version derives report %s from the stored report %s (“--json” shows it as issued)\n"),
                cl_report_get_id (report), argv[1]);
  cl_cli_print_summary (report);

  return CL_EXIT_OK;
}
