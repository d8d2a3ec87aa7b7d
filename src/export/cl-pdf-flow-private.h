/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "cl-chart-style.h"
#include "cl-pdf-export.h"

G_BEGIN_DECLS

/* Lays the document out down the pages: rows of wrapped text that break
 * between lines, charts, headings with their destinations and outline. */
typedef struct _ClPdfFlow ClPdfFlow;

/* The text styles of the document. */
typedef enum
{
  CL_PDF_FONT_BODY,
  CL_PDF_FONT_BOLD,
  CL_PDF_FONT_SMALL,
  CL_PDF_FONT_SMALL_BOLD,
  CL_PDF_FONT_MONO,
  CL_PDF_FONT_LEAD,      /* a larger paragraph */
  CL_PDF_FONT_HEADING,   /* a section */
  CL_PDF_FONT_SUBHEADING,
  CL_PDF_FONT_TITLE,     /* the domain on the cover */
  CL_PDF_N_FONTS
} ClPdfFont;

/* One cell of a row: a text in a column. */
typedef struct
{
  const char         *text;   /* nullable: an empty cell */
  double              width;  /* 0: what the fixed cells leave (one cell at most) */
  ClPdfFont           font;
  const ClChartColor *color;  /* nullable: the foreground */
  PangoAlignment      align;
} ClPdfCell;

typedef struct
{
  const ClChartColor *background;  /* nullable */
  const ClChartColor *bar;         /* nullable: a bar down the left edge */
  double              indent;      /* cells start this far right of the margin */
  double              padding;     /* above and below the text */
  double              gap;         /* between cells */
  gboolean            rule;        /* a hairline under the row */
  const char         *link;        /* nullable: the destination the row links to */
} ClPdfRowStyle;

typedef void (*ClPdfDrawFunc) (cairo_t  *cr,
                               double    width,
                               double    height,
                               gpointer  data);

/* Draws the header and footer of page @page (0-based) of @n_pages. */
typedef void (*ClPdfPageFunc) (ClPdfFlow *flow,
                               guint      page,
                               guint      n_pages,
                               gpointer   data);

ClPdfFlow  *cl_pdf_flow_new              (cairo_t                 *cr,
                                          const ClPdfPageGeometry *geometry,
                                          guint                    n_pages,
                                          GHashTable              *dest_pages,
                                          GArray                  *boxes,
                                          GCancellable            *cancellable);
void        cl_pdf_flow_free             (ClPdfFlow               *flow);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClPdfFlow, cl_pdf_flow_free)

void        cl_pdf_flow_set_page_func    (ClPdfFlow               *flow,
                                          ClPdfPageFunc            func,
                                          gpointer                 data);
const ClChartStyle *
            cl_pdf_flow_get_style        (ClPdfFlow               *flow);
double      cl_pdf_flow_get_remaining    (ClPdfFlow               *flow);
gboolean    cl_pdf_flow_finish           (ClPdfFlow               *flow,
                                          guint                   *n_pages,
                                          GError                 **error);

void        cl_pdf_flow_new_page         (ClPdfFlow               *flow);
void        cl_pdf_flow_need             (ClPdfFlow               *flow,
                                          double                   height);
void        cl_pdf_flow_space            (ClPdfFlow               *flow,
                                          double                   height);
void        cl_pdf_flow_row              (ClPdfFlow               *flow,
                                          const ClPdfRowStyle     *style,
                                          const ClPdfCell         *cells,
                                          guint                    n_cells);
void        cl_pdf_flow_paragraph        (ClPdfFlow               *flow,
                                          ClPdfFont                font,
                                          const ClChartColor      *color,
                                          const char              *text);
void        cl_pdf_flow_set_table_header (ClPdfFlow               *flow,
                                          const ClPdfRowStyle     *style,
                                          const ClPdfCell         *cells,
                                          guint                    n_cells);
int         cl_pdf_flow_heading          (ClPdfFlow               *flow,
                                          ClPdfFont                font,
                                          const char              *text,
                                          const char              *dest,
                                          int                      outline_parent);
void        cl_pdf_flow_chart            (ClPdfFlow               *flow,
                                          double                   x,
                                          double                   width,
                                          double                   height,
                                          ClPdfDrawFunc            draw,
                                          gpointer                 data);
double      cl_pdf_flow_text_at          (ClPdfFlow               *flow,
                                          ClPdfArea                area,
                                          const cairo_rectangle_t *rect,
                                          ClPdfFont                font,
                                          const ClChartColor      *color,
                                          PangoAlignment           align,
                                          const char              *text);
void        cl_pdf_flow_rule_at          (ClPdfFlow               *flow,
                                          double                   x,
                                          double                   y,
                                          double                   width);

G_END_DECLS
