/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-domain.h"
#include "cl-domain-row.h"
#include "cl-compare-view.h"
#include "cl-error.h"
#include "cl-report-view.h"
#include "cl-scan-view.h"
#include "cl-window.h"

/* The main window: domains in the sidebar, the selected one's scan or
 * report in the content.  Each domain may have a scan running, with its
 * own cancellable; several run at once and none blocks the main loop. */

typedef struct
{
  char         *domain;
  ClDomainRow  *row;         /* owned by the list */
  GtkWidget    *page;        /* owned by the stack */
  ClScanJob    *job;         /* while scanning */
  GCancellable *cancellable; /* while scanning */
  ClReport     *report;      /* the last one */
} DomainEntry;

struct _ClWindow
{
  AdwApplicationWindow  parent_instance;

  GHashTable           *domains;  /* domain → DomainEntry */

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkEntry             *scan_entry;
  GtkListBox           *domain_list;
  AdwWindowTitle       *content_title;
  GtkStack             *content_stack;
};

G_DEFINE_FINAL_TYPE (ClWindow, cl_window, ADW_TYPE_APPLICATION_WINDOW)

static void
domain_entry_free (DomainEntry *entry)
{
  if (entry->cancellable != NULL)
    g_cancellable_cancel (entry->cancellable);
  g_clear_object (&entry->cancellable);
  g_clear_object (&entry->job);
  g_clear_object (&entry->report);
  g_free (entry->domain);
  g_free (entry);
}

static void
toast (ClWindow   *self,
       const char *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static DomainEntry *
visible_entry (ClWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->content_stack);

  return name != NULL ? g_hash_table_lookup (self->domains, name) : NULL;
}

static void
update_actions (ClWindow *self)
{
  DomainEntry *entry = visible_entry (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-scan",
                                 entry != NULL && entry->cancellable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 entry != NULL && entry->report != NULL && entry->cancellable == NULL);
}

static void
show_entry (ClWindow    *self,
            DomainEntry *entry)
{
  gtk_stack_set_visible_child (self->content_stack, entry->page);
  adw_window_title_set_title (self->content_title, entry->domain);
  gtk_list_box_select_row (self->domain_list, GTK_LIST_BOX_ROW (entry->row));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  update_actions (self);
}

/* Puts @page in the stack as @entry's page, in place of the old one. */
static void
set_page (ClWindow    *self,
          DomainEntry *entry,
          GtkWidget   *page)
{
  gboolean visible = entry->page != NULL && visible_entry (self) == entry;

  if (entry->page != NULL)
    gtk_stack_remove (self->content_stack, entry->page);
  entry->page = page;
  gtk_stack_add_named (self->content_stack, page, entry->domain);
  if (visible)
    show_entry (self, entry);
}

static GtkWidget *
failure_page (const char *title,
              const char *message)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), message);

  return page;
}

/* What a running scan's callback holds: the window may close and the
 * domain may be rescanned before it is called. */
typedef struct
{
  GWeakRef  window;
  char     *domain;
} ScanData;

static void
scan_data_free (ScanData *data)
{
  g_weak_ref_clear (&data->window);
  g_free (data->domain);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScanData, scan_data_free)

static void
scan_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ClScanJob *job = CL_SCAN_JOB (source);
  g_autoptr(ScanData) data = user_data;
  g_autoptr(ClWindow) self = g_weak_ref_get (&data->window);
  g_autoptr(GError) error = NULL;
  DomainEntry *entry;

  cl_scan_job_run_finish (job, result, &error);
  if (self == NULL || self->domains == NULL)
    return;
  entry = g_hash_table_lookup (self->domains, data->domain);
  if (entry == NULL || entry->job != job)
    return;

  g_clear_object (&entry->cancellable);
  g_clear_object (&entry->job);

  if (error != NULL)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      const char *message = cancelled ? _("The scan was cancelled.") : error->message;

      cl_domain_row_set_failed (entry->row, message);
      if (entry->report != NULL)
        {
          set_page (self, entry, GTK_WIDGET (cl_report_view_new (entry->report)));
          cl_domain_row_set_score (entry->row, cl_report_has_score (entry->report),
                                   cl_report_get_score (entry->report),
                                   cl_report_get_grade (entry->report));
          toast (self, message);
        }
      else
        set_page (self, entry, failure_page (cancelled ? _("Scan Cancelled") : _("Scan Failed"),
                                             message));
    }
  else
    {
      g_clear_object (&entry->report);
      entry->report = cl_report_new (cl_scan_job_get_domain (job),
                                     cl_scan_job_get_started_at (job),
                                     cl_scan_job_get_results (job),
                                     cl_scan_job_get_caveats (job));
      cl_domain_row_set_score (entry->row, cl_report_has_score (entry->report),
                               cl_report_get_score (entry->report),
                               cl_report_get_grade (entry->report));
      set_page (self, entry, GTK_WIDGET (cl_report_view_new (entry->report)));
    }

  update_actions (self);
}

void
cl_window_start_scan (ClWindow   *self,
                      const char *input)
{
  ClApplication *app = CL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(ClScanSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *domain = NULL;
  DomainEntry *entry;
  ScanData *data;

  g_return_if_fail (CL_IS_WINDOW (self));

  domain = cl_domain_normalize (input, &error);
  if (domain == NULL)
    {
      toast (self, error->message);
      return;
    }

  entry = g_hash_table_lookup (self->domains, domain);
  if (entry == NULL)
    {
      entry = g_new0 (DomainEntry, 1);
      entry->domain = g_strdup (domain);
      entry->row = cl_domain_row_new (domain);
      gtk_list_box_prepend (self->domain_list, GTK_WIDGET (entry->row));
      g_hash_table_insert (self->domains, entry->domain, entry);
    }
  else if (entry->job != NULL)
    {
      show_entry (self, entry);
      return;
    }

  settings = cl_application_dup_scan_settings (app);
  entry->job = cl_scan_job_new (domain, settings);
  entry->cancellable = g_cancellable_new ();
  cl_domain_row_set_scanning (entry->row);
  set_page (self, entry, GTK_WIDGET (cl_scan_view_new (entry->job)));
  show_entry (self, entry);
  data = g_new0 (ScanData, 1);
  g_weak_ref_init (&data->window, self);
  data->domain = g_strdup (domain);
  cl_scan_job_run_async (entry->job, entry->cancellable, scan_done, data);
}

static void
on_scan_entry_activate (ClWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->scan_entry));

  if (text[0] == '\0')
    return;
  cl_window_start_scan (self, text);
  gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");
}

static void
on_row_activated (ClWindow      *self,
                  GtkListBoxRow *row)
{
  DomainEntry *entry = g_hash_table_lookup (self->domains, cl_domain_row_get_domain (CL_DOMAIN_ROW (row)));

  if (entry != NULL)
    show_entry (self, entry);
}

static void
new_scan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ClWindow *self = CL_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->scan_entry));
}

static void
cancel_scan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DomainEntry *entry = visible_entry (CL_WINDOW (widget));

  if (entry != NULL && entry->cancellable != NULL)
    g_cancellable_cancel (entry->cancellable);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_navigate (CL_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
open_exported (GtkWidget *button,
               GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (button)), uri, GDK_CURRENT_TIME);
}

static void
unref_closure_data (gpointer  data,
                    GClosure *closure)
{
  g_object_unref (data);
}

static void
export_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ClWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  AdwToast *t;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      /* Translators: the error message of a failed save */
      message = g_strdup_printf (_("The report could not be saved: %s"), error->message);
      toast (self, message);
      return;
    }

  name = g_file_get_basename (G_FILE (source));
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Saved “%s”"), name);
  t = adw_toast_new (message);
  adw_toast_set_button_label (t, _("_Open"));
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (open_exported),
                         g_object_ref (source), unref_closure_data,
                         G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
export_response (GtkNativeDialog *dialog,
                 int              response,
                 gpointer         user_data)
{
  ClWindow *self = user_data;
  DomainEntry *entry = visible_entry (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *json;

  if (response == GTK_RESPONSE_ACCEPT && entry != NULL && entry->report != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      json = cl_report_to_string (entry->report);
      bytes = g_bytes_new_take (json, strlen (json));
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                           G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                           export_written, g_object_ref (self));
    }

  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ClWindow *self = CL_WINDOW (widget);
  DomainEntry *entry = visible_entry (self);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (entry == NULL || entry->report == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  name = g_strdup_printf ("%s-%s.json", entry->domain, cl_report_get_id (entry->report));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

#define COMPARE_PAGE "compare"

void
cl_window_compare (ClWindow           *self,
                   const char * const *domains)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *old = gtk_stack_get_child_by_name (self->content_stack, COMPARE_PAGE);
  GtkWidget *view;

  g_return_if_fail (CL_IS_WINDOW (self));

  for (guint i = 0; domains[i] != NULL; i++)
    {
      DomainEntry *entry = g_hash_table_lookup (self->domains, domains[i]);

      g_return_if_fail (entry != NULL && entry->report != NULL);
      g_ptr_array_add (reports, g_object_ref (entry->report));
    }
  g_return_if_fail (reports->len >= 2 && reports->len <= 4);

  if (old != NULL)
    gtk_stack_remove (self->content_stack, old);
  view = GTK_WIDGET (cl_compare_view_new (reports));
  gtk_stack_add_named (self->content_stack, view, COMPARE_PAGE);
  gtk_stack_set_visible_child (self->content_stack, view);
  gtk_list_box_unselect_all (self->domain_list);
  adw_window_title_set_title (self->content_title, _("Comparison"));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  update_actions (self);
}

static guint
count_checked (GPtrArray *checks)
{
  guint n = 0;

  for (guint i = 0; i < checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (checks, i));

  return n;
}

static void
on_compare_check_toggled (AdwMessageDialog *dialog)
{
  guint n = count_checked (g_object_get_data (G_OBJECT (dialog), "checks"));

  adw_message_dialog_set_response_enabled (dialog, "compare", n >= 2 && n <= 4);
}

static void
on_compare_response (AdwMessageDialog *dialog,
                     const char       *response,
                     ClWindow         *self)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "checks");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) domains = NULL;

  if (!g_str_equal (response, "compare"))
    return;

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      g_strv_builder_add (builder, gtk_check_button_get_label (g_ptr_array_index (checks, i)));
  domains = g_strv_builder_end (builder);
  cl_window_compare (self, (const char * const *) domains);
}

/* Asks which 2 to 4 of the scanned domains to set side by side. */
static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ClWindow *self = CL_WINDOW (widget);
  GPtrArray *checks = g_ptr_array_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *dialog;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->domain_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      DomainEntry *entry;
      GtkWidget *check;

      if (!CL_IS_DOMAIN_ROW (row))
        continue;
      entry = g_hash_table_lookup (self->domains, cl_domain_row_get_domain (CL_DOMAIN_ROW (row)));
      if (entry == NULL || entry->report == NULL)
        continue;
      check = gtk_check_button_new_with_label (entry->domain);
      g_ptr_array_add (checks, check);
      gtk_box_append (GTK_BOX (box), check);
    }

  if (checks->len < 2)
    {
      g_ptr_array_unref (checks);
      toast (self, _("Scan at least two domains to compare them"));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Compare Domains"),
                                   _("Choose two to four domains."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "compare", _("C_ompare"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "compare",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "compare");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "compare", FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "checks", checks, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < checks->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (checks, i), "toggled",
                              G_CALLBACK (on_compare_check_toggled), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_compare_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cl_window_dispose (GObject *object)
{
  ClWindow *self = CL_WINDOW (object);

  /* cancels every running scan; their callbacks find no window */
  g_clear_pointer (&self->domains, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CL_TYPE_WINDOW);

  G_OBJECT_CLASS (cl_window_parent_class)->dispose (object);
}

static void
cl_window_class_init (ClWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/net/compliancelayer/ComplianceLayer/ui/cl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ClWindow, scan_entry);
  gtk_widget_class_bind_template_child (widget_class, ClWindow, domain_list);
  gtk_widget_class_bind_template_child (widget_class, ClWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, ClWindow, content_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_scan_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "win.new-scan", NULL, new_scan_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, new_scan_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-scan", NULL, cancel_scan_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
}

static void
cl_window_init (ClWindow *self)
{
  self->domains = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) domain_entry_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

ClWindow *
cl_window_new (ClApplication *application)
{
  GSettings *settings = cl_application_get_settings (application);
  ClWindow *self = g_object_new (CL_TYPE_WINDOW, "application", application, NULL);

  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  return self;
}
