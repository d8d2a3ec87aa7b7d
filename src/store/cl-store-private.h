/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "cl-store.h"

G_BEGIN_DECLS

/* The schema this code writes: PRAGMA user_version. */
#define CL_STORE_SCHEMA_VERSION 2

gboolean cl_store_schema_migrate (sqlite3     *db,
                                  const char  *path,
                                  GError     **error);
/* A CL_ERROR_INTERNAL error with SQLite's message; @what says what could
 * not be done ("save the report").  Returns FALSE. */
gboolean cl_store_sql_error      (GError     **error,
                                  sqlite3     *db,
                                  const char  *path,
                                  const char  *what);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
