/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-report-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-chart-gauge.h"
#include "cl-chart-history.h"
#include "cl-chart-modules.h"
#include "cl-chart-widget.h"
#include "cl-compliance-map.h"
#include "cl-compliance-score.h"
#include "cl-module-catalog.h"
#include "cl-report-view.h"
#include "cl-scoring.h"
#include "cl-violation.h"
#include "cl-ui-util.h"

/* One report, read by a person: the verdict first, then each module, the
 * recommendations worth doing first, what could not be assessed, and the
 * issues with filters.
 *
 * A report can have hundreds of issues and controls, each a few wrapping
 * labels that are costly to measure: the issues and compliance pages are
 * filled when first shown, and an issue's details when first expanded, so
 * that opening a report never stalls the main loop for long. */

struct _ClReportView
{
  GtkWidget             parent_instance;

  ClReport             *report;
  GHashTable           *statuses;  /* rule_id → ClViolationStatus set since */
  gboolean              issues_filled;
  gboolean              compliance_filled;
  guint                 overview_steps_done;

  AdwViewStack         *stack;
  GtkBox               *overview_box;
  GtkBox               *summary_box;
  GtkBox               *compliance_box;
  GtkBox               *history_box;
  AdwStatusPage        *no_history_page;
  GtkWidget            *history_chart;
  GtkLabel             *domain_label;
  GtkLabel             *verdict_label;
  GtkLabel             *meta_label;
  AdwPreferencesGroup  *modules_group;
  AdwPreferencesGroup  *recommendations_group;
  AdwPreferencesGroup  *caveats_group;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *severity_filter;
  GtkDropDown          *module_filter;
  GtkDropDown          *status_filter;
  GtkListBox           *issues_list;
  AdwStatusPage        *no_issues_page;
};

G_DEFINE_FINAL_TYPE (ClReportView, cl_report_view, GTK_TYPE_WIDGET)

enum {
  MARK,
  OPEN_REPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
status_label (ClViolationStatus status)
{
  switch (status)
    {
    case CL_VIOLATION_OPEN:
      return _("Open");
    case CL_VIOLATION_RESOLVED:
      return _("Marked resolved");
    case CL_VIOLATION_FALSE_POSITIVE:
      return _("False positive");
    default:
      g_assert_not_reached ();
    }
}

/* The charts' data, owned by their widgets. */

typedef struct
{
  ClChartModule *modules;
  guint          n_modules;
} ModulesChart;

static void
modules_chart_free (ModulesChart *chart)
{
  g_free (chart->modules);
  g_free (chart);
}

static void
draw_modules (cairo_t            *cr,
              const ClChartStyle *style,
              double              width,
              double              height,
              gpointer            data)
{
  ModulesChart *chart = data;

  cl_chart_draw_modules (cr, style, width, height, chart->modules, chart->n_modules);
}

/* The modules that are part of this version: the others say nothing. */
static GtkWidget *
modules_chart (ClReport *report)
{
  GPtrArray *results = cl_report_get_results (report);
  ModulesChart *chart = g_new0 (ModulesChart, 1);
  GtkWidget *widget;

  chart->modules = g_new0 (ClChartModule, results->len);
  for (guint i = 0; i < results->len; i++)
    {
      ClModuleResult *result = g_ptr_array_index (results, i);
      const ClModuleInfo *info = cl_module_catalog_lookup (cl_module_result_get_module_id (result));
      ClChartModule *module = &chart->modules[chart->n_modules];

      if (info == NULL || cl_module_result_get_status (result) == CL_MODULE_STATUS_NOT_IMPLEMENTED)
        continue;
      module->title = info->title;
      module->weight = info->weight;
      module->has_score = cl_report_get_module_score (report, info->id, &module->score);
      module->status_label = cl_module_status_to_label (cl_module_result_get_status (result));
      chart->n_modules++;
    }

  widget = cl_chart_widget_new (draw_modules, chart, (GDestroyNotify) modules_chart_free);
  gtk_widget_set_size_request (widget, 320, cl_chart_modules_preferred_height (chart->n_modules, 1));
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Module scores"), -1);

  return widget;
}

/* A control's rule ids, one a line: a wrapped list of them is slow to lay
 * out, and most users never open it, so it is made on first expansion. */
static void
add_control_details (AdwExpanderRow *row)
{
  JsonArray *rules = g_object_get_data (G_OBJECT (row), "rule-ids");
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *label;

  if (!adw_expander_row_get_expanded (row))
    return;
  g_signal_handlers_disconnect_by_func (row, add_control_details, NULL);

  for (guint i = 0; i < json_array_get_length (rules); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", json_array_get_string_element (rules, i));
  label = gtk_label_new (text->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  adw_expander_row_add_row (row, label);
}

static GtkWidget *
control_row (JsonObject *control)
{
  GtkWidget *row = adw_expander_row_new ();
  gboolean pass = g_strcmp0 (json_object_get_string_member_with_default (control, "status", ""), "pass") == 0;
  JsonArray *rules = json_object_get_array_member (control, "rule_ids");
  guint n_rules = rules != NULL ? json_array_get_length (rules) : 0;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *badge;

  title = g_strdup_printf ("%s — %s", json_object_get_string_member (control, "control"),
                           json_object_get_string_member (control, "title"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Translators: how many of the scan's findings touch a control */
  subtitle = g_strdup_printf (ngettext ("%u finding", "%u findings", n_rules), n_rules);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), n_rules > 0);
  if (n_rules > 0)
    {
      g_object_set_data_full (G_OBJECT (row), "rule-ids", json_array_ref (rules),
                              (GDestroyNotify) json_array_unref);
      g_signal_connect (row, "notify::expanded", G_CALLBACK (add_control_details), NULL);
    }
  badge = gtk_label_new (pass ? _("Passed") : _("Failed"));
  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, pass ? "grade-a" : "grade-f");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), badge);

  return row;
}

/* Per framework, each control this scan touched, passed or failed, as the
 * report's "compliance" section says. */
static void
fill_compliance (ClReportView *self)
{
  g_autoptr(JsonNode) root = cl_report_to_json (self->report);
  JsonObject *compliance = json_object_get_object_member (json_node_get_object (root), "compliance");
  ClComplianceMap *map = cl_compliance_map_get_default ();
  const char * const *frameworks = cl_compliance_map_list_frameworks ();

  for (guint f = 0; frameworks[f] != NULL; f++)
    {
      JsonArray *controls = json_object_get_array_member (compliance, frameworks[f]);
      GtkWidget *group = adw_preferences_group_new ();
      guint failed = 0;
      g_autofree char *description = NULL;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       cl_compliance_map_get_framework_title (map, frameworks[f]));
      for (guint i = 0; controls != NULL && i < json_array_get_length (controls); i++)
        {
          JsonObject *control = json_array_get_object_element (controls, i);

          failed += g_strcmp0 (json_object_get_string_member (control, "status"), "pass") != 0;
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), control_row (control));
        }
      /* Translators: counts of a framework's controls this scan touched */
      description = g_strdup_printf (_("%u controls checked, %u failed"),
                                     controls != NULL ? json_array_get_length (controls) : 0, failed);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
      gtk_box_append (self->compliance_box, group);
    }
}

static void
fill_summary (ClReportView *self)
{
  ClReport *report = self->report;
  g_autofree char *scanned_at = g_date_time_format (cl_report_get_scanned_at (report), "%x %X");
  g_autofree char *meta = NULL;

  gtk_label_set_text (self->domain_label, cl_report_get_domain (report));
  gtk_box_prepend (self->summary_box, cl_ui_gauge_new (report, CL_UI_REPORT_GAUGE_SIZE));
  gtk_box_insert_child_after (self->overview_box, modules_chart (report),
                              GTK_WIDGET (self->summary_box));
  if (cl_report_has_score (report))
    {
      g_autofree char *verdict = NULL;

      /* Translators: "Grade B · 82/100 · Low to medium risk" */
      verdict = g_strdup_printf (_("Grade %s · %u/100 · %s"),
                                 cl_report_get_grade (report),
                                 cl_report_get_score (report),
                                 cl_scoring_risk_label (cl_report_get_risk_level (report)));
      gtk_label_set_text (self->verdict_label, verdict);
    }
  else
    gtk_label_set_text (self->verdict_label, _("No score: no module could be assessed"));

  /* Translators: the scan time, then the report id */
  meta = g_strdup_printf (_("Scanned %s · %s"), scanned_at, cl_report_get_id (report));
  gtk_label_set_text (self->meta_label, meta);
}

static void
fill_modules (ClReportView *self)
{
  GPtrArray *results = cl_report_get_results (self->report);

  for (guint i = 0; i < results->len; i++)
    {
      ClModuleResult *result = g_ptr_array_index (results, i);
      const char *module_id = cl_module_result_get_module_id (result);
      const ClModuleInfo *info = cl_module_catalog_lookup (module_id);
      GtkWidget *row;
      g_autofree char *subtitle = NULL;
      GtkWidget *badge = NULL;
      guint score;

      if (cl_report_get_module_score (self->report, module_id, &score))
        {
          /* Translators: a module's weight in the overall score, in percent */
          subtitle = g_strdup_printf (_("Weight %.0f %%"), info != NULL ? info->weight * 100 : 0);
          badge = cl_ui_score_badge (score);
        }
      else
        subtitle = g_strdup (cl_module_status_to_label (cl_module_result_get_status (result)));
      row = cl_ui_text_row_new (info != NULL ? info->title : module_id, subtitle, FALSE, badge);
      adw_preferences_group_add (self->modules_group, row);
    }
}

/* The first few recommendations recover most points; the rest wait for a
 * click (a bad domain has dozens, each a long wrapping text). */
#define FIRST_RECOMMENDATIONS 5

static GtkWidget *
recommendation_row (ClRecommendation *recommendation)
{
  g_autofree char *points = NULL;
  GtkWidget *label;

  /* Translators: overall score points that following a recommendation recovers */
  points = g_strdup_printf (ngettext ("+%u point", "+%u points", recommendation->points),
                            recommendation->points);
  label = gtk_label_new (points);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "accent");

  return cl_ui_text_row_new (recommendation->action, recommendation->rule_id, TRUE, label);
}

static void
show_all_recommendations (AdwActionRow *more,
                          ClReportView *self)
{
  GPtrArray *recommendations = cl_report_get_recommendations (self->report);

  adw_preferences_group_remove (self->recommendations_group, GTK_WIDGET (more));
  for (guint i = FIRST_RECOMMENDATIONS; i < recommendations->len; i++)
    adw_preferences_group_add (self->recommendations_group,
                               recommendation_row (g_ptr_array_index (recommendations, i)));
}

static void
add_show_all_recommendations (ClReportView *self)
{
  GPtrArray *recommendations = cl_report_get_recommendations (self->report);
  GtkWidget *more = adw_action_row_new ();
  g_autofree char *title = NULL;

  /* Translators: the number of all recommendations */
  title = g_strdup_printf (ngettext ("Show All %u Recommendation", "Show All %u Recommendations",
                                     recommendations->len),
                           recommendations->len);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (more), gtk_image_new_from_icon_name ("go-down-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (more), TRUE);
  g_signal_connect (more, "activated", G_CALLBACK (show_all_recommendations), self);
  adw_preferences_group_add (self->recommendations_group, more);
}

/* The overview's lists come after the summary and charts: the module rows
 * in one frame, then each wrapping row in a frame of its own.  GTK 4.8
 * measures a wrapping label dozens of times, five recommendations at once
 * took most of a frame, and a scan that finishes must not freeze the
 * window. */
static gboolean
fill_overview_step (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  ClReportView *self = CL_REPORT_VIEW (widget);
  GPtrArray *recommendations = cl_report_get_recommendations (self->report);
  GPtrArray *caveats = cl_report_get_caveats (self->report);
  guint n_recommendations = MIN (recommendations->len, FIRST_RECOMMENDATIONS);
  guint step = self->overview_steps_done++;

  if (step == 0)
    {
      fill_modules (self);
      gtk_widget_set_visible (GTK_WIDGET (self->recommendations_group), recommendations->len > 0);
      gtk_widget_set_visible (GTK_WIDGET (self->caveats_group), caveats->len > 0);
    }
  else if (step <= n_recommendations)
    {
      adw_preferences_group_add (self->recommendations_group,
                                 recommendation_row (g_ptr_array_index (recommendations, step - 1)));
      if (step == n_recommendations && recommendations->len > n_recommendations)
        add_show_all_recommendations (self);
    }
  else
    {
      const char *caveat = g_ptr_array_index (caveats, step - 1 - n_recommendations);

      adw_preferences_group_add (self->caveats_group, cl_ui_text_row_new (caveat, NULL, TRUE, NULL));
    }

  return self->overview_steps_done < 1 + n_recommendations + caveats->len ? G_SOURCE_CONTINUE
                                                                          : G_SOURCE_REMOVE;
}

static GtkWidget *
detail_label (const char *heading,
              const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *body = gtk_label_new (text);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), body);

  return box;
}

static void
mark_clicked (GtkButton *button,
              gpointer   user_data)
{
  ClReportView *self = user_data;
  ClFinding *finding = g_object_get_data (G_OBJECT (button), "finding");
  ClViolationStatus status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "status"));

  g_signal_emit (self, signals[MARK], 0, cl_finding_get_rule_id (finding), status);
}

static GtkWidget *
mark_button (ClReportView      *self,
             ClFinding         *finding,
             const char        *label,
             ClViolationStatus  status)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data (G_OBJECT (button), "finding", finding);
  g_object_set_data (G_OBJECT (button), "status", GUINT_TO_POINTER (status));
  g_signal_connect (button, "clicked", G_CALLBACK (mark_clicked), self);

  return button;
}

static void
show_status (AdwExpanderRow *row,
             ClFinding      *finding,
             gboolean        has_status,
             ClViolationStatus status)
{
  const ClModuleInfo *info = cl_module_catalog_lookup (cl_finding_get_module_id (finding));
  const char *module = info != NULL ? info->title : cl_finding_get_module_id (finding);
  g_autofree char *subtitle = NULL;

  if (has_status)
    /* Translators: a finding's module, its rule id, then its status */
    subtitle = g_strdup_printf (_("%s · %s · %s"), module, cl_finding_get_rule_id (finding),
                                status_label (status));
  else
    /* Translators: a finding's module, then its rule id */
    subtitle = g_strdup_printf (_("%s · %s"), module, cl_finding_get_rule_id (finding));
  adw_expander_row_set_subtitle (row, subtitle);
}

static void
add_issue_details (AdwExpanderRow *row,
                   GParamSpec     *pspec,
                   ClReportView   *self)
{
  ClFinding *finding = g_object_get_data (G_OBJECT (row), "finding");
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  if (!adw_expander_row_get_expanded (row))
    return;
  g_signal_handlers_disconnect_by_func (row, add_issue_details, self);

  gtk_widget_set_margin_top (details, 12);
  gtk_widget_set_margin_bottom (details, 12);
  gtk_widget_set_margin_start (details, 12);
  gtk_widget_set_margin_end (details, 12);
  gtk_box_append (GTK_BOX (details), detail_label (_("Remediation"), cl_finding_get_remediation (finding)));
  gtk_box_append (GTK_BOX (details), detail_label (_("Evidence"), cl_finding_get_evidence (finding)));
  gtk_box_append (GTK_BOX (actions), mark_button (self, finding, _("Mark _Resolved"), CL_VIOLATION_RESOLVED));
  gtk_box_append (GTK_BOX (actions), mark_button (self, finding, _("_False Positive…"),
                                                  CL_VIOLATION_FALSE_POSITIVE));
  gtk_box_append (GTK_BOX (actions), mark_button (self, finding, _("Re_open"), CL_VIOLATION_OPEN));
  gtk_box_append (GTK_BOX (details), actions);
  adw_expander_row_add_row (row, details);
}

static GtkWidget *
issue_row (ClReportView *self,
           ClFinding    *finding)
{
  GtkWidget *row = adw_expander_row_new ();
  gpointer status;
  gboolean has_status;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cl_finding_get_finding (finding));
  has_status = g_hash_table_lookup_extended (self->statuses, cl_finding_get_rule_id (finding), NULL, &status);
  show_status (ADW_EXPANDER_ROW (row), finding, has_status, GPOINTER_TO_UINT (status));
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), cl_ui_severity_badge (cl_finding_get_severity (finding)));

  g_object_set_data_full (G_OBJECT (row), "finding", g_object_ref (finding), g_object_unref);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (add_issue_details), self);

  return row;
}

static ClViolationStatus
finding_status (ClReportView *self,
                ClFinding    *finding)
{
  gpointer status;

  if (g_hash_table_lookup_extended (self->statuses, cl_finding_get_rule_id (finding), NULL, &status))
    return GPOINTER_TO_UINT (status);

  return CL_VIOLATION_OPEN;
}

static gboolean
issue_visible (GtkListBoxRow *row,
               gpointer       user_data)
{
  ClReportView *self = user_data;
  ClFinding *finding = g_object_get_data (G_OBJECT (row), "finding");
  guint severity = gtk_drop_down_get_selected (self->severity_filter);
  guint module = gtk_drop_down_get_selected (self->module_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* item 0 of each filter is "all" */
  if (severity > 0 && cl_finding_get_severity (finding) != severity - 1)
    return FALSE;
  if (module > 0)
    {
      GtkStringObject *item = gtk_drop_down_get_selected_item (self->module_filter);
      const ClModuleInfo *info = cl_module_catalog_lookup (cl_finding_get_module_id (finding));

      if (info == NULL || g_strcmp0 (info->title, gtk_string_object_get_string (item)) != 0)
        return FALSE;
    }
  if (status > 0 && finding_status (self, finding) != status - 1)
    return FALSE;
  if (search[0] != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *text = g_strjoin ("\n", cl_finding_get_finding (finding),
                                         cl_finding_get_rule_id (finding),
                                         cl_finding_get_evidence (finding), NULL);
      g_autofree char *haystack = g_utf8_casefold (text, -1);

      if (strstr (haystack, needle) == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
refilter (ClReportView *self)
{
  gtk_list_box_invalidate_filter (self->issues_list);
}

static void
fill_issues (ClReportView *self)
{
  GPtrArray *issues = cl_report_get_issues (self->report);
  GPtrArray *excluded = cl_report_get_excluded (self->report);
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) modules = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GtkWidget) list = g_object_ref (GTK_WIDGET (self->issues_list));
  GtkBox *parent = GTK_BOX (gtk_widget_get_parent (list));

  /* Rows added to a list out of the window cost a fraction of what they
   * cost in it (no restyling of the rows before them at each one): the
   * list leaves the page while it is filled. */
  gtk_box_remove (parent, list);
  gtk_string_list_append (severities, _("All Severities"));
  for (ClSeverity s = CL_SEVERITY_CRITICAL; s <= CL_SEVERITY_INFO; s++)
    gtk_string_list_append (severities, cl_severity_to_label (s));
  gtk_string_list_append (modules, _("All Modules"));
  /* in the order of ClViolationStatus, after "all" */
  gtk_string_list_append (statuses, _("All Statuses"));
  for (ClViolationStatus v = CL_VIOLATION_OPEN; v <= CL_VIOLATION_FALSE_POSITIVE; v++)
    gtk_string_list_append (statuses, status_label (v));

  /* the issues, then the findings judged false positives before this
   * scan, which the report lists apart and the status filter shows */
  for (guint i = 0; i < issues->len + excluded->len; i++)
    {
      ClFinding *finding = i < issues->len ? g_ptr_array_index (issues, i)
                                           : g_ptr_array_index (excluded, i - issues->len);
      const ClModuleInfo *info = cl_module_catalog_lookup (cl_finding_get_module_id (finding));

      if (i >= issues->len)
        g_hash_table_insert (self->statuses, g_strdup (cl_finding_get_rule_id (finding)),
                             GUINT_TO_POINTER (CL_VIOLATION_FALSE_POSITIVE));
      gtk_list_box_append (self->issues_list, issue_row (self, finding));
      if (info != NULL && g_hash_table_add (seen, info->title))
        gtk_string_list_append (modules, info->title);
    }

  gtk_drop_down_set_model (self->severity_filter, G_LIST_MODEL (severities));
  gtk_drop_down_set_model (self->module_filter, G_LIST_MODEL (modules));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
  gtk_list_box_set_filter_func (self->issues_list, issue_visible, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->issues_list), issues->len + excluded->len > 0);
  gtk_box_prepend (parent, list);
  gtk_widget_set_visible (GTK_WIDGET (self->no_issues_page), issues->len + excluded->len == 0);

  g_signal_connect_swapped (self->severity_filter, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->module_filter, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->status_filter, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (refilter), self);
}

static void
page_shown (ClReportView *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  if (self->report == NULL)
    return;
  if (!self->issues_filled && g_strcmp0 (name, "issues") == 0)
    {
      self->issues_filled = TRUE;
      fill_issues (self);
    }
  if (!self->compliance_filled && g_strcmp0 (name, "compliance") == 0)
    {
      self->compliance_filled = TRUE;
      fill_compliance (self);
    }
}

static void
cl_report_view_dispose (GObject *object)
{
  ClReportView *self = CL_REPORT_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CL_TYPE_REPORT_VIEW);
  cl_ui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->report);
  g_clear_pointer (&self->statuses, g_hash_table_unref);

  G_OBJECT_CLASS (cl_report_view_parent_class)->dispose (object);
}

static void
cl_report_view_class_init (ClReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_report_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/net/compliancelayer/ComplianceLayer/ui/cl-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ClReportView, stack);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, overview_box);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, summary_box);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, compliance_box);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, history_box);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, no_history_page);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, domain_label);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, modules_group);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, recommendations_group);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, caveats_group);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, severity_filter);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, module_filter);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, status_filter);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, issues_list);
  gtk_widget_class_bind_template_child (widget_class, ClReportView, no_issues_page);
  gtk_widget_class_bind_template_callback (widget_class, page_shown);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /**
   * ClReportView::mark:
   * @rule_id: the issue's rule
   * @status: the #ClViolationStatus the user chose
   *
   * The user marked an issue; whoever owns the store records it and calls
   * cl_report_view_set_status().
   */
  signals[MARK] =
    g_signal_new ("mark", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * ClReportView::open-report:
   * @report_id: the scan the user chose in the history
   */
  signals[OPEN_REPORT] =
    g_signal_new ("open-report", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cl_report_view_init (ClReportView *self)
{
  self->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

ClReportView *
cl_report_view_new (ClReport *report)
{
  ClReportView *self;

  g_return_val_if_fail (CL_IS_REPORT (report), NULL);

  self = g_object_new (CL_TYPE_REPORT_VIEW, NULL);
  self->report = g_object_ref (report);
  fill_summary (self);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_overview_step, NULL, NULL);

  return self;
}

ClReport *
cl_report_view_get_report (ClReportView *self)
{
  g_return_val_if_fail (CL_IS_REPORT_VIEW (self), NULL);

  return self->report;
}

/* Shows @rule_id's violation status on its issue. */
void
cl_report_view_set_status (ClReportView      *self,
                           const char        *rule_id,
                           ClViolationStatus  status)
{
  g_return_if_fail (CL_IS_REPORT_VIEW (self));

  g_hash_table_insert (self->statuses, g_strdup (rule_id), GUINT_TO_POINTER (status));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->issues_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      ClFinding *finding = g_object_get_data (G_OBJECT (row), "finding");

      if (finding != NULL && g_str_equal (cl_finding_get_rule_id (finding), rule_id))
        show_status (ADW_EXPANDER_ROW (row), finding, TRUE, status);
    }
  gtk_list_box_invalidate_filter (self->issues_list);
}

typedef struct
{
  ClChartHistoryPoint *points;
  GPtrArray           *records;  /* ClScanRecord, as the points */
} HistoryChart;

static void
history_chart_free (HistoryChart *chart)
{
  g_free (chart->points);
  g_ptr_array_unref (chart->records);
  g_free (chart);
}

static void
draw_history (cairo_t            *cr,
              const ClChartStyle *style,
              double              width,
              double              height,
              gpointer            data)
{
  HistoryChart *chart = data;

  cl_chart_draw_history (cr, style, width, height, chart->points, chart->records->len);
}

static void
history_clicked (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 ClReportView    *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  HistoryChart *chart = cl_chart_widget_get_data (CL_CHART_WIDGET (widget));
  int index = cl_chart_history_hit_test (gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                                         chart->points, chart->records->len, x, y);
  ClScanRecord *record;

  if (index < 0)
    return;
  record = g_ptr_array_index (chart->records, index);
  if (!g_str_equal (record->report_id, cl_report_get_id (self->report)))
    g_signal_emit (self, signals[OPEN_REPORT], 0, record->report_id);
}

/**
 * cl_report_view_set_history:
 * @history: (element-type ClScanRecord): the domain's scans, oldest first
 *
 * Shows the score over time; clicking a scan's point emits
 * #ClReportView::open-report.
 */
void
cl_report_view_set_history (ClReportView *self,
                            GPtrArray    *history)
{
  HistoryChart *chart;
  GtkGesture *click;

  g_return_if_fail (CL_IS_REPORT_VIEW (self));
  g_return_if_fail (history != NULL);

  if (self->history_chart != NULL)
    gtk_box_remove (self->history_box, self->history_chart);

  chart = g_new0 (HistoryChart, 1);
  chart->records = g_ptr_array_ref (history);
  /* every record, so that point i opens records[i] */
  chart->points = (ClChartHistoryPoint *) (gpointer) g_array_free (cl_scan_records_to_history_points (history, NULL),
                                                                   FALSE);

  self->history_chart = cl_chart_widget_new (draw_history, chart, (GDestroyNotify) history_chart_free);
  gtk_widget_set_vexpand (self->history_chart, TRUE);
  gtk_widget_set_size_request (self->history_chart, 320, 240);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->history_chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Score history"), -1);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (history_clicked), self);
  gtk_widget_add_controller (self->history_chart, GTK_EVENT_CONTROLLER (click));
  gtk_box_append (self->history_box, self->history_chart);
  gtk_widget_set_visible (GTK_WIDGET (self->no_history_page), FALSE);
}
