/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-tls-probe"

#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "cl-module-ssl-private.h"
#include "cl-tls-probe.h"

/* ClTlsProbe and the ssl module's offers against an in-process GnuTLS
 * server on loopback, configured to accept exactly one weakness at a
 * time: each offer must be accepted by the server that has its weakness
 * (no false "not accepted") and refused by a modern one.  This covers
 * what the world's OpenSSL servers cannot show (RC4, NULL, anonymous). */

typedef struct
{
  GSocket                          *listener;
  GThread                          *thread;
  char                             *priority;
  gnutls_certificate_credentials_t  certificate;
  gnutls_anon_server_credentials_t  anon;
  gboolean                          silent;  /* accept, never answer */
  GCancellable                     *stop;
} Server;

static gnutls_x509_privkey_t server_key;
static gnutls_x509_crt_t server_crt;

/* One RSA certificate for every server: RSA key exchange needs it. */
static void
make_server_certificate (void)
{
  time_t now = time (NULL);

  g_assert_cmpint (gnutls_x509_privkey_init (&server_key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (server_key, GNUTLS_PK_RSA, 2048, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&server_crt), ==, 0);
  gnutls_x509_crt_set_version (server_crt, 3);
  gnutls_x509_crt_set_serial (server_crt, "\x01", 1);
  gnutls_x509_crt_set_activation_time (server_crt, now - 3600);
  gnutls_x509_crt_set_expiration_time (server_crt, now + 3600);
  gnutls_x509_crt_set_dn_by_oid (server_crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                 "probe.test.example", strlen ("probe.test.example"));
  gnutls_x509_crt_set_subject_alt_name (server_crt, GNUTLS_SAN_DNSNAME,
                                        "probe.test.example", strlen ("probe.test.example"),
                                        GNUTLS_FSAN_SET);
  gnutls_x509_crt_set_key (server_crt, server_key);
  gnutls_x509_crt_set_key_usage (server_crt, GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT);
  g_assert_cmpint (gnutls_x509_crt_sign2 (server_crt, server_crt, server_key, GNUTLS_DIG_SHA256, 0), ==, 0);
}

static void
serve_one (Server  *server,
           GSocket *socket)
{
  gnutls_session_t session;
  int fd = g_socket_get_fd (socket);
  int ret;

  if (server->silent)
    {
      char buf[1024];

      /* Read and never answer, until the client gives up. */
      g_socket_set_timeout (socket, 10);
      while (g_socket_receive (socket, buf, sizeof buf, server->stop, NULL) > 0)
        ;
      return;
    }

  g_assert_cmpint (gnutls_init (&session, GNUTLS_SERVER), ==, 0);
  g_assert_cmpint (gnutls_priority_set_direct (session, server->priority, NULL), ==, 0);
  gnutls_credentials_set (session, GNUTLS_CRD_CERTIFICATE, server->certificate);
  gnutls_credentials_set (session, GNUTLS_CRD_ANON, server->anon);
  gnutls_transport_set_int (session, fd);
  gnutls_handshake_set_timeout (session, 5000);
  do
    ret = gnutls_handshake (session);
  while (ret < 0 && !gnutls_error_is_fatal (ret));
  if (ret == 0)
    gnutls_bye (session, GNUTLS_SHUT_WR);
  else
    gnutls_alert_send_appropriate (session, ret);
  gnutls_deinit (session);
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;

  while (!g_cancellable_is_cancelled (server->stop))
    {
      g_autoptr(GSocket) socket = g_socket_accept (server->listener, server->stop, NULL);

      if (socket == NULL)
        continue;
      g_socket_set_blocking (socket, TRUE);
      serve_one (server, socket);
      g_socket_close (socket, NULL);
    }

  return NULL;
}

static Server *
server_start (const char *priority)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;

  server->priority = g_strdup (priority);
  server->silent = priority == NULL;
  g_assert_cmpint (gnutls_certificate_allocate_credentials (&server->certificate), ==, 0);
  g_assert_cmpint (gnutls_certificate_set_x509_key (server->certificate, &server_crt, 1, server_key), ==, 0);
  g_assert_cmpint (gnutls_anon_allocate_server_credentials (&server->anon), ==, 0);
  gnutls_certificate_set_known_dh_params (server->certificate, GNUTLS_SEC_PARAM_MEDIUM);
  gnutls_anon_set_server_known_dh_params (server->anon, GNUTLS_SEC_PARAM_MEDIUM);

  server->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                   G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (server->listener, any, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (server->listener, &error);
  g_assert_no_error (error);
  server->stop = g_cancellable_new ();

  server->thread = g_thread_new ("tls-server", server_thread, server);

  return server;
}

static GSocketAddress *
server_address (Server *server)
{
  g_autoptr(GError) error = NULL;
  GSocketAddress *address = g_socket_get_local_address (server->listener, &error);

  g_assert_no_error (error);
  return address;
}

static void
server_stop (Server *server)
{
  g_cancellable_cancel (server->stop);
  g_thread_join (server->thread);
  g_object_unref (server->stop);
  g_object_unref (server->listener);
  gnutls_certificate_free_credentials (server->certificate);
  gnutls_anon_free_server_credentials (server->anon);
  g_free (server->priority);
  g_free (server);
}

/* Runs one probe of @priority against @server. */
static ClTlsProbe *
probe (Server     *server,
       const char *priority,
       guint       timeout)
{
  g_autoptr(GSocketAddress) address = server_address (server);
  g_autoptr(GError) error = NULL;
  ClTlsProbe *probe;

  probe = cl_tls_probe_new (address, "probe.test.example", priority, timeout);
  g_assert_true (cl_tls_probe_run (probe, NULL, &error));
  g_assert_no_error (error);

  return probe;
}

static void
test_accepted (void)
{
  Server *server = server_start ("NORMAL");
  g_autoptr(ClTlsProbe) p = probe (server, cl_ssl_offer_get_priority (-1), 5);
  GPtrArray *certificates;

  g_assert_true (cl_tls_probe_get_accepted (p));
  g_assert_cmpstr (cl_tls_probe_get_protocol (p), ==, "TLS1.3");
  g_assert_true (g_str_has_prefix (cl_tls_probe_get_cipher_suite (p), "TLS_AES_"));
  g_assert_null (cl_tls_probe_get_refusal (p));
  certificates = cl_tls_probe_get_peer_certificates (p);
  g_assert_cmpuint (certificates->len, ==, 1);

  server_stop (server);
}

static const char *modern =
  "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-KX-ALL:+ECDHE-RSA:+ECDHE-ECDSA"
  ":-CIPHER-ALL:+AES-128-GCM:+AES-256-GCM:+CHACHA20-POLY1305";

/* The server of each offer: it has that weakness (or strength) and, where
 * it can, nothing else the offer could stumble on. */
static const struct {
  ClSslOfferKind  kind;
  const char     *server;
  const char     *protocol;
  const char     *suite_part;
  gboolean        modern_accepts;
} offers[] = {
  { CL_SSL_OFFER_TLS1_0, "NORMAL:-VERS-ALL:+VERS-TLS1.0", "TLS1.0", "_CBC_", FALSE },
  { CL_SSL_OFFER_TLS1_1, "NORMAL:-VERS-ALL:+VERS-TLS1.1", "TLS1.1", "_CBC_", FALSE },
  { CL_SSL_OFFER_TLS1_2, "NORMAL:-VERS-ALL:+VERS-TLS1.2", "TLS1.2", "_", TRUE },
  { CL_SSL_OFFER_TLS1_3, "NORMAL:-VERS-ALL:+VERS-TLS1.3", "TLS1.3", "TLS_AES_", TRUE },
  { CL_SSL_OFFER_3DES, "NORMAL:-VERS-TLS1.3:-CIPHER-ALL:+3DES-CBC:+SHA1", "TLS1.2", "3DES_EDE_CBC", FALSE },
  { CL_SSL_OFFER_RC4, "NORMAL:-VERS-TLS1.3:-CIPHER-ALL:+ARCFOUR-128:+SHA1", "TLS1.2", "RC4_128", FALSE },
  { CL_SSL_OFFER_STATIC_RSA, "NORMAL:-VERS-TLS1.3:-KX-ALL:+RSA", "TLS1.2", "TLS_RSA_WITH_", FALSE },
  { CL_SSL_OFFER_NULL, "NORMAL:-VERS-TLS1.3:-CIPHER-ALL:+NULL:+SHA1", "TLS1.2", "NULL", FALSE },
  { CL_SSL_OFFER_ANON, "NORMAL:-VERS-TLS1.3:-KX-ALL:+ANON-ECDH", "TLS1.2", "anon", FALSE },
  { CL_SSL_OFFER_AEAD, "NORMAL:-VERS-TLS1.3:-CIPHER-ALL:+AES-128-GCM", "TLS1.2", "_GCM_", TRUE },
};

static void
test_offers_accepted (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      Server *server = server_start (offers[i].server);
      g_autoptr(ClTlsProbe) p = probe (server, cl_ssl_offer_get_priority (offers[i].kind), 5);

      g_test_message ("offer %u: %s %s %s", offers[i].kind,
                      cl_tls_probe_get_accepted (p) ? "accepted" : "refused",
                      cl_tls_probe_get_protocol (p), cl_tls_probe_get_cipher_suite (p));
      g_assert_true (cl_tls_probe_get_accepted (p));
      g_assert_cmpstr (cl_tls_probe_get_protocol (p), ==, offers[i].protocol);
      g_assert_nonnull (strstr (cl_tls_probe_get_cipher_suite (p), offers[i].suite_part));
      server_stop (server);
    }
}

static void
test_offers_refused (void)
{
  Server *server = server_start (modern);

  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      g_autoptr(ClTlsProbe) p = probe (server, cl_ssl_offer_get_priority (offers[i].kind), 5);

      g_test_message ("offer %u: %s", offers[i].kind,
                      cl_tls_probe_get_accepted (p) ? cl_tls_probe_get_cipher_suite (p)
                                                    : cl_tls_probe_get_refusal (p));
      g_assert_cmpint (cl_tls_probe_get_accepted (p), ==, offers[i].modern_accepts);
      if (!offers[i].modern_accepts)
        g_assert_nonnull (cl_tls_probe_get_refusal (p));
    }

  server_stop (server);
}

/* The first handshake, or when refused its fallback (the NULL offer),
 * reaches every server above that has a certificate, however weak. */
static void
test_first_reaches_all (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      Server *server = server_start (offers[i].server);
      g_autoptr(ClTlsProbe) p = probe (server, cl_ssl_offer_get_priority (-1), 5);
      gboolean accepted = cl_tls_probe_get_accepted (p);

      if (!accepted)
        {
          g_autoptr(ClTlsProbe) fallback = probe (server, cl_ssl_offer_get_priority (CL_SSL_OFFER_NULL), 5);

          accepted = cl_tls_probe_get_accepted (fallback);
          /* Only the NULL-only server needs the fallback. */
          g_assert_true (offers[i].kind == CL_SSL_OFFER_NULL || !accepted);
        }

      g_test_message ("server %u: %s", offers[i].kind, accepted ? "reached" : "not reached");
      /* Anonymous-only servers have no certificate to fetch. */
      g_assert_cmpint (accepted, ==, offers[i].kind != CL_SSL_OFFER_ANON);
      server_stop (server);
    }
}

static void
test_timeout (void)
{
  Server *server = server_start (NULL);
  g_autoptr(GSocketAddress) address = server_address (server);
  g_autoptr(ClTlsProbe) p = cl_tls_probe_new (address, NULL, "NORMAL", 1);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (cl_tls_probe_run (p, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  /* the server never answers: only the 1 s timeout can end this */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_false (cl_tls_probe_get_accepted (p));

  server_stop (server);
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel (void)
{
  Server *server = server_start (NULL);
  g_autoptr(GSocketAddress) address = server_address (server);
  g_autoptr(ClTlsProbe) p = cl_tls_probe_new (address, NULL, "NORMAL", 30);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GThread *canceller = g_thread_new ("cancel", cancel_later, cancellable);
  gint64 start = g_get_monotonic_time ();

  g_assert_false (cl_tls_probe_run (p, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* well before the 30 s timeout */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  g_thread_join (canceller);
  server_stop (server);
}

static void
test_refused_connection (void)
{
  Server *server = server_start ("NORMAL");
  g_autoptr(GSocketAddress) address = server_address (server);
  g_autoptr(ClTlsProbe) p = NULL;
  g_autoptr(GError) error = NULL;

  server_stop (server);  /* nothing listens there any more */
  p = cl_tls_probe_new (address, NULL, "NORMAL", 2);
  g_assert_false (cl_tls_probe_run (p, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  make_server_certificate ();

  g_test_add_func ("/tls-probe/accepted", test_accepted);
  g_test_add_func ("/tls-probe/offers-accepted", test_offers_accepted);
  g_test_add_func ("/tls-probe/offers-refused", test_offers_refused);
  g_test_add_func ("/tls-probe/first-reaches-all", test_first_reaches_all);
  g_test_add_func ("/tls-probe/timeout", test_timeout);
  g_test_add_func ("/tls-probe/cancel", test_cancel);
  g_test_add_func ("/tls-probe/refused-connection", test_refused_connection);

  ret = g_test_run ();

  gnutls_x509_crt_deinit (server_crt);
  gnutls_x509_privkey_deinit (server_key);

  return ret;
}
