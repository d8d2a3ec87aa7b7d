/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Kinds of source a directive may let in, as a reviewer asks about them. */
typedef enum
{
  CL_CSP_SOURCE_UNSAFE_INLINE,  /* 'unsafe-inline' not voided by a nonce, hash or 'strict-dynamic' */
  CL_CSP_SOURCE_UNSAFE_EVAL,    /* 'unsafe-eval' */
  CL_CSP_SOURCE_WILDCARD,       /* any host: *, a host-source whose host is *, or a bare
                                 * network scheme (http: https: ws: wss:) */
  CL_CSP_SOURCE_HTTP,           /* cleartext: http: ws: or an http:// ws:// host-source */
  CL_CSP_SOURCE_DATA,           /* data: */
} ClCspSource;

/* The policies of one Content-Security-Policy header value (several when
 * the header was repeated or holds commas; all of them are enforced). */
typedef struct _ClCsp ClCsp;

ClCsp              *cl_csp_parse                   (const char   *serialized);
void                cl_csp_free                    (ClCsp        *self);
guint               cl_csp_get_n_policies          (ClCsp        *self);
guint               cl_csp_get_n_duplicates        (ClCsp        *self);
const char * const *cl_csp_get_directive           (ClCsp        *self,
                                                    guint         policy,
                                                    const char   *name);
const char * const *cl_csp_get_effective_directive (ClCsp        *self,
                                                    guint         policy,
                                                    const char   *name,
                                                    const char  **effective_name);
gboolean            cl_csp_restricts               (ClCsp        *self,
                                                    const char   *name);
gboolean            cl_csp_allows                  (ClCsp        *self,
                                                    const char   *name,
                                                    ClCspSource   source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClCsp, cl_csp_free)

G_END_DECLS
