/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A TLS server sends at most this many certificates that we keep. */
#define CL_TLS_PROBE_MAX_CERTIFICATES 10

#define CL_TYPE_TLS_PROBE (cl_tls_probe_get_type ())

/* One TLS handshake with a chosen offer (a GnuTLS priority string), to
 * learn whether the server accepts it and what it negotiates.  The
 * handshake is not authenticated: the caller judges the certificates. */
G_DECLARE_FINAL_TYPE (ClTlsProbe, cl_tls_probe, CL, TLS_PROBE, GObject)

ClTlsProbe *cl_tls_probe_new                   (GSocketAddress       *address,
                                                const char           *server_name,
                                                const char           *priority,
                                                guint                 timeout_seconds);
GSocketAddress *cl_tls_probe_get_address       (ClTlsProbe           *self);
const char *cl_tls_probe_get_server_name       (ClTlsProbe           *self);
const char *cl_tls_probe_get_priority          (ClTlsProbe           *self);
guint       cl_tls_probe_get_timeout           (ClTlsProbe           *self);
gboolean    cl_tls_probe_run                   (ClTlsProbe           *self,
                                                GCancellable         *cancellable,
                                                GError              **error);
void        cl_tls_probe_run_async             (ClTlsProbe           *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean    cl_tls_probe_run_finish            (ClTlsProbe           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean    cl_tls_probe_get_accepted          (ClTlsProbe           *self);
const char *cl_tls_probe_get_protocol          (ClTlsProbe           *self);
const char *cl_tls_probe_get_cipher_suite      (ClTlsProbe           *self);
const char *cl_tls_probe_get_refusal           (ClTlsProbe           *self);
GPtrArray  *cl_tls_probe_get_peer_certificates (ClTlsProbe           *self);

G_END_DECLS
