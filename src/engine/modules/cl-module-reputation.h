/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_REPUTATION (cl_module_reputation_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleReputation, cl_module_reputation, CL, MODULE_REPUTATION, ClModule)

ClModule *cl_module_reputation_new (void);

G_END_DECLS
