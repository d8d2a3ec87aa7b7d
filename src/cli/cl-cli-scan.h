/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cl_cli_scan (int    argc,
                 char **argv);

G_END_DECLS
