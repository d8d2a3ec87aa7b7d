/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cl-application.h"
#include "cl-chart-widget.h"
#include "cl-compare-view.h"
#include "cl-report-view.h"
#include "cl-scan-view.h"
#include "cl-store.h"
#include "cl-window.h"

/* Drives the real window against the test world, under Xvfb: types a
 * domain, waits for the report, and saves a screenshot of each view in
 * $CL_SCREENSHOT_DIR (or the test's build directory) for a person to look
 * at.  Run inside tests/world/run and xvfb-run. */

static ClApplication *app;
static ClWindow *window;
static guint first_fair_score;  /* fair.example's first scan, before a false positive */
static char *database_dir;      /* this run's database, key and exports */

static GtkWidget *
find_mapped (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_mapped (GtkWidget *widget,
              GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_mapped (child, type);

  return n;
}

static gboolean
has_label_containing (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_containing (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
timed_out (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until a widget of @type is on screen in @root. */
static GtkWidget *
wait_for (GtkWidget *root,
          GType      type,
          guint      seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (seconds, timed_out, &expired);
  GtkWidget *found = NULL;

  while (!expired && (found = find_mapped (root, type)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);

  return found;
}

/* Iterates the main loop until no widget of @type is on screen. */
static gboolean
wait_gone (GtkWidget *root,
           GType      type,
           guint      seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (seconds, timed_out, &expired);

  while (!expired && find_mapped (root, type) != NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);

  return !expired;
}

/* Iterates the main loop until @domain's report is on screen. */
static GtkWidget *
wait_for_report (const char *domain,
                 guint       seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      GtkWidget *view = wait_for (GTK_WIDGET (window), CL_TYPE_REPORT_VIEW, 1);

      if (view != NULL &&
          g_str_equal (cl_report_get_domain (cl_report_view_get_report (CL_REPORT_VIEW (view))), domain))
        return view;
      g_main_context_iteration (NULL, FALSE);
    }

  return NULL;
}

/* Lets layout and drawing settle. */
static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (300, timed_out, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("CL_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = 0;
  int height = 0;

  /* a loaded machine may not have drawn the first frame yet */
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      settle ();
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir != NULL ? dir : g_test_get_dir (G_TEST_BUILT), name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
type_and_scan (const char *domain)
{
  GtkWidget *entry = find_mapped (GTK_WIDGET (window), GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), domain);
  /* what Enter in the entry does */
  g_signal_emit_by_name (entry, "activate");
}

static void
test_progress_and_cancel (void)
{
  GtkWidget *scan_view;
  GtkWidget *status_page;

  /* silent.example holds every probe until the network timeout */
  type_and_scan ("silent.example");
  scan_view = wait_for (GTK_WIDGET (window), CL_TYPE_SCAN_VIEW, 10);
  g_assert_nonnull (scan_view);
  screenshot (GTK_WIDGET (window), "scan-progress.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-scan", NULL));
  g_assert_true (wait_gone (GTK_WIDGET (window), CL_TYPE_SCAN_VIEW, 10));
  status_page = find_mapped (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==, "Scan Cancelled");
  screenshot (GTK_WIDGET (window), "scan-cancelled.png");
}

static void
test_scan (void)
{
  GtkWidget *report_view;
  ClReport *report;

  type_and_scan ("fair.example");
  report_view = wait_for_report ("fair.example", 60);
  g_assert_nonnull (report_view);
  report = cl_report_view_get_report (CL_REPORT_VIEW (report_view));
  g_assert_cmpstr (cl_report_get_domain (report), ==, "fair.example");
  g_assert_cmpstr (cl_report_get_grade (report), ==, "C");
  first_fair_score = cl_report_get_score (report);
  screenshot (GTK_WIDGET (window), "report-overview.png");
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

/* The comparison is chosen in its dialog, as a person would: tick two
 * domains, press Compare. */
static void
test_compare (void)
{
  AdwMessageDialog *dialog;
  GtkWidget *view;
  GPtrArray *reports;
  guint ticked = 0;

  type_and_scan ("good.example");
  g_assert_nonnull (wait_for_report ("good.example", 60));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  settle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "compare"));
  for (GtkWidget *check = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
       check != NULL;
       check = gtk_widget_get_next_sibling (check))
    {
      const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (check));

      if (g_str_equal (label, "good.example") || g_str_equal (label, "fair.example"))
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          ticked++;
        }
    }
  g_assert_cmpuint (ticked, ==, 2);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "compare"));
  screenshot (GTK_WIDGET (dialog), "compare-dialog.png");
  /* what its button does: respond, then close */
  adw_message_dialog_response (dialog, "compare");
  gtk_window_destroy (GTK_WINDOW (dialog));

  view = wait_for (GTK_WIDGET (window), CL_TYPE_COMPARE_VIEW, 10);
  g_assert_nonnull (view);
  reports = cl_compare_view_get_reports (CL_COMPARE_VIEW (view));
  g_assert_cmpuint (reports->len, ==, 2);
  /* a gauge for each domain, then the grouped module chart */
  g_assert_cmpuint (count_mapped (view, CL_TYPE_CHART_WIDGET), ==, reports->len + 1);
  screenshot (GTK_WIDGET (window), "compare.png");
}

static GtkWidget *
find_tooltip (GtkWidget  *root,
              const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Marks fair.example's first issue a false positive with a note, in the
 * dialog, and finds the mark in the database. */
static void
test_false_positive (void)
{
  GtkWidget *view;
  GtkWidget *stack;
  GtkWidget *issue;
  GtkWidget *button;
  AdwMessageDialog *dialog;
  ClFinding *finding;
  g_autoptr(ClStore) store = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(GError) error = NULL;
  const char *rule_id;
  gboolean marked = FALSE;

  type_and_scan ("fair.example");
  view = wait_for_report ("fair.example", 60);
  g_assert_nonnull (view);
  stack = find_mapped (view, ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "issues");
  issue = wait_for (view, ADW_TYPE_EXPANDER_ROW, 5);
  g_assert_nonnull (issue);
  finding = g_object_get_data (G_OBJECT (issue), "finding");
  rule_id = cl_finding_get_rule_id (finding);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (issue), TRUE);
  settle ();
  button = find_button (issue, "_False Positive…");
  g_assert_nonnull (button);
  screenshot (GTK_WIDGET (window), "report-issues.png");

  g_signal_emit_by_name (button, "clicked");
  settle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "accepted risk: legacy clients");
  screenshot (GTK_WIDGET (dialog), "false-positive-dialog.png");
  adw_message_dialog_response (dialog, "mark");
  gtk_window_destroy (GTK_WINDOW (dialog));

  store = cl_store_new (g_getenv ("COMPLIANCELAYER_DATABASE"), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 100 && !marked; i++)
    {
      g_clear_pointer (&violations, g_ptr_array_unref);
      settle ();
      violations = cl_store_list_violations (store, "fair.example", TRUE, &error);
      g_assert_no_error (error);
      for (guint v = 0; v < violations->len; v++)
        {
          ClViolation *violation = g_ptr_array_index (violations, v);

          if (g_str_equal (violation->rule_id, rule_id))
            marked = violation->status == CL_VIOLATION_FALSE_POSITIVE &&
                     g_strcmp0 (violation->note, "accepted risk: legacy clients") == 0;
        }
    }
  g_assert_true (marked);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (issue)), "False positive"));
  screenshot (GTK_WIDGET (window), "report-false-positive.png");

  /* every issue and earlier false positive has its row, filled when the
   * tab was first shown; the status filter shows only the one marked */
  {
    ClReport *report = cl_report_view_get_report (CL_REPORT_VIEW (view));
    GtkWidget *status_filter = find_tooltip (view, "Status");
    guint n_rows = 0;
    guint n_shown = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (gtk_widget_get_parent (issue)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      n_rows += ADW_IS_EXPANDER_ROW (row);
    g_assert_cmpuint (n_rows, ==, cl_report_get_issues (report)->len + cl_report_get_excluded (report)->len);

    g_assert_true (GTK_IS_DROP_DOWN (status_filter));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (status_filter), 1 + CL_VIOLATION_FALSE_POSITIVE);
    settle ();
    for (GtkWidget *row = gtk_widget_get_first_child (gtk_widget_get_parent (issue)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      n_shown += ADW_IS_EXPANDER_ROW (row) && gtk_widget_get_child_visible (row);
    g_assert_cmpuint (n_shown, ==, 1 + cl_report_get_excluded (report)->len);
    g_assert_true (gtk_widget_get_child_visible (issue));
    screenshot (GTK_WIDGET (window), "report-issues-false-positives.png");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (status_filter), 0);
  }

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "compliance");
  g_assert_nonnull (wait_for (view, ADW_TYPE_PREFERENCES_GROUP, 5));
  /* a failed control lists the rules that failed it once opened */
  {
    GtkWidget *control = wait_for (view, ADW_TYPE_EXPANDER_ROW, 5);
    JsonArray *rules = NULL;

    /* the first control a finding touched */
    for (; control != NULL; control = gtk_widget_get_next_sibling (control))
      if ((rules = g_object_get_data (G_OBJECT (control), "rule-ids")) != NULL)
        break;
    g_assert_nonnull (control);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (control), TRUE);
    settle ();
    g_assert_true (has_label_containing (control, json_array_get_string_element (rules, 0)));
  }
  screenshot (GTK_WIDGET (window), "report-compliance.png");
}

/* A second scan of fair.example: the false positive is left out of its
 * score, and the history chart has two points. */
static void
test_history (void)
{
  GtkWidget *view;
  GtkWidget *stack;
  ClReport *report;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rescan", NULL));
  g_assert_true (wait_gone (GTK_WIDGET (window), CL_TYPE_REPORT_VIEW, 10));
  view = wait_for_report ("fair.example", 60);
  g_assert_nonnull (view);
  report = cl_report_view_get_report (CL_REPORT_VIEW (view));
  g_assert_cmpuint (cl_report_get_excluded (report)->len, ==, 1);
  g_assert_cmpuint (cl_report_get_score (report), >, first_fair_score);
  screenshot (GTK_WIDGET (window), "report-rescanned.png");

  stack = find_mapped (view, ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "history");
  g_assert_nonnull (wait_for (view, CL_TYPE_CHART_WIDGET, 10));
  screenshot (GTK_WIDGET (window), "report-history.png");

  /* the sidebar shows the rise since the scan before */
  {
    g_autofree char *trend = g_strdup_printf ("Score %u · ↑%u", cl_report_get_score (report),
                                              cl_report_get_score (report) - first_fair_score);

    g_assert_true (has_label_containing (GTK_WIDGET (window), trend));
  }
}

/* The shown report (fair.example, two scans) as a signed PDF: the file
 * appears, the text says the report id and the page count, the key is made. */
static void
test_export_pdf (void)
{
  g_autofree char *path = g_build_filename (database_dir, "fair.pdf", NULL);
  g_autofree char *command = g_strdup_printf ("pdftotext -layout %s -", path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  ClReport *report;
  gboolean expired = FALSE;
  guint id;
  int wait_status;

  report = cl_report_view_get_report (CL_REPORT_VIEW (find_mapped (GTK_WIDGET (window), CL_TYPE_REPORT_VIEW)));
  cl_window_export_pdf (window, file);
  id = g_timeout_add_seconds (30, timed_out, &expired);
  while (!expired && !g_file_query_exists (file, NULL))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (id);
  settle ();
  g_assert_true (has_label_containing (GTK_WIDGET (window), "fair.pdf"));
  g_assert_false (has_label_containing (GTK_WIDGET (window), "not signed"));
  g_assert_true (g_file_test (g_getenv ("COMPLIANCELAYER_SIGNING_KEY"), G_FILE_TEST_EXISTS));
  screenshot (GTK_WIDGET (window), "export-pdf.png");

  g_assert_true (g_spawn_command_line_sync (command, &text, NULL, &wait_status, NULL));
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_nonnull (strstr (text, cl_report_get_id (report)));
  g_assert_nonnull (strstr (text, "fair.example"));
}

/* The Preferences rows are bound to GSettings; a scan gets what they say,
 * an empty field the public service. */
static void
test_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ClScanSettings) scan_settings = NULL;
  g_autoptr(ClScanSettings) defaults = NULL;

  g_settings_set_string (settings, "ct-log-url", "https://ct.mirror.invalid/");
  g_settings_set_string (settings, "port-scan-mode", "off");
  scan_settings = cl_application_dup_scan_settings (app);
  g_assert_cmpstr (cl_scan_settings_get_ct_log_url (scan_settings), ==, "https://ct.mirror.invalid/");
  g_assert_cmpstr (cl_scan_settings_get_rdap_bootstrap_url (scan_settings), ==, CL_DEFAULT_RDAP_BOOTSTRAP_URL);
  g_assert_true (cl_scan_settings_skips_module (scan_settings, "ports"));
  g_assert_cmpstr (cl_scan_settings_get_resolver (scan_settings), ==, g_getenv ("CL_WORLD_RESOLVER"));

  g_settings_reset (settings, "ct-log-url");
  g_settings_reset (settings, "port-scan-mode");
  defaults = cl_application_dup_scan_settings (app);
  g_assert_cmpstr (cl_scan_settings_get_ct_log_url (defaults), ==, CL_DEFAULT_CT_LOG_URL);
  g_assert_false (cl_scan_settings_skips_module (defaults, "ports"));
}

static void
test_invalid_domain (void)
{
  /* refused before any traffic: no scan view appears, a toast says why */
  type_and_scan ("not a domain");
  g_assert_null (wait_for (GTK_WIDGET (window), CL_TYPE_SCAN_VIEW, 1));
  screenshot (GTK_WIDGET (window), "invalid-domain.png");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *database = NULL;
  g_autofree char *signing_key = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* screenshots of pages, not of cross-fades between them */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  if (g_getenv ("CL_WORLD_DIR") == NULL)
    g_error ("run inside tests/world/run");
  /* a database of this run only */
  database_dir = g_dir_make_tmp ("test-ui-XXXXXX", NULL);
  database = g_build_filename (database_dir, "compliancelayer.db", NULL);
  g_setenv ("COMPLIANCELAYER_DATABASE", database, TRUE);
  signing_key = g_build_filename (database_dir, "signing-key.pem", NULL);
  g_setenv ("COMPLIANCELAYER_SIGNING_KEY", signing_key, TRUE);

  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "resolver", g_getenv ("CL_WORLD_RESOLVER"));
  g_settings_set_string (settings, "trust-anchor-file", g_getenv ("CL_WORLD_TRUST_ANCHOR"));
  g_settings_set_string (settings, "ca-file", g_getenv ("CL_WORLD_CA_FILE"));

  app = cl_application_new ();
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_activate (G_APPLICATION (app));
  /* the first window comes once the database is open */
  while ((window = CL_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)))) == NULL)
    g_main_context_iteration (NULL, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  settle ();

  g_test_add_func ("/ui/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/ui/scan", test_scan);
  g_test_add_func ("/ui/compare", test_compare);
  g_test_add_func ("/ui/false-positive", test_false_positive);
  g_test_add_func ("/ui/history", test_history);
  g_test_add_func ("/ui/export-pdf", test_export_pdf);
  g_test_add_func ("/ui/settings", test_settings);
  /* last: its toast would cover the other screenshots */
  g_test_add_func ("/ui/invalid-domain", test_invalid_domain);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);

  /* the run's database, key and PDF */
  {
    g_autoptr(GDir) dir = g_dir_open (database_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (database_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (database_dir);
    g_free (database_dir);
  }

  return status;
}
