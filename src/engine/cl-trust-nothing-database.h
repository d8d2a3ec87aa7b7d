/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CL_TYPE_TRUST_NOTHING_DATABASE (cl_trust_nothing_database_get_type ())
G_DECLARE_FINAL_TYPE (ClTrustNothingDatabase, cl_trust_nothing_database, CL, TRUST_NOTHING_DATABASE, GTlsDatabase)

GTlsDatabase *cl_trust_nothing_database_get_default (void);

G_END_DECLS
