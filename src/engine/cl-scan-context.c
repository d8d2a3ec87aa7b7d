/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-scan-context"

#include "config.h"

#include "cl-scan-context.h"
#include "cl-trust-database.h"

/* What every module of one scan shares: the target, the settings, the
 * resolver, what the job learnt before the modules started, and one HTTP
 * session so that connections are reused. */
struct _ClScanContext
{
  GObject         parent_instance;

  char           *domain;
  ClScanSettings *settings;
  ClResolver     *resolver;
  GPtrArray      *addresses;
  SoupSession    *http_session;
  guint           has_web : 1;
};

G_DEFINE_FINAL_TYPE (ClScanContext, cl_scan_context, G_TYPE_OBJECT)

static void
cl_scan_context_finalize (GObject *object)
{
  ClScanContext *self = (ClScanContext *)object;

  g_clear_pointer (&self->domain, g_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->resolver);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_object (&self->http_session);

  G_OBJECT_CLASS (cl_scan_context_parent_class)->finalize (object);
}

static void
cl_scan_context_class_init (ClScanContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cl_scan_context_finalize;
}

static void
cl_scan_context_init (ClScanContext *self)
{
  self->addresses = g_ptr_array_new_with_free_func (g_object_unref);
}

ClScanContext *
cl_scan_context_new (const char     *domain,
                     ClScanSettings *settings,
                     ClResolver     *resolver)
{
  ClScanContext *self;

  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (CL_IS_SCAN_SETTINGS (settings), NULL);
  g_return_val_if_fail (CL_IS_RESOLVER (resolver), NULL);

  self = g_object_new (CL_TYPE_SCAN_CONTEXT, NULL);
  self->domain = g_strdup (domain);
  self->settings = g_object_ref (settings);
  self->resolver = g_object_ref (resolver);

  return self;
}

const char *
cl_scan_context_get_domain (ClScanContext *self)
{
  g_return_val_if_fail (CL_IS_SCAN_CONTEXT (self), NULL);
  return self->domain;
}

ClScanSettings *
cl_scan_context_get_settings (ClScanContext *self)
{
  g_return_val_if_fail (CL_IS_SCAN_CONTEXT (self), NULL);
  return self->settings;
}

ClResolver *
cl_scan_context_get_resolver (ClScanContext *self)
{
  g_return_val_if_fail (CL_IS_SCAN_CONTEXT (self), NULL);
  return self->resolver;
}

/**
 * cl_scan_context_get_addresses:
 *
 * Returns: (transfer none) (element-type GInetAddress): the domain's
 *   addresses, IPv4 first
 */
GPtrArray *
cl_scan_context_get_addresses (ClScanContext *self)
{
  g_return_val_if_fail (CL_IS_SCAN_CONTEXT (self), NULL);
  return self->addresses;
}

void
cl_scan_context_add_address (ClScanContext *self,
                             GInetAddress  *address)
{
  g_return_if_fail (CL_IS_SCAN_CONTEXT (self));
  g_return_if_fail (G_IS_INET_ADDRESS (address));

  for (guint i = 0; i < self->addresses->len; i++)
    if (g_inet_address_equal (g_ptr_array_index (self->addresses, i), address))
      return;

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    {
      guint pos = 0;

      while (pos < self->addresses->len &&
             g_inet_address_get_family (g_ptr_array_index (self->addresses, pos)) == G_SOCKET_FAMILY_IPV4)
        pos++;
      g_ptr_array_insert (self->addresses, pos, g_object_ref (address));
    }
  else
    g_ptr_array_add (self->addresses, g_object_ref (address));
}

gboolean
cl_scan_context_get_has_web (ClScanContext *self)
{
  g_return_val_if_fail (CL_IS_SCAN_CONTEXT (self), FALSE);
  return self->has_web;
}

void
cl_scan_context_set_has_web (ClScanContext *self,
                             gboolean       has_web)
{
  g_return_if_fail (CL_IS_SCAN_CONTEXT (self));
  self->has_web = !!has_web;
}

/**
 * cl_scan_context_get_http_session:
 *
 * The session web modules fetch with.  It never follows redirects on its
 * own (modules judge each hop) and never rejects a certificate: the ssl
 * module judges certificates, the others must still see the page.
 * Callers connect #SoupMessage::accept-certificate to accept.
 *
 * Returns: (transfer none): the session
 */
SoupSession *
cl_scan_context_get_http_session (ClScanContext *self)
{
  g_return_val_if_fail (CL_IS_SCAN_CONTEXT (self), NULL);

  if (self->http_session == NULL)
    {
      guint timeout = cl_scan_settings_get_network_timeout (self->settings);

      self->http_session = soup_session_new_with_options ("timeout", timeout,
                                                          "idle-timeout", timeout,
                                                          "user-agent", "ComplianceLayer/" PACKAGE_VERSION,
                                                          "max-conns-per-host", 4,
                                                          NULL);
      /* A scan judges what the internet sees of the site: no proxy. */
      soup_session_set_proxy_resolver (self->http_session, NULL);
      /* trusting nothing, as the modules accept every certificate, is
       * cheaper than the system's database: see cl-trust-database.c */
      soup_session_set_tls_database (self->http_session, cl_trust_database_get_nothing ());
    }

  return self->http_session;
}
