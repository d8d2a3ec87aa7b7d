/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "cl-json-writer.h"
#include "cl-pdf-export.h"
#include "cl-test-reports.h"

/* The time and size of a PDF export, for a typical report and one with
 * 200 findings, signed as the app and the CLI do: the median of a few
 * runs, each laying the document out twice and drawing it once.  With a
 * folder argument, the two reports' JSON are written there too, for
 * bench/pdf.sh to time the command line on them. */

#define RUNS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
bench (const char                *label,
       const ClTestReportOptions *options,
       ClSigningKey              *key,
       const char                *json_dir)
{
  g_autoptr(ClReport) report = cl_test_report_new (options);
  g_autoptr(ClPdfExport) export = cl_pdf_export_new (report);
  double times[RUNS];
  gsize size = 0;
  guint n_pages = 0;

  cl_pdf_export_set_signing_key (export, key);
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) pdf = NULL;
      gint64 start = g_get_monotonic_time ();

      pdf = cl_pdf_export_render (export, NULL, &n_pages, NULL, &error);
      if (pdf == NULL)
        g_error ("%s", error->message);
      times[i] = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      size = g_bytes_get_size (pdf);
    }
  qsort (times, RUNS, sizeof (double), compare_doubles);

  g_print ("%-28s %3u issues  %3u pages  %7.1f KB  %.3f s (median of %u; fastest %.3f s)\n",
           label, cl_report_get_issues (report)->len, n_pages, size / 1024.0,
           times[RUNS / 2], RUNS, times[0]);

  if (json_dir != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%u-findings.json", cl_report_get_issues (report)->len);
      g_autofree char *path = g_build_filename (json_dir, name, NULL);
      g_autofree char *text = cl_report_to_string (report);

      if (!g_file_set_contents (path, text, -1, NULL))
        g_error ("cannot write %s", path);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("bench-pdf-XXXXXX", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSigningKey) key = cl_signing_key_load (key_path, TRUE, &error);
  const ClTestReportOptions typical = { .false_positive = TRUE };
  const ClTestReportOptions many = { .n_findings = 200 };

  if (key == NULL)
    g_error ("%s", error->message);

  bench ("typical report", &typical, key, argc > 1 ? argv[1] : NULL);
  bench ("200 findings", &many, key, argc > 1 ? argv[1] : NULL);

  g_unlink (key_path);
  g_rmdir (dir);
  return 0;
}
