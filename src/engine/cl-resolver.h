/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cl-dns-answer.h"

G_BEGIN_DECLS

#define CL_TYPE_RESOLVER (cl_resolver_get_type ())

/* A GResolver backed by libunbound, so that GIO and libsoup connections
 * resolve through the same upstream and trust anchor as the DNS checks. */
G_DECLARE_FINAL_TYPE (ClResolver, cl_resolver, CL, RESOLVER, GResolver)

ClResolver  *cl_resolver_new          (const char           *upstream,
                                       const char           *trust_anchor_file,
                                       guint                 timeout_seconds,
                                       GError              **error);
void         cl_resolver_query_async  (ClResolver           *self,
                                       const char           *name,
                                       guint16               rrtype,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
ClDnsAnswer *cl_resolver_query_finish (ClResolver           *self,
                                       GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS
