/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CL_HSTS_ERROR (cl_hsts_error_quark ())

/* Why a Strict-Transport-Security value is not a policy.  A browser
 * ignores such a header entirely (RFC 6797 §6.1, rules 2 and 4). */
typedef enum
{
  CL_HSTS_ERROR_SYNTAX,             /* not directive *( ";" directive ) */
  CL_HSTS_ERROR_DUPLICATE,          /* a directive appears twice */
  CL_HSTS_ERROR_MISSING_MAX_AGE,    /* max-age is required */
  CL_HSTS_ERROR_INVALID_MAX_AGE,    /* max-age is not delta-seconds */
} ClHstsError;

/* One Strict-Transport-Security policy as RFC 6797 §6.1 defines it, plus
 * the de facto "preload" directive of the browsers' preload lists. */
typedef struct
{
  guint64  max_age;             /* seconds, saturated at G_MAXUINT64 */
  gboolean include_subdomains;
  gboolean preload;
} ClHsts;

/* Larger values are refused without parsing: a real one is < 100 bytes. */
#define CL_HSTS_MAX_LENGTH 4096

GQuark   cl_hsts_error_quark (void);
gboolean cl_hsts_parse       (const char  *value,
                              ClHsts      *hsts,
                              GError     **error);

G_END_DECLS
