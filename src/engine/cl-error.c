/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-error"

#include "config.h"

#include "cl-error.h"

G_DEFINE_QUARK (cl-error-quark, cl_error)

/* The machine-readable code printed by the CLI and the API, as the seeds
 * name them.  Errors from other domains are ours to explain, so they are
 * INTERNAL_ERROR. */
const char *
cl_error_code_name (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == CL_ERROR)
    {
      switch ((ClError) error->code)
        {
        case CL_ERROR_VALIDATION:
          return "VALIDATION_ERROR";
        case CL_ERROR_NOT_FOUND:
          return "NOT_FOUND";
        case CL_ERROR_UNAVAILABLE:
          /* the seeds know no other code: a scan that could not be done is ours to explain */
          break;
        case CL_ERROR_INTERNAL:
        default:
          break;
        }
    }

  return "INTERNAL_ERROR";
}

gboolean
cl_error_invalid (GError     **error,
                  const char  *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    {
      g_assert (*error == NULL);
      *error = g_error_new_valist (CL_ERROR, CL_ERROR_VALIDATION, format, args);
    }
  va_end (args);

  return FALSE;
}
