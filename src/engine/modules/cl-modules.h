/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

ClModule           *cl_modules_create        (const char *id);
const char * const *cl_modules_get_rule_ids  (const char *id);
GStrv               cl_modules_list_rule_ids (void);

G_END_DECLS
