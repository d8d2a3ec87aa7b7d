/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-chart-widget"

#include "config.h"

#include <adwaita.h>

#include "cl-chart-widget.h"

/* A chart on screen: the widget only hands its size and its style's
 * colours to a drawing function of src/charts/, the same one the PDF
 * exporter calls, and draws again when the style changes. */

struct _ClChartWidget
{
  GtkWidget        parent_instance;

  ClChartDrawFunc  draw;
  gpointer         data;
  GDestroyNotify   data_free;
};

G_DEFINE_FINAL_TYPE (ClChartWidget, cl_chart_widget, GTK_TYPE_WIDGET)

void
cl_chart_widget_get_style (ClChartWidget *self,
                           ClChartStyle  *style)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA color;

  g_return_if_fail (CL_IS_CHART_WIDGET (self));

  cl_chart_style_init (style, dark);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  style->foreground = (ClChartColor) { color.red, color.green, color.blue, color.alpha };
  style->muted = (ClChartColor) { color.red, color.green, color.blue, color.alpha * 0.55f };
}

static void
cl_chart_widget_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ClChartWidget *self = CL_CHART_WIDGET (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  ClChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cl_chart_widget_get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->draw (cr, &style, width, height, self->data);
  cairo_destroy (cr);
}

static void
cl_chart_widget_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cl_chart_widget_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
cl_chart_widget_finalize (GObject *object)
{
  ClChartWidget *self = CL_CHART_WIDGET (object);

  if (self->data_free != NULL)
    g_clear_pointer (&self->data, self->data_free);

  G_OBJECT_CLASS (cl_chart_widget_parent_class)->finalize (object);
}

static void
cl_chart_widget_class_init (ClChartWidgetClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cl_chart_widget_finalize;
  widget_class->snapshot = cl_chart_widget_snapshot;
  widget_class->css_changed = cl_chart_widget_css_changed;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cl_chart_widget_init (ClChartWidget *self)
{
}

GtkWidget *
cl_chart_widget_new (ClChartDrawFunc draw,
                     gpointer        data,
                     GDestroyNotify  data_free)
{
  ClChartWidget *self;

  g_return_val_if_fail (draw != NULL, NULL);

  self = g_object_new (CL_TYPE_CHART_WIDGET, NULL);
  self->draw = draw;
  self->data = data;
  self->data_free = data_free;

  return GTK_WIDGET (self);
}

gpointer
cl_chart_widget_get_data (ClChartWidget *self)
{
  g_return_val_if_fail (CL_IS_CHART_WIDGET (self), NULL);

  return self->data;
}
