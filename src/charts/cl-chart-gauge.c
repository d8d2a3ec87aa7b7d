/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cl-chart-gauge.h"
#include "cl-chart-private.h"

/* A 270° arc open at the bottom: its lowest point is the arc's ends, at
 * sin (45°) ≈ 0.71 of the radius under the centre; the risk label sits in
 * the opening, from half the radius down to the whole radius: room for
 * two lines even in a 150 px gauge. */
#define RISK_TOP 0.50
#define BOTTOM_EXTENT 1.0
/* Between the arc's ends, with a margin: they are 2 sin (45°) ≈ 1.41
 * radii apart at the outer edge and 1.22 at the inner edge. */
#define RISK_WIDTH 1.16
/* The risk label is never drawn smaller than 11 px, about the smallest
 * text GNOME uses: a gauge too small for it goes without. */
#define RISK_MIN_SIZE 11.0
#define RISK_MAX_SIZE 20.0

/**
 * cl_chart_gauge_layout:
 *
 * The geometry cl_chart_draw_gauge() uses for a width × height rectangle,
 * for callers that place things around the gauge.
 */
void
cl_chart_gauge_layout (double              width,
                       double              height,
                       ClChartGaugeLayout *layout)
{
  /* the outer edge of the track, half a pixel in so antialiasing stays inside */
  double outer = MAX (0, MIN (width / 2, height / (1 + BOTTOM_EXTENT)) - 0.5);

  g_return_if_fail (layout != NULL);

  layout->thickness = MAX (outer * 0.14, MIN (outer, 1.5));
  layout->radius = outer - layout->thickness / 2;
  layout->center_x = width / 2;
  layout->center_y = (height - (1 + BOTTOM_EXTENT) * outer) / 2 + outer;
  layout->start_angle = 0.75 * G_PI;
  layout->sweep = 1.5 * G_PI;
}

/* "Medium risk — material gaps present", as cl_scoring_risk_label() has
 * it, is a name and what it means: the gauge has room for the name, the
 * meaning goes in the text beside it. */
static char *
risk_name (const char *label)
{
  const char *dash = strstr (label, "—");

  return g_strstrip (g_strndup (label, dash != NULL ? (gsize) (dash - label) : strlen (label)));
}

/**
 * cl_chart_draw_gauge:
 * @has_score: %FALSE when nothing could be scored: the track stays empty
 *   and the score reads "—"
 * @grade: (nullable): the letter shown under the score, and the arc's colour
 * @risk_label: (nullable): shown under the grade, on up to two lines and
 *   never smaller than 11 px; of a label with an explanation after a dash
 *   ("Medium risk — material gaps present"), only what comes before it
 *
 * The score as an arc filled in proportion to @score out of 100, with the
 * number, the grade and the risk level in its middle.
 */
void
cl_chart_draw_gauge (cairo_t            *cr,
                     const ClChartStyle *style,
                     double              width,
                     double              height,
                     gboolean            has_score,
                     guint               score,
                     const char         *grade,
                     const char         *risk_label)
{
  ClChartGaugeLayout g;
  ClChartColor track, fill;
  double outer, inner, cx, cy;
  g_autofree char *number = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (!has_score || score <= 100);

  cl_chart_gauge_layout (width, height, &g);
  if (g.radius <= 0)
    return;

  cx = g.center_x;
  cy = g.center_y;
  outer = g.radius + g.thickness / 2;
  inner = g.radius - g.thickness / 2;

  cl_chart_style_get_track_color (style, &track);
  if (grade == NULL || !cl_chart_style_get_grade_color (style, grade, &fill))
    cl_chart_style_get_score_color (style, has_score ? score : 0, &fill);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_width (cr, g.thickness);

  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, g.radius, g.start_angle, g.start_angle + g.sweep);
  _cl_chart_set_color (cr, &track);
  cairo_stroke (cr);

  if (has_score && score > 0)
    {
      cairo_arc (cr, cx, cy, g.radius, g.start_angle, g.start_angle + g.sweep * score / 100.0);
      _cl_chart_set_color (cr, &fill);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* The number, the letter and the risk label, in boxes that stay clear of
   * the track: inside the inner edge, and in the opening at the bottom. */
  {
    ClChartText number_text = {
      .size = inner * 0.62, .min_size = inner * 0.62, .bold = TRUE, .align = CL_CHART_ALIGN_CENTER,
    };
    ClChartText grade_text = {
      .size = inner * 0.32, .min_size = inner * 0.32, .bold = TRUE, .align = CL_CHART_ALIGN_CENTER,
    };
    ClChartText risk_text = {
      .size = CLAMP (outer * 0.15, RISK_MIN_SIZE, RISK_MAX_SIZE), .min_size = RISK_MIN_SIZE,
      .max_lines = 2, .align = CL_CHART_ALIGN_CENTER,
    };
    double risk_width = RISK_WIDTH * outer, risk_height = (BOTTOM_EXTENT - RISK_TOP) * outer;

    number = has_score ? g_strdup_printf ("%u", score) : g_strdup ("—");
    _cl_chart_draw_text (cr, style, &number_text, number, &style->foreground,
                         cx - 0.72 * inner, cy - 0.62 * inner, 1.44 * inner, 0.72 * inner);
    if (has_score)
      _cl_chart_draw_text (cr, style, &grade_text, grade, &fill,
                           cx - 0.45 * inner, cy + 0.12 * inner, 0.9 * inner, 0.36 * inner);
    /* one line at the smallest legible size, and "Low…" at least */
    if (risk_label != NULL && risk_height >= 1.3 * RISK_MIN_SIZE && risk_width >= 5 * RISK_MIN_SIZE)
      {
        g_autofree char *name = risk_name (risk_label);

        _cl_chart_draw_text (cr, style, &risk_text, name, &style->foreground,
                             cx - risk_width / 2, cy + RISK_TOP * outer, risk_width, risk_height);
      }
  }
}
