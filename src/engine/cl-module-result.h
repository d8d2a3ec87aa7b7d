/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cl-finding.h"

G_BEGIN_DECLS

typedef enum
{
  CL_MODULE_STATUS_COMPLETED,        /* ran; its findings count */
  CL_MODULE_STATUS_UNAVAILABLE,      /* could not be carried out: weight spread, caveat */
  CL_MODULE_STATUS_NOT_APPLICABLE,   /* nothing to check (no web presence) */
  CL_MODULE_STATUS_NOT_IMPLEMENTED,  /* not part of this version */
  CL_N_MODULE_STATUSES
} ClModuleStatus;

const char *cl_module_status_to_string   (ClModuleStatus  status);
const char *cl_module_status_to_label    (ClModuleStatus  status);
gboolean    cl_module_status_from_string (const char     *str,
                                          ClModuleStatus *status);

#define CL_TYPE_MODULE_RESULT (cl_module_result_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleResult, cl_module_result, CL, MODULE_RESULT, GObject)

ClModuleResult *cl_module_result_new          (const char     *module_id);
const char     *cl_module_result_get_module_id (ClModuleResult *self);
ClModuleStatus  cl_module_result_get_status   (ClModuleResult *self);
const char     *cl_module_result_get_reason   (ClModuleResult *self);
void            cl_module_result_set_status   (ClModuleResult *self,
                                               ClModuleStatus  status,
                                               const char     *reason);
GPtrArray      *cl_module_result_get_findings (ClModuleResult *self);
void            cl_module_result_take_finding (ClModuleResult *self,
                                               ClFinding      *finding);
ClFinding      *cl_module_result_add          (ClModuleResult *self,
                                               const char     *rule_id,
                                               ClSeverity      severity,
                                               const char     *finding,
                                               const char     *remediation,
                                               const char     *evidence_format,
                                               ...) G_GNUC_PRINTF (6, 7);
gboolean        cl_module_result_has_rule     (ClModuleResult *self,
                                               const char     *rule_id);
/* A limit of what the module could see, for the report's caveats
 * ("DKIM false negatives possible with custom selectors"). */
void            cl_module_result_add_caveat   (ClModuleResult *self,
                                               const char     *caveat);
GPtrArray      *cl_module_result_get_caveats  (ClModuleResult *self);

G_END_DECLS
