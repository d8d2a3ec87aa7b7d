/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ui-responsiveness"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cl-application.h"
#include "cl-report-view.h"
#include "cl-window.h"

/* Scans world domains in the real window, ten times, and prints the longest
 * time the main loop went without running (a 1 ms timer measures the gaps)
 * and the resident memory after the ten scans.  Run by bench/ui.sh. */

static gint64 last_tick;
static gint64 longest_stall;

static gboolean
tick (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > longest_stall)
    longest_stall = now - last_tick;
  last_tick = now;

  return G_SOURCE_CONTINUE;
}

static GtkWidget *
find_report (GtkWidget  *widget,
             const char *domain)
{
  if (CL_IS_REPORT_VIEW (widget) && gtk_widget_get_mapped (widget) &&
      g_str_equal (cl_report_get_domain (cl_report_view_get_report (CL_REPORT_VIEW (widget))), domain))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_report (child, domain);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");

  return line != NULL ? strtol (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

int
main (int   argc,
      char *argv[])
{
  static const char *domains[] = { "good.example", "fair.example", "bad.example", "mailonly.example" };
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(ClApplication) app = NULL;
  GtkWindow *window;
  gint64 start;

  gtk_init ();
  adw_init ();
  if (g_getenv ("CL_WORLD_DIR") == NULL)
    g_error ("run inside tests/world/run");

  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "resolver", g_getenv ("CL_WORLD_RESOLVER"));
  g_settings_set_string (settings, "trust-anchor-file", g_getenv ("CL_WORLD_TRUST_ANCHOR"));
  g_settings_set_string (settings, "ca-file", g_getenv ("CL_WORLD_CA_FILE"));
  g_settings_set_uint (settings, "cache-duration", 0);  /* every scan is a scan */

  app = cl_application_new ();
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_activate (G_APPLICATION (app));
  while ((window = gtk_application_get_active_window (GTK_APPLICATION (app))) == NULL)
    g_main_context_iteration (NULL, TRUE);
  printf ("memory after the window opened   %7.1f MiB\n", rss_kib () / 1024.0);

  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick, NULL, NULL);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10; i++)
    {
      const char *domain = domains[i % G_N_ELEMENTS (domains)];

      cl_window_start_scan (CL_WINDOW (window), domain);
      /* wait for the new report: the old one goes when the scan starts */
      while (find_report (GTK_WIDGET (window), domain) != NULL)
        g_main_context_iteration (NULL, TRUE);
      while (find_report (GTK_WIDGET (window), domain) == NULL)
        g_main_context_iteration (NULL, TRUE);
    }

  printf ("10 scans in the window            %7.2f s\n", (g_get_monotonic_time () - start) / 1e6);
  printf ("longest main-loop stall           %7.1f ms\n", longest_stall / 1000.0);
  printf ("memory after ten scans            %7.1f MiB\n", rss_kib () / 1024.0);

  gtk_window_destroy (window);

  return 0;
}
