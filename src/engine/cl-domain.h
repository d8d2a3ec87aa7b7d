/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cl_domain_normalize (const char  *input,
                           GError     **error);

G_END_DECLS
