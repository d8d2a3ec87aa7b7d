/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cl-chart-style.h"

G_BEGIN_DECLS

typedef void (*ClChartDrawFunc) (cairo_t            *cr,
                                 const ClChartStyle *style,
                                 double              width,
                                 double              height,
                                 gpointer            data);

#define CL_TYPE_CHART_WIDGET (cl_chart_widget_get_type ())

G_DECLARE_FINAL_TYPE (ClChartWidget, cl_chart_widget, CL, CHART_WIDGET, GtkWidget)

GtkWidget *cl_chart_widget_new       (ClChartDrawFunc  draw,
                                      gpointer         data,
                                      GDestroyNotify   data_free);
gpointer   cl_chart_widget_get_data  (ClChartWidget   *self);
void       cl_chart_widget_get_style (ClChartWidget   *self,
                                      ClChartStyle    *style);

G_END_DECLS
