/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-modules"

#include "config.h"

#include <string.h>

#include "cl-modules.h"
#include "cl-module-blacklists.h"
#include "cl-module-breaches.h"
#include "cl-module-cookies.h"
#include "cl-module-dns-email.h"
#include "cl-module-dnssec.h"
#include "cl-module-headers.h"
#include "cl-module-js-audit.h"
#include "cl-module-ports.h"
#include "cl-module-reputation.h"
#include "cl-module-ssl.h"
#include "cl-module-subdomains.h"
#include "cl-module-tech-stack.h"
#include "cl-module-trackers.h"
#include "cl-module-waf.h"
#include "cl-module-whois.h"

/* Each implemented module, by its catalog id.  A module of the catalog
 * that is not here is reported as not_implemented. */
static const struct {
  const char *id;
  GType     (*get_type) (void);
} implemented[] = {
  { "ports", cl_module_ports_get_type },
  { "ssl", cl_module_ssl_get_type },
  { "headers", cl_module_headers_get_type },
  { "dns_email", cl_module_dns_email_get_type },
  { "cookies", cl_module_cookies_get_type },
  { "dnssec", cl_module_dnssec_get_type },
  { "waf", cl_module_waf_get_type },
  { "subdomains", cl_module_subdomains_get_type },
  { "breaches", cl_module_breaches_get_type },
  { "whois", cl_module_whois_get_type },
  { "js_audit", cl_module_js_audit_get_type },
  { "trackers", cl_module_trackers_get_type },
  { "tech_stack", cl_module_tech_stack_get_type },
  { "blacklists", cl_module_blacklists_get_type },
  { "reputation", cl_module_reputation_get_type },
  { NULL, NULL },
};

/**
 * cl_modules_create:
 * @id: a module id of the catalog
 *
 * Returns: (transfer full) (nullable): the module, or %NULL when this
 *   version does not implement it
 */
ClModule *
cl_modules_create (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; implemented[i].id != NULL; i++)
    {
      if (g_str_equal (implemented[i].id, id))
        return g_object_new (implemented[i].get_type (), NULL);
    }

  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/**
 * cl_modules_get_rule_ids:
 * @id: a module id of the catalog
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the rule
 *   ids the module can emit, %NULL when this version does not implement it
 */
const char * const *
cl_modules_get_rule_ids (const char *id)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; implemented[i].id != NULL; i++)
    {
      GType type;
      ClModuleClass *klass;

      if (!g_str_equal (implemented[i].id, id))
        continue;

      /* The class of a static type lives as long as the program: the
       * reference taken when it does not exist yet is never dropped. */
      type = implemented[i].get_type ();
      klass = g_type_class_peek (type);
      if (klass == NULL)
        klass = g_type_class_ref (type);
      return klass->rule_ids != NULL ? klass->rule_ids : none;
    }

  return NULL;
}

/**
 * cl_modules_list_rule_ids:
 *
 * Every rule id any implemented module can emit: what the compliance
 * mapping must cover.
 *
 * Returns: (transfer full): the rule ids, sorted
 */
GStrv
cl_modules_list_rule_ids (void)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint i = 0; implemented[i].id != NULL; i++)
    {
      const char * const *rule_ids = cl_modules_get_rule_ids (implemented[i].id);

      for (guint j = 0; rule_ids[j] != NULL; j++)
        g_ptr_array_add (all, g_strdup (rule_ids[j]));
    }
  g_ptr_array_sort (all, compare_strings);
  g_ptr_array_add (all, NULL);

  return (GStrv)g_ptr_array_free (all, FALSE);
}
