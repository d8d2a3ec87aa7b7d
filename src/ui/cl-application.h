/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cl-scan-settings.h"
#include "cl-store.h"

G_BEGIN_DECLS

#define CL_TYPE_APPLICATION (cl_application_get_type ())

G_DECLARE_FINAL_TYPE (ClApplication, cl_application, CL, APPLICATION, AdwApplication)

ClApplication  *cl_application_new                 (void);
GSettings      *cl_application_get_settings        (ClApplication *self);
ClScanSettings *cl_application_dup_scan_settings   (ClApplication *self);
ClStore        *cl_application_get_store           (ClApplication *self);
const char     *cl_application_get_store_error     (ClApplication *self);

G_END_DECLS
