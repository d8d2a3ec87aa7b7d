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
int      cl_chart_history_hit_test       (double                     width,
                                          double                     height,
                                          const ClChartHistoryPoint *points,
                                          guint                      n_points,
                                          double                     x,
                                          double                     y);

G_END_DECLS
