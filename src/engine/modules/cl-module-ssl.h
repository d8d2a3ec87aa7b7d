/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_SSL (cl_module_ssl_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleSsl, cl_module_ssl, CL, MODULE_SSL, ClModule)

ClModule *cl_module_ssl_new (void);

G_END_DECLS
