/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cl-scan-job.h"

G_BEGIN_DECLS

#define CL_TYPE_SCAN_VIEW (cl_scan_view_get_type ())

G_DECLARE_FINAL_TYPE (ClScanView, cl_scan_view, CL, SCAN_VIEW, GtkWidget)

ClScanView *cl_scan_view_new    (ClScanJob  *job);
ClScanJob  *cl_scan_view_get_job (ClScanView *self);

G_END_DECLS
