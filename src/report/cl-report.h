/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cl-module-result.h"

G_BEGIN_DECLS

typedef struct
{
  char       *module_id;
  char       *rule_id;
  ClSeverity  severity;
  char       *action;
  guint       points;   /* overall points that fixing it recovers */
} ClRecommendation;

void cl_recommendation_free (ClRecommendation *recommendation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClRecommendation, cl_recommendation_free)

/* A rule the user judged a false positive for this domain: its findings are
 * left out of the scores and the issues and listed apart, with who/when/why. */
typedef struct
{
  char      *rule_id;
  char      *note;       /* nullable */
  char      *marked_by;  /* user name */
  GDateTime *marked_at;
} ClExclusion;

ClExclusion *cl_exclusion_new  (const char *rule_id,
                                const char *note,
                                const char *marked_by,
                                GDateTime  *marked_at);
void         cl_exclusion_free (ClExclusion *exclusion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClExclusion, cl_exclusion_free)

#define CL_TYPE_REPORT (cl_report_get_type ())

G_DECLARE_FINAL_TYPE (ClReport, cl_report, CL, REPORT, GObject)

ClReport   *cl_report_new                 (const char          *domain,
                                           GDateTime           *scanned_at,
                                           GPtrArray           *results,
                                           GPtrArray           *caveats);
/* @exclusions: ClExclusion array or NULL; cl_report_new() is this with NULL */
ClReport   *cl_report_new_full            (const char          *domain,
                                           GDateTime           *scanned_at,
                                           GPtrArray           *results,
                                           GPtrArray           *caveats,
                                           GPtrArray           *exclusions);
ClReport   *cl_report_new_from_json       (JsonNode            *root,
                                           GError             **error);
const char *cl_report_get_id              (ClReport            *self);
const char *cl_report_get_domain          (ClReport            *self);
GDateTime  *cl_report_get_scanned_at      (ClReport            *self);
gboolean    cl_report_has_score           (ClReport            *self);
guint       cl_report_get_score           (ClReport            *self);
const char *cl_report_get_grade           (ClReport            *self);
const char *cl_report_get_risk_level      (ClReport            *self);
GPtrArray  *cl_report_get_results         (ClReport            *self);
gboolean    cl_report_get_module_score    (ClReport            *self,
                                           const char          *module_id,
                                           guint               *score);
GPtrArray  *cl_report_get_issues          (ClReport            *self);
GPtrArray  *cl_report_get_caveats         (ClReport            *self);
GPtrArray  *cl_report_get_excluded        (ClReport            *self);
GPtrArray  *cl_report_get_exclusions      (ClReport            *self);
ClExclusion *cl_report_find_exclusion     (ClReport            *self,
                                           const char          *rule_id);
GPtrArray  *cl_report_get_recommendations (ClReport            *self);
JsonNode   *cl_report_to_json             (ClReport            *self);
char       *cl_report_to_string           (ClReport            *self);

char       *cl_report_compute_id          (JsonNode            *root);

G_END_DECLS
