/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-blacklists"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cl-error.h"
#include "cl-module-blacklists-private.h"

/* Blacklists: are the domain's web and mail servers on the major IP
 * block lists of data/dnsbl.json?  The addresses of the apex, of www and
 * of each MX host, each asked of every IP list through the scan's
 * resolver (reversed octets or nibbles under the list's zone), the
 * TXT record of each listing for its reason.
 *
 * Rule ids (severity):
 *   blacklists.web_listed   high  a web address is listed: filters and
 *                                 browsers' protections may block the site
 *   blacklists.mail_listed  high  a mail address is listed: its mail is
 *                                 likely refused or marked as spam
 *   blacklists.checked      info  which addresses were asked of which lists
 *
 * A list that refuses (Spamhaus's 127.255.255.254 to public resolvers)
 * or does not answer gives no verdict: a caveat, never a listing.  The
 * module is unavailable when no list gave one. */

struct _ClModuleBlacklists
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleBlacklists, cl_module_blacklists, CL_TYPE_MODULE)

/* Facts {{{ */

static void
target_free (ClBlacklistsTarget *target)
{
  g_object_unref (target->address);
  g_ptr_array_unref (target->names);
  g_ptr_array_unref (target->lookups);
  g_free (target);
}

/**
 * _cl_blacklists_facts_new:
 * @lists: (element-type ClDnsbl): the lists (cl_dnsbl_get_default())
 */
ClBlacklistsFacts *
_cl_blacklists_facts_new (const char *domain,
                          GPtrArray  *lists)
{
  ClBlacklistsFacts *facts;

  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (lists != NULL, NULL);

  facts = g_new0 (ClBlacklistsFacts, 1);
  facts->domain = g_strdup (domain);
  facts->lists = g_ptr_array_ref (lists);
  facts->targets = g_ptr_array_new_with_free_func ((GDestroyNotify)target_free);
  facts->errors = g_ptr_array_new_with_free_func (g_free);

  return facts;
}

void
_cl_blacklists_facts_free (ClBlacklistsFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->domain);
  /* the lookups point into the lists */
  g_ptr_array_unref (facts->targets);
  g_ptr_array_unref (facts->lists);
  g_ptr_array_unref (facts->errors);
  g_free (facts);
}

/**
 * _cl_blacklists_facts_add_address:
 * @name: the host name that has @address
 * @mail: %TRUE for an MX host's address, %FALSE for the apex's or www's
 *
 * Returns: (transfer none) (nullable): the address's target, with a
 *   lookup for each list that takes it; %NULL past CL_BLACKLISTS_MAX_TARGETS
 */
ClBlacklistsTarget *
_cl_blacklists_facts_add_address (ClBlacklistsFacts *facts,
                                  GInetAddress      *address,
                                  const char        *name,
                                  gboolean           mail)
{
  ClBlacklistsTarget *target = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (G_IS_INET_ADDRESS (address), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < facts->targets->len && target == NULL; i++)
    {
      ClBlacklistsTarget *known = g_ptr_array_index (facts->targets, i);

      if (g_inet_address_equal (known->address, address))
        target = known;
    }

  if (target == NULL)
    {
      if (facts->targets->len >= CL_BLACKLISTS_MAX_TARGETS)
        return NULL;

      target = g_new0 (ClBlacklistsTarget, 1);
      target->address = g_object_ref (address);
      target->names = g_ptr_array_new_with_free_func (g_free);
      target->lookups = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dnsbl_lookup_free);
      label = cl_dnsbl_reverse_address (address);
      for (guint i = 0; i < facts->lists->len; i++)
        {
          const ClDnsbl *list = g_ptr_array_index (facts->lists, i);

          if (cl_dnsbl_accepts_address (list, address))
            g_ptr_array_add (target->lookups, cl_dnsbl_lookup_new (list, label));
        }
      g_ptr_array_add (facts->targets, target);
    }

  if (!g_ptr_array_find_with_equal_func (target->names, name, g_str_equal, NULL))
    g_ptr_array_add (target->names, g_strdup (name));
  if (mail)
    target->mail = TRUE;
  else
    target->web = TRUE;

  return target;
}

/* }}} */

/* Judging {{{ */

/* "127.0.10.3 (bad.example, www.bad.example)" */
static char *
describe_target (ClBlacklistsTarget *target)
{
  g_autofree char *address = g_inet_address_to_string (target->address);
  g_autofree char *names = NULL;

  g_ptr_array_add (target->names, NULL);
  names = g_strjoinv (", ", (char **)target->names->pdata);
  g_ptr_array_remove_index (target->names, target->names->len - 1);

  return g_strdup_printf ("%s (%s)", address, names);
}

/* What one list did over all the addresses. */
typedef struct
{
  guint  asked;
  guint  answered;  /* listed or not listed */
  char  *reason;    /* the first reason it gave no verdict */
} ListTally;

static void
list_tally_free (ListTally *tally)
{
  g_free (tally->reason);
  g_free (tally);
}

static ListTally *
get_tally (GHashTable    *tallies,
           const ClDnsbl *list)
{
  ListTally *tally = g_hash_table_lookup (tallies, list);

  if (tally == NULL)
    {
      tally = g_new0 (ListTally, 1);
      g_hash_table_insert (tallies, (gpointer)list, tally);
    }
  return tally;
}

/**
 * _cl_module_blacklists_judge:
 * @facts: the addresses and the lists' answers
 * @result: where the findings go
 * @error: a %CL_ERROR_UNAVAILABLE error when no list gave a verdict
 *
 * Returns: %FALSE when no list gave a verdict on any address, or no
 *   address could be looked up
 */
gboolean
_cl_module_blacklists_judge (ClBlacklistsFacts  *facts,
                             ClModuleResult     *result,
                             GError            **error)
{
  g_autoptr(GString) web = g_string_new (NULL);
  g_autoptr(GString) mail = g_string_new (NULL);
  g_autoptr(GString) checked = g_string_new (NULL);
  g_autoptr(GHashTable) tallies = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)list_tally_free);
  const char *first_reason = NULL;
  guint n_asked = 0, n_answering = 0;

  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (CL_IS_MODULE_RESULT (result), FALSE);

  /* the host lookups failed: nothing is known, not "nothing to check" */
  if (facts->targets->len == 0 && facts->errors->len > 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE, "%s",
                   (char *)g_ptr_array_index (facts->errors, 0));
      return FALSE;
    }

  for (guint i = 0; i < facts->errors->len; i++)
    cl_module_result_add_caveat (result, g_ptr_array_index (facts->errors, i));

  if (facts->targets->len == 0)
    {
      cl_module_result_add (result, "blacklists.checked", CL_SEVERITY_INFO,
                            _("The domain has no web or mail server address to check"),
                            _("Nothing to do."),
                            _("no address for %s, www.%s or an MX host"),
                            facts->domain, facts->domain);
      return TRUE;
    }

  for (guint i = 0; i < facts->targets->len; i++)
    {
      ClBlacklistsTarget *target = g_ptr_array_index (facts->targets, i);
      g_autofree char *who = describe_target (target);
      g_autoptr(GString) listings = g_string_new (NULL);

      for (guint j = 0; j < target->lookups->len; j++)
        {
          ClDnsblLookup *lookup = g_ptr_array_index (target->lookups, j);
          ListTally *tally = get_tally (tallies, lookup->list);
          g_autofree char *detail = NULL;
          ClDnsblCategory category;

          tally->asked++;
          switch (cl_dnsbl_lookup_judge (lookup, &category, &detail))
            {
            case CL_DNSBL_LISTED:
              g_string_append_printf (listings, "%s%s: %s", listings->len > 0 ? "; " : "",
                                      lookup->list->name, detail);
              tally->answered++;
              break;
            case CL_DNSBL_NOT_LISTED:
              tally->answered++;
              break;
            case CL_DNSBL_REFUSED:
            case CL_DNSBL_FAILED:
            default:
              if (tally->reason == NULL)
                tally->reason = g_strdup_printf ("%s: %s", lookup->query->name, detail);
              break;
            }
        }

      g_string_append_printf (checked, "%s%s: %s", checked->len > 0 ? "; " : "", who,
                              target->web && target->mail ? _("web and mail")
                              : target->web ? _("web") : _("mail"));
      if (listings->len == 0)
        continue;
      if (target->web)
        g_string_append_printf (web, "%s%s on %s", web->len > 0 ? " | " : "", who, listings->str);
      if (target->mail)
        g_string_append_printf (mail, "%s%s on %s", mail->len > 0 ? " | " : "", who, listings->str);
    }

  /* in the lists' order, so that the caveats read the same every time */
  for (guint i = 0; i < facts->lists->len; i++)
    {
      const ClDnsbl *list = g_ptr_array_index (facts->lists, i);
      ListTally *tally = g_hash_table_lookup (tallies, list);
      g_autofree char *caveat = NULL;

      if (tally == NULL)
        continue;
      n_asked++;
      if (tally->answered > 0)
        n_answering++;
      if (tally->reason == NULL)
        continue;
      if (first_reason == NULL)
        first_reason = tally->reason;
      caveat = g_strdup_printf (_("The block list %s gave no verdict on %u of %u addresses: %s"),
                                list->name, tally->asked - tally->answered, tally->asked,
                                tally->reason);
      cl_module_result_add_caveat (result, caveat);
    }

  if (n_asked > 0 && n_answering == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE,
                   _("No DNS block list gave a verdict on the addresses of %s (%s)"),
                   facts->domain, first_reason);
      return FALSE;
    }

  if (web->len > 0)
    cl_module_result_add (result, "blacklists.web_listed", CL_SEVERITY_HIGH,
                          _("A web server address of the domain is on a DNS block list"),
                          _("Mail and web filters that use the list block the address. Find the "
                            "cause on the list’s lookup page (the evidence quotes its reason): a "
                            "compromised site or host, an open proxy, mail sent from the address. "
                            "Remove it, then ask the list to delist the address."),
                          "%s", web->str);
  if (mail->len > 0)
    cl_module_result_add (result, "blacklists.mail_listed", CL_SEVERITY_HIGH,
                          _("A mail server address of the domain is on a DNS block list"),
                          _("Mail sent from the address is likely refused or marked as spam. Find "
                            "the cause on the list’s lookup page (the evidence quotes its reason): a "
                            "compromised account, an open relay, a bulk mailing. Remove it, then "
                            "ask the list to delist the address."),
                          "%s", mail->str);

  cl_module_result_add (result, "blacklists.checked", CL_SEVERITY_INFO,
                        _("The domain’s web and mail server addresses were checked against DNS block lists"),
                        _("Nothing to do."),
                        _("%u of %u lists gave a verdict on %s"),
                        n_answering, n_asked, checked->str);

  return TRUE;
}

/* }}} */

/* Fetching {{{ */

typedef struct
{
  ClDnsblRun *dns;
  ClBlacklistsFacts *facts;
} Run;

static void
run_free (Run *run)
{
  cl_dnsbl_run_free (run->dns);
  _cl_blacklists_facts_free (run->facts);
  g_free (run);
}

/* A host lookup that got no answer is a caveat; NXDOMAIN or no record
 * of the type is simply nothing to check. */
static GPtrArray *
query_addresses (Run        *run,
                 ClDnsQuery *query)
{
  if (query->answer == NULL)
    {
      g_ptr_array_add (run->facts->errors,
                       g_strdup_printf (_("The addresses of %s were not checked: %s"),
                                        query->name, query->error));
      return NULL;
    }
  if (cl_dns_answer_get_rcode (query->answer) != CL_DNS_RCODE_NOERROR &&
      cl_dns_answer_get_rcode (query->answer) != CL_DNS_RCODE_NXDOMAIN)
    g_ptr_array_add (run->facts->errors,
                     g_strdup_printf (_("The addresses of %s were not checked: DNS error code %d"),
                                      query->name, cl_dns_answer_get_rcode (query->answer)));
  if (cl_dns_answer_get_rcode (query->answer) != CL_DNS_RCODE_NOERROR)
    return NULL;

  return cl_dns_answer_get_addresses (query->answer);
}

static void
add_addresses (Run        *run,
               ClDnsQuery *query,
               gboolean    mail)
{
  g_autoptr(GPtrArray) addresses = query_addresses (run, query);

  for (guint i = 0; addresses != NULL && i < addresses->len; i++)
    _cl_blacklists_facts_add_address (run->facts, g_ptr_array_index (addresses, i), query->name, mail);
}

static void
txt_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(ClModuleResult) module_result = NULL;
  g_autoptr(GError) error = NULL;

  cl_dns_query_run_all_finish (result);
  if (g_task_return_error_if_cancelled (task))
    return;

  module_result = cl_module_result_new ("blacklists");
  if (!_cl_module_blacklists_judge (run->facts, module_result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&module_result), g_object_unref);
}

static void
lists_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GPtrArray *queries;

  cl_dns_query_run_all_finish (result);
  if (g_task_return_error_if_cancelled (task))
    return;

  queries = g_ptr_array_new ();
  for (guint i = 0; i < run->facts->targets->len; i++)
    {
      ClBlacklistsTarget *target = g_ptr_array_index (run->facts->targets, i);

      for (guint j = 0; j < target->lookups->len; j++)
        cl_dnsbl_lookup_ask_reason (g_ptr_array_index (target->lookups, j), queries);
    }

  cl_dnsbl_run_step (run->dns, queries, task, txt_done);
}

static void
mx_hosts_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GPtrArray *queries;

  cl_dns_query_run_all_finish (result);
  if (g_task_return_error_if_cancelled (task))
    return;

  for (guint i = 0; i < run->dns->queries->len; i++)
    add_addresses (run, g_ptr_array_index (run->dns->queries, i), TRUE);

  queries = g_ptr_array_new ();
  for (guint i = 0; i < run->facts->targets->len; i++)
    {
      ClBlacklistsTarget *target = g_ptr_array_index (run->facts->targets, i);

      for (guint j = 0; j < target->lookups->len; j++)
        g_ptr_array_add (queries, ((ClDnsblLookup *)g_ptr_array_index (target->lookups, j))->query);
    }

  cl_dnsbl_run_step (run->dns, queries, task, lists_done);
}

/* The first step asked apex A, AAAA, www A, AAAA and MX, in this order. */
static void
hosts_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GPtrArray *queries;
  ClDnsQuery *mx;
  g_autoptr(GPtrArray) hosts = NULL;

  cl_dns_query_run_all_finish (result);
  if (g_task_return_error_if_cancelled (task))
    return;

  for (guint i = 0; i < 4; i++)
    add_addresses (run, g_ptr_array_index (run->dns->queries, i), FALSE);

  mx = g_ptr_array_index (run->dns->queries, 4);
  if (mx->answer == NULL)
    g_ptr_array_add (run->facts->errors,
                     g_strdup_printf (_("The mail servers of %s were not checked: %s"),
                                      run->facts->domain, mx->error));
  else if (cl_dns_answer_get_rcode (mx->answer) == CL_DNS_RCODE_NOERROR)
    hosts = cl_dns_answer_get_mx (mx->answer);

  queries = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dns_query_free);
  for (guint i = 0; hosts != NULL && i < hosts->len && i < CL_BLACKLISTS_MAX_MX_HOSTS; i++)
    {
      const ClDnsMx *host = g_ptr_array_index (hosts, i);

      /* RFC 7505: a null MX "." receives no mail */
      if (*host->exchange == '\0')
        continue;
      g_ptr_array_add (queries, cl_dns_query_new (host->exchange, CL_DNS_TYPE_A));
      g_ptr_array_add (queries, cl_dns_query_new (host->exchange, CL_DNS_TYPE_AAAA));
    }

  cl_dnsbl_run_step (run->dns, queries, task, mx_hosts_done);
}

static void
cl_module_blacklists_run_async (ClModule            *module,
                                ClScanContext       *context,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *domain;
  g_autofree char *www = NULL;
  GPtrArray *queries;
  Run *run;

  g_assert (CL_IS_MODULE_BLACKLISTS (module));
  g_assert (CL_IS_SCAN_CONTEXT (context));

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_blacklists_run_async);

  domain = cl_scan_context_get_domain (context);

  run = g_new0 (Run, 1);
  /* judges what has arrived a little before the job cancels the module */
  run->dns = cl_dnsbl_run_new (context, cancellable);
  run->facts = _cl_blacklists_facts_new (domain, cl_dnsbl_get_default ());
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  www = g_strconcat ("www.", domain, NULL);
  queries = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dns_query_free);
  g_ptr_array_add (queries, cl_dns_query_new (domain, CL_DNS_TYPE_A));
  g_ptr_array_add (queries, cl_dns_query_new (domain, CL_DNS_TYPE_AAAA));
  g_ptr_array_add (queries, cl_dns_query_new (www, CL_DNS_TYPE_A));
  g_ptr_array_add (queries, cl_dns_query_new (www, CL_DNS_TYPE_AAAA));
  g_ptr_array_add (queries, cl_dns_query_new (domain, CL_DNS_TYPE_MX));
  cl_dnsbl_run_step (run->dns, queries, task, hosts_done);
}

/* }}} */

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "blacklists.checked",
  "blacklists.mail_listed",
  "blacklists.web_listed",
  NULL,
};

static void
cl_module_blacklists_class_init (ClModuleBlacklistsClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "blacklists";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_blacklists_run_async;
}

static void
cl_module_blacklists_init (ClModuleBlacklists *self)
{
}

ClModule *
cl_module_blacklists_new (void)
{
  return g_object_new (CL_TYPE_MODULE_BLACKLISTS, NULL);
}
