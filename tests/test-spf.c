/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-spf"

#include "config.h"

#include <string.h>

#include "cl-error.h"
#include "cl-spf.h"

/* The SPF parser on the examples of RFC 7208, on odd but valid records,
 * and on hostile ones. */

static ClSpfRecord *
parse_ok (const char *txt)
{
  g_autoptr(GError) error = NULL;
  ClSpfRecord *record = cl_spf_record_parse (txt, &error);

  if (record == NULL)
    g_error ("“%s” should parse: %s", txt, error->message);

  return record;
}

static const ClSpfMechanism *
mechanism (const ClSpfRecord *record,
           guint              i)
{
  g_assert_cmpuint (i, <, record->mechanisms->len);
  return g_ptr_array_index (record->mechanisms, i);
}

static void
test_spf_is_record (void)
{
  g_assert_true (cl_spf_is_record ("v=spf1"));
  g_assert_true (cl_spf_is_record ("v=spf1 -all"));
  g_assert_true (cl_spf_is_record ("V=SPF1 mx -all"));
  g_assert_false (cl_spf_is_record ("v=spf10 -all"));
  g_assert_false (cl_spf_is_record ("v=spf1\t-all"));
  g_assert_false (cl_spf_is_record (" v=spf1 -all"));
  g_assert_false (cl_spf_is_record ("spf2.0/pra -all"));
  g_assert_false (cl_spf_is_record ("v=DMARC1; p=reject"));
  g_assert_false (cl_spf_is_record (""));
}

/* RFC 7208 Appendix A */
static void
test_spf_rfc_examples (void)
{
  const char *valid[] = {
    "v=spf1 +all",
    "v=spf1 a -all",
    "v=spf1 a:example.org -all",
    "v=spf1 mx -all",
    "v=spf1 mx:example.org -all",
    "v=spf1 mx mx:example.org -all",
    "v=spf1 mx/30 -all",
    "v=spf1 mx/30 mx:example.org/30 -all",
    "v=spf1 ptr -all",
    "v=spf1 ip4:192.0.2.128/28 -all",
    "v=spf1 include:example.com include:example.net -all",
    "v=spf1 redirect=example.org",
    "v=spf1 -ip4:192.0.2.0/24 a//96 +all",
    "v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all",
    "v=spf1 mx -all exp=explain._spf.%{d}",
    "v=spf1 -include:ip4._spf.%{d} -include:ptr._spf.%{d} +all",
    "v=spf1 -ptr +all",
    "v=spf1 -mx:%{d} -all",
    "v=spf1 -exists:%{ir}.sbl.example.org",
    "v=spf1 ip6:2001:db8::/32 ip6:::ffff:192.0.2.1 -all",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(ClSpfRecord) record = parse_ok (valid[i]);
      g_assert_nonnull (record);
    }
}

static void
test_spf_fields (void)
{
  g_autoptr(ClSpfRecord) record = NULL;
  const ClSpfMechanism *m;

  record = parse_ok ("v=spf1 -ip4:192.0.2.0/24 a//96 mx:example.org/30//64 ~include:_spf.example.com ?exists:%{i}.x.example PTR:example.net ip6:2001:db8::1 +all redirect=r.example exp=e.example foo=bar");

  g_assert_cmpuint (record->mechanisms->len, ==, 8);

  m = mechanism (record, 0);
  g_assert_cmpint (m->type, ==, CL_SPF_MECHANISM_IP4);
  g_assert_cmpint (m->qualifier, ==, CL_SPF_QUALIFIER_FAIL);
  g_assert_cmpstr (m->argument, ==, "192.0.2.0");
  g_assert_cmpint (m->cidr4, ==, 24);
  g_assert_cmpint (m->cidr6, ==, -1);

  m = mechanism (record, 1);
  g_assert_cmpint (m->type, ==, CL_SPF_MECHANISM_A);
  g_assert_cmpint (m->qualifier, ==, CL_SPF_QUALIFIER_PASS);
  g_assert_null (m->argument);
  g_assert_cmpint (m->cidr4, ==, -1);
  g_assert_cmpint (m->cidr6, ==, 96);

  m = mechanism (record, 2);
  g_assert_cmpint (m->type, ==, CL_SPF_MECHANISM_MX);
  g_assert_cmpstr (m->argument, ==, "example.org");
  g_assert_cmpint (m->cidr4, ==, 30);
  g_assert_cmpint (m->cidr6, ==, 64);

  m = mechanism (record, 3);
  g_assert_cmpint (m->type, ==, CL_SPF_MECHANISM_INCLUDE);
  g_assert_cmpint (m->qualifier, ==, CL_SPF_QUALIFIER_SOFTFAIL);
  g_assert_cmpstr (m->argument, ==, "_spf.example.com");

  m = mechanism (record, 4);
  g_assert_cmpint (m->type, ==, CL_SPF_MECHANISM_EXISTS);
  g_assert_cmpint (m->qualifier, ==, CL_SPF_QUALIFIER_NEUTRAL);
  g_assert_true (cl_spf_domain_spec_has_macros (m->argument));

  m = mechanism (record, 5);
  g_assert_cmpint (m->type, ==, CL_SPF_MECHANISM_PTR);
  g_assert_cmpstr (m->argument, ==, "example.net");

  m = mechanism (record, 6);
  g_assert_cmpint (m->type, ==, CL_SPF_MECHANISM_IP6);
  g_assert_cmpstr (m->argument, ==, "2001:db8::1");

  m = cl_spf_record_get_all (record);
  g_assert_nonnull (m);
  g_assert_cmpint (m->qualifier, ==, CL_SPF_QUALIFIER_PASS);
  g_assert_cmpint (cl_spf_qualifier_to_char (m->qualifier), ==, '+');

  g_assert_cmpstr (record->redirect, ==, "r.example");
  g_assert_cmpstr (record->exp, ==, "e.example");
  g_assert_cmpuint (record->n_unknown_modifiers, ==, 1);
  /* RFC 7208 §6.1: an "all" makes the redirect ignored */
  g_assert_null (cl_spf_record_get_redirect (record));
}

static void
test_spf_count (void)
{
  const struct {
    const char *txt;
    guint       count;
  } cases[] = {
    { "v=spf1 -all", 0 },
    { "v=spf1 ip4:192.0.2.1 ip6:2001:db8::1 -all", 0 },
    { "v=spf1 a mx ptr exists:x.example include:y.example -all", 5 },
    { "v=spf1 mx redirect=r.example", 2 },
    /* the redirect is ignored beside "all" (§6.1) */
    { "v=spf1 mx -all redirect=r.example", 1 },
    /* evaluation never gets past "all" (§5.1) */
    { "v=spf1 a -all include:x.example mx", 1 },
    { "v=spf1 exp=explain.example -all", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClSpfRecord) record = parse_ok (cases[i].txt);
      g_assert_cmpuint (cl_spf_record_count_dns_terms (record), ==, cases[i].count);
    }
}

static void
test_spf_odd_but_valid (void)
{
  g_autoptr(ClSpfRecord) spaces = parse_ok ("v=spf1   mx    -all   ");
  g_autoptr(ClSpfRecord) upper = parse_ok ("v=spf1 MX Include:Example.COM -ALL");
  g_autoptr(ClSpfRecord) bare = parse_ok ("v=spf1");
  g_autoptr(ClSpfRecord) dot = parse_ok ("v=spf1 include:example.com. -all");
  g_autoptr(ClSpfRecord) macro_end = parse_ok ("v=spf1 a:%{d} -all");
  g_autoptr(ClSpfRecord) escapes = parse_ok ("v=spf1 exists:%%%_%-.%{D2R.-}.example -all");
  g_autoptr(ClSpfRecord) hyphen_top = parse_ok ("v=spf1 a:host.xn--p1ai -all");
  g_autoptr(ClSpfRecord) zero = parse_ok ("v=spf1 ip4:0.0.0.0/0 ip6:::/0 -all");
  g_autoptr(ClSpfRecord) unknown = parse_ok ("v=spf1 mx v=spf1 x-y.z_1=%{d} -all");

  g_assert_cmpuint (spaces->mechanisms->len, ==, 2);
  g_assert_cmpint (mechanism (upper, 1)->type, ==, CL_SPF_MECHANISM_INCLUDE);
  g_assert_cmpint (cl_spf_record_get_all (upper)->qualifier, ==, CL_SPF_QUALIFIER_FAIL);
  g_assert_cmpuint (bare->mechanisms->len, ==, 0);
  g_assert_null (cl_spf_record_get_all (bare));
  g_assert_cmpstr (mechanism (dot, 0)->argument, ==, "example.com.");
  g_assert_cmpint (mechanism (zero, 0)->cidr4, ==, 0);
  g_assert_cmpint (mechanism (zero, 1)->cidr6, ==, 0);
  g_assert_cmpuint (unknown->n_unknown_modifiers, ==, 2);
  g_assert_nonnull (macro_end);
  g_assert_nonnull (escapes);
  g_assert_nonnull (hyphen_top);
}

static void
test_spf_errors (void)
{
  g_autofree char *a63 = g_strnfill (63, 'a');
  g_autofree char *long_label = g_strdup_printf ("v=spf1 a:%sa.example -all", a63);
  g_autofree char *long_label_ok = g_strdup_printf ("v=spf1 a:%s.example -all", a63);
  g_autoptr(GString) too_long = g_string_new ("v=spf1");
  g_autoptr(GString) too_many = g_string_new ("v=spf1");
  const char *invalid[] = {
    "v=spf10 -all",
    "spf1 -all",
    "v=spf1 foo",
    "v=spf1 foo:example.com",
    "v=spf1 include",
    "v=spf1 include:",
    "v=spf1 include:example.com/24",
    "v=spf1 exists",
    "v=spf1 all:example.com",
    "v=spf1 -all/24",
    "v=spf1 a:example",
    "v=spf1 a:.",
    "v=spf1 a:example.123",
    "v=spf1 a:example.-com",
    "v=spf1 a:ex..ample.com",
    "v=spf1 a:/24",
    "v=spf1 a/33",
    "v=spf1 a/24/",
    "v=spf1 a/24//",
    "v=spf1 a//129",
    "v=spf1 a/024",
    "v=spf1 a:example.com/24/64",
    "v=spf1 ptr/24",
    "v=spf1 ip4",
    "v=spf1 ip4:",
    "v=spf1 ip4:256.1.1.1",
    "v=spf1 ip4:1.2.3",
    "v=spf1 ip4:1.2.3.4.5",
    "v=spf1 ip4:01.2.3.4",
    "v=spf1 ip4:1.2.3.4/33",
    "v=spf1 ip4:1.2.3.4/",
    "v=spf1 ip4:1.2.3.4//64",
    "v=spf1 ip4:2001:db8::1",
    "v=spf1 ip6:1.2.3.4",
    "v=spf1 ip6:2001:db8::/129",
    "v=spf1 ip6:2001:db8::%eth0",
    "v=spf1 ip6:[2001:db8::1]",
    "v=spf1 ip6:2001:db8:::1",
    "v=spf1 redirect=a.example redirect=b.example",
    "v=spf1 exp=a.example exp=b.example -all",
    "v=spf1 +redirect=a.example",
    "v=spf1 redirect=",
    "v=spf1 redirect=%{c}.example",
    "v=spf1 include:%{x}.example",
    "v=spf1 include:%{c}.example",
    "v=spf1 include:%{d0}.example",
    "v=spf1 include:%{d1234}.example",
    "v=spf1 include:%{d",
    "v=spf1 include:%{d!}.example",
    "v=spf1 include:%x.example",
    "v=spf1 include:%",
    "v=spf1 foo=%{",
    "v=spf1 -",
    "v=spf1 ~ all",
    "v=spf1 =foo",
    "v=spf1 1a",
    "v=spf1 mx\t-all",
    "v=spf1 mx\r\n-all",
    "v=spf1 a:ex\xc3\xa9mple.com -all",
    "v=spf1 a:exa\x7fmple.com -all",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClSpfRecord) record = cl_spf_record_parse (invalid[i], &error);

      if (record != NULL)
        g_error ("“%s” should not parse", invalid[i]);
      g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  /* labels of up to 63 octets (RFC 1035 §2.3.4) */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ClSpfRecord) record = cl_spf_record_parse (long_label, &error);
    g_autoptr(ClSpfRecord) ok = NULL;

    g_assert_null (record);
    g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
    ok = parse_ok (long_label_ok);
  }

  /* the caps on size */
  while (too_long->len <= CL_SPF_MAX_LENGTH)
    g_string_append (too_long, " ip4:192.0.2.1");
  g_assert_null (cl_spf_record_parse (too_long->str, NULL));
  for (guint i = 0; i <= CL_SPF_MAX_TERMS; i++)
    g_string_append (too_many, " a");
  g_assert_null (cl_spf_record_parse (too_many->str, NULL));
}

static void
test_spf_error_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) hostile = g_string_new ("v=spf1 include:");
  g_autoptr(ClSpfRecord) record = NULL;

  record = cl_spf_record_parse ("v=spf1 mx foo:bar -all", &error);
  g_assert_null (record);
  g_assert_nonnull (strstr (error->message, "foo:bar"));
  g_clear_error (&error);

  record = cl_spf_record_parse ("v=spf1 ip4:300.1.1.1 -all", &error);
  g_assert_nonnull (strstr (error->message, "ip4:300.1.1.1"));
  g_clear_error (&error);

  /* a long term is cut in the message */
  for (guint i = 0; i < 500; i++)
    g_string_append_c (hostile, 'x');
  g_string_append (hostile, "%");
  record = cl_spf_record_parse (hostile->str, &error);
  g_assert_null (record);
  g_assert_cmpuint (strlen (error->message), <, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/spf/is-record", test_spf_is_record);
  g_test_add_func ("/spf/rfc-examples", test_spf_rfc_examples);
  g_test_add_func ("/spf/fields", test_spf_fields);
  g_test_add_func ("/spf/count", test_spf_count);
  g_test_add_func ("/spf/odd-but-valid", test_spf_odd_but_valid);
  g_test_add_func ("/spf/errors", test_spf_errors);
  g_test_add_func ("/spf/error-messages", test_spf_error_messages);

  return g_test_run ();
}
