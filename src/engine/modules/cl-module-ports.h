/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_PORTS (cl_module_ports_get_type ())

G_DECLARE_FINAL_TYPE (ClModulePorts, cl_module_ports, CL, MODULE_PORTS, ClModule)

const char *cl_module_ports_get_caveat (void);

G_END_DECLS
