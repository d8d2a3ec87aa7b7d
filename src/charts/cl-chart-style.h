/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "cl-severity.h"

G_BEGIN_DECLS

/* Same layout as GdkRGBA, so a widget can pass the colours of its style
 * as they are. */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} ClChartColor;

/* What a chart is drawn on and with.  Charts never paint the background:
 * they are drawn over whatever the widget or the page has, and use
 * @background only to compute shades that stay readable on it. */
typedef struct
{
  ClChartColor  foreground;   /* text, lines */
  ClChartColor  background;
  ClChartColor  muted;        /* secondary text and hatching; readable on @background */
  gboolean      dark;         /* picks the grade colours made for dark backgrounds */
  const char   *font_family;  /* NULL: "Cantarell, DejaVu Sans, sans-serif" */
} ClChartStyle;

void     cl_chart_style_init               (ClChartStyle       *style,
                                            gboolean            dark);
gboolean cl_chart_style_get_grade_color    (const ClChartStyle *style,
                                            const char         *grade,
                                            ClChartColor       *color);
void     cl_chart_style_get_score_color    (const ClChartStyle *style,
                                            guint               score,
                                            ClChartColor       *color);
void     cl_chart_style_get_band_color     (const ClChartStyle *style,
                                            const char         *grade,
                                            ClChartColor       *color);
void     cl_chart_style_get_severity_color (const ClChartStyle *style,
                                            ClSeverity          severity,
                                            ClChartColor       *color);
void     cl_chart_style_get_track_color    (const ClChartStyle *style,
                                            ClChartColor       *color);
void     cl_chart_style_get_series_color   (const ClChartStyle *style,
                                            guint               index,
                                            ClChartColor       *color);

G_END_DECLS
