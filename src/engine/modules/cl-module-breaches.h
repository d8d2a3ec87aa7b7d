/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_BREACHES (cl_module_breaches_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleBreaches, cl_module_breaches, CL, MODULE_BREACHES, ClModule)

ClModule *cl_module_breaches_new (void);

G_END_DECLS
