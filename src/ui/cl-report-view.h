/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cl-report.h"
#include "cl-violation.h"

G_BEGIN_DECLS

#define CL_TYPE_REPORT_VIEW (cl_report_view_get_type ())

G_DECLARE_FINAL_TYPE (ClReportView, cl_report_view, CL, REPORT_VIEW, GtkWidget)

ClReportView *cl_report_view_new        (ClReport     *report);
ClReport     *cl_report_view_get_report (ClReportView      *self);
void          cl_report_view_set_status (ClReportView      *self,
                                         const char        *rule_id,
                                         ClViolationStatus  status);
void          cl_report_view_set_history (ClReportView     *self,
                                          GPtrArray        *history);

G_END_DECLS
