/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_DNSSEC (cl_module_dnssec_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleDnssec, cl_module_dnssec, CL, MODULE_DNSSEC, ClModule)

ClModule *cl_module_dnssec_new (void);

G_END_DECLS
