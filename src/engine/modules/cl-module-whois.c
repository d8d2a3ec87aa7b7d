/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-whois"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cl-error.h"
#include "cl-module-whois-private.h"
#include "cl-service-client.h"

/* WHOIS, through RDAP (RFC 7480–7484, 9082, 9083, 9224): IANA's bootstrap
 * file names the registry's RDAP server for the domain's TLD; that server
 * answers with the registrar, the registration and expiry dates, the
 * status flags (RFC 8056's EPP names) and the name servers.
 *
 * Rule ids (severity):
 *   whois.expired            critical  the registration's expiry date passed
 *   whois.expiring           high      it expires within CL_WHOIS_EXPIRING_DAYS
 *   whois.transfer_unlocked  low       no client (or server) transfer lock
 *   whois.summary            info      registrar, dates, status, name servers
 *
 * The module has no weight: these findings inform, they cost no points.
 * A TLD the bootstrap does not know, a registry without a record of the
 * domain, or a service that stays down make it unavailable. */

struct _ClModuleWhois
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleWhois, cl_module_whois, CL_TYPE_MODULE)

/* Facts {{{ */

ClWhoisFacts *
_cl_whois_facts_new (const char *domain,
                     JsonNode   *rdap,
                     GDateTime  *now)
{
  ClWhoisFacts *facts;

  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (rdap != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  facts = g_new0 (ClWhoisFacts, 1);
  facts->domain = g_strdup (domain);
  facts->rdap = json_node_ref (rdap);
  facts->now = g_date_time_ref (now);

  return facts;
}

void
_cl_whois_facts_free (ClWhoisFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->domain);
  json_node_unref (facts->rdap);
  g_date_time_unref (facts->now);
  g_free (facts);
}

/**
 * _cl_whois_find_server:
 * @bootstrap: IANA's dns.json (RFC 9224 §4)
 * @domain: a lower-case domain name
 *
 * The longest entry of the bootstrap that is a suffix of @domain (in
 * practice its TLD) names the registry's servers; an https one is taken
 * first (RFC 9224 §3: clients should prefer https).
 *
 * Returns: (transfer full) (nullable): the server's base URL, ending in
 *   '/', or %NULL when the bootstrap does not know the TLD
 */
char *
_cl_whois_find_server (JsonNode   *bootstrap,
                       const char *domain)
{
  JsonArray *services = cl_service_client_json_array (bootstrap, "services");
  const char *best = NULL;
  gsize best_len = 0;

  g_return_val_if_fail (domain != NULL, NULL);

  for (guint i = 0; services != NULL && i < json_array_get_length (services); i++)
    {
      JsonNode *service = json_array_get_element (services, i);
      JsonArray *pair, *entries, *urls;

      if (!JSON_NODE_HOLDS_ARRAY (service))
        continue;
      pair = json_node_get_array (service);
      if (json_array_get_length (pair) < 2 ||
          !JSON_NODE_HOLDS_ARRAY (json_array_get_element (pair, 0)) ||
          !JSON_NODE_HOLDS_ARRAY (json_array_get_element (pair, 1)))
        continue;
      entries = json_array_get_array_element (pair, 0);
      urls = json_array_get_array_element (pair, 1);

      for (guint j = 0; j < json_array_get_length (entries); j++)
        {
          JsonNode *entry = json_array_get_element (entries, j);
          const char *suffix;
          gsize n, len = strlen (domain);

          if (json_node_get_value_type (entry) != G_TYPE_STRING)
            continue;
          suffix = json_node_get_string (entry);
          n = strlen (suffix);
          if (n == 0 || n <= best_len || n > len ||
              g_ascii_strcasecmp (domain + len - n, suffix) != 0 ||
              (n < len && domain[len - n - 1] != '.'))
            continue;

          for (int pass = 0; pass < 2; pass++)
            {
              for (guint k = 0; k < json_array_get_length (urls); k++)
                {
                  JsonNode *url = json_array_get_element (urls, k);
                  const char *s;

                  if (json_node_get_value_type (url) != G_TYPE_STRING)
                    continue;
                  s = json_node_get_string (url);
                  if (g_str_has_prefix (s, pass == 0 ? "https://" : "http://"))
                    {
                      best = s;
                      best_len = n;
                      break;
                    }
                }
              if (best_len == n)
                break;
            }
        }
    }

  if (best == NULL)
    return NULL;
  return g_str_has_suffix (best, "/") ? g_strdup (best) : g_strconcat (best, "/", NULL);
}

/* }}} */

/* Judging {{{ */

/* The registrar's name: the "fn" of the vCard (RFC 7095 jCard) of the
 * entity with the role "registrar", else its handle. */
static const char *
registrar_name (JsonNode *rdap)
{
  JsonArray *entities = cl_service_client_json_array (rdap, "entities");

  for (guint i = 0; entities != NULL && i < json_array_get_length (entities); i++)
    {
      JsonNode *entity = json_array_get_element (entities, i);
      JsonArray *roles = cl_service_client_json_array (entity, "roles");
      JsonArray *vcard = cl_service_client_json_array (entity, "vcardArray");
      gboolean registrar = FALSE;

      for (guint j = 0; roles != NULL && j < json_array_get_length (roles); j++)
        {
          JsonNode *role = json_array_get_element (roles, j);

          registrar |= json_node_get_value_type (role) == G_TYPE_STRING &&
                       g_strcmp0 (json_node_get_string (role), "registrar") == 0;
        }
      if (!registrar)
        continue;

      /* ["vcard", [["fn", {}, "text", "Example Registrar, Inc."], …]] */
      if (vcard != NULL && json_array_get_length (vcard) >= 2 &&
          JSON_NODE_HOLDS_ARRAY (json_array_get_element (vcard, 1)))
        {
          JsonArray *props = json_array_get_array_element (vcard, 1);

          for (guint j = 0; j < json_array_get_length (props); j++)
            {
              JsonNode *prop = json_array_get_element (props, j);
              JsonArray *p;

              if (!JSON_NODE_HOLDS_ARRAY (prop))
                continue;
              p = json_node_get_array (prop);
              if (json_array_get_length (p) >= 4 &&
                  json_node_get_value_type (json_array_get_element (p, 0)) == G_TYPE_STRING &&
                  json_node_get_value_type (json_array_get_element (p, 3)) == G_TYPE_STRING &&
                  g_strcmp0 (json_array_get_string_element (p, 0), "fn") == 0)
                return json_array_get_string_element (p, 3);
            }
        }
      return cl_service_client_json_string (entity, "handle");
    }

  return NULL;
}

/* The date of the first event with @action ("registration",
 * "expiration"), or NULL. */
static GDateTime *
event_date (JsonNode   *rdap,
            const char *action)
{
  JsonArray *events = cl_service_client_json_array (rdap, "events");

  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      JsonNode *event = json_array_get_element (events, i);
      const char *date;

      if (g_strcmp0 (cl_service_client_json_string (event, "eventAction"), action) != 0)
        continue;
      date = cl_service_client_json_string (event, "eventDate");
      /* RFC 3339; a date without a zone is read as UTC */
      if (date != NULL)
        {
          g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

          return g_date_time_new_from_iso8601 (date, utc);
        }
    }

  return NULL;
}

/* Status values as RDAP writes them ("client transfer prohibited") or as
 * EPP does ("clientTransferProhibited"): compared without spaces or case. */
static char *
status_key (const char *status)
{
  GString *key = g_string_new (NULL);

  for (const char *p = status; *p != '\0'; p++)
    {
      if (*p != ' ')
        g_string_append_c (key, g_ascii_tolower (*p));
    }
  return g_string_free (key, FALSE);
}

/* Text from the registry, printable and short: it goes into evidence. */
static void
append_clean (GString    *out,
              const char *text,
              gsize       max)
{
  gsize start = out->len;

  for (const char *p = text; *p != '\0' && out->len - start < max; p++)
    g_string_append_c (out, g_ascii_isprint (*p) ? *p : '?');
}

static char *
format_date (GDateTime *date)
{
  return date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup (_("unknown"));
}

/**
 * _cl_module_whois_judge:
 * @facts: the registry's answer for the domain
 * @result: where the findings go
 *
 * Expired, expiring within CL_WHOIS_EXPIRING_DAYS, not locked against
 * transfer; and a summary of what the registry says.
 */
void
_cl_module_whois_judge (ClWhoisFacts   *facts,
                        ClModuleResult *result)
{
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *created_text = NULL;
  g_autofree char *expires_text = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) statuses = g_string_new (NULL);
  g_autoptr(GString) servers = g_string_new (NULL);
  JsonArray *status, *nameservers;
  const char *registrar;
  gboolean locked = FALSE;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  created = event_date (facts->rdap, "registration");
  expires = event_date (facts->rdap, "expiration");
  created_text = format_date (created);
  expires_text = format_date (expires);

  status = cl_service_client_json_array (facts->rdap, "status");
  for (guint i = 0; status != NULL && i < json_array_get_length (status) && i < 32; i++)
    {
      JsonNode *node = json_array_get_element (status, i);
      g_autofree char *key = NULL;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      key = status_key (json_node_get_string (node));
      /* a registry lock (server…) holds a transfer as surely */
      locked |= strcmp (key, "clienttransferprohibited") == 0 ||
                strcmp (key, "servertransferprohibited") == 0;
      if (statuses->len > 0)
        g_string_append (statuses, ", ");
      append_clean (statuses, json_node_get_string (node), 64);
    }

  nameservers = cl_service_client_json_array (facts->rdap, "nameservers");
  for (guint i = 0; nameservers != NULL && i < json_array_get_length (nameservers) && i < 16; i++)
    {
      const char *name = cl_service_client_json_string (json_array_get_element (nameservers, i),
                                                        "ldhName");

      if (name == NULL)
        continue;
      if (servers->len > 0)
        g_string_append (servers, ", ");
      append_clean (servers, name, 255);
    }

  if (expires != NULL)
    {
      GTimeSpan left = g_date_time_difference (expires, facts->now);
      gint64 days = left / G_TIME_SPAN_DAY;

      if (left <= 0)
        cl_module_result_add (result, "whois.expired", CL_SEVERITY_CRITICAL,
                              _("The domain’s registration has expired"),
                              _("Renew the domain with the registrar at once, before someone "
                                "else registers it, and turn on automatic renewal."),
                              _("%s expired on %s"), facts->domain, expires_text);
      else if (days < CL_WHOIS_EXPIRING_DAYS)
        cl_module_result_add (result, "whois.expiring", CL_SEVERITY_HIGH,
                              _("The domain’s registration expires soon"),
                              _("Renew the domain with the registrar and turn on automatic "
                                "renewal: an expired domain takes the web site and e-mail "
                                "with it and can be registered by anyone."),
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s expires on %s, in %" G_GINT64_FORMAT " day",
                                           "%s expires on %s, in %" G_GINT64_FORMAT " days",
                                           days),
                              facts->domain, expires_text, days);
    }

  if (!locked)
    cl_module_result_add (result, "whois.transfer_unlocked", CL_SEVERITY_LOW,
                          _("The domain is not locked against transfer"),
                          _("Ask the registrar to set the clientTransferProhibited status "
                            "(a transfer lock), so that the domain cannot be moved to another "
                            "registrar without your approval."),
                          _("status: %s"), statuses->len > 0 ? statuses->str : _("none"));

  registrar = registrar_name (facts->rdap);
  g_string_append_printf (summary, _("registrar: "));
  append_clean (summary, registrar != NULL ? registrar : _("unknown"), 128);
  g_string_append_printf (summary, _("; created: %s; expires: %s; status: %s; name servers: %s"),
                          created_text, expires_text,
                          statuses->len > 0 ? statuses->str : _("none"),
                          servers->len > 0 ? servers->str : _("none"));
  cl_module_result_add (result, "whois.summary", CL_SEVERITY_INFO,
                        _("Registration data of the domain"),
                        _("Nothing to do: keep the registrar’s contact details current."),
                        "%s", summary->str);
}

/* }}} */

/* Fetching {{{ */

/* The bootstrap changes a few times a year: fetched once per process
 * and URL. */
G_LOCK_DEFINE_STATIC (bootstrap);
static char *bootstrap_url;
static JsonNode *bootstrap_node;

typedef struct
{
  ClServiceClient *client;
  char            *domain;
  char            *name;      /* the name being asked: the domain, then its parents */
  char            *bootstrap_url;
  char            *server;
  gint64           deadline;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->client);
  g_free (run->domain);
  g_free (run->name);
  g_free (run->bootstrap_url);
  g_free (run->server);
  g_free (run);
}

static void ask_registry (GTask *task);

static void
on_domain (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) rdap = NULL;
  g_autoptr(ClWhoisFacts) facts = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(ClModuleResult) module_result = NULL;
  const char *parent;

  rdap = cl_service_client_get_json_finish (run->client, result, &error);
  if (rdap == NULL)
    {
      /* not registered as such: perhaps its parent is (www.example.com) */
      parent = strchr (run->name, '.');
      if (g_error_matches (error, CL_ERROR, CL_ERROR_NOT_FOUND) &&
          parent != NULL && strchr (parent + 1, '.') != NULL)
        {
          char *name = g_strdup (parent + 1);

          g_free (run->name);
          run->name = name;
          ask_registry (g_steal_pointer (&task));
          return;
        }
      if (g_error_matches (error, CL_ERROR, CL_ERROR_NOT_FOUND))
        g_task_return_new_error (task, CL_ERROR, CL_ERROR_UNAVAILABLE,
                                 _("The registry’s RDAP server has no record of %s"), run->domain);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  now = g_date_time_new_now_utc ();
  facts = _cl_whois_facts_new (run->name, rdap, now);
  module_result = cl_module_result_new ("whois");
  _cl_module_whois_judge (facts, module_result);
  g_task_return_pointer (task, g_steal_pointer (&module_result), g_object_unref);
}

static void
ask_registry (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autofree char *escaped = g_uri_escape_string (run->name, NULL, FALSE);
  g_autofree char *url = g_strconcat (run->server, "domain/", escaped, NULL);

  cl_service_client_get_json_async (run->client, url, 0, run->deadline,
                                    g_task_get_cancellable (task), on_domain, task);
}

static void
use_bootstrap (GTask    *task,
               JsonNode *bootstrap)
{
  Run *run = g_task_get_task_data (task);
  const char *tld = strrchr (run->domain, '.');

  run->server = _cl_whois_find_server (bootstrap, run->domain);
  if (run->server == NULL)
    {
      g_task_return_new_error (task, CL_ERROR, CL_ERROR_UNAVAILABLE,
                               _("IANA’s RDAP bootstrap names no registry server for .%s"),
                               tld != NULL ? tld + 1 : run->domain);
      g_object_unref (task);
      return;
    }
  ask_registry (task);
}

static void
on_bootstrap (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bootstrap = NULL;

  bootstrap = cl_service_client_get_json_finish (run->client, result, &error);
  if (bootstrap == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  G_LOCK (bootstrap);
  g_free (bootstrap_url);
  bootstrap_url = g_strdup (run->bootstrap_url);
  g_clear_pointer (&bootstrap_node, json_node_unref);
  bootstrap_node = json_node_ref (bootstrap);
  G_UNLOCK (bootstrap);

  use_bootstrap (task, bootstrap);
}

static void
cl_module_whois_run_async (ClModule            *module,
                           ClScanContext       *context,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  ClScanSettings *settings = cl_scan_context_get_settings (context);
  const char *url = cl_scan_settings_get_rdap_bootstrap_url (settings);
  g_autoptr(JsonNode) cached = NULL;
  Run *run;

  g_assert (CL_IS_MODULE_WHOIS (module));
  g_assert (CL_IS_SCAN_CONTEXT (context));

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_whois_run_async);

  run = g_new0 (Run, 1);
  run->client = cl_service_client_new (cl_scan_settings_get_ca_file (settings),
                                       cl_scan_settings_get_network_timeout (settings));
  run->domain = g_strdup (cl_scan_context_get_domain (context));
  run->name = g_strdup (run->domain);
  /* Give up a little before the job's own timeout cancels the module,
   * so that the reason is the service's, not "timed out". */
  run->deadline = g_get_monotonic_time () +
                  (gint64)cl_scan_settings_get_module_timeout (settings) * G_USEC_PER_SEC * 9 / 10;
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  G_LOCK (bootstrap);
  if (bootstrap_node != NULL && g_strcmp0 (bootstrap_url, url) == 0)
    cached = json_node_ref (bootstrap_node);
  G_UNLOCK (bootstrap);

  if (cached != NULL)
    {
      use_bootstrap (task, cached);
      return;
    }

  run->bootstrap_url = g_strdup (url);
  cl_service_client_get_json_async (run->client, url, 0, run->deadline, cancellable,
                                    on_bootstrap, task);
}

/* }}} */

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "whois.expired",
  "whois.expiring",
  "whois.transfer_unlocked",
  "whois.summary",
  NULL,
};

static void
cl_module_whois_class_init (ClModuleWhoisClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "whois";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_whois_run_async;
}

static void
cl_module_whois_init (ClModuleWhois *self)
{
}

ClModule *
cl_module_whois_new (void)
{
  return g_object_new (CL_TYPE_MODULE_WHOIS, NULL);
}
