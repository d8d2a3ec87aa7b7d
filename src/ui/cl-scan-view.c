/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-scan-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-module-catalog.h"
#include "cl-scan-view.h"
#include "cl-ui-util.h"

/* The live progress of one scan: a row per module turning from waiting to
 * running to done.  It only watches the job; who runs the job runs it. */

typedef struct
{
  GtkStack *state;  /* "waiting" | "running" | "done" */
} ModuleRow;

struct _ClScanView
{
  GtkWidget   parent_instance;

  ClScanJob  *job;
  GHashTable *rows;  /* module id → ModuleRow */

  AdwStatusPage  *status_page;
  GtkListBox     *list;
  GtkProgressBar *progress;
};

G_DEFINE_FINAL_TYPE (ClScanView, cl_scan_view, GTK_TYPE_WIDGET)

static void
update_row (ClScanView       *self,
            const char       *module_id,
            ClModuleProgress  progress)
{
  static const char *names[] = { "waiting", "running", "done" };
  ModuleRow *row = g_hash_table_lookup (self->rows, module_id);
  GHashTableIter iter;
  gpointer value;
  guint done = 0;

  if (row == NULL)
    return;

  gtk_stack_set_visible_child_name (row->state, names[progress]);
  gtk_widget_set_visible (gtk_stack_get_child_by_name (row->state, "running"),
                          progress == CL_MODULE_PROGRESS_RUNNING);

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (gtk_stack_get_visible_child_name (((ModuleRow *) value)->state), "done"))
      done++;
  gtk_progress_bar_set_fraction (self->progress, (double) done / g_hash_table_size (self->rows));
}

static void
on_module_progress (ClScanJob  *job,
                    const char *module_id,
                    guint       progress,
                    ClScanView *self)
{
  update_row (self, module_id, progress);
}

static GtkWidget *
state_stack (void)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *waiting = gtk_image_new_from_icon_name ("content-loading-symbolic");
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *done = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_widget_add_css_class (waiting, "dim-label");
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_add_css_class (done, "success");
  /* Accessible labels, not tooltips: fifteen rows of three tooltips cost
   * a few milliseconds at each scan's start, for icons nobody hovers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (waiting), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Waiting"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Running"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
  gtk_stack_add_named (GTK_STACK (stack), waiting, "waiting");
  gtk_stack_add_named (GTK_STACK (stack), spinner, "running");
  gtk_stack_add_named (GTK_STACK (stack), done, "done");

  return stack;
}

/* A plain row rather than an AdwActionRow: a scan view appears at each
 * scan, and fifteen action rows take several times as long to lay out. */
static GtkWidget *
module_row (const char *title,
            GtkWidget  *state)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), state);
  gtk_widget_add_css_class (box, "module-progress");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
build_rows (ClScanView *self)
{
  GPtrArray *catalog = cl_module_catalog_list ();

  for (guint i = 0; i < catalog->len; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, i);
      ModuleRow *row = g_new0 (ModuleRow, 1);

      row->state = GTK_STACK (state_stack ());
      gtk_list_box_append (self->list, module_row (info->title, GTK_WIDGET (row->state)));
      g_hash_table_insert (self->rows, info->id, row);
      update_row (self, info->id, cl_scan_job_get_module_progress (self->job, info->id));
    }
}

static void
cl_scan_view_dispose (GObject *object)
{
  ClScanView *self = CL_SCAN_VIEW (object);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), CL_TYPE_SCAN_VIEW);
  cl_ui_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (cl_scan_view_parent_class)->dispose (object);
}

static void
cl_scan_view_finalize (GObject *object)
{
  ClScanView *self = CL_SCAN_VIEW (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (cl_scan_view_parent_class)->finalize (object);
}

static void
cl_scan_view_class_init (ClScanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_scan_view_dispose;
  object_class->finalize = cl_scan_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/net/compliancelayer/ComplianceLayer/ui/cl-scan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ClScanView, status_page);
  gtk_widget_class_bind_template_child (widget_class, ClScanView, list);
  gtk_widget_class_bind_template_child (widget_class, ClScanView, progress);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cl_scan_view_init (ClScanView *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

ClScanView *
cl_scan_view_new (ClScanJob *job)
{
  ClScanView *self;

  g_return_val_if_fail (CL_IS_SCAN_JOB (job), NULL);

  self = g_object_new (CL_TYPE_SCAN_VIEW, NULL);
  self->job = g_object_ref (job);
  adw_status_page_set_title (self->status_page, cl_scan_job_get_domain (job));
  build_rows (self);
  g_signal_connect (job, "module-progress", G_CALLBACK (on_module_progress), self);

  return self;
}

ClScanJob *
cl_scan_view_get_job (ClScanView *self)
{
  g_return_val_if_fail (CL_IS_SCAN_VIEW (self), NULL);

  return self->job;
}
