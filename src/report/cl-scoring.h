/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module-result.h"

G_BEGIN_DECLS

typedef struct
{
  const char *id;    /* the module */
  double      weight;
  guint       score;
} ClScoredModule;

guint       cl_scoring_module_score (GPtrArray            *findings);
gboolean    cl_scoring_overall      (const ClScoredModule *modules,
                                     guint                 n_modules,
                                     guint                *score);
const char *cl_scoring_grade        (guint                 score);
const char *cl_scoring_risk_level   (guint                 score);
const char *cl_scoring_risk_label   (const char           *risk_level);

G_END_DECLS
