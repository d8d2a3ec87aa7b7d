/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-pdf"

#include "config.h"

#include <math.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "cl-error.h"
#include "cl-pdf-flow-private.h"

/* The document flows down the body of each page: rows of cells, each a
 * Pango layout wrapped to its column (anywhere inside a word when a word
 * is wider than the column: a 253-character domain, a base64 key), placed
 * line by line so that a row too long for what is left of a page goes on
 * over the next one.  The same code runs twice on the same cairo_t: once
 * to measure (nothing is drawn; it counts the pages and notes where each
 * section begins), then to draw, when "page N of M" and the contents'
 * page numbers are known.  Both passes use the same Pango context, so
 * they break the pages at the same places. */

#define SANS "Cantarell,DejaVu Sans,sans-serif"
#define MONO "DejaVu Sans Mono,Source Code Pro,monospace"

/* A row at most this part of the body high moves whole to the next page
 * rather than be split. */
#define KEEP_TOGETHER 0.3
/* What must fit under a heading, or under a table's header, or it goes
 * to the next page. */
#define KEEP_WITH_HEADING 72.0
#define KEEP_WITH_TABLE_HEADER 64.0

static const struct
{
  const char  *family;
  double       size;
  PangoWeight  weight;
} fonts[CL_PDF_N_FONTS] = {
  [CL_PDF_FONT_BODY] = { SANS, 9.5, PANGO_WEIGHT_NORMAL },
  [CL_PDF_FONT_BOLD] = { SANS, 9.5, PANGO_WEIGHT_BOLD },
  [CL_PDF_FONT_SMALL] = { SANS, 8, PANGO_WEIGHT_NORMAL },
  [CL_PDF_FONT_SMALL_BOLD] = { SANS, 8, PANGO_WEIGHT_BOLD },
  [CL_PDF_FONT_MONO] = { MONO, 7.5, PANGO_WEIGHT_NORMAL },
  [CL_PDF_FONT_LEAD] = { SANS, 12, PANGO_WEIGHT_NORMAL },
  [CL_PDF_FONT_HEADING] = { SANS, 18, PANGO_WEIGHT_BOLD },
  [CL_PDF_FONT_SUBHEADING] = { SANS, 12, PANGO_WEIGHT_BOLD },
  [CL_PDF_FONT_TITLE] = { SANS, 24, PANGO_WEIGHT_BOLD },
};

struct _ClPdfFlow
{
  cairo_t              *cr;
  PangoContext         *context;
  PangoFontDescription *fonts[CL_PDF_N_FONTS];
  PangoAttrList        *attrs;
  ClPdfPageGeometry     geometry;
  ClChartStyle          style;
  guint                 n_pages;     /* known when drawing; 0 while measuring */
  GHashTable           *dest_pages;  /* (nullable) dest → page + 1, filled in */
  GArray               *boxes;       /* (nullable) ClPdfBox, filled in when drawing */
  GCancellable         *cancellable;
  GError               *error;

  ClPdfPageFunc         page_func;
  gpointer              page_data;

  gboolean              page_open;
  gboolean              page_fresh;  /* nothing on it yet but a table header */
  guint                 page;
  double                y;

  /* the table being laid out, its header repeated on each page it runs onto */
  ClPdfRowStyle         header_style;
  ClPdfCell            *header_cells;
  guint                 n_header_cells;
};

typedef struct
{
  double top;       /* of the line's logical extents, in the layout */
  double bottom;
  double baseline;
  double x;         /* where its logical extents start */
  double width;
  double origin_x;  /* where pango_cairo_show_layout_line() must start it */
} Line;

typedef struct
{
  PangoLayout        *layout;
  GArray             *lines;  /* Line */
  guint               next;   /* the first line not placed yet */
  double              x;
  double              shift;  /* down from the row's top, to share its first baseline */
  const ClChartColor *color;
} CellLayout;

/**
 * cl_pdf_flow_new:
 * @n_pages: the number of pages the measuring pass found, to draw; 0 to
 *   measure
 * @dest_pages: (nullable): where to note each heading's page
 * @boxes: (nullable): where to note what is drawn, as #ClPdfBox
 */
ClPdfFlow *
cl_pdf_flow_new (cairo_t                 *cr,
                 const ClPdfPageGeometry *geometry,
                 guint                    n_pages,
                 GHashTable              *dest_pages,
                 GArray                  *boxes,
                 GCancellable            *cancellable)
{
  ClPdfFlow *flow = g_new0 (ClPdfFlow, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  flow->cr = cairo_reference (cr);
  flow->geometry = *geometry;
  flow->n_pages = n_pages;
  flow->dest_pages = dest_pages != NULL ? g_hash_table_ref (dest_pages) : NULL;
  flow->boxes = boxes != NULL ? g_array_ref (boxes) : NULL;
  flow->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  cl_chart_style_init (&flow->style, FALSE);

  /* As the charts do: unhinted metrics measure the same everywhere. */
  flow->context = pango_cairo_create_context (cr);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (flow->context, options);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < CL_PDF_N_FONTS; i++)
    {
      flow->fonts[i] = pango_font_description_new ();
      pango_font_description_set_family (flow->fonts[i], fonts[i].family);
      pango_font_description_set_weight (flow->fonts[i], fonts[i].weight);
      pango_font_description_set_absolute_size (flow->fonts[i], fonts[i].size * PANGO_SCALE);
    }

  /* Text is copied out of the PDF and searched: a line broken inside a
   * word gets no hyphen (it would change a domain name, a header value or
   * a key), and "fi" stays two letters rather than a ligature glyph that
   * poppler extracts as U+FB01. */
  flow->attrs = pango_attr_list_new ();
  pango_attr_list_insert (flow->attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_attr_list_insert (flow->attrs, pango_attr_font_features_new ("liga=0,clig=0"));

  return flow;
}

void
cl_pdf_flow_free (ClPdfFlow *flow)
{
  if (flow == NULL)
    return;

  for (guint i = 0; i < CL_PDF_N_FONTS; i++)
    pango_font_description_free (flow->fonts[i]);
  pango_attr_list_unref (flow->attrs);
  g_object_unref (flow->context);
  cairo_destroy (flow->cr);
  g_clear_pointer (&flow->dest_pages, g_hash_table_unref);
  g_clear_pointer (&flow->boxes, g_array_unref);
  g_clear_object (&flow->cancellable);
  g_clear_error (&flow->error);
  g_free (flow->header_cells);
  g_free (flow);
}

void
cl_pdf_flow_set_page_func (ClPdfFlow     *flow,
                           ClPdfPageFunc  func,
                           gpointer       data)
{
  flow->page_func = func;
  flow->page_data = data;
}

const ClChartStyle *
cl_pdf_flow_get_style (ClPdfFlow *flow)
{
  return &flow->style;
}

static gboolean
is_drawing (ClPdfFlow *flow)
{
  return flow->n_pages > 0;
}

static gboolean
failed (ClPdfFlow *flow)
{
  return flow->error != NULL;
}

static void
add_box (ClPdfFlow    *flow,
         ClPdfArea     area,
         ClPdfBoxKind  kind,
         double        x,
         double        y,
         double        width,
         double        height)
{
  ClPdfBox box = { flow->page, area, kind, { x, y, width, height } };

  if (flow->boxes != NULL && is_drawing (flow))
    g_array_append_val (flow->boxes, box);
}

static void
check_cairo (ClPdfFlow *flow)
{
  cairo_status_t status = cairo_status (flow->cr);

  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (cairo_get_target (flow->cr));
  if (status != CAIRO_STATUS_SUCCESS && flow->error == NULL)
    g_set_error (&flow->error, CL_ERROR, CL_ERROR_INTERNAL,
                 _("Cannot draw the PDF: %s"), cairo_status_to_string (status));
}

static void
end_page (ClPdfFlow *flow)
{
  if (!flow->page_open)
    return;
  if (is_drawing (flow))
    {
      cairo_show_page (flow->cr);
      check_cairo (flow);
    }
  flow->page_open = FALSE;
  flow->page++;
}

static void place_row (ClPdfFlow           *flow,
                       const ClPdfRowStyle *style,
                       const ClPdfCell     *cells,
                       guint                n_cells);

static void
begin_page (ClPdfFlow *flow)
{
  if (flow->page_open || failed (flow))
    return;
  /* between pages, so that a cancelled export stops soon */
  if (g_cancellable_set_error_if_cancelled (flow->cancellable, &flow->error))
    return;

  flow->page_open = TRUE;
  flow->page_fresh = TRUE;
  flow->y = flow->geometry.body.y;
  if (is_drawing (flow) && flow->page_func != NULL)
    flow->page_func (flow, flow->page, flow->n_pages, flow->page_data);

  if (flow->header_cells != NULL)
    {
      ClPdfCell *cells = g_steal_pointer (&flow->header_cells);

      place_row (flow, &flow->header_style, cells, flow->n_header_cells);
      flow->header_cells = cells;
      flow->page_fresh = TRUE;
    }
}

static double
body_bottom (ClPdfFlow *flow)
{
  return flow->geometry.body.y + flow->geometry.body.height;
}

double
cl_pdf_flow_get_remaining (ClPdfFlow *flow)
{
  begin_page (flow);
  return body_bottom (flow) - flow->y;
}

/* A new page, unless this one has nothing on it yet. */
void
cl_pdf_flow_new_page (ClPdfFlow *flow)
{
  if (failed (flow) || (flow->page_open && flow->page_fresh))
    return;
  end_page (flow);
  begin_page (flow);
}

/* A new page unless @height fits on this one (or nothing is on it yet). */
void
cl_pdf_flow_need (ClPdfFlow *flow,
                  double     height)
{
  if (cl_pdf_flow_get_remaining (flow) < height && !flow->page_fresh)
    cl_pdf_flow_new_page (flow);
}

/* Space between things; none at the top of a page, and none carried over
 * to the next. */
void
cl_pdf_flow_space (ClPdfFlow *flow,
                   double     height)
{
  begin_page (flow);
  if (failed (flow) || flow->page_fresh)
    return;
  flow->y = MIN (flow->y + height, body_bottom (flow));
}

/**
 * cl_pdf_flow_finish:
 * @n_pages: (out): the number of pages
 *
 * Ends the last page.
 *
 * Returns: %FALSE with an error if the flow was cancelled or Cairo failed
 */
gboolean
cl_pdf_flow_finish (ClPdfFlow  *flow,
                    guint      *n_pages,
                    GError    **error)
{
  begin_page (flow);  /* an empty document still has a page */
  end_page (flow);
  if (flow->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&flow->error));
      return FALSE;
    }
  *n_pages = flow->page;
  return TRUE;
}

/* ------------------------------------------------------------ text -- */

static PangoLayout *
create_layout (ClPdfFlow      *flow,
               ClPdfFont       font,
               const char     *text,
               double          width,
               PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (flow->context);
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  pango_layout_set_font_description (layout, flow->fonts[font]);
  pango_layout_set_attributes (layout, flow->attrs);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) floor (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, valid, -1);

  return layout;
}

static GArray *
measure_lines (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical, own;
      Line l;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_line_get_extents (line, NULL, &own);
      l.top = (double) logical.y / PANGO_SCALE;
      l.bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      l.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      l.x = (double) logical.x / PANGO_SCALE;
      l.width = (double) logical.width / PANGO_SCALE;
      l.origin_x = (double) (logical.x - own.x) / PANGO_SCALE;
      g_array_append_val (lines, l);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return lines;
}

static void
cell_layouts_clear (CellLayout *cl,
                    guint       n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      g_clear_object (&cl[i].layout);
      g_clear_pointer (&cl[i].lines, g_array_unref);
    }
}

static double
lines_height (GArray *lines,
              guint   from,
              guint   to)
{
  if (to <= from)
    return 0;
  return g_array_index (lines, Line, to - 1).bottom - g_array_index (lines, Line, from).top;
}

static void
fill_rect (ClPdfFlow          *flow,
           const ClChartColor *color,
           double              x,
           double              y,
           double              width,
           double              height)
{
  cairo_rectangle (flow->cr, x, y, width, height);
  cairo_set_source_rgba (flow->cr, color->red, color->green, color->blue, color->alpha);
  cairo_fill (flow->cr);
  add_box (flow, CL_PDF_AREA_BODY, CL_PDF_BOX_FILL, x, y, width, height);
}

static void
set_color (ClPdfFlow          *flow,
           const ClChartColor *color)
{
  if (color == NULL)
    color = &flow->style.foreground;
  cairo_set_source_rgba (flow->cr, color->red, color->green, color->blue, color->alpha);
}

/* Draws lines [@from, @to) of @cell with the first one's top at @y. */
static void
draw_lines (ClPdfFlow  *flow,
            ClPdfArea   area,
            CellLayout *cell,
            guint       from,
            guint       to,
            double      y)
{
  double top = g_array_index (cell->lines, Line, from).top;
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE;

  set_color (flow, cell->color);
  for (guint i = from; i < to; i++)
    {
      const Line *l = &g_array_index (cell->lines, Line, i);

      cairo_move_to (flow->cr, cell->x + l->origin_x, y + l->baseline - top);
      pango_cairo_show_layout_line (flow->cr, pango_layout_get_line_readonly (cell->layout, i));
      left = MIN (left, cell->x + l->x);
      right = MAX (right, cell->x + l->x + l->width);
    }
  add_box (flow, area, CL_PDF_BOX_TEXT, left, y, MAX (right - left, 0),
           lines_height (cell->lines, from, to));
}

static void
place_row (ClPdfFlow           *flow,
           const ClPdfRowStyle *style,
           const ClPdfCell     *cells,
           guint                n_cells)
{
  const cairo_rectangle_t *body = &flow->geometry.body;
  CellLayout *cl = g_newa (CellLayout, n_cells);
  guint *take = g_newa (guint, n_cells);
  double fixed = 0, flexible, x, natural = 0, baseline = 0;
  guint n_lines = 0;
  gboolean done = FALSE;

  if (failed (flow))
    return;

  for (guint i = 0; i < n_cells; i++)
    fixed += cells[i].width + (i > 0 ? style->gap : 0);
  flexible = MAX (body->width - style->indent - fixed, 1);

  x = body->x + style->indent;
  for (guint i = 0; i < n_cells; i++)
    {
      double width = cells[i].width > 0 ? cells[i].width : flexible;

      cl[i] = (CellLayout) { NULL, NULL, 0, x, 0, cells[i].color };
      if (cells[i].text != NULL && *cells[i].text != '\0')
        {
          cl[i].layout = create_layout (flow, cells[i].font, cells[i].text, width, cells[i].align);
          cl[i].lines = measure_lines (cl[i].layout);
          baseline = MAX (baseline, g_array_index (cl[i].lines, Line, 0).baseline);
          n_lines += cl[i].lines->len;
        }
      x += width + style->gap;
    }
  /* cells of different sizes (a small label, its value) share their first
   * baseline */
  for (guint i = 0; i < n_cells; i++)
    if (cl[i].lines != NULL)
      {
        cl[i].shift = baseline - g_array_index (cl[i].lines, Line, 0).baseline;
        natural = MAX (natural, cl[i].shift + lines_height (cl[i].lines, 0, cl[i].lines->len));
      }
  natural += 2 * style->padding;

  begin_page (flow);
  if (natural > cl_pdf_flow_get_remaining (flow) && natural <= body->height * KEEP_TOGETHER)
    cl_pdf_flow_need (flow, natural);

  do
    {
      double avail, height = 0;
      guint n_taken = 0;

      begin_page (flow);
      if (failed (flow))
        break;
      avail = body_bottom (flow) - flow->y - 2 * style->padding;

      for (guint i = 0; i < n_cells; i++)
        {
          take[i] = cl[i].next;
          while (cl[i].lines != NULL && take[i] < cl[i].lines->len &&
                 cl[i].shift + lines_height (cl[i].lines, cl[i].next, take[i] + 1) <= avail)
            take[i]++;
          n_taken += take[i] - cl[i].next;
        }
      if (n_taken == 0 && n_lines > 0)
        {
          if (!flow->page_fresh)
            {
              cl_pdf_flow_new_page (flow);
              continue;
            }
          /* a line taller than a page: not with these fonts, but never loop */
          for (guint i = 0; i < n_cells; i++)
            if (cl[i].lines != NULL && cl[i].next < cl[i].lines->len)
              take[i] = cl[i].next + 1;
        }

      for (guint i = 0; i < n_cells; i++)
        if (cl[i].lines != NULL)
          height = MAX (height, cl[i].shift + lines_height (cl[i].lines, cl[i].next, take[i]));
      height += 2 * style->padding;

      if (is_drawing (flow))
        {
          if (style->background != NULL)
            fill_rect (flow, style->background, body->x, flow->y, body->width, height);
          if (style->bar != NULL)
            fill_rect (flow, style->bar, body->x, flow->y, 3, height);
          if (style->link != NULL)
            {
              g_autofree char *attributes = g_strdup_printf ("dest='%s'", style->link);

              cairo_tag_begin (flow->cr, CAIRO_TAG_LINK, attributes);
            }
          for (guint i = 0; i < n_cells; i++)
            if (take[i] > cl[i].next)
              draw_lines (flow, CL_PDF_AREA_BODY, &cl[i], cl[i].next, take[i],
                          flow->y + style->padding + cl[i].shift);
          if (style->link != NULL)
            cairo_tag_end (flow->cr, CAIRO_TAG_LINK);
          if (style->rule)
            cl_pdf_flow_rule_at (flow, body->x, flow->y + height, body->width);
        }

      done = TRUE;
      for (guint i = 0; i < n_cells; i++)
        {
          cl[i].shift = 0;  /* the rest goes on from the top of the next page */
          cl[i].next = take[i];
          done = done && (cl[i].lines == NULL || cl[i].next >= cl[i].lines->len);
        }
      flow->y += height;
      flow->page_fresh = FALSE;

      if (!done)
        cl_pdf_flow_new_page (flow);
    }
  while (!done && !failed (flow));

  cell_layouts_clear (cl, n_cells);
}

/**
 * cl_pdf_flow_row:
 *
 * Lays a row of cells out at the current position: whole on the next page
 * if it does not fit on this one and is short, else line by line over as
 * many pages as it needs.
 */
void
cl_pdf_flow_row (ClPdfFlow           *flow,
                 const ClPdfRowStyle *style,
                 const ClPdfCell     *cells,
                 guint                n_cells)
{
  g_return_if_fail (flow != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (cells != NULL && n_cells > 0);

  place_row (flow, style, cells, n_cells);
}

void
cl_pdf_flow_paragraph (ClPdfFlow          *flow,
                       ClPdfFont           font,
                       const ClChartColor *color,
                       const char         *text)
{
  const ClPdfRowStyle style = { 0 };
  const ClPdfCell cell = { text, 0, font, color, PANGO_ALIGN_LEFT };

  place_row (flow, &style, &cell, 1);
}

/**
 * cl_pdf_flow_set_table_header:
 * @cells: (nullable): %NULL to end the table
 *
 * Lays out a table's header row, and repeats it at the top of each page
 * the table runs onto, until the next call.  @cells must live until then.
 */
void
cl_pdf_flow_set_table_header (ClPdfFlow           *flow,
                              const ClPdfRowStyle *style,
                              const ClPdfCell     *cells,
                              guint                n_cells)
{
  g_clear_pointer (&flow->header_cells, g_free);
  flow->n_header_cells = 0;
  if (cells == NULL)
    return;

  /* the header and a row or two, or the table starts on the next page */
  cl_pdf_flow_need (flow, KEEP_WITH_TABLE_HEADER);
  place_row (flow, style, cells, n_cells);
  flow->header_style = *style;
  flow->header_cells = g_memdup2 (cells, n_cells * sizeof (ClPdfCell));
  flow->n_header_cells = n_cells;
}

/**
 * cl_pdf_flow_heading:
 * @dest: the name of the destination that links and the outline point to
 * @outline_parent: the parent outline item, %CAIRO_PDF_OUTLINE_ROOT, or
 *   -1 for none
 *
 * Returns: the heading's outline item when drawing, for its children
 */
int
cl_pdf_flow_heading (ClPdfFlow   *flow,
                     ClPdfFont    font,
                     const char  *text,
                     const char  *dest,
                     int          outline_parent)
{
  const ClPdfRowStyle style = { .padding = 2 };
  const ClPdfCell cell = { text, 0, font, NULL, PANGO_ALIGN_LEFT };
  int item = 0;

  cl_pdf_flow_need (flow, KEEP_WITH_HEADING);
  if (font != CL_PDF_FONT_HEADING)
    cl_pdf_flow_space (flow, fonts[font].size);
  if (failed (flow))
    return 0;

  if (flow->dest_pages != NULL)
    g_hash_table_insert (flow->dest_pages, g_strdup (dest), GUINT_TO_POINTER (flow->page + 1));

  if (is_drawing (flow))
    {
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
      /* cairo reads numbers with a point, whatever the locale */
      g_autofree char *attributes = g_strdup_printf ("name='%s' x=%s y=%s", dest,
                                                     g_ascii_formatd (x, sizeof x, "%.2f", flow->geometry.body.x),
                                                     g_ascii_formatd (y, sizeof y, "%.2f", flow->y));
      g_autofree char *link = g_strdup_printf ("dest='%s'", dest);

      cairo_tag_begin (flow->cr, CAIRO_TAG_DEST, attributes);
      place_row (flow, &style, &cell, 1);
      cairo_tag_end (flow->cr, CAIRO_TAG_DEST);
      if (outline_parent >= 0)
        item = cairo_pdf_surface_add_outline (cairo_get_target (flow->cr), outline_parent, text, link,
                                              outline_parent == CAIRO_PDF_OUTLINE_ROOT
                                              ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    }
  else
    place_row (flow, &style, &cell, 1);

  cl_pdf_flow_space (flow, fonts[font].size * 0.4);
  return item;
}

/**
 * cl_pdf_flow_chart:
 * @x: from the left margin
 *
 * Gives @draw a @width × @height rectangle at the current position (on
 * the next page if it does not fit), clipped to it.
 */
void
cl_pdf_flow_chart (ClPdfFlow     *flow,
                   double         x,
                   double         width,
                   double         height,
                   ClPdfDrawFunc  draw,
                   gpointer       data)
{
  double left;

  height = MIN (height, flow->geometry.body.height);
  cl_pdf_flow_need (flow, height);
  if (failed (flow))
    return;

  left = flow->geometry.body.x + x;
  if (is_drawing (flow))
    {
      cairo_save (flow->cr);
      cairo_rectangle (flow->cr, left, flow->y, width, height);
      cairo_clip (flow->cr);
      cairo_translate (flow->cr, left, flow->y);
      draw (flow->cr, width, height, data);
      cairo_restore (flow->cr);
      add_box (flow, CL_PDF_AREA_BODY, CL_PDF_BOX_CHART, left, flow->y, width, height);
    }
  flow->y += height;
  flow->page_fresh = FALSE;
}

/**
 * cl_pdf_flow_text_at:
 *
 * One line of @text in @rect, ellipsized if too long: for headers and
 * footers, outside the flow.
 *
 * Returns: the line's height
 */
double
cl_pdf_flow_text_at (ClPdfFlow               *flow,
                     ClPdfArea                area,
                     const cairo_rectangle_t *rect,
                     ClPdfFont                font,
                     const ClChartColor      *color,
                     PangoAlignment           align,
                     const char              *text)
{
  CellLayout cell = { .x = rect->x, .color = color };
  double height;

  cell.layout = create_layout (flow, font, text, rect->width, align);
  pango_layout_set_ellipsize (cell.layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_set_single_paragraph_mode (cell.layout, TRUE);
  cell.lines = measure_lines (cell.layout);
  height = lines_height (cell.lines, 0, 1);
  if (is_drawing (flow))
    draw_lines (flow, area, &cell, 0, 1, rect->y);
  cell_layouts_clear (&cell, 1);

  return height;
}

void
cl_pdf_flow_rule_at (ClPdfFlow *flow,
                     double     x,
                     double     y,
                     double     width)
{
  if (!is_drawing (flow))
    return;
  cairo_save (flow->cr);
  cairo_set_line_width (flow->cr, 0.5);
  cairo_move_to (flow->cr, x, y - 0.25);
  cairo_line_to (flow->cr, x + width, y - 0.25);
  set_color (flow, &flow->style.muted);
  cairo_stroke (flow->cr);
  cairo_restore (flow->cr);
}
