/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-chart"

#include "config.h"

#include "cl-chart-private.h"
#include "cl-chart-style.h"
#include "cl-scoring.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, 1.f }

/* Grade colours: green, blue, orange, red, wine, so that they read as
 * good to bad.  Chosen by search for the largest smallest difference
 * (CIE ΔE) between any two grades, seen with normal vision and simulated
 * deuteranopia, protanopia and tritanopia (Machado 2009): at least 18 on
 * white and 35 on dark, where 2 is barely noticeable.  So they differ in
 * lightness, not in hue alone, and each keeps 4.5:1 contrast on the
 * background it is made for (white, libadwaita's dark #1e1e1e), enough for
 * text.  The letter is written beside the colour anyway. */
static const struct
{
  const char   *grade;
  ClChartColor  light;
  ClChartColor  dark;
} grade_colors[] = {
  { "A", RGB (0x607e42), RGB (0xbde39d) },
  { "B", RGB (0x1a75b0), RGB (0x55dbf2) },
  { "C", RGB (0xb06303), RGB (0xfcd403) },
  { "D", RGB (0xa11d15), RGB (0xf65334) },
  { "F", RGB (0x66142a), RGB (0xc26a82) },
};

/* Domains in a comparison: the Okabe–Ito colours, told apart with every
 * kind of colour blindness, 3:1 or more on their background. */
static const ClChartColor series_light[] = {
  RGB (0x0072b2), RGB (0xd55e00), RGB (0x009e73), RGB (0xcc79a7),
};
static const ClChartColor series_dark[] = {
  RGB (0x56b4e9), RGB (0xe69f00), RGB (0x009e73), RGB (0xcc79a7),
};

/**
 * cl_chart_style_init:
 *
 * libadwaita's colours for views: a style to draw with when the caller
 * has none of its own (the PDF exporter, the tests).
 */
void
cl_chart_style_init (ClChartStyle *style,
                     gboolean      dark)
{
  static const ClChartStyle light_style = {
    .foreground = RGB (0x2e2e2e), .background = RGB (0xffffff), .muted = RGB (0x5e5c64),
  };
  static const ClChartStyle dark_style = {
    .foreground = RGB (0xffffff), .background = RGB (0x1e1e1e), .muted = RGB (0x9a9996),
    .dark = TRUE,
  };

  g_return_if_fail (style != NULL);

  *style = dark ? dark_style : light_style;
}

/**
 * cl_chart_style_get_grade_color:
 * @grade: "A" to "F"
 *
 * Returns: %FALSE, with @color set to the muted colour, for an unknown grade
 */
gboolean
cl_chart_style_get_grade_color (const ClChartStyle *style,
                                const char         *grade,
                                ClChartColor       *color)
{
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (color != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (grade_colors); i++)
    if (g_strcmp0 (grade, grade_colors[i].grade) == 0)
      {
        *color = style->dark ? grade_colors[i].dark : grade_colors[i].light;
        return TRUE;
      }

  *color = style->muted;
  return FALSE;
}

/* The colour of the grade that @score earns. */
void
cl_chart_style_get_score_color (const ClChartStyle *style,
                                guint               score,
                                ClChartColor       *color)
{
  g_return_if_fail (score <= 100);

  cl_chart_style_get_grade_color (style, cl_scoring_grade (score), color);
}

/**
 * cl_chart_style_get_band_color:
 *
 * The grade's colour faded into the background: the shade of its band
 * behind the history chart, light enough for lines and text over it.
 */
void
cl_chart_style_get_band_color (const ClChartStyle *style,
                               const char         *grade,
                               ClChartColor       *color)
{
  ClChartColor full;

  g_return_if_fail (style != NULL);
  g_return_if_fail (color != NULL);

  cl_chart_style_get_grade_color (style, grade, &full);
  _cl_chart_mix (&style->background, &full, style->dark ? 0.18 : 0.20, color);
}

/**
 * cl_chart_style_get_severity_color:
 *
 * Critical to low take the colours of the grades they drag a score
 * towards (F, D, C, B); info, which costs nothing, is muted.
 */
void
cl_chart_style_get_severity_color (const ClChartStyle *style,
                                   ClSeverity          severity,
                                   ClChartColor       *color)
{
  static const char *grades[] = {
    [CL_SEVERITY_CRITICAL] = "F",
    [CL_SEVERITY_HIGH] = "D",
    [CL_SEVERITY_MEDIUM] = "C",
    [CL_SEVERITY_LOW] = "B",
    [CL_SEVERITY_INFO] = NULL,
  };

  g_return_if_fail (severity < CL_N_SEVERITIES);

  cl_chart_style_get_grade_color (style, grades[severity], color);
}

/* The unfilled part of a gauge or a bar. */
void
cl_chart_style_get_track_color (const ClChartStyle *style,
                                ClChartColor       *color)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (color != NULL);

  _cl_chart_mix (&style->background, &style->foreground, style->dark ? 0.16 : 0.10, color);
}

/* The colour of the @index-th domain of a comparison. */
void
cl_chart_style_get_series_color (const ClChartStyle *style,
                                 guint               index,
                                 ClChartColor       *color)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (color != NULL);

  *color = (style->dark ? series_dark : series_light)[index % G_N_ELEMENTS (series_light)];
}
