/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_COOKIES (cl_module_cookies_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleCookies, cl_module_cookies, CL, MODULE_COOKIES, ClModule)

ClModule *cl_module_cookies_new (void);

G_END_DECLS
