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

/* The time axis marks calendar boundaries, in local time: every 1, 2,
 * 5… minutes, every 1, 2, 3… hours, midnights, firsts of the month, New
 * Year's Days.  The finest step whose labels fit side by side wins. */
typedef enum
{
  UNIT_MINUTE,
  UNIT_HOUR,
  UNIT_DAY,
  UNIT_MONTH,
  UNIT_YEAR,
} Unit;

static const struct
{
  Unit  unit;
  guint count;
} steps[] = {
  { UNIT_MINUTE, 1 }, { UNIT_MINUTE, 2 }, { UNIT_MINUTE, 5 }, { UNIT_MINUTE, 10 },
  { UNIT_MINUTE, 15 }, { UNIT_MINUTE, 30 },
  { UNIT_HOUR, 1 }, { UNIT_HOUR, 2 }, { UNIT_HOUR, 3 }, { UNIT_HOUR, 6 }, { UNIT_HOUR, 12 },
  { UNIT_DAY, 1 }, { UNIT_DAY, 2 }, { UNIT_DAY, 3 }, { UNIT_DAY, 7 }, { UNIT_DAY, 14 },
  { UNIT_MONTH, 1 }, { UNIT_MONTH, 2 }, { UNIT_MONTH, 3 }, { UNIT_MONTH, 6 },
  { UNIT_YEAR, 1 }, { UNIT_YEAR, 2 }, { UNIT_YEAR, 5 }, { UNIT_YEAR, 10 }, { UNIT_YEAR, 25 },
  { UNIT_YEAR, 50 }, { UNIT_YEAR, 100 },
};

/* Roughly: enough to skip the steps far too fine for the span without
 * listing their marks. */
static const double unit_seconds[] = {
  [UNIT_MINUTE] = 60, [UNIT_HOUR] = 3600, [UNIT_DAY] = 86400,
  [UNIT_MONTH] = 2629746, [UNIT_YEAR] = 31556952,
};

/* The last boundary of @count @units at or before @dt. */
static GDateTime *
floor_to_step (GDateTime *dt,
               Unit       unit,
               guint      count)
{
  int year, month, day, hour = 0, minute = 0;

  g_date_time_get_ymd (dt, &year, &month, &day);
  switch (unit)
    {
    case UNIT_MINUTE:
      hour = g_date_time_get_hour (dt);
      minute = g_date_time_get_minute (dt);
      minute -= minute % count;
      break;
    case UNIT_HOUR:
      hour = g_date_time_get_hour (dt);
      hour -= hour % count;
      break;
    case UNIT_DAY:
      {
        /* counted from Julian day 1, a Monday: weeks start on Mondays */
        g_autoptr(GDate) date = g_date_new_dmy (day, month, year);
        guint32 julian = g_date_get_julian (date);

        g_date_set_julian (date, julian - (julian - 1) % count);
        year = g_date_get_year (date);
        month = g_date_get_month (date);
        day = g_date_get_day (date);
      }
      break;
    case UNIT_MONTH:
      month -= (month - 1) % count;
      day = 1;
      break;
    case UNIT_YEAR:
    default:
      year = MAX (year - year % (int) count, 1);
      month = day = 1;
      break;
    }
  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

static GDateTime *
next_step (GDateTime *dt,
           Unit       unit,
           guint      count)
{
  g_autoptr(GDateTime) later = NULL;
  GDateTime *next;

  switch (unit)
    {
    case UNIT_MINUTE:
      later = g_date_time_add_minutes (dt, count);
      break;
    case UNIT_HOUR:
      later = g_date_time_add_hours (dt, count);
      break;
    case UNIT_DAY:
      later = g_date_time_add_days (dt, count);
      break;
    case UNIT_MONTH:
      later = g_date_time_add_months (dt, count);
      break;
    case UNIT_YEAR:
    default:
      later = g_date_time_add_years (dt, count);
      break;
    }
  if (later == NULL)
    return NULL;

  /* Hours added over a change of daylight saving time land off the
   * boundary (00:00 + 3 h is 04:00 the night it starts): back onto it,
   * unless that goes back to where it started (the night it ends). */
  next = floor_to_step (later, unit, count);
  if (next == NULL || g_date_time_compare (next, dt) <= 0)
    {
      g_clear_pointer (&next, g_date_time_unref);
      return g_steal_pointer (&later);
    }
  return next;
}

static char *
format_tick (GDateTime *dt,
             Unit       unit)
{
  const char *format;
  char *label;

  switch (unit)
    {
    case UNIT_MINUTE:
    case UNIT_HOUR:
      if (g_date_time_get_hour (dt) != 0 || g_date_time_get_minute (dt) != 0)
        {
          /* Translators: a time of day on the history chart's time axis, see g_date_time_format() */
          format = _("%H:%M");
          break;
        }
      /* midnight says which day: a span over two days reads */
      G_GNUC_FALLTHROUGH;
    case UNIT_DAY:
      /* Translators: a day on the history chart's time axis, see g_date_time_format() */
      format = _("%-d %b");
      break;
    case UNIT_MONTH:
      /* Translators: a month on the history chart's time axis, see g_date_time_format() */
      format = _("%b %Y");
      break;
    case UNIT_YEAR:
    default:
      /* Translators: a year on the history chart's time axis, see g_date_time_format() */
      format = _("%Y");
      break;
    }

  label = g_date_time_format (dt, format);
  return label != NULL ? g_strstrip (label) : g_strdup ("");
}

static void
tick_clear (gpointer data)
{
  ClChartHistoryTick *tick = data;

  g_free (tick->label);
}

static GArray *
tick_array_new (void)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (ClChartHistoryTick));

  g_array_set_clear_func (ticks, tick_clear);
  return ticks;
}

/* Font metrics are not known here (see layout_init): 0.65 em a character
 * is as wide as digits and most letters, and the text shrinks a little
 * when a label is wider. */
static double
estimate_label_width (const Layout *l,
                      const char   *label)
{
  return (g_utf8_strlen (label, -1) * 0.65 + 0.5) * l->text_size;
}

/* Every label as wide as the widest, centred under its mark but kept
 * inside the chart. */
static void
place_labels (const Layout *l,
              double        width,
              GArray       *ticks)
{
  double label_width = 0;

  for (guint i = 0; i < ticks->len; i++)
    label_width = MAX (label_width,
                       estimate_label_width (l, g_array_index (ticks, ClChartHistoryTick, i).label));
  label_width = MIN (label_width, width);

  for (guint i = 0; i < ticks->len; i++)
    {
      ClChartHistoryTick *tick = &g_array_index (ticks, ClChartHistoryTick, i);

      tick->x = layout_x (l, tick->time);
      tick->label_width = label_width;
      tick->label_x = CLAMP (tick->x - label_width / 2, 0, width - label_width);
    }
}

static void
add_tick (GArray     *ticks,
          GDateTime  *dt,
          const char *label)
{
  ClChartHistoryTick tick = { .time = g_date_time_to_unix (dt), .label = g_strdup (label) };

  g_array_append_val (ticks, tick);
}

/* The marks of one step between the first and the last scans, or %NULL
 * when there are more than @max_ticks, when their labels would not fit
 * side by side, or when two neighbours would read the same. */
static GArray *
ticks_for_step (const Layout *l,
                double        width,
                Unit          unit,
                guint         count,
                guint         max_ticks)
{
  g_autoptr(GArray) ticks = tick_array_new ();
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_local (l->first_time);
  GDateTime *dt = first != NULL ? floor_to_step (first, unit, count) : NULL;

  while (dt != NULL && g_date_time_to_unix (dt) <= l->last_time && ticks->len <= max_ticks)
    {
      GDateTime *next;

      if (g_date_time_to_unix (dt) >= l->first_time)
        {
          g_autofree char *label = format_tick (dt, unit);

          add_tick (ticks, dt, label);
        }
      next = next_step (dt, unit, count);
      g_date_time_unref (dt);
      dt = next;
    }
  g_clear_pointer (&dt, g_date_time_unref);
  if (ticks->len > max_ticks)
    return NULL;

  place_labels (l, width, ticks);
  for (guint i = 1; i < ticks->len; i++)
    {
      const ClChartHistoryTick *a = &g_array_index (ticks, ClChartHistoryTick, i - 1);
      const ClChartHistoryTick *b = &g_array_index (ticks, ClChartHistoryTick, i);

      if (b->label_x < a->label_x + a->label_width + l->text_size * 1.2
          || g_str_equal (a->label, b->label))
        return NULL;
    }
  return g_steal_pointer (&ticks);
}

static GArray *
compute_ticks (const Layout *l,
               double        width)
{
  g_autoptr(GDateTime) first = NULL;
  gint64 span = l->last_time - l->first_time;
  Unit unit = UNIT_YEAR;
  guint max_ticks;
  GArray *ticks;

  if (l->text_size == 0 || l->n_scored == 0 || l->plot.width < 1 || l->plot.height < 1)
    return tick_array_new ();

  /* a label is at least 4 em with the room after it ("2024") */
  max_ticks = (guint) (width / (l->text_size * 4)) + 2;

  first = g_date_time_new_from_unix_local (l->first_time);
  if (first == NULL)
    return tick_array_new ();

  if (span > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          if (span / (unit_seconds[steps[i].unit] * steps[i].count) > max_ticks + 1)
            continue;
          unit = steps[i].unit;
          ticks = ticks_for_step (l, width, steps[i].unit, steps[i].count, max_ticks);
          if (ticks != NULL && ticks->len > 0)
            return ticks;
          /* a coarser step has no boundary in the span either */
          if (ticks != NULL)
            {
              g_array_unref (ticks);
              break;
            }
        }
    }

  /* One label under the first scan: a single scan, or scans too close
   * together (or a plot too narrow) for two labels. */
  ticks = tick_array_new ();
  if (span == 0)
    {
      /* Translators: the date of a domain's only scan on the history chart, see g_date_time_format() */
      g_autofree char *date = g_date_time_format (first, _("%-d %b %Y"));

      add_tick (ticks, first, date != NULL ? g_strstrip (date) : "");
    }
  else
    {
      g_autofree char *label = format_tick (first, unit);

      add_tick (ticks, first, label);
    }
  place_labels (l, width, ticks);
  return ticks;
}

static void
draw_time_axis (cairo_t            *cr,
                const ClChartStyle *style,
                const Layout       *l,
                GArray             *ticks)
{
  ClChartText text = { .size = l->text_size, .min_size = l->text_size * 0.8,
                       .align = CL_CHART_ALIGN_CENTER };

  for (guint i = 0; i < ticks->len; i++)
    {
      const ClChartHistoryTick *tick = &g_array_index (ticks, ClChartHistoryTick, i);

      cairo_move_to (cr, round (tick->x) + 0.5, l->plot.y + l->plot.height);
      cairo_rel_line_to (cr, 0, l->text_size * 0.3);
      cairo_set_line_width (cr, 1);
      _cl_chart_set_color (cr, &style->muted);
      cairo_stroke (cr);

      _cl_chart_draw_text (cr, style, &text, tick->label, &style->muted,
                           tick->label_x, l->plot.y + l->plot.height + l->text_size * 0.35,
                           tick->label_width, l->text_size * 1.5);
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
 * cl_chart_history_get_ticks:
 *
 * The marks of the time axis of a width × height chart of @points, left
 * to right, as cl_chart_draw_history() draws them.
 *
 * Returns: (transfer full) (element-type ClChartHistoryTick): the marks;
 *   empty when there is no scan or no room for text
 */
GArray *
cl_chart_history_get_ticks (double                     width,
                            double                     height,
                            const ClChartHistoryPoint *points,
                            guint                      n_points)
{
  Layout l;

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  layout_init (&l, width, height, points, n_points);
  return compute_ticks (&l, width);
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
    {
      g_autoptr(GArray) ticks = compute_ticks (&l, width);

      draw_time_axis (cr, style, &l, ticks);
    }

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
