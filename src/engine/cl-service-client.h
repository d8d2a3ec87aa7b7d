/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The most a JSON answer may weigh unless the caller says otherwise. */
#define CL_SERVICE_CLIENT_MAX_BODY (1024 * 1024)

#define CL_TYPE_SERVICE_CLIENT (cl_service_client_get_type ())

/* GETs JSON from a remote data service (RDAP, certificate transparency,
 * the breach list) over its own session, trusting the settings' CA file
 * besides the system's, and retrying a busy or failing service. */
G_DECLARE_FINAL_TYPE (ClServiceClient, cl_service_client, CL, SERVICE_CLIENT, GObject)

ClServiceClient *cl_service_client_new             (const char       *ca_file,
                                                    guint             network_timeout);
void             cl_service_client_get_json_async  (ClServiceClient  *self,
                                                    const char       *url,
                                                    gsize             max_size,
                                                    gint64            deadline,
                                                    GCancellable     *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer          user_data);
JsonNode        *cl_service_client_parse_json      (const char       *data,
                                                    gsize             len,
                                                    GError          **error);
/* Typed members of an untrusted object: NULL when absent or of another type. */
const char      *cl_service_client_json_string     (JsonNode         *node,
                                                    const char       *member);
JsonArray       *cl_service_client_json_array      (JsonNode         *node,
                                                    const char       *member);
JsonNode        *cl_service_client_json_member     (JsonNode         *node,
                                                    const char       *member);
JsonNode        *cl_service_client_get_json_finish (ClServiceClient  *self,
                                                    GAsyncResult     *result,
                                                    GError          **error);

G_END_DECLS
