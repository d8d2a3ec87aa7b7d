/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-trust-nothing-database"

#include "config.h"

#include "cl-trust-nothing-database.h"

/* A certificate database that trusts no certificate, for the scan's HTTP
 * session: its modules accept every certificate (the ssl module judges
 * them), and with the system database glib-networking (2.74) reads the
 * whole system CA bundle again for each TLS connection, ~10 ms on the
 * thread that connects, which in the app is the main loop.  A database
 * that is not glib-networking's own is asked only to verify chains. */
struct _ClTrustNothingDatabase
{
  GTlsDatabase parent_instance;
};

G_DEFINE_FINAL_TYPE (ClTrustNothingDatabase, cl_trust_nothing_database, G_TYPE_TLS_DATABASE)

static GTlsCertificateFlags
cl_trust_nothing_database_verify_chain (GTlsDatabase             *database,
                                        GTlsCertificate          *chain,
                                        const char               *purpose,
                                        GSocketConnectable       *identity,
                                        GTlsInteraction          *interaction,
                                        GTlsDatabaseVerifyFlags   flags,
                                        GCancellable             *cancellable,
                                        GError                  **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return G_TLS_CERTIFICATE_GENERIC_ERROR;

  return G_TLS_CERTIFICATE_UNKNOWN_CA;
}

static void
cl_trust_nothing_database_class_init (ClTrustNothingDatabaseClass *klass)
{
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  database_class->verify_chain = cl_trust_nothing_database_verify_chain;
}

static void
cl_trust_nothing_database_init (ClTrustNothingDatabase *self)
{
}

/**
 * cl_trust_nothing_database_get_default:
 *
 * Returns: (transfer none): the process's one trust-nothing database
 */
GTlsDatabase *
cl_trust_nothing_database_get_default (void)
{
  static GTlsDatabase *database;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      database = g_object_new (CL_TYPE_TRUST_NOTHING_DATABASE, NULL);
      g_once_init_leave (&initialized, 1);
    }

  return database;
}
