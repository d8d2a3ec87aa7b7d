/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-trackers"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cl-module-trackers-private.h"
#include "cl-resources.h"

/* Trackers: the third-party hosts the home page loads scripts, images,
 * frames and style sheets from, matched against EasyPrivacy's tracking
 * hosts (data/trackers.json, made by build-aux/refresh-trackers.sh) by
 * the host or any parent domain of it.
 *
 * Rule ids (severity):
 *   trackers.present      low   the page loads known trackers: each tells
 *                               a third party who visits (GDPR/ePrivacy
 *                               consent, HIPAA for health sites)
 *   trackers.third_party  info  other third-party hosts the page loads from
 *
 * What scripts load later (tag managers) is not seen: a caveat says so
 * when a tag manager is on the page. */

struct _ClModuleTrackers
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleTrackers, cl_module_trackers, CL_TYPE_MODULE)

/* The list {{{ */

typedef struct
{
  GHashTable *hosts;      /* host → category (in categories) */
  GHashTable *companies;  /* host → company */
  GPtrArray  *categories; /* (element-type utf8) */
} List;

static List *list;

static List *
load_list (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  List *l = g_new0 (List, 1);
  JsonObject *root, *hosts, *companies;
  JsonArray *categories;
  g_autoptr(GList) names = NULL;

  bytes = g_resource_lookup_data (cl_get_resource (),
                                  "/net/compliancelayer/ComplianceLayer/trackers.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  /* The list is compiled in: failing to read it is a build defect. */
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    g_error ("trackers.json: %s", error->message);

  root = json_node_get_object (json_parser_get_root (parser));
  categories = json_object_get_array_member (root, "categories");
  hosts = json_object_get_object_member (root, "hosts");
  companies = json_object_get_object_member (root, "companies");
  if (categories == NULL || hosts == NULL || companies == NULL)
    g_error ("trackers.json: no categories, hosts or companies");

  l->categories = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (categories); i++)
    g_ptr_array_add (l->categories, g_strdup (json_array_get_string_element (categories, i)));

  l->hosts = g_hash_table_new (g_str_hash, g_str_equal);
  names = json_object_get_members (hosts);
  for (GList *n = names; n != NULL; n = n->next)
    {
      gint64 index = json_object_get_int_member (hosts, n->data);

      if (index < 0 || index >= l->categories->len)
        g_error ("trackers.json: %s: bad category", (char *)n->data);
      g_hash_table_insert (l->hosts, g_strdup (n->data), g_ptr_array_index (l->categories, index));
    }
  g_clear_pointer (&names, g_list_free);

  l->companies = g_hash_table_new (g_str_hash, g_str_equal);
  names = json_object_get_members (companies);
  for (GList *n = names; n != NULL; n = n->next)
    g_hash_table_insert (l->companies, g_strdup (n->data),
                         g_strdup (json_object_get_string_member (companies, n->data)));

  return l;
}

static List *
get_list (void)
{
  if (g_once_init_enter (&list))
    g_once_init_leave (&list, load_list ());

  return list;
}

/* The entry of @table for @host or its nearest parent domain. */
static gboolean
lookup_parents (GHashTable  *table,
                const char  *host,
                const char **key,
                gpointer    *value)
{
  for (const char *h = host; h != NULL; h = strchr (h, '.'))
    {
      if (*h == '.')
        h++;
      if (g_hash_table_lookup_extended (table, h, (gpointer *)key, value))
        return TRUE;
    }

  return FALSE;
}

/**
 * _cl_trackers_lookup:
 * @host: a host name in lower case
 * @entry: (out): the list's host that matched (@host or a parent)
 * @category: (out): its category
 * @company: (out) (nullable): the company behind it, when known
 *
 * Returns: whether @host is a tracker
 */
gboolean
_cl_trackers_lookup (const char  *host,
                     const char **entry,
                     const char **category,
                     const char **company)
{
  List *l = get_list ();
  gpointer value = NULL;
  const char *key;

  g_return_val_if_fail (host != NULL, FALSE);

  if (!lookup_parents (l->hosts, host, entry, (gpointer *)category))
    return FALSE;
  *company = lookup_parents (l->companies, host, &key, &value) ? value : NULL;

  return TRUE;
}

/* }}} */

/* Judging {{{ */

/* The registrable domain of @host; under a suffix the public suffix list
 * does not know (a private TLD), its last two labels. */
static const char *
base_domain (const char *host)
{
  const char *base = soup_tld_get_base_domain (host, NULL);
  const char *last;

  if (base != NULL)
    return base;
  if ((last = strrchr (host, '.')) == NULL)
    return host;
  for (const char *p = last - 1; p >= host; p--)
    {
      if (*p == '.')
        return p + 1;
    }

  return host;
}

/* A host from the page, shown as letters, digits, dots and dashes. */
static char *
printable_host (const char *host)
{
  g_autofree char *cut = g_strndup (host, 100);

  return g_strcanon (g_steal_pointer (&cut), "abcdefghijklmnopqrstuvwxyz0123456789.-:[]", '?');
}

static void
append_listed (GString    *out,
               guint      *listed,
               const char *text)
{
  if (*listed == CL_TRACKERS_MAX_LISTED)
    g_string_append (out, ", …");
  if ((*listed)++ >= CL_TRACKERS_MAX_LISTED)
    return;
  if (out->len > 0)
    g_string_append (out, ", ");
  g_string_append (out, text);
}

/**
 * _cl_module_trackers_judge:
 * @page: the home page
 * @result: where the findings go
 */
void
_cl_module_trackers_judge (ClWebPage      *page,
                           ClModuleResult *result)
{
  GPtrArray *resources;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) trackers = g_string_new (NULL);
  g_autoptr(GString) others = g_string_new (NULL);
  g_autofree char *site = NULL;
  guint n_trackers = 0, n_others = 0;
  gboolean tag_manager = FALSE;

  g_return_if_fail (CL_IS_WEB_PAGE (page));
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  uri = g_uri_parse (cl_web_page_get_url (page), SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return;
  site = g_ascii_strdown (base_domain (g_uri_get_host (uri)), -1);

  resources = cl_web_page_get_resources (page);
  for (guint i = 0; i < resources->len; i++)
    {
      ClWebResource *resource = g_ptr_array_index (resources, i);
      const char *entry, *category, *company;

      /* the site's own hosts are first-party, whatever the list says */
      if (g_ascii_strcasecmp (base_domain (resource->host), site) == 0)
        continue;

      if (_cl_trackers_lookup (resource->host, &entry, &category, &company))
        {
          g_autofree char *text = NULL;

          if (!g_hash_table_add (seen, g_strdup (entry)))
            continue;
          if (strstr (entry, "googletagmanager") != NULL || strstr (entry, "adobedtm") != NULL)
            tag_manager = TRUE;
          text = company != NULL ? g_strdup_printf ("%s (%s, %s)", entry, company, category)
                                 : g_strdup_printf ("%s (%s)", entry, category);
          append_listed (trackers, &n_trackers, text);
        }
      else
        {
          g_autofree char *host = printable_host (resource->host);

          if (g_hash_table_add (seen, g_strdup (resource->host)))
            append_listed (others, &n_others, host);
        }
    }

  if (n_trackers > 0)
    cl_module_result_add (result, "trackers.present", CL_SEVERITY_LOW,
                          _("The home page loads third-party trackers"),
                          _("Load trackers only after the visitor consents (GDPR, ePrivacy), "
                            "and not at all on pages that handle health or payment data "
                            "(HIPAA, PCI DSS); prefer first-party analytics that keep the "
                            "data on your own servers."),
                          "%s", trackers->str);
  if (n_others > 0)
    cl_module_result_add (result, "trackers.third_party", CL_SEVERITY_INFO,
                          _("The home page loads content from other sites"),
                          _("Nothing to do if each is needed: every third party the page loads "
                            "from sees the visitors’ addresses, and a script from it runs with "
                            "the site’s rights (pin scripts with Subresource Integrity)."),
                          "%s", others->str);
  if (tag_manager)
    cl_module_result_add_caveat (result, _("A tag manager is on the page: the trackers it loads "
                                           "later are not seen"));
}

/* }}} */

/* Fetching {{{ */

static void
cl_module_trackers_run_async (ClModule            *module,
                              ClScanContext       *context,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_assert (CL_IS_MODULE_TRACKERS (module));

  cl_web_page_judge_async (module, context, "trackers", _cl_module_trackers_judge,
                           cancellable, callback, user_data);
}

/* }}} */

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "trackers.present",
  "trackers.third_party",
  NULL,
};

static void
cl_module_trackers_class_init (ClModuleTrackersClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "trackers";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_trackers_run_async;
}

static void
cl_module_trackers_init (ClModuleTrackers *self)
{
}

ClModule *
cl_module_trackers_new (void)
{
  return g_object_new (CL_TYPE_MODULE_TRACKERS, NULL);
}
