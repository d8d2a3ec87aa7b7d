/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_BLACKLISTS (cl_module_blacklists_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleBlacklists, cl_module_blacklists, CL, MODULE_BLACKLISTS, ClModule)

ClModule *cl_module_blacklists_new (void);

G_END_DECLS
