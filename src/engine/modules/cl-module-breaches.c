/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-breaches"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cl-error.h"
#include "cl-module-breaches-private.h"
#include "cl-service-client.h"

/* Known breaches of the domain, from Have I Been Pwned's public breach
 * list (GET /api/v3/breaches?domain=DOMAIN: no key needed; the breach
 * metadata is CC BY 4.0).  Each entry names the breach, its date, how
 * many accounts and which kinds of data leaked, and whether HIBP
 * verified it.  Asked live at each scan, kept nowhere.
 *
 * Rule ids (severity):
 *   breaches.known  medium  a verified breach within CL_BREACHES_RECENT_YEARS
 *                   low     an older or unverified one
 *   breaches.none   info    the list knows no breach of the domain
 *
 * The module has no weight: these findings inform, they cost no points.
 * A list that stays down makes it unavailable. */

struct _ClModuleBreaches
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleBreaches, cl_module_breaches, CL_TYPE_MODULE)

/* Facts {{{ */

ClBreachesFacts *
_cl_breaches_facts_new (const char *domain,
                        JsonNode   *breaches,
                        GDateTime  *now)
{
  ClBreachesFacts *facts;

  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (breaches != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  facts = g_new0 (ClBreachesFacts, 1);
  facts->domain = g_strdup (domain);
  facts->breaches = json_node_ref (breaches);
  facts->now = g_date_time_ref (now);

  return facts;
}

void
_cl_breaches_facts_free (ClBreachesFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->domain);
  json_node_unref (facts->breaches);
  g_date_time_unref (facts->now);
  g_free (facts);
}

/**
 * _cl_breaches_url:
 * @list_url: the breach list's endpoint
 * @domain: the domain
 *
 * Returns: (transfer full): @list_url filtered to @domain's breaches
 */
char *
_cl_breaches_url (const char *list_url,
                  const char *domain)
{
  g_autofree char *escaped = g_uri_escape_string (domain, NULL, FALSE);

  return g_strconcat (list_url, strchr (list_url, '?') != NULL ? "&" : "?",
                      "domain=", escaped, NULL);
}

/* }}} */

/* Judging {{{ */

/* Text from the list, printable and short: it goes into evidence. */
static void
append_clean (GString    *out,
              const char *text,
              gsize       max)
{
  gsize start = out->len;

  for (const char *p = text; *p != '\0' && out->len - start < max; p++)
    g_string_append_c (out, g_ascii_isprint (*p) ? *p : '?');
}

/* "YYYY-MM-DD" as a date, or NULL. */
static GDateTime *
parse_date (const char *text)
{
  int year, month, day;
  char end;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3)
    return NULL;
  return g_date_time_new_utc (year, month, day, 0, 0, 0);
}

static void
judge_breach (ClBreachesFacts *facts,
              JsonNode        *breach,
              ClModuleResult  *result)
{
  const char *name = cl_service_client_json_string (breach, "Title");
  const char *domain = cl_service_client_json_string (breach, "Domain");
  const char *date_text = cl_service_client_json_string (breach, "BreachDate");
  JsonNode *verified = cl_service_client_json_member (breach, "IsVerified");
  JsonNode *count = cl_service_client_json_member (breach, "PwnCount");
  JsonArray *classes = cl_service_client_json_array (breach, "DataClasses");
  g_autoptr(GDateTime) date = parse_date (date_text);
  g_autoptr(GDateTime) recent = g_date_time_add_years (facts->now, -CL_BREACHES_RECENT_YEARS);
  g_autoptr(GString) evidence = g_string_new (NULL);
  gboolean is_verified;
  gboolean is_recent;

  if (name == NULL)
    name = cl_service_client_json_string (breach, "Name");
  /* the filter is the service's: an entry of another domain is not ours */
  if (name == NULL || domain == NULL || g_ascii_strcasecmp (domain, facts->domain) != 0)
    return;

  is_verified = verified != NULL && json_node_get_value_type (verified) == G_TYPE_BOOLEAN &&
                json_node_get_boolean (verified);
  is_recent = date != NULL && g_date_time_compare (date, recent) >= 0;

  append_clean (evidence, name, 128);
  if (date != NULL)
    {
      g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

      g_string_append_printf (evidence, _(", breached on %s"), day);
    }
  else
    g_string_append (evidence, _(", breached on an unknown date"));
  if (count != NULL && json_node_get_value_type (count) == G_TYPE_INT64 &&
      json_node_get_int (count) > 0)
    g_string_append_printf (evidence, _(", %" G_GINT64_FORMAT " accounts"), json_node_get_int (count));
  for (guint i = 0; classes != NULL && i < json_array_get_length (classes) && i < 32; i++)
    {
      JsonNode *node = json_array_get_element (classes, i);

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      g_string_append (evidence, i == 0 ? _(", data: ") : ", ");
      append_clean (evidence, json_node_get_string (node), 64);
    }
  g_string_append (evidence, is_verified ? _(" (verified)") : _(" (unverified)"));
  /* the breach metadata's licence (CC BY 4.0) asks for the attribution */
  g_string_append (evidence, _("; source: Have I Been Pwned"));

  cl_module_result_add (result, "breaches.known",
                        is_verified && is_recent ? CL_SEVERITY_MEDIUM : CL_SEVERITY_LOW,
                        _("The domain appears in a known data breach"),
                        _("Make sure the breach was investigated and closed: affected users "
                          "told, passwords and keys that leaked rotated, and the cause fixed. "
                          "Watch for credential stuffing against the accounts it exposed."),
                        "%s", evidence->str);
}

/**
 * _cl_module_breaches_judge:
 * @facts: the breach list's answer for the domain
 * @result: where the findings go
 *
 * One finding per breach of the domain (verified and recent: medium),
 * or a note that the list knows none.
 */
void
_cl_module_breaches_judge (ClBreachesFacts *facts,
                           ClModuleResult  *result)
{
  JsonArray *breaches;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  breaches = JSON_NODE_HOLDS_ARRAY (facts->breaches) ? json_node_get_array (facts->breaches) : NULL;
  for (guint i = 0; breaches != NULL && i < json_array_get_length (breaches); i++)
    {
      if (cl_module_result_get_findings (result)->len >= CL_BREACHES_MAX_LISTED)
        {
          cl_module_result_add_caveat (result, _("The breach list names more breaches than are listed"));
          break;
        }
      judge_breach (facts, json_array_get_element (breaches, i), result);
    }

  if (!cl_module_result_has_rule (result, "breaches.known"))
    cl_module_result_add (result, "breaches.none", CL_SEVERITY_INFO,
                          _("No known data breach of the domain"),
                          _("Nothing to do."),
                          _("Have I Been Pwned lists no breach of %s"), facts->domain);
}

/* }}} */

/* Fetching {{{ */

typedef struct
{
  ClServiceClient *client;
  char            *domain;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->client);
  g_free (run->domain);
  g_free (run);
}

static void
on_list (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) breaches = NULL;
  g_autoptr(ClBreachesFacts) facts = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(ClModuleResult) module_result = NULL;

  breaches = cl_service_client_get_json_finish (run->client, result, &error);
  /* HIBP answers 404 to a domain filter that matches nothing */
  if (breaches == NULL && g_error_matches (error, CL_ERROR, CL_ERROR_NOT_FOUND))
    breaches = json_node_init_array (json_node_alloc (), json_array_new ());
  if (breaches == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (breaches))
    {
      g_task_return_new_error (task, CL_ERROR, CL_ERROR_UNAVAILABLE,
                               _("The breach list answered something other than a list"));
      return;
    }

  now = g_date_time_new_now_utc ();
  facts = _cl_breaches_facts_new (run->domain, breaches, now);
  module_result = cl_module_result_new ("breaches");
  _cl_module_breaches_judge (facts, module_result);
  g_task_return_pointer (task, g_steal_pointer (&module_result), g_object_unref);
}

static void
cl_module_breaches_run_async (ClModule            *module,
                              ClScanContext       *context,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  ClScanSettings *settings = cl_scan_context_get_settings (context);
  g_autofree char *url = NULL;
  gint64 deadline;
  Run *run;

  g_assert (CL_IS_MODULE_BREACHES (module));
  g_assert (CL_IS_SCAN_CONTEXT (context));

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_breaches_run_async);

  run = g_new0 (Run, 1);
  run->client = cl_service_client_new (cl_scan_settings_get_ca_file (settings),
                                       cl_scan_settings_get_network_timeout (settings));
  run->domain = g_strdup (cl_scan_context_get_domain (context));
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  url = _cl_breaches_url (cl_scan_settings_get_breach_list_url (settings), run->domain);
  /* Give up a little before the job's own timeout cancels the module. */
  deadline = g_get_monotonic_time () +
             (gint64)cl_scan_settings_get_module_timeout (settings) * G_USEC_PER_SEC * 9 / 10;
  cl_service_client_get_json_async (run->client, url, 0, deadline, cancellable, on_list, task);
}

/* }}} */

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "breaches.known",
  "breaches.none",
  NULL,
};

static void
cl_module_breaches_class_init (ClModuleBreachesClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "breaches";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_breaches_run_async;
}

static void
cl_module_breaches_init (ClModuleBreaches *self)
{
}

ClModule *
cl_module_breaches_new (void)
{
  return g_object_new (CL_TYPE_MODULE_BREACHES, NULL);
}
