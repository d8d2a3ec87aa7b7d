/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dmarc"

#include "config.h"

#include <string.h>

#include "cl-dmarc.h"
#include "cl-error.h"

/* The DMARC parser on the examples of RFC 7489, on odd but valid records,
 * and on hostile ones. */

static ClDmarcRecord *
parse_ok (const char *txt)
{
  g_autoptr(GError) error = NULL;
  ClDmarcRecord *record = cl_dmarc_record_parse (txt, &error);

  if (record == NULL)
    g_error ("“%s” should parse: %s", txt, error->message);

  return record;
}

static void
test_dmarc_is_record (void)
{
  g_assert_true (cl_dmarc_is_record ("v=DMARC1; p=none"));
  g_assert_true (cl_dmarc_is_record ("v=DMARC1"));
  g_assert_true (cl_dmarc_is_record ("v=DMARC1;"));
  g_assert_true (cl_dmarc_is_record ("  v = DMARC1 ;p=reject"));
  /* found, so that the wrong case is reported as invalid */
  g_assert_true (cl_dmarc_is_record ("v=dmarc1; p=none"));
  g_assert_false (cl_dmarc_is_record ("v=DMARC10; p=none"));
  g_assert_false (cl_dmarc_is_record ("v=DMARC1 p=none"));
  g_assert_false (cl_dmarc_is_record ("p=reject; v=DMARC1"));
  g_assert_false (cl_dmarc_is_record ("v=spf1 -all"));
  g_assert_false (cl_dmarc_is_record (""));
}

/* RFC 7489 Appendix B.2 */
static void
test_dmarc_rfc_examples (void)
{
  g_autoptr(ClDmarcRecord) b21 = parse_ok ("v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com");
  g_autoptr(ClDmarcRecord) b22 = parse_ok ("v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com; ruf=mailto:auth-reports@thirdparty.example.net");
  g_autoptr(ClDmarcRecord) b23 = parse_ok ("v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com,mailto:tld-test@thirdparty.example.net!10m; pct=25");
  g_autoptr(ClDmarcRecord) b24 = parse_ok ("v=DMARC1; p=reject; sp=none; adkim=s; aspf=s; ri=3600; fo=0:1:d:s; rf=afrf");

  g_assert_cmpint (b21->policy, ==, CL_DMARC_POLICY_NONE);
  g_assert_cmpint (b21->subdomain_policy, ==, CL_DMARC_POLICY_NONE);
  g_assert_false (b21->has_subdomain_policy);
  g_assert_cmpuint (b21->pct, ==, 100);
  g_assert_cmpuint (g_strv_length (b21->rua), ==, 1);
  g_assert_cmpstr (b21->rua[0], ==, "mailto:dmarc-feedback@example.com");
  g_assert_cmpuint (g_strv_length (b21->ruf), ==, 0);
  g_assert_cmpint (b21->adkim, ==, CL_DMARC_ALIGNMENT_RELAXED);
  g_assert_cmpuint (b21->ri, ==, 86400);

  g_assert_cmpstr (b22->ruf[0], ==, "mailto:auth-reports@thirdparty.example.net");

  g_assert_cmpint (b23->policy, ==, CL_DMARC_POLICY_QUARANTINE);
  g_assert_cmpuint (b23->pct, ==, 25);
  g_assert_cmpuint (g_strv_length (b23->rua), ==, 2);
  /* the size limit is not part of the URI */
  g_assert_cmpstr (b23->rua[1], ==, "mailto:tld-test@thirdparty.example.net");

  g_assert_cmpint (b24->policy, ==, CL_DMARC_POLICY_REJECT);
  g_assert_true (b24->has_subdomain_policy);
  g_assert_cmpint (b24->subdomain_policy, ==, CL_DMARC_POLICY_NONE);
  g_assert_cmpint (b24->adkim, ==, CL_DMARC_ALIGNMENT_STRICT);
  g_assert_cmpint (b24->aspf, ==, CL_DMARC_ALIGNMENT_STRICT);
  g_assert_cmpuint (b24->ri, ==, 3600);
  g_assert_cmpstr (b24->fo, ==, "0:1:d:s");
  g_assert_cmpstr (b24->rf, ==, "afrf");

  g_assert_cmpstr (cl_dmarc_policy_to_string (b24->policy), ==, "reject");
}

static void
test_dmarc_odd_but_valid (void)
{
  const char *valid[] = {
    "v=DMARC1;p=reject",
    "v=DMARC1; p=reject;",
    "v=DMARC1 ;  p = reject ; ",
    "v=DMARC1;\tp=reject;\trua=mailto:a@example.com",
    "v=DMARC1; p=reject;; rua=mailto:a@example.com",
    "v=DMARC1; P=Reject; PCT=100",
    "v=DMARC1; p=reject; unknown_tag=whatever; x=1",
    "v=DMARC1; p=reject; rua=mailto:a@example.com , mailto:b@example.net!50k",
    "v=DMARC1; p=reject; rua=https://reports.example.com/dmarc",
    "v=DMARC1; p=reject; pct=0",
    "v=DMARC1; p=reject; ri=4294967295",
    "v=DMARC1; p=none; rua=mailto:a@example.com!10",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(ClDmarcRecord) record = parse_ok (valid[i]);
      g_assert_nonnull (record);
    }
}

static void
test_dmarc_errors (void)
{
  g_autoptr(GString) too_long = g_string_new ("v=DMARC1; p=reject");
  g_autoptr(GString) too_many = g_string_new ("v=DMARC1; p=reject");
  g_autoptr(GString) many_uris = g_string_new ("v=DMARC1; p=reject; rua=mailto:a@example.com");
  const char *invalid[] = {
    "",
    ";",
    "v=DMARC1",
    "v=DMARC1;",
    "v=DMARC1; sp=reject",
    "v=DMARC1; rua=mailto:a@example.com",
    "v=dmarc1; p=none",
    "v=DMARC2; p=none",
    "p=none; v=DMARC1",
    "; v=DMARC1; p=none",
    "v=DMARC1; p=bogus",
    "v=DMARC1; p=",
    "v=DMARC1; p=none; sp=all",
    "v=DMARC1; p=reject; p=none",
    "v=DMARC1; p=reject; P=none",
    "v=DMARC1; v=DMARC1; p=none",
    "v=DMARC1; p=reject; pct=101",
    "v=DMARC1; p=reject; pct=-1",
    "v=DMARC1; p=reject; pct=50%",
    "v=DMARC1; p=reject; pct=",
    "v=DMARC1; p=reject; pct=1000",
    "v=DMARC1; p=reject; rua=",
    "v=DMARC1; p=reject; rua=dmarc@example.com",
    "v=DMARC1; p=reject; rua=mailto:nobody",
    "v=DMARC1; p=reject; rua=mailto:a@example.com!",
    "v=DMARC1; p=reject; rua=mailto:a@example.com!10x",
    "v=DMARC1; p=reject; rua=mailto:a@example.com!m",
    "v=DMARC1; p=reject; rua=mailto:a@example.com,",
    "v=DMARC1; p=reject; ruf=mailto:a b@example.com",
    "v=DMARC1; p=reject; adkim=x",
    "v=DMARC1; p=reject; aspf=relaxed",
    "v=DMARC1; p=reject; fo=2",
    "v=DMARC1; p=reject; fo=",
    "v=DMARC1; p=reject; rf=afrf:",
    "v=DMARC1; p=reject; ri=abc",
    "v=DMARC1; p=reject; ri=4294967296",
    "v=DMARC1; p=reject; rua",
    "v=DMARC1; p=reject; 1x=y",
    "v=DMARC1; p=reject; =y",
    "v=DMARC1; p=re\xc3\xa9ject",
    "v=DMARC1; p=reject\x01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClDmarcRecord) record = cl_dmarc_record_parse (invalid[i], &error);

      if (record != NULL)
        g_error ("“%s” should not parse", invalid[i]);
      g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  while (too_long->len <= CL_DMARC_MAX_LENGTH)
    g_string_append (too_long, "; x=y");
  g_assert_null (cl_dmarc_record_parse (too_long->str, NULL));
  for (guint i = 0; i < 70; i++)
    g_string_append_printf (too_many, "; t%u=1", i);
  g_assert_null (cl_dmarc_record_parse (too_many->str, NULL));
  for (guint i = 0; i < CL_DMARC_MAX_URIS; i++)
    g_string_append (many_uris, ",mailto:a@example.com");
  g_assert_null (cl_dmarc_record_parse (many_uris->str, NULL));
}

static void
test_dmarc_error_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDmarcRecord) record = NULL;
  g_autoptr(GString) hostile = g_string_new ("v=DMARC1; p=");

  record = cl_dmarc_record_parse ("v=DMARC1; p=reject; pct=150", &error);
  g_assert_null (record);
  g_assert_nonnull (strstr (error->message, "pct=150"));
  g_clear_error (&error);

  record = cl_dmarc_record_parse ("v=DMARC1; p=none; rua=mailto:a@example.com", NULL);
  g_assert_nonnull (record);
  g_clear_pointer (&record, cl_dmarc_record_free);

  for (guint i = 0; i < 1000; i++)
    g_string_append_c (hostile, 'x');
  record = cl_dmarc_record_parse (hostile->str, &error);
  g_assert_null (record);
  g_assert_cmpuint (strlen (error->message), <, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/dmarc/is-record", test_dmarc_is_record);
  g_test_add_func ("/dmarc/rfc-examples", test_dmarc_rfc_examples);
  g_test_add_func ("/dmarc/odd-but-valid", test_dmarc_odd_but_valid);
  g_test_add_func ("/dmarc/errors", test_dmarc_errors);
  g_test_add_func ("/dmarc/error-messages", test_dmarc_error_messages);

  return g_test_run ();
}
