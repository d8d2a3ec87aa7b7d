/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_TECH_STACK (cl_module_tech_stack_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleTechStack, cl_module_tech_stack, CL, MODULE_TECH_STACK, ClModule)

ClModule *cl_module_tech_stack_new (void);

G_END_DECLS
