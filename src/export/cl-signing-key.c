/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-signing-key"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "cl-error.h"
#include "cl-signing-key.h"

/* The user's Ed25519 key, which signs the reports they export, or the
 * public half of someone's key, which checks a signature.  The private
 * key is a PEM (PKCS #8) file that only its user can read; a key is named
 * by its fingerprint, the SHA-256 of its public key as DER
 * SubjectPublicKeyInfo, which is what a reader compares with the one the
 * signer gave them. */

struct _ClSigningKey
{
  GObject           parent_instance;

  gnutls_privkey_t  privkey;      /* NULL for a public key only */
  gnutls_pubkey_t   pubkey;
  GBytes           *public_der;   /* SubjectPublicKeyInfo */
  char             *fingerprint;  /* "3F2A 9C01 …" */
};

G_DEFINE_FINAL_TYPE (ClSigningKey, cl_signing_key, G_TYPE_OBJECT)

static void
cl_signing_key_finalize (GObject *object)
{
  ClSigningKey *self = (ClSigningKey *)object;

  g_clear_pointer (&self->privkey, gnutls_privkey_deinit);
  g_clear_pointer (&self->pubkey, gnutls_pubkey_deinit);
  g_clear_pointer (&self->public_der, g_bytes_unref);
  g_clear_pointer (&self->fingerprint, g_free);

  G_OBJECT_CLASS (cl_signing_key_parent_class)->finalize (object);
}

static void
cl_signing_key_class_init (ClSigningKeyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cl_signing_key_finalize;
}

static void
cl_signing_key_init (ClSigningKey *self)
{
}

static gboolean
gnutls_failed (GError     **error,
               ClError      code,
               const char  *what,
               int          ret)
{
  g_set_error (error, CL_ERROR, code, "%s: %s", what, gnutls_strerror (ret));
  return FALSE;
}

static GBytes *
datum_to_bytes (gnutls_datum_t *datum)
{
  GBytes *bytes = g_bytes_new (datum->data, datum->size);

  gnutls_free (datum->data);
  datum->data = NULL;
  return bytes;
}

/* Takes @pubkey; checks that it is an Ed25519 key and derives its DER and
 * fingerprint. */
static ClSigningKey *
key_new_take (gnutls_privkey_t   privkey,
              gnutls_pubkey_t    pubkey,
              GError           **error)
{
  g_autoptr(ClSigningKey) self = g_object_new (CL_TYPE_SIGNING_KEY, NULL);
  g_autoptr(GString) fingerprint = g_string_new (NULL);
  g_autofree char *digest = NULL;
  gnutls_datum_t der = { NULL, 0 };
  int ret;

  self->privkey = privkey;
  self->pubkey = pubkey;

  if (gnutls_pubkey_get_pk_algorithm (pubkey, NULL) != GNUTLS_PK_EDDSA_ED25519)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("Not an Ed25519 key: reports are signed with Ed25519 only"));
      return NULL;
    }
  if ((ret = gnutls_pubkey_export2 (pubkey, GNUTLS_X509_FMT_DER, &der)) < 0)
    return gnutls_failed (error, CL_ERROR_INTERNAL, _("Cannot export the public key"), ret), NULL;
  self->public_der = datum_to_bytes (&der);

  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->public_der);
  for (guint i = 0; digest[i] != '\0'; i += 4)
    g_string_append_printf (fingerprint, "%s%.4s", i > 0 ? " " : "", digest + i);
  self->fingerprint = g_ascii_strup (fingerprint->str, -1);

  return g_steal_pointer (&self);
}

static ClSigningKey *
key_new_from_privkey (gnutls_privkey_t   privkey,
                      GError           **error)
{
  gnutls_pubkey_t pubkey = NULL;
  int ret;

  if ((ret = gnutls_pubkey_init (&pubkey)) < 0 ||
      (ret = gnutls_pubkey_import_privkey (pubkey, privkey, 0, 0)) < 0)
    {
      g_clear_pointer (&pubkey, gnutls_pubkey_deinit);
      gnutls_privkey_deinit (privkey);
      return gnutls_failed (error, CL_ERROR_INTERNAL, _("Cannot derive the public key"), ret), NULL;
    }

  return key_new_take (privkey, pubkey, error);
}

/**
 * cl_signing_key_default_path:
 *
 * Returns: (transfer full): `$COMPLIANCELAYER_SIGNING_KEY` if set, else
 *   the user's key, `$XDG_DATA_HOME/compliancelayer/signing-key.pem`
 */
char *
cl_signing_key_default_path (void)
{
  const char *env = g_getenv ("COMPLIANCELAYER_SIGNING_KEY");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "compliancelayer", "signing-key.pem", NULL);
}

static gboolean file_error (GError     **error,
                            int          saved_errno,
                            const char  *format,
                            ...) G_GNUC_PRINTF (3, 4);

static gboolean
file_error (GError     **error,
            int          saved_errno,
            const char  *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CL_ERROR, saved_errno == ENOENT ? CL_ERROR_NOT_FOUND : CL_ERROR_INTERNAL,
               "%s: %s", message, g_strerror (saved_errno));
  return FALSE;
}

static ClSigningKey *
read_key (const char  *path,
          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gnutls_privkey_t privkey = NULL;
  gnutls_datum_t datum;
  struct stat st;
  gsize len;
  int ret;

  if (g_stat (path, &st) != 0)
    return file_error (error, errno, _("Cannot read the signing key %s"), path), NULL;

  /* as ssh does: a private key others can read may be someone else's now */
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("The signing key %s can be read by other users: make it private (chmod 600) or use another key"),
                   path);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &len, &local_error) || len > G_MAXUINT)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL, _("Cannot read the signing key %s: %s"),
                   path, local_error != NULL ? local_error->message : g_strerror (EFBIG));
      return NULL;
    }

  datum.data = (unsigned char *)contents;
  datum.size = len;
  if ((ret = gnutls_privkey_init (&privkey)) < 0 ||
      (ret = gnutls_privkey_import_x509_raw (privkey, &datum, GNUTLS_X509_FMT_PEM, NULL, 0)) < 0)
    {
      g_autofree char *what = g_strdup_printf (_("%s is not a signing key"), path);

      g_clear_pointer (&privkey, gnutls_privkey_deinit);
      return gnutls_failed (error, CL_ERROR_VALIDATION, what, ret), NULL;
    }

  return key_new_from_privkey (privkey, error);
}

/* Writes @pem to a new file at @path, 0600, never over an existing one:
 * FALSE with EEXIST in @saved_errno when another process was first. */
static gboolean
write_new_file (const char *path,
                const char *pem,
                int        *saved_errno)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  gsize len = strlen (pem);
  gboolean ok;
  int fd;

  if ((fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600)) < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }

  ok = TRUE;
  for (gsize done = 0; ok && done < len;)
    {
      gssize n = write (fd, pem + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      ok = n > 0;
      done += MAX (n, 0);
    }
  ok = ok && fsync (fd) == 0;
  *saved_errno = errno;
  ok = close (fd) == 0 && ok;

  /* link(), unlike rename(), fails if the key appeared meanwhile: two
   * exports at once must not sign with two different keys. */
  if (ok && link (tmp, path) != 0)
    {
      *saved_errno = errno;
      ok = FALSE;
      /* file systems without hard links: the rename is the next best */
      if (*saved_errno == EPERM || *saved_errno == ENOTSUP || *saved_errno == ENOSYS)
        {
          ok = !g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (tmp, path) == 0;
          *saved_errno = ok ? 0 : (errno != 0 ? errno : EEXIST);
        }
    }
  g_unlink (tmp);

  return ok;
}

static ClSigningKey *
create_key (const char  *path,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *pem = NULL;
  g_autoptr(ClSigningKey) key = NULL;
  gnutls_privkey_t privkey = NULL;
  gnutls_x509_privkey_t x509 = NULL;
  gnutls_datum_t out = { NULL, 0 };
  int saved_errno = 0;
  int ret;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return file_error (error, errno, _("Cannot create the folder of the signing key %s"), path), NULL;

  if ((ret = gnutls_privkey_init (&privkey)) < 0 ||
      (ret = gnutls_privkey_generate2 (privkey, GNUTLS_PK_EDDSA_ED25519, 0, 0, NULL, 0)) < 0 ||
      (ret = gnutls_privkey_export_x509 (privkey, &x509)) < 0 ||
      (ret = gnutls_x509_privkey_export2_pkcs8 (x509, GNUTLS_X509_FMT_PEM, NULL,
                                                GNUTLS_PKCS_PLAIN, &out)) < 0)
    {
      g_clear_pointer (&x509, gnutls_x509_privkey_deinit);
      g_clear_pointer (&privkey, gnutls_privkey_deinit);
      return gnutls_failed (error, CL_ERROR_INTERNAL, _("Cannot make a signing key"), ret), NULL;
    }
  pem = g_strndup ((const char *)out.data, out.size);
  gnutls_free (out.data);
  gnutls_x509_privkey_deinit (x509);

  if (!(key = key_new_from_privkey (privkey, error)))
    return NULL;

  if (!write_new_file (path, pem, &saved_errno))
    {
      if (saved_errno == EEXIST)
        return read_key (path, error);
      return file_error (error, saved_errno, _("Cannot write the signing key %s"), path), NULL;
    }

  g_debug ("created signing key %s, fingerprint %s", path, key->fingerprint);
  return g_steal_pointer (&key);
}

/**
 * cl_signing_key_load:
 * @path: the private key's PEM file (see cl_signing_key_default_path())
 * @create: whether a missing key is made (its folder 0700, the file 0600)
 *
 * Returns: (transfer full): the key, or %NULL with an error:
 *   %CL_ERROR_NOT_FOUND when there is no key and @create is %FALSE,
 *   %CL_ERROR_VALIDATION when the file is no Ed25519 key or others can
 *   read it
 */
ClSigningKey *
cl_signing_key_load (const char  *path,
                     gboolean     create,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  ClSigningKey *key;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = read_key (path, &local_error);
  if (key == NULL && create && g_error_matches (local_error, CL_ERROR, CL_ERROR_NOT_FOUND))
    return create_key (path, error);
  if (key == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return key;
}

typedef struct
{
  char     *path;
  gboolean  create;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  ClSigningKey *key = cl_signing_key_load (data->path, data->create, &error);

  if (key != NULL)
    g_task_return_pointer (task, key, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * cl_signing_key_load_async:
 *
 * cl_signing_key_load() in a worker thread: it reads a file, and may make
 * a key and write it.
 */
void
cl_signing_key_load_async (const char          *path,
                           gboolean             create,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (path);
  data->create = create;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_signing_key_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * cl_signing_key_load_finish:
 *
 * Returns: (transfer full): the key, or %NULL with an error, as
 *   cl_signing_key_load()
 */
ClSigningKey *
cl_signing_key_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cl_signing_key_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cl_signing_key_new_from_public:
 * @spki_der: a public key as DER SubjectPublicKeyInfo
 *
 * Returns: (transfer full): a key that verifies only, or %NULL with a
 *   %CL_ERROR_VALIDATION error
 */
ClSigningKey *
cl_signing_key_new_from_public (GBytes  *spki_der,
                                GError **error)
{
  gnutls_pubkey_t pubkey = NULL;
  gnutls_datum_t datum;
  gsize len;
  int ret;

  g_return_val_if_fail (spki_der != NULL, NULL);

  datum.data = (unsigned char *)g_bytes_get_data (spki_der, &len);
  datum.size = len;
  if ((ret = gnutls_pubkey_init (&pubkey)) < 0 ||
      (ret = gnutls_pubkey_import (pubkey, &datum, GNUTLS_X509_FMT_DER)) < 0)
    {
      g_clear_pointer (&pubkey, gnutls_pubkey_deinit);
      return gnutls_failed (error, CL_ERROR_VALIDATION, _("Not a public key"), ret), NULL;
    }

  return key_new_take (NULL, pubkey, error);
}

/**
 * cl_signing_key_new_from_public_pem:
 * @pem: a "PUBLIC KEY" PEM block
 *
 * Returns: (transfer full): a key that verifies only, or %NULL with a
 *   %CL_ERROR_VALIDATION error
 */
ClSigningKey *
cl_signing_key_new_from_public_pem (const char  *pem,
                                    GError     **error)
{
  gnutls_pubkey_t pubkey = NULL;
  gnutls_datum_t datum;
  int ret;

  g_return_val_if_fail (pem != NULL, NULL);

  datum.data = (unsigned char *)pem;
  datum.size = strlen (pem);
  if ((ret = gnutls_pubkey_init (&pubkey)) < 0 ||
      (ret = gnutls_pubkey_import (pubkey, &datum, GNUTLS_X509_FMT_PEM)) < 0)
    {
      g_clear_pointer (&pubkey, gnutls_pubkey_deinit);
      return gnutls_failed (error, CL_ERROR_VALIDATION, _("Not a public key"), ret), NULL;
    }

  return key_new_take (NULL, pubkey, error);
}

/* Whether this is the private key, or only the public one. */
gboolean
cl_signing_key_can_sign (ClSigningKey *self)
{
  g_return_val_if_fail (CL_IS_SIGNING_KEY (self), FALSE);
  return self->privkey != NULL;
}

/**
 * cl_signing_key_get_fingerprint:
 *
 * Returns: the SHA-256 of the public key's DER SubjectPublicKeyInfo, in
 *   upper-case hex, in groups of four separated by spaces
 */
const char *
cl_signing_key_get_fingerprint (ClSigningKey *self)
{
  g_return_val_if_fail (CL_IS_SIGNING_KEY (self), NULL);
  return self->fingerprint;
}

/**
 * cl_signing_key_get_public_der:
 *
 * Returns: (transfer none): the public key as DER SubjectPublicKeyInfo
 */
GBytes *
cl_signing_key_get_public_der (ClSigningKey *self)
{
  g_return_val_if_fail (CL_IS_SIGNING_KEY (self), NULL);
  return self->public_der;
}

/**
 * cl_signing_key_get_public_pem:
 *
 * Returns: (transfer full): the public key as a "PUBLIC KEY" PEM block
 */
char *
cl_signing_key_get_public_pem (ClSigningKey *self)
{
  gnutls_datum_t pem = { NULL, 0 };
  char *text;

  g_return_val_if_fail (CL_IS_SIGNING_KEY (self), NULL);

  if (gnutls_pubkey_export2 (self->pubkey, GNUTLS_X509_FMT_PEM, &pem) < 0)
    g_error ("cannot export a public key that was exported before");
  text = g_strndup ((const char *)pem.data, pem.size);
  gnutls_free (pem.data);

  return text;
}

/**
 * cl_signing_key_sign:
 * @data: the bytes to sign
 *
 * Returns: (transfer full): the Ed25519 signature (64 bytes), or %NULL
 *   with an error
 */
GBytes *
cl_signing_key_sign (ClSigningKey  *self,
                     GBytes        *data,
                     GError       **error)
{
  gnutls_datum_t in, sig = { NULL, 0 };
  gsize len;
  int ret;

  g_return_val_if_fail (CL_IS_SIGNING_KEY (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (self->privkey != NULL, NULL);

  in.data = (unsigned char *)g_bytes_get_data (data, &len);
  in.size = len;
  if ((ret = gnutls_privkey_sign_data2 (self->privkey, GNUTLS_SIGN_EDDSA_ED25519, 0, &in, &sig)) < 0)
    return gnutls_failed (error, CL_ERROR_INTERNAL, _("Cannot sign"), ret), NULL;

  return datum_to_bytes (&sig);
}

/**
 * cl_signing_key_verify:
 * @data: the bytes that were signed
 * @signature: their signature
 *
 * Returns: %TRUE if @signature is this key's signature of @data, else
 *   %FALSE with a %CL_ERROR_VALIDATION error
 */
gboolean
cl_signing_key_verify (ClSigningKey  *self,
                       GBytes        *data,
                       GBytes        *signature,
                       GError       **error)
{
  gnutls_datum_t in, sig;
  gsize len;
  int ret;

  g_return_val_if_fail (CL_IS_SIGNING_KEY (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (signature != NULL, FALSE);

  in.data = (unsigned char *)g_bytes_get_data (data, &len);
  in.size = len;
  sig.data = (unsigned char *)g_bytes_get_data (signature, &len);
  sig.size = len;
  ret = gnutls_pubkey_verify_data2 (self->pubkey, GNUTLS_SIGN_EDDSA_ED25519, 0, &in, &sig);
  if (ret < 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("The signature does not match: the signed content was altered, or another key signed it"));
      return FALSE;
    }

  return TRUE;
}
