/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-report.h"

G_BEGIN_DECLS

/* Synthetic reports for the exporter's tests and benchmark. */
typedef struct
{
  const char *domain;        /* NULL: example.com */
  guint       n_findings;    /* 0: the typical dozen; else this many, over every rule */
  const char *long_text;     /* nullable: the text of the first finding */
  gboolean    false_positive;  /* one rule judged a false positive, with a note */
  gboolean    unavailable;     /* no module could be carried out: no score, no issue */
} ClTestReportOptions;

ClReport *cl_test_report_new (const ClTestReportOptions *options);

G_END_DECLS
