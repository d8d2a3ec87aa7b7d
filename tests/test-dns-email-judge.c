/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dns-email-judge"

#include "config.h"

#include <string.h>

#include "cl-error.h"
#include "cl-module-dns-email-private.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The dns_email module's judging, on recorded DNS answers.  A Zone holds
 * the records of a made-up world; fetch() answers the module's wanted
 * queries from it round after round, as the live fetch does, so that
 * what the module asks for is tested along with what it concludes. */

typedef struct
{
  GHashTable *answers;   /* "TYPE/name" → ClDnsAnswer */
  GHashTable *names;     /* names that exist (NOERROR for other types) */
  GHashTable *failing;   /* "TYPE/name" that time out */
  guint       n_asked;
} Zone;

static Zone *
zone_new (void)
{
  Zone *zone = g_new0 (Zone, 1);

  zone->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  zone->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  zone->failing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return zone;
}

static void
zone_free (Zone *zone)
{
  g_hash_table_unref (zone->answers);
  g_hash_table_unref (zone->names);
  g_hash_table_unref (zone->failing);
  g_free (zone);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Zone, zone_free)

static ClDnsAnswer *
zone_answer (Zone       *zone,
             const char *name,
             guint16     rrtype)
{
  char *key = g_strdup_printf ("%u/%s", rrtype, name);
  ClDnsAnswer *answer = g_hash_table_lookup (zone->answers, key);

  if (answer == NULL)
    {
      answer = cl_dns_answer_new (name, rrtype, CL_DNS_RCODE_NOERROR, FALSE, FALSE, NULL);
      g_hash_table_insert (zone->answers, key, answer);
      g_hash_table_add (zone->names, g_strdup (name));
    }
  else
    {
      g_free (key);
    }

  return answer;
}

static void
add_rdata (Zone       *zone,
           const char *name,
           guint16     rrtype,
           GByteArray *rdata)
{
  cl_dns_answer_add_rdata (zone_answer (zone, name, rrtype), rdata->data, rdata->len);
  g_byte_array_unref (rdata);
}

static void
append_name (GByteArray *out,
             const char *name)
{
  g_auto(GStrv) labels = g_strsplit (name, ".", -1);
  guint8 zero = 0;

  for (guint i = 0; labels[i] != NULL; i++)
    {
      guint8 len = strlen (labels[i]);

      if (len == 0)
        continue;
      g_byte_array_append (out, &len, 1);
      g_byte_array_append (out, (const guint8 *)labels[i], len);
    }
  g_byte_array_append (out, &zero, 1);
}

static void
txt (Zone       *zone,
     const char *name,
     const char *text)
{
  GByteArray *rdata = g_byte_array_new ();
  gsize len = strlen (text);

  /* character-strings of at most 255 octets (RFC 1035 §3.3.14) */
  for (gsize off = 0; off < len || off == 0; off += 255)
    {
      guint8 n = MIN (255, len - off);

      g_byte_array_append (rdata, &n, 1);
      g_byte_array_append (rdata, (const guint8 *)text + off, n);
      if (len == 0)
        break;
    }

  add_rdata (zone, name, CL_DNS_TYPE_TXT, rdata);
}

static void
addr (Zone       *zone,
      const char *name,
      const char *address)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  GByteArray *rdata = g_byte_array_new ();

  g_byte_array_append (rdata, g_inet_address_to_bytes (inet), g_inet_address_get_native_size (inet));
  add_rdata (zone, name,
             g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV4 ? CL_DNS_TYPE_A : CL_DNS_TYPE_AAAA,
             rdata);
}

static void
mx (Zone       *zone,
    const char *name,
    guint16     preference,
    const char *exchange)
{
  GByteArray *rdata = g_byte_array_new ();
  guint8 pref[2] = { preference >> 8, preference & 0xff };

  g_byte_array_append (rdata, pref, 2);
  append_name (rdata, exchange);
  add_rdata (zone, name, CL_DNS_TYPE_MX, rdata);
}

static void
cname (Zone       *zone,
       const char *name,
       const char *target)
{
  GByteArray *rdata = g_byte_array_new ();

  append_name (rdata, target);
  add_rdata (zone, name, CL_DNS_TYPE_CNAME, rdata);
}

static void
caa (Zone       *zone,
     const char *name,
     const char *tag,
     const char *value)
{
  GByteArray *rdata = g_byte_array_new ();
  guint8 head[2] = { 0, strlen (tag) };

  g_byte_array_append (rdata, head, 2);
  g_byte_array_append (rdata, (const guint8 *)tag, strlen (tag));
  g_byte_array_append (rdata, (const guint8 *)value, strlen (value));
  add_rdata (zone, name, CL_DNS_TYPE_CAA, rdata);
}

static void
zone_apex (Zone       *zone,
           const char *domain)
{
  GByteArray *ns = g_byte_array_new ();
  GByteArray *soa = g_byte_array_new ();
  const guint8 numbers[20] = { 0, 0, 0, 1, 0, 0, 0x0e, 0x10, 0, 0, 0x07, 0x08,
                               0, 0x09, 0x3a, 0x80, 0, 0, 0x0e, 0x10 };

  append_name (ns, "ns1.example");
  add_rdata (zone, domain, CL_DNS_TYPE_NS, ns);
  append_name (soa, "ns1.example");
  append_name (soa, "hostmaster.example");
  g_byte_array_append (soa, numbers, sizeof numbers);
  add_rdata (zone, domain, CL_DNS_TYPE_SOA, soa);
}

static void
failing (Zone       *zone,
         const char *name,
         guint16     rrtype)
{
  g_hash_table_add (zone->failing, g_strdup_printf ("%u/%s", rrtype, name));
}

/* A careful domain: the world's good.example. */
static Zone *
good_zone (const char *domain)
{
  Zone *zone = zone_new ();
  g_autofree char *dmarc = g_strdup_printf ("_dmarc.%s", domain);
  g_autofree char *dkim = g_strdup_printf ("default._domainkey.%s", domain);
  g_autofree char *mail = g_strdup_printf ("mail.%s", domain);
  g_autofree char *rua = g_strdup_printf ("v=DMARC1; p=reject; rua=mailto:dmarc@%s", domain);

  zone_apex (zone, domain);
  txt (zone, domain, "v=spf1 mx -all");
  txt (zone, domain, "google-site-verification=abc");
  txt (zone, dmarc, rua);
  txt (zone, dkim, "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
  caa (zone, domain, "issue", "ca.example");
  mx (zone, domain, 10, mail);
  addr (zone, mail, "192.0.2.25");
  addr (zone, domain, "192.0.2.80");

  return zone;
}

/* Answers the wanted queries from @zone until the facts are complete. */
static ClDnsEmailFacts *
fetch (Zone       *zone,
       const char *domain)
{
  ClDnsEmailFacts *facts = cl_dns_email_facts_new (domain);

  for (guint round = 0; ; round++)
    {
      g_autoptr(GPtrArray) wanted = cl_dns_email_facts_wanted (facts);

      if (wanted->len == 0)
        break;
      g_assert_cmpuint (round, <, 40);

      for (guint i = 0; i < wanted->len; i++)
        {
          const ClDnsEmailQuery *query = g_ptr_array_index (wanted, i);
          g_autofree char *key = g_strdup_printf ("%u/%s", query->rrtype, query->name);
          ClDnsAnswer *answer = g_hash_table_lookup (zone->answers, key);

          zone->n_asked++;
          if (g_hash_table_contains (zone->failing, key))
            cl_dns_email_facts_set_failed (facts, query->name, query->rrtype, "timed out");
          else if (answer != NULL)
            cl_dns_email_facts_set_answer (facts, query->name, query->rrtype, answer);
          else
            {
              gboolean exists = g_hash_table_contains (zone->names, query->name);
              g_autoptr(ClDnsAnswer) empty =
                cl_dns_answer_new (query->name, query->rrtype,
                                   exists ? CL_DNS_RCODE_NOERROR : CL_DNS_RCODE_NXDOMAIN,
                                   FALSE, FALSE, NULL);
              cl_dns_email_facts_set_answer (facts, query->name, query->rrtype, empty);
            }
        }
    }

  return facts;
}

static ClModuleResult *
judge (Zone       *zone,
       const char *domain)
{
  g_autoptr(ClDnsEmailFacts) facts = fetch (zone, domain);
  ClModuleResult *result = cl_module_result_new ("dns_email");

  cl_dns_email_judge (facts, result);

  return result;
}

/* Asserts that @result has exactly the rules of @expected (a
 * space-separated, sorted list). */
static void
assert_rules (ClModuleResult *result,
              const char     *expected)
{
  g_autofree char *ids = cl_test_rule_ids (result);

  g_assert_cmpstr (ids, ==, expected);
}

static void
assert_finding (ClModuleResult *result,
                const char     *rule_id,
                ClSeverity      severity,
                const char     *evidence_part)
{
  ClFinding *finding = cl_test_find (result, rule_id);

  if (finding == NULL)
    {
      g_autofree char *ids = cl_test_rule_ids (result);
      g_error ("no %s among: %s", rule_id, ids);
    }

  g_assert_cmpstr (cl_severity_to_string (cl_finding_get_severity (finding)), ==,
                   cl_severity_to_string (severity));
  if (evidence_part != NULL && strstr (cl_finding_get_evidence (finding), evidence_part) == NULL)
    g_error ("%s: evidence “%s” lacks “%s”", rule_id, cl_finding_get_evidence (finding), evidence_part);
  g_assert_nonnull (cl_finding_get_finding (finding));
  g_assert_nonnull (cl_finding_get_remediation (finding));
}

static void
test_good (void)
{
  g_autoptr(Zone) zone = good_zone ("good.example");
  g_autoptr(ClModuleResult) result = judge (zone, "good.example");

  assert_rules (result, "dns_email.dkim_found");
  assert_finding (result, "dns_email.dkim_found", CL_SEVERITY_INFO, "default._domainkey.good.example");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 0);
}

static void
test_bad (void)
{
  g_autoptr(Zone) zone = zone_new ();
  g_autoptr(ClModuleResult) result = NULL;

  zone_apex (zone, "bad.example");
  txt (zone, "bad.example", "v=spf1 +all");
  mx (zone, "bad.example", 10, "mail.nowhere.example");

  result = judge (zone, "bad.example");
  assert_rules (result, "dns_email.caa_missing dns_email.dkim_not_found dns_email.dmarc_missing "
                        "dns_email.mx_unresolvable dns_email.spf_pass_all");
  assert_finding (result, "dns_email.spf_pass_all", CL_SEVERITY_CRITICAL, "\"v=spf1 +all\"");
  assert_finding (result, "dns_email.dmarc_missing", CL_SEVERITY_CRITICAL, "_dmarc.bad.example");
  assert_finding (result, "dns_email.caa_missing", CL_SEVERITY_LOW, "bad.example, example");
  assert_finding (result, "dns_email.mx_unresolvable", CL_SEVERITY_MEDIUM, "mail.nowhere.example (NXDOMAIN)");
  assert_finding (result, "dns_email.dkim_not_found", CL_SEVERITY_INFO, NULL);
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 0);
}

static void
test_fair (void)
{
  g_autoptr(Zone) zone = zone_new ();
  g_autoptr(ClModuleResult) result = NULL;
  guint score;

  zone_apex (zone, "fair.example");
  txt (zone, "fair.example", "v=spf1 mx ~all");
  txt (zone, "_dmarc.fair.example", "v=DMARC1; p=none");
  mx (zone, "fair.example", 10, "mail.fair.example");
  addr (zone, "mail.fair.example", "2001:db8::25");

  result = judge (zone, "fair.example");
  assert_rules (result, "dns_email.caa_missing dns_email.dkim_not_found dns_email.dmarc_no_rua "
                        "dns_email.dmarc_policy_none dns_email.spf_softfail_all");
  assert_finding (result, "dns_email.spf_softfail_all", CL_SEVERITY_LOW, "\"v=spf1 mx ~all\"");
  assert_finding (result, "dns_email.dmarc_policy_none", CL_SEVERITY_MEDIUM, "\"v=DMARC1; p=none\"");
  assert_finding (result, "dns_email.dmarc_no_rua", CL_SEVERITY_LOW, NULL);

  score = cl_scoring_module_score (cl_module_result_get_findings (result));
  g_assert_cmpuint (score, ==, 100 - 4 - 10 - 4 - 4);
}

static void
test_mailonly (void)
{
  g_autoptr(Zone) zone = zone_new ();
  g_autoptr(ClModuleResult) result = NULL;

  zone_apex (zone, "mailonly.example");
  txt (zone, "mailonly.example", "v=spf1 mx -all");
  txt (zone, "_dmarc.mailonly.example", "v=DMARC1; p=reject; rua=mailto:d@mailonly.example");
  caa (zone, "example", "issue", "ca.example");
  mx (zone, "mailonly.example", 10, "mx.mailonly.example");
  addr (zone, "mx.mailonly.example", "192.0.2.26");

  result = judge (zone, "mailonly.example");
  /* the CAA record of the parent applies (RFC 8659 §3) */
  assert_rules (result, "dns_email.dkim_not_found");
}

static void
test_spf_missing_and_multiple (void)
{
  g_autoptr(Zone) none = good_zone ("a.example");
  g_autoptr(Zone) two = good_zone ("a.example");
  g_autoptr(Zone) syntax = good_zone ("a.example");
  g_autoptr(ClModuleResult) result = NULL;

  g_hash_table_remove (none->answers, "16/a.example");
  txt (none, "a.example", "v=spf10 -all");
  txt (none, "a.example", "spf1 -all");
  result = judge (none, "a.example");
  assert_finding (result, "dns_email.spf_missing", CL_SEVERITY_CRITICAL, "2 TXT records");
  g_assert_null (cl_test_find (result, "dns_email.spf_no_all"));
  g_clear_object (&result);

  txt (two, "a.example", "v=spf1 a -all");
  result = judge (two, "a.example");
  assert_rules (result, "dns_email.dkim_found dns_email.spf_multiple");
  assert_finding (result, "dns_email.spf_multiple", CL_SEVERITY_HIGH, "\"v=spf1 a -all\"");
  g_clear_object (&result);

  g_hash_table_remove (syntax->answers, "16/a.example");
  txt (syntax, "a.example", "v=spf1 mx ip4:192.0.2.300 -all");
  result = judge (syntax, "a.example");
  assert_rules (result, "dns_email.dkim_found dns_email.spf_syntax");
  assert_finding (result, "dns_email.spf_syntax", CL_SEVERITY_HIGH, "ip4:192.0.2.300");
}

static void
test_spf_all (void)
{
  const struct {
    const char *record;
    const char *rule_id;    /* NULL: none */
    ClSeverity  severity;
  } cases[] = {
    { "v=spf1 mx -all",                      NULL,                         0 },
    { "v=spf1 mx ~all",                      "dns_email.spf_softfail_all", CL_SEVERITY_LOW },
    { "v=spf1 mx ?all",                      "dns_email.spf_neutral_all",  CL_SEVERITY_HIGH },
    { "v=spf1 mx +all",                      "dns_email.spf_pass_all",     CL_SEVERITY_CRITICAL },
    { "v=spf1 mx all",                       "dns_email.spf_pass_all",     CL_SEVERITY_CRITICAL },
    { "v=spf1 mx",                           "dns_email.spf_no_all",       CL_SEVERITY_HIGH },
    { "v=spf1",                              "dns_email.spf_no_all",       CL_SEVERITY_HIGH },
    /* the first "all" ends evaluation */
    { "v=spf1 -all +all",                    NULL,                         0 },
    /* a redirect carries the target's "all" */
    { "v=spf1 redirect=strict.example",      NULL,                         0 },
    { "v=spf1 redirect=lax.example",         "dns_email.spf_neutral_all",  CL_SEVERITY_HIGH },
    { "v=spf1 redirect=chain.example",       "dns_email.spf_no_all",       CL_SEVERITY_HIGH },
    /* a macro redirect cannot be followed: no verdict on "all" */
    { "v=spf1 redirect=%{d}.example",        NULL,                         0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Zone) zone = good_zone ("a.example");
      g_autoptr(ClModuleResult) result = NULL;
      const char *all_rules[] = {
        "dns_email.spf_softfail_all", "dns_email.spf_neutral_all",
        "dns_email.spf_pass_all", "dns_email.spf_no_all",
      };

      g_hash_table_remove (zone->answers, "16/a.example");
      txt (zone, "a.example", cases[i].record);
      txt (zone, "strict.example", "v=spf1 ip4:192.0.2.0/24 -all");
      txt (zone, "lax.example", "v=spf1 ip4:192.0.2.0/24 ?all");
      txt (zone, "chain.example", "v=spf1 redirect=end.example");
      txt (zone, "end.example", "v=spf1 ip4:192.0.2.1");

      result = judge (zone, "a.example");
      for (guint j = 0; j < G_N_ELEMENTS (all_rules); j++)
        {
          if (g_strcmp0 (all_rules[j], cases[i].rule_id) != 0 && cl_test_find (result, all_rules[j]) != NULL)
            g_error ("“%s” should not give %s", cases[i].record, all_rules[j]);
        }
      if (cases[i].rule_id != NULL)
        assert_finding (result, cases[i].rule_id, cases[i].severity, cases[i].record);
      g_assert_null (cl_test_find (result, "dns_email.spf_include_invalid"));
    }
}

/* A record with @n DNS-querying terms, all of them resolving, spread over
 * an include and a redirect. */
static Zone *
lookups_zone (guint n)
{
  Zone *zone = good_zone ("a.example");
  g_autoptr(GString) top = g_string_new ("v=spf1 include:inc.example");
  g_autoptr(GString) inc = g_string_new ("v=spf1");
  guint left = n - 2;  /* the include and the redirect */

  g_assert_cmpuint (n, >=, 4);
  g_hash_table_remove (zone->answers, "16/a.example");

  for (guint i = 0; i < left; i++)
    {
      g_autofree char *host = g_strdup_printf ("h%u.example", i);

      addr (zone, host, "192.0.2.1");
      g_string_append_printf (i % 2 ? top : inc, " a:%s", host);
    }
  g_string_append (top, " redirect=last.example");
  g_string_append (inc, " -all");

  txt (zone, "a.example", top->str);
  txt (zone, "inc.example", inc->str);
  txt (zone, "last.example", "v=spf1 ip4:192.0.2.0/24 -all");

  return zone;
}

static void
test_spf_lookup_limit (void)
{
  g_autoptr(Zone) ten = lookups_zone (10);
  g_autoptr(Zone) eleven = lookups_zone (11);
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(ClDnsEmailFacts) facts = NULL;
  g_auto(ClDnsEmailSpfWalk) walk = { 0 };

  facts = fetch (ten, "a.example");
  cl_dns_email_spf_walk (facts, &walk);
  g_assert_cmpuint (walk.lookups, ==, 10);
  g_assert_cmpuint (walk.void_lookups, ==, 0);
  g_assert_false (walk.truncated);
  g_assert_cmpuint (walk.missing->len, ==, 0);

  result = judge (ten, "a.example");
  assert_rules (result, "dns_email.dkim_found");
  g_clear_object (&result);

  result = judge (eleven, "a.example");
  assert_rules (result, "dns_email.dkim_found dns_email.spf_too_many_lookups");
  assert_finding (result, "dns_email.spf_too_many_lookups", CL_SEVERITY_HIGH,
                  ": 11 DNS-querying terms");
}

static void
test_spf_void_limit (void)
{
  for (guint n = 2; n <= 3; n++)
    {
      g_autoptr(Zone) zone = good_zone ("a.example");
      g_autoptr(GString) record = g_string_new ("v=spf1 mx");
      g_autoptr(ClModuleResult) result = NULL;
      g_autoptr(ClDnsEmailFacts) facts = NULL;
      g_auto(ClDnsEmailSpfWalk) walk = { 0 };

      /* void: an NXDOMAIN name, a name without A or AAAA, a domain without MX */
      const char *voids[] = { "a:gone.example", "a:noaddr.a.example", "mx:nomx.example" };

      g_hash_table_remove (zone->answers, "16/a.example");
      txt (zone, "noaddr.a.example", "not an address");
      txt (zone, "nomx.example", "nothing");
      addr (zone, "ok.example", "192.0.2.9");
      g_string_append (record, " a:ok.example");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (record, " %s", voids[i]);
      g_string_append (record, " -all");
      txt (zone, "a.example", record->str);

      facts = fetch (zone, "a.example");
      cl_dns_email_spf_walk (facts, &walk);
      g_assert_cmpuint (walk.void_lookups, ==, n);

      result = judge (zone, "a.example");
      if (n == 2)
        assert_rules (result, "dns_email.dkim_found");
      else
        {
          assert_rules (result, "dns_email.dkim_found dns_email.spf_too_many_void_lookups");
          assert_finding (result, "dns_email.spf_too_many_void_lookups", CL_SEVERITY_MEDIUM, "3 void lookups");
        }
    }
}

static void
test_spf_include_problems (void)
{
  g_autoptr(Zone) loop = good_zone ("a.example");
  g_autoptr(Zone) missing = good_zone ("a.example");
  g_autoptr(Zone) deep = good_zone ("a.example");
  g_autoptr(Zone) wide = good_zone ("a.example");
  g_autoptr(ClModuleResult) result = NULL;

  /* a → b → c → b */
  g_hash_table_remove (loop->answers, "16/a.example");
  txt (loop, "a.example", "v=spf1 include:b.example -all");
  txt (loop, "b.example", "v=spf1 include:c.example -all");
  txt (loop, "c.example", "v=spf1 ip4:192.0.2.1 include:b.example -all");
  result = judge (loop, "a.example");
  assert_rules (result, "dns_email.dkim_found dns_email.spf_include_invalid");
  assert_finding (result, "dns_email.spf_include_invalid", CL_SEVERITY_HIGH,
                  "include:b.example loops: a.example → b.example → c.example → b.example");
  g_clear_object (&result);

  /* includes of a name without SPF, of a name with two, of a broken one */
  g_hash_table_remove (missing->answers, "16/a.example");
  txt (missing, "a.example", "v=spf1 include:nospf.example include:two.example include:broken.example -all");
  txt (missing, "nospf.example", "hello");
  txt (missing, "two.example", "v=spf1 -all");
  txt (missing, "two.example", "v=spf1 ~all");
  txt (missing, "broken.example", "v=spf1 ip4:1.2.3.999 -all");
  result = judge (missing, "a.example");
  assert_finding (result, "dns_email.spf_include_invalid", CL_SEVERITY_HIGH, "include:nospf.example has no SPF record");
  assert_finding (result, "dns_email.spf_include_invalid", CL_SEVERITY_HIGH, "include:two.example has 2 SPF records");
  assert_finding (result, "dns_email.spf_include_invalid", CL_SEVERITY_HIGH, "include:broken.example: ");
  g_clear_object (&result);

  /* a chain of 30 includes: the walk stops, the verdict stands, and
   * the module asked a bounded number of queries */
  g_hash_table_remove (deep->answers, "16/a.example");
  txt (deep, "a.example", "v=spf1 include:i0.example -all");
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("i%u.example", i);
      g_autofree char *record = g_strdup_printf ("v=spf1 include:i%u.example -all", i + 1);
      txt (deep, name, record);
    }
  result = judge (deep, "a.example");
  assert_rules (result, "dns_email.dkim_found dns_email.spf_too_many_lookups");
  assert_finding (result, "dns_email.spf_too_many_lookups", CL_SEVERITY_HIGH, "at least 11 DNS-querying terms");
  g_assert_cmpuint (deep->n_asked, <, 60);
  g_clear_object (&result);

  /* a wide tree, each record including 10 others */
  g_hash_table_remove (wide->answers, "16/a.example");
  for (guint level = 0; level < 3; level++)
    for (guint i = 0; i < (level == 0 ? 1 : 10); i++)
      {
        g_autofree char *name = level == 0 ? g_strdup ("a.example") : g_strdup_printf ("w%u-%u.example", level, i);
        g_autoptr(GString) record = g_string_new ("v=spf1");

        for (guint j = 0; j < 10; j++)
          g_string_append_printf (record, " include:w%u-%u.example", level + 1, j);
        g_string_append (record, " -all");
        txt (wide, name, record->str);
      }
  result = judge (wide, "a.example");
  assert_finding (result, "dns_email.spf_too_many_lookups", CL_SEVERITY_HIGH, "at least 21 DNS-querying terms");
  g_assert_cmpuint (wide->n_asked, <, CL_DNS_EMAIL_MAX_QUERIES);
}

static void
test_spf_macros_and_ptr (void)
{
  g_autoptr(Zone) zone = good_zone ("a.example");
  g_autoptr(ClModuleResult) result = NULL;

  g_hash_table_remove (zone->answers, "16/a.example");
  txt (zone, "a.example", "v=spf1 exists:%{i}._spf.a.example include:%{d}.example ptr -all");
  result = judge (zone, "a.example");
  assert_rules (result, "dns_email.dkim_found dns_email.spf_ptr");
  assert_finding (result, "dns_email.spf_ptr", CL_SEVERITY_LOW, "ptr -all");
}

static void
test_dmarc (void)
{
  const struct {
    const char *record;    /* NULL: none */
    const char *rules;     /* beside dkim_found */
  } cases[] = {
    { "v=DMARC1; p=reject; rua=mailto:d@a.example",            "" },
    { "v=DMARC1; p=quarantine; rua=mailto:d@a.example",        "" },
    { NULL,                                                    " dns_email.dmarc_missing" },
    { "v=DMARC1; p=none; rua=mailto:d@a.example",              " dns_email.dmarc_policy_none" },
    { "v=DMARC1; p=none",                                      " dns_email.dmarc_no_rua dns_email.dmarc_policy_none" },
    { "v=DMARC1; p=reject; pct=50; rua=mailto:d@a.example",    " dns_email.dmarc_partial_pct" },
    { "v=DMARC1; p=reject; pct=99",                            " dns_email.dmarc_no_rua dns_email.dmarc_partial_pct" },
    { "v=DMARC1; p=reject; pct=100; rua=mailto:d@a.example",   "" },
    { "v=DMARC1; p=bogus; rua=mailto:d@a.example",             " dns_email.dmarc_invalid" },
    { "v=DMARC1; rua=mailto:d@a.example",                      " dns_email.dmarc_invalid" },
    { "v=dmarc1; p=reject",                                    " dns_email.dmarc_invalid" },
    /* meant as DMARC, but receivers discard it */
    { "v=DMARC1 p=reject",                                     " dns_email.dmarc_invalid" },
    { "p=reject; v=DMARC1",                                    " dns_email.dmarc_invalid" },
    { "some-other-verification=1",                             " dns_email.dmarc_missing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Zone) zone = good_zone ("a.example");
      g_autoptr(ClModuleResult) result = NULL;
      g_autofree char *expected = g_strdup_printf ("dns_email.dkim_found%s", cases[i].rules);
      g_autofree char *ids = NULL;

      g_hash_table_remove (zone->answers, "16/_dmarc.a.example");
      if (cases[i].record != NULL)
        txt (zone, "_dmarc.a.example", cases[i].record);
      result = judge (zone, "a.example");
      ids = cl_test_rule_ids (result);
      if (!g_str_equal (ids, expected))
        g_error ("“%s”: got %s, expected %s", cases[i].record, ids, expected);
    }
}

static void
test_dmarc_severities (void)
{
  g_autoptr(Zone) zone = good_zone ("a.example");
  g_autoptr(ClModuleResult) result = NULL;

  g_hash_table_remove (zone->answers, "16/_dmarc.a.example");
  txt (zone, "_dmarc.a.example", "v=DMARC1; p=reject; pct=50");
  result = judge (zone, "a.example");
  assert_finding (result, "dns_email.dmarc_partial_pct", CL_SEVERITY_LOW, "pct=50");
  assert_finding (result, "dns_email.dmarc_no_rua", CL_SEVERITY_LOW, "_dmarc.a.example");
  g_clear_object (&result);

  txt (zone, "_dmarc.a.example", "v=DMARC1; p=none");
  result = judge (zone, "a.example");
  assert_finding (result, "dns_email.dmarc_invalid", CL_SEVERITY_HIGH, "2 DMARC records");
}

static void
test_dmarc_organizational_domain (void)
{
  g_autoptr(Zone) zone = good_zone ("www.a.example");
  g_autoptr(Zone) lax = good_zone ("www.a.example");
  g_autoptr(Zone) two_labels = good_zone ("a.example");
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(ClDnsEmailFacts) facts = NULL;

  /* the subdomain has no record; the organizational domain's applies */
  g_hash_table_remove (zone->answers, "16/_dmarc.www.a.example");
  txt (zone, "_dmarc.a.example", "v=DMARC1; p=reject; rua=mailto:d@a.example");
  result = judge (zone, "www.a.example");
  assert_rules (result, "dns_email.dkim_found");
  g_clear_object (&result);

  /* …through its sp tag */
  g_hash_table_remove (lax->answers, "16/_dmarc.www.a.example");
  txt (lax, "_dmarc.a.example", "v=DMARC1; p=reject; sp=none; rua=mailto:d@a.example");
  result = judge (lax, "www.a.example");
  assert_rules (result, "dns_email.dkim_found dns_email.dmarc_policy_none");
  assert_finding (result, "dns_email.dmarc_policy_none", CL_SEVERITY_MEDIUM, "_dmarc.a.example");
  g_clear_object (&result);

  /* a two-label name has no parent to fall back to */
  g_hash_table_remove (two_labels->answers, "16/_dmarc.a.example");
  txt (two_labels, "_dmarc.example", "v=DMARC1; p=reject; rua=mailto:d@a.example");
  result = judge (two_labels, "a.example");
  assert_finding (result, "dns_email.dmarc_missing", CL_SEVERITY_CRITICAL, NULL);
  facts = fetch (two_labels, "a.example");
  g_assert_null (cl_dns_email_facts_lookup (facts, "_dmarc.example", CL_DNS_TYPE_TXT));
}

static void
test_dkim (void)
{
  g_autoptr(Zone) none = good_zone ("a.example");
  g_autoptr(Zone) several = good_zone ("a.example");
  g_autoptr(ClModuleResult) result = NULL;

  g_hash_table_remove (none->answers, "16/default._domainkey.a.example");
  txt (none, "google._domainkey.a.example", "not a key");
  result = judge (none, "a.example");
  assert_rules (result, "dns_email.dkim_not_found");
  assert_finding (result, "dns_email.dkim_not_found", CL_SEVERITY_INFO, "selector1");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
  g_clear_object (&result);

  txt (several, "selector1._domainkey.a.example", "v=DKIM1; p=");
  txt (several, "s2._domainkey.a.example", "k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
  result = judge (several, "a.example");
  assert_finding (result, "dns_email.dkim_found", CL_SEVERITY_INFO,
                  "default._domainkey.a.example, selector1._domainkey.a.example (revoked");
  assert_finding (result, "dns_email.dkim_found", CL_SEVERITY_INFO, "s2._domainkey.a.example");
}

static void
test_caa (void)
{
  g_autoptr(Zone) parent = good_zone ("www.a.example");
  g_autoptr(Zone) none = good_zone ("www.a.example");
  g_autoptr(ClModuleResult) result = NULL;

  g_hash_table_remove (parent->answers, "257/www.a.example");
  caa (parent, "a.example", "issue", "ca.example");
  result = judge (parent, "www.a.example");
  assert_rules (result, "dns_email.dkim_found");
  g_clear_object (&result);

  g_hash_table_remove (none->answers, "257/www.a.example");
  result = judge (none, "www.a.example");
  assert_rules (result, "dns_email.caa_missing dns_email.dkim_found");
  assert_finding (result, "dns_email.caa_missing", CL_SEVERITY_LOW, "www.a.example, a.example, example");
}

static void
test_mx (void)
{
  g_autoptr(Zone) null_mx = good_zone ("a.example");
  g_autoptr(Zone) no_mx_reject = good_zone ("a.example");
  g_autoptr(Zone) no_mx = good_zone ("a.example");
  g_autoptr(Zone) odd = good_zone ("a.example");
  g_autoptr(Zone) mixed = good_zone ("a.example");
  g_autoptr(ClModuleResult) result = NULL;

  /* RFC 7505 */
  g_hash_table_remove (null_mx->answers, "15/a.example");
  g_hash_table_remove (null_mx->answers, "16/a.example");
  txt (null_mx, "a.example", "v=spf1 -all");
  mx (null_mx, "a.example", 0, ".");
  result = judge (null_mx, "a.example");
  assert_rules (result, "dns_email.dkim_found dns_email.no_mail");
  assert_finding (result, "dns_email.no_mail", CL_SEVERITY_INFO, "0 . (null MX)");
  g_clear_object (&result);

  g_hash_table_remove (no_mx_reject->answers, "15/a.example");
  g_hash_table_remove (no_mx_reject->answers, "16/a.example");
  txt (no_mx_reject, "a.example", "v=spf1 -all");
  result = judge (no_mx_reject, "a.example");
  assert_rules (result, "dns_email.dkim_found dns_email.no_mail");
  assert_finding (result, "dns_email.no_mail", CL_SEVERITY_INFO, "\"v=spf1 -all\"");
  g_clear_object (&result);

  g_hash_table_remove (no_mx->answers, "15/a.example");
  result = judge (no_mx, "a.example");
  /* "v=spf1 mx -all" then finds no MX either: one void lookup, allowed */
  assert_rules (result, "dns_email.dkim_found dns_email.mx_missing");
  assert_finding (result, "dns_email.mx_missing", CL_SEVERITY_LOW, "MX a.example: none");
  g_clear_object (&result);

  g_hash_table_remove (odd->answers, "15/a.example");
  mx (odd, "a.example", 10, "192.0.2.25");
  mx (odd, "a.example", 20, "alias.a.example");
  mx (odd, "a.example", 30, "mail.a.example");
  mx (odd, "a.example", 40, "v6only.a.example");
  mx (odd, "a.example", 50, "noaddr.a.example");
  cname (odd, "alias.a.example", "mail.a.example");
  addr (odd, "alias.a.example", "192.0.2.25");
  addr (odd, "v6only.a.example", "2001:db8::25");
  txt (odd, "noaddr.a.example", "nothing here");
  result = judge (odd, "a.example");
  assert_rules (result, "dns_email.dkim_found dns_email.mx_cname dns_email.mx_ip_literal dns_email.mx_unresolvable");
  assert_finding (result, "dns_email.mx_ip_literal", CL_SEVERITY_LOW, "10 192.0.2.25");
  assert_finding (result, "dns_email.mx_cname", CL_SEVERITY_LOW, "alias.a.example → mail.a.example");
  assert_finding (result, "dns_email.mx_unresolvable", CL_SEVERITY_MEDIUM, "noaddr.a.example");
  g_assert_null (strstr (cl_finding_get_evidence (cl_test_find (result, "dns_email.mx_unresolvable")), "v6only"));
  g_clear_object (&result);

  mx (mixed, "a.example", 0, ".");
  result = judge (mixed, "a.example");
  assert_rules (result, "dns_email.dkim_found dns_email.mx_null_mixed");
  assert_finding (result, "dns_email.mx_null_mixed", CL_SEVERITY_LOW, NULL);
}

static void
test_incomplete (void)
{
  g_autoptr(Zone) zone = good_zone ("a.example");
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(ClDnsEmailFacts) facts = NULL;
  g_autoptr(GError) error = NULL;

  /* what could not be fetched is skipped and said, never guessed */
  failing (zone, "_dmarc.a.example", CL_DNS_TYPE_TXT);
  failing (zone, "mail.a.example", CL_DNS_TYPE_A);
  failing (zone, "a.example", CL_DNS_TYPE_CAA);
  result = judge (zone, "a.example");
  assert_rules (result, "dns_email.dkim_found dns_email.lookups_incomplete");
  assert_finding (result, "dns_email.lookups_incomplete", CL_SEVERITY_INFO,
                  "A mail.a.example: timed out; TXT _dmarc.a.example: timed out; CAA a.example: timed out");
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (cl_module_result_get_caveats (result), 0), "3 DNS lookups"));

  /* a pending query (the deadline came first) is reported the same way */
  facts = cl_dns_email_facts_new ("a.example");
  cl_dns_email_facts_set_pending (facts, "a.example", CL_DNS_TYPE_SOA);
  cl_dns_email_facts_set_failed (facts, "a.example", CL_DNS_TYPE_NS, "connection refused");
  g_assert_false (cl_dns_email_facts_reachable (facts, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "no answer in time"));
}

static void
test_reachable (void)
{
  g_autoptr(Zone) good = good_zone ("a.example");
  g_autoptr(Zone) servfail = good_zone ("a.example");
  g_autoptr(Zone) nothing = zone_new ();
  g_autoptr(ClDnsEmailFacts) facts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDnsAnswer) soa = cl_dns_answer_new ("a.example", CL_DNS_TYPE_SOA, CL_DNS_RCODE_SERVFAIL, FALSE, TRUE, "bogus");
  g_autoptr(ClDnsAnswer) ns = cl_dns_answer_new ("a.example", CL_DNS_TYPE_NS, CL_DNS_RCODE_SERVFAIL, FALSE, TRUE, "bogus");

  facts = fetch (good, "a.example");
  g_assert_true (cl_dns_email_facts_reachable (facts, &error));
  g_assert_no_error (error);
  g_clear_pointer (&facts, cl_dns_email_facts_free);

  facts = fetch (nothing, "nx.example");
  g_assert_false (cl_dns_email_facts_reachable (facts, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&facts, cl_dns_email_facts_free);

  g_hash_table_insert (servfail->answers, g_strdup ("6/a.example"), g_object_ref (soa));
  g_hash_table_insert (servfail->answers, g_strdup ("2/a.example"), g_object_ref (ns));
  facts = fetch (servfail, "a.example");
  g_assert_false (cl_dns_email_facts_reachable (facts, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "DNSSEC validation failed (bogus)"));
}

static void
test_wanted (void)
{
  g_autoptr(ClDnsEmailFacts) facts = cl_dns_email_facts_new ("Www.A.Example.");
  g_autoptr(GPtrArray) wanted = cl_dns_email_facts_wanted (facts);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < wanted->len; i++)
    {
      const ClDnsEmailQuery *query = g_ptr_array_index (wanted, i);
      g_hash_table_add (names, g_strdup_printf ("%s %s", query->rrtype == CL_DNS_TYPE_TXT ? "TXT" :
                                                         query->rrtype == CL_DNS_TYPE_CAA ? "CAA" :
                                                         query->rrtype == CL_DNS_TYPE_MX ? "MX" :
                                                         query->rrtype == CL_DNS_TYPE_SOA ? "SOA" :
                                                         query->rrtype == CL_DNS_TYPE_NS ? "NS" : "?",
                                                query->name));
    }

  /* the first round: everything that does not depend on an answer */
  g_assert_true (g_hash_table_contains (names, "SOA www.a.example"));
  g_assert_true (g_hash_table_contains (names, "NS www.a.example"));
  g_assert_true (g_hash_table_contains (names, "TXT www.a.example"));
  g_assert_true (g_hash_table_contains (names, "TXT _dmarc.www.a.example"));
  g_assert_true (g_hash_table_contains (names, "MX www.a.example"));
  g_assert_true (g_hash_table_contains (names, "TXT default._domainkey.www.a.example"));
  g_assert_true (g_hash_table_contains (names, "TXT smtp._domainkey.www.a.example"));
  g_assert_true (g_hash_table_contains (names, "CAA www.a.example"));
  g_assert_true (g_hash_table_contains (names, "CAA a.example"));
  g_assert_true (g_hash_table_contains (names, "CAA example"));
  g_assert_false (g_hash_table_contains (names, "TXT _dmarc.a.example"));
  g_assert_cmpuint (wanted->len, ==, 5 + 10 + 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/dns-email/good", test_good);
  g_test_add_func ("/dns-email/bad", test_bad);
  g_test_add_func ("/dns-email/fair", test_fair);
  g_test_add_func ("/dns-email/mailonly", test_mailonly);
  g_test_add_func ("/dns-email/spf/missing-multiple-syntax", test_spf_missing_and_multiple);
  g_test_add_func ("/dns-email/spf/all", test_spf_all);
  g_test_add_func ("/dns-email/spf/lookup-limit", test_spf_lookup_limit);
  g_test_add_func ("/dns-email/spf/void-limit", test_spf_void_limit);
  g_test_add_func ("/dns-email/spf/include-problems", test_spf_include_problems);
  g_test_add_func ("/dns-email/spf/macros-ptr", test_spf_macros_and_ptr);
  g_test_add_func ("/dns-email/dmarc/policies", test_dmarc);
  g_test_add_func ("/dns-email/dmarc/severities", test_dmarc_severities);
  g_test_add_func ("/dns-email/dmarc/organizational-domain", test_dmarc_organizational_domain);
  g_test_add_func ("/dns-email/dkim", test_dkim);
  g_test_add_func ("/dns-email/caa", test_caa);
  g_test_add_func ("/dns-email/mx", test_mx);
  g_test_add_func ("/dns-email/incomplete", test_incomplete);
  g_test_add_func ("/dns-email/reachable", test_reachable);
  g_test_add_func ("/dns-email/wanted", test_wanted);

  return g_test_run ();
}
