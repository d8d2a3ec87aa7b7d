/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-scoring"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "cl-scoring.h"

/* The scoring rules of DESIGN.md, in one place. */

/**
 * cl_scoring_module_score:
 * @findings: (element-type ClFinding): a module's findings
 *
 * max (0, 100 − 70·critical − 25·high − 10·medium − 4·low); info costs
 * nothing.
 */
guint
cl_scoring_module_score (GPtrArray *findings)
{
  guint penalty = 0;

  g_return_val_if_fail (findings != NULL, 0);

  for (guint i = 0; i < findings->len; i++)
    penalty += cl_severity_penalty (cl_finding_get_severity (g_ptr_array_index (findings, i)));

  return penalty >= 100 ? 0 : 100 - penalty;
}

/**
 * cl_scoring_overall:
 * @modules: the scored modules that ran
 * @score: (out): round (Σ wᵢ·scoreᵢ / Σ wᵢ)
 *
 * Modules that did not run are simply not passed: their weight is spread
 * over the others by the division.
 *
 * Returns: %FALSE when no weighted module ran, so there is no score
 */
gboolean
cl_scoring_overall (const ClScoredModule *modules,
                    guint                 n_modules,
                    guint                *score)
{
  double sum = 0;
  double weights = 0;

  g_return_val_if_fail (score != NULL, FALSE);

  for (guint i = 0; i < n_modules; i++)
    {
      sum += modules[i].weight * modules[i].score;
      weights += modules[i].weight;
    }

  if (weights <= 0)
    return FALSE;

  /* Weights such as 0.2 are not exact in binary: without the epsilon a
   * true x.5 could round down. */
  *score = (guint) floor (sum / weights + 0.5 + 1e-9);
  return TRUE;
}

/* The seed's bands: 90–100 A, 75–89 B, 55–74 C, 35–54 D, 0–34 F. */
static const struct {
  guint       min;
  const char *grade;
  const char *risk;
  const char *label;
} bands[] = {
  { 90, "A", "low",        N_("Low risk — excellent security posture") },
  { 75, "B", "low_medium", N_("Low-medium risk — good, minor improvements needed") },
  { 55, "C", "medium",     N_("Medium risk — material gaps present") },
  { 35, "D", "high",       N_("High risk — significant vulnerabilities, urgent action required") },
  {  0, "F", "critical",   N_("Critical risk — multiple critical security gaps") },
};

const char *
cl_scoring_grade (guint score)
{
  g_return_val_if_fail (score <= 100, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    if (score >= bands[i].min)
      return bands[i].grade;
  g_assert_not_reached ();
}

const char *
cl_scoring_risk_level (guint score)
{
  g_return_val_if_fail (score <= 100, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    if (score >= bands[i].min)
      return bands[i].risk;
  g_assert_not_reached ();
}

/* What a risk level means, for a person. */
const char *
cl_scoring_risk_label (const char *risk_level)
{
  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    if (g_strcmp0 (bands[i].risk, risk_level) == 0)
      return _(bands[i].label);
  return NULL;
}
