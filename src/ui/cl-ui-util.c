/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-ui-util"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cl-background.h"
#include "cl-chart-gauge.h"
#include "cl-chart-modules.h"
#include "cl-chart-widget.h"
#include "cl-module-catalog.h"
#include "cl-scoring.h"
#include "cl-ui-util.h"

/* Small widgets every view shows the same way.  Colours come from
 * style.css classes so that the dark style can change them. */

GtkWidget *
cl_ui_grade_badge (const char *grade)
{
  GtkWidget *label = gtk_label_new (grade);
  g_autofree char *css_class = g_strdup_printf ("grade-%c", g_ascii_tolower (grade[0]));

  gtk_widget_add_css_class (label, "badge");
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);

  return label;
}

GtkWidget *
cl_ui_score_badge (guint score)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *text = g_strdup_printf ("%u", score);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), cl_ui_grade_badge (cl_scoring_grade (score)));

  return box;
}

static GtkWidget *
row_label (const char *text,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  return label;
}

/**
 * cl_ui_text_row_new:
 * @title: plain text, never markup: findings quote what servers sent
 * @subtitle: (nullable): a dim line under the title
 * @wrap: whether the title wraps (else it is ellipsized)
 * @suffix: (nullable) (transfer floating): a widget at the end
 *
 * A boxed-list row that looks like an AdwActionRow with a fraction of
 * its widgets: a report page holds dozens of rows, and with action rows
 * measuring their nested labels was most of the time it took to show.
 *
 * Returns: (transfer floating): an #AdwPreferencesRow
 */
GtkWidget *
cl_ui_text_row_new (const char *title,
                    const char *subtitle,
                    gboolean    wrap,
                    GtkWidget  *suffix)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), row_label (title, wrap));
  if (subtitle != NULL)
    {
      GtkWidget *label = row_label (subtitle, FALSE);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (text), label);
    }
  gtk_box_append (GTK_BOX (box), text);
  if (suffix != NULL)
    {
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), suffix);
    }
  gtk_widget_add_css_class (box, "text-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

GtkWidget *
cl_ui_severity_badge (ClSeverity severity)
{
  GtkWidget *label = gtk_label_new (cl_severity_to_label (severity));
  g_autofree char *css_class = g_strdup_printf ("severity-%s", cl_severity_to_string (severity));

  gtk_widget_add_css_class (label, "badge");
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);

  return label;
}

/* For dispose() of a widget whose template's top child has no id:
 * gtk_widget_dispose_template() only clears the bound children. */
void
cl_ui_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* A question with Cancel and one suggested answer, @response, which is
 * also the default; Escape cancels. */
GtkWidget *
cl_ui_choice_dialog_new (GtkWindow  *parent,
                         const char *heading,
                         const char *body,
                         GtkWidget  *extra_child,
                         const char *response,
                         const char *response_label)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra_child);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return dialog;
}

static void
draw_gauge (cairo_t            *cr,
            const ClChartStyle *style,
            double              width,
            double              height,
            gpointer            data)
{
  ClReport *report = data;

  cl_chart_draw_gauge (cr, style, width, height, cl_report_has_score (report),
                       cl_report_get_score (report), cl_report_get_grade (report),
                       cl_scoring_risk_label (cl_report_get_risk_level (report)));
}

/* @report's score gauge, @size pixels square. */
GtkWidget *
cl_ui_gauge_new (ClReport *report,
                 int       size)
{
  GtkWidget *gauge = cl_chart_widget_new (draw_gauge, g_object_ref (report), g_object_unref);
  g_autofree char *label = NULL;

  gtk_widget_set_size_request (gauge, size, size);
  if (cl_report_has_score (report))
    /* Translators: the gauge's accessible name: the score, the grade and the risk */
    label = g_strdup_printf (_("Score %u of 100, grade %s, %s"), cl_report_get_score (report),
                             cl_report_get_grade (report),
                             cl_scoring_risk_label (cl_report_get_risk_level (report)));
  else
    label = g_strdup (_("No score"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return gauge;
}

/* A report's charts draw their text in fonts and sizes the rest of the
 * window does not use, and Pango sets each new one up with a fontconfig
 * sort in a thread the main loop waits for: the first report's first
 * frame took 10-15 ms longer than the next ones'.  This draws the
 * report's two charts once, as its view does, into a surface nobody sees,
 * while the window is idle after it opens. */
static gboolean
warm_up_charts (gpointer user_data)
{
  GPtrArray *catalog = cl_module_catalog_list ();
  g_autofree ClChartModule *modules = g_new0 (ClChartModule, catalog->len);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  ClChartStyle style;

  cl_chart_style_init (&style, FALSE);
  cl_chart_draw_gauge (cr, &style, CL_UI_REPORT_GAUGE_SIZE, CL_UI_REPORT_GAUGE_SIZE, TRUE, 72,
                       cl_scoring_grade (72), cl_scoring_risk_label (cl_scoring_risk_level (72)));
  for (guint i = 0; i < catalog->len; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, i);

      modules[i] = (ClChartModule) { .title = info->title, .weight = info->weight,
                                     .has_score = info->weight > 0, .score = 72,
                                     .status_label = cl_module_status_to_label (CL_MODULE_STATUS_COMPLETED) };
    }
  cl_chart_draw_modules (cr, &style, 640, cl_chart_modules_preferred_height (catalog->len, 1),
                         modules, catalog->len);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return G_SOURCE_REMOVE;
}

void
cl_ui_warm_up_charts (void)
{
  g_idle_add_full (G_PRIORITY_LOW, warm_up_charts, NULL, NULL);
}

#ifdef __GLIBC__
static void
trim_heap_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  malloc_trim (0);
}

static gboolean
trim_heap_now (gpointer user_data)
{
  guint *source_id = user_data;
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  *source_id = 0;
  g_task_set_source_tag (task, cl_ui_trim_heap);
  g_task_run_in_thread (task, trim_heap_thread);

  return G_SOURCE_REMOVE;
}
#endif

/* Scans run in short-lived worker threads, and glibc gives threads arenas
 * of their own (up to eight a core) that keep what was freed in them.
 * Fewer arenas hold less memory, but the threads then share them with the
 * main thread: with two, the main loop waited on the arena lock while
 * workers parsed certificates, for tens of milliseconds at a time.  Four
 * hold ~5 MiB more after ten scans than two; eight or more held 5-15 MiB
 * more again and stalled no less (bench/ui.sh).  glibc fixes the limit
 * when a second thread first allocates, so this comes first thing in
 * main(); so does the lowering of the scan's workers below the main
 * thread (cl-background.c). */
void
cl_ui_prepare_process (void)
{
#ifdef __GLIBC__
  mallopt (M_ARENA_MAX, 4);
#endif
  cl_background_lower_workers ();
}

/* A scan frees tens of megabytes that its worker threads allocated; glibc
 * keeps freed memory in each thread's arena unless it is asked to give it
 * back.  The trim walks the arenas, so it runs in a thread, and it runs
 * once the app has been quiet for a while: it holds each arena's lock, and
 * what it gives back the next scan would fault in again, which stalled the
 * main loop when it ran as each report opened. */
#define TRIM_HEAP_QUIET_SECONDS 3

void
cl_ui_trim_heap (void)
{
#ifdef __GLIBC__
  static guint source_id;

  g_clear_handle_id (&source_id, g_source_remove);
  source_id = g_timeout_add_seconds (TRIM_HEAP_QUIET_SECONDS, trim_heap_now, &source_id);
#endif
}
