/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-chart-style.h"

G_BEGIN_DECLS

/* One row of the module breakdown. */
typedef struct
{
  const char *title;
  double      weight;        /* 0–1, shown as a percentage */
  gboolean    has_score;
  guint       score;         /* 0–100, when @has_score */
  const char *status_label;  /* shown instead of a bar when !@has_score, e.g. "Unavailable" */
} ClChartModule;

/* One domain of a comparison: its modules in the same order as the other
 * series'. */
typedef struct
{
  const char          *label;    /* the domain, for the legend */
  const ClChartModule *modules;  /* n_modules of them */
} ClChartSeries;

double cl_chart_modules_preferred_height (guint                n_modules,
                                          guint                n_series);
void   cl_chart_draw_modules             (cairo_t             *cr,
                                          const ClChartStyle  *style,
                                          double               width,
                                          double               height,
                                          const ClChartModule *modules,
                                          guint                n_modules);
void   cl_chart_draw_modules_grouped     (cairo_t             *cr,
                                          const ClChartStyle  *style,
                                          double               width,
                                          double               height,
                                          const ClChartSeries *series,
                                          guint                n_series,
                                          guint                n_modules);

G_END_DECLS
