/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-reputation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cl-error.h"
#include "cl-module-reputation-private.h"

/* Reputation: is the domain on the domain block lists of data/dnsbl.json
 * (Spamhaus DBL, SURBL, URIBL) for malware, phishing or spam?  The domain
 * asked under each list's zone through the scan's resolver, the TXT
 * record of each listing for its reason.  What a return code means is
 * the list's documentation's (DBL 127.0.1.x, the SURBL and URIBL bits).
 *
 * Rule ids (severity):
 *   reputation.malware_listed   critical  listed for malware or botnet control
 *   reputation.phishing_listed  critical  listed for phishing
 *   reputation.spam_listed      medium    listed for spam (or an undocumented code)
 *   reputation.clean            info      on none of the lists that answered
 *
 * A list that refuses or does not answer gives no verdict: a caveat.
 * The module is unavailable when no list gave one. */

struct _ClModuleReputation
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleReputation, cl_module_reputation, CL_TYPE_MODULE)

/* Facts {{{ */

/**
 * _cl_reputation_facts_new:
 * @lists: (element-type ClDnsbl): the lists (cl_dnsbl_get_default())
 *
 * Returns: the facts, with a lookup of @domain for each domain list
 */
ClReputationFacts *
_cl_reputation_facts_new (const char *domain,
                          GPtrArray  *lists)
{
  ClReputationFacts *facts;

  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (lists != NULL, NULL);

  facts = g_new0 (ClReputationFacts, 1);
  facts->domain = g_strdup (domain);
  facts->lists = g_ptr_array_ref (lists);
  facts->lookups = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dnsbl_lookup_free);
  for (guint i = 0; i < lists->len; i++)
    {
      const ClDnsbl *list = g_ptr_array_index (lists, i);

      if (list->kind == CL_DNSBL_KIND_DOMAIN)
        g_ptr_array_add (facts->lookups, cl_dnsbl_lookup_new (list, domain));
    }

  return facts;
}

void
_cl_reputation_facts_free (ClReputationFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->domain);
  /* the lookups point into the lists */
  g_ptr_array_unref (facts->lookups);
  g_ptr_array_unref (facts->lists);
  g_free (facts);
}

/* }}} */

/* Judging {{{ */

static void
append (GString    *out,
        const char *list,
        const char *detail)
{
  g_string_append_printf (out, "%s%s: %s", out->len > 0 ? "; " : "", list, detail);
}

/**
 * _cl_module_reputation_judge:
 * @facts: the lists' answers
 * @result: where the findings go
 * @error: a %CL_ERROR_UNAVAILABLE error when no list gave a verdict
 *
 * Returns: %FALSE when no list gave a verdict
 */
gboolean
_cl_module_reputation_judge (ClReputationFacts  *facts,
                             ClModuleResult     *result,
                             GError            **error)
{
  /* the listings, by category */
  g_autoptr(GString) spam = g_string_new (NULL);
  g_autoptr(GString) phishing = g_string_new (NULL);
  g_autoptr(GString) malware = g_string_new (NULL);
  g_autoptr(GString) clean = g_string_new (NULL);
  g_autofree char *first_reason = NULL;
  guint n_answered = 0;

  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (CL_IS_MODULE_RESULT (result), FALSE);

  for (guint i = 0; i < facts->lookups->len; i++)
    {
      ClDnsblLookup *lookup = g_ptr_array_index (facts->lookups, i);
      g_autofree char *detail = NULL;
      g_autofree char *caveat = NULL;
      ClDnsblCategory category;

      switch (cl_dnsbl_lookup_judge (lookup, &category, &detail))
        {
        case CL_DNSBL_LISTED:
          n_answered++;
          append (category == CL_DNSBL_CATEGORY_MALWARE ? malware
                  : category == CL_DNSBL_CATEGORY_PHISHING ? phishing : spam,
                  lookup->list->name, detail);
          break;
        case CL_DNSBL_NOT_LISTED:
          n_answered++;
          g_string_append_printf (clean, "%s%s", clean->len > 0 ? ", " : "", lookup->list->name);
          break;
        case CL_DNSBL_REFUSED:
        case CL_DNSBL_FAILED:
        default:
          caveat = g_strdup_printf (_("The block list %s gave no verdict: %s: %s"),
                                    lookup->list->name, lookup->query->name, detail);
          cl_module_result_add_caveat (result, caveat);
          if (first_reason == NULL)
            first_reason = g_strdup_printf ("%s: %s", lookup->query->name, detail);
          break;
        }
    }

  if (facts->lookups->len > 0 && n_answered == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE,
                   _("No domain block list gave a verdict on %s (%s)"), facts->domain, first_reason);
      return FALSE;
    }

  if (malware->len > 0)
    cl_module_result_add (result, "reputation.malware_listed", CL_SEVERITY_CRITICAL,
                          _("The domain is on a block list for malware"),
                          _("Browsers, mail filters and security products that use the list "
                            "block the domain. Look for malware or a command-and-control server "
                            "on the domain’s sites (the evidence quotes the list’s reason), clean "
                            "them, then ask the list to delist the domain."),
                          "%s", malware->str);
  if (phishing->len > 0)
    cl_module_result_add (result, "reputation.phishing_listed", CL_SEVERITY_CRITICAL,
                          _("The domain is on a block list for phishing"),
                          _("Browsers, mail filters and security products that use the list "
                            "block the domain. Find and remove the phishing pages (often on a "
                            "compromised site or account; the evidence quotes the list’s reason), "
                            "then ask the list to delist the domain."),
                          "%s", phishing->str);
  if (spam->len > 0)
    cl_module_result_add (result, "reputation.spam_listed", CL_SEVERITY_MEDIUM,
                          _("The domain is on a block list for spam"),
                          _("Mail that names the domain is likely refused or marked as spam. Find "
                            "out which mail the list saw (the evidence quotes its reason), stop it, "
                            "then ask the list to delist the domain."),
                          "%s", spam->str);
  if (malware->len == 0 && phishing->len == 0 && spam->len == 0)
    cl_module_result_add (result, "reputation.clean", CL_SEVERITY_INFO,
                          _("The domain is on no domain block list"),
                          _("Nothing to do."),
                          g_dngettext (GETTEXT_PACKAGE, "clean on %u list: %s",
                                       "clean on %u lists: %s", n_answered),
                          n_answered, clean->str);

  return TRUE;
}

/* }}} */

/* Fetching {{{ */

typedef struct
{
  ClDnsblRun *dns;
  ClReputationFacts *facts;
} Run;

static void
run_free (Run *run)
{
  cl_dnsbl_run_free (run->dns);
  _cl_reputation_facts_free (run->facts);
  g_free (run);
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

  module_result = cl_module_result_new ("reputation");
  if (!_cl_module_reputation_judge (run->facts, module_result, &error))
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
  for (guint i = 0; i < run->facts->lookups->len; i++)
    cl_dnsbl_lookup_ask_reason (g_ptr_array_index (run->facts->lookups, i), queries);

  cl_dnsbl_run_step (run->dns, queries, task, txt_done);
}

static void
cl_module_reputation_run_async (ClModule            *module,
                                ClScanContext       *context,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *queries;
  Run *run;

  g_assert (CL_IS_MODULE_REPUTATION (module));
  g_assert (CL_IS_SCAN_CONTEXT (context));

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_reputation_run_async);

  run = g_new0 (Run, 1);
  /* judges what has arrived a little before the job cancels the module */
  run->dns = cl_dnsbl_run_new (context, cancellable);
  run->facts = _cl_reputation_facts_new (cl_scan_context_get_domain (context),
                                         cl_dnsbl_get_default ());
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  queries = g_ptr_array_new ();
  for (guint i = 0; i < run->facts->lookups->len; i++)
    g_ptr_array_add (queries, ((ClDnsblLookup *)g_ptr_array_index (run->facts->lookups, i))->query);
  cl_dnsbl_run_step (run->dns, queries, task, lists_done);
}

/* }}} */

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "reputation.clean",
  "reputation.malware_listed",
  "reputation.phishing_listed",
  "reputation.spam_listed",
  NULL,
};

static void
cl_module_reputation_class_init (ClModuleReputationClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "reputation";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_reputation_run_async;
}

static void
cl_module_reputation_init (ClModuleReputation *self)
{
}

ClModule *
cl_module_reputation_new (void)
{
  return g_object_new (CL_TYPE_MODULE_REPUTATION, NULL);
}
