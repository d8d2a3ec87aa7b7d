/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-chart-style.h"

G_BEGIN_DECLS

/* One scan of a domain. */
typedef struct
{
  gint64   time;       /* seconds since the Unix epoch */
  gboolean has_score;  /* scans without a score are not drawn */
  guint    score;
} ClChartHistoryPoint;

/* One mark of the time axis, and where its label is written. */
typedef struct
{
  gint64  time;         /* seconds since the Unix epoch */
  double  x;            /* the mark's position */
  double  label_x;      /* the label's box: from label_x over label_width, */
  double  label_width;  /* inside the chart and clear of the other labels */
  char   *label;
} ClChartHistoryTick;

void     cl_chart_draw_history           (cairo_t                   *cr,
                                          const ClChartStyle        *style,
                                          double                     width,
                                          double                     height,
                                          const ClChartHistoryPoint *points,
                                          guint                      n_points);
void     cl_chart_history_get_plot_area  (double                     width,
                                          double                     height,
                                          cairo_rectangle_t         *area);
gboolean cl_chart_history_get_point_rect (double                     width,
                                          double                     height,
                                          const ClChartHistoryPoint *points,
                                          guint                      n_points,
                                          guint                      index,
                                          cairo_rectangle_t         *rect);
GArray  *cl_chart_history_get_ticks      (double                     width,
                                          double                     height,
                                          const ClChartHistoryPoint *points,
                                          guint                      n_points);
int      cl_chart_history_hit_test       (double                     width,
                                          double                     height,
                                          const ClChartHistoryPoint *points,
                                          guint                      n_points,
                                          double                     x,
                                          double                     y);

G_END_DECLS
