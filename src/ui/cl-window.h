/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cl-application.h"

G_BEGIN_DECLS

#define CL_TYPE_WINDOW (cl_window_get_type ())

G_DECLARE_FINAL_TYPE (ClWindow, cl_window, CL, WINDOW, AdwApplicationWindow)

ClWindow *cl_window_new        (ClApplication *application);
void      cl_window_start_scan (ClWindow      *self,
                                const char    *input);
void      cl_window_compare    (ClWindow           *self,
                                const char * const *domains);
void      cl_window_export_pdf (ClWindow           *self,
                                GFile              *file);

G_END_DECLS
