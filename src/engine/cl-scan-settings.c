/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-scan-settings"

#include "config.h"

#include "cl-scan-settings.h"

/* The ordinary user settings that decide where a scan looks: these are the
 * only knobs that point the product at a test world, so nothing else may
 * special-case one. */
struct _ClScanSettings
{
  GObject  parent_instance;

  char    *resolver;
  char    *trust_anchor_file;
  char    *ca_file;
  guint    module_timeout;
  guint    network_timeout;
  GStrv    skipped_modules;
  char    *rdap_bootstrap_url;
  char    *ct_log_url;
  char    *breach_list_url;
};

G_DEFINE_FINAL_TYPE (ClScanSettings, cl_scan_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RESOLVER,
  PROP_TRUST_ANCHOR_FILE,
  PROP_CA_FILE,
  PROP_MODULE_TIMEOUT,
  PROP_NETWORK_TIMEOUT,
  PROP_SKIPPED_MODULES,
  PROP_RDAP_BOOTSTRAP_URL,
  PROP_CT_LOG_URL,
  PROP_BREACH_LIST_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cl_scan_settings_finalize (GObject *object)
{
  ClScanSettings *self = (ClScanSettings *)object;

  g_clear_pointer (&self->resolver, g_free);
  g_clear_pointer (&self->trust_anchor_file, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->skipped_modules, g_strfreev);
  g_clear_pointer (&self->rdap_bootstrap_url, g_free);
  g_clear_pointer (&self->ct_log_url, g_free);
  g_clear_pointer (&self->breach_list_url, g_free);

  G_OBJECT_CLASS (cl_scan_settings_parent_class)->finalize (object);
}

static void
cl_scan_settings_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ClScanSettings *self = CL_SCAN_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_RESOLVER:
      g_value_set_string (value, self->resolver);
      break;
    case PROP_TRUST_ANCHOR_FILE:
      g_value_set_string (value, self->trust_anchor_file);
      break;
    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;
    case PROP_MODULE_TIMEOUT:
      g_value_set_uint (value, self->module_timeout);
      break;
    case PROP_NETWORK_TIMEOUT:
      g_value_set_uint (value, self->network_timeout);
      break;
    case PROP_SKIPPED_MODULES:
      g_value_set_boxed (value, self->skipped_modules);
      break;
    case PROP_RDAP_BOOTSTRAP_URL:
      g_value_set_string (value, self->rdap_bootstrap_url);
      break;
    case PROP_CT_LOG_URL:
      g_value_set_string (value, self->ct_log_url);
      break;
    case PROP_BREACH_LIST_URL:
      g_value_set_string (value, self->breach_list_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_scan_settings_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ClScanSettings *self = CL_SCAN_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_RESOLVER:
      cl_scan_settings_set_resolver (self, g_value_get_string (value));
      break;
    case PROP_TRUST_ANCHOR_FILE:
      cl_scan_settings_set_trust_anchor_file (self, g_value_get_string (value));
      break;
    case PROP_CA_FILE:
      cl_scan_settings_set_ca_file (self, g_value_get_string (value));
      break;
    case PROP_MODULE_TIMEOUT:
      cl_scan_settings_set_module_timeout (self, g_value_get_uint (value));
      break;
    case PROP_NETWORK_TIMEOUT:
      cl_scan_settings_set_network_timeout (self, g_value_get_uint (value));
      break;
    case PROP_SKIPPED_MODULES:
      cl_scan_settings_set_skipped_modules (self, g_value_get_boxed (value));
      break;
    case PROP_RDAP_BOOTSTRAP_URL:
      cl_scan_settings_set_rdap_bootstrap_url (self, g_value_get_string (value));
      break;
    case PROP_CT_LOG_URL:
      cl_scan_settings_set_ct_log_url (self, g_value_get_string (value));
      break;
    case PROP_BREACH_LIST_URL:
      cl_scan_settings_set_breach_list_url (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_scan_settings_class_init (ClScanSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cl_scan_settings_finalize;
  object_class->get_property = cl_scan_settings_get_property;
  object_class->set_property = cl_scan_settings_set_property;

  /* NULL: the system's resolver (resolv.conf); else "ADDRESS[@PORT]" */
  properties[PROP_RESOLVER] =
    g_param_spec_string ("resolver", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* NULL: the system's root trust anchor; else DS or DNSKEY records in zone-file form */
  properties[PROP_TRUST_ANCHOR_FILE] =
    g_param_spec_string ("trust-anchor-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* PEM certificates trusted in addition to the system's */
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the longest one module may take, in seconds */
  properties[PROP_MODULE_TIMEOUT] =
    g_param_spec_uint ("module-timeout", NULL, NULL, 1, 600, 30,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the longest one network step (a query, a connect, a read) may take */
  properties[PROP_NETWORK_TIMEOUT] =
    g_param_spec_uint ("network-timeout", NULL, NULL, 1, 120, 5,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* module ids the user turned off (the port scan, say): reported as not
   * assessed, their weight spread over the others */
  properties[PROP_SKIPPED_MODULES] =
    g_param_spec_boxed ("skipped-modules", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The remote data services (empty or NULL: the default, the real one).
   * IANA's RDAP bootstrap for DNS (RFC 9224) */
  properties[PROP_RDAP_BOOTSTRAP_URL] =
    g_param_spec_string ("rdap-bootstrap-url", NULL, NULL, CL_DEFAULT_RDAP_BOOTSTRAP_URL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* crt.sh, whose ?q=%.DOMAIN&output=json lists certificate-transparency names */
  properties[PROP_CT_LOG_URL] =
    g_param_spec_string ("ct-log-url", NULL, NULL, CL_DEFAULT_CT_LOG_URL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Have I Been Pwned's public breach list, filtered with ?domain=DOMAIN */
  properties[PROP_BREACH_LIST_URL] =
    g_param_spec_string ("breach-list-url", NULL, NULL, CL_DEFAULT_BREACH_LIST_URL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cl_scan_settings_init (ClScanSettings *self)
{
  self->module_timeout = 30;
  self->network_timeout = 5;
  self->rdap_bootstrap_url = g_strdup (CL_DEFAULT_RDAP_BOOTSTRAP_URL);
  self->ct_log_url = g_strdup (CL_DEFAULT_CT_LOG_URL);
  self->breach_list_url = g_strdup (CL_DEFAULT_BREACH_LIST_URL);
}

ClScanSettings *
cl_scan_settings_new (void)
{
  return g_object_new (CL_TYPE_SCAN_SETTINGS, NULL);
}

static void
set_string (ClScanSettings  *self,
            char           **field,
            const char      *value,
            guint            prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

const char *
cl_scan_settings_get_resolver (ClScanSettings *self)
{
  g_return_val_if_fail (CL_IS_SCAN_SETTINGS (self), NULL);
  return self->resolver;
}

void
cl_scan_settings_set_resolver (ClScanSettings *self,
                               const char     *resolver)
{
  g_return_if_fail (CL_IS_SCAN_SETTINGS (self));
  set_string (self, &self->resolver, resolver, PROP_RESOLVER);
}

const char *
cl_scan_settings_get_trust_anchor_file (ClScanSettings *self)
{
  g_return_val_if_fail (CL_IS_SCAN_SETTINGS (self), NULL);
  return self->trust_anchor_file;
}

void
cl_scan_settings_set_trust_anchor_file (ClScanSettings *self,
                                        const char     *path)
{
  g_return_if_fail (CL_IS_SCAN_SETTINGS (self));
  set_string (self, &self->trust_anchor_file, path, PROP_TRUST_ANCHOR_FILE);
}

const char *
cl_scan_settings_get_ca_file (ClScanSettings *self)
{
  g_return_val_if_fail (CL_IS_SCAN_SETTINGS (self), NULL);
  return self->ca_file;
}

void
cl_scan_settings_set_ca_file (ClScanSettings *self,
                              const char     *path)
{
  g_return_if_fail (CL_IS_SCAN_SETTINGS (self));
  set_string (self, &self->ca_file, path, PROP_CA_FILE);
}

guint
cl_scan_settings_get_module_timeout (ClScanSettings *self)
{
  g_return_val_if_fail (CL_IS_SCAN_SETTINGS (self), 0);
  return self->module_timeout;
}

void
cl_scan_settings_set_module_timeout (ClScanSettings *self,
                                     guint           seconds)
{
  g_return_if_fail (CL_IS_SCAN_SETTINGS (self));
  g_return_if_fail (seconds > 0);

  if (self->module_timeout == seconds)
    return;
  self->module_timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODULE_TIMEOUT]);
}

guint
cl_scan_settings_get_network_timeout (ClScanSettings *self)
{
  g_return_val_if_fail (CL_IS_SCAN_SETTINGS (self), 0);
  return self->network_timeout;
}

void
cl_scan_settings_set_network_timeout (ClScanSettings *self,
                                      guint           seconds)
{
  g_return_if_fail (CL_IS_SCAN_SETTINGS (self));
  g_return_if_fail (seconds > 0);

  if (self->network_timeout == seconds)
    return;
  self->network_timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_TIMEOUT]);
}

const char * const *
cl_scan_settings_get_skipped_modules (ClScanSettings *self)
{
  g_return_val_if_fail (CL_IS_SCAN_SETTINGS (self), NULL);
  return (const char * const *) self->skipped_modules;
}

void
cl_scan_settings_set_skipped_modules (ClScanSettings     *self,
                                      const char * const *module_ids)
{
  g_return_if_fail (CL_IS_SCAN_SETTINGS (self));

  if (module_ids != NULL && module_ids[0] == NULL)
    module_ids = NULL;
  if (self->skipped_modules == NULL && module_ids == NULL)
    return;
  if (self->skipped_modules != NULL && module_ids != NULL &&
      g_strv_equal ((const char * const *) self->skipped_modules, module_ids))
    return;

  g_strfreev (self->skipped_modules);
  self->skipped_modules = g_strdupv ((char **) module_ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKIPPED_MODULES]);
}

gboolean
cl_scan_settings_skips_module (ClScanSettings *self,
                               const char     *module_id)
{
  g_return_val_if_fail (CL_IS_SCAN_SETTINGS (self), FALSE);
  g_return_val_if_fail (module_id != NULL, FALSE);

  return self->skipped_modules != NULL &&
         g_strv_contains ((const char * const *) self->skipped_modules, module_id);
}

/* An endpoint: NULL or empty restores @fallback. */
static void
set_url (ClScanSettings  *self,
         char           **field,
         const char      *value,
         const char      *fallback,
         guint            prop_id)
{
  if (value == NULL || *value == '\0')
    value = fallback;
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

const char *
cl_scan_settings_get_rdap_bootstrap_url (ClScanSettings *self)
{
  g_return_val_if_fail (CL_IS_SCAN_SETTINGS (self), NULL);
  return self->rdap_bootstrap_url;
}

void
cl_scan_settings_set_rdap_bootstrap_url (ClScanSettings *self,
                                         const char     *url)
{
  g_return_if_fail (CL_IS_SCAN_SETTINGS (self));
  set_url (self, &self->rdap_bootstrap_url, url, CL_DEFAULT_RDAP_BOOTSTRAP_URL,
           PROP_RDAP_BOOTSTRAP_URL);
}

const char *
cl_scan_settings_get_ct_log_url (ClScanSettings *self)
{
  g_return_val_if_fail (CL_IS_SCAN_SETTINGS (self), NULL);
  return self->ct_log_url;
}

void
cl_scan_settings_set_ct_log_url (ClScanSettings *self,
                                 const char     *url)
{
  g_return_if_fail (CL_IS_SCAN_SETTINGS (self));
  set_url (self, &self->ct_log_url, url, CL_DEFAULT_CT_LOG_URL, PROP_CT_LOG_URL);
}

const char *
cl_scan_settings_get_breach_list_url (ClScanSettings *self)
{
  g_return_val_if_fail (CL_IS_SCAN_SETTINGS (self), NULL);
  return self->breach_list_url;
}

void
cl_scan_settings_set_breach_list_url (ClScanSettings *self,
                                      const char     *url)
{
  g_return_if_fail (CL_IS_SCAN_SETTINGS (self));
  set_url (self, &self->breach_list_url, url, CL_DEFAULT_BREACH_LIST_URL,
           PROP_BREACH_LIST_URL);
}
