/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_WAF (cl_module_waf_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleWaf, cl_module_waf, CL, MODULE_WAF, ClModule)

ClModule *cl_module_waf_new (void);

G_END_DECLS
