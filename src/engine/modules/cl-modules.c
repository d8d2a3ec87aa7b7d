/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-modules"

#include "config.h"

#include "cl-modules.h"
#include "cl-module-dns-email.h"
#include "cl-module-headers.h"
#include "cl-module-ports.h"
#include "cl-module-ssl.h"

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
