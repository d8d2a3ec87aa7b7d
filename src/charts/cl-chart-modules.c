/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "cl-chart-modules.h"
#include "cl-chart-private.h"

/* Text is at most this many pixels: about GNOME's 11 pt UI font at 96 dpi. */
#define BASE_SIZE 14.0
/* A row with a title line and a weight line, and air between rows. */
#define ROW_EMS 2.6
/* In a comparison, a row is an em of air plus this much per domain. */
#define BAR_EMS 1.3

typedef struct
{
  double text_size;  /* 0: too small for text, bars only */
  double label_width;
  double score_width;
  double bar_x;
  double bar_width;
} Columns;

static void
columns_init (Columns *c,
              double   width,
              double   row_height,
              double   row_ems)
{
  c->text_size = _cl_chart_text_size (MIN (BASE_SIZE, MIN (row_height / row_ems, width / 28)));
  c->label_width = c->text_size > 0 ? MIN (width * 0.3, c->text_size * 14) : 0;
  c->score_width = c->text_size > 0 ? c->text_size * 2.2 : 0;
  c->bar_x = c->text_size > 0 ? c->label_width + c->text_size * 0.6 : 0;
  c->bar_width = width - c->bar_x - (c->text_size > 0 ? c->score_width + c->text_size * 0.4 : 0);
}

static char *
format_weight (double weight)
{
  double percent = weight * 100;

  /* Design weights are whole percentages; keep one decimal for others. */
  if (fabs (percent - round (percent)) < 0.05)
    return g_strdup_printf (_("weight %.0f%%"), percent);
  return g_strdup_printf (_("weight %.1f%%"), percent);
}

/* The module's title, and its weight on a second, smaller line. */
static void
draw_label (cairo_t             *cr,
            const ClChartStyle  *style,
            const Columns       *c,
            const ClChartModule *module,
            double               y,
            double               row_height)
{
  ClChartText title = { .size = c->text_size, .min_size = c->text_size * 0.9 };
  ClChartText small = { .size = c->text_size * 0.8, .min_size = c->text_size * 0.8 };
  g_autofree char *weight = format_weight (module->weight);
  double line = c->text_size * 1.3;
  double top = y + (row_height - line * 1.8) / 2;

  if (c->text_size == 0)
    return;

  _cl_chart_draw_text (cr, style, &title, module->title, &style->foreground,
                       0, top, c->label_width, line);
  _cl_chart_draw_text (cr, style, &small, weight, &style->muted,
                       0, top + line, c->label_width, line * 0.8);
}

/* A bar of @score out of 100 on its track, or hatching and the status
 * word when the module has no score. */
static void
draw_bar (cairo_t             *cr,
          const ClChartStyle  *style,
          const Columns       *c,
          const ClChartModule *module,
          const ClChartColor  *color,
          double               y,
          double               thickness,
          double               text_size)
{
  ClChartColor track;
  double radius = MIN (2, thickness / 2);

  if (c->bar_width < 1 || thickness <= 0)
    return;

  cl_chart_style_get_track_color (style, &track);

  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, c->bar_x + c->bar_width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, c->bar_x + c->bar_width - radius, y + thickness - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, c->bar_x + radius, y + thickness - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, c->bar_x + radius, y + radius, radius, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);

  if (module->has_score)
    {
      _cl_chart_set_color (cr, &track);
      cairo_fill_preserve (cr);
      cairo_clip (cr);
      cairo_rectangle (cr, c->bar_x, y, c->bar_width * MIN (module->score, 100) / 100.0, thickness);
      _cl_chart_set_color (cr, color);
      cairo_fill (cr);
    }
  else
    {
      ClChartText status = {
        .size = text_size, .min_size = text_size * 0.8, .backdrop = &style->background,
      };

      cairo_clip (cr);
      _cl_chart_draw_hatch (cr, &style->muted, c->bar_x, y, c->bar_width, thickness);
      cairo_reset_clip (cr);
      /* The word belongs to the row, not the bar: it may be taller. */
      _cl_chart_draw_text (cr, style, &status, module->status_label, &style->muted,
                           c->bar_x + text_size * 0.5, y + thickness / 2 - text_size * 0.7,
                           c->bar_width - text_size, text_size * 1.4);
    }
  cairo_restore (cr);
}

static void
draw_score (cairo_t             *cr,
            const ClChartStyle  *style,
            const Columns       *c,
            const ClChartModule *module,
            double               center_y,
            double               text_size)
{
  ClChartText text = { .size = text_size, .min_size = text_size, .bold = module->has_score,
                       .align = CL_CHART_ALIGN_END };
  g_autofree char *score = module->has_score ? g_strdup_printf ("%u", module->score)
                                             : g_strdup ("—");

  if (c->score_width > 0)
    _cl_chart_draw_text (cr, style, &text, score,
                         module->has_score ? &style->foreground : &style->muted,
                         c->bar_x + c->bar_width + c->text_size * 0.4, center_y - text_size * 0.7,
                         c->score_width, text_size * 1.4);
}

/**
 * cl_chart_modules_preferred_height:
 * @n_series: 1 for cl_chart_draw_modules(), the number of domains for
 *   cl_chart_draw_modules_grouped()
 *
 * The height at which the chart's text has its full size.
 */
double
cl_chart_modules_preferred_height (guint n_modules,
                                   guint n_series)
{
  double row = n_series <= 1 ? ROW_EMS : 1 + BAR_EMS * n_series;

  return BASE_SIZE * (row * n_modules + (n_series > 1 ? 2 : 0));
}

/**
 * cl_chart_draw_modules:
 * @modules: (array length=n_modules): top to bottom
 *
 * One row per module: its title and weight, a bar of its score out of 100
 * in the colour of its grade, the score.  Modules without a score are
 * hatched and say why (their status label).  Rows keep their natural
 * height in a taller rectangle and share a shorter one.
 */
void
cl_chart_draw_modules (cairo_t             *cr,
                       const ClChartStyle  *style,
                       double               width,
                       double               height,
                       const ClChartModule *modules,
                       guint                n_modules)
{
  Columns c;
  double row_height;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (modules != NULL || n_modules == 0);

  if (n_modules == 0 || width < 1 || height < 1)
    return;

  row_height = MIN (height / n_modules, BASE_SIZE * ROW_EMS);
  columns_init (&c, width, row_height, ROW_EMS);

  for (guint i = 0; i < n_modules; i++)
    {
      const ClChartModule *module = &modules[i];
      double y = i * row_height;
      double thickness = MIN (row_height * 0.45, MAX (c.text_size, 8));
      ClChartColor color;

      cl_chart_style_get_score_color (style, MIN (module->score, 100), &color);
      draw_label (cr, style, &c, module, y, row_height);
      draw_bar (cr, style, &c, module, &color, y + (row_height - thickness) / 2, thickness,
                c.text_size);
      draw_score (cr, style, &c, module, y + row_height / 2, c.text_size);
    }
}

/* The domains' colours and names, in a line above the rows. */
static void
draw_legend (cairo_t             *cr,
             const ClChartStyle  *style,
             const ClChartSeries *series,
             guint                n_series,
             double               width,
             double               text_size)
{
  ClChartText text = { .size = text_size, .min_size = text_size };
  double item_width = width / n_series;
  double swatch = text_size * 0.9;

  for (guint s = 0; s < n_series; s++)
    {
      ClChartColor color;
      double x = s * item_width;

      cl_chart_style_get_series_color (style, s, &color);
      cairo_rectangle (cr, x, (text_size * 2 - swatch) / 2, swatch, swatch);
      _cl_chart_set_color (cr, &color);
      cairo_fill (cr);
      _cl_chart_draw_text (cr, style, &text, series[s].label, &style->foreground,
                           x + swatch * 1.5, 0, item_width - swatch * 2, text_size * 2);
    }
}

/**
 * cl_chart_draw_modules_grouped:
 * @series: (array length=n_series): the domains compared, each with
 *   @n_modules modules in the same order; titles and weights are the
 *   first series'
 *
 * The module breakdown of several domains: per module, one bar per domain
 * in the domain's colour, and a legend naming the colours.
 */
void
cl_chart_draw_modules_grouped (cairo_t             *cr,
                               const ClChartStyle  *style,
                               double               width,
                               double               height,
                               const ClChartSeries *series,
                               guint                n_series,
                               guint                n_modules)
{
  double row_ems = 1 + BAR_EMS * MAX (n_series, 1);
  double legend_size, legend_height, row_height, pitch;
  Columns c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (series != NULL || n_series == 0);

  if (n_series == 0 || n_modules == 0 || width < 1 || height < 1)
    return;

  legend_size = _cl_chart_text_size (MIN (BASE_SIZE, MIN (width / (12 * n_series), height / 12)));
  legend_height = legend_size * 2;
  if (legend_height > 0)
    draw_legend (cr, style, series, n_series, width, legend_size);

  row_height = MIN ((height - legend_height) / n_modules, BASE_SIZE * row_ems);
  columns_init (&c, width, row_height, row_ems);
  pitch = row_height * 0.84 / n_series;

  for (guint i = 0; i < n_modules; i++)
    {
      double y = legend_height + i * row_height;
      double score_size = _cl_chart_text_size (MIN (c.text_size, pitch * 0.8));

      draw_label (cr, style, &c, &series[0].modules[i], y, row_height);

      for (guint s = 0; s < n_series; s++)
        {
          const ClChartModule *module = &series[s].modules[i];
          double bar_y = y + row_height * 0.08 + s * pitch;
          ClChartColor color;

          cl_chart_style_get_series_color (style, s, &color);
          draw_bar (cr, style, &c, module, &color, bar_y + pitch * 0.125, pitch * 0.75,
                    score_size);
          draw_score (cr, style, &c, module, bar_y + pitch / 2, score_size);
        }
    }
}
