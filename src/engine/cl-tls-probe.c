/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-tls-probe"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>

#include "cl-background.h"
#include "cl-error.h"
#include "cl-tls-probe.h"

/* A probe is one blocking handshake, meant to run in a worker thread
 * (cl_tls_probe_run_async does that).  GnuTLS rather than GIO's TLS
 * because a scanner must offer what a careful client never would (TLS 1.0,
 * 3DES, RC4, NULL and anonymous suites) and name exactly what the server
 * picked.  GnuTLS reads and writes through the GSocket, so that the
 * timeout and the cancellable interrupt every wait. */
struct _ClTlsProbe
{
  GObject         parent_instance;

  GSocketAddress *address;
  char           *server_name;
  char           *priority;
  guint           timeout;

  /* What the run found */
  char           *protocol;
  char           *cipher_suite;
  char           *refusal;
  GPtrArray      *peer_certificates;
  guint           accepted : 1;
};

enum {
  PROP_0,
  PROP_ADDRESS,
  PROP_SERVER_NAME,
  PROP_PRIORITY,
  PROP_TIMEOUT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (ClTlsProbe, cl_tls_probe, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The transport of one handshake: the socket, the cancellable, and the
 * first GIO error that stopped it. */
typedef struct
{
  gnutls_session_t  session;
  GSocket          *socket;
  GCancellable     *cancellable;
  GError           *error;
} Transport;

static void
transport_fail (Transport *transport,
                GError    *error)
{
  if (transport->error == NULL)
    transport->error = error;
  else
    g_error_free (error);
  gnutls_transport_set_errno (transport->session, EIO);
}

static ssize_t
transport_push (gnutls_transport_ptr_t  ptr,
                const void             *data,
                size_t                  len)
{
  Transport *transport = ptr;
  GError *error = NULL;
  gssize n;

  n = g_socket_send (transport->socket, data, len, transport->cancellable, &error);
  if (n < 0)
    {
      transport_fail (transport, error);
      return -1;
    }

  return n;
}

static ssize_t
transport_pull (gnutls_transport_ptr_t  ptr,
                void                   *data,
                size_t                  len)
{
  Transport *transport = ptr;
  GError *error = NULL;
  gssize n;

  n = g_socket_receive (transport->socket, data, len, transport->cancellable, &error);
  if (n < 0)
    {
      transport_fail (transport, error);
      return -1;
    }

  return n;
}

/* GnuTLS waits here for the handshake timeout; 0 means "timed out". */
static int
transport_pull_timeout (gnutls_transport_ptr_t ptr,
                        unsigned int           ms)
{
  Transport *transport = ptr;
  GError *error = NULL;
  gint64 timeout_us;

  timeout_us = ms == GNUTLS_INDEFINITE_TIMEOUT ? -1 : (gint64)ms * 1000;
  if (g_socket_condition_timed_wait (transport->socket, G_IO_IN, timeout_us,
                                     transport->cancellable, &error))
    return 1;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_error_free (error);
      return 0;
    }

  transport_fail (transport, error);
  return -1;
}

static void
cl_tls_probe_reset (ClTlsProbe *self)
{
  g_clear_pointer (&self->protocol, g_free);
  g_clear_pointer (&self->cipher_suite, g_free);
  g_clear_pointer (&self->refusal, g_free);
  g_ptr_array_set_size (self->peer_certificates, 0);
  self->accepted = FALSE;
}

static void
cl_tls_probe_finalize (GObject *object)
{
  ClTlsProbe *self = (ClTlsProbe *)object;

  cl_tls_probe_reset (self);
  g_clear_object (&self->address);
  g_clear_pointer (&self->server_name, g_free);
  g_clear_pointer (&self->priority, g_free);
  g_clear_pointer (&self->peer_certificates, g_ptr_array_unref);

  G_OBJECT_CLASS (cl_tls_probe_parent_class)->finalize (object);
}

static void
cl_tls_probe_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ClTlsProbe *self = CL_TLS_PROBE (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_object (value, self->address);
      break;

    case PROP_SERVER_NAME:
      g_value_set_string (value, self->server_name);
      break;

    case PROP_PRIORITY:
      g_value_set_string (value, self->priority);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_tls_probe_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ClTlsProbe *self = CL_TLS_PROBE (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      self->address = g_value_dup_object (value);
      break;

    case PROP_SERVER_NAME:
      self->server_name = g_value_dup_string (value);
      break;

    case PROP_PRIORITY:
      self->priority = g_value_dup_string (value);
      break;

    case PROP_TIMEOUT:
      self->timeout = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_tls_probe_class_init (ClTlsProbeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cl_tls_probe_finalize;
  object_class->get_property = cl_tls_probe_get_property;
  object_class->set_property = cl_tls_probe_set_property;

  properties[PROP_ADDRESS] =
    g_param_spec_object ("address", NULL, NULL,
                         G_TYPE_SOCKET_ADDRESS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SERVER_NAME] =
    g_param_spec_string ("server-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PRIORITY] =
    g_param_spec_string ("priority", NULL, NULL,
                         "NORMAL",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, 600, 10,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cl_tls_probe_init (ClTlsProbe *self)
{
  self->timeout = 10;
  self->peer_certificates = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
}

/**
 * cl_tls_probe_new:
 * @address: the server's address and port
 * @server_name: (nullable): the name sent as SNI (RFC 6066 §3)
 * @priority: the GnuTLS priority string that says what to offer
 * @timeout_seconds: the longest the connection, and then the handshake,
 *   may take
 */
ClTlsProbe *
cl_tls_probe_new (GSocketAddress *address,
                  const char     *server_name,
                  const char     *priority,
                  guint           timeout_seconds)
{
  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (address), NULL);
  g_return_val_if_fail (priority != NULL, NULL);
  g_return_val_if_fail (timeout_seconds > 0, NULL);

  return g_object_new (CL_TYPE_TLS_PROBE,
                       "address", address,
                       "server-name", server_name,
                       "priority", priority,
                       "timeout", timeout_seconds,
                       NULL);
}

GSocketAddress *
cl_tls_probe_get_address (ClTlsProbe *self)
{
  g_return_val_if_fail (CL_IS_TLS_PROBE (self), NULL);
  return self->address;
}

const char *
cl_tls_probe_get_server_name (ClTlsProbe *self)
{
  g_return_val_if_fail (CL_IS_TLS_PROBE (self), NULL);
  return self->server_name;
}

const char *
cl_tls_probe_get_priority (ClTlsProbe *self)
{
  g_return_val_if_fail (CL_IS_TLS_PROBE (self), NULL);
  return self->priority;
}

guint
cl_tls_probe_get_timeout (ClTlsProbe *self)
{
  g_return_val_if_fail (CL_IS_TLS_PROBE (self), 0);
  return self->timeout;
}

static void
cl_tls_probe_take_session (ClTlsProbe       *self,
                           gnutls_session_t  session)
{
  const gnutls_datum_t *peers;
  unsigned int n_peers = 0;
  const char *suite;

  self->accepted = TRUE;
  self->protocol = g_strdup (gnutls_protocol_get_name (gnutls_protocol_get_version (session)));

  /* The IANA name (RFC 8446 §B.4, the TLS registry), as other tools and
   * advisories print it. */
  suite = gnutls_ciphersuite_get (session);
  self->cipher_suite = g_strdup (suite != NULL ? suite : "");

  peers = gnutls_certificate_get_peers (session, &n_peers);
  for (guint i = 0; peers != NULL && i < n_peers && i < CL_TLS_PROBE_MAX_CERTIFICATES; i++)
    g_ptr_array_add (self->peer_certificates, g_bytes_new (peers[i].data, peers[i].size));
}

static char *
describe_refusal (gnutls_session_t  session,
                  int               ret,
                  const GError     *transport_error)
{
  if (transport_error != NULL)
    return g_strdup (transport_error->message);

  if (ret == GNUTLS_E_FATAL_ALERT_RECEIVED)
    {
      const char *alert = gnutls_alert_get_name (gnutls_alert_get (session));

      /* Translators: %s is a TLS alert name such as "Handshake failed" */
      return g_strdup_printf (_("the server sent the alert “%s”"),
                              alert != NULL ? alert : "?");
    }

  return g_strdup (gnutls_strerror (ret));
}

/**
 * cl_tls_probe_run:
 *
 * Connects and shakes hands, blocking; call it from a worker thread.
 *
 * Returns: %TRUE when the server answered the offer, accepting it or not
 *   (see cl_tls_probe_get_accepted()); %FALSE with @error when there was
 *   no answer: the connection failed, timed out or was cancelled
 */
gboolean
cl_tls_probe_run (ClTlsProbe    *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  gnutls_certificate_credentials_t certificate_credentials = NULL;
  gnutls_anon_client_credentials_t anon_credentials = NULL;
  Transport transport = { NULL, };
  const char *error_pos = NULL;
  gboolean ret = FALSE;
  int status;

  g_return_val_if_fail (CL_IS_TLS_PROBE (self), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  cl_tls_probe_reset (self);

  client = g_socket_client_new ();
  g_socket_client_set_timeout (client, self->timeout);
  /* We test this address, not whatever a proxy would reach. */
  g_socket_client_set_enable_proxy (client, FALSE);

  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (self->address),
                                        cancellable, error);
  if (connection == NULL)
    return FALSE;

  transport.socket = g_socket_connection_get_socket (connection);
  transport.cancellable = cancellable;
  g_socket_set_blocking (transport.socket, TRUE);
  g_socket_set_timeout (transport.socket, self->timeout);

  if ((status = gnutls_init (&transport.session, GNUTLS_CLIENT)) < 0 ||
      (status = gnutls_certificate_allocate_credentials (&certificate_credentials)) < 0 ||
      (status = gnutls_anon_allocate_client_credentials (&anon_credentials)) < 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL,
                   "GnuTLS: %s", gnutls_strerror (status));
      goto out;
    }

  if ((status = gnutls_priority_set_direct (transport.session, self->priority, &error_pos)) < 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL,
                   "GnuTLS priority “%s” at “%s”: %s",
                   self->priority, error_pos ? error_pos : "", gnutls_strerror (status));
      goto out;
    }

  /* Both kinds of credentials: the priority string decides whether
   * anonymous key exchange is offered. */
  gnutls_credentials_set (transport.session, GNUTLS_CRD_CERTIFICATE, certificate_credentials);
  gnutls_credentials_set (transport.session, GNUTLS_CRD_ANON, anon_credentials);

  if (self->server_name != NULL && self->server_name[0] != '\0')
    gnutls_server_name_set (transport.session, GNUTLS_NAME_DNS,
                            self->server_name, strlen (self->server_name));

  gnutls_transport_set_ptr (transport.session, &transport);
  gnutls_transport_set_push_function (transport.session, transport_push);
  gnutls_transport_set_pull_function (transport.session, transport_pull);
  gnutls_transport_set_pull_timeout_function (transport.session, transport_pull_timeout);
  gnutls_handshake_set_timeout (transport.session, self->timeout * 1000);

  /* Warning alerts are not fatal (RFC 5246 §7.2); anything else ends
   * the loop, and the cancellable ends it too. */
  for (guint attempt = 0; attempt < 16; attempt++)
    {
      status = gnutls_handshake (transport.session);
      if (status >= 0 || gnutls_error_is_fatal (status) ||
          transport.error != NULL ||
          g_cancellable_is_cancelled (cancellable))
        break;
    }

  if (status >= 0)
    {
      cl_tls_probe_take_session (self, transport.session);
      /* close_notify, so the server does not log an aborted connection;
       * its answer does not matter. */
      gnutls_bye (transport.session, GNUTLS_SHUT_WR);
      ret = TRUE;
    }
  else if (g_cancellable_is_cancelled (cancellable))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  else if (status == GNUTLS_E_TIMEDOUT ||
           g_error_matches (transport.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_autofree char *where = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (self->address));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   /* Translators: %s is an address and port, %u a number of seconds */
                   _("%s did not complete a TLS handshake within %u s"),
                   where, self->timeout);
    }
  else
    {
      /* An alert, a reset or a closed connection: servers answer an offer
       * they do not accept in all three ways. */
      self->refusal = describe_refusal (transport.session, status, transport.error);
      ret = TRUE;
    }

out:
  if (transport.session != NULL)
    gnutls_deinit (transport.session);
  if (certificate_credentials != NULL)
    gnutls_certificate_free_credentials (certificate_credentials);
  if (anon_credentials != NULL)
    gnutls_anon_free_client_credentials (anon_credentials);
  g_clear_error (&transport.error);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return ret;
}

static void
cl_tls_probe_run_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;

  if (cl_tls_probe_run (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cl_tls_probe_run_async (ClTlsProbe          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CL_IS_TLS_PROBE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_tls_probe_run_async);
  cl_task_run_in_background (task, cl_tls_probe_run_thread);
}

gboolean
cl_tls_probe_run_finish (ClTlsProbe    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (CL_IS_TLS_PROBE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Whether the server completed the handshake. */
gboolean
cl_tls_probe_get_accepted (ClTlsProbe *self)
{
  g_return_val_if_fail (CL_IS_TLS_PROBE (self), FALSE);
  return self->accepted;
}

/* The negotiated protocol version ("TLS1.2"), once accepted. */
const char *
cl_tls_probe_get_protocol (ClTlsProbe *self)
{
  g_return_val_if_fail (CL_IS_TLS_PROBE (self), NULL);
  return self->protocol;
}

/* The negotiated cipher suite's IANA name, once accepted. */
const char *
cl_tls_probe_get_cipher_suite (ClTlsProbe *self)
{
  g_return_val_if_fail (CL_IS_TLS_PROBE (self), NULL);
  return self->cipher_suite;
}

/* How the server turned the offer down, once refused. */
const char *
cl_tls_probe_get_refusal (ClTlsProbe *self)
{
  g_return_val_if_fail (CL_IS_TLS_PROBE (self), NULL);
  return self->refusal;
}

/**
 * cl_tls_probe_get_peer_certificates:
 *
 * Returns: (transfer none) (element-type GBytes): the DER certificates
 *   the server sent, in its order (the leaf first), at most
 *   %CL_TLS_PROBE_MAX_CERTIFICATES
 */
GPtrArray *
cl_tls_probe_get_peer_certificates (ClTlsProbe *self)
{
  g_return_val_if_fail (CL_IS_TLS_PROBE (self), NULL);
  return self->peer_certificates;
}
