/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-hsts"

#include "config.h"

#include <string.h>

#include "cl-hsts.h"

/* The Strict-Transport-Security parser against RFC 6797 §6.1. */

static ClHsts
parse_ok (const char *value)
{
  g_autoptr(GError) error = NULL;
  ClHsts hsts;

  if (!cl_hsts_parse (value, &hsts, &error))
    g_error ("“%s” should parse: %s", value, error->message);
  g_assert_no_error (error);

  return hsts;
}

static void
assert_invalid (const char *value,
                int         code)
{
  g_autoptr(GError) error = NULL;
  ClHsts hsts;

  if (cl_hsts_parse (value, &hsts, &error))
    g_error ("“%s” should be invalid", value);
  g_assert_error (error, CL_HSTS_ERROR, code);
  g_assert_nonnull (error->message);
}

static void
test_normal (void)
{
  ClHsts hsts;

  hsts = parse_ok ("max-age=63072000; includeSubDomains; preload");
  g_assert_cmpuint (hsts.max_age, ==, 63072000);
  g_assert_true (hsts.include_subdomains);
  g_assert_true (hsts.preload);

  hsts = parse_ok ("max-age=86400");
  g_assert_cmpuint (hsts.max_age, ==, 86400);
  g_assert_false (hsts.include_subdomains);
  g_assert_false (hsts.preload);

  /* §6.1.1: zero is valid and means "forget this host" */
  hsts = parse_ok ("max-age=0");
  g_assert_cmpuint (hsts.max_age, ==, 0);

  /* §6.1 rule 1: order is not significant */
  hsts = parse_ok ("includeSubDomains; max-age=31536000");
  g_assert_cmpuint (hsts.max_age, ==, 31536000);
  g_assert_true (hsts.include_subdomains);
}

static void
test_case_and_whitespace (void)
{
  ClHsts hsts;

  /* §6.1 rule 3: names are case-insensitive */
  hsts = parse_ok ("MAX-AGE=10; INCLUDESUBDOMAINS; PreLoad");
  g_assert_cmpuint (hsts.max_age, ==, 10);
  g_assert_true (hsts.include_subdomains);
  g_assert_true (hsts.preload);

  /* implied linear white space around the separators */
  hsts = parse_ok ("  max-age = 10 ;\tincludeSubDomains\t ");
  g_assert_cmpuint (hsts.max_age, ==, 10);
  g_assert_true (hsts.include_subdomains);

  hsts = parse_ok ("max-age=10;includeSubDomains");
  g_assert_true (hsts.include_subdomains);
}

static void
test_empty_directives (void)
{
  ClHsts hsts;

  /* [ directive ] *( ";" [ directive ] ) */
  hsts = parse_ok ("max-age=5;;;");
  g_assert_cmpuint (hsts.max_age, ==, 5);
  hsts = parse_ok (";max-age=5");
  g_assert_cmpuint (hsts.max_age, ==, 5);
  hsts = parse_ok (" ; ; max-age=5 ; ; includeSubDomains ;");
  g_assert_true (hsts.include_subdomains);

  assert_invalid ("", CL_HSTS_ERROR_MISSING_MAX_AGE);
  assert_invalid ("   ", CL_HSTS_ERROR_MISSING_MAX_AGE);
  assert_invalid (";;", CL_HSTS_ERROR_MISSING_MAX_AGE);
  assert_invalid ("includeSubDomains; preload", CL_HSTS_ERROR_MISSING_MAX_AGE);
}

static void
test_quoted (void)
{
  ClHsts hsts;

  /* §6.1.1: the max-age value may be quoted */
  hsts = parse_ok ("max-age=\"31536000\"; includeSubDomains");
  g_assert_cmpuint (hsts.max_age, ==, 31536000);

  /* a quoted-pair is the character itself */
  hsts = parse_ok ("max-age=\"3\\1536000\"");
  g_assert_cmpuint (hsts.max_age, ==, 31536000);

  /* unknown directives with quoted values, even holding ";" and "=" */
  hsts = parse_ok ("max-age=1; report-uri=\"https://r.example/a;b=c\"; x=\"\"");
  g_assert_cmpuint (hsts.max_age, ==, 1);
  g_assert_false (hsts.include_subdomains);

  /* obs-text is allowed inside a quoted-string */
  hsts = parse_ok ("max-age=1; note=\"caf\xc3\xa9\"");
  g_assert_cmpuint (hsts.max_age, ==, 1);

  assert_invalid ("max-age=\"1", CL_HSTS_ERROR_SYNTAX);
  assert_invalid ("max-age=\"1\\", CL_HSTS_ERROR_SYNTAX);
  assert_invalid ("max-age=\"\"", CL_HSTS_ERROR_INVALID_MAX_AGE);
  assert_invalid ("max-age=\" 1\"", CL_HSTS_ERROR_INVALID_MAX_AGE);
  assert_invalid ("max-age=\"1\"x", CL_HSTS_ERROR_SYNTAX);
  assert_invalid ("max-age=1; x=\"a\x01\"", CL_HSTS_ERROR_SYNTAX);
}

static void
test_duplicates (void)
{
  /* §6.1 rule 2: every directive at most once, known or not */
  assert_invalid ("max-age=1; max-age=2", CL_HSTS_ERROR_DUPLICATE);
  assert_invalid ("max-age=1; MAX-AGE=1", CL_HSTS_ERROR_DUPLICATE);
  assert_invalid ("max-age=1; includeSubDomains; includesubdomains", CL_HSTS_ERROR_DUPLICATE);
  assert_invalid ("max-age=1; preload; preload", CL_HSTS_ERROR_DUPLICATE);
  assert_invalid ("max-age=1; foo; FOO=bar", CL_HSTS_ERROR_DUPLICATE);
}

static void
test_unknown_directives (void)
{
  ClHsts hsts;

  /* §6.1 rule 5: ignored, the rest still counts */
  hsts = parse_ok ("max-age=100; foo; bar=baz; includeSubDomains");
  g_assert_cmpuint (hsts.max_age, ==, 100);
  g_assert_true (hsts.include_subdomains);
}

static void
test_bad_max_age (void)
{
  ClHsts hsts;

  assert_invalid ("max-age", CL_HSTS_ERROR_INVALID_MAX_AGE);
  assert_invalid ("max-age=-1", CL_HSTS_ERROR_INVALID_MAX_AGE);
  assert_invalid ("max-age=1.5", CL_HSTS_ERROR_INVALID_MAX_AGE);
  assert_invalid ("max-age=1e9", CL_HSTS_ERROR_INVALID_MAX_AGE);
  assert_invalid ("max-age=abc", CL_HSTS_ERROR_INVALID_MAX_AGE);
  assert_invalid ("max-age=+5", CL_HSTS_ERROR_INVALID_MAX_AGE);
  assert_invalid ("max-age=", CL_HSTS_ERROR_SYNTAX);
  assert_invalid ("max-age= ;", CL_HSTS_ERROR_SYNTAX);

  /* beyond 64 bits: "for ever", not an error */
  hsts = parse_ok ("max-age=99999999999999999999999999999999");
  g_assert_cmpuint (hsts.max_age, ==, G_MAXUINT64);
  hsts = parse_ok ("max-age=18446744073709551615");
  g_assert_cmpuint (hsts.max_age, ==, G_MAXUINT64);
  hsts = parse_ok ("max-age=18446744073709551614");
  g_assert_cmpuint (hsts.max_age, ==, G_MAXUINT64 - 1);
  hsts = parse_ok ("max-age=000031536000");
  g_assert_cmpuint (hsts.max_age, ==, 31536000);
}

static void
test_syntax (void)
{
  /* valueless directives take no value */
  assert_invalid ("max-age=1; includeSubDomains=true", CL_HSTS_ERROR_SYNTAX);
  assert_invalid ("max-age=1; preload=\"\"", CL_HSTS_ERROR_SYNTAX);

  /* two header fields joined by a proxy or by libsoup */
  assert_invalid ("max-age=1, max-age=2", CL_HSTS_ERROR_SYNTAX);
  /* missing separator */
  assert_invalid ("max-age=1 includeSubDomains", CL_HSTS_ERROR_SYNTAX);
  assert_invalid ("max-age=1 = 2", CL_HSTS_ERROR_SYNTAX);
  assert_invalid ("=1", CL_HSTS_ERROR_SYNTAX);
  assert_invalid ("max-age==1", CL_HSTS_ERROR_SYNTAX);
  /* non-ASCII and control characters outside quoted strings */
  assert_invalid ("max-age=1; includeSubDomains\xc3\xa9", CL_HSTS_ERROR_SYNTAX);
  assert_invalid ("max-age=1\r\nSet-Cookie: a=b", CL_HSTS_ERROR_SYNTAX);
  assert_invalid ("max-age=1\x7f", CL_HSTS_ERROR_SYNTAX);
  assert_invalid ("max-age=1;\x01", CL_HSTS_ERROR_SYNTAX);
  assert_invalid ("max-age=\xef\xbc\x91", CL_HSTS_ERROR_SYNTAX);
}

static void
test_hostile (void)
{
  g_autoptr(GString) big = g_string_new ("max-age=1");
  g_autofree char *many = NULL;
  g_autofree char *quotes = NULL;
  ClHsts hsts;

  /* longer than any real header: refused without work */
  while (big->len <= CL_HSTS_MAX_LENGTH)
    g_string_append (big, "; x");
  assert_invalid (big->str, CL_HSTS_ERROR_SYNTAX);

  /* many distinct unknown directives, just under the limit */
  {
    g_autoptr(GString) s = g_string_new ("max-age=2");

    for (guint i = 0; s->len < CL_HSTS_MAX_LENGTH - 16; i++)
      g_string_append_printf (s, ";d%u", i);
    many = g_string_free (g_steal_pointer (&s), FALSE);
  }
  hsts = parse_ok (many);
  g_assert_cmpuint (hsts.max_age, ==, 2);

  /* a long run of backslashes in a quoted string, unterminated */
  quotes = g_strnfill (CL_HSTS_MAX_LENGTH - 20, '\\');
  {
    g_autofree char *value = g_strdup_printf ("max-age=1; a=\"%s", quotes);

    assert_invalid (value, CL_HSTS_ERROR_SYNTAX);
  }

  /* a failed parse leaves nothing behind that looks like a policy */
  g_assert_false (cl_hsts_parse ("max-age=5; includeSubDomains; max-age=6", &hsts, NULL));
  g_assert_cmpuint (hsts.max_age, ==, 0);
  g_assert_false (hsts.include_subdomains);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hsts/normal", test_normal);
  g_test_add_func ("/hsts/case-and-whitespace", test_case_and_whitespace);
  g_test_add_func ("/hsts/empty-directives", test_empty_directives);
  g_test_add_func ("/hsts/quoted", test_quoted);
  g_test_add_func ("/hsts/duplicates", test_duplicates);
  g_test_add_func ("/hsts/unknown-directives", test_unknown_directives);
  g_test_add_func ("/hsts/bad-max-age", test_bad_max_age);
  g_test_add_func ("/hsts/syntax", test_syntax);
  g_test_add_func ("/hsts/hostile", test_hostile);

  return g_test_run ();
}
