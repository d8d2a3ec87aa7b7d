/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-chart-style.h"

G_BEGIN_DECLS

/* Where the gauge's arc lies in a width × height rectangle: a track of
 * @thickness centred on the circle of @radius around (@center_x,
 * @center_y), from @start_angle clockwise over @sweep (radians, Cairo's
 * convention), open at the bottom. */
typedef struct
{
  double center_x;
  double center_y;
  double radius;
  double thickness;
  double start_angle;
  double sweep;
} ClChartGaugeLayout;

void cl_chart_gauge_layout     (double                width,
                                double                height,
                                ClChartGaugeLayout   *layout);
void cl_chart_draw_gauge       (cairo_t              *cr,
                                const ClChartStyle   *style,
                                double                width,
                                double                height,
                                gboolean              has_score,
                                guint                 score,
                                const char           *grade,
                                const char           *risk_label);

G_END_DECLS
