/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "cl-chart-gauge.h"
#include "cl-chart-history.h"
#include "cl-chart-modules.h"
#include "cl-scoring.h"

/* The charts are drawn into image surfaces and judged by their pixels.
 * Every chart is also written as a PNG under BUILDDIR/tests/charts-png/,
 * to be looked at. */

/* Around each chart: a frame no chart may paint into. */
#define MARGIN 16
#define SENTINEL 0xff00ff00u  /* opaque pure green: no chart colour */

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  int              width;
  int              height;
} Canvas;

typedef struct
{
  int r, g, b;
} Pixel;

static Canvas *
canvas_new (const ClChartStyle *style,
            int                 width,
            int                 height)
{
  Canvas *c = g_new0 (Canvas, 1);

  c->width = width;
  c->height = height;
  c->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width + 2 * MARGIN,
                                           height + 2 * MARGIN);
  g_assert_cmpint (cairo_surface_status (c->surface), ==, CAIRO_STATUS_SUCCESS);
  c->cr = cairo_create (c->surface);

  cairo_set_source_rgb (c->cr, 0, 1, 0);
  cairo_paint (c->cr);
  cairo_rectangle (c->cr, MARGIN, MARGIN, width, height);
  cairo_set_source_rgba (c->cr, style->background.red, style->background.green,
                         style->background.blue, 1);
  cairo_fill (c->cr);
  cairo_translate (c->cr, MARGIN, MARGIN);
  return c;
}

static void
canvas_free (Canvas *c)
{
  cairo_destroy (c->cr);
  cairo_surface_destroy (c->surface);
  g_free (c);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Canvas, canvas_free)

static guint32
raw_pixel (Canvas *c,
           int     sx,
           int     sy)
{
  const guchar *data = cairo_image_surface_get_data (c->surface);
  int stride = cairo_image_surface_get_stride (c->surface);

  return *(const guint32 *) (data + sy * stride + sx * 4);
}

/* The pixel at chart coordinates (@x, @y); the canvas is opaque, so the
 * premultiplied values are the colour. */
static Pixel
pixel_at (Canvas *c,
          double  x,
          double  y)
{
  guint32 v;
  int sx = (int) floor (x) + MARGIN, sy = (int) floor (y) + MARGIN;

  cairo_surface_flush (c->surface);
  g_assert_cmpint (sx, >=, 0);
  g_assert_cmpint (sy, >=, 0);
  g_assert_cmpint (sx, <, c->width + 2 * MARGIN);
  g_assert_cmpint (sy, <, c->height + 2 * MARGIN);
  v = raw_pixel (c, sx, sy);
  return (Pixel) { v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff };
}

static int
distance (Pixel               p,
          const ClChartColor *color)
{
  int r = (int) lround (color->red * 255), g = (int) lround (color->green * 255),
      b = (int) lround (color->blue * 255);

  return MAX (ABS (p.r - r), MAX (ABS (p.g - g), ABS (p.b - b)));
}

static gboolean
near (Pixel               p,
      const ClChartColor *color)
{
  return distance (p, color) <= 6;
}

static char *
describe (Pixel p)
{
  return g_strdup_printf ("#%02x%02x%02x", p.r, p.g, p.b);
}

static void
assert_color_at (Canvas             *c,
                 double              x,
                 double              y,
                 const ClChartColor *expected,
                 const char         *what)
{
  Pixel p = pixel_at (c, x, y);

  if (!near (p, expected))
    {
      g_autofree char *got = describe (p);
      g_autofree char *want = describe ((Pixel) { (int) lround (expected->red * 255),
                                                  (int) lround (expected->green * 255),
                                                  (int) lround (expected->blue * 255) });
      g_error ("%s: pixel (%.1f, %.1f) is %s, expected %s", what, x, y, got, want);
    }
}

/* Nothing drawn in the frame around the chart's rectangle. */
static void
assert_inside (Canvas     *c,
               const char *what)
{
  cairo_surface_flush (c->surface);
  for (int sy = 0; sy < c->height + 2 * MARGIN; sy++)
    {
      gboolean frame_row = sy < MARGIN || sy >= c->height + MARGIN;

      for (int sx = 0; sx < c->width + 2 * MARGIN; sx++)
        {
          /* inside rows, jump over the chart's rectangle */
          if (!frame_row && sx == MARGIN)
            sx += c->width;
          if (raw_pixel (c, sx, sy) != SENTINEL)
            g_error ("%s (%d×%d): drew outside its rectangle at (%d, %d)", what, c->width,
                     c->height, sx - MARGIN, sy - MARGIN);
        }
    }
}

/* Something was drawn in the rectangle. */
static void
assert_drawn (Canvas             *c,
              const ClChartStyle *style,
              const char         *what)
{
  for (int y = 0; y < c->height; y++)
    for (int x = 0; x < c->width; x++)
      if (!near (pixel_at (c, x, y), &style->background))
        return;
  g_error ("%s (%d×%d): nothing drawn", what, c->width, c->height);
}

static void
save_png (Canvas     *c,
          const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "charts-png", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (cairo_surface_write_to_png (c->surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("wrote %s", path);
}

static void
style_for (ClChartStyle *style,
           gboolean      dark)
{
  cl_chart_style_init (style, dark);
}

static void
score_color (const ClChartStyle *style,
             guint               score,
             ClChartColor       *color)
{
  g_assert_true (cl_chart_style_get_grade_color (style, cl_scoring_grade (score), color));
}

/* WCAG 2 relative luminance and contrast ratio. */
static double
luminance (const ClChartColor *c)
{
  double channels[] = { c->red, c->green, c->blue };

  for (guint i = 0; i < 3; i++)
    channels[i] = channels[i] <= 0.03928 ? channels[i] / 12.92
                                         : pow ((channels[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

static double
contrast (const ClChartColor *a,
          const ClChartColor *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static double
linear (double v)
{
  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  return t > 0.008856 ? cbrt (t) : 7.787 * t + 16.0 / 116;
}

/* CIE L*a*b* of @c as seen with a colour vision deficiency: Machado,
 * Oliveira and Fernandes (2009), severity 1.0; @kind 0 is normal vision. */
static void
to_lab (const ClChartColor *c,
        guint               kind,
        double              lab[3])
{
  static const double matrices[4][3][3] = {
    { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
    { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 },
      { -0.011820, 0.042940, 0.968881 } },  /* deuteranopia */
    { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 },
      { -0.003882, -0.048116, 1.051998 } },  /* protanopia */
    { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 },
      { 0.004733, 0.691367, 0.303900 } },  /* tritanopia */
  };
  double rgb[3] = { linear (c->red), linear (c->green), linear (c->blue) }, sim[3];
  double x, y, z;

  for (guint i = 0; i < 3; i++)
    sim[i] = CLAMP (matrices[kind][i][0] * rgb[0] + matrices[kind][i][1] * rgb[1]
                    + matrices[kind][i][2] * rgb[2], 0, 1);
  x = (0.4124 * sim[0] + 0.3576 * sim[1] + 0.1805 * sim[2]) / 0.95047;
  y = 0.2126 * sim[0] + 0.7152 * sim[1] + 0.0722 * sim[2];
  z = (0.0193 * sim[0] + 0.1192 * sim[1] + 0.9505 * sim[2]) / 1.08883;
  lab[0] = 116 * lab_f (y) - 16;
  lab[1] = 500 * (lab_f (x) - lab_f (y));
  lab[2] = 200 * (lab_f (y) - lab_f (z));
}

/* The smallest CIE76 ΔE between two of @colors, with normal vision and
 * the three dichromacies. */
static double
smallest_difference (const ClChartColor *colors,
                     guint               n)
{
  double smallest = G_MAXDOUBLE;

  for (guint kind = 0; kind < 4; kind++)
    for (guint i = 0; i < n; i++)
      for (guint j = i + 1; j < n; j++)
        {
          double a[3], b[3];

          to_lab (&colors[i], kind, a);
          to_lab (&colors[j], kind, b);
          smallest = MIN (smallest, sqrt ((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])
                                          + (a[2] - b[2]) * (a[2] - b[2])));
        }
  return smallest;
}

static const char *grades[] = { "A", "B", "C", "D", "F" };

static void
test_palette (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      ClChartStyle style;
      ClChartColor colors[G_N_ELEMENTS (grades)], bands[G_N_ELEMENTS (grades)];
      ClChartColor c, track, series[4];

      style_for (&style, dark);
      for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
        {
          g_assert_true (cl_chart_style_get_grade_color (&style, grades[i], &colors[i]));
          cl_chart_style_get_band_color (&style, grades[i], &bands[i]);
          /* readable as text on the background it was made for */
          g_assert_cmpfloat (contrast (&colors[i], &style.background), >=, 4.5);
          /* a band is a faint shade: the line over it stands out */
          g_assert_cmpfloat (contrast (&bands[i], &style.foreground), >=, 7);
        }
      /* told apart with any colour vision; ΔE 2 is just noticeable */
      g_test_message ("%s: smallest dE between grades %.1f, bands %.1f", dark ? "dark" : "light",
                      smallest_difference (colors, G_N_ELEMENTS (grades)),
                      smallest_difference (bands, G_N_ELEMENTS (grades)));
      g_assert_cmpfloat (smallest_difference (colors, G_N_ELEMENTS (grades)), >=, 15);
      g_assert_cmpfloat (smallest_difference (bands, G_N_ELEMENTS (grades)), >=, 3);
      for (guint i = 0; i < 4; i++)
        cl_chart_style_get_series_color (&style, i, &series[i]);
      g_assert_cmpfloat (smallest_difference (series, 4), >=, 15);

      g_assert_cmpfloat (contrast (&style.muted, &style.background), >=, 4.5);
      cl_chart_style_get_track_color (&style, &track);
      g_assert_cmpfloat (contrast (&track, &style.background), >, 1.1);

      /* scores take the colour of their grade, at the band limits too */
      cl_chart_style_get_score_color (&style, 90, &c);
      g_assert_true (memcmp (&c, &colors[0], sizeof c) == 0);
      cl_chart_style_get_score_color (&style, 89, &c);
      g_assert_true (memcmp (&c, &colors[1], sizeof c) == 0);
      cl_chart_style_get_score_color (&style, 34, &c);
      g_assert_true (memcmp (&c, &colors[4], sizeof c) == 0);

      cl_chart_style_get_severity_color (&style, CL_SEVERITY_CRITICAL, &c);
      g_assert_true (memcmp (&c, &colors[4], sizeof c) == 0);
      cl_chart_style_get_severity_color (&style, CL_SEVERITY_INFO, &c);
      g_assert_true (memcmp (&c, &style.muted, sizeof c) == 0);

      g_assert_false (cl_chart_style_get_grade_color (&style, "E", &c));
      g_assert_false (cl_chart_style_get_grade_color (&style, NULL, &c));
    }
}

/* The arc is filled over score/100 of its sweep, from its start,
 * clockwise: along the middle of the track, the grade's colour before
 * the score's angle and the track's after; and across the whole track,
 * the share of filled pixels is the score. */
static void
check_gauge (gboolean dark,
             guint    score,
             int      size)
{
  ClChartStyle style;
  ClChartGaugeLayout g;
  ClChartColor fill, track;
  g_autoptr(Canvas) c = NULL;
  g_autofree char *name = g_strdup_printf ("gauge-%s-%u", dark ? "dark" : "light", score);
  const char *grade = cl_scoring_grade (score);
  guint filled = 0, empty = 0, other = 0;

  style_for (&style, dark);
  cl_chart_style_get_grade_color (&style, grade, &fill);
  cl_chart_style_get_track_color (&style, &track);
  c = canvas_new (&style, size, size);
  cl_chart_draw_gauge (c->cr, &style, size, size, TRUE, score, grade,
                       cl_scoring_risk_label (cl_scoring_risk_level (score)));
  save_png (c, name);
  assert_inside (c, name);

  cl_chart_gauge_layout (size, size, &g);
  g_assert_cmpfloat (g.sweep, >=, 4.0 / 3 * G_PI);  /* 240° or more */

  for (double f = 0.005; f < 1; f += 0.01)
    {
      double angle = g.start_angle + f * g.sweep;
      double x = g.center_x + g.radius * cos (angle), y = g.center_y + g.radius * sin (angle);

      if (f < score / 100.0 - 0.01)
        assert_color_at (c, x, y, &fill, name);
      else if (f > score / 100.0 + 0.01)
        assert_color_at (c, x, y, &track, name);
    }

  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        double dx = x + 0.5 - g.center_x, dy = y + 0.5 - g.center_y;
        double along = fmod (atan2 (dy, dx) - g.start_angle + 4 * G_PI, 2 * G_PI);
        Pixel p;

        /* the track's pixels, less the antialiased edges */
        if (fabs (hypot (dx, dy) - g.radius) > g.thickness / 2 - 1.5 || along > g.sweep)
          continue;
        p = pixel_at (c, x, y);
        if (near (p, &fill) && score > 0)
          filled++;
        else if (near (p, &track))
          empty++;
        else
          other++;
      }
  g_assert_cmpuint (filled + empty, >, 500);
  g_assert_cmpfloat (fabs ((double) filled / (filled + empty) - score / 100.0), <, 0.01);
  /* the text stays off the track: only the fill's two ends are neither */
  g_assert_cmpuint (other, <, (filled + empty) / 50);
}

static void
test_gauge_arc (void)
{
  static const guint scores[] = { 0, 1, 34, 35, 50, 73, 89, 90, 99, 100 };

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    check_gauge (FALSE, scores[i], 260);
  check_gauge (TRUE, 82, 260);
  check_gauge (TRUE, 12, 400);
}

/* The number and the grade are written in the middle, the risk label
 * under them; without a score, the track is empty and a dash is written. */
static void
test_gauge_text (void)
{
  ClChartStyle style;
  ClChartGaugeLayout g;
  ClChartColor fill;
  g_autoptr(Canvas) scored = NULL;
  g_autoptr(Canvas) unscored = NULL;
  guint text_px = 0, fill_px = 0, grade_px = 0, unscored_text_px = 0;
  int size = 300;

  style_for (&style, FALSE);
  cl_chart_style_get_grade_color (&style, "B", &fill);
  cl_chart_gauge_layout (size, size, &g);

  scored = canvas_new (&style, size, size);
  cl_chart_draw_gauge (scored->cr, &style, size, size, TRUE, 80, "B", "Low-medium risk");
  unscored = canvas_new (&style, size, size);
  cl_chart_draw_gauge (unscored->cr, &style, size, size, FALSE, 0, NULL, "Not scored");
  save_png (unscored, "gauge-light-none");
  assert_inside (unscored, "gauge without a score");

  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        double d = hypot (x + 0.5 - g.center_x, y + 0.5 - g.center_y);
        Pixel p = pixel_at (scored, x, y), q = pixel_at (unscored, x, y);

        if (near (q, &fill))
          fill_px++;
        if (d >= g.radius - g.thickness / 2 - 1)
          continue;
        /* inside the track: the number (foreground) above the centre,
         * the grade letter (in its colour) under it */
        if (near (p, &style.foreground) && y < g.center_y)
          text_px++;
        if (near (p, &fill) && y > g.center_y)
          grade_px++;
        if (near (q, &style.foreground))
          unscored_text_px++;
      }
  g_assert_cmpuint (text_px, >, 200);
  g_assert_cmpuint (grade_px, >, 50);
  g_assert_cmpuint (unscored_text_px, >, 20);
  g_assert_cmpuint (fill_px, ==, 0);
}

/* The same pixels, frame included. */
static gboolean
same_pixels (Canvas *a,
             Canvas *b)
{
  int stride = cairo_image_surface_get_stride (a->surface);

  cairo_surface_flush (a->surface);
  cairo_surface_flush (b->surface);
  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  return memcmp (cairo_image_surface_get_data (a->surface), cairo_image_surface_get_data (b->surface),
                 (gsize) stride * (a->height + 2 * MARGIN)) == 0;
}

static Canvas *
draw_risk_gauge (const ClChartStyle *style,
                 int                 size,
                 const char         *risk_label)
{
  Canvas *c = canvas_new (style, size, size);

  cl_chart_draw_gauge (c->cr, style, size, size, TRUE, 62, "C", risk_label);
  return c;
}

/* The ink of the risk label: what is not background in the opening at
 * the bottom, under the grade and off the track.  Returns the number of
 * ink pixels and their bounding box. */
static guint
risk_ink (Canvas                   *c,
          const ClChartStyle       *style,
          const ClChartGaugeLayout *g,
          cairo_rectangle_int_t    *box)
{
  double outer = g->radius + g->thickness / 2, inner = g->radius - g->thickness / 2;
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = -1, y1 = -1;
  guint n = 0;

  for (int y = (int) (g->center_y + 0.45 * outer); y < c->height; y++)
    for (int x = 0; x < c->width; x++)
      {
        double dx = x + 0.5 - g->center_x, dy = y + 0.5 - g->center_y;

        /* the track's two ends reach 0.71 of the radius down */
        if (hypot (dx, dy) >= inner - 1 && dy < 0.72 * outer)
          continue;
        if (distance (pixel_at (c, x, y), &style->background) < 60)
          continue;
        n++;
        x0 = MIN (x0, x);
        y0 = MIN (y0, y);
        x1 = MAX (x1, x);
        y1 = MAX (y1, y);
      }
  *box = (cairo_rectangle_int_t) { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
  return n;
}

/* The risk label stays legible at every size the app and the PDF use: a
 * 150 px gauge of the comparison as well as a 400 px one.  Of a label
 * with its explanation after a dash, only the name is written; a gauge
 * too small for legible text writes none. */
static void
test_gauge_risk_label (void)
{
  static const int sizes[] = { 150, 165, 180, 220, 400 };
  const char *long_label = cl_scoring_risk_label ("medium");
  ClChartStyle style;
  double previous_height = 0;

  style_for (&style, FALSE);
  g_assert_nonnull (strstr (long_label, "—"));

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int size = sizes[i];
      g_autoptr(Canvas) with_long = draw_risk_gauge (&style, size, long_label);
      g_autoptr(Canvas) with_name = draw_risk_gauge (&style, size, "Medium risk");
      g_autoptr(Canvas) without = draw_risk_gauge (&style, size, NULL);
      g_autofree char *name = g_strdup_printf ("gauge-risk-%d", size);
      cairo_rectangle_int_t ink;
      ClChartGaugeLayout g;
      double outer;
      guint n;

      save_png (with_long, name);
      assert_inside (with_long, name);
      g_assert_true (same_pixels (with_long, with_name));
      g_assert_false (same_pixels (with_name, without));

      cl_chart_gauge_layout (size, size, &g);
      outer = g.radius + g.thickness / 2;
      n = risk_ink (with_name, &style, &g, &ink);
      g_test_message ("%d px gauge: risk label ink %d×%d at (%d, %d)", size, ink.width, ink.height,
                      ink.x, ink.y);
      g_assert_cmpuint (n, >, 40);
      g_assert_cmpuint (risk_ink (without, &style, &g, &ink), ==, 0);
      n = risk_ink (with_name, &style, &g, &ink);

      /* one line, in the opening under the circle's centre */
      g_assert_cmpfloat (ink.y, >, g.center_y + 0.45 * outer);
      g_assert_cmpfloat (ink.x, >=, g.center_x - 0.62 * outer);
      g_assert_cmpfloat (ink.x + ink.width, <=, g.center_x + 0.62 * outer);
      /* "Medium risk" has no descender: its ink is the height of a "d",
       * about 0.75 em, so 8 px is an 11 px font, the smallest legible */
      g_assert_cmpint (ink.height, >=, 8);
      g_assert_cmpint (ink.height, <, 24);
      /* the same text is as tall or taller in a bigger gauge */
      g_assert_cmpfloat (ink.height, >=, previous_height);
      previous_height = ink.height;
    }

  /* a label without a dash is written whole, on two lines when it must */
  {
    int size = 150;
    g_autoptr(Canvas) c = draw_risk_gauge (&style, size, "Low-medium risk, act soon");
    cairo_rectangle_int_t ink;
    ClChartGaugeLayout g;

    cl_chart_gauge_layout (size, size, &g);
    save_png (c, "gauge-risk-wrapped");
    assert_inside (c, "gauge with a wrapped risk label");
    g_assert_cmpuint (risk_ink (c, &style, &g, &ink), >, 80);
    g_assert_cmpint (ink.height, >=, 2 * 8);
    g_assert_cmpfloat (ink.y + ink.height, <=, size);
  }

  /* too long for two lines: ellipsized, still there */
  {
    g_autoptr(Canvas) c = canvas_new (&style, 333, 217);
    cairo_rectangle_int_t ink;
    ClChartGaugeLayout g;

    cl_chart_draw_gauge (c->cr, &style, 333, 217, TRUE, 62, "C",
                         "Risque faible, excellente posture de sécurité, aucune action n'est requise");
    cl_chart_gauge_layout (333, 217, &g);
    assert_inside (c, "gauge with an ellipsized risk label");
    g_assert_cmpuint (risk_ink (c, &style, &g, &ink), >, 200);
    g_assert_cmpint (ink.height, >=, 2 * 8);
  }

  /* too small for 11 px text: none */
  {
    g_autoptr(Canvas) small = draw_risk_gauge (&style, 60, "Medium risk");
    g_autoptr(Canvas) bare = draw_risk_gauge (&style, 60, NULL);

    save_png (small, "gauge-risk-60");
    g_assert_true (same_pixels (small, bare));
  }
}

/* The gauge's circle stays inside every rectangle, square or not. */
static void
test_gauge_layout (void)
{
  static const double sizes[][2] = { { 50, 50 }, { 50, 400 }, { 400, 50 }, { 333, 217 },
                                     { 2000, 2000 }, { 3, 3 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      double w = sizes[i][0], h = sizes[i][1];
      ClChartGaugeLayout g;
      double outer;

      cl_chart_gauge_layout (w, h, &g);
      outer = g.radius + g.thickness / 2;
      g_assert_cmpfloat (g.radius, >, 0);
      g_assert_cmpfloat (g.center_x - outer, >=, 0);
      g_assert_cmpfloat (g.center_x + outer, <=, w);
      g_assert_cmpfloat (g.center_y - outer, >=, 0);
      g_assert_cmpfloat (g.center_y + outer * sin (G_PI / 4), <=, h);
      /* it uses the room it has */
      g_assert_cmpfloat (outer, >=, 0.4 * MIN (w, h * 1.1) - 1);
    }
}

/* A horizontal run of @color through (@x, @y): its first and last x. */
static gboolean
find_run (Canvas             *c,
          int                 y,
          const ClChartColor *color,
          int                *start,
          int                *end)
{
  int best = 0;

  for (int x = 0; x < c->width; x++)
    {
      int e = x;

      if (!near (pixel_at (c, x, y), color))
        continue;
      while (e + 1 < c->width && near (pixel_at (c, e + 1, y), color))
        e++;
      if (e - x + 1 > best)
        {
          best = e - x + 1;
          *start = x;
          *end = e;
        }
      x = e;
    }
  return best > 0;
}

/* The pixel row through the middle of a bar: where its track (or its
 * fill) runs longest. */
static int
bar_row (Canvas             *c,
         const ClChartColor *fill,
         const ClChartColor *track,
         int                 y0,
         int                 y1)
{
  int best_y = -1, best = 0;

  for (int y = y0; y < y1; y++)
    {
      int count = 0;

      for (int x = 0; x < c->width; x++)
        {
          Pixel p = pixel_at (c, x, y);

          count += near (p, fill) || near (p, track);
        }
      /* the first of equal rows, then the middle of them below */
      if (count > best)
        {
          best = count;
          best_y = y;
        }
    }
  return best_y;
}

/* A bar's filled length is its score out of 100 of its track. */
static void
test_modules_bar_length (void)
{
  static const guint scores[] = { 0, 3, 35, 50, 63, 88, 90, 100 };
  ClChartStyle style;
  ClChartColor track;
  int width = 640, height = 40;
  int track_start = -1, track_end = -1;

  style_for (&style, FALSE);
  cl_chart_style_get_track_color (&style, &track);

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      ClChartModule module = { "SSL/TLS", 0.25, TRUE, scores[i], NULL };
      g_autoptr(Canvas) c = canvas_new (&style, width, height);
      g_autofree char *name = g_strdup_printf ("modules-bar-%u", scores[i]);
      ClChartColor fill;
      int y, fs = -1, fe = -1, ts = -1, te = -1, start, end, length;

      score_color (&style, scores[i], &fill);
      cl_chart_draw_modules (c->cr, &style, width, height, &module, 1);
      save_png (c, name);
      assert_inside (c, name);

      y = bar_row (c, &fill, &track, 0, height);
      g_assert_cmpint (y, >=, 0);
      if (scores[i] > 0)
        g_assert_true (find_run (c, y, &fill, &fs, &fe));
      else
        g_assert_false (find_run (c, y, &fill, &fs, &fe));
      if (scores[i] < 100)
        g_assert_true (find_run (c, y, &track, &ts, &te));
      else
        g_assert_false (find_run (c, y, &track, &ts, &te) && te - ts > 2);

      /* fill, then track, adjoining */
      start = scores[i] > 0 ? fs : ts;
      end = scores[i] < 100 ? te : fe;
      if (scores[i] > 0 && scores[i] < 100)
        g_assert_cmpint (ABS (ts - fe - 1), <=, 1);
      length = end - start + 1;

      /* every bar has the same track: the chart's width less the texts' */
      if (track_start < 0)
        {
          track_start = start;
          track_end = end;
          g_assert_cmpint (length, >, width / 2);
        }
      g_assert_cmpint (ABS (start - track_start), <=, 1);
      g_assert_cmpint (ABS (end - track_end), <=, 1);

      if (scores[i] > 0)
        g_assert_cmpfloat (fabs ((fe - fs + 1) - length * scores[i] / 100.0), <=, 1.5);
    }
}

/* Modules in rows, top to bottom; the ones without a score show no bar. */
static void
test_modules_rows (void)
{
  ClChartModule modules[] = {
    { "SSL/TLS", 0.25, TRUE, 95, NULL },
    { "HTTP Headers", 0.25, TRUE, 80, NULL },
    { "DNS/Email", 0.20, FALSE, 0, "Unavailable" },
    { "Open Ports", 0.15, TRUE, 60, NULL },
    { "Cookie Security", 0.08, FALSE, 0, "Not applicable" },
    { "DNSSEC", 0.05, TRUE, 40, NULL },
    { "WAF Detection", 0.04, TRUE, 10, NULL },
    { "JavaScript Audit", 0.03, FALSE, 0, "Not implemented" },
  };
  guint n = G_N_ELEMENTS (modules);

  for (int dark = 0; dark <= 1; dark++)
    {
      ClChartStyle style;
      int width = 560, row = 36, height = row * n;
      g_autoptr(Canvas) c = NULL;
      double previous = -1;

      style_for (&style, dark);
      c = canvas_new (&style, width, height);
      cl_chart_draw_modules (c->cr, &style, width, height, modules, n);
      save_png (c, dark ? "modules-dark" : "modules-light");
      assert_inside (c, "modules");

      for (guint i = 0; i < n; i++)
        {
          ClChartColor track;
          guint grade_px = 0, other_px = 0;
          double sum_y = 0;

          cl_chart_style_get_track_color (&style, &track);
          for (int y = i * row; y < (int) (i + 1) * row; y++)
            for (int x = 0; x < width; x++)
              {
                Pixel p = pixel_at (c, x, y);

                if (!near (p, &style.background) && !near (p, &track))
                  other_px++;
                for (guint g = 0; g < G_N_ELEMENTS (grades); g++)
                  {
                    ClChartColor color;

                    cl_chart_style_get_grade_color (&style, grades[g], &color);
                    if (near (p, &color))
                      {
                        grade_px++;
                        sum_y += y;
                      }
                  }
              }

          if (modules[i].has_score)
            {
              ClChartColor fill;
              int fs, fe;

              /* the fill is in this row, below the previous one */
              score_color (&style, modules[i].score, &fill);
              g_assert_true (find_run (c, (int) (sum_y / grade_px), &fill, &fs, &fe));
              g_assert_cmpuint (grade_px, >, 30);
              g_assert_cmpfloat (sum_y / grade_px, >, previous);
              previous = sum_y / grade_px;
            }
          else
            {
              /* no bar, but hatching and the status word */
              g_assert_cmpuint (grade_px, ==, 0);
              g_assert_cmpuint (other_px, >, 300);
            }
        }
    }
}

/* In a comparison, each domain's bar is in its colour and as long as its
 * score; a legend shows the colours. */
static void
test_modules_grouped (void)
{
  ClChartModule a[] = { { "SSL/TLS", 0.25, TRUE, 80, NULL },
                        { "HTTP Headers", 0.25, TRUE, 100, NULL },
                        { "DNS/Email", 0.2, TRUE, 55, NULL } };
  ClChartModule b[] = { { "SSL/TLS", 0.25, TRUE, 40, NULL },
                        { "HTTP Headers", 0.25, FALSE, 0, "Unavailable" },
                        { "DNS/Email", 0.2, TRUE, 70, NULL } };
  ClChartModule d[] = { { "SSL/TLS", 0.25, TRUE, 20, NULL },
                        { "HTTP Headers", 0.25, TRUE, 30, NULL },
                        { "DNS/Email", 0.2, TRUE, 100, NULL } };
  ClChartSeries series[] = { { "good.example", a }, { "bad.example", b }, { "f.example", d } };
  const ClChartModule *all[] = { a, b, d };
  ClChartStyle style;
  g_autoptr(Canvas) c = NULL;
  int width = 600, height = (int) cl_chart_modules_preferred_height (3, 3);
  double full = 0;

  style_for (&style, FALSE);
  c = canvas_new (&style, width, height);
  cl_chart_draw_modules_grouped (c->cr, &style, width, height, series, 3, 3);
  save_png (c, "modules-grouped");
  assert_inside (c, "grouped modules");

  /* HTTP Headers of the first domain is 100: the full length */
  {
    ClChartColor color;
    int best = 0;

    cl_chart_style_get_series_color (&style, 0, &color);
    for (int y = 0; y < height; y++)
      {
        int s, e;

        if (find_run (c, y, &color, &s, &e))
          best = MAX (best, e - s + 1);
      }
    full = best;
    g_assert_cmpfloat (full, >, width / 2);
  }

  for (guint s = 0; s < 3; s++)
    {
      ClChartColor color;
      GArray *runs = g_array_new (FALSE, FALSE, sizeof (int));
      guint matched = 0;

      cl_chart_style_get_series_color (&style, s, &color);
      /* the longest run of each bar, top to bottom: scan rows, and group
       * adjoining rows into one bar */
      for (int y = 0, in_bar = 0, longest = 0; y <= height; y++)
        {
          int rs, re;
          gboolean found = y < height && find_run (c, y, &color, &rs, &re) && re - rs > 20;

          if (found)
            longest = MAX (longest, re - rs + 1);
          if (!found && in_bar)
            {
              g_array_append_val (runs, longest);
              longest = 0;
            }
          in_bar = found;
        }

      for (guint m = 0; m < 3; m++)
        if (all[s][m].has_score)
          {
            double expected = full * all[s][m].score / 100;

            g_assert_cmpuint (matched, <, runs->len);
            g_assert_cmpfloat (fabs (g_array_index (runs, int, matched) - expected), <=, 2);
            matched++;
          }
      g_assert_cmpuint (matched, ==, runs->len);
      g_array_unref (runs);
    }
}

/* The scores' y, from a point of known score and the plot area: the dots
 * are inset by their radius, so 100 and 0 stay inside the plot. */
static double
score_y (const cairo_rectangle_t *plot,
         double                   radius,
         double                   score)
{
  return plot->y + radius + (100 - score) / 100 * (plot->height - 2 * radius);
}

static void
test_history_bands (void)
{
  static const struct
  {
    double      score;
    const char *grade;
  } samples[] = {
    /* Scores are whole numbers: a band starts half a point under its
     * lowest score (A at 89.5), so that a dot at 90 sits inside A. */
    { 99.5, "A" }, { 95, "A" }, { 90.2, "A" }, { 88.8, "B" }, { 82, "B" }, { 75.2, "B" },
    { 73.8, "C" }, { 65, "C" }, { 55.2, "C" }, { 53.8, "D" }, { 50, "D" }, { 35.2, "D" },
    { 33.8, "F" }, { 20, "F" }, { 0.5, "F" },
  };
  ClChartHistoryPoint points[] = { { 1700000000, TRUE, 42 }, { 1700864000, TRUE, 42 } };

  for (int dark = 0; dark <= 1; dark++)
    {
      ClChartStyle style;
      cairo_rectangle_t plot, dot;
      g_autoptr(Canvas) c = NULL;
      int width = 640, height = 420;

      style_for (&style, dark);
      c = canvas_new (&style, width, height);
      cl_chart_draw_history (c->cr, &style, width, height, points, 2);
      save_png (c, dark ? "history-bands-dark" : "history-bands-light");
      assert_inside (c, "history");

      cl_chart_history_get_plot_area (width, height, &plot);
      g_assert_true (cl_chart_history_get_point_rect (width, height, points, 2, 0, &dot));
      g_assert_cmpfloat (fabs (dot.y + dot.height / 2 - score_y (&plot, dot.width / 2, 42)), <, 0.01);

      for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
        {
          ClChartColor band;
          g_autofree char *what = g_strdup_printf ("band at score %.1f", samples[i].score);

          cl_chart_style_get_band_color (&style, samples[i].grade, &band);
          assert_color_at (c, plot.x + plot.width / 2, score_y (&plot, dot.width / 2, samples[i].score),
                           &band, what);
          assert_color_at (c, plot.x + 2, score_y (&plot, dot.width / 2, samples[i].score), &band, what);
        }
    }
}

/* Each scan is a dot in its grade's colour where its time and score put
 * it; a click on it finds it. */
static void
test_history_points (void)
{
  const gint64 day = 86400, t0 = 1714000000;
  ClChartHistoryPoint points[] = {
    { t0, TRUE, 95 },
    { t0 + 1 * day, TRUE, 80 },
    { t0 + 2 * day, FALSE, 0 },  /* not scored: not drawn, not clickable */
    { t0 + 3 * day, TRUE, 60 },
    { t0 + 10 * day, TRUE, 20 },
  };
  guint n = G_N_ELEMENTS (points);
  ClChartStyle style;
  cairo_rectangle_t plot, rects[G_N_ELEMENTS (points)];
  g_autoptr(Canvas) c = NULL;
  int width = 700, height = 360;

  style_for (&style, FALSE);
  c = canvas_new (&style, width, height);
  cl_chart_draw_history (c->cr, &style, width, height, points, n);
  save_png (c, "history-points");
  assert_inside (c, "history");
  cl_chart_history_get_plot_area (width, height, &plot);

  for (guint i = 0; i < n; i++)
    {
      ClChartColor color;
      double cx, cy;

      if (!points[i].has_score)
        {
          g_assert_false (cl_chart_history_get_point_rect (width, height, points, n, i, &rects[i]));
          continue;
        }
      g_assert_true (cl_chart_history_get_point_rect (width, height, points, n, i, &rects[i]));
      cx = rects[i].x + rects[i].width / 2;
      cy = rects[i].y + rects[i].height / 2;

      /* inside the plot, in the grade's colour */
      g_assert_cmpfloat (rects[i].x, >=, plot.x - 1e-9);
      g_assert_cmpfloat (rects[i].x + rects[i].width, <=, plot.x + plot.width + 1e-9);
      g_assert_cmpfloat (rects[i].y, >=, plot.y - 1e-9);
      g_assert_cmpfloat (rects[i].y + rects[i].height, <=, plot.y + plot.height + 1e-9);
      g_assert_cmpfloat (rects[i].width, >=, 3);
      score_color (&style, points[i].score, &color);
      assert_color_at (c, cx, cy, &color, "dot");

      /* clicking it, or next to it, opens it */
      g_assert_cmpint (cl_chart_history_hit_test (width, height, points, n, cx, cy), ==, i);
      g_assert_cmpint (cl_chart_history_hit_test (width, height, points, n, cx + 3, cy - 3), ==, i);
    }

  /* the first and last scans span the plot; the others sit in proportion
   * to their time and score */
  g_assert_cmpfloat (rects[0].x - plot.x, <, 6);
  g_assert_cmpfloat (plot.x + plot.width - (rects[4].x + rects[4].width), <, 6);
  for (guint i = 1; i < n - 1; i++)
    {
      double fx, fy;

      if (!points[i].has_score)
        continue;
      fx = (rects[i].x - rects[0].x) / (rects[4].x - rects[0].x);
      fy = (rects[i].y - rects[0].y) / (rects[4].y - rects[0].y);
      g_assert_cmpfloat (fabs (fx - (double) (points[i].time - t0) / (10 * day)), <, 0.002);
      g_assert_cmpfloat (fabs (fy - (95.0 - points[i].score) / (95 - 20)), <, 0.002);
    }

  /* nowhere near a dot */
  g_assert_cmpint (cl_chart_history_hit_test (width, height, points, n, plot.x + 4,
                                              plot.y + plot.height - 4), ==, -1);
  g_assert_cmpint (cl_chart_history_hit_test (width, height, points, n,
                                              rects[1].x + 30, rects[1].y + 40), ==, -1);
}

/* One scan: a dot in the middle.  No scan: the bands, and no dot. */
static void
test_history_single_and_empty (void)
{
  ClChartHistoryPoint one = { 1714000000, TRUE, 67 };
  ClChartHistoryPoint unscored = { 1714000000, FALSE, 0 };
  ClChartStyle style;
  cairo_rectangle_t plot, dot;
  ClChartColor color, band;
  int width = 480, height = 300;

  style_for (&style, FALSE);
  cl_chart_history_get_plot_area (width, height, &plot);

  {
    g_autoptr(Canvas) c = canvas_new (&style, width, height);

    cl_chart_draw_history (c->cr, &style, width, height, &one, 1);
    save_png (c, "history-single");
    assert_inside (c, "history of one scan");
    g_assert_true (cl_chart_history_get_point_rect (width, height, &one, 1, 0, &dot));
    g_assert_cmpfloat (fabs (dot.x + dot.width / 2 - (plot.x + plot.width / 2)), <, 0.01);
    score_color (&style, 67, &color);
    assert_color_at (c, dot.x + dot.width / 2, dot.y + dot.height / 2, &color, "single dot");
    g_assert_cmpint (cl_chart_history_hit_test (width, height, &one, 1, dot.x + 1, dot.y + 1), ==, 0);
  }

  for (guint n = 0; n <= 1; n++)
    {
      g_autoptr(Canvas) c = canvas_new (&style, width, height);

      cl_chart_draw_history (c->cr, &style, width, height, n ? &unscored : NULL, n);
      save_png (c, n ? "history-unscored" : "history-empty");
      assert_inside (c, "empty history");
      cl_chart_style_get_band_color (&style, "A", &band);
      assert_color_at (c, plot.x + 3, plot.y + 3, &band, "band of an empty history");
      g_assert_false (cl_chart_history_get_point_rect (width, height, &unscored, n, 0, &dot));
      g_assert_cmpint (cl_chart_history_hit_test (width, height, &unscored, n,
                                                  plot.x + plot.width / 2,
                                                  plot.y + plot.height / 2), ==, -1);
    }
}

static gint64
local_time (int    year,
            int    month,
            int    day,
            int    hour,
            int    minute,
            double seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, day, hour, minute, seconds);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static gboolean
matches (const char *pattern,
         const char *label)
{
  return g_regex_match_simple (pattern, label, 0, 0);
}

#define TIME_OF_DAY "^[0-2][0-9]:[0-5][0-9]$"
#define DAY "^[0-9]{1,2} [^ 0-9]+$"
#define MONTH "^[^ 0-9]+ [0-9]{4}$"
#define YEAR "^[0-9]{4}$"

/* The marks of the time axis of @n scans from @first to @last, evenly
 * spread: in time order, inside the span, under the plot, their labels
 * inside the chart, apart, and never the same twice in a row.  Returns
 * the marks for the caller's own checks. */
static GArray *
check_ticks (const char *what,
             int         width,
             int         height,
             gint64      first,
             gint64      last,
             guint       n)
{
  ClChartHistoryPoint points[16];
  cairo_rectangle_t plot, dot;
  g_autoptr(GString) labels = g_string_new (NULL);
  GArray *ticks;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (points));
  for (guint i = 0; i < n; i++)
    points[i] = (ClChartHistoryPoint) { n > 1 ? first + (last - first) * i / (n - 1) : first,
                                         TRUE, 50 + i };
  ticks = cl_chart_history_get_ticks (width, height, points, n);
  cl_chart_history_get_plot_area (width, height, &plot);
  g_assert_true (cl_chart_history_get_point_rect (width, height, points, n, 0, &dot));

  for (guint i = 0; i < ticks->len; i++)
    {
      const ClChartHistoryTick *tick = &g_array_index (ticks, ClChartHistoryTick, i);

      g_string_append_printf (labels, "%s“%s”", i > 0 ? ", " : "", tick->label);
      g_assert_cmpstr (tick->label, !=, "");
      g_assert_cmpint (tick->time, >=, first);
      g_assert_cmpint (tick->time, <=, last);
      g_assert_cmpfloat (tick->x, >=, plot.x);
      g_assert_cmpfloat (tick->x, <=, plot.x + plot.width);
      /* where a scan at that time would be */
      if (n > 1)
        g_assert_cmpfloat (fabs (tick->x - (dot.x + dot.width / 2)
                                 - (double) (tick->time - first) / (last - first)
                                   * (plot.width - dot.width)), <, 0.01);
      g_assert_cmpfloat (tick->label_width, >, 0);
      g_assert_cmpfloat (tick->label_x, >=, 0);
      g_assert_cmpfloat (tick->label_x + tick->label_width, <=, width + 1e-9);
      /* the label is under its mark */
      g_assert_cmpfloat (tick->label_x, <=, tick->x);
      g_assert_cmpfloat (tick->label_x + tick->label_width, >=, tick->x);
      if (i > 0)
        {
          const ClChartHistoryTick *before = &g_array_index (ticks, ClChartHistoryTick, i - 1);

          g_assert_cmpint (tick->time, >, before->time);
          g_assert_cmpfloat (tick->label_x, >, before->label_x + before->label_width);
          g_assert_cmpstr (tick->label, !=, before->label);
        }
    }
  g_test_message ("%s at %d px: %s", what, width, labels->str);
  return ticks;
}

static void
assert_labels (GArray     *ticks,
               const char *pattern)
{
  for (guint i = 0; i < ticks->len; i++)
    {
      const char *label = g_array_index (ticks, ClChartHistoryTick, i).label;

      if (!matches (pattern, label))
        g_error ("label “%s” does not match %s", label, pattern);
    }
}

/* Whatever the span, the time axis says when with labels that differ and
 * fit: minutes apart read as times of day, days as dates, months with
 * their year, years as years. */
static void
test_history_ticks (void)
{
  static const int widths[] = { 700, 420, 240 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      int width = widths[w], height = 300;
      g_autoptr(GArray) minutes = NULL;
      g_autoptr(GArray) hours = NULL;
      g_autoptr(GArray) days = NULL;
      g_autoptr(GArray) months = NULL;
      g_autoptr(GArray) years = NULL;
      g_autoptr(GArray) seconds = NULL;
      g_autoptr(GArray) one = NULL;

      /* four scans a minute and a half apart: each minute once, not
       * "13:48" four times */
      minutes = check_ticks ("5 minutes", width, height, local_time (2024, 1, 15, 13, 48, 10),
                             local_time (2024, 1, 15, 13, 52, 40), 4);
      assert_labels (minutes, TIME_OF_DAY);
      if (width >= 420)
        {
          g_assert_cmpuint (minutes->len, ==, 4);
          g_assert_cmpstr (g_array_index (minutes, ClChartHistoryTick, 0).label, ==, "13:49");
          g_assert_cmpstr (g_array_index (minutes, ClChartHistoryTick, 3).label, ==, "13:52");
        }

      /* over midnight: the day instead of 00:00 */
      hours = check_ticks ("3 hours", width, height, local_time (2024, 1, 15, 22, 40, 0),
                           local_time (2024, 1, 16, 1, 40, 0), 5);
      for (guint i = 0; i < hours->len; i++)
        {
          const ClChartHistoryTick *tick = &g_array_index (hours, ClChartHistoryTick, i);

          if (tick->time == local_time (2024, 1, 16, 0, 0, 0))
            g_assert_true (matches ("^16 ", tick->label));
          else
            g_assert_true (matches (TIME_OF_DAY, tick->label));
        }

      days = check_ticks ("10 days", width, height, local_time (2024, 1, 3, 9, 30, 0),
                          local_time (2024, 1, 13, 9, 30, 0), 6);
      assert_labels (days, DAY);

      months = check_ticks ("8 months", width, height, local_time (2024, 1, 20, 8, 0, 0),
                            local_time (2024, 9, 20, 8, 0, 0), 9);
      assert_labels (months, MONTH);

      years = check_ticks ("3 years", width, height, local_time (2021, 5, 2, 8, 0, 0),
                           local_time (2024, 5, 2, 8, 0, 0), 7);
      for (guint i = 0; i < years->len; i++)
        g_assert_true (matches (MONTH, g_array_index (years, ClChartHistoryTick, i).label)
                       || matches (YEAR, g_array_index (years, ClChartHistoryTick, i).label));

      if (width >= 420)
        {
          g_assert_cmpuint (hours->len, >=, 3);
          g_assert_cmpuint (days->len, >=, 3);
          g_assert_cmpuint (months->len, >=, 3);
          g_assert_cmpuint (years->len, >=, 3);
        }

      /* seconds apart, within one minute: that minute, once */
      seconds = check_ticks ("20 seconds", width, height, local_time (2024, 1, 15, 13, 48, 10),
                             local_time (2024, 1, 15, 13, 48, 30), 2);
      g_assert_cmpuint (seconds->len, ==, 1);
      g_assert_cmpstr (g_array_index (seconds, ClChartHistoryTick, 0).label, ==, "13:48");

      /* one scan: its date, under it */
      one = check_ticks ("one scan", width, height, local_time (2024, 5, 14, 10, 0, 0),
                         local_time (2024, 5, 14, 10, 0, 0), 1);
      g_assert_cmpuint (one->len, ==, 1);
      g_assert_true (matches ("^14 [^ 0-9]+ 2024$", g_array_index (one, ClChartHistoryTick, 0).label));
    }

  /* Daylight saving time: hours go on over the night it ends (02:00
   * comes twice) and midnights stay midnights over the night it starts. */
  {
    g_autoptr(GArray) autumn = check_ticks ("autumn night", 700, 300,
                                            local_time (2024, 10, 27, 0, 10, 0),
                                            local_time (2024, 10, 27, 5, 50, 0), 4);
    g_autoptr(GArray) spring = check_ticks ("spring week", 700, 300,
                                            local_time (2024, 3, 28, 12, 0, 0),
                                            local_time (2024, 4, 3, 12, 0, 0), 4);

    /* the test runs in a zone with daylight saving time (see main) */
    g_assert_cmpint (local_time (2024, 10, 27, 4, 0, 0) - local_time (2024, 10, 27, 1, 0, 0), ==, 4 * 3600);
    g_assert_cmpuint (autumn->len, >=, 3);
    assert_labels (spring, DAY);
    for (guint i = 0; i < spring->len; i++)
      {
        g_autoptr(GDateTime) dt =
          g_date_time_new_from_unix_local (g_array_index (spring, ClChartHistoryTick, i).time);

        g_assert_cmpint (g_date_time_get_hour (dt), ==, 0);
        g_assert_cmpint (g_date_time_get_minute (dt), ==, 0);
      }
  }

  /* no scan, or no room for text: no marks */
  {
    ClChartHistoryPoint point = { 1714000000, TRUE, 50 };
    g_autoptr(GArray) none = cl_chart_history_get_ticks (700, 300, NULL, 0);
    g_autoptr(GArray) tiny = cl_chart_history_get_ticks (60, 40, &point, 1);

    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (tiny->len, ==, 0);
  }
}

/* What is drawn under the plot is the marks and their labels, each label
 * in its box. */
static void
test_history_axis_pixels (void)
{
  ClChartHistoryPoint points[4];
  ClChartStyle style;
  cairo_rectangle_t plot;
  g_autoptr(Canvas) c = NULL;
  g_autoptr(GArray) ticks = NULL;
  int width = 560, height = 260;
  guint *ink;

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    points[i] = (ClChartHistoryPoint) { local_time (2024, 1, 15, 13, 48, 10) + 90 * i, TRUE, 60 + 10 * i };
  style_for (&style, FALSE);
  c = canvas_new (&style, width, height);
  cl_chart_draw_history (c->cr, &style, width, height, points, G_N_ELEMENTS (points));
  save_png (c, "history-minutes");
  assert_inside (c, "history of minutes");
  cl_chart_history_get_plot_area (width, height, &plot);
  ticks = cl_chart_history_get_ticks (width, height, points, G_N_ELEMENTS (points));
  g_assert_cmpuint (ticks->len, >=, 3);

  ink = g_new0 (guint, ticks->len);
  for (int y = (int) ceil (plot.y + plot.height) + 1; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        gboolean placed = FALSE;

        if (distance (pixel_at (c, x, y), &style.background) < 40)
          continue;
        for (guint i = 0; i < ticks->len; i++)
          {
            const ClChartHistoryTick *tick = &g_array_index (ticks, ClChartHistoryTick, i);

            if (fabs (x + 0.5 - tick->x) <= 1.5 || (x >= tick->label_x && x < tick->label_x + tick->label_width))
              {
                ink[i]++;
                placed = TRUE;
              }
          }
        if (!placed)
          g_error ("ink under the plot at (%d, %d), outside every label", x, y);
      }
  for (guint i = 0; i < ticks->len; i++)
    g_assert_cmpuint (ink[i], >, 20);
  g_free (ink);
}

/* No data draws nothing, and does not crash. */
static void
test_empty (void)
{
  ClChartStyle style;
  g_autoptr(Canvas) c = NULL;

  style_for (&style, FALSE);
  c = canvas_new (&style, 200, 100);
  cl_chart_draw_modules (c->cr, &style, 200, 100, NULL, 0);
  cl_chart_draw_modules_grouped (c->cr, &style, 200, 100, NULL, 0, 0);
  for (int y = 0; y < 100; y++)
    for (int x = 0; x < 200; x++)
      assert_color_at (c, x, y, &style.background, "empty chart");

  /* degenerate rectangles */
  cl_chart_draw_gauge (c->cr, &style, 0, 0, TRUE, 50, "C", NULL);
  cl_chart_draw_gauge (c->cr, &style, 1, 1, FALSE, 0, NULL, NULL);
  cl_chart_draw_history (c->cr, &style, 0, 0, NULL, 0);
  cl_chart_draw_history (c->cr, &style, 2, 2, NULL, 0);
  assert_inside (c, "degenerate charts");
  g_assert_cmpint (cairo_status (c->cr), ==, CAIRO_STATUS_SUCCESS);
}

/* Every chart, at every size from 50×50 to 2000×2000, with long and
 * non-Latin text, stays inside its rectangle. */
static void
test_bounds (void)
{
  static const int sizes[][2] = { { 50, 50 }, { 64, 200 }, { 200, 64 }, { 120, 90 },
                                  { 333, 217 }, { 800, 600 }, { 2000, 2000 } };
  ClChartModule modules[] = {
    { "Une très longue désignation de module qui ne tiendra jamais sur une ligne",
      0.25, TRUE, 100, NULL },
    { "Безопасность заголовков HTTP", 0.25, TRUE, 77, NULL },
    { "電子メールとDNSのセキュリティ", 0.20, FALSE, 0, "利用できません (サービスが応答しませんでした)" },
    { "أمان ملفات تعريف الارتباط", 0.08, TRUE, 3, NULL },
    { "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", 0.125, FALSE, 0,
      "Not applicable: the domain has no web presence at all" },
  };
  ClChartModule others[G_N_ELEMENTS (modules)];
  ClChartSeries series[4];
  ClChartHistoryPoint points[40];
  const char *idn = "xn--bcher-kva.xn--mller-kva.sehr-langer-name-der-nicht-passt.example";
  guint n = G_N_ELEMENTS (modules);

  memcpy (others, modules, sizeof modules);
  others[0].score = 12;
  others[2].has_score = TRUE;
  others[2].score = 64;
  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    {
      series[s].label = s % 2 ? idn : "bücher.例え.テスト";
      series[s].modules = s % 2 ? others : modules;
    }
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    points[i] = (ClChartHistoryPoint) { 1600000000 + (gint64) i * 86400 * 9, i % 7 != 3,
                                         (i * 37) % 101 };

  for (int dark = 0; dark <= 1; dark++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        int w = sizes[i][0], h = sizes[i][1];
        ClChartStyle style;

        /* the dark style changes colours, not places: two sizes do */
        if (dark && w != 50 && w != 333)
          continue;
        style_for (&style, dark);

        struct
        {
          const char *name;
          Canvas     *canvas;
        } charts[] = {
          { "gauge", canvas_new (&style, w, h) },
          { "modules", canvas_new (&style, w, h) },
          { "grouped", canvas_new (&style, w, h) },
          { "history", canvas_new (&style, w, h) },
        };

        /* with a dash only the name is written: the light style has none */
        cl_chart_draw_gauge (charts[0].canvas->cr, &style, w, h, TRUE, 100, "A",
                             dark ? "Risque faible — excellente posture de sécurité, aucune action n'est requise"
                                  : "Risque faible, excellente posture de sécurité, aucune action n'est requise");
        cl_chart_draw_modules (charts[1].canvas->cr, &style, w, h, modules, n);
        cl_chart_draw_modules_grouped (charts[2].canvas->cr, &style, w, h, series, 4, n);
        cl_chart_draw_history (charts[3].canvas->cr, &style, w, h, points, G_N_ELEMENTS (points));

        for (guint k = 0; k < G_N_ELEMENTS (charts); k++)
          {
            g_autofree char *name = g_strdup_printf ("bounds-%s-%s-%dx%d", charts[k].name,
                                                     dark ? "dark" : "light", w, h);

            g_assert_cmpint (cairo_status (charts[k].canvas->cr), ==, CAIRO_STATUS_SUCCESS);
            assert_inside (charts[k].canvas, name);
            assert_drawn (charts[k].canvas, &style, name);
            if (w < 2000)
              save_png (charts[k].canvas, name);
            canvas_free (charts[k].canvas);
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  /* Local time with daylight saving time, written out so that it needs
   * no time zone database: Central European Time. */
  g_setenv ("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/palette", test_palette);
  g_test_add_func ("/charts/gauge/arc", test_gauge_arc);
  g_test_add_func ("/charts/gauge/text", test_gauge_text);
  g_test_add_func ("/charts/gauge/layout", test_gauge_layout);
  g_test_add_func ("/charts/gauge/risk-label", test_gauge_risk_label);
  g_test_add_func ("/charts/modules/bar-length", test_modules_bar_length);
  g_test_add_func ("/charts/modules/rows", test_modules_rows);
  g_test_add_func ("/charts/modules/grouped", test_modules_grouped);
  g_test_add_func ("/charts/history/bands", test_history_bands);
  g_test_add_func ("/charts/history/points", test_history_points);
  g_test_add_func ("/charts/history/single-and-empty", test_history_single_and_empty);
  g_test_add_func ("/charts/history/ticks", test_history_ticks);
  g_test_add_func ("/charts/history/axis-pixels", test_history_axis_pixels);
  g_test_add_func ("/charts/empty", test_empty);
  g_test_add_func ("/charts/bounds", test_bounds);

  return g_test_run ();
}
