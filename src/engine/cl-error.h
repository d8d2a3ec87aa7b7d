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

G_END_DECLS
