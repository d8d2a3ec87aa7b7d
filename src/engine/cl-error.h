/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CL_ERROR (cl_error_quark ())

/* The seed's error codes, plus what a module can report about itself. */
typedef enum
{
  CL_ERROR_VALIDATION,   /* VALIDATION_ERROR: bad input, nothing was sent */
  CL_ERROR_NOT_FOUND,    /* NOT_FOUND: the name, scan or report does not exist */
  CL_ERROR_INTERNAL,     /* INTERNAL_ERROR: our fault or the machine's */
  CL_ERROR_UNAVAILABLE,  /* a remote service or a host could not be reached */
} ClError;

GQuark       cl_error_quark     (void);
const char  *cl_error_code_name (const GError *error);

/* Sets a CL_ERROR_VALIDATION error and returns FALSE, for parsers. */
gboolean     cl_error_invalid   (GError      **error,
                                 const char   *format,
                                 ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
