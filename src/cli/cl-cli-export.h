/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-pdf-export.h"
#include "cl-store.h"

G_BEGIN_DECLS

/* How a report is exported: the options that export and scan share. */
typedef struct
{
  char          *pdf;          /* nullable: no PDF */
  char          *json;         /* nullable: no JSON (nor signature file) */
  gboolean       letter;
  gboolean       no_sign;
  char          *signing_key;  /* nullable: the default key */
} ClCliExportOptions;

void     cl_cli_export_options_clear (ClCliExportOptions  *options);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClCliExportOptions, cl_cli_export_options_clear)

gboolean cl_cli_export_report        (ClStore             *store,
                                      ClReport            *report,
                                      ClCliExportOptions  *options,
                                      GError             **error);

int      cl_cli_export               (int                  argc,
                                      char               **argv);
int      cl_cli_verify               (int                  argc,
                                      char               **argv);

G_END_DECLS
