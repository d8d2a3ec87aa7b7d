/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-subdomains"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cl-dns-answer.h"
#include "cl-error.h"
#include "cl-module-subdomains-private.h"
#include "cl-resources.h"
#include "cl-service-client.h"

/* Subdomains: the names certificate-transparency logs have seen under the
 * domain (crt.sh's JSON: ?q=%.DOMAIN&output=json, each certificate's
 * names in name_value, one a line), plus the common names of
 * data/subdomains.txt, each resolved (A, AAAA) through the scan's
 * resolver.  A random name is resolved too: when it resolves, the zone
 * has a wildcard and a name answering the same addresses proves nothing.
 *
 * Rule ids (severity):
 *   subdomains.sensitive_exposed  low   a development, staging, test or
 *                                       administration name resolves
 *   subdomains.found              info  every name that resolves, with
 *                                       its addresses
 *   subdomains.none               info  no name resolves
 *
 * The module has no weight.  A CT log that stays down costs its names (a
 * caveat), not the module: the common names are still tried. */

/* Queries in flight at once: a zone's servers should not see a flood. */
#define MAX_IN_FLIGHT 16
/* crt.sh lists every certificate ever issued: more than the usual cap. */
#define MAX_CT_ANSWER (4 * 1024 * 1024)

struct _ClModuleSubdomains
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleSubdomains, cl_module_subdomains, CL_TYPE_MODULE)

/* Facts {{{ */

static void
subdomain_free (ClSubdomain *subdomain)
{
  g_free (subdomain->name);
  g_ptr_array_unref (subdomain->addresses);
  g_free (subdomain);
}

ClSubdomainsFacts *
_cl_subdomains_facts_new (const char *domain)
{
  ClSubdomainsFacts *facts;

  g_return_val_if_fail (domain != NULL, NULL);

  facts = g_new0 (ClSubdomainsFacts, 1);
  facts->domain = g_strdup (domain);
  facts->subdomains = g_ptr_array_new_with_free_func ((GDestroyNotify)subdomain_free);
  facts->wildcard = g_ptr_array_new_with_free_func (g_free);

  return facts;
}

void
_cl_subdomains_facts_free (ClSubdomainsFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->domain);
  g_ptr_array_unref (facts->subdomains);
  g_ptr_array_unref (facts->wildcard);
  g_free (facts->ct_error);
  g_free (facts);
}

/* Returns: (transfer none): a new entry for @name */
ClSubdomain *
_cl_subdomains_facts_add (ClSubdomainsFacts *facts,
                          const char        *name)
{
  ClSubdomain *subdomain;

  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  subdomain = g_new0 (ClSubdomain, 1);
  subdomain->name = g_strdup (name);
  subdomain->addresses = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (facts->subdomains, subdomain);

  return subdomain;
}

char *
_cl_subdomains_ct_url (const char *log_url,
                       const char *domain)
{
  g_autofree char *escaped = g_uri_escape_string (domain, NULL, FALSE);

  /* %25 is '%', crt.sh's wildcard */
  return g_strconcat (log_url, strchr (log_url, '?') != NULL ? "&" : "?",
                      "q=%25.", escaped, "&output=json", NULL);
}

/* A host name under @domain as we accept it: LDH labels (and '_', seen in
 * certificates), none empty, at most 253 characters. */
static gboolean
is_name_under (const char *name,
               const char *domain)
{
  gsize len = strlen (name), n = strlen (domain);

  if (len > 253 || len <= n + 1 || name[len - n - 1] != '.' || strcmp (name + len - n, domain) != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = name[i];

      if (c == '.' ? (i == 0 || name[i - 1] == '.') :
          !(g_ascii_isdigit (c) || (c >= 'a' && c <= 'z') || c == '-' || c == '_'))
        return FALSE;
    }
  return TRUE;
}

/**
 * _cl_subdomains_parse_ct:
 * @answer: crt.sh's JSON answer: an array of certificates
 * @domain: the domain, lower case
 * @max: the most names to return
 *
 * The names under @domain in the certificates' name_value (one a line),
 * wildcards stripped ("*.dev.example.com" is dev.example.com), lower
 * case, each once, in the order seen.
 *
 * Returns: (transfer full): the names
 */
GStrv
_cl_subdomains_parse_ct (JsonNode   *answer,
                         const char *domain,
                         guint       max)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonArray *certificates;

  g_return_val_if_fail (domain != NULL, NULL);

  certificates = answer != NULL && JSON_NODE_HOLDS_ARRAY (answer) ? json_node_get_array (answer) : NULL;
  for (guint i = 0; certificates != NULL && i < json_array_get_length (certificates); i++)
    {
      const char *value = cl_service_client_json_string (json_array_get_element (certificates, i),
                                                         "name_value");
      g_auto(GStrv) lines = NULL;

      if (value == NULL)
        continue;
      lines = g_strsplit (value, "\n", 1000);
      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_autofree char *name = g_ascii_strdown (g_strstrip (lines[j]), -1);
          const char *host = name;

          while (g_str_has_prefix (host, "*."))
            host += 2;
          if (!is_name_under (host, domain) || g_hash_table_contains (seen, host))
            continue;
          if (g_hash_table_size (seen) >= max)
            return g_strv_builder_end (names);
          g_strv_builder_add (names, host);
          g_hash_table_add (seen, (gpointer)g_intern_string (host));
        }
    }

  return g_strv_builder_end (names);
}

static GStrv common_names;

static GStrv
load_wordlist (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  bytes = g_resource_lookup_data (cl_get_resource (),
                                  "/net/compliancelayer/ComplianceLayer/subdomains.txt",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  /* The list is compiled in: failing to read it is a build defect. */
  if (bytes == NULL)
    g_error ("subdomains.txt: %s", error->message);

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      g_autofree char *host = NULL;

      if (*line == '\0' || *line == '#')
        continue;
      host = g_strconcat (line, ".x", NULL);
      if (!is_name_under (host, "x"))
        g_error ("subdomains.txt: bad name “%s”", line);
      g_strv_builder_add (builder, line);
    }

  return g_strv_builder_end (builder);
}

/**
 * _cl_subdomains_get_wordlist:
 *
 * Returns: (transfer none): the common names of data/subdomains.txt
 */
const char * const *
_cl_subdomains_get_wordlist (void)
{
  if (g_once_init_enter (&common_names))
    g_once_init_leave (&common_names, load_wordlist ());

  return (const char * const *)common_names;
}

/* }}} */

/* Judging {{{ */

/* Names that should not face the Internet: development, tests,
 * administration.  A label matches as itself or followed by a digit or
 * '-' ("dev", "dev2", "staging-api"). */
static const char * const sensitive[] = {
  "admin", "administrator", "backup", "beta", "ci", "debug", "demo", "dev", "develop",
  "development", "git", "gitlab", "grafana", "internal", "intranet", "jenkins", "kibana",
  "phpmyadmin", "preprod", "pre-prod", "qa", "sandbox", "stage", "staging", "stg", "test",
  "testing", "uat", NULL,
};

gboolean
_cl_subdomains_is_sensitive (const char *name,
                             const char *domain)
{
  g_autofree char *below = NULL;
  g_auto(GStrv) labels = NULL;
  gsize len = strlen (name), n = strlen (domain);

  if (len <= n + 1)
    return FALSE;
  below = g_strndup (name, len - n - 1);
  labels = g_strsplit (below, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      for (guint j = 0; sensitive[j] != NULL; j++)
        {
          gsize w = strlen (sensitive[j]);
          char next = labels[i][MIN (w, strlen (labels[i]))];

          if (strncmp (labels[i], sensitive[j], w) == 0 &&
              (next == '\0' || next == '-' || g_ascii_isdigit (next)))
            return TRUE;
        }
    }
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/* The addresses, sorted and joined: "127.0.0.1, ::1". */
static char *
join_addresses (GPtrArray *addresses)
{
  /* a copy keeps the free function: copy the strings too */
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (addresses, (GCopyFunc)(void (*) (void))g_strdup, NULL);

  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);
  return g_strjoinv (", ", (char **)sorted->pdata);
}

/**
 * _cl_module_subdomains_judge:
 * @facts: the names tried and what they resolved to
 * @result: where the findings go
 *
 * Lists the names that resolve (not those that answer only the zone's
 * wildcard), and those of them that look like development, test or
 * administration hosts.
 */
void
_cl_module_subdomains_judge (ClSubdomainsFacts *facts,
                             ClModuleResult    *result)
{
  g_autofree char *wildcard = NULL;
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GString) exposed = g_string_new (NULL);
  guint n_found = 0, n_exposed = 0, n_ct = 0;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  if (facts->wildcard->len > 0)
    wildcard = join_addresses (facts->wildcard);

  for (guint i = 0; i < facts->subdomains->len; i++)
    {
      ClSubdomain *subdomain = g_ptr_array_index (facts->subdomains, i);
      g_autofree char *addresses = NULL;

      n_ct += subdomain->from_ct;
      if (subdomain->addresses->len == 0)
        continue;
      addresses = join_addresses (subdomain->addresses);
      if (wildcard != NULL && strcmp (addresses, wildcard) == 0)
        continue;

      if (n_found++ < CL_SUBDOMAINS_MAX_LISTED)
        g_string_append_printf (found, "%s%s (%s)", found->len > 0 ? "; " : "",
                                subdomain->name, addresses);
      if (_cl_subdomains_is_sensitive (subdomain->name, facts->domain) &&
          n_exposed++ < CL_SUBDOMAINS_MAX_LISTED)
        g_string_append_printf (exposed, "%s%s (%s)", exposed->len > 0 ? "; " : "",
                                subdomain->name, addresses);
    }

  if (n_exposed > 0)
    cl_module_result_add (result, "subdomains.sensitive_exposed", CL_SEVERITY_LOW,
                          _("Development, test or administration hosts are reachable by name"),
                          _("Take development, staging, test and administration hosts off "
                            "the public DNS, or put them behind a VPN or an access control: "
                            "they are often less patched and less watched than production."),
                          "%s", exposed->str);

  if (n_found > 0)
    cl_module_result_add (result, "subdomains.found", CL_SEVERITY_INFO,
                          _("Subdomains that resolve"),
                          _("Nothing to do: review that each one is still needed and maintained."),
                          g_dngettext (GETTEXT_PACKAGE, "%u name: %s%s", "%u names: %s%s", n_found),
                          n_found, found->str,
                          n_found > CL_SUBDOMAINS_MAX_LISTED ? "; …" : "");
  else
    cl_module_result_add (result, "subdomains.none", CL_SEVERITY_INFO,
                          _("No subdomain found"),
                          _("Nothing to do."),
                          _("%u names from certificate-transparency logs and %u common names "
                            "were tried"), n_ct, facts->subdomains->len - n_ct);

  if (wildcard != NULL)
    {
      g_autofree char *caveat = g_strdup_printf (_("The zone of %s has a wildcard record (%s): "
                                                   "names answering only it are not listed"),
                                                 facts->domain, wildcard);
      cl_module_result_add_caveat (result, caveat);
    }
  if (facts->ct_error != NULL)
    {
      g_autofree char *caveat = g_strdup_printf (_("Certificate-transparency logs could not be "
                                                   "read, only common names were tried: %s"),
                                                 facts->ct_error);
      cl_module_result_add_caveat (result, caveat);
    }
  if (facts->incomplete)
    cl_module_result_add_caveat (result, _("Not every subdomain could be resolved in time"));
}

/* }}} */

/* Fetching {{{ */

typedef struct
{
  ClResolver        *resolver;
  ClServiceClient   *client;
  ClSubdomainsFacts *facts;
  GHashTable        *names;     /* name → its ClSubdomain (unowned) */
  GQueue             queries;   /* (element-type Query) not yet sent */
  guint              in_flight;
  gboolean           ct_pending;
  gboolean           finished;  /* the task returned: answers still coming are dropped */
  guint              deadline_id;
} Run;

typedef struct
{
  GTask       *task;       /* while sent */
  ClSubdomain *subdomain;  /* NULL: the wildcard probe */
  char        *name;
  guint16      rrtype;
} Query;

static void
query_free (Query *query)
{
  g_clear_object (&query->task);
  g_free (query->name);
  g_free (query);
}

static void
run_free (Run *run)
{
  g_assert (run->deadline_id == 0);

  g_clear_object (&run->resolver);
  g_clear_object (&run->client);
  _cl_subdomains_facts_free (run->facts);
  g_hash_table_unref (run->names);
  g_queue_clear_full (&run->queries, (GDestroyNotify)query_free);
  g_free (run);
}

static void
finish (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(ClModuleResult) result = NULL;

  run->finished = TRUE;
  g_clear_handle_id (&run->deadline_id, g_source_remove);
  g_queue_clear_full (&run->queries, (GDestroyNotify)query_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  result = cl_module_result_new ("subdomains");
  _cl_module_subdomains_judge (run->facts, result);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

static void
enqueue (Run         *run,
         ClSubdomain *subdomain,
         const char  *name)
{
  const guint16 types[] = { CL_DNS_TYPE_A, CL_DNS_TYPE_AAAA };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      Query *query = g_new0 (Query, 1);

      query->subdomain = subdomain;
      query->name = g_strdup (name);
      query->rrtype = types[i];
      g_queue_push_tail (&run->queries, query);
    }
}

/* A name to resolve, once however many sources name it. */
static void
add_name (Run        *run,
          const char *name,
          gboolean    from_ct)
{
  ClSubdomain *subdomain = g_hash_table_lookup (run->names, name);

  if (subdomain == NULL)
    {
      subdomain = _cl_subdomains_facts_add (run->facts, name);
      g_hash_table_insert (run->names, subdomain->name, subdomain);
      enqueue (run, subdomain, name);
    }
  if (from_ct)
    subdomain->from_ct = TRUE;
  else
    subdomain->from_list = TRUE;
}

static void pump (GTask *task);

static void
on_query (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Query *query = user_data;
  GTask *task = query->task;
  Run *run = g_task_get_task_data (task);
  g_autoptr(ClDnsAnswer) answer = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  GPtrArray *into;

  answer = cl_resolver_query_finish (CL_RESOLVER (source), result, NULL);
  run->in_flight--;
  if (run->finished)
    {
      query_free (query);
      return;
    }

  /* an answer that failed (SERVFAIL, timeout) lists nothing */
  into = query->subdomain != NULL ? query->subdomain->addresses : run->facts->wildcard;
  if (answer != NULL)
    addresses = cl_dns_answer_get_addresses (answer);
  for (guint i = 0; addresses != NULL && i < addresses->len; i++)
    g_ptr_array_add (into, g_inet_address_to_string (g_ptr_array_index (addresses, i)));

  /* the query holds the task: keep it until pump is done with it */
  query->task = NULL;
  pump (task);
  g_object_unref (task);
  query_free (query);
}

static void
pump (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (g_cancellable_is_cancelled (cancellable))
    g_queue_clear_full (&run->queries, (GDestroyNotify)query_free);

  while (run->in_flight < MAX_IN_FLIGHT && !g_queue_is_empty (&run->queries))
    {
      Query *query = g_queue_pop_head (&run->queries);

      /* the query travels with the answer, holding the task */
      query->task = g_object_ref (task);
      run->in_flight++;
      cl_resolver_query_async (run->resolver, query->name, query->rrtype, cancellable,
                               on_query, query);
    }

  if (run->in_flight == 0 && g_queue_is_empty (&run->queries) && !run->ct_pending)
    finish (task);
}

static void
on_ct (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_auto(GStrv) names = NULL;

  answer = cl_service_client_get_json_finish (run->client, result, &error);
  run->ct_pending = FALSE;
  if (run->finished)
    return;

  if (answer == NULL)
    run->facts->ct_error = g_strdup (error->message);
  else
    {
      names = _cl_subdomains_parse_ct (answer, run->facts->domain, CL_SUBDOMAINS_MAX_CT);
      for (guint i = 0; names[i] != NULL; i++)
        add_name (run, names[i], TRUE);
    }

  pump (task);
}

static gboolean
on_deadline (gpointer user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  run->deadline_id = 0;
  run->facts->incomplete = TRUE;
  finish (task);

  return G_SOURCE_REMOVE;
}

static void
cl_module_subdomains_run_async (ClModule            *module,
                                ClScanContext       *context,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ClScanSettings *settings = cl_scan_context_get_settings (context);
  const char * const *wordlist = _cl_subdomains_get_wordlist ();
  g_autofree char *url = NULL;
  g_autofree char *probe = NULL;
  guint timeout_ms;
  Run *run;

  g_assert (CL_IS_MODULE_SUBDOMAINS (module));
  g_assert (CL_IS_SCAN_CONTEXT (context));

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_subdomains_run_async);

  run = g_new0 (Run, 1);
  run->resolver = g_object_ref (cl_scan_context_get_resolver (context));
  run->client = cl_service_client_new (cl_scan_settings_get_ca_file (settings),
                                       cl_scan_settings_get_network_timeout (settings));
  run->facts = _cl_subdomains_facts_new (cl_scan_context_get_domain (context));
  run->names = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&run->queries);
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  /* Judge what has arrived a little before the job's own timeout cancels
   * the module.  The timer holds the task unowned: finish removes it. */
  timeout_ms = cl_scan_settings_get_module_timeout (settings) * 900;
  run->deadline_id = g_timeout_add (timeout_ms, on_deadline, task);

  url = _cl_subdomains_ct_url (cl_scan_settings_get_ct_log_url (settings), run->facts->domain);
  run->ct_pending = TRUE;
  cl_service_client_get_json_async (run->client, url, MAX_CT_ANSWER,
                                    g_get_monotonic_time () + (gint64)timeout_ms * 1000,
                                    cancellable, on_ct, g_object_ref (task));

  /* A label no one would choose: if it resolves, the zone has a wildcard. */
  probe = g_strdup_printf ("cl-%08x%08x.%s", g_random_int (), g_random_int (), run->facts->domain);
  enqueue (run, NULL, probe);
  for (guint i = 0; wordlist[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (wordlist[i], ".", run->facts->domain, NULL);

      add_name (run, name, FALSE);
    }

  pump (task);
}

/* }}} */

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "subdomains.sensitive_exposed",
  "subdomains.found",
  "subdomains.none",
  NULL,
};

static void
cl_module_subdomains_class_init (ClModuleSubdomainsClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "subdomains";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_subdomains_run_async;
}

static void
cl_module_subdomains_init (ClModuleSubdomains *self)
{
}

ClModule *
cl_module_subdomains_new (void)
{
  return g_object_new (CL_TYPE_MODULE_SUBDOMAINS, NULL);
}
