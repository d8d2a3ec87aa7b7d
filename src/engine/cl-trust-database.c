/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-trust-database"

#include "config.h"

#include "cl-trust-database.h"

/* The certificate databases of our HTTP sessions.  glib-networking (2.74)
 * reads the whole system CA bundle again for each TLS connection made
 * with one of its own databases (~10 ms, on the thread that connects: in
 * the app the main loop, a dozen times a scan); a database of another
 * type is only asked to verify chains, which this one hands on to the
 * system's database, loaded once, and to the settings' CA file. */
struct _ClTrustDatabase
{
  GTlsDatabase  parent_instance;

  GTlsDatabase *system;  /* NULL: trusts nothing */
  GTlsDatabase *extra;   /* the settings' CA file, or NULL */
};

G_DEFINE_FINAL_TYPE (ClTrustDatabase, cl_trust_database, G_TYPE_TLS_DATABASE)

static GTlsCertificateFlags
cl_trust_database_verify_chain (GTlsDatabase             *database,
                                GTlsCertificate          *chain,
                                const char               *purpose,
                                GSocketConnectable       *identity,
                                GTlsInteraction          *interaction,
                                GTlsDatabaseVerifyFlags   flags,
                                GCancellable             *cancellable,
                                GError                  **error)
{
  ClTrustDatabase *self = CL_TRUST_DATABASE (database);
  GTlsCertificateFlags errors;

  if (self->system == NULL)
    return g_cancellable_set_error_if_cancelled (cancellable, error) ? G_TLS_CERTIFICATE_GENERIC_ERROR
                                                                      : G_TLS_CERTIFICATE_UNKNOWN_CA;

  errors = g_tls_database_verify_chain (self->system, chain, purpose, identity, interaction,
                                        flags, cancellable, error);
  /* what the CA file vouches for is trusted as if its CA were the system's */
  if (errors != 0 && self->extra != NULL && (error == NULL || *error == NULL) &&
      g_tls_database_verify_chain (self->extra, chain, purpose, identity, interaction,
                                   flags, cancellable, NULL) == 0)
    return 0;

  return errors;
}

static void
cl_trust_database_finalize (GObject *object)
{
  ClTrustDatabase *self = CL_TRUST_DATABASE (object);

  g_clear_object (&self->system);
  g_clear_object (&self->extra);

  G_OBJECT_CLASS (cl_trust_database_parent_class)->finalize (object);
}

static void
cl_trust_database_class_init (ClTrustDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  object_class->finalize = cl_trust_database_finalize;
  database_class->verify_chain = cl_trust_database_verify_chain;
}

static void
cl_trust_database_init (ClTrustDatabase *self)
{
}

/**
 * cl_trust_database_get_nothing:
 *
 * For sessions that accept every certificate themselves (the scan's web
 * modules: the ssl module judges certificates).
 *
 * Returns: (transfer none): the process's database that trusts nothing
 */
GTlsDatabase *
cl_trust_database_get_nothing (void)
{
  static GTlsDatabase *database;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      database = g_object_new (CL_TYPE_TRUST_DATABASE, NULL);
      g_once_init_leave (&initialized, 1);
    }

  return database;
}

/* The system's own database, loaded once (~100 ms: in a worker when the
 * scan job calls cl_trust_database_install() first). */
static GTlsDatabase *
system_database (void)
{
  static GTlsDatabase *database;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
      g_once_init_leave (&initialized, 1);
    }

  return database;
}

/**
 * cl_trust_database_new:
 * @ca_file: (nullable): PEM certificates trusted besides the system's
 * @error: where an unreadable @ca_file is told
 *
 * Returns: (transfer full) (nullable): a database that trusts what the
 *   system trusts and what @ca_file vouches for
 */
GTlsDatabase *
cl_trust_database_new (const char  *ca_file,
                       GError     **error)
{
  g_autoptr(ClTrustDatabase) self = g_object_new (CL_TYPE_TRUST_DATABASE, NULL);

  if (system_database () == NULL)
    {
      g_set_error_literal (error, G_TLS_ERROR, G_TLS_ERROR_UNAVAILABLE,
                           "no system certificate database");
      return NULL;
    }
  self->system = g_object_ref (system_database ());
  if (ca_file != NULL && *ca_file != '\0' &&
      (self->extra = g_tls_file_database_new (ca_file, error)) == NULL)
    return NULL;

  return G_TLS_DATABASE (g_steal_pointer (&self));
}

/**
 * cl_trust_database_install:
 *
 * Makes the process's default certificate database one of ours over the
 * system's.  libsoup builds each TLS connection with the default database
 * and only then sets the session's, so a session's database alone does
 * not spare the reading of the bundle at each connection.  Trusts exactly
 * what the system does.  Idempotent and thread-safe.
 */
void
cl_trust_database_install (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      g_autoptr(GTlsDatabase) database = cl_trust_database_new (NULL, NULL);

      if (database != NULL)
        g_tls_backend_set_default_database (g_tls_backend_get_default (), database);
      g_once_init_leave (&installed, 1);
    }
}
