/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "cl-resolver.h"
#include "cl-scan-settings.h"

G_BEGIN_DECLS

#define CL_TYPE_SCAN_CONTEXT (cl_scan_context_get_type ())

G_DECLARE_FINAL_TYPE (ClScanContext, cl_scan_context, CL, SCAN_CONTEXT, GObject)

ClScanContext  *cl_scan_context_new              (const char     *domain,
                                                  ClScanSettings *settings,
                                                  ClResolver     *resolver);
const char     *cl_scan_context_get_domain       (ClScanContext  *self);
ClScanSettings *cl_scan_context_get_settings     (ClScanContext  *self);
ClResolver     *cl_scan_context_get_resolver     (ClScanContext  *self);
GPtrArray      *cl_scan_context_get_addresses    (ClScanContext  *self);
void            cl_scan_context_add_address      (ClScanContext  *self,
                                                  GInetAddress   *address);
gboolean        cl_scan_context_get_has_web      (ClScanContext  *self);
void            cl_scan_context_set_has_web      (ClScanContext  *self,
                                                  gboolean        has_web);
SoupSession    *cl_scan_context_get_http_session (ClScanContext  *self);

G_END_DECLS
