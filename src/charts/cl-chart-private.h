/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "cl-chart-style.h"

G_BEGIN_DECLS

typedef enum
{
  CL_CHART_ALIGN_START,
  CL_CHART_ALIGN_CENTER,
  CL_CHART_ALIGN_END,
} ClChartAlign;

typedef struct
{
  double        size;       /* the font's pixel size when the text fits */
  double        min_size;   /* below it the text is ellipsized, not shrunk */
  gboolean      bold;
  guint         max_lines;  /* 0 means 1 */
  ClChartAlign  align;
  const ClChartColor *backdrop;  /* nullable: filled behind the text, to lift it off hatching */
} ClChartText;

/* Smaller than this, text is not drawn at all: nobody can read it. */
#define CL_CHART_MIN_TEXT_SIZE 4.0

void     _cl_chart_set_color     (cairo_t            *cr,
                                  const ClChartColor *color);
void     _cl_chart_mix           (const ClChartColor *a,
                                  const ClChartColor *b,
                                  double              t,
                                  ClChartColor       *out);
double   _cl_chart_text_size     (double              wanted);
gboolean _cl_chart_draw_text     (cairo_t            *cr,
                                  const ClChartStyle *style,
                                  const ClChartText  *text,
                                  const char         *str,
                                  const ClChartColor *color,
                                  double              x,
                                  double              y,
                                  double              width,
                                  double              height);
void     _cl_chart_draw_hatch    (cairo_t            *cr,
                                  const ClChartColor *color,
                                  double              x,
                                  double              y,
                                  double              width,
                                  double              height);

G_END_DECLS
