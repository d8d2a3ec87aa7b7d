/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module-cookies.h"
#include "cl-module-result.h"

G_BEGIN_DECLS

/* What the cookies module fetched, kept apart from the judging so that
 * tests can judge recorded responses without a network. */

/* One response of the home page's redirect chain. */
typedef struct
{
  char     *url;          /* what was requested */
  guint     status;       /* the HTTP status, 0 when no response came */
  GPtrArray *set_cookies; /* (element-type utf8) each Set-Cookie value, as sent
                           * (the first CL_SET_COOKIE_MAX_LENGTH + 1 bytes) */
  guint     dropped;      /* Set-Cookie fields beyond CL_COOKIES_MAX_PER_RESPONSE */
  char     *error;        /* why no response came, or NULL */
} ClCookiesHop;

typedef struct
{
  char      *domain;
  gint64     now;         /* Unix time of the fetch: Expires is relative to it */
  GPtrArray *hops;        /* (element-type ClCookiesHop) in order */
} ClCookiesFacts;

#define CL_COOKIES_MAX_REDIRECTS     5
#define CL_COOKIES_MAX_PER_RESPONSE 50
/* Names listed in one finding's evidence. */
#define CL_COOKIES_MAX_LISTED       20

ClCookiesHop   *_cl_cookies_hop_new         (const char     *url,
                                             guint           status);
ClCookiesHop   *_cl_cookies_hop_new_failed  (const char     *url,
                                             const char     *error);
void            _cl_cookies_hop_add_cookie  (ClCookiesHop   *hop,
                                             const char     *set_cookie);
void            _cl_cookies_hop_free        (ClCookiesHop   *hop);
ClCookiesFacts *_cl_cookies_facts_new       (const char     *domain,
                                             gint64          now);
void            _cl_cookies_facts_free      (ClCookiesFacts *facts);
gboolean        _cl_cookies_is_session_name (const char     *name);
void            _cl_module_cookies_judge    (ClCookiesFacts *facts,
                                             ClModuleResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClCookiesHop, _cl_cookies_hop_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClCookiesFacts, _cl_cookies_facts_free)

G_END_DECLS
