/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_TRACKERS (cl_module_trackers_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleTrackers, cl_module_trackers, CL, MODULE_TRACKERS, ClModule)

ClModule *cl_module_trackers_new (void);

G_END_DECLS
