/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CL_TYPE_TRUST_DATABASE (cl_trust_database_get_type ())
G_DECLARE_FINAL_TYPE (ClTrustDatabase, cl_trust_database, CL, TRUST_DATABASE, GTlsDatabase)

GTlsDatabase *cl_trust_database_get_nothing (void);
GTlsDatabase *cl_trust_database_new         (const char  *ca_file,
                                             GError     **error);
void          cl_trust_database_install     (void);

G_END_DECLS
