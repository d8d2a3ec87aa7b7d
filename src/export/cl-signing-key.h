/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CL_TYPE_SIGNING_KEY (cl_signing_key_get_type ())

G_DECLARE_FINAL_TYPE (ClSigningKey, cl_signing_key, CL, SIGNING_KEY, GObject)

char         *cl_signing_key_default_path        (void);
ClSigningKey *cl_signing_key_load                (const char           *path,
                                                  gboolean              create,
                                                  GError              **error);
void          cl_signing_key_load_async          (const char           *path,
                                                  gboolean              create,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
ClSigningKey *cl_signing_key_load_finish         (GAsyncResult         *result,
                                                  GError              **error);
ClSigningKey *cl_signing_key_new_from_public     (GBytes               *spki_der,
                                                  GError              **error);
ClSigningKey *cl_signing_key_new_from_public_pem (const char           *pem,
                                                  GError              **error);
gboolean      cl_signing_key_can_sign            (ClSigningKey         *self);
const char   *cl_signing_key_get_fingerprint     (ClSigningKey         *self);
GBytes       *cl_signing_key_get_public_der      (ClSigningKey         *self);
char         *cl_signing_key_get_public_pem      (ClSigningKey         *self);
GBytes       *cl_signing_key_sign                (ClSigningKey         *self,
                                                  GBytes               *data,
                                                  GError              **error);
gboolean      cl_signing_key_verify              (ClSigningKey         *self,
                                                  GBytes               *data,
                                                  GBytes               *signature,
                                                  GError              **error);

G_END_DECLS
