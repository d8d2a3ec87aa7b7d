/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cl-severity.h"

G_BEGIN_DECLS

#define CL_TYPE_FINDING (cl_finding_get_type ())

G_DECLARE_FINAL_TYPE (ClFinding, cl_finding, CL, FINDING, GObject)

ClFinding  *cl_finding_new             (const char *module_id,
                                        const char *rule_id,
                                        ClSeverity  severity,
                                        const char *finding,
                                        const char *remediation,
                                        const char *evidence);
const char *cl_finding_get_module_id   (ClFinding  *self);
const char *cl_finding_get_rule_id     (ClFinding  *self);
ClSeverity  cl_finding_get_severity    (ClFinding  *self);
const char *cl_finding_get_finding     (ClFinding  *self);
const char *cl_finding_get_remediation (ClFinding  *self);
const char *cl_finding_get_evidence    (ClFinding  *self);
int         cl_finding_compare         (ClFinding  *a,
                                        ClFinding  *b);

G_END_DECLS
