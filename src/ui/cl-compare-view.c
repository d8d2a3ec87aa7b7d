/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-compare-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-chart-modules.h"
#include "cl-chart-widget.h"
#include "cl-compare-view.h"
#include "cl-module-catalog.h"
#include "cl-ui-util.h"

/* Two to four reports side by side: the verdicts, each module's score per
 * domain, and the issues that some of the domains have and others not —
 * what one administrator did that another did not. */

#define MAX_REPORTS 4

struct _ClCompareView
{
  GtkWidget  parent_instance;

  GPtrArray *reports;  /* ClReport */
  GtkBox    *content;
};

G_DEFINE_FINAL_TYPE (ClCompareView, cl_compare_view, GTK_TYPE_WIDGET)

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);

  return label;
}

static GtkWidget *
cell (const char *text,
      gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");

  return label;
}

/* The verdict of each domain, then one row per module. */
static GtkWidget *
scores_grid (ClCompareView *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GPtrArray *catalog = cl_module_catalog_list ();
  int row = 1;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);

  for (guint i = 0; i < self->reports->len; i++)
    {
      ClReport *report = g_ptr_array_index (self->reports, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *domain = gtk_label_new (cl_report_get_domain (report));

      gtk_widget_add_css_class (domain, "title-4");
      gtk_label_set_ellipsize (GTK_LABEL (domain), PANGO_ELLIPSIZE_MIDDLE);
      gtk_box_append (GTK_BOX (box), domain);
      gtk_box_append (GTK_BOX (box), cl_ui_gauge_new (report, 150));
      gtk_grid_attach (GTK_GRID (grid), box, i + 1, 0, 1, 1);
    }

  for (guint m = 0; m < catalog->len; m++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, m);
      gboolean any = FALSE;

      /* a module none of the domains has a score for says nothing here */
      for (guint i = 0; i < self->reports->len && !any; i++)
        any = cl_report_get_module_score (g_ptr_array_index (self->reports, i), info->id, NULL);
      if (!any)
        continue;

      gtk_grid_attach (GTK_GRID (grid), cell (info->title, FALSE), 0, row, 1, 1);
      for (guint i = 0; i < self->reports->len; i++)
        {
          ClReport *report = g_ptr_array_index (self->reports, i);
          guint score;
          GtkWidget *widget;

          if (cl_report_get_module_score (report, info->id, &score))
            widget = cl_ui_score_badge (score);
          else
            widget = cell (_("—"), TRUE);
          gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
          gtk_grid_attach (GTK_GRID (grid), widget, i + 1, row, 1, 1);
        }
      row++;
    }

  return grid;
}

typedef struct
{
  ClChartSeries *series;
  ClChartModule *modules;  /* n_series × n_modules, the series' storage */
  guint          n_series;
  guint          n_modules;
} GroupedChart;

static void
grouped_chart_free (GroupedChart *chart)
{
  g_free (chart->series);
  g_free (chart->modules);
  g_free (chart);
}

static void
draw_grouped (cairo_t            *cr,
              const ClChartStyle *style,
              double              width,
              double              height,
              gpointer            data)
{
  GroupedChart *chart = data;

  cl_chart_draw_modules_grouped (cr, style, width, height, chart->series, chart->n_series,
                                 chart->n_modules);
}

/* One group of bars per module any domain has a score for, one bar per
 * domain: the chart of the report page, side by side. */
static GtkWidget *
grouped_chart (ClCompareView *self)
{
  GPtrArray *catalog = cl_module_catalog_list ();
  GroupedChart *chart = g_new0 (GroupedChart, 1);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  GtkWidget *widget;

  for (guint m = 0; m < catalog->len; m++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, m);

      for (guint i = 0; i < self->reports->len; i++)
        if (cl_report_get_module_score (g_ptr_array_index (self->reports, i), info->id, NULL))
          {
            g_ptr_array_add (shown, (gpointer) info);
            break;
          }
    }

  chart->n_series = self->reports->len;
  chart->n_modules = shown->len;
  chart->series = g_new0 (ClChartSeries, chart->n_series);
  chart->modules = g_new0 (ClChartModule, chart->n_series * MAX (chart->n_modules, 1));
  for (guint i = 0; i < chart->n_series; i++)
    {
      ClReport *report = g_ptr_array_index (self->reports, i);
      ClChartModule *modules = &chart->modules[i * chart->n_modules];

      chart->series[i].label = cl_report_get_domain (report);
      chart->series[i].modules = modules;
      for (guint m = 0; m < chart->n_modules; m++)
        {
          const ClModuleInfo *info = g_ptr_array_index (shown, m);

          modules[m].title = info->title;
          modules[m].weight = info->weight;
          modules[m].has_score = cl_report_get_module_score (report, info->id, &modules[m].score);
          modules[m].status_label = _("No score");
        }
    }

  widget = cl_chart_widget_new (draw_grouped, chart, (GDestroyNotify) grouped_chart_free);
  gtk_widget_set_size_request (widget, 320,
                               cl_chart_modules_preferred_height (chart->n_modules, chart->n_series));
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Module scores of each domain"), -1);

  return widget;
}

static gboolean
report_has_rule (ClReport   *report,
                 const char *rule_id)
{
  GPtrArray *issues = cl_report_get_issues (report);

  for (guint i = 0; i < issues->len; i++)
    if (g_str_equal (cl_finding_get_rule_id (g_ptr_array_index (issues, i)), rule_id))
      return TRUE;

  return FALSE;
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  return cl_finding_compare (*(ClFinding **) a, *(ClFinding **) b);
}

/* Every rule found on some of the domains and not on all, most severe
 * first; a row says which domains have it. */
static GtkWidget *
differences_list (ClCompareView *self)
{
  GtkWidget *list = gtk_list_box_new ();
  g_autoptr(GPtrArray) findings = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint i = 0; i < self->reports->len; i++)
    {
      GPtrArray *issues = cl_report_get_issues (g_ptr_array_index (self->reports, i));

      for (guint j = 0; j < issues->len; j++)
        {
          ClFinding *finding = g_ptr_array_index (issues, j);

          if (g_hash_table_add (seen, (gpointer) cl_finding_get_rule_id (finding)))
            g_ptr_array_add (findings, finding);
        }
    }
  g_ptr_array_sort (findings, compare_findings);

  for (guint f = 0; f < findings->len; f++)
    {
      ClFinding *finding = g_ptr_array_index (findings, f);
      const char *rule_id = cl_finding_get_rule_id (finding);
      g_autoptr(GString) which = g_string_new (NULL);
      g_autofree char *subtitle = NULL;
      guint count = 0;
      GtkWidget *row;

      for (guint i = 0; i < self->reports->len; i++)
        {
          ClReport *report = g_ptr_array_index (self->reports, i);

          if (report_has_rule (report, rule_id))
            {
              if (which->len > 0)
                g_string_append (which, ", ");
              g_string_append (which, cl_report_get_domain (report));
              count++;
            }
        }
      if (count == self->reports->len)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cl_finding_get_finding (finding));
      /* Translators: a rule id, then the domains it was found on */
      subtitle = g_strdup_printf (_("%s · only on %s"), rule_id, which->str);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), cl_ui_severity_badge (cl_finding_get_severity (finding)));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  if (gtk_widget_get_first_child (list) == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The domains have the same issues"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  return list;
}

static void
cl_compare_view_dispose (GObject *object)
{
  ClCompareView *self = CL_COMPARE_VIEW (object);

  cl_ui_unparent_children (GTK_WIDGET (self));
  g_clear_pointer (&self->reports, g_ptr_array_unref);

  G_OBJECT_CLASS (cl_compare_view_parent_class)->dispose (object);
}

static void
cl_compare_view_class_init (ClCompareViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cl_compare_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
cl_compare_view_init (ClCompareView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_margin_top (GTK_WIDGET (self->content), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->content), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->content), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->content), 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 960);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->content));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));
}

ClCompareView *
cl_compare_view_new (GPtrArray *reports)
{
  ClCompareView *self;

  g_return_val_if_fail (reports != NULL, NULL);
  g_return_val_if_fail (reports->len >= 2 && reports->len <= MAX_REPORTS, NULL);

  self = g_object_new (CL_TYPE_COMPARE_VIEW, NULL);
  self->reports = g_ptr_array_ref (reports);
  gtk_box_append (self->content, heading (_("Scores")));
  gtk_box_append (self->content, scores_grid (self));
  gtk_box_append (self->content, grouped_chart (self));
  gtk_box_append (self->content, heading (_("Issues Not Shared by All")));
  gtk_box_append (self->content, differences_list (self));

  return self;
}

GPtrArray *
cl_compare_view_get_reports (ClCompareView *self)
{
  g_return_val_if_fail (CL_IS_COMPARE_VIEW (self), NULL);

  return self->reports;
}
