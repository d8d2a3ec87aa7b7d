/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-domain.h"
#include "cl-domain-row.h"
#include "cl-compare-view.h"
#include "cl-error.h"
#include "cl-pdf-export.h"
#include "cl-report-view.h"
#include "cl-scan-view.h"
#include "cl-ui-util.h"
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

static void
free_closure_data (gpointer  data,
                   GClosure *closure)
{
  g_free (data);
}

static void
unref_closure_data (gpointer  data,
                    GClosure *closure)
{
  g_object_unref (data);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rescan",
                                 entry != NULL && entry->cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 entry != NULL && entry->report != NULL && entry->cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-json",
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

static gboolean
remove_old_page (gpointer user_data)
{
  GtkWidget *page = user_data;
  GtkWidget *stack = gtk_widget_get_parent (page);

  if (stack != NULL)
    gtk_stack_remove (GTK_STACK (stack), page);

  return G_SOURCE_REMOVE;
}

/* Puts @page in the stack as @entry's page, in place of the old one. */
static void
set_page (ClWindow    *self,
          DomainEntry *entry,
          GtkWidget   *page)
{
  gboolean visible = entry->page != NULL && visible_entry (self) == entry;

  /* The old page (a report of hundreds of widgets) goes once the new one
   * is shown: tearing it down in the same frame stalled the window. */
  if (entry->page != NULL)
    {
      /* unique, and no domain's: the new page takes the domain's name */
      g_autofree char *name = g_strdup_printf ("removed-%p", (void *)entry->page);

      gtk_stack_page_set_name (gtk_stack_get_page (self->content_stack, entry->page), name);
      g_idle_add_full (G_PRIORITY_LOW, remove_old_page, g_object_ref (entry->page), g_object_unref);
    }
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

/* Store calls, run off the main thread by cl_store_call_async(). */

static gpointer
list_domains_call (ClStore  *store,
                   gpointer  data,
                   GError  **error)
{
  return cl_store_list_domains (store, error);
}

static gpointer
history_call (ClStore  *store,
              gpointer  data,
              GError  **error)
{
  return cl_store_list_history (store, data, error);
}

static gpointer
latest_report_call (ClStore  *store,
                    gpointer  data,
                    GError  **error)
{
  g_autoptr(GPtrArray) history = cl_store_list_history (store, data, error);
  g_autoptr(JsonNode) json = NULL;
  ClScanRecord *last;

  if (history == NULL)
    return NULL;
  last = g_ptr_array_index (history, history->len - 1);
  json = cl_store_get_report_json (store, last->report_id, error);

  return json != NULL ? cl_report_new_from_json (json, error) : NULL;
}

typedef struct
{
  char      *domain;
  GDateTime *started_at;
  GPtrArray *results;
  GPtrArray *caveats;
  guint      max_age;
} ScanOutcome;

static void
scan_outcome_free (ScanOutcome *outcome)
{
  g_free (outcome->domain);
  g_clear_pointer (&outcome->started_at, g_date_time_unref);
  g_clear_pointer (&outcome->results, g_ptr_array_unref);
  g_clear_pointer (&outcome->caveats, g_ptr_array_unref);
  g_free (outcome);
}

typedef struct
{
  ClReport *report;
  char     *save_error;  /* why it could not be kept, or NULL */
} Recorded;

static void
recorded_free (Recorded *recorded)
{
  g_clear_object (&recorded->report);
  g_free (recorded->save_error);
  g_free (recorded);
}

/* The report of a finished scan, with the user's false positives left
 * out, recorded before it is shown.  A report that cannot be kept is
 * still shown. */
static gpointer
record_report_call (ClStore  *store,
                    gpointer  data,
                    GError  **error)
{
  ScanOutcome *outcome = data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) exclusions = cl_store_list_exclusions (store, outcome->domain, &local_error);
  g_autofree char *scan_id = NULL;
  Recorded *recorded = g_new0 (Recorded, 1);

  recorded->report = cl_report_new_full (outcome->domain, outcome->started_at, outcome->results,
                                         outcome->caveats, exclusions);
  if (exclusions != NULL)
    scan_id = cl_store_save_report (store, recorded->report, &local_error);
  if (scan_id == NULL)
    recorded->save_error = g_strdup (local_error->message);

  return recorded;
}

static gpointer
recent_report_call (ClStore  *store,
                    gpointer  data,
                    GError  **error)
{
  ScanOutcome *outcome = data;
  ClReport *report = cl_store_find_recent_report (store, outcome->domain, outcome->max_age, error);

  /* nothing recent is not an error: the callback scans */
  if (report == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, CL_ERROR, CL_ERROR_NOT_FOUND, "");

  return report;
}

static ClStore *
window_store (ClWindow *self)
{
  return cl_application_get_store (CL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static ScanData *
scan_data_new (ClWindow   *self,
               const char *domain)
{
  ScanData *data = g_new0 (ScanData, 1);

  g_weak_ref_init (&data->window, self);
  data->domain = g_strdup (domain);

  return data;
}

/* The entry a callback is for, if its window and the entry still exist. */
static DomainEntry *
callback_entry (ScanData  *data,
                ClWindow **self_out)
{
  ClWindow *self = g_weak_ref_get (&data->window);

  *self_out = self;
  if (self == NULL || self->domains == NULL)
    return NULL;

  return g_hash_table_lookup (self->domains, data->domain);
}

static DomainEntry *
ensure_entry (ClWindow   *self,
              const char *domain)
{
  DomainEntry *entry = g_hash_table_lookup (self->domains, domain);

  if (entry == NULL)
    {
      entry = g_new0 (DomainEntry, 1);
      entry->domain = g_strdup (domain);
      entry->row = cl_domain_row_new (domain);
      gtk_list_box_append (self->domain_list, GTK_WIDGET (entry->row));
      g_hash_table_insert (self->domains, entry->domain, entry);
    }

  return entry;
}

typedef struct
{
  char              *domain;
  char              *rule_id;
  ClViolationStatus  status;
  char              *note;
} Mark;

static void
mark_free (Mark *mark)
{
  g_free (mark->domain);
  g_free (mark->rule_id);
  g_free (mark->note);
  g_free (mark);
}

static gpointer
mark_call (ClStore  *store,
           gpointer  data,
           GError  **error)
{
  Mark *mark = data;

  if (!cl_store_mark (store, mark->domain, mark->rule_id, mark->status, mark->note, error))
    return NULL;

  return GUINT_TO_POINTER (TRUE);
}

typedef struct
{
  GWeakRef  view;
  GWeakRef  window;
  char     *rule_id;
  guint     status;
} MarkData;

static void
mark_data_free (MarkData *data)
{
  g_weak_ref_clear (&data->view);
  g_weak_ref_clear (&data->window);
  g_free (data->rule_id);
  g_free (data);
}

static void
mark_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MarkData *data = user_data;
  g_autoptr(ClReportView) view = g_weak_ref_get (&data->view);
  g_autoptr(ClWindow) self = g_weak_ref_get (&data->window);
  g_autoptr(GError) error = NULL;

  if (cl_store_call_finish (CL_STORE (source), result, &error) == NULL)
    {
      if (self != NULL)
        toast (self, error->message);
    }
  else
    {
      if (view != NULL)
        cl_report_view_set_status (view, data->rule_id, data->status);
      if (self != NULL && data->status == CL_VIOLATION_FALSE_POSITIVE)
        toast (self, _("Marked a false positive: the next scan leaves it out of the score"));
    }
  mark_data_free (data);
}

static void
record_mark (ClWindow          *self,
             ClReportView      *view,
             const char        *rule_id,
             ClViolationStatus  status,
             const char        *note)
{
  ClStore *store = window_store (self);
  Mark *mark;
  MarkData *data;

  if (store == NULL)
    {
      toast (self, _("Marks cannot be kept: the database could not be opened"));
      return;
    }

  mark = g_new0 (Mark, 1);
  mark->domain = g_strdup (cl_report_get_domain (cl_report_view_get_report (view)));
  mark->rule_id = g_strdup (rule_id);
  mark->status = status;
  mark->note = note != NULL && note[0] != '\0' ? g_strdup (note) : NULL;
  data = g_new0 (MarkData, 1);
  g_weak_ref_init (&data->view, view);
  g_weak_ref_init (&data->window, self);
  data->rule_id = g_strdup (rule_id);
  data->status = status;
  cl_store_call_async (store, mark_call, mark, (GDestroyNotify) mark_free, NULL, NULL,
                       mark_done, data);
}

static void
on_false_positive_response (AdwMessageDialog *dialog,
                            const char       *response,
                            ClWindow         *self)
{
  ClReportView *view = g_object_get_data (G_OBJECT (dialog), "view");
  GtkEditable *note = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_str_equal (response, "mark"))
    record_mark (self, view, g_object_get_data (G_OBJECT (dialog), "rule-id"),
                 CL_VIOLATION_FALSE_POSITIVE, gtk_editable_get_text (note));
}

static void
on_mark (ClReportView *view,
         const char   *rule_id,
         guint         status,
         ClWindow     *self)
{
  GtkWidget *dialog;
  GtkWidget *note;

  if (status != CL_VIOLATION_FALSE_POSITIVE)
    {
      record_mark (self, view, rule_id, status, NULL);
      return;
    }

  /* a false positive is a judgement: say why, for the auditor */
  note = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Why it is not a risk here"));
  gtk_entry_set_activates_default (GTK_ENTRY (note), TRUE);
  dialog = cl_ui_choice_dialog_new (GTK_WINDOW (self), _("Mark as False Positive?"),
                                    _("The finding will be left out of the score and listed apart in the report, with your note."),
                                    note, "mark", _("_Mark"));
  g_object_set_data_full (G_OBJECT (dialog), "view", g_object_ref (view), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "rule-id", g_strdup (rule_id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_false_positive_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
view_history_listed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ClReportView) view = g_weak_ref_get (user_data);
  g_autoptr(GPtrArray) history = cl_store_call_finish (CL_STORE (source), result, NULL);

  g_weak_ref_clear (user_data);
  g_free (user_data);
  if (view == NULL || history == NULL)
    return;

  cl_report_view_set_history (view, history);
  /* the sidebar's trend, when the view shows the domain's latest scan */
  if (history->len > 0)
    {
      ClScanRecord *last = g_ptr_array_index (history, history->len - 1);
      ClReport *report = cl_report_view_get_report (view);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));
      DomainEntry *entry = NULL;

      if (CL_IS_WINDOW (root))
        entry = g_hash_table_lookup (CL_WINDOW (root)->domains, cl_report_get_domain (report));
      if (entry != NULL && g_strcmp0 (last->report_id, cl_report_get_id (report)) == 0)
        cl_domain_row_set_history (entry->row, history);
    }
}

static gpointer
report_by_id_call (ClStore  *store,
                   gpointer  data,
                   GError  **error)
{
  g_autoptr(JsonNode) json = cl_store_get_report_json (store, data, error);

  return json != NULL ? cl_report_new_from_json (json, error) : NULL;
}

static void show_report (ClWindow    *self,
                         DomainEntry *entry,
                         ClReport    *report);

static void
report_by_id_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ScanData) data = user_data;
  g_autoptr(ClWindow) self = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClReport) report = cl_store_call_finish (CL_STORE (source), result, &error);
  DomainEntry *entry = callback_entry (data, &self);

  if (self != NULL && report == NULL)
    toast (self, error->message);
  else if (entry != NULL && entry->job == NULL)
    show_report (self, entry, report);
}

/* A point of the history chart: that scan's report, as it was issued. */
static void
on_open_report (ClReportView *view,
                const char   *report_id,
                ClWindow     *self)
{
  const char *domain = cl_report_get_domain (cl_report_view_get_report (view));

  cl_store_call_async (window_store (self), report_by_id_call, g_strdup (report_id), g_free,
                       g_object_unref, NULL, report_by_id_loaded, scan_data_new (self, domain));
}

static void
show_report (ClWindow    *self,
             DomainEntry *entry,
             ClReport    *report)
{
  GtkWidget *view = GTK_WIDGET (cl_report_view_new (report));
  ClStore *store = window_store (self);

  g_set_object (&entry->report, report);
  cl_domain_row_set_score (entry->row, cl_report_has_score (report),
                           cl_report_get_score (report), cl_report_get_grade (report));
  g_signal_connect (view, "mark", G_CALLBACK (on_mark), self);
  g_signal_connect (view, "open-report", G_CALLBACK (on_open_report), self);
  set_page (self, entry, view);
  update_actions (self);

  if (store != NULL)
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, view);
      cl_store_call_async (store, history_call, g_strdup (entry->domain), g_free,
                           (GDestroyNotify) g_ptr_array_unref, NULL, view_history_listed, ref);
    }
}

static void
report_recorded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ScanData) data = user_data;
  g_autoptr(ClWindow) self = NULL;
  Recorded *recorded = cl_store_call_finish (CL_STORE (source), result, NULL);
  DomainEntry *entry = callback_entry (data, &self);

  if (entry != NULL)
    {
      show_report (self, entry, recorded->report);
      cl_ui_trim_heap ();
      if (recorded->save_error != NULL)
        {
          /* Translators: the reason a report could not be kept */
          g_autofree char *message = g_strdup_printf (_("The report could not be kept: %s"),
                                                      recorded->save_error);

          toast (self, message);
        }
    }
  recorded_free (recorded);
}

static void
scan_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ClScanJob *job = CL_SCAN_JOB (source);
  g_autoptr(ScanData) data = user_data;
  g_autoptr(ClWindow) self = NULL;
  g_autoptr(GError) error = NULL;
  DomainEntry *entry;
  ClStore *store;

  cl_scan_job_run_finish (job, result, &error);
  entry = callback_entry (data, &self);
  if (entry == NULL || entry->job != job)
    return;

  g_clear_object (&entry->cancellable);
  g_clear_object (&entry->job);
  update_actions (self);

  if (error != NULL)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      const char *message = cancelled ? _("The scan was cancelled.") : error->message;

      if (entry->report != NULL)
        {
          show_report (self, entry, entry->report);
          toast (self, message);
        }
      else
        {
          cl_domain_row_set_failed (entry->row, message);
          set_page (self, entry, failure_page (cancelled ? _("Scan Cancelled") : _("Scan Failed"),
                                               message));
        }
      return;
    }

  store = window_store (self);
  if (store != NULL)
    {
      ScanOutcome *outcome = g_new0 (ScanOutcome, 1);

      outcome->domain = g_strdup (cl_scan_job_get_domain (job));
      outcome->started_at = g_date_time_ref (cl_scan_job_get_started_at (job));
      outcome->results = g_ptr_array_ref (cl_scan_job_get_results (job));
      outcome->caveats = g_ptr_array_ref (cl_scan_job_get_caveats (job));
      cl_store_call_async (store, record_report_call, outcome, (GDestroyNotify) scan_outcome_free,
                           (GDestroyNotify) recorded_free, NULL, report_recorded,
                           g_steal_pointer (&data));
    }
  else
    {
      g_autoptr(ClReport) report = cl_report_new (cl_scan_job_get_domain (job),
                                                   cl_scan_job_get_started_at (job),
                                                   cl_scan_job_get_results (job),
                                                   cl_scan_job_get_caveats (job));

      show_report (self, entry, report);
    }
}

/* A scan's job starts once its scan view has been drawn, or after
 * START_DELAY_MS if the window draws nothing (hidden, or minimized on
 * Wayland).  The view's first frame is the costliest it has (a new page,
 * often cold caches); drawn while fifteen modules started their workers,
 * it waited for a core and for the allocator's locks. */
#define START_DELAY_MS 200

typedef struct
{
  ScanData      *data;
  ClScanJob     *job;
  GdkFrameClock *frame_clock;
  gulong         painted_id;
  guint          timeout_id;
} PendingStart;

static void
start_job (PendingStart *pending)
{
  g_autoptr(ClWindow) self = NULL;
  DomainEntry *entry = callback_entry (pending->data, &self);

  g_clear_signal_handler (&pending->painted_id, pending->frame_clock);
  g_clear_handle_id (&pending->timeout_id, g_source_remove);
  /* the domain was forgotten, or rescanned, meanwhile */
  if (entry != NULL && entry->job == pending->job)
    cl_scan_job_run_async (entry->job, entry->cancellable, scan_done, g_steal_pointer (&pending->data));

  g_clear_pointer (&pending->data, scan_data_free);
  g_clear_object (&pending->job);
  g_clear_object (&pending->frame_clock);
  g_free (pending);
}

static gboolean
start_job_timeout (gpointer user_data)
{
  PendingStart *pending = user_data;

  pending->timeout_id = 0;
  start_job (pending);

  return G_SOURCE_REMOVE;
}

/* Not in the frame's own dispatch: starting the job takes the main loop
 * a few milliseconds of its own. */
static void
view_drawn (PendingStart *pending)
{
  g_clear_signal_handler (&pending->painted_id, pending->frame_clock);
  g_clear_handle_id (&pending->timeout_id, g_source_remove);
  pending->timeout_id = g_idle_add (start_job_timeout, pending);
}

static void
start_job_when_drawn (ClWindow    *self,
                      DomainEntry *entry)
{
  PendingStart *pending = g_new0 (PendingStart, 1);
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  pending->data = scan_data_new (self, entry->domain);
  pending->job = g_object_ref (entry->job);
  pending->timeout_id = g_timeout_add (START_DELAY_MS, start_job_timeout, pending);
  if (frame_clock != NULL)
    {
      pending->frame_clock = g_object_ref (frame_clock);
      pending->painted_id = g_signal_connect_swapped (frame_clock, "after-paint",
                                                      G_CALLBACK (view_drawn), pending);
    }
}

static void
run_scan (ClWindow    *self,
          DomainEntry *entry)
{
  ClApplication *app = CL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(ClScanSettings) settings = cl_application_dup_scan_settings (app);

  entry->job = cl_scan_job_new (entry->domain, settings);
  entry->cancellable = g_cancellable_new ();
  cl_domain_row_set_scanning (entry->row);
  set_page (self, entry, GTK_WIDGET (cl_scan_view_new (entry->job)));
  show_entry (self, entry);
  start_job_when_drawn (self, entry);
}

static void
rescan_clicked (ClWindow   *self,
                const char *domain)
{
  DomainEntry *entry = g_hash_table_lookup (self->domains, domain);

  if (entry != NULL && entry->job == NULL)
    run_scan (self, entry);
}

static void
recent_found (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ScanData) data = user_data;
  g_autoptr(ClWindow) self = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClReport) report = cl_store_call_finish (CL_STORE (source), result, &error);
  DomainEntry *entry = callback_entry (data, &self);
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;
  AdwToast *t;

  if (entry == NULL || entry->job != NULL)
    return;
  if (report == NULL)
    {
      run_scan (self, entry);
      return;
    }

  show_report (self, entry, report);
  show_entry (self, entry);
  when = g_date_time_format (cl_report_get_scanned_at (report), "%X");
  /* Translators: %s is the time of the scan shown */
  message = g_strdup_printf (_("Shown from the scan of %s"), when);
  t = adw_toast_new (message);
  adw_toast_set_button_label (t, _("_Rescan"));
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (rescan_clicked),
                         g_strdup (entry->domain), free_closure_data, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
latest_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ScanData) data = user_data;
  g_autoptr(ClWindow) self = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClReport) report = cl_store_call_finish (CL_STORE (source), result, &error);
  DomainEntry *entry = callback_entry (data, &self);

  if (entry == NULL || entry->job != NULL)
    return;
  if (report == NULL)
    set_page (self, entry, failure_page (_("Report Not Available"), error->message));
  else
    show_report (self, entry, report);
}

/* A stored domain's page is made when it is first opened. */
static void
load_latest_report (ClWindow    *self,
                    DomainEntry *entry)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), spinner);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), entry->domain);
  set_page (self, entry, page);
  cl_store_call_async (window_store (self), latest_report_call, g_strdup (entry->domain), g_free,
                       g_object_unref, NULL, latest_loaded, scan_data_new (self, entry->domain));
}

static void
history_listed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ScanData) data = user_data;
  g_autoptr(ClWindow) self = NULL;
  g_autoptr(GPtrArray) history = cl_store_call_finish (CL_STORE (source), result, NULL);
  DomainEntry *entry = callback_entry (data, &self);

  if (entry != NULL && history != NULL && entry->report == NULL && entry->job == NULL)
    cl_domain_row_set_history (entry->row, history);
}

static void
domains_listed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ClWindow) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) domains = cl_store_call_finish (CL_STORE (source), result, &error);

  g_weak_ref_clear (user_data);
  g_free (user_data);
  if (self == NULL || self->domains == NULL)
    return;
  if (domains == NULL)
    {
      toast (self, error->message);
      return;
    }

  for (guint i = 0; domains[i] != NULL; i++)
    {
      ensure_entry (self, domains[i]);
      cl_store_call_async (CL_STORE (source), history_call, g_strdup (domains[i]), g_free,
                           (GDestroyNotify) g_ptr_array_unref, NULL, history_listed,
                           scan_data_new (self, domains[i]));
    }
}

void
cl_window_start_scan (ClWindow   *self,
                      const char *input)
{
  ClApplication *app = CL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  guint max_age = g_settings_get_uint (cl_application_get_settings (app), "cache-duration");
  g_autoptr(GError) error = NULL;
  g_autofree char *domain = NULL;
  DomainEntry *entry;
  ClStore *store;

  g_return_if_fail (CL_IS_WINDOW (self));

  domain = cl_domain_normalize (input, &error);
  if (domain == NULL)
    {
      toast (self, error->message);
      return;
    }

  entry = ensure_entry (self, domain);
  if (entry->job != NULL)
    {
      show_entry (self, entry);
      return;
    }

  /* a domain scanned a moment ago is answered from the store */
  store = window_store (self);
  if (store != NULL && max_age > 0)
    {
      ScanOutcome *query = g_new0 (ScanOutcome, 1);

      query->domain = g_strdup (domain);
      query->max_age = max_age;
      cl_store_call_async (store, recent_report_call, query, (GDestroyNotify) scan_outcome_free,
                           g_object_unref, NULL, recent_found, scan_data_new (self, domain));
      return;
    }

  run_scan (self, entry);
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

  if (entry == NULL)
    return;
  if (entry->page == NULL)
    load_latest_report (self, entry);
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
rescan_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ClWindow *self = CL_WINDOW (widget);
  DomainEntry *entry = visible_entry (self);

  if (entry != NULL && entry->job == NULL)
    run_scan (self, entry);
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

/* Says how an export went: the error, or the file with a button to open it. */
static void
export_done (ClWindow     *self,
             GFile        *file,
             const char   *note,
             const GError *error)
{
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  AdwToast *t;

  if (error != NULL)
    {
      /* Translators: the error message of a failed save */
      message = g_strdup_printf (_("The report could not be saved: %s"), error->message);
      toast (self, message);
      return;
    }

  name = g_file_get_basename (file);
  if (note != NULL)
    /* Translators: a file name, then a remark on it */
    message = g_strdup_printf (_("Saved “%s”: %s"), name, note);
  else
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Saved “%s”"), name);
  t = adw_toast_new (message);
  /* the answer to what the user just did: before any older toast */
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (t, _("_Open"));
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (open_exported),
                         g_object_ref (file), unref_closure_data,
                         G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
export_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ClWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  g_file_replace_contents_finish (G_FILE (source), result, NULL, &error);
  export_done (self, G_FILE (source), NULL, error);
}

static void
export_json_response (GtkNativeDialog *dialog,
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

/* A PDF export on its way: the domain's history from the store, then the
 * signing key (made on first use), then the file written in a thread. */
typedef struct
{
  ClWindow    *self;
  ClPdfExport *export;
  GFile       *file;
  char        *key_error;  /* why the PDF is not signed */
} PdfExport;

static void
pdf_export_free (PdfExport *pdf)
{
  g_clear_object (&pdf->self);
  g_clear_object (&pdf->export);
  g_clear_object (&pdf->file);
  g_clear_pointer (&pdf->key_error, g_free);
  g_free (pdf);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfExport, pdf_export_free)

static void
pdf_written (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PdfExport) pdf = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  cl_pdf_export_write_finish (CL_PDF_EXPORT (source), result, &error);
  if (pdf->key_error != NULL)
    /* Translators: why an exported PDF carries no signature */
    note = g_strdup_printf (_("not signed (%s)"), pdf->key_error);
  export_done (pdf->self, pdf->file, note, error);
}

static void
pdf_key_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PdfExport *pdf = user_data;
  g_autoptr(ClSigningKey) key = NULL;
  g_autoptr(GError) error = NULL;

  /* without a key the report is still worth having, with its digest */
  if ((key = cl_signing_key_load_finish (result, &error)) != NULL)
    cl_pdf_export_set_signing_key (pdf->export, key);
  else
    pdf->key_error = g_strdup (error->message);
  cl_pdf_export_write_async (pdf->export, pdf->file, NULL, pdf_written, pdf);
}

static void
load_signing_key (PdfExport *pdf)
{
  g_autofree char *key_path = cl_signing_key_default_path ();

  cl_signing_key_load_async (key_path, TRUE, NULL, pdf_key_loaded, pdf);
}

static void
pdf_history_listed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PdfExport *pdf = user_data;
  g_autoptr(GPtrArray) history = cl_store_call_finish (CL_STORE (source), result, NULL);

  if (history != NULL)
    {
      /* up to the report's own scan, which may be an earlier one */
      ClReport *report = cl_pdf_export_get_report (pdf->export);
      g_autoptr(GArray) points = cl_scan_records_to_history_points (history,
                                                                    cl_report_get_scanned_at (report));

      cl_pdf_export_set_history (pdf->export, (const ClChartHistoryPoint *) (gpointer) points->data,
                                 points->len);
    }
  load_signing_key (pdf);
}

/**
 * cl_window_export_pdf:
 * @file: where to write
 *
 * Writes the shown report as a PDF with the domain's history, signed with
 * the user's key, on the paper size of the settings; a toast says how it
 * went.
 */
void
cl_window_export_pdf (ClWindow *self,
                      GFile    *file)
{
  DomainEntry *entry;
  GSettings *settings;
  g_autofree char *paper = NULL;
  PdfExport *pdf;

  g_return_if_fail (CL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  entry = visible_entry (self);
  if (entry == NULL || entry->report == NULL)
    return;

  settings = cl_application_get_settings (CL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  paper = g_settings_get_string (settings, "pdf-paper-size");
  pdf = g_new0 (PdfExport, 1);
  pdf->self = g_object_ref (self);
  pdf->file = g_object_ref (file);
  pdf->export = cl_pdf_export_new (entry->report);
  cl_pdf_export_set_page_size (pdf->export,
                               g_str_equal (paper, "letter") ? CL_PDF_PAGE_LETTER : CL_PDF_PAGE_A4);
  if (window_store (self) != NULL)
    cl_store_call_async (window_store (self), history_call, g_strdup (entry->domain), g_free,
                         (GDestroyNotify) g_ptr_array_unref, NULL, pdf_history_listed, pdf);
  else
    load_signing_key (pdf);
}

static void
export_pdf_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      cl_window_export_pdf (CL_WINDOW (user_data), file);
    }

  g_object_unref (dialog);
}

/* The save dialog for the shown report, as @extension. */
static void
choose_export_file (ClWindow   *self,
                    const char *extension,
                    GCallback   response)
{
  DomainEntry *entry = visible_entry (self);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (entry == NULL || entry->report == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  name = g_strdup_printf ("%s-%s.%s", entry->domain, cl_report_get_id (entry->report), extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", response, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose_export_file (CL_WINDOW (widget), "pdf", G_CALLBACK (export_pdf_response));
}

static void
export_json_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_export_file (CL_WINDOW (widget), "json", G_CALLBACK (export_json_response));
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

  dialog = cl_ui_choice_dialog_new (GTK_WINDOW (self), _("Compare Domains"),
                                    _("Choose two to four domains."), box,
                                    "compare", _("C_ompare"));
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
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.export-json", NULL, export_json_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.rescan", NULL, rescan_action);
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

  if (cl_application_get_store (application) != NULL)
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, self);
      cl_store_call_async (cl_application_get_store (application), list_domains_call, NULL, NULL,
                           (GDestroyNotify) g_strfreev, NULL, domains_listed, ref);
    }
  else
    {
      /* Translators: the reason the database could not be opened */
      g_autofree char *message = g_strdup_printf (_("Scans will not be kept: %s"),
                                                  cl_application_get_store_error (application));

      toast (self, message);
    }

  return self;
}
