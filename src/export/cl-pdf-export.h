/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cl-chart-history.h"
#include "cl-report.h"
#include "cl-signing-key.h"

G_BEGIN_DECLS

typedef enum
{
  CL_PDF_PAGE_A4,
  CL_PDF_PAGE_LETTER,
} ClPdfPageSize;

#define CL_TYPE_PDF_PAGE_SIZE (cl_pdf_page_size_get_type ())
GType cl_pdf_page_size_get_type (void) G_GNUC_CONST;

/* Where things go on a page, in points from its top left corner. */
typedef struct
{
  double            width;
  double            height;
  cairo_rectangle_t header;
  cairo_rectangle_t body;
  cairo_rectangle_t footer;
} ClPdfPageGeometry;

typedef enum
{
  CL_PDF_AREA_HEADER,
  CL_PDF_AREA_BODY,
  CL_PDF_AREA_FOOTER,
} ClPdfArea;

typedef enum
{
  CL_PDF_BOX_TEXT,   /* the logical extents of laid out lines */
  CL_PDF_BOX_CHART,
  CL_PDF_BOX_FILL,   /* a background or a bar, under text */
} ClPdfBoxKind;

/* Something the exporter put on a page. */
typedef struct
{
  guint             page;  /* from 0 */
  ClPdfArea         area;
  ClPdfBoxKind      kind;
  cairo_rectangle_t rect;
} ClPdfBox;

#define CL_TYPE_PDF_EXPORT (cl_pdf_export_get_type ())

G_DECLARE_FINAL_TYPE (ClPdfExport, cl_pdf_export, CL, PDF_EXPORT, GObject)

ClPdfExport   *cl_pdf_export_new                (ClReport                  *report);
ClReport      *cl_pdf_export_get_report         (ClPdfExport               *self);
void           cl_pdf_export_set_history        (ClPdfExport               *self,
                                                 const ClChartHistoryPoint *points,
                                                 guint                      n_points);
ClPdfPageSize  cl_pdf_export_get_page_size      (ClPdfExport               *self);
void           cl_pdf_export_set_page_size      (ClPdfExport               *self,
                                                 ClPdfPageSize              page_size);
ClSigningKey  *cl_pdf_export_get_signing_key    (ClPdfExport               *self);
void           cl_pdf_export_set_signing_key    (ClPdfExport               *self,
                                                 ClSigningKey              *key);
void           cl_pdf_export_get_page_geometry  (ClPdfExport               *self,
                                                 ClPdfPageGeometry         *geometry);

GBytes        *cl_pdf_export_render             (ClPdfExport               *self,
                                                 GArray                   **boxes,
                                                 guint                     *n_pages,
                                                 GCancellable              *cancellable,
                                                 GError                   **error);
gboolean       cl_pdf_export_write              (ClPdfExport               *self,
                                                 GFile                     *file,
                                                 GCancellable              *cancellable,
                                                 GError                   **error);
void           cl_pdf_export_write_async        (ClPdfExport               *self,
                                                 GFile                     *file,
                                                 GCancellable              *cancellable,
                                                 GAsyncReadyCallback        callback,
                                                 gpointer                   user_data);
gboolean       cl_pdf_export_write_finish       (ClPdfExport               *self,
                                                 GAsyncResult              *result,
                                                 GError                   **error);

G_END_DECLS
