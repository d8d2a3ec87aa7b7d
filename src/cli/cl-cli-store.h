/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-store.h"

G_BEGIN_DECLS

ClStore *cl_cli_open_store       (const char  *database,
                                  gboolean     create,
                                  GError     **error);

int      cl_cli_history          (int          argc,
                                  char       **argv);
int      cl_cli_violations       (int          argc,
                                  char       **argv);
int      cl_cli_mark             (int          argc,
                                  char       **argv);
int      cl_cli_compliance_score (int          argc,
                                  char       **argv);
int      cl_cli_report           (int          argc,
                                  char       **argv);

G_END_DECLS
