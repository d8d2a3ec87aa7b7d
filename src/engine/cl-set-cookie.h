/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CL_SET_COOKIE_ERROR (cl_set_cookie_error_quark ())

/* Why a Set-Cookie value sets no cookie: a browser ignores it entirely
 * (RFC 6265 §5.2 steps 2 and 5, draft-ietf-httpbis-rfc6265bis §5.6). */
typedef enum
{
  CL_SET_COOKIE_ERROR_NO_EQUALS,  /* the name-value pair has no "=" */
  CL_SET_COOKIE_ERROR_NO_NAME,    /* the name is empty */
  CL_SET_COOKIE_ERROR_CONTROL,    /* a control character */
  CL_SET_COOKIE_ERROR_TOO_LONG,   /* over the size browsers accept */
} ClSetCookieError;

typedef enum
{
  CL_SAME_SITE_UNSET,    /* no SameSite attribute, or a value browsers ignore */
  CL_SAME_SITE_STRICT,
  CL_SAME_SITE_LAX,
  CL_SAME_SITE_NONE,
} ClSameSite;

/* One cookie as a browser reads its Set-Cookie header.  The value is not
 * kept: it may be a session token, and nothing judges it. */
typedef struct
{
  char       *name;
  char       *domain;       /* Domain attribute, lower case, no leading dot; or NULL */
  char       *path;         /* Path attribute when it starts with "/"; or NULL */
  gboolean    secure;
  gboolean    http_only;
  ClSameSite  same_site;
  gboolean    has_max_age;
  gint64      max_age;      /* seconds; <= 0 deletes the cookie */
  gboolean    has_expires;
  gint64      expires;      /* Unix time */
} ClSetCookie;

/* rfc6265bis §5.6: a name and value over 4096 bytes, or an attribute
 * value over 1024, are ignored by browsers.  Longer headers are refused
 * without parsing. */
#define CL_SET_COOKIE_MAX_NAME_VALUE 4096
#define CL_SET_COOKIE_MAX_ATTRIBUTE  1024
#define CL_SET_COOKIE_MAX_LENGTH     8192

GQuark       cl_set_cookie_error_quark  (void);
ClSetCookie *cl_set_cookie_parse        (const char        *header,
                                         GError           **error);
gboolean     cl_set_cookie_get_lifetime (const ClSetCookie *cookie,
                                         gint64             now,
                                         gint64            *seconds);
void         cl_set_cookie_free         (ClSetCookie       *cookie);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClSetCookie, cl_set_cookie_free)

G_END_DECLS
