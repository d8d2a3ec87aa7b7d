/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cl-error.h"
#include "cl-store-private.h"

/* Every completed report, its findings and the domain's violations, in one
 * SQLite file that only its user can read.  Each write is one transaction
 * in WAL mode with full syncs: a process killed at any moment leaves the
 * database as it was before that write or after it, never in between.
 *
 * A violation is a domain's rule (UNIQUE (domain, rule_id)); saving a
 * report moves it through its lifecycle and logs every change in
 * violation_events; each scan records the last change made when it was
 * saved (last_event), which is what "the violations as of that scan"
 * means. */

#define SCAN_ID_PREFIX "cl_scan_"
#define SCAN_ID_HEX 16
#define REPORT_ID_PREFIX "cl_rpt_"
#define REPORT_ID_HEX 12
/* Another process writing (a batch, the app) is waited for this long. */
#define BUSY_TIMEOUT_MS 10000

struct _ClStore
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
  GMutex   call_lock;  /* one cl_store_call_async() worker at a time */
};

static void cl_store_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ClStore, cl_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, cl_store_initable_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * cl_store_default_path:
 *
 * Returns: (transfer full): `$COMPLIANCELAYER_DATABASE` if set, else the
 *   user's database, `$XDG_DATA_HOME/compliancelayer/compliancelayer.db`
 */
char *
cl_store_default_path (void)
{
  const char *env = g_getenv ("COMPLIANCELAYER_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "compliancelayer", "compliancelayer.db", NULL);
}

/* ------------------------------------------------------------ helpers -- */

static gboolean
sql_error (ClStore     *self,
           const char  *what,
           GError     **error)
{
  return cl_store_sql_error (error, self->db, self->path, what);
}

/* Prepares @sql and binds its parameters in order, by @types: 's' a
 * string (NULL binds NULL), 'i' a gint64 (pass a gint64, not an int). */
static sqlite3_stmt *
prepare (ClStore     *self,
         const char  *what,
         GError     **error,
         const char  *sql,
         const char  *types,
         ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list args;
  int rc = SQLITE_OK;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return sql_error (self, what, error), NULL;

  va_start (args, types);
  for (int i = 0; types[i] != '\0' && rc == SQLITE_OK; i++)
    {
      switch (types[i])
        {
        case 's':
          rc = sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
          break;
        case 'i':
          rc = sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  va_end (args);
  if (rc != SQLITE_OK)
    return sql_error (self, what, error), NULL;

  return g_steal_pointer (&stmt);
}

/* Runs a statement that returns no rows. */
static gboolean
run (ClStore       *self,
     sqlite3_stmt  *stmt,
     const char    *what,
     GError       **error)
{
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return sql_error (self, what, error);
  return TRUE;
}

/* Steps to the next row: TRUE on a row, FALSE at the end or on an error
 * (then @error is set). */
static gboolean
next_row (ClStore       *self,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    sql_error (self, _("read the database"), error);
  return FALSE;
}

/* IMMEDIATE: take the write lock now, so that a busy database is waited for
 * here and not refused halfway through. */
static gboolean
begin (ClStore     *self,
       const char  *what,
       GError     **error)
{
  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return sql_error (self, what, error);
  return TRUE;
}

static gboolean
commit (ClStore     *self,
        const char  *what,
        GError     **error)
{
  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      sql_error (self, what, error);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static void
rollback (ClStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

static GDateTime *
column_time (sqlite3_stmt *stmt,
             int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, column));
}

static ClSeverity
column_severity (sqlite3_stmt *stmt,
                 int           column)
{
  ClSeverity severity = CL_SEVERITY_INFO;

  cl_severity_from_string (column_text (stmt, column), &severity);
  return severity;
}

static ClViolationStatus
column_status (sqlite3_stmt *stmt,
               int           column)
{
  ClViolationStatus status = CL_VIOLATION_OPEN;

  /* the schema's CHECK allows nothing else */
  cl_violation_status_from_string (column_text (stmt, column), &status);
  return status;
}

static gboolean
is_id (const char *str,
       const char *prefix,
       guint       n_hex)
{
  if (str == NULL || !g_str_has_prefix (str, prefix) || strlen (str) != strlen (prefix) + n_hex)
    return FALSE;
  for (const char *p = str + strlen (prefix); *p; p++)
    {
      if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
        return FALSE;
    }
  return TRUE;
}

static char *
new_scan_id (void)
{
  return g_strdup_printf (SCAN_ID_PREFIX "%08x%08x", g_random_int (), g_random_int ());
}

static gboolean
domain_known (ClStore     *self,
              const char  *domain,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = prepare (self, _("read the database"), error,
                  "SELECT 1 FROM scans WHERE domain = ? LIMIT 1", "s", domain);
  if (stmt == NULL)
    return FALSE;
  if (next_row (self, stmt, &local_error))
    return TRUE;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, CL_ERROR, CL_ERROR_NOT_FOUND, _("No scan of %s in the store"), domain);
  return FALSE;
}

/* ------------------------------------------------------------ opening -- */

/* Group and others lose every right on an existing file; a missing one is
 * left missing. */
static void
restrict_mode (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
    g_chmod (path, st.st_mode & 0700);
}

/* The folder 0700 when we make it, the file 0600 before SQLite creates it
 * (SQLite gives its -wal and -shm files the database's mode). */
static gboolean
prepare_file (const char  *path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL, _("Could not create the folder %s: %s"),
                   dir, g_strerror (errsv));
      return FALSE;
    }

  /* A file we may not write (read-only media) is still opened for reading. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd >= 0)
    close (fd);
  restrict_mode (path);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *side = g_strconcat (path, i == 0 ? "-wal" : "-shm", NULL);
      restrict_mode (side);
    }

  return TRUE;
}

static gboolean
cl_store_initable_init (GInitable     *initable,
                        GCancellable  *cancellable,
                        GError       **error)
{
  ClStore *self = CL_STORE (initable);

  if (self->path == NULL)
    self->path = cl_store_default_path ();

  if (!prepare_file (self->path, error))
    return FALSE;

  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    return sql_error (self, _("open the database"), error);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* WAL: readers never block the writer, and a torn write is rolled back
   * at the next open.  synchronous=FULL: a report printed as saved is on
   * disk, even if the power fails right after. */
  if (sqlite3_exec (self->db,
                    "PRAGMA foreign_keys = ON;"
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = FULL;",
                    NULL, NULL, NULL) != SQLITE_OK)
    return sql_error (self, _("open the database"), error);

  return cl_store_schema_migrate (self->db, self->path, error);
}

static void
cl_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = cl_store_initable_init;
}

static void
cl_store_finalize (GObject *object)
{
  ClStore *self = (ClStore *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->call_lock);

  G_OBJECT_CLASS (cl_store_parent_class)->finalize (object);
}

static void
cl_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  ClStore *self = CL_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  ClStore *self = CL_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_store_class_init (ClStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cl_store_finalize;
  object_class->get_property = cl_store_get_property;
  object_class->set_property = cl_store_set_property;

  /* NULL at construction: cl_store_default_path() */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cl_store_init (ClStore *self)
{
  g_mutex_init (&self->call_lock);
}

/**
 * cl_store_new:
 * @path: (nullable): the database file; %NULL for cl_store_default_path()
 *
 * Opens the database, creating it (and its folder) if needed and bringing
 * an older schema up to date.
 *
 * Returns: (transfer full): the store, or %NULL with a %CL_ERROR_INTERNAL
 *   error
 */
ClStore *
cl_store_new (const char  *path,
              GError     **error)
{
  return g_initable_new (CL_TYPE_STORE, NULL, error, "path", path, NULL);
}

const char *
cl_store_get_path (ClStore *self)
{
  g_return_val_if_fail (CL_IS_STORE (self), NULL);
  return self->path;
}

/* ------------------------------------------------------ saving reports -- */

static gboolean
insert_event (ClStore            *self,
              gint64              violation_id,
              gint64              at,
              ClViolationStatus   status,
              const char         *scan_id,
              const char         *actor,
              const char         *note,
              const char         *what,
              GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, what, error,
                  "INSERT INTO violation_events (violation_id, at, status, scan_id, actor, note)"
                  " VALUES (?, ?, ?, ?, ?, ?)",
                  "iissss", violation_id, at, cl_violation_status_to_string (status),
                  scan_id, actor, note);
  return run (self, stmt, what, error);
}

static gboolean
insert_findings (ClStore     *self,
                 const char  *scan_id,
                 GPtrArray   *findings,
                 gboolean     excluded,
                 const char  *what,
                 GError     **error)
{
  for (guint i = 0; i < findings->len; i++)
    {
      ClFinding *f = g_ptr_array_index (findings, i);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      stmt = prepare (self, what, error,
                      "INSERT INTO findings (scan_id, module, rule_id, severity, finding, evidence, excluded)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)",
                      "ssssssi", scan_id, cl_finding_get_module_id (f), cl_finding_get_rule_id (f),
                      cl_severity_to_string (cl_finding_get_severity (f)), cl_finding_get_finding (f),
                      cl_finding_get_evidence (f), (gint64)excluded);
      if (!run (self, stmt, what, error))
        return FALSE;
    }
  return TRUE;
}

/* What a scan found of one rule: its most severe finding, and the user's
 * exclusion if the report left it out as a false positive. */
typedef struct
{
  ClFinding   *finding;
  ClExclusion *exclusion;
} Found;

typedef struct
{
  gint64             id;
  char              *rule_id;
  char              *module_id;
  ClViolationStatus  status;
} Existing;

static void
existing_free (Existing *e)
{
  g_free (e->rule_id);
  g_free (e->module_id);
  g_free (e);
}

/* rule id → Found.  Informational findings are not violations: they cost
 * nothing and say what is there ("DKIM found"), not what is wrong. */
static GHashTable *
found_rules (ClReport *report)
{
  GHashTable *found = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GPtrArray *lists[] = { cl_report_get_issues (report), cl_report_get_excluded (report) };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      /* both most severe first: the first finding of a rule is its worst */
      for (guint i = 0; i < lists[l]->len; i++)
        {
          ClFinding *f = g_ptr_array_index (lists[l], i);
          const char *rule_id = cl_finding_get_rule_id (f);
          Found *found_rule;

          if (cl_finding_get_severity (f) == CL_SEVERITY_INFO ||
              g_hash_table_contains (found, rule_id))
            continue;
          found_rule = g_new0 (Found, 1);
          found_rule->finding = f;
          found_rule->exclusion = l == 1 ? cl_report_find_exclusion (report, rule_id) : NULL;
          g_hash_table_insert (found, (gpointer)rule_id, found_rule);
        }
    }

  return found;
}

static GPtrArray *
existing_violations (ClStore     *self,
                     const char  *domain,
                     const char  *what,
                     GError     **error)
{
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func ((GDestroyNotify)existing_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = prepare (self, what, error,
                  "SELECT id, rule_id, module, status FROM violations WHERE domain = ?", "s", domain);
  if (stmt == NULL)
    return NULL;
  while (next_row (self, stmt, &local_error))
    {
      Existing *e = g_new0 (Existing, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->rule_id = g_strdup (column_text (stmt, 1));
      e->module_id = g_strdup (column_text (stmt, 2));
      e->status = column_status (stmt, 3);
      g_ptr_array_add (existing, e);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;

  return g_steal_pointer (&existing);
}

/* The lifecycle: a rule found is open (a resolved one reopens; a false
 * positive stays one); an open rule not found by its module is resolved,
 * but only if that module completed: unavailable or not applicable, it did
 * not look. */
static gboolean
update_violations (ClStore     *self,
                   ClReport    *report,
                   const char  *scan_id,
                   gint64       at,
                   const char  *what,
                   GError     **error)
{
  const char *domain = cl_report_get_domain (report);
  g_autoptr(GHashTable) found = found_rules (report);
  g_autoptr(GHashTable) completed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) existing = NULL;
  GPtrArray *results = cl_report_get_results (report);
  GHashTableIter iter;
  Found *f;

  for (guint i = 0; i < results->len; i++)
    {
      ClModuleResult *result = g_ptr_array_index (results, i);

      if (cl_module_result_get_status (result) == CL_MODULE_STATUS_COMPLETED)
        g_hash_table_add (completed, (gpointer)cl_module_result_get_module_id (result));
    }

  if (!(existing = existing_violations (self, domain, what, error)))
    return FALSE;

  for (guint i = 0; i < existing->len; i++)
    {
      Existing *e = g_ptr_array_index (existing, i);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      f = g_hash_table_lookup (found, e->rule_id);
      if (f != NULL)
        {
          ClViolationStatus status = e->status == CL_VIOLATION_RESOLVED ? CL_VIOLATION_OPEN : e->status;

          stmt = prepare (self, what, error,
                          "UPDATE violations SET status = ?, module = ?, severity = ?, finding = ?,"
                          " last_seen = ? WHERE id = ?",
                          "ssssii", cl_violation_status_to_string (status),
                          cl_finding_get_module_id (f->finding),
                          cl_severity_to_string (cl_finding_get_severity (f->finding)),
                          cl_finding_get_finding (f->finding), at, e->id);
          if (!run (self, stmt, what, error) ||
              (status != e->status &&
               !insert_event (self, e->id, at, status, scan_id, NULL, NULL, what, error)))
            return FALSE;
          g_hash_table_remove (found, e->rule_id);
        }
      else if (e->status == CL_VIOLATION_OPEN && g_hash_table_contains (completed, e->module_id))
        {
          stmt = prepare (self, what, error,
                          "UPDATE violations SET status = 'resolved' WHERE id = ?", "i", e->id);
          if (!run (self, stmt, what, error) ||
              !insert_event (self, e->id, at, CL_VIOLATION_RESOLVED, scan_id, NULL, NULL, what, error))
            return FALSE;
        }
    }

  /* New rules.  One left out by the report as a false positive without a
   * violation here was judged elsewhere: it is kept as judged, by whom. */
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&f))
    {
      ClExclusion *ex = f->exclusion;
      ClViolationStatus status = ex != NULL ? CL_VIOLATION_FALSE_POSITIVE : CL_VIOLATION_OPEN;
      gint64 marked_at = ex != NULL ? g_date_time_to_unix (ex->marked_at) : 0;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gint64 id;

      stmt = prepare (self, what, error,
                      "INSERT INTO violations (domain, rule_id, module, severity, status, finding,"
                      " first_seen, last_seen, note, marked_by, marked_at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF (?, 0))",
                      "ssssssiissi", domain, cl_finding_get_rule_id (f->finding),
                      cl_finding_get_module_id (f->finding),
                      cl_severity_to_string (cl_finding_get_severity (f->finding)),
                      cl_violation_status_to_string (status), cl_finding_get_finding (f->finding),
                      at, at, ex != NULL ? ex->note : NULL, ex != NULL ? ex->marked_by : NULL,
                      marked_at);
      if (!run (self, stmt, what, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (self->db);
      if (!insert_event (self, id, ex != NULL ? marked_at : at, status, scan_id,
                         ex != NULL ? ex->marked_by : NULL, ex != NULL ? ex->note : NULL,
                         what, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_in_transaction (ClStore     *self,
                     ClReport    *report,
                     const char  *scan_id,
                     const char  *what,
                     GError     **error)
{
  const char *domain = cl_report_get_domain (report);
  gint64 at = g_date_time_to_unix (cl_report_get_scanned_at (report));
  g_autoptr(JsonNode) root = cl_report_to_json (report);
  g_autofree char *json = json_to_string (root, FALSE);
  g_autoptr(sqlite3_stmt) latest = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) snapshot = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean newest = TRUE;

  latest = prepare (self, what, error,
                    "SELECT MAX (scanned_at) FROM scans WHERE domain = ?", "s", domain);
  if (latest == NULL)
    return FALSE;
  if (next_row (self, latest, &local_error) && sqlite3_column_type (latest, 0) != SQLITE_NULL)
    newest = at >= sqlite3_column_int64 (latest, 0);
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  insert = prepare (self, what, error,
                    "INSERT INTO scans (scan_id, report_id, domain, scanned_at, score, grade, report)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    "sssi", scan_id, cl_report_get_id (report), domain, at);
  if (insert == NULL)
    return FALSE;
  if (cl_report_has_score (report))
    sqlite3_bind_int64 (insert, 5, cl_report_get_score (report));
  sqlite3_bind_text (insert, 6, cl_report_get_grade (report), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 7, json, -1, SQLITE_TRANSIENT);
  if (!run (self, insert, what, error) ||
      !insert_findings (self, scan_id, cl_report_get_issues (report), FALSE, what, error) ||
      !insert_findings (self, scan_id, cl_report_get_excluded (report), TRUE, what, error))
    return FALSE;

  /* A report older than the domain's latest (saved late, imported) joins
   * the history but does not turn the clock back on the violations. */
  if (newest)
    {
      if (!update_violations (self, report, scan_id, at, what, error))
        return FALSE;
      snapshot = prepare (self, what, error,
                          "UPDATE scans SET last_event ="
                          " (SELECT COALESCE (MAX (seq), 0) FROM violation_events) WHERE scan_id = ?",
                          "s", scan_id);
    }
  else
    snapshot = prepare (self, what, error,
                        "UPDATE scans SET last_event ="
                        " (SELECT COALESCE (MAX (seq), 0) FROM violation_events WHERE at <= ?)"
                        " WHERE scan_id = ?",
                        "is", at, scan_id);

  return run (self, snapshot, what, error);
}

/**
 * cl_store_save_report:
 * @report: a completed report
 *
 * Records @report, its findings, and what it means for the domain's
 * violations, in one transaction.
 *
 * Returns: (transfer full): the new scan id ("cl_scan_" and 16 hex
 *   digits), or %NULL with a %CL_ERROR_INTERNAL error (nothing written)
 */
char *
cl_store_save_report (ClStore   *self,
                      ClReport  *report,
                      GError   **error)
{
  const char *what = _("save the report");
  g_autofree char *scan_id = new_scan_id ();

  g_return_val_if_fail (CL_IS_STORE (self), NULL);
  g_return_val_if_fail (CL_IS_REPORT (report), NULL);

  if (!begin (self, what, error))
    return NULL;
  if (!save_in_transaction (self, report, scan_id, what, error))
    {
      rollback (self);
      return NULL;
    }
  if (!commit (self, what, error))
    return NULL;

  return g_steal_pointer (&scan_id);
}

/* ------------------------------------------------------------ reading -- */

/**
 * cl_store_list_exclusions:
 * @domain: a normalised domain
 *
 * Returns: (transfer full) (element-type ClExclusion): the rules the user
 *   judged false positives for @domain, for cl_report_new_full(); %NULL
 *   only on an error
 */
GPtrArray *
cl_store_list_exclusions (ClStore     *self,
                          const char  *domain,
                          GError     **error)
{
  g_autoptr(GPtrArray) exclusions = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_exclusion_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CL_IS_STORE (self), NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  stmt = prepare (self, _("read the database"), error,
                  "SELECT rule_id, note, COALESCE (marked_by, ''), COALESCE (marked_at, last_seen)"
                  " FROM violations WHERE domain = ? AND status = 'false_positive' ORDER BY rule_id",
                  "s", domain);
  if (stmt == NULL)
    return NULL;
  while (next_row (self, stmt, &local_error))
    {
      g_autoptr(GDateTime) marked_at = column_time (stmt, 3);

      g_ptr_array_add (exclusions, cl_exclusion_new (column_text (stmt, 0), column_text (stmt, 1),
                                                     column_text (stmt, 2), marked_at));
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;

  return g_steal_pointer (&exclusions);
}

/**
 * cl_store_find_recent_report:
 * @domain: a normalised domain
 * @max_age_seconds: how old the report may be
 *
 * The cache: the domain's latest report if it was scanned at most
 * @max_age_seconds ago and nothing changed since (no violation marked by
 * the user after it, which the report would not show).  A report this
 * version would derive differently (another report id) is not reused.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL without an
 *   error when there is none, or %NULL with an error
 */
ClReport *
cl_store_find_recent_report (ClStore     *self,
                             const char  *domain,
                             guint        max_age_seconds,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ClReport) report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (CL_IS_STORE (self), NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  stmt = prepare (self, _("read the database"), error,
                  "SELECT report, report_id, scanned_at,"
                  "  EXISTS (SELECT 1 FROM violation_events e JOIN violations v ON v.id = e.violation_id"
                  "          WHERE v.domain = s.domain AND e.seq > s.last_event)"
                  " FROM scans s WHERE domain = ? ORDER BY scanned_at DESC, rowid DESC LIMIT 1",
                  "s", domain);
  if (stmt == NULL)
    return NULL;
  if (!next_row (self, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (g_date_time_to_unix (now) - sqlite3_column_int64 (stmt, 2) > (gint64)max_age_seconds ||
      sqlite3_column_int (stmt, 3) != 0)
    return NULL;

  if (!(root = json_from_string (column_text (stmt, 0), &local_error)) ||
      !(report = cl_report_new_from_json (root, &local_error)) ||
      g_strcmp0 (cl_report_get_id (report), column_text (stmt, 1)) != 0)
    {
      g_debug ("%s: stored report %s not reused: %s", domain, column_text (stmt, 1),
               local_error != NULL ? local_error->message : "another id");
      return NULL;
    }

  return g_steal_pointer (&report);
}

/**
 * cl_store_get_report_json:
 * @report_id: "cl_rpt_" and 12 hex digits
 *
 * Returns: (transfer full): the report as it was issued, or %NULL with a
 *   %CL_ERROR_VALIDATION (malformed id), %CL_ERROR_NOT_FOUND or
 *   %CL_ERROR_INTERNAL error
 */
JsonNode *
cl_store_get_report_json (ClStore     *self,
                          const char  *report_id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (CL_IS_STORE (self), NULL);

  if (!is_id (report_id, REPORT_ID_PREFIX, REPORT_ID_HEX))
    return cl_error_invalid (error, _("“%s” is not a report id (cl_rpt_ and 12 hex digits)"),
                             report_id != NULL ? report_id : ""), NULL;

  stmt = prepare (self, _("read the database"), error,
                  "SELECT report FROM scans WHERE report_id = ? ORDER BY scanned_at DESC LIMIT 1",
                  "s", report_id);
  if (stmt == NULL)
    return NULL;
  if (!next_row (self, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CL_ERROR, CL_ERROR_NOT_FOUND, _("No report %s in the store"), report_id);
      return NULL;
    }

  if (!(root = json_from_string (column_text (stmt, 0), &local_error)))
    g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL, _("The stored report %s is damaged: %s"),
                 report_id, local_error->message);
  return root;
}

static ClScanRecord *
scan_record_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) scanned_at = column_time (stmt, 3);

  /* scan_id, report_id, domain, scanned_at, score */
  return cl_scan_record_new (column_text (stmt, 0), column_text (stmt, 1), column_text (stmt, 2),
                             scanned_at, sqlite3_column_type (stmt, 4) != SQLITE_NULL,
                             CLAMP (sqlite3_column_int (stmt, 4), 0, 100));
}

/**
 * cl_store_list_history:
 * @domain: a normalised domain
 *
 * Returns: (transfer full) (element-type ClScanRecord): the domain's
 *   scans, oldest first, or %NULL with a %CL_ERROR_NOT_FOUND error (never
 *   scanned) or %CL_ERROR_INTERNAL
 */
GPtrArray *
cl_store_list_history (ClStore     *self,
                       const char  *domain,
                       GError     **error)
{
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_scan_record_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CL_IS_STORE (self), NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  stmt = prepare (self, _("read the database"), error,
                  "SELECT scan_id, report_id, domain, scanned_at, score FROM scans"
                  " WHERE domain = ? ORDER BY scanned_at, rowid",
                  "s", domain);
  if (stmt == NULL)
    return NULL;
  while (next_row (self, stmt, &local_error))
    g_ptr_array_add (history, scan_record_from_row (stmt));
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
  if (history->len == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_NOT_FOUND, _("No scan of %s in the store"), domain);
      return NULL;
    }

  return g_steal_pointer (&history);
}

/**
 * cl_store_list_domains:
 *
 * Returns: (transfer full): every domain in the store, the most recently
 *   scanned first (empty when there is none)
 */
GStrv
cl_store_list_domains (ClStore  *self,
                       GError  **error)
{
  g_autoptr(GStrvBuilder) domains = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CL_IS_STORE (self), NULL);

  stmt = prepare (self, _("read the database"), error,
                  "SELECT domain FROM scans GROUP BY domain ORDER BY max(scanned_at) DESC, domain",
                  "");
  if (stmt == NULL)
    return NULL;
  while (next_row (self, stmt, &local_error))
    g_strv_builder_add (domains, (const char *)sqlite3_column_text (stmt, 0));
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;

  return g_strv_builder_end (domains);
}

typedef struct
{
  ClStoreFunc    func;
  gpointer       data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
} Call;

static void
call_free (Call *call)
{
  if (call->data_free != NULL)
    g_clear_pointer (&call->data, call->data_free);
  g_free (call);
}

static void
call_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ClStore *self = source_object;
  Call *call = task_data;
  GError *error = NULL;
  gpointer result;

  /* SQLite serialises calls on a connection, not transactions: one
   * worker at a time keeps each call's transaction whole. */
  g_mutex_lock (&self->call_lock);
  result = call->func (self, call->data, &error);
  g_mutex_unlock (&self->call_lock);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, call->result_free);
}

/**
 * cl_store_call_async:
 * @func: a store call, run in a worker thread; returns %NULL with @error set
 *   on failure
 * @data: (transfer full): for @func, freed with @data_free
 * @result_free: frees @func's result when nobody takes it
 *
 * Runs @func off the main thread, one call at a time per store, so that a
 * window never waits for the disk.  Use only this from a thread that must
 * not block, and nothing else on the same store at the same time.
 */
void
cl_store_call_async (ClStore             *self,
                     ClStoreFunc          func,
                     gpointer             data,
                     GDestroyNotify       data_free,
                     GDestroyNotify       result_free,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Call *call;

  g_return_if_fail (CL_IS_STORE (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  call = g_new0 (Call, 1);
  call->func = func;
  call->data = data;
  call->data_free = data_free;
  call->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_store_call_async);
  g_task_set_task_data (task, call, (GDestroyNotify)call_free);
  g_task_run_in_thread (task, call_in_thread);
}

/**
 * cl_store_call_finish:
 *
 * Returns: (transfer full): what the call returned, or %NULL with @error set
 */
gpointer
cl_store_call_finish (ClStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (CL_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static int
compare_violations (gconstpointer a,
                    gconstpointer b)
{
  const ClViolation *va = *(ClViolation **)a;
  const ClViolation *vb = *(ClViolation **)b;

  if (va->status != vb->status)
    return va->status < vb->status ? -1 : 1;
  if (va->severity != vb->severity)
    return va->severity < vb->severity ? -1 : 1;
  return g_strcmp0 (va->rule_id, vb->rule_id);
}

static gboolean
load_events (ClStore      *self,
             gint64        violation_id,
             ClViolation  *violation,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = prepare (self, _("read the database"), error,
                  "SELECT at, status, scan_id, actor, note FROM violation_events"
                  " WHERE violation_id = ? ORDER BY seq",
                  "i", violation_id);
  if (stmt == NULL)
    return FALSE;
  while (next_row (self, stmt, &local_error))
    {
      g_autoptr(GDateTime) at = column_time (stmt, 0);

      g_ptr_array_add (violation->events,
                       cl_violation_event_new (at, column_status (stmt, 1), column_text (stmt, 2),
                                               column_text (stmt, 3), column_text (stmt, 4)));
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), FALSE;

  return TRUE;
}

/**
 * cl_store_list_violations:
 * @domain: a normalised domain
 * @all: %FALSE for the open violations only
 *
 * Returns: (transfer full) (element-type ClViolation): the domain's
 *   violations as they stand now, with their changes (open first, then
 *   by severity), or %NULL with a %CL_ERROR_NOT_FOUND error (never
 *   scanned) or %CL_ERROR_INTERNAL
 */
GPtrArray *
cl_store_list_violations (ClStore     *self,
                          const char  *domain,
                          gboolean     all,
                          GError     **error)
{
  g_autoptr(GPtrArray) violations = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_violation_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CL_IS_STORE (self), NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  if (!domain_known (self, domain, error))
    return NULL;

  stmt = prepare (self, _("read the database"), error,
                  "SELECT id, rule_id, module, severity, status, finding, first_seen, last_seen,"
                  "  note, marked_by, marked_at"
                  " FROM violations WHERE domain = ? AND (? OR status = 'open')",
                  "si", domain, (gint64)all);
  if (stmt == NULL)
    return NULL;
  while (next_row (self, stmt, &local_error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      ClViolation *v = cl_violation_new (domain, column_text (stmt, 1), column_text (stmt, 2),
                                         column_severity (stmt, 3), column_status (stmt, 4));

      v->finding = g_strdup (column_text (stmt, 5));
      v->first_seen = column_time (stmt, 6);
      v->last_seen = column_time (stmt, 7);
      v->note = g_strdup (column_text (stmt, 8));
      v->marked_by = g_strdup (column_text (stmt, 9));
      v->marked_at = column_time (stmt, 10);
      g_ptr_array_add (violations, v);
      g_array_append_val (ids, id);
    }
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;

  for (guint i = 0; i < violations->len; i++)
    {
      if (!load_events (self, g_array_index (ids, gint64, i), g_ptr_array_index (violations, i), error))
        return NULL;
    }
  g_ptr_array_sort (violations, compare_violations);

  return g_steal_pointer (&violations);
}

/**
 * cl_store_mark:
 * @domain: a normalised domain
 * @rule_id: one of its violations
 * @status: the user's judgement
 * @note: (nullable): why
 *
 * Sets a violation's status by hand, as the current user, now.  A false
 * positive stays one when found again; a violation marked resolved that is
 * found again reopens.
 *
 * Returns: %FALSE with a %CL_ERROR_VALIDATION (bad status),
 *   %CL_ERROR_NOT_FOUND (unknown domain or rule) or %CL_ERROR_INTERNAL
 *   error
 */
gboolean
cl_store_mark (ClStore            *self,
               const char         *domain,
               const char         *rule_id,
               ClViolationStatus   status,
               const char         *note,
               GError            **error)
{
  const char *what = _("record the change");
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) local_error = NULL;
  const char *user = g_get_user_name ();
  gint64 at = g_date_time_to_unix (now);
  gint64 id;

  g_return_val_if_fail (CL_IS_STORE (self), FALSE);
  g_return_val_if_fail (domain != NULL, FALSE);
  g_return_val_if_fail (rule_id != NULL, FALSE);

  if ((guint)status >= CL_N_VIOLATION_STATUSES)
    return cl_error_invalid (error, _("Not a violation status: %d"), status);
  if (note != NULL && *note == '\0')
    note = NULL;

  if (!begin (self, what, error))
    return FALSE;

  find = prepare (self, what, error,
                  "SELECT id FROM violations WHERE domain = ? AND rule_id = ?", "ss", domain, rule_id);
  if (find == NULL)
    goto fail;
  if (!next_row (self, find, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (domain_known (self, domain, error))
        g_set_error (error, CL_ERROR, CL_ERROR_NOT_FOUND,
                     _("%s has no violation %s (see “violations %s --all”)"), domain, rule_id, domain);
      goto fail;
    }
  id = sqlite3_column_int64 (find, 0);

  update = prepare (self, what, error,
                    "UPDATE violations SET status = ?, note = ?, marked_by = ?, marked_at = ? WHERE id = ?",
                    "sssii", cl_violation_status_to_string (status), note, user, at, id);
  if (!run (self, update, what, error) ||
      !insert_event (self, id, at, status, NULL, user, note, what, error) ||
      !commit (self, what, error))
    goto fail;

  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

/**
 * cl_store_get_compliance_score:
 * @scan_id: "cl_scan_" and 16 hex digits
 *
 * The seed's compliance score of a scan: its score, and the domain's
 * violations as they stood when it was saved (a later mark counts from the
 * next scan on; cl_store_list_violations() shows today's state).
 *
 * Returns: (transfer full): the score, or %NULL with a
 *   %CL_ERROR_VALIDATION (malformed id), %CL_ERROR_NOT_FOUND or
 *   %CL_ERROR_INTERNAL error
 */
ClComplianceScore *
cl_store_get_compliance_score (ClStore     *self,
                               const char  *scan_id,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) scan = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ClScanRecord) record = NULL;
  g_autoptr(GPtrArray) violations = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_violation_free);
  g_autoptr(GPtrArray) history = NULL;
  gint64 last_event;

  g_return_val_if_fail (CL_IS_STORE (self), NULL);

  if (!is_id (scan_id, SCAN_ID_PREFIX, SCAN_ID_HEX))
    return cl_error_invalid (error, _("“%s” is not a scan id (cl_scan_ and 16 hex digits)"),
                             scan_id != NULL ? scan_id : ""), NULL;

  scan = prepare (self, _("read the database"), error,
                  "SELECT scan_id, report_id, domain, scanned_at, score, last_event FROM scans"
                  " WHERE scan_id = ?",
                  "s", scan_id);
  if (scan == NULL)
    return NULL;
  if (!next_row (self, scan, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CL_ERROR, CL_ERROR_NOT_FOUND, _("No scan %s in the store"), scan_id);
      return NULL;
    }
  record = scan_record_from_row (scan);
  last_event = sqlite3_column_int64 (scan, 5);

  /* each violation's status is that of its last change up to the scan;
   * one first seen after it has none and is left out */
  stmt = prepare (self, _("read the database"), error,
                  "SELECT v.rule_id, v.module, v.severity, e.status FROM violations v"
                  " JOIN violation_events e ON e.seq = (SELECT MAX (seq) FROM violation_events"
                  "                                     WHERE violation_id = v.id AND seq <= ?)"
                  " WHERE v.domain = ?",
                  "is", last_event, record->domain);
  if (stmt == NULL)
    return NULL;
  while (next_row (self, stmt, &local_error))
    g_ptr_array_add (violations,
                     cl_violation_new (record->domain, column_text (stmt, 0), column_text (stmt, 1),
                                       column_severity (stmt, 2), column_status (stmt, 3)));
  if (local_error != NULL)
    return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;

  if (!(history = cl_store_list_history (self, record->domain, error)))
    return NULL;

  return cl_compliance_score_new (record, violations, history);
}
