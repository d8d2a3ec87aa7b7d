/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cl-report.h"

G_BEGIN_DECLS

#define CL_TYPE_COMPARE_VIEW (cl_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (ClCompareView, cl_compare_view, CL, COMPARE_VIEW, GtkWidget)

ClCompareView *cl_compare_view_new         (GPtrArray     *reports);
GPtrArray     *cl_compare_view_get_reports (ClCompareView *self);

G_END_DECLS
