/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-cli-output.h"
#include "cl-error.h"
#include "cl-json-writer.h"
#include "cl-module-catalog.h"
#include "cl-scoring.h"

ClExit
cl_cli_exit_for_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return CL_EXIT_CANCELLED;
  if (g_error_matches (error, CL_ERROR, CL_ERROR_VALIDATION))
    return CL_EXIT_VALIDATION;
  if (g_error_matches (error, CL_ERROR, CL_ERROR_NOT_FOUND))
    return CL_EXIT_NOT_FOUND;
  return CL_EXIT_INTERNAL;
}

/* The seed's error body, with the domain it is about. */
char *
cl_cli_error_json (const char   *domain,
                   const GError *error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  if (domain != NULL)
    {
      json_builder_set_member_name (b, "domain");
      json_builder_add_string_value (b, domain);
    }
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "failed");
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, cl_error_code_name (error));
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, error->message);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  return cl_json_to_string (root, CL_JSON_CANONICAL);
}

void
cl_cli_print_error (const char   *domain,
                    const GError *error,
                    gboolean      json)
{
  if (json)
    {
      g_autofree char *line = cl_cli_error_json (domain, error);
      g_print ("%s\n", line);
    }
  else
    g_printerr ("%s: %s\n", cl_error_code_name (error), error->message);
}

/* A time for people: local, to the minute. */
char *
cl_cli_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static const char *
severity_label_upper (ClSeverity severity)
{
  static char labels[CL_N_SEVERITIES][32];

  if (labels[severity][0] == '\0')
    {
      g_autofree char *up = g_utf8_strup (cl_severity_to_label (severity), -1);
      g_strlcpy (labels[severity], up, sizeof labels[severity]);
    }
  return labels[severity];
}

void
cl_cli_print_summary (ClReport *report)
{
  GPtrArray *results = cl_report_get_results (report);
  GPtrArray *issues = cl_report_get_issues (report);
  GPtrArray *recommendations = cl_report_get_recommendations (report);
  GPtrArray *caveats = cl_report_get_caveats (report);
  GPtrArray *excluded = cl_report_get_excluded (report);
  g_autofree char *when = g_date_time_format_iso8601 (cl_report_get_scanned_at (report));

  if (cl_report_has_score (report))
    g_print (_("%s — grade %s, score %u/100 (%s)\n"),
             cl_report_get_domain (report), cl_report_get_grade (report),
             cl_report_get_score (report),
             cl_scoring_risk_label (cl_report_get_risk_level (report)));
  else
    g_print (_("%s — no score\n"), cl_report_get_domain (report));
  g_print (_("Report %s, scanned %s\n\n"), cl_report_get_id (report), when);

  g_print ("%-18s %5s  %-5s %6s  %s\n", _("Module"), _("Score"), _("Grade"), _("Weight"), _("Status"));
  for (guint i = 0; i < results->len; i++)
    {
      ClModuleResult *result = g_ptr_array_index (results, i);
      const char *id = cl_module_result_get_module_id (result);
      const ClModuleInfo *info = cl_module_catalog_lookup (id);
      guint score;

      if (cl_report_get_module_score (report, id, &score))
        g_print ("%-18s %5u  %-5s %5.0f%%  %s\n", _(info->title), score, cl_scoring_grade (score),
                 info->weight * 100, cl_module_status_to_string (cl_module_result_get_status (result)));
      else
        g_print ("%-18s %5s  %-5s %5.0f%%  %s\n", _(info->title), "—", "—",
                 info->weight * 100, cl_module_status_to_string (cl_module_result_get_status (result)));
    }

  if (issues->len > 0)
    {
      g_print (_("\nIssues (%u)\n"), issues->len);
      for (guint i = 0; i < issues->len; i++)
        {
          ClFinding *f = g_ptr_array_index (issues, i);

          g_print ("  %-8s %-10s %s\n", severity_label_upper (cl_finding_get_severity (f)),
                   cl_finding_get_module_id (f), cl_finding_get_finding (f));
          if (cl_finding_get_evidence (f) != NULL)
            g_print ("  %-8s %-10s %s %s\n", "", "", _("Seen:"), cl_finding_get_evidence (f));
          g_print ("  %-8s %-10s %s %s\n", "", "", _("Fix:"), cl_finding_get_remediation (f));
        }
    }

  if (excluded->len > 0)
    {
      g_print (_("\nLeft out as false positives (%u)\n"), excluded->len);
      for (guint i = 0; i < excluded->len; i++)
        {
          ClFinding *f = g_ptr_array_index (excluded, i);
          ClExclusion *exclusion = cl_report_find_exclusion (report, cl_finding_get_rule_id (f));

          g_print ("  %-8s %-10s %s\n", severity_label_upper (cl_finding_get_severity (f)),
                   cl_finding_get_module_id (f), cl_finding_get_finding (f));
          if (exclusion != NULL)
            {
              g_autofree char *marked_at = cl_cli_format_time (exclusion->marked_at);

              g_print ("  %-8s %-10s ", "", "");
              /* Translators: "judged a false positive by alice on 2026-03-01 12:00" */
              g_print (_("judged a false positive by %s on %s"), exclusion->marked_by, marked_at);
              if (exclusion->note != NULL)
                g_print (": “%s”", exclusion->note);
              g_print ("\n");
            }
        }
    }

  if (recommendations->len > 0)
    {
      g_print (_("\nRecommendations\n"));
      for (guint i = 0; i < recommendations->len; i++)
        {
          ClRecommendation *rec = g_ptr_array_index (recommendations, i);

          g_print ("  %+4d  %s\n", (int)rec->points, rec->action);
        }
    }

  if (caveats->len > 0)
    {
      g_print (_("\nCaveats\n"));
      for (guint i = 0; i < caveats->len; i++)
        g_print ("  • %s\n", (const char *)g_ptr_array_index (caveats, i));
    }
}
