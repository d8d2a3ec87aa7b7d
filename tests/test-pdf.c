/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cl-error.h"
#include "cl-pdf-export.h"
#include "cl-report-seal.h"
#include "cl-test-reports.h"

/* The PDF exporter, judged by what poppler makes of its output: pdfinfo
 * (pages, size, metadata, destinations), pdftotext (every finding, the
 * report id, "page N of M") and pdftoppm (no page blank, nothing drawn in
 * the margins), and by the layout it reports (every box inside its area,
 * no two texts overlapping).  The PDFs stay in BUILDDIR/tests/pdf-out/ to
 * be looked at. */

/* pdftoppm's resolution for the pixel checks: enough to see a glyph */
#define DPI 40
/* what antialiasing may add around a box, in points */
#define SLACK 1.5

static char *
out_path (const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "pdf-out", NULL);

  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  return g_build_filename (dir, name, NULL);
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* All white space out: text wrapped anywhere still matches. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static gboolean
contains_squeezed (const char *haystack_squeezed,
                   const char *needle)
{
  g_autofree char *n = squeeze (needle);

  return strstr (haystack_squeezed, n) != NULL;
}

/* A PDF has NULs: not strstr(). */
static gboolean
contains_bytes (const char *data,
                gsize       len,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  ClReport          *report;
  ClPdfExport       *export;
  ClPdfPageGeometry  geometry;
  GArray            *boxes;
  guint              n_pages;
  char              *path;
} Exported;

static void
exported_free (Exported *e)
{
  g_clear_object (&e->report);
  g_clear_object (&e->export);
  g_clear_pointer (&e->boxes, g_array_unref);
  g_free (e->path);
  g_free (e);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Exported, exported_free)

static Exported *
export (const ClTestReportOptions *options,
        ClPdfPageSize              page_size,
        ClSigningKey              *key,
        const char                *name)
{
  Exported *e = g_new0 (Exported, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  e->report = cl_test_report_new (options);
  e->export = cl_pdf_export_new (e->report);
  cl_pdf_export_set_page_size (e->export, page_size);
  cl_pdf_export_set_signing_key (e->export, key);
  cl_pdf_export_get_page_geometry (e->export, &e->geometry);

  pdf = cl_pdf_export_render (e->export, &e->boxes, &e->n_pages, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);

  /* what cl_pdf_export_write() writes (test_async), without laying the
   * document out again */
  e->path = out_path (name);
  g_assert_true (g_file_set_contents (e->path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);

  return e;
}

/* ------------------------------------------------------------ layout -- */

static gboolean
inside (const cairo_rectangle_t *outer,
        const cairo_rectangle_t *inner)
{
  return inner->x >= outer->x - 0.01 && inner->y >= outer->y - 0.01 &&
         inner->x + inner->width <= outer->x + outer->width + 0.01 &&
         inner->y + inner->height <= outer->y + outer->height + 0.01;
}

static gboolean
overlap (const cairo_rectangle_t *a,
         const cairo_rectangle_t *b)
{
  /* boxes that touch (a row under another) do not overlap */
  return a->x + 0.01 < b->x + b->width && b->x + 0.01 < a->x + a->width &&
         a->y + 0.01 < b->y + b->height && b->y + 0.01 < a->y + a->height;
}

static void
check_layout (Exported *e)
{
  const cairo_rectangle_t *areas[] = {
    [CL_PDF_AREA_HEADER] = &e->geometry.header,
    [CL_PDF_AREA_BODY] = &e->geometry.body,
    [CL_PDF_AREA_FOOTER] = &e->geometry.footer,
  };
  guint first = 0;
  guint *texts_per_page = g_new0 (guint, e->n_pages);

  g_assert_cmpuint (e->boxes->len, >, 0);
  for (guint i = 0; i < e->boxes->len; i++)
    {
      const ClPdfBox *box = &g_array_index (e->boxes, ClPdfBox, i);

      g_assert_cmpuint (box->page, <, e->n_pages);
      if (!inside (areas[box->area], &box->rect))
        g_error ("page %u: box %g,%g %g×%g outside its area %g,%g %g×%g", box->page + 1,
                 box->rect.x, box->rect.y, box->rect.width, box->rect.height,
                 areas[box->area]->x, areas[box->area]->y, areas[box->area]->width,
                 areas[box->area]->height);
      if (box->kind == CL_PDF_BOX_TEXT && box->area == CL_PDF_AREA_BODY)
        texts_per_page[box->page]++;

      /* boxes come page by page: compare with those of the same page */
      if (i > 0 && box->page != g_array_index (e->boxes, ClPdfBox, i - 1).page)
        first = i;
      if (box->kind == CL_PDF_BOX_FILL)
        continue;
      for (guint j = first; j < i; j++)
        {
          const ClPdfBox *other = &g_array_index (e->boxes, ClPdfBox, j);

          if (other->kind != CL_PDF_BOX_FILL && overlap (&box->rect, &other->rect))
            g_error ("page %u: boxes overlap: %g,%g %g×%g and %g,%g %g×%g", box->page + 1,
                     box->rect.x, box->rect.y, box->rect.width, box->rect.height,
                     other->rect.x, other->rect.y, other->rect.width, other->rect.height);
        }
    }

  /* every page has text besides its header and footer */
  for (guint p = 0; p < e->n_pages; p++)
    g_assert_cmpuint (texts_per_page[p], >, 0);
  g_free (texts_per_page);
}

/* ------------------------------------------------------------ poppler -- */

static GHashTable *
pdfinfo (Exported *e)
{
  const char *argv[] = { "pdfinfo", e->path, NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GHashTable *info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');

      if (colon != NULL)
        g_hash_table_insert (info, g_strndup (lines[i], colon - lines[i]), g_strdup (g_strstrip (colon + 1)));
    }
  return info;
}

static void
check_info (Exported   *e,
            const char *size)
{
  g_autoptr(GHashTable) info = pdfinfo (e);
  g_autofree char *pages = g_strdup_printf ("%u", e->n_pages);
  g_autofree char *domain = g_hostname_to_unicode (cl_report_get_domain (e->report));

  g_assert_cmpstr (g_hash_table_lookup (info, "Pages"), ==, pages);
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (info, "Page size"), size));
  g_assert_nonnull (strstr (g_hash_table_lookup (info, "Title"), domain));
  g_assert_nonnull (strstr (g_hash_table_lookup (info, "Subject"), cl_report_get_id (e->report)));
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (info, "Keywords"), "compliancelayer-seal-1 "));
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (info, "Creator"), "ComplianceLayer"));
  g_assert_nonnull (g_hash_table_lookup (info, "CreationDate"));
}

/* The page a named destination is on, from pdfinfo -dests; 0 if none. */
static guint
dest_page (Exported   *e,
           const char *name)
{
  const char *argv[] = { "pdfinfo", "-dests", e->path, NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", name);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint page;

      if (g_str_has_suffix (lines[i], quoted) && sscanf (lines[i], "%u", &page) == 1)
        return page;
    }
  return 0;
}

/* The text of the bodies of all pages, headers and footers cropped. */
static char *
body_text (Exported *e)
{
  g_autofree char *x = g_strdup_printf ("%d", (int) e->geometry.body.x - 2);
  g_autofree char *y = g_strdup_printf ("%d", (int) e->geometry.body.y - 2);
  g_autofree char *w = g_strdup_printf ("%d", (int) e->geometry.body.width + 4);
  g_autofree char *h = g_strdup_printf ("%d", (int) e->geometry.body.height + 4);
  const char *argv[] = { "pdftotext", "-r", "72", "-x", x, "-y", y, "-W", w, "-H", h,
                         e->path, "-", NULL };

  return run (argv);
}

static void
check_text (Exported *e)
{
  g_autofree char *text = body_text (e);
  g_autofree char *squeezed = squeeze (text);
  GPtrArray *issues = cl_report_get_issues (e->report);
  GPtrArray *excluded = cl_report_get_excluded (e->report);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (guint i = 0; i < issues->len; i++)
    {
      ClFinding *f = g_ptr_array_index (issues, i);

      if (!contains_squeezed (squeezed, cl_finding_get_finding (f)))
        g_error ("finding not in the PDF: %s", cl_finding_get_finding (f));
      if (!contains_squeezed (squeezed, cl_finding_get_remediation (f)))
        g_error ("remediation not in the PDF: %s", cl_finding_get_remediation (f));
    }
  for (guint i = 0; i < excluded->len; i++)
    g_assert_true (contains_squeezed (squeezed, cl_finding_get_finding (g_ptr_array_index (excluded, i))));
  g_assert_true (contains_squeezed (squeezed, cl_report_get_id (e->report)));

  /* each page says which it is, in its footer (pdftotext ends each page
   * with a form feed) */
  {
    const char *argv[] = { "pdftotext", e->path, "-", NULL };
    g_autofree char *all = run (argv);
    g_auto(GStrv) pages = g_strsplit (all, "\f", -1);

    g_assert_cmpuint (g_strv_length (pages), ==, e->n_pages + 1);
    for (guint p = 1; p <= e->n_pages; p++)
      {
        g_autofree char *expected = g_strdup_printf ("page %u of %u", p, e->n_pages);

        if (strstr (pages[p - 1], expected) == NULL)
          g_error ("page %u does not say “%s”:\n%s", p, expected, pages[p - 1]);
        g_assert_nonnull (strstr (pages[p - 1], cl_report_get_id (e->report)));
      }
  }
}

static gboolean
is_white (const guint8 *pixel)
{
  /* ARGB32 in native order: B, G, R, A on little-endian; any order works */
  return pixel[0] >= 245 && pixel[1] >= 245 && pixel[2] >= 245;
}

static gboolean
in_rect_px (const cairo_rectangle_t *r,
            int                      x,
            int                      y)
{
  double scale = DPI / 72.0;

  return x >= (r->x - SLACK) * scale - 1 && x <= (r->x + r->width + SLACK) * scale + 1 &&
         y >= (r->y - SLACK) * scale - 1 && y <= (r->y + r->height + SLACK) * scale + 1;
}

static void
check_pixels (Exported *e)
{
  g_autofree char *dir = g_dir_make_tmp ("test-pdf-XXXXXX", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *dpi = g_strdup_printf ("%d", DPI);
  const char *argv[] = { "pdftoppm", "-r", dpi, "-png", e->path, prefix, NULL };
  g_autofree char *out = run (argv);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      cairo_surface_t *png = cairo_image_surface_create_from_png (path);
      int width = cairo_image_surface_get_width (png);
      int height = cairo_image_surface_get_height (png);
      int stride = cairo_image_surface_get_stride (png);
      const guint8 *data = cairo_image_surface_get_data (png);
      guint inked = 0, stray = 0;

      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_format (png), ==, CAIRO_FORMAT_RGB24);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            const guint8 *pixel = data + y * stride + x * 4;

            if (is_white (pixel))
              continue;
            if (in_rect_px (&e->geometry.body, x, y))
              inked++;
            else if (!in_rect_px (&e->geometry.header, x, y) && !in_rect_px (&e->geometry.footer, x, y))
              stray++;
          }
      if (stray > 0)
        g_error ("%s: %u pixels drawn in the margins", name, stray);
      /* not blank: a page's body has at least a few lines of text */
      if (inked < 200)
        g_error ("%s: the body is blank (%u pixels inked)", name, inked);

      cairo_surface_destroy (png);
      g_unlink (path);
      n_files++;
    }
  g_rmdir (dir);
  g_assert_cmpuint (n_files, ==, e->n_pages);
}

static void
check_all (Exported   *e,
           const char *size)
{
  check_layout (e);
  check_info (e, size);
  check_text (e);
  check_pixels (e);
}

/* ------------------------------------------------------------- tests -- */

static const char *A4 = "595.276 x 841.89 pts (A4)";
static const char *LETTER = "612 x 792 pts (letter)";

static void
test_typical (void)
{
  const ClTestReportOptions options = { .false_positive = TRUE };
  g_autoptr(Exported) e = export (&options, CL_PDF_PAGE_A4, NULL, "typical.pdf");
  const char *dests[] = { "summary", "modules", "issues", "false-positives", "compliance",
                          "history", "caveats", "method" };
  guint last = 0;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  gsize len;

  check_all (e, A4);
  /* cover, summary, modules, issues, compliance (2+), history, method */
  g_assert_cmpuint (e->n_pages, >=, 7);
  g_assert_cmpuint (e->n_pages, <=, 16);

  /* every section is a destination that the contents and outline link
   * to, in order, the summary on the page after the cover */
  g_assert_cmpuint (dest_page (e, "summary"), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (dests); i++)
    {
      guint page = dest_page (e, dests[i]);

      if (page == 0 || page < last)
        g_error ("destination %s on page %u, after page %u", dests[i], page, last);
      last = page;
    }
  g_assert_true (g_file_get_contents (e->path, &raw, &len, NULL));
  g_assert_true (contains_bytes (raw, len, "/Outlines"));
  g_assert_true (contains_bytes (raw, len, "/Title (Executive summary)"));
  g_assert_true (contains_bytes (raw, len, "/Title (Issues)"));

  /* the false positive, apart, with its note; the digest; not signed */
  text = body_text (e);
  squeezed = squeeze (text);
  g_assert_true (contains_squeezed (squeezed, "Left out as false positives"));
  g_assert_true (contains_squeezed (squeezed, "The CDN adds it; the origin is never reached directly"));
  g_assert_true (contains_squeezed (squeezed, "Not signed"));
  {
    g_autoptr(JsonNode) json = cl_report_to_json (e->report);
    g_autofree char *digest = cl_report_seal_compute_digest (json);

    g_assert_true (contains_squeezed (squeezed, digest));
  }
}

static void
test_many_findings (void)
{
  const ClTestReportOptions options = { .n_findings = 200 };
  g_autoptr(Exported) e = export (&options, CL_PDF_PAGE_A4, NULL, "200-findings.pdf");

  g_assert_cmpuint (cl_report_get_issues (e->report)->len, ==, 200);
  check_all (e, A4);
  /* a finding block is 5 lines or so: about ten a page */
  g_assert_cmpuint (e->n_pages, >=, 20);
  g_assert_cmpuint (e->n_pages, <=, 80);
}

static void
test_long_texts (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) domain = g_string_new (NULL);
  ClTestReportOptions options = { 0 };
  g_autoptr(Exported) e = NULL;
  g_autofree char *body = NULL;
  g_autofree char *squeezed = NULL;

  /* 300 characters of words, and a 253-character name of 63-character labels */
  while (text->len < 300)
    g_string_append_printf (text, "word%zu ", text->len);
  g_string_truncate (text, 300);
  for (char c = 'a'; c <= 'd'; c++)
    {
      for (guint i = 0; i < (c == 'd' ? 61 : 63); i++)
        g_string_append_c (domain, i == 0 ? c : (char) ('0' + i % 10));
      if (c != 'd')
        g_string_append_c (domain, '.');
    }
  g_assert_cmpuint (domain->len, ==, 253);
  options.domain = domain->str;
  options.long_text = text->str;

  e = export (&options, CL_PDF_PAGE_A4, NULL, "long-texts.pdf");
  check_all (e, A4);
  body = body_text (e);
  squeezed = squeeze (body);
  g_assert_true (contains_squeezed (squeezed, domain->str));
  g_assert_true (contains_squeezed (squeezed, text->str));
  /* the cover stays one page, however long the name */
  g_assert_cmpuint (dest_page (e, "summary"), ==, 2);
}

static void
test_idn (void)
{
  const char *unicode = "пример.испытание";
  g_autofree char *ascii = g_hostname_to_ascii (unicode);
  const ClTestReportOptions options = { .domain = ascii };
  g_autoptr(Exported) e = export (&options, CL_PDF_PAGE_A4, NULL, "idn.pdf");
  g_autofree char *text = body_text (e);
  g_autofree char *squeezed = squeeze (text);
  g_autoptr(GHashTable) info = pdfinfo (e);

  g_assert_cmpstr (ascii, ==, "xn--e1afmkfd.xn--80akhbyknj4f");
  check_all (e, A4);
  /* the name as people read it, and as DNS has it */
  g_assert_true (contains_squeezed (squeezed, unicode));
  g_assert_true (contains_squeezed (squeezed, ascii));
  g_assert_nonnull (strstr (g_hash_table_lookup (info, "Title"), unicode));
}

/* Nothing could be assessed: no score, no issue, every module says why. */
static void
test_no_score (void)
{
  const ClTestReportOptions options = { .unavailable = TRUE };
  g_autoptr(Exported) e = export (&options, CL_PDF_PAGE_A4, NULL, "no-score.pdf");
  g_autofree char *text = body_text (e);
  g_autofree char *squeezed = squeeze (text);

  g_assert_false (cl_report_has_score (e->report));
  check_all (e, A4);
  g_assert_true (contains_squeezed (squeezed, "No scored module could be carried out"));
  g_assert_true (contains_squeezed (squeezed, "No issues were found."));
  /* (in a table column, wrapped: pdftotext does not keep its lines together) */
  g_assert_true (contains_squeezed (squeezed, "Could not be assessed: the resolver did not"));
}

static void
test_letter (void)
{
  const ClTestReportOptions options = { 0 };
  g_autoptr(Exported) e = export (&options, CL_PDF_PAGE_LETTER, NULL, "letter.pdf");

  g_assert_cmpfloat (e->geometry.width, ==, 612);
  g_assert_cmpfloat (e->geometry.height, ==, 792);
  check_all (e, LETTER);
}

static void
test_seal (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-pdf-key-XXXXXX", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSigningKey) key = cl_signing_key_load (key_path, TRUE, &error);
  const ClTestReportOptions options = { 0 };
  g_autoptr(Exported) e = NULL;
  g_autoptr(ClReportSeal) seal = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  gsize len;

  g_assert_no_error (error);
  e = export (&options, CL_PDF_PAGE_A4, key, "signed.pdf");
  check_all (e, A4);

  /* the seal in the metadata is the report's, signed by the key */
  g_assert_true (g_file_get_contents (e->path, &raw, &len, NULL));
  seal = cl_report_seal_new_from_pdf ((const guint8 *) raw, len, &error);
  g_assert_no_error (error);
  json = cl_report_to_json (e->report);
  g_assert_true (cl_report_seal_check (seal, json, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cl_report_seal_get_key (seal));
  g_assert_cmpstr (cl_signing_key_get_fingerprint (cl_report_seal_get_key (seal)), ==,
                   cl_signing_key_get_fingerprint (key));

  /* and in the text, for people */
  text = body_text (e);
  squeezed = squeeze (text);
  g_assert_true (contains_squeezed (squeezed, cl_signing_key_get_fingerprint (key)));
  g_assert_true (contains_squeezed (squeezed, cl_report_seal_get_digest (seal)));

  /* another report's JSON does not match this PDF */
  {
    const ClTestReportOptions other_options = { .domain = "example.org" };
    g_autoptr(ClReport) other = cl_test_report_new (&other_options);
    g_autoptr(JsonNode) other_json = cl_report_to_json (other);

    g_assert_false (cl_report_seal_check (seal, other_json, &error));
    g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
  }

  g_unlink (key_path);
  g_rmdir (dir);
}

static void
test_write_errors (void)
{
  const ClTestReportOptions options = { 0 };
  g_autoptr(ClReport) report = cl_test_report_new (&options);
  g_autoptr(ClPdfExport) export = cl_pdf_export_new (report);
  g_autofree char *dir = g_dir_make_tmp ("test-pdf-write-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "report.pdf", NULL);
  g_autofree char *existing = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) existing_file = g_file_new_for_path (existing);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *contents = NULL;

  /* a folder that does not exist */
  g_assert_false (cl_pdf_export_write (export, missing_file, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_INTERNAL);
  g_assert_nonnull (strstr (error->message, "report.pdf"));
  g_clear_error (&error);

  /* cancelled: the file that was there stays as it was, and nothing else appears */
  g_assert_true (g_file_set_contents (existing, "before", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (cl_pdf_export_write (export, existing_file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "before");
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "report.pdf");
  g_assert_null (g_dir_read_name (listing));

  g_unlink (existing);
  g_rmdir (dir);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  if (!cl_pdf_export_write_finish (CL_PDF_EXPORT (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");  /* a sign it finished */
}

static void
test_async (void)
{
  const ClTestReportOptions options = { 0 };
  g_autoptr(ClReport) report = cl_test_report_new (&options);
  g_autoptr(ClPdfExport) export = cl_pdf_export_new (report);
  g_autofree char *path = out_path ("async.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  gsize len;

  g_unlink (path);
  cl_pdf_export_write_async (export, file, NULL, on_written, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &raw, &len, NULL));
  {
    g_autoptr(ClReportSeal) seal = cl_report_seal_new_from_pdf ((const guint8 *) raw, len, &error);
    g_autoptr(JsonNode) json = cl_report_to_json (report);

    g_assert_no_error (error);
    g_assert_true (cl_report_seal_check (seal, json, &error));
    g_assert_no_error (error);
  }

  /* cancelled: it stops, and the file written before is left alone */
  g_cancellable_cancel (cancellable);
  cl_pdf_export_write_async (export, file, cancellable, on_written, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  {
    g_autofree char *again = NULL;
    gsize again_len;

    g_assert_true (g_file_get_contents (path, &again, &again_len, NULL));
    g_assert_cmpmem (again, again_len, raw, len);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/typical", test_typical);
  g_test_add_func ("/pdf/200-findings", test_many_findings);
  g_test_add_func ("/pdf/long-texts", test_long_texts);
  g_test_add_func ("/pdf/idn", test_idn);
  g_test_add_func ("/pdf/no-score", test_no_score);
  g_test_add_func ("/pdf/letter", test_letter);
  g_test_add_func ("/pdf/seal", test_seal);
  g_test_add_func ("/pdf/write-errors", test_write_errors);
  g_test_add_func ("/pdf/async", test_async);

  return g_test_run ();
}
