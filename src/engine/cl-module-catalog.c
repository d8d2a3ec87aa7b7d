/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cl-module-catalog.h"
#include "cl-resources.h"

/* The fifteen modules, their weights and what they need, read once from
 * data/modules.json: weights are policy, not code. */

static GPtrArray *catalog;

static gboolean
parse_needs (const char    *str,
             ClModuleNeeds *needs)
{
  if (g_strcmp0 (str, "dns") == 0)
    *needs = CL_MODULE_NEEDS_DNS;
  else if (g_strcmp0 (str, "address") == 0)
    *needs = CL_MODULE_NEEDS_ADDRESS;
  else if (g_strcmp0 (str, "web") == 0)
    *needs = CL_MODULE_NEEDS_WEB;
  else
    return FALSE;
  return TRUE;
}

static GPtrArray *
load_catalog (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *list = g_ptr_array_new ();
  JsonArray *modules;

  bytes = g_resource_lookup_data (cl_get_resource (),
                                  "/net/compliancelayer/ComplianceLayer/modules.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  /* The catalog is compiled in: failing to read it is a build defect. */
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    g_error ("modules.json: %s", error->message);

  modules = json_node_get_array (json_parser_get_root (parser));

  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonObject *obj = json_array_get_object_element (modules, i);
      ClModuleInfo *info = g_new0 (ClModuleInfo, 1);

      info->id = g_strdup (json_object_get_string_member (obj, "id"));
      info->title = g_strdup (json_object_get_string_member (obj, "title"));
      info->weight = json_object_get_double_member (obj, "weight");
      info->tier = json_object_get_int_member (obj, "tier");
      if (!parse_needs (json_object_get_string_member (obj, "needs"), &info->needs))
        g_error ("modules.json: bad \"needs\" for %s", info->id);

      g_ptr_array_add (list, info);
    }

  return list;
}

GPtrArray *
cl_module_catalog_list (void)
{
  if (g_once_init_enter (&catalog))
    g_once_init_leave (&catalog, load_catalog ());

  return catalog;
}

const ClModuleInfo *
cl_module_catalog_lookup (const char *id)
{
  GPtrArray *list = cl_module_catalog_list ();

  for (guint i = 0; i < list->len; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (list, i);

      if (g_strcmp0 (info->id, id) == 0)
        return info;
    }

  return NULL;
}
