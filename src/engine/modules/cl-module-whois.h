/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_WHOIS (cl_module_whois_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleWhois, cl_module_whois, CL, MODULE_WHOIS, ClModule)

ClModule *cl_module_whois_new (void);

G_END_DECLS
