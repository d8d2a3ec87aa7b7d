/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dnsbl"

#include "config.h"

#include <string.h>

#include "cl-dnsbl.h"
#include "cl-error.h"

/* The block lists' data (data/dnsbl.json) and what their answers mean. */

/* An A answer with the addresses given (NULL-terminated). */
static ClDnsAnswer *
a_answer (int rcode,
          ...)
{
  ClDnsAnswer *answer = cl_dns_answer_new ("x.zone.example", CL_DNS_TYPE_A, rcode, FALSE, FALSE, NULL);
  const char *text;
  va_list args;

  va_start (args, rcode);
  while ((text = va_arg (args, const char *)) != NULL)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);

      cl_dns_answer_add_rdata (answer, g_inet_address_to_bytes (address),
                               g_inet_address_get_native_size (address));
    }
  va_end (args);

  return answer;
}

static const ClDnsbl *
find_list (const char *zone)
{
  GPtrArray *lists = cl_dnsbl_get_default ();

  for (guint i = 0; i < lists->len; i++)
    {
      const ClDnsbl *list = g_ptr_array_index (lists, i);

      if (g_str_equal (list->zone, zone))
        return list;
    }
  g_error ("no list %s", zone);
}

static ClDnsblVerdict
judge (const char      *zone,
       ClDnsAnswer     *answer,
       ClDnsblCategory *category,
       char           **detail)
{
  g_autoptr(ClDnsAnswer) owned = answer;

  return cl_dnsbl_judge (find_list (zone), owned, category, detail);
}

static void
test_shipped (void)
{
  GPtrArray *lists = cl_dnsbl_get_default ();
  guint n_ip = 0, n_domain = 0;

  for (guint i = 0; i < lists->len; i++)
    {
      const ClDnsbl *list = g_ptr_array_index (lists, i);

      g_assert_cmpuint (list->codes->len, >, 0);
      if (list->kind == CL_DNSBL_KIND_IP)
        n_ip++;
      else
        n_domain++;
    }
  /* the major lists the brief names */
  g_assert_cmpuint (n_ip, >=, 6);
  g_assert_cmpuint (n_domain, >=, 3);
  g_assert_true (find_list ("zen.spamhaus.org")->ipv6);
  g_assert_false (find_list ("bl.spamcop.net")->ipv6);
  g_assert_cmpint (find_list ("dbl.spamhaus.org")->kind, ==, CL_DNSBL_KIND_DOMAIN);
  g_assert_true (find_list ("multi.surbl.org")->bitmask);
  g_assert_true (cl_dnsbl_get_default () == lists);
}

static void
test_parse_errors (void)
{
  const char *bad[] = {
    "",
    "[]",
    "{}",
    "{\"lists\": [1]}",
    "{\"lists\": [{\"zone\": \"a.example\", \"name\": \"A\", \"kind\": \"ip\"}]}",
    "{\"lists\": [{\"zone\": \"a.example\", \"name\": \"A\", \"kind\": \"url\", \"codes\": []}]}",
    "{\"lists\": [{\"zone\": \"nodot\", \"name\": \"A\", \"kind\": \"ip\", \"codes\": []}]}",
    "{\"lists\": [{\"zone\": \"a.example.\", \"name\": \"A\", \"kind\": \"ip\", \"codes\": []}]}",
    /* a code outside 127/8, a backwards range, no meaning, a bit on a plain list, two bits */
    "{\"lists\": [{\"zone\": \"a.example\", \"name\": \"A\", \"kind\": \"ip\", \"codes\": [{\"answer\": \"10.0.0.2\", \"meaning\": \"m\"}]}]}",
    "{\"lists\": [{\"zone\": \"a.example\", \"name\": \"A\", \"kind\": \"ip\", \"codes\": [{\"answer\": \"127.0.0.5\", \"to\": \"127.0.0.4\", \"meaning\": \"m\"}]}]}",
    "{\"lists\": [{\"zone\": \"a.example\", \"name\": \"A\", \"kind\": \"ip\", \"codes\": [{\"answer\": \"127.0.0.2\"}]}]}",
    "{\"lists\": [{\"zone\": \"a.example\", \"name\": \"A\", \"kind\": \"ip\", \"codes\": [{\"bit\": 2, \"meaning\": \"m\"}]}]}",
    "{\"lists\": [{\"zone\": \"a.example\", \"name\": \"A\", \"kind\": \"domain\", \"bitmask\": true, \"codes\": [{\"bit\": 6, \"meaning\": \"m\"}]}]}",
    "{\"lists\": [{\"zone\": \"a.example\", \"name\": \"A\", \"kind\": \"domain\", \"codes\": [{\"answer\": \"127.0.0.2\", \"meaning\": \"m\", \"category\": \"bad\"}]}]}",
    /* the same zone twice */
    "{\"lists\": [{\"zone\": \"a.example\", \"name\": \"A\", \"kind\": \"ip\", \"codes\": []},"
    "             {\"zone\": \"A.example\", \"name\": \"B\", \"kind\": \"ip\", \"codes\": []}]}",
  };
  const char *good = "{\"lists\": [{\"zone\": \"A.Example\", \"name\": \"A\", \"kind\": \"domain\", \"bitmask\": true, "
                     "\"codes\": [{\"bit\": 4, \"meaning\": \"four\", \"category\": \"malware\"}, "
                     "{\"answer\": \"127.0.0.1\", \"refused\": true, \"meaning\": \"no\"}]}]}";
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GError) error = NULL;
  const ClDnsbl *list;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) none = cl_dnsbl_parse (bad[i], strlen (bad[i]), &error);

      g_test_message ("%s: %s", bad[i], error != NULL ? error->message : "accepted");
      g_assert_null (none);
      g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
      g_clear_error (&error);
    }

  lists = cl_dnsbl_parse (good, strlen (good), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lists->len, ==, 1);
  list = g_ptr_array_index (lists, 0);
  g_assert_cmpstr (list->zone, ==, "a.example");
  g_assert_false (list->ipv6);
  g_assert_cmpuint (list->codes->len, ==, 2);
  g_assert_cmpuint (g_array_index (list->codes, ClDnsblCode, 0).bit, ==, 4);
  g_assert_cmpint (g_array_index (list->codes, ClDnsblCode, 0).category, ==, CL_DNSBL_CATEGORY_MALWARE);
  g_assert_true (g_array_index (list->codes, ClDnsblCode, 1).refused);
}

static void
test_reverse (void)
{
  const struct { const char *address; const char *reversed; } cases[] = {
    { "127.0.10.3", "3.10.0.127" },
    { "192.0.2.1", "1.2.0.192" },
    { "2001:db8::1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2" },
    { "2001:db8:abcd:12::ff", "f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.1.0.0.d.c.b.a.8.b.d.0.1.0.0.2" },
  };
  g_autoptr(GInetAddress) v4 = g_inet_address_new_from_string ("127.0.10.3");
  g_autoptr(GInetAddress) v6 = g_inet_address_new_from_string ("2001:db8::1");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (cases[i].address);
      g_autofree char *reversed = cl_dnsbl_reverse_address (address);

      g_assert_cmpstr (reversed, ==, cases[i].reversed);
    }

  g_assert_true (cl_dnsbl_accepts_address (find_list ("zen.spamhaus.org"), v4));
  g_assert_true (cl_dnsbl_accepts_address (find_list ("zen.spamhaus.org"), v6));
  g_assert_true (cl_dnsbl_accepts_address (find_list ("bl.spamcop.net"), v4));
  g_assert_false (cl_dnsbl_accepts_address (find_list ("bl.spamcop.net"), v6));
  g_assert_false (cl_dnsbl_accepts_address (find_list ("dbl.spamhaus.org"), v4));
}

static void
test_judge_ip (void)
{
  ClDnsblCategory category;
  char *detail;

  /* not listed: NXDOMAIN, or a name without an address */
  g_assert_cmpint (judge ("zen.spamhaus.org", a_answer (CL_DNS_RCODE_NXDOMAIN, NULL), &category, &detail),
                   ==, CL_DNSBL_NOT_LISTED);
  g_assert_null (detail);
  g_assert_cmpint (judge ("zen.spamhaus.org", a_answer (CL_DNS_RCODE_NOERROR, NULL), &category, &detail),
                   ==, CL_DNSBL_NOT_LISTED);

  /* the sub-list named from the code, a range, two codes at once */
  g_assert_cmpint (judge ("zen.spamhaus.org", a_answer (0, "127.0.0.2", NULL), &category, &detail),
                   ==, CL_DNSBL_LISTED);
  g_assert_cmpstr (detail, ==, "127.0.0.2: SBL (Spamhaus Block List: spam source or operation)");
  g_free (detail);
  g_assert_cmpint (judge ("zen.spamhaus.org", a_answer (0, "127.0.0.6", "127.0.0.10", NULL), &category, &detail),
                   ==, CL_DNSBL_LISTED);
  g_assert_cmpstr (detail, ==, "127.0.0.6: XBL (exploited host: malware, botnet, open proxy); "
                               "127.0.0.10: PBL (end-user range, ISP maintained: should not send mail directly)");
  g_free (detail);

  /* an undocumented code in 127/8 is still a listing */
  g_assert_cmpint (judge ("bl.spamcop.net", a_answer (0, "127.0.0.99", NULL), &category, &detail),
                   ==, CL_DNSBL_LISTED);
  g_assert_cmpstr (detail, ==, "127.0.0.99: listed, with a code the list does not document");
  g_free (detail);

  /* Spamhaus's refusals are no listing */
  g_assert_cmpint (judge ("zen.spamhaus.org", a_answer (0, "127.255.255.254", NULL), &category, &detail),
                   ==, CL_DNSBL_REFUSED);
  g_assert_cmpstr (detail, ==, "127.255.255.254: queries through a public or open resolver are refused");
  g_free (detail);
  g_assert_cmpint (judge ("zen.spamhaus.org", a_answer (0, "127.0.0.2", "127.255.255.255", NULL), &category, &detail),
                   ==, CL_DNSBL_REFUSED);
  g_assert_cmpstr (detail, ==, "127.255.255.255: too many queries from this resolver");
  g_free (detail);

  /* a resolver that rewrites NXDOMAIN to its own page; SERVFAIL; bogus */
  g_assert_cmpint (judge ("zen.spamhaus.org", a_answer (0, "198.51.100.7", NULL), &category, &detail),
                   ==, CL_DNSBL_FAILED);
  g_assert_nonnull (strstr (detail, "198.51.100.7"));
  g_free (detail);
  g_assert_cmpint (judge ("zen.spamhaus.org", a_answer (CL_DNS_RCODE_SERVFAIL, NULL), &category, &detail),
                   ==, CL_DNSBL_FAILED);
  g_assert_cmpstr (detail, ==, "the list answered with error code 2");
  g_free (detail);
  g_assert_cmpint (judge ("zen.spamhaus.org",
                          cl_dns_answer_new ("x", CL_DNS_TYPE_A, 0, FALSE, TRUE, "no signature"),
                          &category, &detail), ==, CL_DNSBL_FAILED);
  g_free (detail);
}

static void
test_judge_domain (void)
{
  ClDnsblCategory category;
  char *detail;

  g_assert_cmpint (judge ("dbl.spamhaus.org", a_answer (0, "127.0.1.4", NULL), &category, &detail),
                   ==, CL_DNSBL_LISTED);
  g_assert_cmpint (category, ==, CL_DNSBL_CATEGORY_PHISHING);
  g_assert_cmpstr (detail, ==, "127.0.1.4: phishing domain");
  g_free (detail);
  g_assert_cmpint (judge ("dbl.spamhaus.org", a_answer (0, "127.0.1.106", NULL), &category, &detail),
                   ==, CL_DNSBL_LISTED);
  g_assert_cmpint (category, ==, CL_DNSBL_CATEGORY_MALWARE);
  g_free (detail);
  g_assert_cmpint (judge ("dbl.spamhaus.org", a_answer (0, "127.0.1.2", NULL), &category, &detail),
                   ==, CL_DNSBL_LISTED);
  g_assert_cmpint (category, ==, CL_DNSBL_CATEGORY_SPAM);
  g_free (detail);
  g_assert_cmpint (judge ("dbl.spamhaus.org", a_answer (0, "127.0.1.255", NULL), &category, &detail),
                   ==, CL_DNSBL_REFUSED);
  g_free (detail);

  /* SURBL's bitmask: phishing and malware, the graver wins */
  g_assert_cmpint (judge ("multi.surbl.org", a_answer (0, "127.0.0.24", NULL), &category, &detail),
                   ==, CL_DNSBL_LISTED);
  g_assert_cmpint (category, ==, CL_DNSBL_CATEGORY_MALWARE);
  g_assert_cmpstr (detail, ==, "127.0.0.24: PH (phishing), MW (malware)");
  g_free (detail);
  g_assert_cmpint (judge ("multi.surbl.org", a_answer (0, "127.0.0.64", NULL), &category, &detail),
                   ==, CL_DNSBL_LISTED);
  g_assert_cmpint (category, ==, CL_DNSBL_CATEGORY_SPAM);
  g_free (detail);
  /* 127.0.0.1 is SURBL's and URIBL's refusal, not a bit */
  g_assert_cmpint (judge ("multi.uribl.com", a_answer (0, "127.0.0.1", NULL), &category, &detail),
                   ==, CL_DNSBL_REFUSED);
  g_free (detail);
  /* bits no code names */
  g_assert_cmpint (judge ("multi.uribl.com", a_answer (0, "127.0.0.32", NULL), &category, &detail),
                   ==, CL_DNSBL_LISTED);
  g_assert_cmpstr (detail, ==, "127.0.0.32: listed, with a code the list does not document");
  g_free (detail);
}

/* A TXT rdata: one character-string. */
static void
add_txt (ClDnsAnswer *answer,
         const char  *text,
         gsize        length)
{
  g_autofree guint8 *rdata = g_malloc (length + 1);

  g_assert_cmpuint (length, <, 256);
  rdata[0] = length;
  memcpy (rdata + 1, text, length);
  cl_dns_answer_add_rdata (answer, rdata, length + 1);
}

static void
test_lookup (void)
{
  g_autoptr(ClDnsblLookup) lookup = cl_dnsbl_lookup_new (find_list ("zen.spamhaus.org"), "3.10.0.127");
  g_autofree char *long_text = g_strnfill (250, 'x');
  ClDnsblCategory category;
  char *detail;

  g_assert_cmpstr (lookup->query->name, ==, "3.10.0.127.zen.spamhaus.org");
  g_assert_cmpuint (lookup->query->rrtype, ==, CL_DNS_TYPE_A);

  /* no answer: why */
  lookup->query->error = g_strdup ("timed out");
  g_assert_cmpint (cl_dnsbl_lookup_judge (lookup, &category, &detail), ==, CL_DNSBL_FAILED);
  g_assert_cmpstr (detail, ==, "timed out");
  g_free (detail);

  /* the TXT record quoted, control characters replaced */
  lookup->query->answer = a_answer (0, "127.0.0.2", NULL);
  lookup->txt = cl_dns_query_new (lookup->query->name, CL_DNS_TYPE_TXT);
  lookup->txt->answer = cl_dns_answer_new (lookup->query->name, CL_DNS_TYPE_TXT, 0, FALSE, FALSE, NULL);
  add_txt (lookup->txt->answer, "see\n\033[1mhttps://x", 17);
  g_assert_cmpint (cl_dnsbl_lookup_judge (lookup, &category, &detail), ==, CL_DNSBL_LISTED);
  g_assert_cmpstr (detail, ==, "127.0.0.2: SBL (Spamhaus Block List: spam source or operation) (“see??[1mhttps://x”)");
  g_free (detail);

  /* and cut short */
  g_clear_object (&lookup->txt->answer);
  lookup->txt->answer = cl_dns_answer_new (lookup->query->name, CL_DNS_TYPE_TXT, 0, FALSE, FALSE, NULL);
  add_txt (lookup->txt->answer, long_text, 250);
  g_assert_cmpint (cl_dnsbl_lookup_judge (lookup, &category, &detail), ==, CL_DNSBL_LISTED);
  /* exactly CL_DNSBL_MAX_TXT of the 250 */
  g_assert_nonnull (strstr (detail, "“xxx"));
  g_assert_nonnull (strstr (detail, "xxx…”)"));
  g_assert_nonnull (strstr (detail, long_text + 250 - CL_DNSBL_MAX_TXT));
  g_assert_null (strstr (detail, long_text + 250 - CL_DNSBL_MAX_TXT - 1));
  g_free (detail);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dnsbl/shipped", test_shipped);
  g_test_add_func ("/dnsbl/parse-errors", test_parse_errors);
  g_test_add_func ("/dnsbl/reverse", test_reverse);
  g_test_add_func ("/dnsbl/judge-ip", test_judge_ip);
  g_test_add_func ("/dnsbl/judge-domain", test_judge_domain);
  g_test_add_func ("/dnsbl/lookup", test_lookup);

  return g_test_run ();
}
