/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cl-scoring.h"

static GPtrArray *
findings_of (guint critical,
             guint high,
             guint medium,
             guint low,
             guint info)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  const guint counts[] = { critical, high, medium, low, info };

  for (guint s = 0; s < G_N_ELEMENTS (counts); s++)
    for (guint i = 0; i < counts[s]; i++)
      g_ptr_array_add (findings, cl_finding_new ("ssl", "ssl.test", s, "f", "r", NULL));

  return findings;
}

static guint
score_of (guint critical,
          guint high,
          guint medium,
          guint low,
          guint info)
{
  g_autoptr(GPtrArray) findings = findings_of (critical, high, medium, low, info);
  return cl_scoring_module_score (findings);
}

static void
test_module_score (void)
{
  g_assert_cmpuint (score_of (0, 0, 0, 0, 0), ==, 100);
  g_assert_cmpuint (score_of (0, 0, 0, 0, 9), ==, 100);
  g_assert_cmpuint (score_of (1, 0, 0, 0, 0), ==, 30);
  g_assert_cmpuint (score_of (0, 1, 0, 0, 0), ==, 75);
  g_assert_cmpuint (score_of (0, 0, 1, 0, 0), ==, 90);
  g_assert_cmpuint (score_of (0, 0, 0, 1, 0), ==, 96);
  g_assert_cmpuint (score_of (0, 2, 1, 1, 0), ==, 36);
  g_assert_cmpuint (score_of (0, 4, 0, 0, 0), ==, 0);
  g_assert_cmpuint (score_of (1, 1, 1, 0, 0), ==, 0);  /* floor at 0 */
  g_assert_cmpuint (score_of (2, 0, 0, 0, 0), ==, 0);
  g_assert_cmpuint (score_of (0, 0, 0, 25, 0), ==, 0);
}

static void
test_bands (void)
{
  const struct { guint score; const char *grade; const char *risk; } cases[] = {
    { 100, "A", "low" }, { 90, "A", "low" },
    { 89, "B", "low_medium" }, { 75, "B", "low_medium" },
    { 74, "C", "medium" }, { 55, "C", "medium" },
    { 54, "D", "high" }, { 35, "D", "high" },
    { 34, "F", "critical" }, { 0, "F", "critical" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (cl_scoring_grade (cases[i].score), ==, cases[i].grade);
      g_assert_cmpstr (cl_scoring_risk_level (cases[i].score), ==, cases[i].risk);
      g_assert_nonnull (cl_scoring_risk_label (cases[i].risk));
    }
}

static void
test_overall (void)
{
  const ClScoredModule tier1[] = {
    { "ssl", 0.25, 100 }, { "headers", 0.25, 75 }, { "dns_email", 0.20, 30 }, { "ports", 0.15, 90 },
  };
  const ClScoredModule half[] = { { "ssl", 0.25, 100 }, { "headers", 0.25, 0 } };
  const ClScoredModule rounding[] = { { "a", 0.5, 89 }, { "b", 0.5, 90 } };
  const ClScoredModule mail_only[] = { { "dns_email", 0.20, 64 } };
  const ClScoredModule weightless[] = { { "whois", 0, 10 } };
  guint score = 0;

  /* (25 + 18.75 + 6 + 13.5) / 0.85 = 74.41 */
  g_assert_true (cl_scoring_overall (tier1, G_N_ELEMENTS (tier1), &score));
  g_assert_cmpuint (score, ==, 74);
  g_assert_true (cl_scoring_overall (half, G_N_ELEMENTS (half), &score));
  g_assert_cmpuint (score, ==, 50);
  /* 89.5 rounds half up */
  g_assert_true (cl_scoring_overall (rounding, G_N_ELEMENTS (rounding), &score));
  g_assert_cmpuint (score, ==, 90);
  /* an unavailable module's weight is spread over what ran */
  g_assert_true (cl_scoring_overall (mail_only, G_N_ELEMENTS (mail_only), &score));
  g_assert_cmpuint (score, ==, 64);
  g_assert_false (cl_scoring_overall (weightless, G_N_ELEMENTS (weightless), &score));
  g_assert_false (cl_scoring_overall (NULL, 0, &score));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/scoring/module", test_module_score);
  g_test_add_func ("/scoring/bands", test_bands);
  g_test_add_func ("/scoring/overall", test_overall);

  return g_test_run ();
}
