/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_HEADERS (cl_module_headers_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleHeaders, cl_module_headers, CL, MODULE_HEADERS, ClModule)

ClModule *cl_module_headers_new (void);

G_END_DECLS
