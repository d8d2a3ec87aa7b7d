/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cl-chart-history.h"
#include "cl-violation.h"

G_BEGIN_DECLS

/* One stored scan of a domain: a point of its score history. */
typedef struct
{
  char      *scan_id;
  char      *report_id;
  char      *domain;
  GDateTime *scanned_at;
  gboolean   has_score;  /* FALSE when no scored module could be carried out */
  guint      score;
  char      *grade;      /* nullable, as has_score */
} ClScanRecord;

ClScanRecord *cl_scan_record_new     (const char   *scan_id,
                                      const char   *report_id,
                                      const char   *domain,
                                      GDateTime    *scanned_at,
                                      gboolean      has_score,
                                      guint         score);
void          cl_scan_record_free    (ClScanRecord *record);
JsonNode     *cl_scan_record_to_json (ClScanRecord *record);
GArray       *cl_scan_records_to_history_points (GPtrArray *records,
                                                 GDateTime *until);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClScanRecord, cl_scan_record_free)

/* The seed's compliance score of a scan: its score, the domain's violations
 * as they stood at that scan, and the domain's score history. */
typedef struct
{
  ClScanRecord *scan;
  guint         total_violations;     /* every status */
  guint         open_violations;
  guint         resolved_violations;  /* resolved and false positives, as the seed counts */
  guint         false_positives;
  guint         by_severity[CL_N_SEVERITIES];  /* open violations only */
  GHashTable   *by_rule_type;         /* rule id → GUINT_TO_POINTER (open violations) */
  GPtrArray    *history;              /* ClScanRecord, oldest first */
} ClComplianceScore;

ClComplianceScore *cl_compliance_score_new     (ClScanRecord      *scan,
                                                GPtrArray         *violations,
                                                GPtrArray         *history);
void               cl_compliance_score_free    (ClComplianceScore *self);
JsonNode          *cl_compliance_score_to_json (ClComplianceScore *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClComplianceScore, cl_compliance_score_free)

G_END_DECLS
