/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-dnssec"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cl-error.h"
#include "cl-module-dnssec-private.h"
#include "cl-resolver.h"

/* DNSSEC: is the domain signed, and does the chain of trust from the
 * resolver's trust anchor reach it?  Three queries through the scan's
 * validating resolver (libunbound): SOA (the domain's validation status),
 * DNSKEY (the zone's keys) and DS (the parent's link to them), then the
 * keys' algorithms and sizes (RFC 8624) and the signatures' expiry.
 *
 * Rule ids (severity):
 *   dnssec.bogus               critical  validation fails: validating resolvers
 *                                        answer SERVFAIL, the domain is unreachable
 *   dnssec.unsigned            high      not signed: answers can be forged
 *   dnssec.no_ds               high      signed, but no DS at the parent: not validated
 *   dnssec.chain_insecure      high      signed with a DS, but the chain above is not
 *                                        validated from the trust anchor
 *   dnssec.weak_algorithm      medium    keys with an algorithm RFC 8624 says not to sign
 *                                        with (RSAMD5, DSA, RSA/SHA-1, GOST)
 *   dnssec.weak_rsa_key        medium    RSA keys under 2048 bits
 *   dnssec.signature_expiring  medium    SOA/DNSKEY signatures expiring within 7 days
 *   dnssec.lookups_incomplete  info      queries that got no answer
 *
 * The verdict is the resolver's, as delv and dnsviz give it: secure,
 * insecure or bogus (RFC 4033 §5).  Bogus is the worst case because a
 * validating resolver then refuses every answer. */

/* Longest stretch of a resolver message quoted as evidence. */
#define MAX_QUOTED 300

/* RFC 4034 §2.1.1 */
#define DNSKEY_FLAG_ZONE   0x0100
#define DNSKEY_FLAG_REVOKE 0x0080
#define DNSKEY_FLAG_SEP    0x0001

struct _ClModuleDnssec
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleDnssec, cl_module_dnssec, CL_TYPE_MODULE)

/* Facts {{{ */

ClDnssecFacts *
_cl_dnssec_facts_new (const char *domain,
                      gint64      now)
{
  ClDnssecFacts *facts;

  g_return_val_if_fail (domain != NULL, NULL);

  facts = g_new0 (ClDnssecFacts, 1);
  facts->domain = g_strdup (domain);
  facts->now = now;
  facts->errors = g_ptr_array_new_with_free_func (g_free);

  return facts;
}

void
_cl_dnssec_facts_free (ClDnssecFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->domain);
  g_clear_object (&facts->soa);
  g_clear_object (&facts->dnskey);
  g_clear_object (&facts->ds);
  g_ptr_array_unref (facts->errors);
  g_free (facts);
}

/* }}} */

/* Judging {{{ */

/* IANA's DNS Security Algorithm Numbers registry */
static const char *
algorithm_name (guint8 algorithm)
{
  switch (algorithm)
    {
    case 1:  return "RSAMD5";
    case 3:  return "DSA";
    case 5:  return "RSASHA1";
    case 6:  return "DSA-NSEC3-SHA1";
    case 7:  return "RSASHA1-NSEC3-SHA1";
    case 8:  return "RSASHA256";
    case 10: return "RSASHA512";
    case 12: return "ECC-GOST";
    case 13: return "ECDSAP256SHA256";
    case 14: return "ECDSAP384SHA384";
    case 15: return "ED25519";
    case 16: return "ED448";
    default: return NULL;
    }
}

static char *
describe_algorithm (guint8 algorithm)
{
  const char *name = algorithm_name (algorithm);

  return name ? g_strdup_printf ("%s (%u)", name, algorithm) : g_strdup_printf ("%u", algorithm);
}

/* RFC 8624 §3.1: MUST NOT (RSAMD5, DSA, ECC-GOST) or NOT RECOMMENDED
 * (RSASHA1, RSASHA1-NSEC3-SHA1) for signing: SHA-1 signatures can be
 * forged by chosen-prefix collisions (SHA-1 is a Shambles, 2020). */
static gboolean
algorithm_is_weak (guint8 algorithm)
{
  return algorithm == 1 || algorithm == 3 || algorithm == 5 || algorithm == 6 ||
         algorithm == 7 || algorithm == 12;
}

static gboolean
algorithm_is_rsa (guint8 algorithm)
{
  return algorithm == 1 || algorithm == 5 || algorithm == 7 || algorithm == 8 || algorithm == 10;
}

static const char *
type_name (guint16 rrtype)
{
  return rrtype == CL_DNS_TYPE_SOA ? "SOA" : rrtype == CL_DNS_TYPE_DNSKEY ? "DNSKEY" : "DS";
}

/* The resolver's words name records from the network: valid UTF-8, no
 * control characters, bounded. */
static char *
quote (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (out->len >= MAX_QUOTED)
        {
          g_string_append (out, "…");
          break;
        }
      if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
answered_with_data (ClDnsAnswer *answer)
{
  return answer != NULL && cl_dns_answer_has_data (answer) && !cl_dns_answer_is_bogus (answer);
}

/* "12345 (KSK), 23456": the key tags of the zone's keys. */
static char *
describe_keys (GPtrArray *keys)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < keys->len; i++)
    {
      const ClDnsKey *key = g_ptr_array_index (keys, i);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%u", key->key_tag);
      if (key->flags & DNSKEY_FLAG_SEP)
        g_string_append (out, " (KSK)");
    }

  return g_string_free (out, FALSE);
}

static gboolean
check_bogus (ClDnssecFacts  *facts,
             ClModuleResult *result)
{
  ClDnsAnswer *answers[] = { facts->soa, facts->dnskey, facts->ds };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autofree char *why = NULL;

      if (answers[i] == NULL || !cl_dns_answer_is_bogus (answers[i]))
        continue;

      why = quote (cl_dns_answer_get_why_bogus (answers[i]) ? cl_dns_answer_get_why_bogus (answers[i])
                                                            : _("no reason given"));
      cl_module_result_add (result, "dnssec.bogus", CL_SEVERITY_CRITICAL,
                            _("DNSSEC validation of the domain fails: validating resolvers refuse its answers"),
                            _("Fix the chain of trust at once: make the DS records at the parent (your "
                              "registrar) match the zone’s current key signing keys, and make sure the "
                              "zone is re-signed before its signatures expire.  While it is bogus, "
                              "every user behind a validating resolver sees the domain as down."),
                            _("%s %s: bogus: %s"), facts->domain,
                            type_name (cl_dns_answer_get_rrtype (answers[i])), why);
      return TRUE;
    }

  return FALSE;
}

/* Insecure: which link of the chain is missing. */
static void
check_chain (ClDnssecFacts  *facts,
             ClModuleResult *result,
             GPtrArray      *keys)
{
  ClDnsAnswer *status = facts->soa ? facts->soa : facts->dnskey;
  g_autofree char *tags = NULL;

  if (status == NULL || cl_dns_answer_is_secure (status))
    return;

  if (keys->len == 0)
    {
      cl_module_result_add (result, "dnssec.unsigned", CL_SEVERITY_HIGH,
                            _("The domain is not signed with DNSSEC"),
                            _("Turn on DNSSEC signing at your DNS provider and publish the DS record "
                              "it gives you at your registrar, so that resolvers can detect forged "
                              "answers (cache poisoning, spoofed mail and web addresses)."),
                            _("%s: no DNSKEY; answers are insecure (not validated)"), facts->domain);
      return;
    }

  tags = describe_keys (keys);

  if (!answered_with_data (facts->ds))
    cl_module_result_add (result, "dnssec.no_ds", CL_SEVERITY_HIGH,
                          _("The zone is signed, but its parent holds no DS record, so nothing is validated"),
                          _("Publish the DS record of the key signing key at the registrar (the parent "
                            "zone); until then resolvers treat the signed zone as unsigned."),
                          _("%s: DNSKEY %s; DS at the parent: %s"), facts->domain, tags,
                          facts->ds ? _("none") : _("not answered"));
  else
    cl_module_result_add (result, "dnssec.chain_insecure", CL_SEVERITY_HIGH,
                          _("The zone is signed and has a DS, but the chain of trust above it is not validated"),
                          _("A zone above the domain is not signed or has no DS itself; ask the "
                            "registry or parent zone’s operator, or move the domain under a signed TLD."),
                          _("%s: DNSKEY %s; DS present; answers are insecure (not validated)"),
                          facts->domain, tags);
}

static void
check_keys (ClDnssecFacts  *facts,
            ClModuleResult *result,
            GPtrArray      *keys)
{
  g_autoptr(GString) weak = g_string_new (NULL);
  g_autoptr(GString) small = g_string_new (NULL);

  for (guint i = 0; i < keys->len; i++)
    {
      const ClDnsKey *key = g_ptr_array_index (keys, i);
      g_autofree char *algorithm = describe_algorithm (key->algorithm);

      if (algorithm_is_weak (key->algorithm))
        g_string_append_printf (weak, "%skey %u: %s", weak->len ? ", " : "", key->key_tag, algorithm);

      /* NIST SP 800-57 Part 1 and SP 800-131A: RSA under 2048 bits is
       * below 112-bit security */
      if (algorithm_is_rsa (key->algorithm) && key->key_bits > 0 && key->key_bits < 2048)
        g_string_append_printf (small, "%skey %u: %s, %u bits", small->len ? ", " : "",
                                key->key_tag, algorithm, key->key_bits);
    }

  if (weak->len > 0)
    cl_module_result_add (result, "dnssec.weak_algorithm", CL_SEVERITY_MEDIUM,
                          _("The zone is signed with an algorithm that should no longer be used"),
                          _("Roll the keys over to ECDSA P-256 (algorithm 13) or RSA/SHA-256 "
                            "(algorithm 8) with at least 2048 bits; RFC 8624 advises against "
                            "signing with SHA-1, MD5, DSA and GOST."),
                          "%s: %s", facts->domain, weak->str);
  if (small->len > 0)
    cl_module_result_add (result, "dnssec.weak_rsa_key", CL_SEVERITY_MEDIUM,
                          _("The zone is signed with RSA keys shorter than 2048 bits"),
                          _("Roll the keys over to RSA of at least 2048 bits, or better to ECDSA "
                            "P-256 (algorithm 13)."),
                          "%s: %s", facts->domain, small->str);
}

static void
check_signatures (ClDnssecFacts  *facts,
                  ClModuleResult *result)
{
  ClDnsAnswer *answers[] = { facts->soa, facts->dnskey };
  g_autoptr(GString) expiring = g_string_new (NULL);
  g_autofree char *finding = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GPtrArray) signatures = NULL;

      if (!answered_with_data (answers[i]))
        continue;

      signatures = cl_dns_answer_get_signatures (answers[i]);
      for (guint j = 0; j < signatures->len; j++)
        {
          const ClDnsRrsig *rrsig = g_ptr_array_index (signatures, j);
          /* RFC 4034 §3.1.5: serial number arithmetic, so that the
           * 32-bit times wrap in 2106 without a fuss */
          gint64 left = (gint32)(rrsig->expiration - (guint32)facts->now);
          g_autoptr(GDateTime) when = NULL;
          g_autofree char *date = NULL;

          if (left >= CL_DNSSEC_EXPIRY_WARNING_DAYS * 86400)
            continue;

          when = g_date_time_new_from_unix_utc (facts->now + left);
          date = g_date_time_format (when, "%Y-%m-%d %H:%M UTC");
          if (expiring->len > 0)
            g_string_append (expiring, ", ");
          g_string_append_printf (expiring, _("%s signature by key %u expires %s (in %.1f days)"),
                                  type_name (rrsig->type_covered), rrsig->key_tag, date,
                                  left / 86400.0);
        }
    }

  if (expiring->len == 0)
    return;

  finding = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "DNSSEC signatures of the zone expire within %u day",
                                          "DNSSEC signatures of the zone expire within %u days",
                                          CL_DNSSEC_EXPIRY_WARNING_DAYS),
                             CL_DNSSEC_EXPIRY_WARNING_DAYS);
  cl_module_result_add (result, "dnssec.signature_expiring", CL_SEVERITY_MEDIUM, finding,
                        _("Check that the signer re-signs the zone automatically and well ahead "
                          "of expiry (signatures valid for weeks, refreshed days before they "
                          "run out): once they expire the domain becomes bogus and unreachable "
                          "for validating resolvers."),
                        "%s: %s", facts->domain, expiring->str);
}

static void
check_incomplete (ClDnssecFacts  *facts,
                  ClModuleResult *result)
{
  g_autofree char *joined = NULL;

  if (facts->errors->len == 0)
    return;

  g_ptr_array_add (facts->errors, NULL);
  joined = g_strjoinv ("; ", (char **)facts->errors->pdata);
  g_ptr_array_remove_index (facts->errors, facts->errors->len - 1);

  cl_module_result_add (result, "dnssec.lookups_incomplete", CL_SEVERITY_INFO,
                        _("Some DNSSEC lookups got no answer, so some checks were not made"),
                        _("Check that the domain’s name servers answer DNSKEY and DS queries, over "
                          "UDP and TCP, and that the scan’s resolver can reach them."),
                        "%s", joined);
}

/**
 * _cl_module_dnssec_judge:
 * @facts: the resolver's answers
 * @result: where the findings go
 */
void
_cl_module_dnssec_judge (ClDnssecFacts  *facts,
                         ClModuleResult *result)
{
  g_autoptr(GPtrArray) keys = NULL;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  check_incomplete (facts, result);

  /* a bogus answer's keys and signatures are not to be believed */
  if (check_bogus (facts, result))
    return;

  keys = facts->dnskey ? cl_dns_answer_get_dnskeys (facts->dnskey)
                       : g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dns_key_free);
  for (guint i = keys->len; i > 0; i--)
    {
      const ClDnsKey *key = g_ptr_array_index (keys, i - 1);

      /* only zone keys sign; a revoked one signs nothing any more */
      if (!(key->flags & DNSKEY_FLAG_ZONE) || (key->flags & DNSKEY_FLAG_REVOKE))
        g_ptr_array_remove_index (keys, i - 1);
    }

  check_chain (facts, result, keys);
  check_keys (facts, result, keys);
  check_signatures (facts, result);
}

/* }}} */

/* Fetching {{{ */

typedef struct
{
  ClDnssecFacts *facts;
  guint          pending;
} Run;

static void
run_free (Run *run)
{
  _cl_dnssec_facts_free (run->facts);
  g_free (run);
}

typedef struct
{
  GTask   *task;
  guint16  rrtype;
} Query;

static void
finish (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(ClModuleResult) result = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (run->facts->soa == NULL && run->facts->dnskey == NULL && run->facts->ds == NULL)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (run->facts->errors, NULL);
      joined = g_strjoinv ("; ", (char **)run->facts->errors->pdata);
      g_task_return_new_error (task, CL_ERROR, CL_ERROR_UNAVAILABLE,
                               _("No DNSSEC query about %s was answered (%s)"),
                               run->facts->domain, joined);
      return;
    }

  result = cl_module_result_new ("dnssec");
  _cl_module_dnssec_judge (run->facts, result);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

static void
query_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Query *query = user_data;
  g_autoptr(GTask) task = query->task;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  ClDnsAnswer *answer;

  answer = cl_resolver_query_finish (CL_RESOLVER (object), result, &error);

  if (answer == NULL)
    g_ptr_array_add (run->facts->errors,
                     g_strdup_printf ("%s: %s", type_name (query->rrtype), error->message));
  else if (query->rrtype == CL_DNS_TYPE_SOA)
    run->facts->soa = answer;
  else if (query->rrtype == CL_DNS_TYPE_DNSKEY)
    run->facts->dnskey = answer;
  else
    run->facts->ds = answer;

  g_free (query);

  if (--run->pending == 0)
    finish (task);
}

static void
cl_module_dnssec_run_async (ClModule            *module,
                            ClScanContext       *context,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  static const guint16 types[] = { CL_DNS_TYPE_SOA, CL_DNS_TYPE_DNSKEY, CL_DNS_TYPE_DS };
  g_autoptr(GTask) task = NULL;
  ClResolver *resolver;
  const char *domain;
  Run *run;

  g_assert (CL_IS_MODULE_DNSSEC (module));
  g_assert (CL_IS_SCAN_CONTEXT (context));

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_dnssec_run_async);

  domain = cl_scan_context_get_domain (context);
  resolver = cl_scan_context_get_resolver (context);
  run = g_new0 (Run, 1);
  run->facts = _cl_dnssec_facts_new (domain, g_get_real_time () / G_USEC_PER_SEC);
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  /* All at once: each ends at the resolver's timeout or the cancel. */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      Query *query = g_new0 (Query, 1);

      query->task = g_object_ref (task);
      query->rrtype = types[i];
      run->pending++;
      cl_resolver_query_async (resolver, domain, types[i], cancellable, query_cb, query);
    }
}

/* }}} */

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "dnssec.bogus",
  "dnssec.chain_insecure",
  "dnssec.lookups_incomplete",
  "dnssec.no_ds",
  "dnssec.signature_expiring",
  "dnssec.unsigned",
  "dnssec.weak_algorithm",
  "dnssec.weak_rsa_key",
  NULL,
};

static void
cl_module_dnssec_class_init (ClModuleDnssecClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "dnssec";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_dnssec_run_async;
}

static void
cl_module_dnssec_init (ClModuleDnssec *self)
{
}

ClModule *
cl_module_dnssec_new (void)
{
  return g_object_new (CL_TYPE_MODULE_DNSSEC, NULL);
}
