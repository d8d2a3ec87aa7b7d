/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "cl-chart-history.h"
#include "cl-chart-private.h"
#include "cl-scoring.h"

#define BASE_SIZE 13.0
/* A click this close to a point (in pixels) opens it, however small the
 * dot: a finger or a trembling hand is not a pixel. */
#define HIT_SLOP 10.0

typedef struct
{
  double            text_size;  /* 0: too small for text */
  cairo_rectangle_t plot;       /* scores 0–100 from bottom to top */
  double            point_radius;
  guint             n_scored;
  gint64            first_time;
  gint64            last_time;
} Layout;

/* The geometry depends on the size and the data only, never on font
 * metrics, so that a widget can hit-test a click without drawing. */
static void
layout_init (Layout                    *l,
             double                     width,
             double                     height,
             const ClChartHistoryPoint *points,
             guint                      n_points)
{
  double fs = _cl_chart_text_size (MIN (BASE_SIZE, MIN (width, height) * 0.045));
  double left = fs * 2.4, right = fs * 1.6, top = fs * 0.7, bottom = fs * 1.9;

  l->text_size = fs;
  l->plot.x = left;
  l->plot.y = top;
  l->plot.width = MAX (0, width - left - right);
  l->plot.height = MAX (0, height - top - bottom);
  l->point_radius = MIN (CLAMP (MIN (l->plot.width, l->plot.height) * 0.016, 1.5, 6),
                         MIN (l->plot.width, l->plot.height) / 4);

  l->n_scored = 0;
  l->first_time = G_MAXINT64;
  l->last_time = G_MININT64;
  for (guint i = 0; i < n_points; i++)
    {
      if (!points[i].has_score)
        continue;
      l->n_scored++;
      l->first_time = MIN (l->first_time, points[i].time);
      l->last_time = MAX (l->last_time, points[i].time);
    }
}

static double
layout_y (const Layout *l,
          double        score)
{
  return l->plot.y + l->point_radius
         + (100 - score) / 100 * (l->plot.height - 2 * l->point_radius);
}

static double
layout_x (const Layout *l,
          gint64        time)
{
  if (l->last_time <= l->first_time)
    return l->plot.x + l->plot.width / 2;
  return l->plot.x + l->point_radius
         + (double) (time - l->first_time) / (double) (l->last_time - l->first_time)
           * (l->plot.width - 2 * l->point_radius);
}

/* The grade bands, shaded, with their letters in the right margin.  The
 * bands come from cl_scoring_grade() itself, so they cannot disagree with
 * the grades. */
static void
draw_bands (cairo_t            *cr,
            const ClChartStyle *style,
            const Layout       *l)
{
  int top = 100;

  while (top >= 0)
    {
      const char *grade = cl_scoring_grade (top);
      int bottom = top;
      double y0, y1;
      ClChartColor band, letter;
      ClChartText text = { .size = 0, .bold = TRUE, .align = CL_CHART_ALIGN_CENTER };

      while (bottom > 0 && g_str_equal (cl_scoring_grade (bottom - 1), grade))
        bottom--;

      y0 = top == 100 ? l->plot.y : layout_y (l, top + 0.5);
      y1 = bottom == 0 ? l->plot.y + l->plot.height : layout_y (l, bottom - 0.5);

      cl_chart_style_get_band_color (style, grade, &band);
      cairo_rectangle (cr, l->plot.x, y0, l->plot.width, y1 - y0);
      _cl_chart_set_color (cr, &band);
      cairo_fill (cr);

      text.size = MIN (l->text_size, (y1 - y0) * 0.8);
      cl_chart_style_get_grade_color (style, grade, &letter);
      _cl_chart_draw_text (cr, style, &text, grade, &letter,
                           l->plot.x + l->plot.width, y0, l->text_size * 1.6, y1 - y0);

      top = bottom - 1;
    }
}

/* Scores at the band limits on the left, each label as tall as the room
 * between it and its neighbours. */
static void
draw_score_axis (cairo_t            *cr,
                 const ClChartStyle *style,
                 const Layout       *l,
                 double              height)
{
  static const guint marks[] = { 100, 90, 75, 55, 35, 0 };
  ClChartText text = { .align = CL_CHART_ALIGN_END };

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      g_autofree char *label = g_strdup_printf ("%u", marks[i]);
      double y = layout_y (l, marks[i]);
      double room = l->text_size * 1.3;
      double box_y;

      if (i > 0)
        room = MIN (room, y - layout_y (l, marks[i - 1]));
      if (i + 1 < G_N_ELEMENTS (marks))
        room = MIN (room, layout_y (l, marks[i + 1]) - y);

      text.size = room / 1.3;
      text.min_size = text.size;
      box_y = CLAMP (y - room / 2, 0, height - room);
      _cl_chart_draw_text (cr, style, &text, label, &style->muted,
                           0, box_y, l->plot.x - l->text_size * 0.4, room);
    }
}

static char *
format_time (gint64 time,
             gint64 span)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (time);
  const char *format;

  if (dt == NULL)
    return NULL;
  if (span == 0)
    format = "%x";
  else if (span <= 2 * G_TIME_SPAN_DAY / G_USEC_PER_SEC)
    /* Translators: a time of day on the history chart's time axis */
    format = _("%H:%M");
  else if (span <= 300 * G_TIME_SPAN_DAY / G_USEC_PER_SEC)
    /* Translators: a day on the history chart's time axis, see strftime(3) */
    format = _("%e %b");
  else
    /* Translators: a month on the history chart's time axis, see strftime(3) */
    format = _("%b %Y");

  return g_strstrip (g_date_time_format (dt, format));
}

/* Ticks evenly spread over the time span, as many as fit; a label that
 * would touch the previous one is left out. */
static void
draw_time_axis (cairo_t            *cr,
                const ClChartStyle *style,
                const Layout       *l,
                double              width)
{
  ClChartText text = { .size = l->text_size, .min_size = l->text_size * 0.8,
                       .align = CL_CHART_ALIGN_CENTER };
  gint64 span = l->last_time - l->first_time;
  guint n_ticks = span > 0 ? CLAMP ((guint) (l->plot.width / (l->text_size * 7)), 2, 6) : 1;
  double label_width = l->text_size * 7;
  double previous_end = -G_MAXDOUBLE;

  if (n_ticks > 1)
    label_width = MIN (label_width, 0.9 * (l->plot.width - 2 * l->point_radius) / (n_ticks - 1));

  for (guint i = 0; i < n_ticks; i++)
    {
      gint64 time = n_ticks == 1 ? l->first_time
                                 : l->first_time + (gint64) round ((double) span * i / (n_ticks - 1));
      double x = layout_x (l, time);
      double box_x = CLAMP (x - label_width / 2, 0, width - label_width);
      g_autofree char *label = NULL;

      if (box_x < previous_end)
        continue;

      cairo_move_to (cr, round (x) + 0.5, l->plot.y + l->plot.height);
      cairo_rel_line_to (cr, 0, l->text_size * 0.3);
      cairo_set_line_width (cr, 1);
      _cl_chart_set_color (cr, &style->muted);
      cairo_stroke (cr);

      label = format_time (time, span);
      _cl_chart_draw_text (cr, style, &text, label, &style->muted,
                           box_x, l->plot.y + l->plot.height + l->text_size * 0.35,
                           label_width, l->text_size * 1.5);
      previous_end = box_x + label_width;
    }
}

/**
 * cl_chart_history_get_plot_area:
 *
 * The part of a width × height chart where scores are plotted, 100 at the
 * top and 0 at the bottom, with the grade bands behind.
 */
void
cl_chart_history_get_plot_area (double             width,
                                double             height,
                                cairo_rectangle_t *area)
{
  Layout l;

  g_return_if_fail (area != NULL);

  layout_init (&l, width, height, NULL, 0);
  *area = l.plot;
}

/**
 * cl_chart_history_get_point_rect:
 *
 * Where the dot of @points[@index] is drawn.  Returns %FALSE, and leaves
 * @rect alone, when that scan has no score or @index is out of range.
 */
gboolean
cl_chart_history_get_point_rect (double                     width,
                                 double                     height,
                                 const ClChartHistoryPoint *points,
                                 guint                      n_points,
                                 guint                      index,
                                 cairo_rectangle_t         *rect)
{
  Layout l;
  double r;

  g_return_val_if_fail (points != NULL || n_points == 0, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (index >= n_points || !points[index].has_score || points[index].score > 100)
    return FALSE;

  layout_init (&l, width, height, points, n_points);
  r = l.point_radius;
  rect->x = layout_x (&l, points[index].time) - r;
  rect->y = layout_y (&l, points[index].score) - r;
  rect->width = 2 * r;
  rect->height = 2 * r;
  return TRUE;
}

/**
 * cl_chart_history_hit_test:
 *
 * Which scan a click at (@x, @y) means: the index of the nearest point
 * within a few pixels, or -1.
 */
int
cl_chart_history_hit_test (double                     width,
                           double                     height,
                           const ClChartHistoryPoint *points,
                           guint                      n_points,
                           double                     x,
                           double                     y)
{
  Layout l;
  double best = G_MAXDOUBLE;
  int found = -1;

  g_return_val_if_fail (points != NULL || n_points == 0, -1);

  layout_init (&l, width, height, points, n_points);
  for (guint i = 0; i < n_points; i++)
    {
      double d;

      if (!points[i].has_score || points[i].score > 100)
        continue;
      d = hypot (layout_x (&l, points[i].time) - x, layout_y (&l, points[i].score) - y);
      if (d <= MAX (HIT_SLOP, 2 * l.point_radius) && d < best)
        {
          best = d;
          found = (int) i;
        }
    }
  return found;
}

/**
 * cl_chart_draw_history:
 * @points: (array length=n_points): the domain's scans, oldest first
 *
 * The score over time: the grade bands shaded, a line through the scans,
 * each scan a dot in the colour of its grade, and the time along the
 * bottom.  A single scan is a dot in the middle; no scan at all leaves
 * the bands and says so.
 */
void
cl_chart_draw_history (cairo_t                   *cr,
                       const ClChartStyle        *style,
                       double                     width,
                       double                     height,
                       const ClChartHistoryPoint *points,
                       guint                      n_points)
{
  Layout l;
  gboolean first = TRUE;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (points != NULL || n_points == 0);

  layout_init (&l, width, height, points, n_points);
  if (l.plot.width < 1 || l.plot.height < 1)
    return;

  cairo_save (cr);
  draw_bands (cr, style, &l);
  if (l.text_size > 0)
    draw_score_axis (cr, style, &l, height);

  if (l.n_scored == 0)
    {
      ClChartText text = { .size = l.text_size, .min_size = l.text_size * 0.8,
                           .align = CL_CHART_ALIGN_CENTER, .backdrop = &style->background };

      _cl_chart_draw_text (cr, style, &text, _("No scans yet"), &style->muted,
                           l.plot.x, l.plot.y + l.plot.height / 2 - l.text_size,
                           l.plot.width, l.text_size * 2);
      cairo_restore (cr);
      return;
    }

  if (l.text_size > 0)
    draw_time_axis (cr, style, &l, width);

  for (guint i = 0; i < n_points; i++)
    {
      if (!points[i].has_score || points[i].score > 100)
        continue;
      if (first)
        cairo_move_to (cr, layout_x (&l, points[i].time), layout_y (&l, points[i].score));
      else
        cairo_line_to (cr, layout_x (&l, points[i].time), layout_y (&l, points[i].score));
      first = FALSE;
    }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, CLAMP (l.point_radius * 0.5, 1, 2.5));
  _cl_chart_set_color (cr, &style->foreground);
  cairo_stroke (cr);

  /* Dots over the line, ringed in the background colour so that they
   * stand out from it and from the bands. */
  for (guint i = 0; i < n_points; i++)
    {
      ClChartColor color;
      double r = l.point_radius;

      if (!points[i].has_score || points[i].score > 100)
        continue;

      cairo_arc (cr, layout_x (&l, points[i].time), layout_y (&l, points[i].score),
                 r * 0.8, 0, 2 * G_PI);
      cl_chart_style_get_score_color (style, points[i].score, &color);
      _cl_chart_set_color (cr, &color);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, r * 0.4);
      _cl_chart_set_color (cr, &style->background);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
