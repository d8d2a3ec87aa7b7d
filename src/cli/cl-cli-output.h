/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-report.h"

G_BEGIN_DECLS

/* Exit codes of compliancelayer-cli: distinct per seed error code. */
typedef enum
{
  CL_EXIT_OK = 0,
  CL_EXIT_PARTIAL = 1,       /* a batch where some domains failed */
  CL_EXIT_VALIDATION = 2,    /* VALIDATION_ERROR, and bad usage */
  CL_EXIT_NOT_FOUND = 3,     /* NOT_FOUND */
  CL_EXIT_INTERNAL = 4,      /* INTERNAL_ERROR, or the scan could not be done */
  CL_EXIT_CANCELLED = 130,   /* interrupted, as shells report SIGINT */
} ClExit;

ClExit  cl_cli_exit_for_error   (const GError *error);
void    cl_cli_print_error      (const char   *domain,
                                 const GError *error,
                                 gboolean      json);
char   *cl_cli_error_json       (const char   *domain,
                                 const GError *error);
void    cl_cli_print_summary    (ClReport     *report);
char   *cl_cli_format_time      (GDateTime    *time);

G_END_DECLS
