/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-pdf"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "cl-chart-gauge.h"
#include "cl-chart-modules.h"
#include "cl-compliance-map.h"
#include "cl-error.h"
#include "cl-module-catalog.h"
#include "cl-pdf-export.h"
#include "cl-pdf-flow-private.h"
#include "cl-report-seal.h"
#include "cl-scoring.h"

/* A report as a PDF for an auditor: everything the report JSON says, laid
 * out as a document (cover, executive summary, modules, issues by
 * severity, false positives, compliance, history, caveats, method), with
 * the charts of the app drawn by the same code, and the report's digest
 * and signature in the text and in the metadata, so that `verify` can
 * check the PDF against the JSON.  The whole PDF is made in memory and
 * written at once, to a temporary file renamed over the target: an
 * export that fails or is cancelled leaves no half file. */

/* Charts are drawn for screens, in pixels whose text is 13–14 px: at
 * this scale their text matches the document's. */
#define CHART_SCALE 0.75
#define MARGIN_X 56.0
#define HEADER_TOP 28.0
#define HEADER_HEIGHT 20.0
#define BODY_TOP 66.0
#define BODY_BOTTOM_GAP 62.0
#define FOOTER_BOTTOM 28.0
#define FOOTER_HEIGHT 20.0
#define LABEL_WIDTH 82.0
/* The executive summary lists the recommendations that fit on its page:
 * at least the first few, at most this many. */
#define MIN_RECOMMENDATIONS 3
#define MAX_RECOMMENDATIONS 10
/* what a recommendation of up to three lines takes */
#define RECOMMENDATION_HEIGHT 42.0
#define HISTORY_ROWS 12

struct _ClPdfExport
{
  GObject              parent_instance;

  ClReport            *report;
  GArray              *history;    /* ClChartHistoryPoint, oldest first */
  ClPdfPageSize        page_size;
  ClSigningKey        *signing_key;
};

G_DEFINE_FINAL_TYPE (ClPdfExport, cl_pdf_export, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ClPdfPageSize, cl_pdf_page_size,
                    G_DEFINE_ENUM_VALUE (CL_PDF_PAGE_A4, "a4"),
                    G_DEFINE_ENUM_VALUE (CL_PDF_PAGE_LETTER, "letter"))

enum {
  PROP_0,
  PROP_REPORT,
  PROP_PAGE_SIZE,
  PROP_SIGNING_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cl_pdf_export_finalize (GObject *object)
{
  ClPdfExport *self = (ClPdfExport *)object;

  g_clear_object (&self->report);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_object (&self->signing_key);

  G_OBJECT_CLASS (cl_pdf_export_parent_class)->finalize (object);
}

static void
cl_pdf_export_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ClPdfExport *self = CL_PDF_EXPORT (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_enum (value, self->page_size);
      break;
    case PROP_SIGNING_KEY:
      g_value_set_object (value, self->signing_key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_pdf_export_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ClPdfExport *self = CL_PDF_EXPORT (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;
    case PROP_PAGE_SIZE:
      cl_pdf_export_set_page_size (self, g_value_get_enum (value));
      break;
    case PROP_SIGNING_KEY:
      cl_pdf_export_set_signing_key (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_pdf_export_class_init (ClPdfExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cl_pdf_export_finalize;
  object_class->get_property = cl_pdf_export_get_property;
  object_class->set_property = cl_pdf_export_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, CL_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_SIZE] =
    g_param_spec_enum ("page-size", NULL, NULL, CL_TYPE_PDF_PAGE_SIZE, CL_PDF_PAGE_A4,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNING_KEY] =
    g_param_spec_object ("signing-key", NULL, NULL, CL_TYPE_SIGNING_KEY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cl_pdf_export_init (ClPdfExport *self)
{
  self->history = g_array_new (FALSE, FALSE, sizeof (ClChartHistoryPoint));
}

/**
 * cl_pdf_export_new:
 * @report: the report to export
 *
 * Returns: (transfer full): an exporter of @report, on A4, unsigned, with
 *   the report's own scan as its only history until told otherwise
 */
ClPdfExport *
cl_pdf_export_new (ClReport *report)
{
  g_return_val_if_fail (CL_IS_REPORT (report), NULL);

  return g_object_new (CL_TYPE_PDF_EXPORT, "report", report, NULL);
}

/**
 * cl_pdf_export_get_report:
 *
 * Returns: (transfer none): the report
 */
ClReport *
cl_pdf_export_get_report (ClPdfExport *self)
{
  g_return_val_if_fail (CL_IS_PDF_EXPORT (self), NULL);
  return self->report;
}

/**
 * cl_pdf_export_set_history:
 * @points: (array length=n_points): the domain's scans up to the report's,
 *   oldest first (copied)
 */
void
cl_pdf_export_set_history (ClPdfExport               *self,
                           const ClChartHistoryPoint *points,
                           guint                      n_points)
{
  g_return_if_fail (CL_IS_PDF_EXPORT (self));
  g_return_if_fail (points != NULL || n_points == 0);

  g_array_set_size (self->history, 0);
  g_array_append_vals (self->history, points, n_points);
}

ClPdfPageSize
cl_pdf_export_get_page_size (ClPdfExport *self)
{
  g_return_val_if_fail (CL_IS_PDF_EXPORT (self), CL_PDF_PAGE_A4);
  return self->page_size;
}

void
cl_pdf_export_set_page_size (ClPdfExport   *self,
                             ClPdfPageSize  page_size)
{
  g_return_if_fail (CL_IS_PDF_EXPORT (self));
  g_return_if_fail (page_size == CL_PDF_PAGE_A4 || page_size == CL_PDF_PAGE_LETTER);

  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

/**
 * cl_pdf_export_get_signing_key:
 *
 * Returns: (transfer none) (nullable): the key the report is signed with
 */
ClSigningKey *
cl_pdf_export_get_signing_key (ClPdfExport *self)
{
  g_return_val_if_fail (CL_IS_PDF_EXPORT (self), NULL);
  return self->signing_key;
}

/**
 * cl_pdf_export_set_signing_key:
 * @key: (nullable): a private key (see cl_signing_key_load()), or %NULL
 *   for a PDF that states the report's digest but no signature
 */
void
cl_pdf_export_set_signing_key (ClPdfExport  *self,
                               ClSigningKey *key)
{
  g_return_if_fail (CL_IS_PDF_EXPORT (self));
  g_return_if_fail (key == NULL || (CL_IS_SIGNING_KEY (key) && cl_signing_key_can_sign (key)));

  if (g_set_object (&self->signing_key, key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNING_KEY]);
}

/**
 * cl_pdf_export_get_page_geometry:
 *
 * Where the header, the body and the footer lie on a page of the chosen
 * size: nothing is drawn outside them.
 */
void
cl_pdf_export_get_page_geometry (ClPdfExport       *self,
                                 ClPdfPageGeometry *geometry)
{
  g_return_if_fail (CL_IS_PDF_EXPORT (self));
  g_return_if_fail (geometry != NULL);

  if (self->page_size == CL_PDF_PAGE_LETTER)
    {
      geometry->width = 612;   /* 8.5 × 11 in */
      geometry->height = 792;
    }
  else
    {
      geometry->width = 595.276;   /* 210 × 297 mm */
      geometry->height = 841.890;
    }
  geometry->header = (cairo_rectangle_t) { MARGIN_X, HEADER_TOP, geometry->width - 2 * MARGIN_X, HEADER_HEIGHT };
  geometry->body = (cairo_rectangle_t) { MARGIN_X, BODY_TOP, geometry->width - 2 * MARGIN_X,
                                         geometry->height - BODY_TOP - BODY_BOTTOM_GAP };
  geometry->footer = (cairo_rectangle_t) { MARGIN_X, geometry->height - FOOTER_BOTTOM - FOOTER_HEIGHT,
                                           geometry->width - 2 * MARGIN_X, FOOTER_HEIGHT };
}

/* ------------------------------------------------------- the document -- */

typedef struct
{
  ClPdfExport        *self;
  ClReport           *report;
  JsonNode           *json;
  ClReportSeal       *seal;
  GHashTable         *dest_pages;  /* dest → page + 1, from the measuring pass */
  ClPdfFlow          *flow;
  const ClChartStyle *style;
  ClChartColor        shade;       /* behind table headers */
  char               *domain;      /* as people read it: Unicode for an IDN */
  char               *scanned_at;
} Doc;

static const ClPdfRowStyle table_row = { .padding = 3, .gap = 8, .rule = TRUE };
static const ClPdfRowStyle plain_row = { .padding = 2, .gap = 8 };

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  /* Translators: a date and time in UTC, strftime format */
  return g_date_time_format (utc, _("%Y-%m-%d %H:%M UTC"));
}

static void
table_header (Doc             *doc,
              const ClPdfCell *cells,
              guint            n_cells)
{
  ClPdfRowStyle style = table_row;

  style.background = &doc->shade;
  style.rule = FALSE;
  cl_pdf_flow_set_table_header (doc->flow, &style, cells, n_cells);
}

static void
end_table (Doc *doc)
{
  cl_pdf_flow_set_table_header (doc->flow, NULL, NULL, 0);
  cl_pdf_flow_space (doc->flow, 10);
}

/* A label and its value, as on a form. */
static void
fact (Doc        *doc,
      const char *label,
      const char *value,
      ClPdfFont   font)
{
  const ClPdfCell cells[] = {
    { label, LABEL_WIDTH, CL_PDF_FONT_SMALL_BOLD, &doc->style->muted, PANGO_ALIGN_LEFT },
    { value, 0, font, NULL, PANGO_ALIGN_LEFT },
  };

  cl_pdf_flow_row (doc->flow, &plain_row, cells, G_N_ELEMENTS (cells));
}

static const char *
framework_short_name (const char *framework)
{
  static const struct { const char *id, *name; } names[] = {
    { "soc2", "SOC 2" },
    { "iso27001", "ISO/IEC 27001" },
    { "nist", "NIST" },
    { "pcidss", "PCI DSS" },
    { "hipaa", "HIPAA" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].id, framework))
      return names[i].name;
  return framework;
}

static const char *
module_title (const char *module_id)
{
  const ClModuleInfo *info = cl_module_catalog_lookup (module_id);

  return info != NULL ? _(info->title) : module_id;
}

/* The seed's meaning of each severity. */
static const char *
severity_meaning (ClSeverity severity)
{
  switch (severity)
    {
    case CL_SEVERITY_CRITICAL:
      return _("Immediate action required");
    case CL_SEVERITY_HIGH:
      return _("Urgent fix needed");
    case CL_SEVERITY_MEDIUM:
      return _("Should be addressed soon");
    case CL_SEVERITY_LOW:
      return _("Minor improvement");
    case CL_SEVERITY_INFO:
      return _("Informational only: no penalty to the score");
    case CL_N_SEVERITIES:
    default:
      g_assert_not_reached ();
    }
}

static char *
severity_upper (ClSeverity severity)
{
  return g_utf8_strup (cl_severity_to_label (severity), -1);
}

static void
count_issues (ClReport *report,
              guint     counts[CL_N_SEVERITIES])
{
  GPtrArray *issues = cl_report_get_issues (report);

  memset (counts, 0, CL_N_SEVERITIES * sizeof (guint));
  for (guint i = 0; i < issues->len; i++)
    counts[cl_finding_get_severity (g_ptr_array_index (issues, i))]++;
}

/* "3 critical, 5 high, 2 low", or "none" */
static char *
format_counts (ClReport *report)
{
  guint counts[CL_N_SEVERITIES];
  g_autoptr(GString) text = g_string_new (NULL);

  count_issues (report, counts);
  for (ClSeverity s = 0; s < CL_N_SEVERITIES; s++)
    {
      g_autofree char *label = NULL;

      if (counts[s] == 0)
        continue;
      label = g_utf8_strdown (cl_severity_to_label (s), -1);
      /* Translators: a number of issues of a severity, as in "3 critical" */
      g_string_append_printf (text, "%s%u %s", text->len > 0 ? ", " : "", counts[s], label);
    }
  if (text->len == 0)
    return g_strdup (_("none"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
page_of (Doc        *doc,
         const char *dest)
{
  gpointer page = g_hash_table_lookup (doc->dest_pages, dest);

  return page != NULL ? g_strdup_printf ("%u", GPOINTER_TO_UINT (page)) : g_strdup ("");
}

/* ------------------------------------------------------ header, footer -- */

static void
draw_page_frame (ClPdfFlow *flow,
                 guint      page,
                 guint      n_pages,
                 gpointer   data)
{
  Doc *doc = data;
  ClPdfPageGeometry g;
  cairo_rectangle_t left, right;
  g_autofree char *footer_left = NULL;
  g_autofree char *footer_right = NULL;

  cl_pdf_export_get_page_geometry (doc->self, &g);

  left = g.header;
  left.width = g.header.width * 0.62 - 8;
  right = g.header;
  right.x = g.header.x + g.header.width * 0.62;
  right.width = g.header.width * 0.38;
  cl_pdf_flow_text_at (flow, CL_PDF_AREA_HEADER, &left, CL_PDF_FONT_SMALL_BOLD, NULL,
                       PANGO_ALIGN_LEFT, doc->domain);
  cl_pdf_flow_text_at (flow, CL_PDF_AREA_HEADER, &right, CL_PDF_FONT_MONO, &doc->style->muted,
                       PANGO_ALIGN_RIGHT, cl_report_get_id (doc->report));
  cl_pdf_flow_rule_at (flow, g.header.x, g.header.y + g.header.height, g.header.width);

  cl_pdf_flow_rule_at (flow, g.footer.x, g.footer.y + 1, g.footer.width);
  /* Translators: the footer of each page of a PDF report */
  footer_left = g_strdup_printf (_("ComplianceLayer security report · scanned %s"), doc->scanned_at);
  /* Translators: in the footer of each page of a PDF report */
  footer_right = g_strdup_printf (_("page %u of %u"), page + 1, n_pages);
  left = g.footer;
  left.y += 5;
  left.width = g.footer.width * 0.7;
  right = left;
  right.x = g.footer.x + g.footer.width * 0.7;
  right.width = g.footer.width * 0.3;
  cl_pdf_flow_text_at (flow, CL_PDF_AREA_FOOTER, &left, CL_PDF_FONT_SMALL, &doc->style->muted,
                       PANGO_ALIGN_LEFT, footer_left);
  cl_pdf_flow_text_at (flow, CL_PDF_AREA_FOOTER, &right, CL_PDF_FONT_SMALL, NULL,
                       PANGO_ALIGN_RIGHT, footer_right);
}

/* --------------------------------------------------------------- cover -- */

static void
draw_gauge (cairo_t  *cr,
            double    width,
            double    height,
            gpointer  data)
{
  Doc *doc = data;
  ClReport *report = doc->report;

  cl_chart_draw_gauge (cr, doc->style, width, height, cl_report_has_score (report),
                       cl_report_get_score (report), cl_report_get_grade (report),
                       cl_scoring_risk_label (cl_report_get_risk_level (report)));
}

static const struct
{
  const char *dest;
  const char *title;
} sections[] = {
  { "summary", N_("Executive summary") },
  { "modules", N_("Module breakdown") },
  { "issues", N_("Issues") },
  { "false-positives", N_("Left out as false positives") },
  { "compliance", N_("Compliance") },
  { "history", N_("Score history") },
  { "caveats", N_("Caveats") },
  { "method", N_("How this report was made") },
};

static void
lay_out_cover (Doc *doc)
{
  ClPdfFlow *flow = doc->flow;
  ClReport *report = doc->report;
  ClReportSeal *seal = doc->seal;
  g_autofree char *counts = format_counts (report);
  g_autofree char *signature = NULL;
  ClPdfPageGeometry g;
  double gauge = 190;

  cl_pdf_export_get_page_geometry (doc->self, &g);

  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_LEAD, &doc->style->muted, _("External security posture report"));
  cl_pdf_flow_space (flow, 4);
  /* a name of up to 253 characters keeps the cover on one page */
  cl_pdf_flow_paragraph (flow, g_utf8_strlen (doc->domain, -1) <= 64 ? CL_PDF_FONT_TITLE : CL_PDF_FONT_SUBHEADING,
                         NULL, doc->domain);
  if (!g_str_equal (doc->domain, cl_report_get_domain (report)))
    cl_pdf_flow_paragraph (flow, CL_PDF_FONT_MONO, &doc->style->muted, cl_report_get_domain (report));
  cl_pdf_flow_space (flow, 14);
  cl_pdf_flow_chart (flow, (g.body.width - gauge) / 2, gauge, gauge * 0.92, draw_gauge, doc);
  cl_pdf_flow_space (flow, 14);

  if (cl_report_has_score (report))
    {
      g_autofree char *grade = g_strdup_printf ("%s — %s", cl_report_get_grade (report),
                                                cl_scoring_risk_label (cl_report_get_risk_level (report)));
      /* Translators: a score, as in "87 out of 100" */
      g_autofree char *score = g_strdup_printf (_("%u out of 100"), cl_report_get_score (report));

      fact (doc, _("Grade"), grade, CL_PDF_FONT_BOLD);
      fact (doc, _("Score"), score, CL_PDF_FONT_BODY);
    }
  else
    fact (doc, _("Grade"), _("No score: no scored module could be carried out"), CL_PDF_FONT_BOLD);
  fact (doc, _("Issues"), counts, CL_PDF_FONT_BODY);
  fact (doc, _("Scanned"), doc->scanned_at, CL_PDF_FONT_BODY);
  fact (doc, _("Report"), cl_report_get_id (report), CL_PDF_FONT_MONO);
  fact (doc, _("SHA-256"), cl_report_seal_get_digest (seal), CL_PDF_FONT_MONO);
  if (cl_report_seal_get_key (seal) != NULL)
    /* Translators: the key's fingerprint follows */
    signature = g_strdup_printf (_("Ed25519, by the key %s"),
                                 cl_signing_key_get_fingerprint (cl_report_seal_get_key (seal)));
  fact (doc, _("Signature"), signature != NULL ? signature : _("Not signed"), CL_PDF_FONT_BODY);

  cl_pdf_flow_space (flow, 18);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_SUBHEADING, NULL, _("Contents"));
  cl_pdf_flow_space (flow, 4);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *page = NULL;
      ClPdfRowStyle style = table_row;
      ClPdfCell cells[] = {
        { _(sections[i].title), 0, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_LEFT },
        { NULL, 40, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_RIGHT },
      };

      /* the same rows in both passes, or they could break differently */
      if (g_str_equal (sections[i].dest, "false-positives") && cl_report_get_excluded (report)->len == 0)
        continue;
      page = page_of (doc, sections[i].dest);
      cells[1].text = page;
      style.link = sections[i].dest;
      cl_pdf_flow_row (flow, &style, cells, G_N_ELEMENTS (cells));
    }
}

/* ----------------------------------------------------------- summary -- */

typedef struct
{
  const char *grade;
  guint       min;
  guint       max;
} Band;

/* The seed's bands, as cl_scoring_grade() draws them. */
static guint
list_bands (Band bands[5])
{
  guint n = 0;

  for (int score = 100; score >= 0; score--)
    {
      const char *grade = cl_scoring_grade (score);

      if (n == 0 || !g_str_equal (bands[n - 1].grade, grade))
        {
          g_assert (n < 5);
          bands[n++] = (Band) { grade, score, score };
        }
      bands[n - 1].min = score;
    }

  return n;
}

static void
lay_out_summary (Doc *doc)
{
  ClPdfFlow *flow = doc->flow;
  ClReport *report = doc->report;
  GPtrArray *recommendations = cl_report_get_recommendations (report);
  GPtrArray *excluded = cl_report_get_excluded (report);
  guint counts[CL_N_SEVERITIES];
  g_autofree char *verdict = NULL;
  g_autofree char *counts_text = format_counts (report);
  Band bands[5];
  guint n_bands = list_bands (bands);
  guint lost = 0, shown = 0;
  int outline;
  const ClPdfCell band_header[] = {
    { _("Grade"), 44, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
    { _("Score"), 56, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
    { _("Risk level"), 0, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
  };
  const ClPdfCell severity_header[] = {
    { _("Severity"), 80, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
    { _("Issues"), 44, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_RIGHT },
    { _("What it means"), 0, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
  };
  const ClPdfCell recommendation_header[] = {
    { _("Points"), 44, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_RIGHT },
    { _("Action"), 0, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
    { _("Severity"), 56, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
    { _("Module"), 84, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
  };

  outline = cl_pdf_flow_heading (flow, CL_PDF_FONT_HEADING, _("Executive summary"), "summary",
                                 CAIRO_PDF_OUTLINE_ROOT);

  count_issues (report, counts);
  if (cl_report_has_score (report))
    /* Translators: domain, date, score, grade, risk level */
    verdict = g_strdup_printf (_("%s was scanned from outside on %s. It scores %u out of 100: grade %s, %s."),
                               doc->domain, doc->scanned_at, cl_report_get_score (report),
                               cl_report_get_grade (report),
                               cl_scoring_risk_label (cl_report_get_risk_level (report)));
  else
    verdict = g_strdup_printf (_("%s was scanned from outside on %s. No scored module could be carried out, so it has no score."),
                               doc->domain, doc->scanned_at);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_LEAD, NULL, verdict);
  cl_pdf_flow_space (flow, 6);
  {
    g_autofree char *text = g_strdup_printf (_("Issues found: %s."), counts_text);
    cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL, text);
  }

  cl_pdf_flow_heading (flow, CL_PDF_FONT_SUBHEADING, _("What the grade means"), "summary-grades", outline);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL,
                         _("The score is a weighted mean of the modules’ scores, on the risk bands that cyber-insurance underwriting uses:"));
  cl_pdf_flow_space (flow, 4);
  table_header (doc, band_header, G_N_ELEMENTS (band_header));
  for (guint i = 0; i < n_bands; i++)
    {
      ClChartColor color, band;
      gboolean current = g_strcmp0 (cl_report_get_grade (report), bands[i].grade) == 0;
      g_autofree char *range = g_strdup_printf ("%u–%u", bands[i].min, bands[i].max);
      ClPdfRowStyle style = table_row;
      g_autofree char *label = NULL;
      const char *risk = cl_scoring_risk_label (cl_scoring_risk_level (bands[i].min));

      cl_chart_style_get_grade_color (doc->style, bands[i].grade, &color);
      cl_chart_style_get_band_color (doc->style, bands[i].grade, &band);
      if (current)
        {
          style.background = &band;
          /* Translators: marks the band of this report's grade */
          label = g_strdup_printf (_("%s (this report)"), risk);
        }
      {
        const ClPdfCell cells[] = {
          { bands[i].grade, 44, CL_PDF_FONT_BOLD, &color, PANGO_ALIGN_LEFT },
          { range, 56, current ? CL_PDF_FONT_BOLD : CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_LEFT },
          { current ? label : risk, 0, current ? CL_PDF_FONT_BOLD : CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_LEFT },
        };
        cl_pdf_flow_row (flow, &style, cells, G_N_ELEMENTS (cells));
      }
    }
  end_table (doc);

  cl_pdf_flow_heading (flow, CL_PDF_FONT_SUBHEADING, _("Issues by severity"), "summary-severity", outline);
  table_header (doc, severity_header, G_N_ELEMENTS (severity_header));
  for (ClSeverity s = 0; s < CL_N_SEVERITIES; s++)
    {
      ClChartColor color;
      g_autofree char *count = g_strdup_printf ("%u", counts[s]);

      cl_chart_style_get_severity_color (doc->style, s, &color);
      {
        const ClPdfCell cells[] = {
          { cl_severity_to_label (s), 80, CL_PDF_FONT_BOLD, &color, PANGO_ALIGN_LEFT },
          { count, 44, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_RIGHT },
          { severity_meaning (s), 0, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_LEFT },
        };
        cl_pdf_flow_row (flow, &table_row, cells, G_N_ELEMENTS (cells));
      }
    }
  {
    g_autofree char *count = g_strdup_printf ("%u", excluded->len);
    const ClPdfCell cells[] = {
      { _("False positive"), 80, CL_PDF_FONT_BOLD, &doc->style->muted, PANGO_ALIGN_LEFT },
      { count, 44, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_RIGHT },
      { _("Judged so by the user: listed apart, counted in no score"), 0, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_LEFT },
    };
    cl_pdf_flow_row (flow, &table_row, cells, G_N_ELEMENTS (cells));
  }
  end_table (doc);

  cl_pdf_flow_heading (flow, CL_PDF_FONT_SUBHEADING, _("Top recommendations"), "summary-recommendations", outline);
  if (recommendations->len == 0)
    {
      cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL, _("None: no finding costs points."));
      return;
    }
  for (guint i = 0; i < recommendations->len; i++)
    lost += ((ClRecommendation *) g_ptr_array_index (recommendations, i))->points;
  {
    g_autofree char *text = g_strdup_printf (_("Each fix recovers the points shown, counted after the fixes above it; all %u recommendations together recover the %u points lost."),
                                             recommendations->len, lost);
    cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL, text);
  }
  cl_pdf_flow_space (flow, 4);
  table_header (doc, recommendation_header, G_N_ELEMENTS (recommendation_header));
  for (; shown < MIN (recommendations->len, MAX_RECOMMENDATIONS); shown++)
    {
      ClRecommendation *rec = g_ptr_array_index (recommendations, shown);
      g_autofree char *points = g_strdup_printf ("+%u", rec->points);
      ClChartColor color;

      if (shown >= MIN_RECOMMENDATIONS && cl_pdf_flow_get_remaining (flow) < RECOMMENDATION_HEIGHT)
        break;

      cl_chart_style_get_severity_color (doc->style, rec->severity, &color);
      {
        const ClPdfCell cells[] = {
          { points, 44, CL_PDF_FONT_BOLD, NULL, PANGO_ALIGN_RIGHT },
          { rec->action, 0, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_LEFT },
          { cl_severity_to_label (rec->severity), 56, CL_PDF_FONT_SMALL_BOLD, &color, PANGO_ALIGN_LEFT },
          { module_title (rec->module_id), 84, CL_PDF_FONT_SMALL, NULL, PANGO_ALIGN_LEFT },
        };
        cl_pdf_flow_row (flow, &table_row, cells, G_N_ELEMENTS (cells));
      }
    }
  end_table (doc);
  if (recommendations->len > shown)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u more recommendation: its issue, under Issues, says how to fix it.",
                                                         "%u more recommendations: their issues, under Issues, say how to fix them.",
                                                         recommendations->len - shown),
                                               recommendations->len - shown);
      cl_pdf_flow_paragraph (flow, CL_PDF_FONT_SMALL, &doc->style->muted, text);
    }
}

/* ----------------------------------------------------------- modules -- */

typedef struct
{
  Doc           *doc;
  ClChartModule *modules;
  guint          n_modules;
} ModulesChart;

static void
draw_modules (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  data)
{
  ModulesChart *chart = data;

  cairo_scale (cr, CHART_SCALE, CHART_SCALE);
  cl_chart_draw_modules (cr, chart->doc->style, width / CHART_SCALE, height / CHART_SCALE,
                         chart->modules, chart->n_modules);
}

static void
lay_out_modules (Doc *doc)
{
  ClPdfFlow *flow = doc->flow;
  GPtrArray *results = cl_report_get_results (doc->report);
  g_autofree ClChartModule *modules = g_new0 (ClChartModule, results->len);
  ModulesChart chart = { doc, modules, 0 };
  ClPdfPageGeometry g;
  const ClPdfCell header[] = {
    { _("Module"), 0, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
    { _("Score"), 40, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_RIGHT },
    { _("Grade"), 36, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
    { _("Weight"), 44, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_RIGHT },
    { _("Status"), 170, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
  };

  cl_pdf_export_get_page_geometry (doc->self, &g);
  cl_pdf_flow_heading (flow, CL_PDF_FONT_HEADING, _("Module breakdown"), "modules", CAIRO_PDF_OUTLINE_ROOT);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL,
                         _("Each module scores 100 less 70 points per critical finding, 25 per high, 10 per medium and 4 per low, down to 0. The overall score weighs the modules that ran as below; a module that could not be assessed carries no weight, and the others share it."));
  cl_pdf_flow_space (flow, 8);

  for (guint i = 0; i < results->len; i++)
    {
      ClModuleResult *result = g_ptr_array_index (results, i);
      const char *id = cl_module_result_get_module_id (result);
      const ClModuleInfo *info = cl_module_catalog_lookup (id);
      ClChartModule *module = &modules[chart.n_modules];

      /* as on screen: modules this version lacks are only in the table */
      if (info == NULL || cl_module_result_get_status (result) == CL_MODULE_STATUS_NOT_IMPLEMENTED)
        continue;
      module->title = _(info->title);
      module->weight = info->weight;
      module->has_score = cl_report_get_module_score (doc->report, id, &module->score);
      module->status_label = cl_module_status_to_label (cl_module_result_get_status (result));
      chart.n_modules++;
    }
  if (chart.n_modules > 0)
    cl_pdf_flow_chart (flow, 0, g.body.width,
                       cl_chart_modules_preferred_height (chart.n_modules, 1) * CHART_SCALE,
                       draw_modules, &chart);
  cl_pdf_flow_space (flow, 12);

  table_header (doc, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < results->len; i++)
    {
      ClModuleResult *result = g_ptr_array_index (results, i);
      const char *id = cl_module_result_get_module_id (result);
      const ClModuleInfo *info = cl_module_catalog_lookup (id);
      g_autofree char *score_text = NULL;
      g_autofree char *weight = g_strdup_printf ("%.0f%%", (info != NULL ? info->weight : 0) * 100);
      g_autofree char *status = NULL;
      const char *reason = cl_module_result_get_reason (result);
      ClChartColor color;
      guint score;
      gboolean has_score = cl_report_get_module_score (doc->report, id, &score);

      if (has_score)
        {
          score_text = g_strdup_printf ("%u", score);
          cl_chart_style_get_score_color (doc->style, score, &color);
        }
      status = reason != NULL
        ? g_strdup_printf ("%s: %s", cl_module_status_to_label (cl_module_result_get_status (result)), reason)
        : g_strdup (cl_module_status_to_label (cl_module_result_get_status (result)));
      {
        const ClPdfCell cells[] = {
          { module_title (id), 0, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_LEFT },
          { has_score ? score_text : "—", 40, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_RIGHT },
          { has_score ? cl_scoring_grade (score) : "—", 36, CL_PDF_FONT_BOLD,
            has_score ? &color : &doc->style->muted, PANGO_ALIGN_LEFT },
          { weight, 44, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_RIGHT },
          { status, 170, CL_PDF_FONT_SMALL,
            cl_module_result_get_status (result) == CL_MODULE_STATUS_COMPLETED ? NULL : &doc->style->muted,
            PANGO_ALIGN_LEFT },
        };
        cl_pdf_flow_row (flow, &table_row, cells, G_N_ELEMENTS (cells));
      }
    }
  end_table (doc);
}

/* ------------------------------------------------------------ issues -- */

/* "SOC 2: CC6.1, CC6.6 · NIST: SC-8" */
static char *
format_controls (const char *rule_id)
{
  ClComplianceMap *map = cl_compliance_map_get_default ();
  const char * const *frameworks = cl_compliance_map_list_frameworks ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint f = 0; frameworks[f] != NULL; f++)
    {
      GPtrArray *controls = cl_compliance_map_lookup (map, rule_id, frameworks[f]);

      if (controls == NULL || controls->len == 0)
        continue;
      g_string_append_printf (text, "%s%s: ", text->len > 0 ? " · " : "", framework_short_name (frameworks[f]));
      for (guint i = 0; i < controls->len; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (controls, i));
    }
  if (text->len == 0)
    return g_strdup (_("None mapped"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
detail (Doc                 *doc,
        const ClPdfRowStyle *style,
        const char          *label,
        const char          *value,
        ClPdfFont            font)
{
  const ClPdfCell cells[] = {
    { label, LABEL_WIDTH - 14, CL_PDF_FONT_SMALL_BOLD, &doc->style->muted, PANGO_ALIGN_LEFT },
    { value, 0, font, NULL, PANGO_ALIGN_LEFT },
  };

  cl_pdf_flow_row (doc->flow, style, cells, G_N_ELEMENTS (cells));
}

/* One finding: a bar of its severity's colour down the left of what was
 * found, how to fix it, what was seen and the controls it touches. */
static void
lay_out_finding (Doc         *doc,
                 ClFinding   *finding,
                 ClExclusion *exclusion)
{
  ClPdfFlow *flow = doc->flow;
  ClSeverity severity = cl_finding_get_severity (finding);
  g_autofree char *upper = severity_upper (severity);
  g_autofree char *where = g_strdup_printf ("%s · %s", module_title (cl_finding_get_module_id (finding)),
                                            cl_finding_get_rule_id (finding));
  g_autofree char *controls = format_controls (cl_finding_get_rule_id (finding));
  ClChartColor color;
  ClPdfRowStyle style = { .indent = 14, .padding = 2, .gap = 8 };

  if (exclusion != NULL)
    color = doc->style->muted;
  else
    cl_chart_style_get_severity_color (doc->style, severity, &color);
  style.bar = &color;

  /* the first lines of a finding stay together */
  cl_pdf_flow_need (flow, 64);
  {
    const ClPdfCell cells[] = {
      { upper, LABEL_WIDTH - 14, CL_PDF_FONT_SMALL_BOLD, &color, PANGO_ALIGN_LEFT },
      { where, 0, CL_PDF_FONT_SMALL, &doc->style->muted, PANGO_ALIGN_LEFT },
    };
    cl_pdf_flow_row (flow, &style, cells, G_N_ELEMENTS (cells));
  }
  {
    const ClPdfCell cell = { cl_finding_get_finding (finding), 0, CL_PDF_FONT_BOLD, NULL, PANGO_ALIGN_LEFT };
    cl_pdf_flow_row (flow, &style, &cell, 1);
  }
  detail (doc, &style, _("Remediation"), cl_finding_get_remediation (finding), CL_PDF_FONT_BODY);
  if (cl_finding_get_evidence (finding) != NULL)
    detail (doc, &style, _("Evidence"), cl_finding_get_evidence (finding), CL_PDF_FONT_MONO);
  detail (doc, &style, _("Controls"), controls, CL_PDF_FONT_SMALL);
  if (exclusion != NULL)
    {
      g_autofree char *when = format_time (exclusion->marked_at);
      /* Translators: "alice, 2026-03-01 12:00 UTC" */
      g_autofree char *by = g_strdup_printf (_("%s, %s"), exclusion->marked_by, when);

      detail (doc, &style, _("Judged by"), by, CL_PDF_FONT_BODY);
      detail (doc, &style, _("Note"), exclusion->note != NULL ? exclusion->note : _("(none given)"),
              CL_PDF_FONT_BODY);
    }
  cl_pdf_flow_space (flow, 10);
}

static const char *
severity_dest (ClSeverity severity)
{
  static const char *dests[] = {
    "issues-critical", "issues-high", "issues-medium", "issues-low", "issues-info",
  };

  return dests[severity];
}

static void
lay_out_issues (Doc *doc)
{
  ClPdfFlow *flow = doc->flow;
  GPtrArray *issues = cl_report_get_issues (doc->report);
  GPtrArray *excluded = cl_report_get_excluded (doc->report);
  guint counts[CL_N_SEVERITIES];
  int outline;

  count_issues (doc->report, counts);
  outline = cl_pdf_flow_heading (flow, CL_PDF_FONT_HEADING, _("Issues"), "issues", CAIRO_PDF_OUTLINE_ROOT);
  if (issues->len == 0)
    cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL, _("No issues were found."));
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u issue, most severe first. Each says what was found, how to fix it, what the scan saw and which compliance controls it touches.",
                                                         "%u issues, most severe first. Each says what was found, how to fix it, what the scan saw and which compliance controls it touches.",
                                                         issues->len),
                                               issues->len);
      cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL, text);
    }

  for (ClSeverity s = 0; s < CL_N_SEVERITIES; s++)
    {
      g_autofree char *title = NULL;

      if (counts[s] == 0)
        continue;
      /* Translators: a severity and its number of issues, as in "High (3)" */
      title = g_strdup_printf (_("%s (%u)"), cl_severity_to_label (s), counts[s]);
      cl_pdf_flow_heading (flow, CL_PDF_FONT_SUBHEADING, title, severity_dest (s), outline);
      for (guint i = 0; i < issues->len; i++)
        {
          ClFinding *finding = g_ptr_array_index (issues, i);

          if (cl_finding_get_severity (finding) == s)
            lay_out_finding (doc, finding, NULL);
        }
    }

  if (excluded->len == 0)
    return;
  cl_pdf_flow_space (flow, 12);
  cl_pdf_flow_heading (flow, CL_PDF_FONT_HEADING, _("Left out as false positives"), "false-positives",
                       CAIRO_PDF_OUTLINE_ROOT);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL,
                         _("The user judged these findings false positives for this domain: they count in no score, issue, recommendation or failed control. Who judged them, when and why is given with each."));
  cl_pdf_flow_space (flow, 6);
  for (guint i = 0; i < excluded->len; i++)
    {
      ClFinding *finding = g_ptr_array_index (excluded, i);

      lay_out_finding (doc, finding, cl_report_find_exclusion (doc->report, cl_finding_get_rule_id (finding)));
    }
}

/* -------------------------------------------------------- compliance -- */

static void
lay_out_compliance (Doc *doc)
{
  ClPdfFlow *flow = doc->flow;
  ClComplianceMap *map = cl_compliance_map_get_default ();
  const char * const *frameworks = cl_compliance_map_list_frameworks ();
  JsonNode *section = json_object_get_member (json_node_get_object (doc->json), "compliance");
  JsonObject *compliance = section != NULL && JSON_NODE_HOLDS_OBJECT (section) ? json_node_get_object (section) : NULL;
  ClChartColor pass, fail;
  int outline;
  const ClPdfCell header[] = {
    { _("Control"), 62, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
    { _("Title"), 0, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
    { _("Result"), 44, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
    { _("Failed by"), 170, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
  };

  cl_chart_style_get_grade_color (doc->style, "A", &pass);
  cl_chart_style_get_severity_color (doc->style, CL_SEVERITY_HIGH, &fail);

  outline = cl_pdf_flow_heading (flow, CL_PDF_FONT_HEADING, _("Compliance"), "compliance", CAIRO_PDF_OUTLINE_ROOT);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL,
                         _("For each framework, the controls that a module which completed can test from outside: passed, or failed by the findings of the rules named. A scan from outside tests only a part of any framework; the others need an audit."));

  for (guint f = 0; frameworks[f] != NULL; f++)
    {
      JsonArray *controls = compliance != NULL && json_object_has_member (compliance, frameworks[f])
        ? json_object_get_array_member (compliance, frameworks[f]) : NULL;
      guint n = controls != NULL ? json_array_get_length (controls) : 0;
      guint n_failed = 0;
      g_autofree char *dest = g_strdup_printf ("compliance-%s", frameworks[f]);
      g_autofree char *summary = NULL;

      for (guint i = 0; i < n; i++)
        {
          JsonObject *control = json_array_get_object_element (controls, i);

          if (g_strcmp0 (json_object_get_string_member_with_default (control, "status", NULL), "fail") == 0)
            n_failed++;
        }

      /* the heading, its summary and the table's first rows together */
      cl_pdf_flow_need (flow, 140);
      cl_pdf_flow_heading (flow, CL_PDF_FONT_SUBHEADING, framework_short_name (frameworks[f]), dest, outline);
      /* Translators: a framework's title, then "12 controls tested: 9 passed, 3 failed" */
      summary = g_strdup_printf (ngettext ("%s. %u control tested: %u passed, %u failed.",
                                           "%s. %u controls tested: %u passed, %u failed.", n),
                                 cl_compliance_map_get_framework_title (map, frameworks[f]),
                                 n, n - n_failed, n_failed);
      cl_pdf_flow_paragraph (flow, CL_PDF_FONT_SMALL, &doc->style->muted, summary);
      cl_pdf_flow_space (flow, 4);
      if (n == 0)
        {
          cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL,
                                 _("No control of this framework could be tested: no module that tests one completed."));
          continue;
        }

      table_header (doc, header, G_N_ELEMENTS (header));
      for (guint i = 0; i < n; i++)
        {
          JsonObject *control = json_array_get_object_element (controls, i);
          const char *id = json_object_get_string_member_with_default (control, "control", "");
          gboolean failed = g_strcmp0 (json_object_get_string_member_with_default (control, "status", NULL), "fail") == 0;
          JsonArray *rule_ids = json_object_has_member (control, "rule_ids")
            ? json_object_get_array_member (control, "rule_ids") : NULL;
          g_autoptr(GString) rules = g_string_new (NULL);

          for (guint r = 0; rule_ids != NULL && r < json_array_get_length (rule_ids); r++)
            g_string_append_printf (rules, "%s%s", r > 0 ? "\n" : "",
                                    json_array_get_string_element (rule_ids, r));
          {
            const ClPdfCell cells[] = {
              { id, 62, CL_PDF_FONT_BOLD, NULL, PANGO_ALIGN_LEFT },
              { json_object_get_string_member_with_default (control, "title", ""), 0, CL_PDF_FONT_SMALL,
                NULL, PANGO_ALIGN_LEFT },
              { failed ? _("Failed") : _("Passed"), 44, CL_PDF_FONT_SMALL_BOLD,
                failed ? &fail : &pass, PANGO_ALIGN_LEFT },
              { rules->str, 170, CL_PDF_FONT_SMALL, NULL, PANGO_ALIGN_LEFT },
            };
            cl_pdf_flow_row (flow, &table_row, cells, G_N_ELEMENTS (cells));
          }
        }
      end_table (doc);
    }
}

/* ----------------------------------------------- history and caveats -- */

typedef struct
{
  Doc                       *doc;
  const ClChartHistoryPoint *points;
  guint                      n_points;
} HistoryChart;

static void
draw_history (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  data)
{
  HistoryChart *chart = data;

  cairo_scale (cr, CHART_SCALE, CHART_SCALE);
  cl_chart_draw_history (cr, chart->doc->style, width / CHART_SCALE, height / CHART_SCALE,
                         chart->points, chart->n_points);
}

static void
lay_out_history (Doc *doc)
{
  ClPdfFlow *flow = doc->flow;
  GArray *history = doc->self->history;
  ClChartHistoryPoint own = { g_date_time_to_unix (cl_report_get_scanned_at (doc->report)),
                              cl_report_has_score (doc->report), cl_report_get_score (doc->report) };
  HistoryChart chart = { doc, &own, 1 };
  GPtrArray *caveats = cl_report_get_caveats (doc->report);
  ClPdfPageGeometry g;
  const ClPdfCell header[] = {
    { _("Scanned"), 0, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
    { _("Score"), 60, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_RIGHT },
    { _("Grade"), 60, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
  };

  cl_pdf_export_get_page_geometry (doc->self, &g);
  if (history->len > 0)
    {
      chart.points = (const ClChartHistoryPoint *) (gpointer) history->data;
      chart.n_points = history->len;
    }

  cl_pdf_flow_heading (flow, CL_PDF_FONT_HEADING, _("Score history"), "history", CAIRO_PDF_OUTLINE_ROOT);
  {
    g_autofree char *text = g_strdup_printf (ngettext ("%u scan of %s, up to this report’s, on the grade bands.",
                                                       "%u scans of %s, up to this report’s, on the grade bands.",
                                                       chart.n_points),
                                             chart.n_points, doc->domain);
    cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL, text);
  }
  cl_pdf_flow_space (flow, 6);
  cl_pdf_flow_chart (flow, 0, g.body.width, 200, draw_history, &chart);
  cl_pdf_flow_space (flow, 10);

  table_header (doc, header, G_N_ELEMENTS (header));
  for (guint i = chart.n_points; i > 0 && i + HISTORY_ROWS > chart.n_points; i--)
    {
      const ClChartHistoryPoint *point = &chart.points[i - 1];
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (point->time);
      g_autofree char *when = time != NULL ? format_time (time) : g_strdup ("—");
      g_autofree char *score = point->has_score ? g_strdup_printf ("%u", MIN (point->score, 100)) : g_strdup ("—");
      const ClPdfCell cells[] = {
        { when, 0, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_LEFT },
        { score, 60, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_RIGHT },
        { point->has_score ? cl_scoring_grade (MIN (point->score, 100)) : "—", 60, CL_PDF_FONT_BOLD, NULL,
          PANGO_ALIGN_LEFT },
      };

      cl_pdf_flow_row (flow, &table_row, cells, G_N_ELEMENTS (cells));
    }
  end_table (doc);
  if (chart.n_points > HISTORY_ROWS)
    {
      g_autofree char *text = g_strdup_printf (_("The %u most recent scans of %u."), HISTORY_ROWS, chart.n_points);
      cl_pdf_flow_paragraph (flow, CL_PDF_FONT_SMALL, &doc->style->muted, text);
    }

  cl_pdf_flow_space (flow, 16);
  cl_pdf_flow_heading (flow, CL_PDF_FONT_HEADING, _("Caveats"), "caveats", CAIRO_PDF_OUTLINE_ROOT);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL, _("What this assessment could not see, or saw only in part:"));
  cl_pdf_flow_space (flow, 4);
  if (caveats->len == 0)
    cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL, _("None."));
  for (guint i = 0; i < caveats->len; i++)
    {
      const ClPdfCell cells[] = {
        { "•", 10, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_LEFT },
        { g_ptr_array_index (caveats, i), 0, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_LEFT },
      };

      cl_pdf_flow_row (flow, &plain_row, cells, G_N_ELEMENTS (cells));
    }
}

/* ------------------------------------------------------------ method -- */

static void
lay_out_method (Doc *doc)
{
  ClPdfFlow *flow = doc->flow;
  GPtrArray *catalog = cl_module_catalog_list ();
  ClReportSeal *seal = doc->seal;
  ClSigningKey *key = cl_report_seal_get_key (seal);
  g_autoptr(GString) informational = g_string_new (NULL);
  int outline;
  const ClPdfCell header[] = {
    { _("Module"), 0, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_LEFT },
    { _("Weight"), 60, CL_PDF_FONT_SMALL_BOLD, NULL, PANGO_ALIGN_RIGHT },
  };

  outline = cl_pdf_flow_heading (flow, CL_PDF_FONT_HEADING, _("How this report was made"), "method",
                                 CAIRO_PDF_OUTLINE_ROOT);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL,
                         _("ComplianceLayer scanned the domain from outside, as anyone on the Internet can: its DNS and e-mail records, its TLS service and certificates, its HTTP headers and cookies, and the ports it answers on. Nothing inside the organisation was assessed."));

  cl_pdf_flow_heading (flow, CL_PDF_FONT_SUBHEADING, _("The score"), "method-score", outline);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL,
                         _("Each finding has a severity. A module’s score is max(0, 100 − 70 × critical − 25 × high − 10 × medium − 4 × low); informational findings cost nothing. The overall score is the mean of the scores of the modules that ran, weighted as below, rounded to the nearest whole number. A module that could not be carried out is left out, so its weight is spread over the others, and a caveat says so. Grades and risk levels follow the score: 90–100 A (low risk), 75–89 B (low-medium), 55–74 C (medium), 35–54 D (high), 0–34 F (critical)."));
  cl_pdf_flow_space (flow, 6);
  table_header (doc, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < catalog->len; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, i);
      g_autofree char *weight = g_strdup_printf ("%.0f%%", info->weight * 100);
      const ClPdfCell cells[] = {
        { _(info->title), 0, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_LEFT },
        { weight, 60, CL_PDF_FONT_BODY, NULL, PANGO_ALIGN_RIGHT },
      };

      if (info->weight <= 0)
        {
          g_string_append_printf (informational, "%s%s", informational->len > 0 ? ", " : "", _(info->title));
          continue;
        }
      cl_pdf_flow_row (flow, &table_row, cells, G_N_ELEMENTS (cells));
    }
  end_table (doc);
  if (informational->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Informational only, with no weight: %s."), informational->str);
      cl_pdf_flow_paragraph (flow, CL_PDF_FONT_SMALL, &doc->style->muted, text);
    }
  cl_pdf_flow_space (flow, 6);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL,
                         _("Every point lost is traced to a finding: each recommendation states the points that fixing it recovers, counted after the recommendations above it, so that together they recover exactly the points lost. Findings the user judged false positives count in no score and are listed apart with who judged them, when and why."));

  cl_pdf_flow_heading (flow, CL_PDF_FONT_SUBHEADING, _("Verifying this report"), "method-verify", outline);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL,
                         _("The report’s JSON is the record; this PDF presents it. Its canonical form is the JSON with object members sorted by name, no white space and numbers in their shortest exact form. The report_id is “cl_rpt_” and the first 12 hexadecimal digits of the SHA-256 of the canonical JSON without its report_id, so a changed report has another id."));
  cl_pdf_flow_space (flow, 4);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL,
                         _("The SHA-256 below is that of the canonical JSON of the whole report, report_id included. The PDF’s metadata (its Keywords) states it too, so that a program can check the PDF against the JSON without reading the pages."));
  cl_pdf_flow_space (flow, 4);
  fact (doc, _("Report"), cl_report_get_id (doc->report), CL_PDF_FONT_MONO);
  fact (doc, _("SHA-256"), cl_report_seal_get_digest (seal), CL_PDF_FONT_MONO);
  cl_pdf_flow_space (flow, 4);

  if (key != NULL)
    {
      g_autofree char *pem = cl_signing_key_get_public_pem (key);
      gsize len;
      const guchar *data = g_bytes_get_data (cl_report_seal_get_signature (seal), &len);
      g_autofree char *signature = g_base64_encode (data, len);

      g_strstrip (pem);
      cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL,
                             _("The same canonical bytes are signed with Ed25519 by the key below. Its fingerprint is the SHA-256 of the public key’s DER SubjectPublicKeyInfo: compare it with the one the sender gave you by another way, such as a call or their web site."));
      cl_pdf_flow_space (flow, 4);
      fact (doc, _("Fingerprint"), cl_signing_key_get_fingerprint (key), CL_PDF_FONT_MONO);
      fact (doc, _("Signature"), signature, CL_PDF_FONT_MONO);
      fact (doc, _("Public key"), pem, CL_PDF_FONT_MONO);
    }
  else
    cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL,
                           _("This report is not signed: the digest shows whether this PDF and a report JSON agree, not who made them."));

  cl_pdf_flow_space (flow, 6);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_BODY, NULL, _("To check the report JSON, and this PDF against it:"));
  cl_pdf_flow_space (flow, 2);
  cl_pdf_flow_paragraph (flow, CL_PDF_FONT_MONO, NULL, "compliancelayer-cli verify REPORT.json --pdf REPORT.pdf");
}

static void
lay_out (Doc *doc)
{
  cl_pdf_flow_set_page_func (doc->flow, draw_page_frame, doc);

  lay_out_cover (doc);
  cl_pdf_flow_new_page (doc->flow);
  lay_out_summary (doc);
  cl_pdf_flow_new_page (doc->flow);
  lay_out_modules (doc);
  cl_pdf_flow_new_page (doc->flow);
  lay_out_issues (doc);
  cl_pdf_flow_new_page (doc->flow);
  lay_out_compliance (doc);
  cl_pdf_flow_new_page (doc->flow);
  lay_out_history (doc);
  cl_pdf_flow_new_page (doc->flow);
  lay_out_method (doc);
}

/* ------------------------------------------------------------ render -- */

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (cairo_surface_t *surface,
              Doc             *doc)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  /* Translators: the title of a PDF report, with the domain */
  g_autofree char *title = g_strdup_printf (_("Security posture report: %s"), doc->domain);
  g_autofree char *subject = NULL;
  g_autofree char *keywords = cl_report_seal_to_keywords (doc->seal);

  if (cl_report_has_score (doc->report))
    /* Translators: report id, domain, grade, score */
    subject = g_strdup_printf (_("ComplianceLayer report %s of %s: grade %s, score %u out of 100"),
                               cl_report_get_id (doc->report), cl_report_get_domain (doc->report),
                               cl_report_get_grade (doc->report), cl_report_get_score (doc->report));
  else
    subject = g_strdup_printf (_("ComplianceLayer report %s of %s: no score"),
                               cl_report_get_id (doc->report), cl_report_get_domain (doc->report));

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "ComplianceLayer " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

/**
 * cl_pdf_export_render:
 * @boxes: (out) (optional) (element-type ClPdfBox): where each text, chart
 *   and fill was put, page by page
 * @n_pages: (out) (optional): the number of pages
 *
 * Makes the PDF in memory.  Signs the report first when there is a
 * signing key.  Cairo and Pango are used on this thread only: this may
 * run in a worker.
 *
 * Returns: (transfer full): the PDF, or %NULL with an error
 *   (%G_IO_ERROR_CANCELLED, or %CL_ERROR_INTERNAL)
 */
GBytes *
cl_pdf_export_render (ClPdfExport   *self,
                      GArray       **boxes,
                      guint         *n_pages,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GHashTable) dest_pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (ClPdfBox));
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(ClReportSeal) seal = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *scanned_at = NULL;
  ClPdfPageGeometry geometry;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint measured = 0, drawn = 0;
  Doc doc = { 0 };
  gboolean ok;

  g_return_val_if_fail (CL_IS_PDF_EXPORT (self), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  json = cl_report_to_json (self->report);
  if (!(seal = cl_report_seal_new (json, self->signing_key, error)))
    return NULL;
  domain = g_hostname_to_unicode (cl_report_get_domain (self->report));
  if (domain == NULL)
    domain = g_strdup (cl_report_get_domain (self->report));
  scanned_at = format_time (cl_report_get_scanned_at (self->report));

  cl_pdf_export_get_page_geometry (self, &geometry);
  surface = cairo_pdf_surface_create_for_stream (append_to_array, out, geometry.width, geometry.height);
  /* PDF 1.5 lets a newer Cairo pack the document information into a
   * compressed object stream; 1.4 keeps it where a plain reading of the
   * file finds the seal (cl_report_seal_new_from_pdf()). */
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_4);
  cr = cairo_create (surface);

  doc.self = self;
  doc.report = self->report;
  doc.json = json;
  doc.seal = seal;
  doc.dest_pages = dest_pages;
  doc.domain = domain;
  doc.scanned_at = scanned_at;
  set_metadata (surface, &doc);

  /* Measure, then draw knowing the number of pages and where each
   * section starts. */
  doc.flow = cl_pdf_flow_new (cr, &geometry, 0, dest_pages, NULL, cancellable);
  doc.style = cl_pdf_flow_get_style (doc.flow);
  cl_chart_style_get_track_color (doc.style, &doc.shade);
  lay_out (&doc);
  ok = cl_pdf_flow_finish (doc.flow, &measured, error);
  g_clear_pointer (&doc.flow, cl_pdf_flow_free);

  if (ok)
    {
      doc.flow = cl_pdf_flow_new (cr, &geometry, measured, NULL, placed, cancellable);
      doc.style = cl_pdf_flow_get_style (doc.flow);
      lay_out (&doc);
      ok = cl_pdf_flow_finish (doc.flow, &drawn, error);
      g_clear_pointer (&doc.flow, cl_pdf_flow_free);
    }
  /* the two passes share one Pango context and break alike */
  g_warn_if_fail (!ok || drawn == measured);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!ok)
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL, _("Cannot make the PDF: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  if (boxes != NULL)
    *boxes = g_steal_pointer (&placed);
  if (n_pages != NULL)
    *n_pages = drawn;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* ------------------------------------------------------------- write -- */

/**
 * cl_pdf_export_write:
 * @file: where to write the PDF (replaced if it exists)
 *
 * Makes the PDF and writes it to a temporary file beside @file, renamed
 * over it when complete: a failed or cancelled export leaves @file as it
 * was and no partial file.  Blocks: see cl_pdf_export_write_async().
 *
 * Returns: %TRUE, or %FALSE with an error (%G_IO_ERROR_CANCELLED, or
 *   %CL_ERROR_INTERNAL when the PDF cannot be made or written)
 */
gboolean
cl_pdf_export_write (ClPdfExport   *self,
                     GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  gsize len;
  const char *data;
  gboolean ok;

  g_return_val_if_fail (CL_IS_PDF_EXPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  if (!(pdf = cl_pdf_export_render (self, NULL, NULL, cancellable, error)))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  data = g_bytes_get_data (pdf, &len);
  path = g_file_get_path (file);
  if (path != NULL)
    /* 0666 less the umask, as any document a user saves */
    ok = g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error);
  else
    ok = g_file_replace_contents (file, data, len, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  cancellable, &local_error);
  if (!ok)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      name = g_file_get_parse_name (file);
      g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL, _("Cannot write the PDF %s: %s"),
                   name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (cl_pdf_export_write (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cl_pdf_export_write_async:
 * @file: where to write the PDF
 * @cancellable: (nullable): checked between pages
 *
 * cl_pdf_export_write() in a worker thread.  Do not change the exporter
 * until it is finished.
 */
void
cl_pdf_export_write_async (ClPdfExport         *self,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CL_IS_PDF_EXPORT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_pdf_export_write_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, write_thread);
}

gboolean
cl_pdf_export_write_finish (ClPdfExport   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (CL_IS_PDF_EXPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cl_pdf_export_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
