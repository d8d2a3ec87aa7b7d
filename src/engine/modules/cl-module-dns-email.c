/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-dns-email"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cl-dmarc.h"
#include "cl-error.h"
#include "cl-module-dns-email-private.h"
#include "cl-spf.h"

/* DNS/Email: can others send mail in this domain's name, and does the
 * domain say what receivers should do about it?  SPF (RFC 7208), DMARC
 * (RFC 7489), DKIM keys at common selectors (RFC 6376, information
 * only), CAA (RFC 8659) and MX (RFC 5321, RFC 7505), judged as checkdmarc
 * and internet.nl do.
 *
 * Rule ids and severities:
 *   dns_email.spf_missing                critical  no SPF record
 *   dns_email.spf_multiple               high      more than one SPF record (permerror)
 *   dns_email.spf_syntax                 high      SPF syntax error (permerror)
 *   dns_email.spf_include_invalid        high      include/redirect target without a usable
 *                                                  SPF record, or a loop (permerror)
 *   dns_email.spf_pass_all               critical  "+all": every host on the internet may send
 *   dns_email.spf_neutral_all            high      "?all"
 *   dns_email.spf_no_all                 high      no "all" and no redirect (neutral default)
 *   dns_email.spf_softfail_all           low       "~all"
 *   dns_email.spf_too_many_lookups       high      over 10 DNS-querying terms (permerror)
 *   dns_email.spf_too_many_void_lookups  medium    over 2 void lookups
 *   dns_email.spf_ptr                    low       the deprecated "ptr" mechanism
 *   dns_email.dmarc_missing              critical  no DMARC record
 *   dns_email.dmarc_invalid              high      invalid or several DMARC records
 *   dns_email.dmarc_policy_none          medium    p=none: monitoring only, not enforced
 *   dns_email.dmarc_partial_pct          low       pct < 100
 *   dns_email.dmarc_no_rua               low       no aggregate reports (rua)
 *   dns_email.dkim_found                 info      DKIM keys at common selectors
 *   dns_email.dkim_not_found             info      none at the common selectors
 *   dns_email.caa_missing                low       no CAA record up to the TLD
 *   dns_email.no_mail                    info      null MX, or no MX and SPF "-all" only
 *   dns_email.mx_missing                 low       no MX record
 *   dns_email.mx_null_mixed              low       null MX beside other MX records
 *   dns_email.mx_unresolvable            medium    an exchange with no address
 *   dns_email.mx_ip_literal              low       an exchange written as an IP address
 *   dns_email.mx_cname                   low       an exchange that is an alias
 *   dns_email.lookups_incomplete         info      what could not be resolved in time
 */

#define MAX_QUOTED_RECORD 300
#define MAX_LISTED          10
#define MAX_TXT_RECORDS     64

struct _ClModuleDnsEmail
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleDnsEmail, cl_module_dns_email, CL_TYPE_MODULE)

/* Selectors that mail providers and common software use by default; a
 * domain may use any other, which is why DKIM is information only. */
const char * const cl_dns_email_dkim_selectors[] = {
  "default", "selector1", "selector2", "google", "k1",
  "s1", "s2", "dkim", "mail", "smtp", NULL
};

typedef enum
{
  FACT_MISSING,     /* not asked */
  FACT_UNRESOLVED,  /* asked, but no usable answer: timeout, error, SERVFAIL */
  FACT_RESOLVED,    /* NOERROR or NXDOMAIN */
} FactState;

/* Facts {{{ */

static char *
normalize_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gsize len = strlen (lower);

  if (len > 0 && lower[len - 1] == '.')
    lower[len - 1] = '\0';

  return g_steal_pointer (&lower);
}

static char *
lookup_key (const char *name,
            guint16     rrtype)
{
  return g_strdup_printf ("%u/%s", rrtype, name);
}

static void
cl_dns_email_lookup_free (ClDnsEmailLookup *lookup)
{
  g_free (lookup->name);
  g_clear_object (&lookup->answer);
  g_free (lookup->error);
  g_free (lookup);
}

void
cl_dns_email_query_free (ClDnsEmailQuery *query)
{
  g_free (query->name);
  g_free (query);
}

ClDnsEmailFacts *
cl_dns_email_facts_new (const char *domain)
{
  ClDnsEmailFacts *facts;

  g_return_val_if_fail (domain != NULL, NULL);

  facts = g_new0 (ClDnsEmailFacts, 1);
  facts->domain = normalize_name (domain);
  facts->lookups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)cl_dns_email_lookup_free);

  return facts;
}

void
cl_dns_email_facts_free (ClDnsEmailFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->domain);
  g_hash_table_unref (facts->lookups);
  g_free (facts);
}

ClDnsEmailLookup *
cl_dns_email_facts_lookup (ClDnsEmailFacts *facts,
                           const char      *name,
                           guint16          rrtype)
{
  g_autofree char *normal = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  normal = normalize_name (name);
  key = lookup_key (normal, rrtype);

  return g_hash_table_lookup (facts->lookups, key);
}

static ClDnsEmailLookup *
ensure_lookup (ClDnsEmailFacts *facts,
               const char      *name,
               guint16          rrtype)
{
  g_autofree char *normal = normalize_name (name);
  g_autofree char *key = lookup_key (normal, rrtype);
  ClDnsEmailLookup *lookup;

  if ((lookup = g_hash_table_lookup (facts->lookups, key)) == NULL)
    {
      lookup = g_new0 (ClDnsEmailLookup, 1);
      lookup->name = g_steal_pointer (&normal);
      lookup->rrtype = rrtype;
      g_hash_table_insert (facts->lookups, g_steal_pointer (&key), lookup);
    }

  g_clear_object (&lookup->answer);
  g_clear_pointer (&lookup->error, g_free);

  return lookup;
}

void
cl_dns_email_facts_set_pending (ClDnsEmailFacts *facts,
                                const char      *name,
                                guint16          rrtype)
{
  g_return_if_fail (facts != NULL);
  g_return_if_fail (name != NULL);

  ensure_lookup (facts, name, rrtype)->state = CL_DNS_EMAIL_LOOKUP_PENDING;
}

void
cl_dns_email_facts_set_answer (ClDnsEmailFacts *facts,
                               const char      *name,
                               guint16          rrtype,
                               ClDnsAnswer     *answer)
{
  ClDnsEmailLookup *lookup;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (CL_IS_DNS_ANSWER (answer));

  lookup = ensure_lookup (facts, name, rrtype);
  lookup->state = CL_DNS_EMAIL_LOOKUP_ANSWERED;
  lookup->answer = g_object_ref (answer);
}

void
cl_dns_email_facts_set_failed (ClDnsEmailFacts *facts,
                               const char      *name,
                               guint16          rrtype,
                               const char      *message)
{
  ClDnsEmailLookup *lookup;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (name != NULL);

  lookup = ensure_lookup (facts, name, rrtype);
  lookup->state = CL_DNS_EMAIL_LOOKUP_FAILED;
  lookup->error = g_strdup (message);
}

/* Only NOERROR and NXDOMAIN say something about a name; SERVFAIL (a
 * broken or bogus zone, RFC 4035 §5.5) or a timeout says nothing. */
static FactState
fact_state (ClDnsEmailFacts  *facts,
            const char       *name,
            guint16           rrtype,
            ClDnsAnswer     **answer)
{
  ClDnsEmailLookup *lookup = cl_dns_email_facts_lookup (facts, name, rrtype);
  int rcode;

  if (answer != NULL)
    *answer = NULL;

  if (lookup == NULL)
    return FACT_MISSING;
  if (lookup->state != CL_DNS_EMAIL_LOOKUP_ANSWERED)
    return FACT_UNRESOLVED;

  rcode = cl_dns_answer_get_rcode (lookup->answer);
  if (rcode != CL_DNS_RCODE_NOERROR && rcode != CL_DNS_RCODE_NXDOMAIN)
    return FACT_UNRESOLVED;

  if (answer != NULL)
    *answer = lookup->answer;

  return FACT_RESOLVED;
}

/* RFC 7208 §4.6.4: a void lookup is an answer with no records, NOERROR
 * or NXDOMAIN. */
static gboolean
answer_is_void (ClDnsAnswer *answer)
{
  return cl_dns_answer_is_nxdomain (answer) || !cl_dns_answer_has_data (answer);
}

static GStrv
answer_txt (ClDnsAnswer *answer)
{
  GStrv txt = NULL;

  if (!answer_is_void (answer))
    txt = cl_dns_answer_get_txt (answer);
  if (txt == NULL)
    txt = g_new0 (char *, 1);

  return txt;
}

/* RFC 1035 §2.3.4: a name we can ask for. */
static gboolean
is_query_name (const char *name)
{
  g_auto(GStrv) labels = NULL;

  if (name[0] == '\0' || strlen (name) > 253)
    return FALSE;

  labels = g_strsplit (name, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize len = strlen (labels[i]);

      if (len == 0 || len > 63)
        return FALSE;
    }

  return TRUE;
}

static const char *
rrtype_name (guint16 rrtype)
{
  switch (rrtype)
    {
    case CL_DNS_TYPE_A:
      return "A";
    case CL_DNS_TYPE_NS:
      return "NS";
    case CL_DNS_TYPE_CNAME:
      return "CNAME";
    case CL_DNS_TYPE_SOA:
      return "SOA";
    case CL_DNS_TYPE_MX:
      return "MX";
    case CL_DNS_TYPE_TXT:
      return "TXT";
    case CL_DNS_TYPE_AAAA:
      return "AAAA";
    case CL_DNS_TYPE_CAA:
      return "CAA";
    default:
      return "?";
    }
}

/* A record as evidence quotes it: it comes from the DNS, so it is cut
 * and escaped before it reaches a report. */
static char *
quote_record (const char *text)
{
  gboolean cut = strlen (text) > MAX_QUOTED_RECORD;
  g_autofree char *head = g_strndup (text, MAX_QUOTED_RECORD);
  g_autofree char *escaped = g_strescape (head, NULL);

  return g_strdup_printf ("\"%s%s\"", escaped, cut ? "…" : "");
}

static char *
dmarc_name (const char *domain)
{
  return g_strconcat ("_dmarc.", domain, NULL);
}

/* RFC 7489 §3.2 finds the organizational domain with the Public Suffix
 * List.  We do not ship it yet, so for now the organizational domain of
 * a name with more than two labels is its parent: right for
 * www.example.com and shop.example.co.uk, wrong for a.b.example.com
 * (whose parent b.example.com usually has no record either, so the
 * check stays on the safe side: it reports a missing record). */
static char *
organizational_domain (const char *domain)
{
  const char *dot = strchr (domain, '.');

  if (dot == NULL || strchr (dot + 1, '.') == NULL)
    return NULL;

  return g_strdup (dot + 1);
}

/* }}} */

/* SPF walk {{{ */

/* The SPF records among the TXT records of a name (RFC 7208 §4.5). */
static GPtrArray *
spf_records (ClDnsAnswer *answer)
{
  g_auto(GStrv) txt = answer_txt (answer);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; txt[i] != NULL && i < MAX_TXT_RECORDS; i++)
    {
      if (cl_spf_is_record (txt[i]))
        g_ptr_array_add (records, g_strdup (txt[i]));
    }

  return records;
}

typedef struct
{
  ClDnsEmailFacts   *facts;
  ClDnsEmailSpfWalk *walk;
  GPtrArray         *chain;  /* names from the top down to the record being walked */
} Walker;

static void
want (GPtrArray  *queries,
      const char *name,
      guint16     rrtype)
{
  ClDnsEmailQuery *query;

  if (!is_query_name (name))
    return;

  for (guint i = 0; i < queries->len; i++)
    {
      query = g_ptr_array_index (queries, i);
      if (query->rrtype == rrtype && g_str_equal (query->name, name))
        return;
    }

  query = g_new0 (ClDnsEmailQuery, 1);
  query->name = normalize_name (name);
  query->rrtype = rrtype;
  g_ptr_array_add (queries, query);
}

static void
add_permerror (Walker     *walker,
               const char *message)
{
  for (guint i = 0; i < walker->walk->permerrors->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (walker->walk->permerrors, i), message))
        return;
    }

  g_ptr_array_add (walker->walk->permerrors, g_strdup (message));
}

/* Is @name void for @rrtype (and @rrtype2, when not 0)?  Asks for what
 * is missing; unresolved answers count as not void. */
static gboolean
walk_is_void (Walker     *walker,
              const char *name,
              guint16     rrtype,
              guint16     rrtype2)
{
  const guint16 types[] = { rrtype, rrtype2 };
  gboolean is_void = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      ClDnsAnswer *answer;

      if (types[i] == 0)
        continue;

      switch (fact_state (walker->facts, name, types[i], &answer))
        {
        case FACT_MISSING:
          want (walker->walk->missing, name, types[i]);
          is_void = FALSE;
          break;
        case FACT_UNRESOLVED:
          is_void = FALSE;
          break;
        case FACT_RESOLVED:
        default:
          if (!answer_is_void (answer))
            is_void = FALSE;
        }
    }

  return is_void;
}

static void walk_domain (Walker     *walker,
                         const char *domain,
                         const char *via,
                         guint       depth);

/* Counts one DNS-querying term; FALSE once the walk must stop. */
static gboolean
count_lookup (Walker *walker)
{
  if (++walker->walk->lookups > CL_DNS_EMAIL_SPF_MAX_LOOKUPS)
    {
      walker->walk->truncated = TRUE;
      return FALSE;
    }

  return TRUE;
}

static void
walk_record (Walker            *walker,
             const char        *domain,
             const ClSpfRecord *record,
             guint              depth)
{
  const char *redirect;

  for (guint i = 0; i < record->mechanisms->len; i++)
    {
      const ClSpfMechanism *mechanism = g_ptr_array_index (record->mechanisms, i);
      g_autofree char *target = NULL;

      /* §5.1: mechanisms after "all" are never tested */
      if (mechanism->type == CL_SPF_MECHANISM_ALL || walker->walk->truncated)
        break;
      if (!cl_spf_mechanism_queries_dns (mechanism))
        continue;
      if (!count_lookup (walker))
        return;

      /* A macro needs the message to expand (§7): the term counts, but
       * what it would query is unknown. */
      if (mechanism->argument != NULL && cl_spf_domain_spec_has_macros (mechanism->argument))
        continue;
      /* without a domain-spec a mechanism queries the <domain> being
       * evaluated: the included one inside an include (§5.2) */
      target = normalize_name (mechanism->argument != NULL ? mechanism->argument : domain);

      switch (mechanism->type)
        {
        case CL_SPF_MECHANISM_INCLUDE:
          walk_domain (walker, target, "include", depth + 1);
          break;

        case CL_SPF_MECHANISM_A:
          /* a receiver asks A or AAAA after the client's address; a
           * name with neither is void for every client */
          if (walk_is_void (walker, target, CL_DNS_TYPE_A, CL_DNS_TYPE_AAAA))
            walker->walk->void_lookups++;
          break;

        case CL_SPF_MECHANISM_EXISTS:
          /* §5.7: exists always asks for A */
          if (walk_is_void (walker, target, CL_DNS_TYPE_A, 0))
            walker->walk->void_lookups++;
          break;

        case CL_SPF_MECHANISM_MX:
          {
            ClDnsAnswer *answer;

            if (walk_is_void (walker, target, CL_DNS_TYPE_MX, 0))
              {
                walker->walk->void_lookups++;
              }
            else if (fact_state (walker->facts, target, CL_DNS_TYPE_MX, &answer) == FACT_RESOLVED)
              {
                g_autoptr(GPtrArray) mx = cl_dns_answer_get_mx (answer);

                /* §4.6.4: an "mx" mechanism may look up at most 10 exchanges */
                if (mx != NULL && mx->len > 10)
                  {
                    g_autofree char *message =
                      g_strdup_printf (_("mx:%s has %u MX records; at most 10 are allowed"),
                                       target, mx->len);
                    add_permerror (walker, message);
                  }
              }
          }
          break;

        case CL_SPF_MECHANISM_PTR:
          /* needs the client's address: counted, never asked */
        default:
          break;
        }
    }

  if ((redirect = cl_spf_record_get_redirect (record)) != NULL && !walker->walk->truncated)
    {
      g_autofree char *target = NULL;

      if (!count_lookup (walker) || cl_spf_domain_spec_has_macros (redirect))
        return;

      target = normalize_name (redirect);
      walk_domain (walker, target, "redirect", depth + 1);
    }
}

/* Walks the SPF record of @domain, reached through @via ("include",
 * "redirect"; NULL at the top). */
static void
walk_domain (Walker     *walker,
             const char *domain,
             const char *via,
             guint       depth)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(ClSpfRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  ClDnsAnswer *answer;

  if (depth > CL_DNS_EMAIL_SPF_MAX_DEPTH)
    {
      walker->walk->truncated = TRUE;
      return;
    }

  for (guint i = 0; i < walker->chain->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (walker->chain, i), domain))
        {
          g_autofree char *path = NULL;
          g_autofree char *message = NULL;

          g_ptr_array_add (walker->chain, (gpointer)domain);
          g_ptr_array_add (walker->chain, NULL);
          path = g_strjoinv (" → ", (char **)walker->chain->pdata);
          g_ptr_array_set_size (walker->chain, walker->chain->len - 2);
          message = g_strdup_printf (_("%s:%s loops: %s"), via, domain, path);
          add_permerror (walker, message);
          return;
        }
    }

  switch (fact_state (walker->facts, domain, CL_DNS_TYPE_TXT, &answer))
    {
    case FACT_MISSING:
      want (walker->walk->missing, domain, CL_DNS_TYPE_TXT);
      return;
    case FACT_UNRESOLVED:
      return;
    case FACT_RESOLVED:
    default:
      break;
    }

  records = spf_records (answer);

  if (via == NULL)
    {
      /* the top record's own problems are judged by the SPF checks */
      if (records->len != 1 || (record = cl_spf_record_parse (g_ptr_array_index (records, 0), NULL)) == NULL)
        return;
    }
  else
    {
      g_autofree char *message = NULL;

      if (answer_is_void (answer))
        walker->walk->void_lookups++;

      /* §5.2: an included domain without a record is a permerror, and
       * so is a redirect to one (§6.1) */
      if (records->len == 0)
        message = g_strdup_printf (_("%s:%s has no SPF record"), via, domain);
      else if (records->len > 1)
        message = g_strdup_printf (_("%s:%s has %u SPF records"), via, domain, records->len);
      else if ((record = cl_spf_record_parse (g_ptr_array_index (records, 0), &error)) == NULL)
        message = g_strdup_printf (_("%s:%s: %s"), via, domain, error->message);

      if (message != NULL)
        {
          add_permerror (walker, message);
          return;
        }
    }

  g_ptr_array_add (walker->chain, (gpointer)domain);
  walk_record (walker, domain, record, depth);
  g_ptr_array_remove_index (walker->chain, walker->chain->len - 1);
}

/**
 * cl_dns_email_spf_walk:
 *
 * Follows the SPF record of the domain through its includes and
 * redirects as a receiver evaluating it for a message that matches no
 * mechanism would (the worst case that RFC 7208 §4.6.4 limits): counts
 * the DNS-querying terms and the void lookups, notes the permerrors of
 * included records, and lists the answers it still needs.
 */
void
cl_dns_email_spf_walk (ClDnsEmailFacts   *facts,
                       ClDnsEmailSpfWalk *walk)
{
  Walker walker = { facts, walk, NULL };

  g_return_if_fail (facts != NULL);
  g_return_if_fail (walk != NULL);

  memset (walk, 0, sizeof *walk);
  walk->permerrors = g_ptr_array_new_with_free_func (g_free);
  walk->missing = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dns_email_query_free);
  walker.chain = g_ptr_array_new ();

  walk_domain (&walker, facts->domain, NULL, 0);

  g_ptr_array_unref (walker.chain);
}

void
cl_dns_email_spf_walk_clear (ClDnsEmailSpfWalk *walk)
{
  g_clear_pointer (&walk->permerrors, g_ptr_array_unref);
  g_clear_pointer (&walk->missing, g_ptr_array_unref);
}

/* }}} */

/* What to fetch {{{ */

static gboolean
is_null_mx (const ClDnsMx *mx)
{
  return mx->exchange == NULL || mx->exchange[0] == '\0' || g_str_equal (mx->exchange, ".");
}

static gboolean
is_ip_literal (const char *exchange)
{
  return exchange[0] == '[' || g_hostname_is_ip_address (exchange);
}

/* RFC 8659 §3: the relevant CAA record set is the first found climbing
 * from the name towards the root, the root itself excluded. */
static GStrv
caa_names (const char *domain)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (const char *name = domain; name != NULL && name[0] != '\0'; )
    {
      const char *dot = strchr (name, '.');

      g_strv_builder_add (builder, name);
      name = dot != NULL ? dot + 1 : NULL;
    }

  return g_strv_builder_end (builder);
}

static void
want_missing (ClDnsEmailFacts *facts,
              GPtrArray       *wanted,
              const char      *name,
              guint16          rrtype)
{
  if (fact_state (facts, name, rrtype, NULL) == FACT_MISSING)
    want (wanted, name, rrtype);
}

static gboolean
has_dmarc_record (ClDnsAnswer *answer)
{
  g_auto(GStrv) txt = answer_txt (answer);

  for (guint i = 0; txt[i] != NULL && i < MAX_TXT_RECORDS; i++)
    {
      if (cl_dmarc_is_record (txt[i]))
        return TRUE;
    }

  return FALSE;
}

/**
 * cl_dns_email_facts_wanted:
 *
 * Returns: (transfer full) (element-type ClDnsEmailQuery): the queries
 *   the checks need that are not in @facts yet; empty when the facts are
 *   complete
 */
GPtrArray *
cl_dns_email_facts_wanted (ClDnsEmailFacts *facts)
{
  g_autoptr(GPtrArray) wanted = NULL;
  g_auto(ClDnsEmailSpfWalk) walk = { 0 };
  g_autofree char *dmarc = NULL;
  g_auto(GStrv) caa = NULL;
  ClDnsAnswer *answer;

  g_return_val_if_fail (facts != NULL, NULL);

  wanted = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dns_email_query_free);
  dmarc = dmarc_name (facts->domain);

  /* the zone answers at all: else the module is unavailable */
  want_missing (facts, wanted, facts->domain, CL_DNS_TYPE_SOA);
  want_missing (facts, wanted, facts->domain, CL_DNS_TYPE_NS);
  want_missing (facts, wanted, facts->domain, CL_DNS_TYPE_TXT);
  want_missing (facts, wanted, dmarc, CL_DNS_TYPE_TXT);
  want_missing (facts, wanted, facts->domain, CL_DNS_TYPE_MX);

  for (guint i = 0; cl_dns_email_dkim_selectors[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s._domainkey.%s",
                                               cl_dns_email_dkim_selectors[i], facts->domain);
      want_missing (facts, wanted, name, CL_DNS_TYPE_TXT);
    }

  caa = caa_names (facts->domain);
  for (guint i = 0; caa[i] != NULL; i++)
    want_missing (facts, wanted, caa[i], CL_DNS_TYPE_CAA);

  /* RFC 7489 §6.6.3: no record at the name → the organizational domain's */
  if (fact_state (facts, dmarc, CL_DNS_TYPE_TXT, &answer) == FACT_RESOLVED &&
      !has_dmarc_record (answer))
    {
      g_autofree char *org = organizational_domain (facts->domain);

      if (org != NULL)
        {
          g_autofree char *org_dmarc = dmarc_name (org);
          want_missing (facts, wanted, org_dmarc, CL_DNS_TYPE_TXT);
        }
    }

  if (fact_state (facts, facts->domain, CL_DNS_TYPE_MX, &answer) == FACT_RESOLVED &&
      !answer_is_void (answer))
    {
      g_autoptr(GPtrArray) mx = cl_dns_answer_get_mx (answer);

      for (guint i = 0; mx != NULL && i < mx->len && i < CL_DNS_EMAIL_MAX_EXCHANGES; i++)
        {
          const ClDnsMx *record = g_ptr_array_index (mx, i);

          if (is_null_mx (record) || is_ip_literal (record->exchange))
            continue;
          want_missing (facts, wanted, record->exchange, CL_DNS_TYPE_A);
          want_missing (facts, wanted, record->exchange, CL_DNS_TYPE_AAAA);
          want_missing (facts, wanted, record->exchange, CL_DNS_TYPE_CNAME);
        }
    }

  cl_dns_email_spf_walk (facts, &walk);
  for (guint i = 0; i < walk.missing->len; i++)
    {
      const ClDnsEmailQuery *query = g_ptr_array_index (walk.missing, i);
      want_missing (facts, wanted, query->name, query->rrtype);
    }

  return g_steal_pointer (&wanted);
}

static char *
describe_unresolved (ClDnsEmailLookup *lookup)
{
  switch (lookup->state)
    {
    case CL_DNS_EMAIL_LOOKUP_PENDING:
      return g_strdup_printf (_("%s %s: no answer in time"), rrtype_name (lookup->rrtype), lookup->name);
    case CL_DNS_EMAIL_LOOKUP_FAILED:
      return g_strdup_printf (_("%s %s: %s"), rrtype_name (lookup->rrtype), lookup->name,
                              lookup->error != NULL ? lookup->error : _("failed"));
    case CL_DNS_EMAIL_LOOKUP_ANSWERED:
    default:
      /* a validating resolver answers SERVFAIL for bogus data (RFC 4035 §5.5) */
      if (cl_dns_answer_is_bogus (lookup->answer))
        return g_strdup_printf (_("%s %s: DNSSEC validation failed (%s)"), rrtype_name (lookup->rrtype),
                                lookup->name, cl_dns_answer_get_why_bogus (lookup->answer) != NULL
                                                ? cl_dns_answer_get_why_bogus (lookup->answer) : "?");
      return g_strdup_printf (_("%s %s: rcode %d"), rrtype_name (lookup->rrtype), lookup->name,
                              cl_dns_answer_get_rcode (lookup->answer));
    }
}

/**
 * cl_dns_email_facts_reachable:
 *
 * The checks mean something only if the domain's zone answered: when
 * neither its SOA nor its NS query got an answer, the resolver or the
 * zone is unreachable and the module is unavailable.
 *
 * Returns: %TRUE when the domain's zone answered
 */
gboolean
cl_dns_email_facts_reachable (ClDnsEmailFacts  *facts,
                              GError          **error)
{
  ClDnsAnswer *soa;
  ClDnsAnswer *ns;
  gboolean has_soa;
  gboolean has_ns;

  g_return_val_if_fail (facts != NULL, FALSE);

  has_soa = fact_state (facts, facts->domain, CL_DNS_TYPE_SOA, &soa) == FACT_RESOLVED;
  has_ns = fact_state (facts, facts->domain, CL_DNS_TYPE_NS, &ns) == FACT_RESOLVED;

  if (!has_soa && !has_ns)
    {
      ClDnsEmailLookup *lookup = cl_dns_email_facts_lookup (facts, facts->domain, CL_DNS_TYPE_SOA);
      g_autofree char *reason = lookup != NULL ? describe_unresolved (lookup) : g_strdup (_("not asked"));

      g_set_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE,
                   _("The DNS of %s could not be queried (%s)"), facts->domain, reason);
      return FALSE;
    }

  if ((has_soa && cl_dns_answer_is_nxdomain (soa)) || (!has_soa && cl_dns_answer_is_nxdomain (ns)))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_NOT_FOUND,
                   _("The domain %s does not exist (NXDOMAIN)"), facts->domain);
      return FALSE;
    }

  return TRUE;
}

/* }}} */

/* SPF checks {{{ */

typedef enum
{
  ALL_NONE,     /* no "all", no redirect: the default result is neutral (§4.7) */
  ALL_FOUND,
  ALL_UNKNOWN,  /* behind a redirect that could not be followed */
} AllOutcome;

/* The "all" that ends evaluation: the record's own, or that of the
 * record its redirect chain leads to (§6.1). */
static AllOutcome
effective_all (ClDnsEmailFacts   *facts,
               const ClSpfRecord *top,
               ClSpfQualifier    *qualifier,
               GString           *via)
{
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_spf_record_free);
  const ClSpfRecord *record = top;

  for (guint hops = 0; ; hops++)
    {
      const ClSpfMechanism *all = cl_spf_record_get_all (record);
      g_autoptr(GPtrArray) records = NULL;
      g_autofree char *target = NULL;
      ClSpfRecord *next;
      ClDnsAnswer *answer;
      const char *redirect;

      if (all != NULL)
        {
          *qualifier = all->qualifier;
          return ALL_FOUND;
        }

      if ((redirect = cl_spf_record_get_redirect (record)) == NULL)
        return ALL_NONE;
      if (hops >= CL_DNS_EMAIL_SPF_MAX_DEPTH || cl_spf_domain_spec_has_macros (redirect))
        return ALL_UNKNOWN;

      target = normalize_name (redirect);
      g_string_append_printf (via, " → redirect=%s", target);

      if (fact_state (facts, target, CL_DNS_TYPE_TXT, &answer) != FACT_RESOLVED)
        return ALL_UNKNOWN;
      records = spf_records (answer);
      if (records->len != 1 || (next = cl_spf_record_parse (g_ptr_array_index (records, 0), NULL)) == NULL)
        return ALL_UNKNOWN;

      g_ptr_array_add (parsed, next);
      record = next;
    }
}

static void
check_spf_all (ClDnsEmailFacts   *facts,
               const ClSpfRecord *record,
               const char        *quoted,
               ClModuleResult    *result)
{
  g_autoptr(GString) via = g_string_new (NULL);
  ClSpfQualifier qualifier = CL_SPF_QUALIFIER_FAIL;

  switch (effective_all (facts, record, &qualifier, via))
    {
    case ALL_NONE:
      cl_module_result_add (result, "dns_email.spf_no_all", CL_SEVERITY_HIGH,
                            _("The SPF record does not end with “all”: mail from servers it does not list gets a neutral result"),
                            _("End the record with “-all” (or “~all” while testing) so that receivers may reject mail from servers you did not list (RFC 7208 §4.7, §5.1)."),
                            "TXT %s: %s%s", facts->domain, quoted, via->str);
      break;

    case ALL_FOUND:
      if (qualifier == CL_SPF_QUALIFIER_PASS)
        cl_module_result_add (result, "dns_email.spf_pass_all", CL_SEVERITY_CRITICAL,
                              _("The SPF record ends with “+all”: it authorizes every server on the internet to send mail as this domain"),
                              _("Replace “+all” with “-all” once your own servers are listed (RFC 7208 §5.1)."),
                              "TXT %s: %s%s", facts->domain, quoted, via->str);
      else if (qualifier == CL_SPF_QUALIFIER_NEUTRAL)
        cl_module_result_add (result, "dns_email.spf_neutral_all", CL_SEVERITY_HIGH,
                              _("The SPF record ends with “?all”: mail from servers it does not list gets a neutral result, as if there were no SPF"),
                              _("Replace “?all” with “-all” (or “~all” while testing)."),
                              "TXT %s: %s%s", facts->domain, quoted, via->str);
      else if (qualifier == CL_SPF_QUALIFIER_SOFTFAIL)
        cl_module_result_add (result, "dns_email.spf_softfail_all", CL_SEVERITY_LOW,
                              _("The SPF record ends with “~all”: mail from servers it does not list is only marked as suspicious"),
                              _("Once every server that sends your mail is listed, replace “~all” with “-all”."),
                              "TXT %s: %s%s", facts->domain, quoted, via->str);
      break;

    case ALL_UNKNOWN:
    default:
      break;
    }
}

static void
check_spf_lookups (ClDnsEmailFacts *facts,
                   const char      *quoted,
                   ClModuleResult  *result)
{
  g_auto(ClDnsEmailSpfWalk) walk = { 0 };

  cl_dns_email_spf_walk (facts, &walk);

  /* RFC 7208 §4.6.4: more than 10 DNS-querying terms is a permerror */
  if (walk.lookups > 10)
    cl_module_result_add (result, "dns_email.spf_too_many_lookups", CL_SEVERITY_HIGH,
                          _("The SPF record needs more than 10 DNS lookups: receivers treat it as broken (permerror)"),
                          _("Bring the include, a, mx, ptr, exists and redirect terms, with those of the included records, down to 10: replace includes by ip4/ip6 ranges or drop services you no longer use (RFC 7208 §4.6.4)."),
                          walk.truncated
                            ? _("TXT %s: %s: at least %u DNS-querying terms over its includes and redirects (the limit is 10)")
                            : _("TXT %s: %s: %u DNS-querying terms over its includes and redirects (the limit is 10)"),
                          facts->domain, quoted, walk.lookups);

  /* RFC 7208 §4.6.4: more than 2 void lookups SHOULD be a permerror */
  if (walk.void_lookups > 2)
    cl_module_result_add (result, "dns_email.spf_too_many_void_lookups", CL_SEVERITY_MEDIUM,
                          _("The SPF record makes more than 2 lookups that find nothing: receivers may treat it as broken"),
                          _("Remove the terms that point at names without records (RFC 7208 §4.6.4 allows 2 such lookups)."),
                          _("TXT %s: %s: %u void lookups (the limit is 2)"),
                          facts->domain, quoted, walk.void_lookups);

  if (walk.permerrors->len > 0)
    {
      g_autofree char *problems = NULL;

      g_ptr_array_add (walk.permerrors, NULL);
      problems = g_strjoinv ("; ", (char **)walk.permerrors->pdata);
      g_ptr_array_set_size (walk.permerrors, walk.permerrors->len - 1);

      cl_module_result_add (result, "dns_email.spf_include_invalid", CL_SEVERITY_HIGH,
                            _("The SPF record includes or redirects to a domain without a usable SPF record: receivers treat it as broken (permerror)"),
                            _("Fix or remove the include or redirect: its target must publish exactly one valid SPF record (RFC 7208 §5.2, §6.1)."),
                            "TXT %s: %s: %s", facts->domain, quoted, problems);
    }
}

static void
check_spf_ptr (ClDnsEmailFacts   *facts,
               const ClSpfRecord *record,
               const char        *quoted,
               ClModuleResult    *result)
{
  for (guint i = 0; i < record->mechanisms->len; i++)
    {
      const ClSpfMechanism *mechanism = g_ptr_array_index (record->mechanisms, i);

      if (mechanism->type == CL_SPF_MECHANISM_PTR)
        {
          cl_module_result_add (result, "dns_email.spf_ptr", CL_SEVERITY_LOW,
                                _("The SPF record uses the “ptr” mechanism, which is slow, unreliable and ignored by some receivers"),
                                _("Replace “ptr” with ip4/ip6 ranges or “a” terms (RFC 7208 §5.5: “ptr” should not be used)."),
                                "TXT %s: %s", facts->domain, quoted);
          return;
        }
    }
}

static void
check_spf (ClDnsEmailFacts *facts,
           ClModuleResult  *result)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(ClSpfRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = NULL;
  ClDnsAnswer *answer;

  if (fact_state (facts, facts->domain, CL_DNS_TYPE_TXT, &answer) != FACT_RESOLVED)
    return;

  records = spf_records (answer);

  if (records->len == 0)
    {
      g_auto(GStrv) txt = answer_txt (answer);

      cl_module_result_add (result, "dns_email.spf_missing", CL_SEVERITY_CRITICAL,
                            _("No SPF record: any server can send mail in this domain’s name"),
                            _("Publish one TXT record that starts with “v=spf1”, lists the servers that send your mail and ends with “-all”, for example “v=spf1 mx -all” (RFC 7208)."),
                            _("TXT %s: no record starts with v=spf1 (%u TXT records)"),
                            facts->domain, g_strv_length (txt));
      return;
    }

  if (records->len > 1)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint i = 0; i < records->len && i < MAX_LISTED; i++)
        {
          g_autofree char *one = quote_record (g_ptr_array_index (records, i));
          g_string_append_printf (all, "%s%s", i > 0 ? ", " : "", one);
        }

      /* §4.5: more than one record is a permerror */
      cl_module_result_add (result, "dns_email.spf_multiple", CL_SEVERITY_HIGH,
                            _("The domain publishes several SPF records: receivers treat SPF as broken (permerror)"),
                            _("Merge them into one TXT record starting with “v=spf1” (RFC 7208 §4.5)."),
                            _("TXT %s: %u SPF records: %s"), facts->domain, records->len, all->str);
      return;
    }

  quoted = quote_record (g_ptr_array_index (records, 0));

  if ((record = cl_spf_record_parse (g_ptr_array_index (records, 0), &error)) == NULL)
    {
      cl_module_result_add (result, "dns_email.spf_syntax", CL_SEVERITY_HIGH,
                            _("The SPF record has a syntax error: receivers treat SPF as broken (permerror)"),
                            _("Correct the record after RFC 7208 §4–§7; the evidence names the offending term."),
                            "TXT %s: %s: %s", facts->domain, quoted, error->message);
      return;
    }

  check_spf_all (facts, record, quoted, result);
  check_spf_lookups (facts, quoted, result);
  check_spf_ptr (facts, record, quoted, result);
}

/* An SPF record that authorizes no server at all: "v=spf1 -all". */
static gboolean
spf_sends_no_mail (ClDnsEmailFacts *facts)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(ClSpfRecord) record = NULL;
  const ClSpfMechanism *first;
  ClDnsAnswer *answer;

  if (fact_state (facts, facts->domain, CL_DNS_TYPE_TXT, &answer) != FACT_RESOLVED)
    return FALSE;

  records = spf_records (answer);
  if (records->len != 1 || (record = cl_spf_record_parse (g_ptr_array_index (records, 0), NULL)) == NULL)
    return FALSE;
  if (record->mechanisms->len == 0 || record->redirect != NULL)
    return FALSE;

  first = g_ptr_array_index (record->mechanisms, 0);

  return first->type == CL_SPF_MECHANISM_ALL && first->qualifier == CL_SPF_QUALIFIER_FAIL;
}

/* }}} */

/* DMARC checks {{{ */

static GPtrArray *
dmarc_records (ClDnsAnswer *answer,
               gboolean     lookalikes)
{
  g_auto(GStrv) txt = answer_txt (answer);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; txt[i] != NULL && i < MAX_TXT_RECORDS; i++)
    {
      g_autofree char *lower = g_ascii_strdown (txt[i], -1);
      gboolean is_record = cl_dmarc_is_record (txt[i]);

      /* a TXT record that mentions DMARC but does not start with
       * v=DMARC1 is one the owner meant as a policy: receivers discard it */
      if (lookalikes ? (!is_record && strstr (lower, "dmarc") != NULL) : is_record)
        g_ptr_array_add (records, g_strdup (txt[i]));
    }

  return records;
}

static void
check_dmarc (ClDnsEmailFacts *facts,
             ClModuleResult  *result)
{
  g_autofree char *name = dmarc_name (facts->domain);
  g_autofree char *org = organizational_domain (facts->domain);
  g_autofree char *org_name = org != NULL ? dmarc_name (org) : NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) lookalikes = NULL;
  g_autoptr(ClDmarcRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *inherited = NULL;
  const char *where = name;
  ClDmarcPolicy policy;
  ClDnsAnswer *answer;

  if (fact_state (facts, name, CL_DNS_TYPE_TXT, &answer) != FACT_RESOLVED)
    return;

  records = dmarc_records (answer, FALSE);
  lookalikes = dmarc_records (answer, TRUE);

  if (records->len == 0 && lookalikes->len > 0)
    {
      quoted = quote_record (g_ptr_array_index (lookalikes, 0));
      cl_module_result_add (result, "dns_email.dmarc_invalid", CL_SEVERITY_HIGH,
                            _("The DMARC record is invalid: receivers ignore it"),
                            _("Correct the record after RFC 7489 §6.3: it must start with “v=DMARC1”, carry a “p” tag of none, quarantine or reject, and be the only DMARC record of its name."),
                            _("TXT %s: %s: the record does not start with “v=DMARC1”"), name, quoted);
      return;
    }

  if (records->len == 0 && org_name != NULL)
    {
      if (fact_state (facts, org_name, CL_DNS_TYPE_TXT, &answer) != FACT_RESOLVED)
        return;
      g_clear_pointer (&records, g_ptr_array_unref);
      records = dmarc_records (answer, FALSE);
      where = org_name;
      /* §6.6.3: a policy found at the organizational domain applies
       * to its subdomains through "sp" */
      inherited = g_strdup_printf (_(" (the organizational domain’s record, for %s)"), facts->domain);
    }

  if (records->len == 0)
    {
      cl_module_result_add (result, "dns_email.dmarc_missing", CL_SEVERITY_CRITICAL,
                            _("No DMARC record: receivers get no policy for mail that fails SPF and DKIM, and you get no reports of abuse"),
                            _("Publish a TXT record at _dmarc.<domain>, such as “v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@<domain>”, then move to p=reject (RFC 7489)."),
                            org_name != NULL
                              ? _("TXT %s: no record starts with v=DMARC1; nor at %s")
                              : _("TXT %s: no record starts with v=DMARC1%s"),
                            name, org_name != NULL ? org_name : "");
      return;
    }

  if (records->len > 1)
    {
      g_autofree char *first = quote_record (g_ptr_array_index (records, 0));
      g_autofree char *second = quote_record (g_ptr_array_index (records, 1));

      /* §6.6.3: several records → no DMARC processing at all */
      cl_module_result_add (result, "dns_email.dmarc_invalid", CL_SEVERITY_HIGH,
                            _("The DMARC record is invalid: receivers ignore it"),
                            _("Keep a single DMARC record: with several, receivers apply no DMARC policy at all (RFC 7489 §6.6.3)."),
                            _("TXT %s: %u DMARC records: %s, %s"), where, records->len, first, second);
      return;
    }

  quoted = quote_record (g_ptr_array_index (records, 0));

  if ((record = cl_dmarc_record_parse (g_ptr_array_index (records, 0), &error)) == NULL)
    {
      cl_module_result_add (result, "dns_email.dmarc_invalid", CL_SEVERITY_HIGH,
                            _("The DMARC record is invalid: receivers ignore it"),
                            _("Correct the record after RFC 7489 §6.3: it must start with “v=DMARC1”, carry a “p” tag of none, quarantine or reject, and be the only DMARC record of its name."),
                            "TXT %s: %s: %s", where, quoted, error->message);
      return;
    }

  policy = inherited != NULL ? record->subdomain_policy : record->policy;

  if (policy == CL_DMARC_POLICY_NONE)
    cl_module_result_add (result, "dns_email.dmarc_policy_none", CL_SEVERITY_MEDIUM,
                          _("The DMARC policy is “none”: mail that fails authentication is still delivered"),
                          _("Once the aggregate reports show that your own mail passes, move to p=quarantine and then p=reject."),
                          "TXT %s: %s%s", where, quoted, inherited != NULL ? inherited : "");
  else if (record->pct < 100)
    cl_module_result_add (result, "dns_email.dmarc_partial_pct", CL_SEVERITY_LOW,
                          _("The DMARC policy applies to only part of the mail that fails authentication"),
                          _("Raise pct to 100, or remove it, once the reports show no legitimate mail failing."),
                          _("TXT %s: %s: pct=%u%s"), where, quoted, record->pct,
                          inherited != NULL ? inherited : "");

  if (record->rua[0] == NULL)
    cl_module_result_add (result, "dns_email.dmarc_no_rua", CL_SEVERITY_LOW,
                          _("The DMARC record asks for no aggregate reports: you will not see who sends mail in your name"),
                          _("Add rua=mailto:… with an address that collects DMARC aggregate reports (RFC 7489 §7.2)."),
                          _("TXT %s: %s: no rua tag%s"), where, quoted, inherited != NULL ? inherited : "");
}

/* }}} */

/* DKIM, CAA, MX checks {{{ */

/* A DKIM key record (RFC 6376 §3.6.1) is a tag-list with a "p" tag;
 * an empty p= is a revoked key. */
static gboolean
is_dkim_key (const char *txt,
             gboolean   *revoked)
{
  g_auto(GStrv) tags = g_strsplit (txt, ";", 64);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *tag = g_strstrip (g_strdup (tags[i]));
      char *eq = strchr (tag, '=');

      if (eq == NULL)
        continue;
      *eq = '\0';
      if (g_str_equal (g_strstrip (tag), "p"))
        {
          *revoked = *g_strstrip (eq + 1) == '\0';
          return TRUE;
        }
    }

  return FALSE;
}

static void
check_dkim (ClDnsEmailFacts *facts,
            ClModuleResult  *result)
{
  g_autoptr(GString) found = g_string_new (NULL);
  gboolean complete = TRUE;

  for (guint i = 0; cl_dns_email_dkim_selectors[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s._domainkey.%s",
                                               cl_dns_email_dkim_selectors[i], facts->domain);
      g_auto(GStrv) txt = NULL;
      ClDnsAnswer *answer;

      if (fact_state (facts, name, CL_DNS_TYPE_TXT, &answer) != FACT_RESOLVED)
        {
          complete = FALSE;
          continue;
        }

      txt = answer_txt (answer);
      for (guint j = 0; txt[j] != NULL && j < MAX_TXT_RECORDS; j++)
        {
          gboolean revoked = FALSE;

          if (is_dkim_key (txt[j], &revoked))
            {
              g_string_append_printf (found, "%s%s%s", found->len > 0 ? ", " : "", name,
                                      revoked ? _(" (revoked: empty p=)") : "");
              break;
            }
        }
    }

  if (found->len > 0)
    cl_module_result_add (result, "dns_email.dkim_found", CL_SEVERITY_INFO,
                          _("DKIM keys are published at common selectors"),
                          _("Nothing to do; use keys of at least 2048 bits and rotate them regularly."),
                          "TXT %s", found->str);
  else if (complete)
    cl_module_result_add (result, "dns_email.dkim_not_found", CL_SEVERITY_INFO,
                          _("No DKIM key at the common selectors; the domain may use selectors of its own"),
                          _("Sign outgoing mail with DKIM (RFC 6376). If you already do, your selector is simply not one of the common names checked here."),
                          _("TXT {%s}._domainkey.%s: no key"),
                          "default,selector1,selector2,google,k1,s1,s2,dkim,mail,smtp", facts->domain);
}

static void
check_caa (ClDnsEmailFacts *facts,
           ClModuleResult  *result)
{
  g_auto(GStrv) names = caa_names (facts->domain);
  g_autofree char *list = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) caa = NULL;
      ClDnsAnswer *answer;

      /* an unresolved name leaves the relevant record set unknown */
      if (fact_state (facts, names[i], CL_DNS_TYPE_CAA, &answer) != FACT_RESOLVED)
        return;
      if (answer_is_void (answer))
        continue;
      caa = cl_dns_answer_get_caa (answer);
      if (caa != NULL && caa->len > 0)
        return;
    }

  list = g_strjoinv (", ", names);
  cl_module_result_add (result, "dns_email.caa_missing", CL_SEVERITY_LOW,
                        _("No CAA record: any certificate authority may issue certificates for this domain"),
                        _("Publish CAA records naming the certificate authorities you use, for example 0 issue \"letsencrypt.org\" (RFC 8659)."),
                        _("CAA %s: none"), list);
}

static void
check_mx (ClDnsEmailFacts *facts,
          ClModuleResult  *result)
{
  g_autoptr(GPtrArray) mx = NULL;
  g_autoptr(GString) unresolvable = g_string_new (NULL);
  g_autoptr(GString) literals = g_string_new (NULL);
  g_autoptr(GString) aliases = g_string_new (NULL);
  ClDnsAnswer *answer;
  gboolean has_null = FALSE;

  if (fact_state (facts, facts->domain, CL_DNS_TYPE_MX, &answer) != FACT_RESOLVED)
    return;

  if (!answer_is_void (answer))
    mx = cl_dns_answer_get_mx (answer);

  if (mx == NULL || mx->len == 0)
    {
      if (spf_sends_no_mail (facts))
        {
          g_autoptr(GPtrArray) records = NULL;
          g_autofree char *quoted = NULL;
          ClDnsAnswer *txt;

          fact_state (facts, facts->domain, CL_DNS_TYPE_TXT, &txt);
          records = spf_records (txt);
          quoted = quote_record (g_ptr_array_index (records, 0));
          cl_module_result_add (result, "dns_email.no_mail", CL_SEVERITY_INFO,
                                _("The domain declares that it handles no mail"),
                                _("Nothing to do. A null MX record (“0 .”, RFC 7505) would also tell senders not to try."),
                                _("MX %s: none; TXT %s: %s"), facts->domain, facts->domain, quoted);
        }
      else
        {
          cl_module_result_add (result, "dns_email.mx_missing", CL_SEVERITY_LOW,
                                _("No MX record: mail to this domain goes to its address record, if any"),
                                _("Publish MX records for your mail servers, or a null MX (“0 .”, RFC 7505) if the domain receives no mail."),
                                _("MX %s: none"), facts->domain);
        }
      return;
    }

  for (guint i = 0; i < mx->len; i++)
    has_null |= is_null_mx (g_ptr_array_index (mx, i));

  if (has_null && mx->len == 1)
    {
      cl_module_result_add (result, "dns_email.no_mail", CL_SEVERITY_INFO,
                            _("The domain declares that it handles no mail"),
                            _("Nothing to do: a null MX tells senders not to try (RFC 7505)."),
                            _("MX %s: 0 . (null MX)"), facts->domain);
      return;
    }

  if (has_null)
    cl_module_result_add (result, "dns_email.mx_null_mixed", CL_SEVERITY_LOW,
                          _("A null MX record is published beside other MX records"),
                          _("Remove the null MX (“0 .”) if the domain receives mail, or the other MX records if it does not (RFC 7505 §3)."),
                          _("MX %s: a null MX among %u records"), facts->domain, mx->len);

  for (guint i = 0; i < mx->len && i < CL_DNS_EMAIL_MAX_EXCHANGES; i++)
    {
      const ClDnsMx *record = g_ptr_array_index (mx, i);
      ClDnsAnswer *a;
      ClDnsAnswer *aaaa;
      ClDnsAnswer *cname;
      g_autofree char *exchange = NULL;

      if (is_null_mx (record))
        continue;

      exchange = g_strescape (record->exchange, NULL);

      if (is_ip_literal (record->exchange))
        {
          g_string_append_printf (literals, "%s%u %s", literals->len > 0 ? ", " : "", record->preference, exchange);
          continue;
        }

      if (fact_state (facts, record->exchange, CL_DNS_TYPE_CNAME, &cname) == FACT_RESOLVED &&
          !answer_is_void (cname))
        {
          g_auto(GStrv) targets = cl_dns_answer_get_names (cname);

          g_string_append_printf (aliases, "%s%s → %s", aliases->len > 0 ? ", " : "", exchange,
                                  targets != NULL && targets[0] != NULL ? targets[0] : "?");
        }

      if (fact_state (facts, record->exchange, CL_DNS_TYPE_A, &a) == FACT_RESOLVED &&
          fact_state (facts, record->exchange, CL_DNS_TYPE_AAAA, &aaaa) == FACT_RESOLVED &&
          answer_is_void (a) && answer_is_void (aaaa))
        g_string_append_printf (unresolvable, "%s%s%s", unresolvable->len > 0 ? ", " : "", exchange,
                                cl_dns_answer_is_nxdomain (a) ? " (NXDOMAIN)" : "");
    }

  if (unresolvable->len > 0)
    cl_module_result_add (result, "dns_email.mx_unresolvable", CL_SEVERITY_MEDIUM,
                          _("An MX host does not resolve: mail cannot be delivered to it"),
                          _("Give each MX host an A or AAAA record, or remove it from the MX records."),
                          _("MX %s: no A or AAAA record for %s"), facts->domain, unresolvable->str);

  if (literals->len > 0)
    cl_module_result_add (result, "dns_email.mx_ip_literal", CL_SEVERITY_LOW,
                          _("An MX record names an IP address instead of a host name"),
                          _("Name a host that has A or AAAA records: an MX record must hold a domain name (RFC 5321 §5.1)."),
                          "MX %s: %s", facts->domain, literals->str);

  if (aliases->len > 0)
    cl_module_result_add (result, "dns_email.mx_cname", CL_SEVERITY_LOW,
                          _("An MX record points at an alias (CNAME)"),
                          _("Point the MX record at the canonical name of the mail server: RFC 2181 §10.3 forbids aliases as MX targets."),
                          _("MX %s: %s is a CNAME"), facts->domain, aliases->str);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* One query timing out costs the checks that needed it, not the module:
 * say which. */
static void
check_incomplete (ClDnsEmailFacts *facts,
                  ClModuleResult  *result)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GString) evidence = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  g_hash_table_iter_init (&iter, facts->lookups);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);

  for (guint i = 0; i < keys->len; i++)
    {
      ClDnsEmailLookup *lookup = g_hash_table_lookup (facts->lookups, g_ptr_array_index (keys, i));

      if (fact_state (facts, lookup->name, lookup->rrtype, NULL) == FACT_UNRESOLVED)
        {
          if (n++ < MAX_LISTED)
            {
              g_autofree char *line = describe_unresolved (lookup);
              g_string_append_printf (evidence, "%s%s", evidence->len > 0 ? "; " : "", line);
            }
        }
    }

  if (n > MAX_LISTED)
    g_string_append_printf (evidence, _("; and %u more"), n - MAX_LISTED);

  if (n > 0)
    {
      g_autofree char *caveat = NULL;

      cl_module_result_add (result, "dns_email.lookups_incomplete", CL_SEVERITY_INFO,
                            _("Some DNS lookups got no answer; the checks that needed them were skipped"),
                            _("Scan again later; if the same names keep failing, check the name servers of their zones."),
                            "%s", evidence->str);
      caveat = g_strdup_printf (ngettext ("DNS/Email: %u DNS lookup got no answer; the checks that needed it were skipped.",
                                          "DNS/Email: %u DNS lookups got no answer; the checks that needed them were skipped.",
                                          n), n);
      cl_module_result_add_caveat (result, caveat);
    }
}

/* }}} */

/**
 * cl_dns_email_judge:
 *
 * The checklist, over what was fetched: each check adds its findings
 * and skips what it cannot tell from unresolved answers.
 */
void
cl_dns_email_judge (ClDnsEmailFacts *facts,
                    ClModuleResult  *result)
{
  g_return_if_fail (facts != NULL);
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  check_spf (facts, result);
  check_dmarc (facts, result);
  check_dkim (facts, result);
  check_caa (facts, result);
  check_mx (facts, result);
  check_incomplete (facts, result);
}

/* Fetching {{{ */

typedef struct
{
  ClResolver      *resolver;
  ClDnsEmailFacts *facts;
  GCancellable    *cancellable;  /* ours: cancelled when we stop */
  GSource         *deadline;
  GSource         *cancelled;    /* fires when the caller cancels */
  guint            pending;
  guint            n_queries;
  gboolean         done;
} Run;

typedef struct
{
  GTask   *task;
  char    *name;
  guint16  rrtype;
} Query;

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
run_free (Run *run)
{
  clear_source (&run->deadline);
  clear_source (&run->cancelled);
  g_cancellable_cancel (run->cancellable);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->resolver);
  g_clear_pointer (&run->facts, cl_dns_email_facts_free);
  g_free (run);
}

static void
query_free (Query *query)
{
  g_clear_object (&query->task);
  g_free (query->name);
  g_free (query);
}

static void
finish (GTask *task)
{
  /* cancelling below may complete the queries, which hold the task */
  g_autoptr(GTask) hold = g_object_ref (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (run->done)
    return;
  run->done = TRUE;

  /* what is still in flight is judged as unanswered */
  g_cancellable_cancel (run->cancellable);
  clear_source (&run->deadline);
  clear_source (&run->cancelled);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!cl_dns_email_facts_reachable (run->facts, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = cl_module_result_new ("dns_email");
  cl_dns_email_judge (run->facts, result);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

static void fetch_more (GTask *task);

static void
query_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Query *query = user_data;
  Run *run = g_task_get_task_data (query->task);
  g_autoptr(ClDnsAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = cl_resolver_query_finish (CL_RESOLVER (object), result, &error);

  if (!run->done)
    {
      if (answer != NULL)
        cl_dns_email_facts_set_answer (run->facts, query->name, query->rrtype, answer);
      else
        cl_dns_email_facts_set_failed (run->facts, query->name, query->rrtype, error->message);

      run->pending--;
      fetch_more (query->task);
    }

  query_free (query);
}

/* Asks for whatever the facts gathered so far show to be needed, all at
 * once; judges when nothing is left in flight. */
static void
fetch_more (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) wanted = NULL;

  if (run->done)
    return;

  wanted = cl_dns_email_facts_wanted (run->facts);

  for (guint i = 0; i < wanted->len && !run->done; i++)
    {
      const ClDnsEmailQuery *wanted_query = g_ptr_array_index (wanted, i);
      Query *query;

      /* a bound whatever the answers say: a hostile include tree must
       * not make us query without end */
      if (run->n_queries >= CL_DNS_EMAIL_MAX_QUERIES)
        {
          cl_dns_email_facts_set_failed (run->facts, wanted_query->name, wanted_query->rrtype,
                                         _("not asked: too many queries"));
          continue;
        }

      cl_dns_email_facts_set_pending (run->facts, wanted_query->name, wanted_query->rrtype);
      run->n_queries++;
      run->pending++;

      query = g_new0 (Query, 1);
      query->task = g_object_ref (task);
      query->name = g_strdup (wanted_query->name);
      query->rrtype = wanted_query->rrtype;
      cl_resolver_query_async (run->resolver, query->name, query->rrtype,
                               run->cancellable, query_cb, query);
    }

  if (run->pending == 0)
    finish (task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  finish (G_TASK (user_data));
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  finish (G_TASK (user_data));
  return G_SOURCE_REMOVE;
}

static void
cl_module_dns_email_run_async (ClModule            *module,
                               ClScanContext       *context,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ClScanSettings *settings;
  GMainContext *main_context;
  Run *run;

  g_assert (CL_IS_MODULE_DNS_EMAIL (module));
  g_assert (CL_IS_SCAN_CONTEXT (context));

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_dns_email_run_async);

  settings = cl_scan_context_get_settings (context);
  main_context = g_main_context_get_thread_default ();

  run = g_new0 (Run, 1);
  run->resolver = g_object_ref (cl_scan_context_get_resolver (context));
  run->facts = cl_dns_email_facts_new (cl_scan_context_get_domain (context));
  run->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  /* Judge what has arrived a little before the job's own timeout
   * cancels the module: a name that never answers then costs its own
   * check, not the whole module.  Each query has the resolver's network
   * timeout besides.  The sources hold the task unowned: run_free
   * destroys them before the task goes. */
  run->deadline = g_timeout_source_new (MAX (1000, cl_scan_settings_get_module_timeout (settings) * 900));
  g_source_set_callback (run->deadline, deadline_cb, task, NULL);
  g_source_attach (run->deadline, main_context);

  if (cancellable != NULL)
    {
      run->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (run->cancelled, G_SOURCE_FUNC (cancelled_cb), task, NULL);
      g_source_attach (run->cancelled, main_context);
    }

  fetch_more (task);
}

/* }}} */

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "dns_email.caa_missing",
  "dns_email.dkim_found",
  "dns_email.dkim_not_found",
  "dns_email.dmarc_invalid",
  "dns_email.dmarc_missing",
  "dns_email.dmarc_no_rua",
  "dns_email.dmarc_partial_pct",
  "dns_email.dmarc_policy_none",
  "dns_email.lookups_incomplete",
  "dns_email.mx_cname",
  "dns_email.mx_ip_literal",
  "dns_email.mx_missing",
  "dns_email.mx_null_mixed",
  "dns_email.mx_unresolvable",
  "dns_email.no_mail",
  "dns_email.spf_include_invalid",
  "dns_email.spf_missing",
  "dns_email.spf_multiple",
  "dns_email.spf_neutral_all",
  "dns_email.spf_no_all",
  "dns_email.spf_pass_all",
  "dns_email.spf_ptr",
  "dns_email.spf_softfail_all",
  "dns_email.spf_syntax",
  "dns_email.spf_too_many_lookups",
  "dns_email.spf_too_many_void_lookups",
  NULL,
};

static void
cl_module_dns_email_class_init (ClModuleDnsEmailClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "dns_email";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_dns_email_run_async;
}

static void
cl_module_dns_email_init (ClModuleDnsEmail *self)
{
}

ClModule *
cl_module_dns_email_new (void)
{
  return g_object_new (CL_TYPE_MODULE_DNS_EMAIL, NULL);
}
