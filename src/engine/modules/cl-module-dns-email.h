/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE_DNS_EMAIL (cl_module_dns_email_get_type ())

G_DECLARE_FINAL_TYPE (ClModuleDnsEmail, cl_module_dns_email, CL, MODULE_DNS_EMAIL, ClModule)

ClModule *cl_module_dns_email_new (void);

G_END_DECLS
