/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_SUBDOMAINS (cl_module_subdomains_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleSubdomains, cl_module_subdomains, CL, MODULE_SUBDOMAINS, ClModule)

ClModule *cl_module_subdomains_new (void);

G_END_DECLS
