/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-chart"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "cl-chart-private.h"

/* Both exist on Debian and in the GNOME runtime, so screen and PDF agree. */
#define DEFAULT_FONT_FAMILY "Cantarell,DejaVu Sans,sans-serif"

void
_cl_chart_set_color (cairo_t            *cr,
                     const ClChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
_cl_chart_mix (const ClChartColor *a,
               const ClChartColor *b,
               double              t,
               ClChartColor       *out)
{
  out->red = a->red + (b->red - a->red) * t;
  out->green = a->green + (b->green - a->green) * t;
  out->blue = a->blue + (b->blue - a->blue) * t;
  out->alpha = a->alpha + (b->alpha - a->alpha) * t;
}

/* @wanted if it is legible, else 0: callers leave no room for text then. */
double
_cl_chart_text_size (double wanted)
{
  return wanted >= CL_CHART_MIN_TEXT_SIZE ? wanted : 0;
}

static const cairo_user_data_key_t context_key;

/* One Pango context per cairo_t, kept on it: a chart or a PDF page draws
 * many texts, and a context is costly to set up. */
static PangoContext *
get_context (cairo_t *cr)
{
  PangoContext *context = cairo_get_user_data (cr, &context_key);

  if (context == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      context = pango_cairo_create_context (cr);
      /* Unhinted metrics: text scales smoothly and measures the same on
       * screen, in an image and in a PDF. */
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      pango_cairo_context_set_font_options (context, options);
      cairo_font_options_destroy (options);
      cairo_set_user_data (cr, &context_key, context, g_object_unref);
    }
  else
    {
      /* the transformation may have changed since */
      pango_cairo_update_context (cr, context);
    }
  return context;
}

static PangoLayout *
create_layout (cairo_t            *cr,
               const ClChartText  *text,
               const char         *str)
{
  PangoLayout *layout = pango_layout_new (get_context (cr));
  static const PangoAlignment alignments[] = {
    [CL_CHART_ALIGN_START] = PANGO_ALIGN_LEFT,
    [CL_CHART_ALIGN_CENTER] = PANGO_ALIGN_CENTER,
    [CL_CHART_ALIGN_END] = PANGO_ALIGN_RIGHT,
  };

  pango_layout_set_alignment (layout, alignments[text->align]);
  if (MAX (text->max_lines, 1) == 1)
    pango_layout_set_single_paragraph_mode (layout, TRUE);
  else
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, str, -1);
  return layout;
}

static void
set_layout_size (PangoLayout        *layout,
                 const ClChartStyle *style,
                 const ClChartText  *text,
                 double              size,
                 double              width,
                 gboolean            ellipsize)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();
  guint max_lines = MAX (text->max_lines, 1);

  pango_font_description_set_family (desc, style->font_family ? style->font_family
                                                             : DEFAULT_FONT_FAMILY);
  pango_font_description_set_weight (desc, text->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);

  /* Whole pixels: the pixel extents of a line that fills a fractional
   * width round up past it, and an ellipsized line would never fit. */
  if (max_lines > 1 || ellipsize)
    pango_layout_set_width (layout, (int) floor (width) * PANGO_SCALE);
  if (ellipsize)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -(int) max_lines);
    }
}

/*
 * _cl_chart_draw_text:
 *
 * Draws @str inside the box, vertically centred: at text->size if it fits,
 * else shrunk down to text->min_size, then ellipsized; shrunk further only
 * when even that is too tall.  Text that cannot be made to fit legibly is
 * not drawn (returns %FALSE): a chart never spills over its rectangle.
 */
gboolean
_cl_chart_draw_text (cairo_t            *cr,
                     const ClChartStyle *style,
                     const ClChartText  *text,
                     const char         *str,
                     const ClChartColor *color,
                     double              x,
                     double              y,
                     double              width,
                     double              height)
{
  g_autoptr(PangoLayout) layout = NULL;
  guint max_lines = MAX (text->max_lines, 1);
  double size = text->size;
  double min_size = CLAMP (text->min_size, CL_CHART_MIN_TEXT_SIZE, size);
  gboolean ellipsize = FALSE;
  gboolean fits = FALSE;
  PangoRectangle logical;
  double dx;

  if (str == NULL || *str == '\0' || width < 1 || height < 1 || size < CL_CHART_MIN_TEXT_SIZE)
    return FALSE;

  layout = create_layout (cr, text, str);
  for (guint i = 0; i < 16 && !fits; i++)
    {
      gboolean fits_width, fits_lines;

      set_layout_size (layout, style, text, size, width, ellipsize);
      pango_layout_get_pixel_extents (layout, NULL, &logical);

      fits_width = logical.width <= width + 0.5;
      fits_lines = (guint) pango_layout_get_line_count (layout) <= max_lines;
      fits = fits_width && fits_lines && logical.height <= height + 0.5;
      if (fits)
        break;

      if (!ellipsize && (!fits_width || !fits_lines))
        {
          if (size > min_size)
            size = MAX (min_size, size * (fits_width ? 0.9 : MIN (width / logical.width, 0.97)));
          else
            ellipsize = TRUE;
          continue;
        }

      /* Too tall, or ellipsized and still too wide (the box is narrower
       * than "W…"): the box wins over min_size. */
      size *= 0.97 * MIN (fits_width ? 1.0 : width / logical.width,
                          logical.height > height ? height / logical.height : 1.0);
      if (size < CL_CHART_MIN_TEXT_SIZE)
        return FALSE;
    }

  if (!fits)
    return FALSE;

  switch (text->align)
    {
    case CL_CHART_ALIGN_CENTER:
      dx = (width - logical.width) / 2;
      break;
    case CL_CHART_ALIGN_END:
      dx = width - logical.width;
      break;
    case CL_CHART_ALIGN_START:
    default:
      dx = 0;
      break;
    }

  cairo_save (cr);
  /* Glyph ink can stray a little past the logical box (accents, italics). */
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  if (text->backdrop != NULL)
    {
      double pad = MIN (logical.height / 4, (width - logical.width) / 2);

      cairo_rectangle (cr, x + dx - MAX (pad, 0), y + (height - logical.height) / 2,
                       logical.width + 2 * MAX (pad, 0), logical.height);
      _cl_chart_set_color (cr, text->backdrop);
      cairo_fill (cr);
    }
  _cl_chart_set_color (cr, color);
  cairo_move_to (cr, x + dx - logical.x, y + (height - logical.height) / 2 - logical.y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);

  return TRUE;
}

/* Diagonal stripes: a part that has no value, telling at a glance that it
 * was not measured rather than measured as zero. */
void
_cl_chart_draw_hatch (cairo_t            *cr,
                      const ClChartColor *color,
                      double              x,
                      double              y,
                      double              width,
                      double              height)
{
  double step = CLAMP (height / 2, 4, 10);

  if (width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  for (double d = -height; d < width; d += step)
    {
      cairo_move_to (cr, x + d, y + height);
      cairo_line_to (cr, x + d + height, y);
    }
  cairo_set_line_width (cr, MIN (1.0, step / 4));
  _cl_chart_set_color (cr, color);
  cairo_stroke (cr);
  cairo_restore (cr);
}
