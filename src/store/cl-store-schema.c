/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cl-error.h"
#include "cl-store-private.h"

/* The schema, as the ordered steps that build it: migrations[i] takes a
 * database from user_version i to i + 1.  A step is never edited once
 * released (databases out there were made by it); a change is a new step. */
static const char * const migrations[CL_STORE_SCHEMA_VERSION] = {
  /* 1: reports, their findings, violations and their changes.  Times are
   * Unix seconds, UTC.  A scan's violation changes are dated with the
   * scan's own time; a user's with when they were made. */
  "CREATE TABLE scans ("
  "  scan_id    TEXT PRIMARY KEY,"
  "  report_id  TEXT NOT NULL,"
  "  domain     TEXT NOT NULL,"
  "  scanned_at INTEGER NOT NULL,"
  "  score      INTEGER,"               /* NULL: nothing could be scored */
  "  grade      TEXT,"
  "  report     TEXT NOT NULL"          /* the report JSON as issued */
  ");"
  "CREATE INDEX scans_by_domain ON scans (domain, scanned_at);"
  "CREATE INDEX scans_by_report ON scans (report_id);"
  "CREATE TABLE findings ("
  "  id        INTEGER PRIMARY KEY,"
  "  scan_id   TEXT NOT NULL REFERENCES scans (scan_id) ON DELETE CASCADE,"
  "  module    TEXT NOT NULL,"
  "  rule_id   TEXT NOT NULL,"
  "  severity  TEXT NOT NULL,"
  "  finding   TEXT NOT NULL,"
  "  evidence  TEXT,"
  "  excluded  INTEGER NOT NULL DEFAULT 0"   /* left out as a false positive */
  ");"
  "CREATE INDEX findings_by_scan ON findings (scan_id);"
  "CREATE TABLE violations ("
  "  id         INTEGER PRIMARY KEY,"
  "  domain     TEXT NOT NULL,"
  "  rule_id    TEXT NOT NULL,"
  "  module     TEXT NOT NULL,"
  "  severity   TEXT NOT NULL,"
  "  status     TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'false_positive')),"
  "  finding    TEXT,"
  "  first_seen INTEGER NOT NULL,"
  "  last_seen  INTEGER NOT NULL,"
  "  note       TEXT,"
  "  marked_by  TEXT,"
  "  marked_at  INTEGER,"
  "  UNIQUE (domain, rule_id)"
  ");"
  "CREATE TABLE violation_events ("
  "  seq          INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  violation_id INTEGER NOT NULL REFERENCES violations (id) ON DELETE CASCADE,"
  "  at           INTEGER NOT NULL,"
  "  status       TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'false_positive')),"
  "  scan_id      TEXT REFERENCES scans (scan_id) ON DELETE SET NULL,"
  "  actor        TEXT,"                /* the user; NULL when a scan changed it */
  "  note         TEXT"
  ");"
  "CREATE INDEX violation_events_by_violation ON violation_events (violation_id, seq);",

  /* 2: each scan remembers the last violation change made when it was
   * saved, so that a scan's statistics are those of its time, not of
   * today.  Older scans get the last change made by them or dated no later
   * than them (marks made while a scan ran fall after it: close enough). */
  "ALTER TABLE scans ADD COLUMN last_event INTEGER NOT NULL DEFAULT 0;"
  "UPDATE scans SET last_event = COALESCE ("
  "  (SELECT MAX (e.seq) FROM violation_events e"
  "   WHERE e.scan_id = scans.scan_id OR e.at <= scans.scanned_at), 0);",
};

gboolean
cl_store_sql_error (GError     **error,
                    sqlite3     *db,
                    const char  *path,
                    const char  *what)
{
  int errsv = db != NULL ? sqlite3_system_errno (db) : 0;

  /* SQLite says "disk I/O error" or "unable to open database file"; the
   * system's reason ("No space left on device") is what the user can act on */
  if (errsv != 0)
    g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL,
                 /* Translators: "Could not save the report (/path/db): disk I/O error (No space left on device)" */
                 _("Could not %s (%s): %s (%s)"), what, path, sqlite3_errmsg (db), g_strerror (errsv));
  else
    g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL,
                 /* Translators: "Could not save the report (/path/db): database or disk is full" */
                 _("Could not %s (%s): %s"), what, path, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
get_version (sqlite3     *db,
             const char  *path,
             int         *version,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return cl_store_sql_error (error, db, path, _("read the database"));
  *version = sqlite3_column_int (stmt, 0);

  return TRUE;
}

static gboolean
check_known (const char  *path,
             int          version,
             GError     **error)
{
  if (version >= 0 && version <= CL_STORE_SCHEMA_VERSION)
    return TRUE;

  g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL,
               _("The database %s was written by a newer version of ComplianceLayer (schema %d; this version knows up to %d)"),
               path, version, CL_STORE_SCHEMA_VERSION);
  return FALSE;
}

/* Brings the database to CL_STORE_SCHEMA_VERSION in one transaction, so
 * that a migration cut short leaves the database as it was.  A database
 * from a newer version is left alone. */
gboolean
cl_store_schema_migrate (sqlite3     *db,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *set_version = NULL;
  int version;

  if (!get_version (db, path, &version, error))
    return FALSE;
  if (version == CL_STORE_SCHEMA_VERSION)
    return TRUE;
  if (!check_known (path, version, error))
    return FALSE;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return cl_store_sql_error (error, db, path, _("upgrade the database"));
  /* Another process may have upgraded it meanwhile. */
  if (!get_version (db, path, &version, error) || !check_known (path, version, error))
    goto rollback;

  for (; version < CL_STORE_SCHEMA_VERSION; version++)
    {
      if (sqlite3_exec (db, migrations[version], NULL, NULL, NULL) != SQLITE_OK)
        {
          cl_store_sql_error (error, db, path, _("upgrade the database"));
          goto rollback;
        }
      g_debug ("%s: schema %d", path, version + 1);
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", CL_STORE_SCHEMA_VERSION);
  if (sqlite3_exec (db, set_version, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      cl_store_sql_error (error, db, path, _("upgrade the database"));
      goto rollback;
    }

  return TRUE;

rollback:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
