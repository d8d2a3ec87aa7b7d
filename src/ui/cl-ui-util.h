/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cl-module-result.h"
#include "cl-report.h"
#include "cl-severity.h"

G_BEGIN_DECLS

GtkWidget  *cl_ui_score_badge          (guint          score);
GtkWidget  *cl_ui_grade_badge          (const char    *grade);
GtkWidget  *cl_ui_severity_badge       (ClSeverity     severity);
void        cl_ui_unparent_children    (GtkWidget     *widget);
GtkWidget  *cl_ui_text_row_new         (const char    *title,
                                        const char    *subtitle,
                                        gboolean       wrap,
                                        GtkWidget     *suffix);
GtkWidget  *cl_ui_choice_dialog_new    (GtkWindow     *parent,
                                        const char    *heading,
                                        const char    *body,
                                        GtkWidget     *extra_child,
                                        const char    *response,
                                        const char    *response_label);

/* The gauge's size on a report page. */
#define CL_UI_REPORT_GAUGE_SIZE 180

GtkWidget *cl_ui_gauge_new              (ClReport      *report,
                                         int            size);
void       cl_ui_prepare_process        (void);
void       cl_ui_warm_up_charts         (void);
void       cl_ui_trim_heap              (void);

G_END_DECLS
