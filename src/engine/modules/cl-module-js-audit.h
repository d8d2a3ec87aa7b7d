/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_JS_AUDIT (cl_module_js_audit_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleJsAudit, cl_module_js_audit, CL, MODULE_JS_AUDIT, ClModule)

ClModule *cl_module_js_audit_new (void);

G_END_DECLS
