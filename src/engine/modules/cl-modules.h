/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"

G_BEGIN_DECLS

ClModule *cl_modules_create (const char *id);

G_END_DECLS
