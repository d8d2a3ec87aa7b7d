/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ui-responsiveness"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cl-application.h"
#include "cl-report-view.h"
#include "cl-window.h"
#include "cl-ui-util.h"

/* Scans world domains in the real window, ten times, and prints the longest
 * time the main loop went without running (a 1 ms timer measures the gaps),
 * how much of it the main thread spent on the CPU (on a loaded machine the
 * rest is waiting for a core), the longest frame, and the resident memory.
 * Figures are kept apart for the time a scan runs and for the moment its
 * report page is built and first drawn.  Run by bench/ui.sh. */

#define LONG_STALL_US 50000

typedef enum { SCANNING, SHOWING_REPORT, N_PHASES } Phase;

static const char *phase_names[] = { "while scans run", "when a report opens" };

static struct
{
  gint64 longest_stall, longest_stall_cpu, longest_frame;
  guint  long_stalls;
} figures[N_PHASES];

/* CL_BENCH_TRACE=1: each long stall and frame on stderr, with its
 * CLOCK_MONOTONIC times in µs, to match with `perf record -k
 * CLOCK_MONOTONIC` samples. */
#define TRACE_STALL_US 40000
#define TRACE_FRAME_US 25000

static gboolean trace;
static Phase  phase;
static gint64 last_tick, last_tick_cpu;
static gint64 frame_start, layout_end;
static guint  frames;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
tick (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (last_tick != 0 && now - last_tick > figures[phase].longest_stall)
    {
      figures[phase].longest_stall = now - last_tick;
      figures[phase].longest_stall_cpu = cpu - last_tick_cpu;
    }
  if (trace && last_tick != 0 && now - last_tick > TRACE_STALL_US)
    fprintf (stderr, "stall %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s: %.1f ms, %.1f ms on the CPU\n",
             last_tick, now, phase_names[phase], (now - last_tick) / 1000.0, (cpu - last_tick_cpu) / 1000.0);
  if (last_tick != 0 && now - last_tick > LONG_STALL_US)
    figures[phase].long_stalls++;
  last_tick = now;
  last_tick_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static void
before_paint (void)
{
  frame_start = g_get_monotonic_time ();
}

/* Connected after GTK's own handlers: each runs when GTK's phase is done. */
static void
after_layout (void)
{
  layout_end = g_get_monotonic_time ();
}

static void
after_paint (void)
{
  gint64 now = g_get_monotonic_time ();

  if (trace && now - frame_start > TRACE_FRAME_US)
    fprintf (stderr, "frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s: %.1f ms, layout %.1f ms, drawing %.1f ms\n",
             frame_start, now, phase_names[phase], (now - frame_start) / 1000.0,
             (layout_end - frame_start) / 1000.0, (now - layout_end) / 1000.0);
  figures[phase].longest_frame = MAX (figures[phase].longest_frame, now - frame_start);
  frames++;
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

static double
status_mib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);

  return line != NULL ? strtol (line + strlen (field), NULL, 10) / 1024.0 : -1;
}

static void
print_memory (const char *when)
{
  printf ("memory %-25s %7.1f MiB (%.1f MiB of it the app's own, the rest shared libraries)\n",
          when, status_mib ("VmRSS:"), status_mib ("RssAnon:"));
}

static void
run_for (gint64 usec)
{
  gint64 start = g_get_monotonic_time ();

  while (g_get_monotonic_time () - start < usec)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
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

  cl_ui_prepare_process ();  /* as the app's main() does */
  trace = g_getenv ("CL_BENCH_TRACE") != NULL;
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
  /* the figures are of scans, not of the app starting: a user takes a
   * moment to type the first domain */
  run_for (G_USEC_PER_SEC);
  print_memory ("after the window opened");

  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick, NULL, NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "before-paint",
                    G_CALLBACK (before_paint), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "layout",
                    G_CALLBACK (after_layout), NULL);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10; i++)
    {
      const char *domain = domains[i % G_N_ELEMENTS (domains)];

      guint frames_before;

      phase = SCANNING;
      cl_window_start_scan (CL_WINDOW (window), domain);
      /* wait for the new report: the old one goes when the scan starts */
      while (find_report (GTK_WIDGET (window), domain) != NULL)
        g_main_context_iteration (NULL, TRUE);
      while (find_report (GTK_WIDGET (window), domain) == NULL)
        g_main_context_iteration (NULL, TRUE);
      /* the report page is built; until it is drawn twice (its first
       * frame may be half laid out), the work is showing it */
      phase = SHOWING_REPORT;
      frames_before = frames;
      while (frames < frames_before + 2)
        g_main_context_iteration (NULL, TRUE);
    }

  printf ("10 scans in the window           %7.2f s\n", (g_get_monotonic_time () - start) / 1e6);
  for (Phase p = SCANNING; p < N_PHASES; p++)
    {
      printf ("%s:\n", phase_names[p]);
      printf ("  longest main-loop stall        %7.1f ms (%.1f ms of it on the CPU)\n",
              figures[p].longest_stall / 1000.0, figures[p].longest_stall_cpu / 1000.0);
      printf ("  main-loop stalls over %d ms    %7u\n", LONG_STALL_US / 1000, figures[p].long_stalls);
      printf ("  longest frame                  %7.1f ms\n", figures[p].longest_frame / 1000.0);
    }
  print_memory ("after ten scans");
  /* the app gives freed memory back once it has been quiet a few seconds */
  run_for (5 * G_USEC_PER_SEC);
  print_memory ("5 s later");

  gtk_window_destroy (window);

  return 0;
}
