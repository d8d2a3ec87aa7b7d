/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-domain-row"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-compliance-score.h"
#include "cl-domain-row.h"
#include "cl-ui-util.h"

/* A domain in the sidebar: its name, its last score and grade, or a
 * spinner while it is being scanned. */

struct _ClDomainRow
{
  GtkListBoxRow  parent_instance;

  char          *domain;
  GtkLabel      *subtitle;
  GtkStack      *end;      /* "spinner" | "grade" | "none" */
  GtkWidget     *grade;
};

G_DEFINE_FINAL_TYPE (ClDomainRow, cl_domain_row, GTK_TYPE_LIST_BOX_ROW)

static void
cl_domain_row_finalize (GObject *object)
{
  ClDomainRow *self = CL_DOMAIN_ROW (object);

  g_clear_pointer (&self->domain, g_free);

  G_OBJECT_CLASS (cl_domain_row_parent_class)->finalize (object);
}

static void
cl_domain_row_class_init (ClDomainRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cl_domain_row_finalize;
}

static void
cl_domain_row_init (ClDomainRow *self)
{
}

ClDomainRow *
cl_domain_row_new (const char *domain)
{
  ClDomainRow *self = g_object_new (CL_TYPE_DOMAIN_ROW, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (domain);
  GtkWidget *spinner = gtk_spinner_new ();

  self->domain = g_strdup (domain);
  gtk_widget_add_css_class (GTK_WIDGET (self), "domain-row");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle, 0);
  gtk_label_set_ellipsize (self->subtitle, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->subtitle));
  gtk_widget_set_hexpand (text, TRUE);

  self->end = GTK_STACK (gtk_stack_new ());
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_stack_add_named (self->end, spinner, "spinner");
  gtk_stack_add_named (self->end, gtk_label_new (NULL), "none");

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->end));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  return self;
}

const char *
cl_domain_row_get_domain (ClDomainRow *self)
{
  g_return_val_if_fail (CL_IS_DOMAIN_ROW (self), NULL);

  return self->domain;
}

void
cl_domain_row_set_scanning (ClDomainRow *self)
{
  g_return_if_fail (CL_IS_DOMAIN_ROW (self));

  gtk_label_set_text (self->subtitle, _("Scanning…"));
  gtk_stack_set_visible_child_name (self->end, "spinner");
}

void
cl_domain_row_set_failed (ClDomainRow *self,
                          const char  *message)
{
  g_return_if_fail (CL_IS_DOMAIN_ROW (self));

  gtk_label_set_text (self->subtitle, message);
  gtk_stack_set_visible_child_name (self->end, "none");
}

void
cl_domain_row_set_score (ClDomainRow *self,
                         gboolean     has_score,
                         guint        score,
                         const char  *grade)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CL_IS_DOMAIN_ROW (self));

  if (self->grade != NULL)
    gtk_stack_remove (self->end, self->grade);
  self->grade = NULL;

  if (!has_score)
    {
      gtk_label_set_text (self->subtitle, _("No score"));
      gtk_stack_set_visible_child_name (self->end, "none");
      return;
    }

  /* Translators: a domain's last score, out of 100 */
  text = g_strdup_printf (_("Score %u"), score);
  gtk_label_set_text (self->subtitle, text);
  self->grade = cl_ui_grade_badge (grade);
  gtk_stack_add_named (self->end, self->grade, "grade");
  gtk_stack_set_visible_child (self->end, self->grade);
}

/**
 * cl_domain_row_set_history:
 * @history: (element-type ClScanRecord): the domain's scans, oldest first
 *
 * Shows the last score with its change since the scan before, the small
 * trend a sidebar has room for.
 */
void
cl_domain_row_set_history (ClDomainRow *self,
                           GPtrArray   *history)
{
  ClScanRecord *last;
  ClScanRecord *before;
  g_autofree char *text = NULL;

  g_return_if_fail (CL_IS_DOMAIN_ROW (self));
  g_return_if_fail (history != NULL && history->len > 0);

  last = g_ptr_array_index (history, history->len - 1);
  cl_domain_row_set_score (self, last->has_score, last->score, last->grade);
  if (!last->has_score || history->len < 2)
    return;

  before = g_ptr_array_index (history, history->len - 2);
  if (!before->has_score || before->score == last->score)
    /* Translators: a domain's last score, unchanged since the scan before */
    text = g_strdup_printf (_("Score %u · steady"), last->score);
  else if (last->score > before->score)
    /* Translators: a domain's last score, and how much it rose since the scan before */
    text = g_strdup_printf (_("Score %u · ↑%u"), last->score, last->score - before->score);
  else
    /* Translators: a domain's last score, and how much it fell since the scan before */
    text = g_strdup_printf (_("Score %u · ↓%u"), last->score, before->score - last->score);
  gtk_label_set_text (self->subtitle, text);
}
