/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-csp"

#include "config.h"

#include <string.h>

#include "cl-csp.h"

/* The Content-Security-Policy parser against CSP Level 3. */

static void
assert_list (const char * const *list,
             const char         *expected)
{
  g_autofree char *joined = NULL;

  g_assert_nonnull (list);
  joined = g_strjoinv (" ", (char **)list);
  g_assert_cmpstr (joined, ==, expected);
}

static gboolean
allows (const char  *policy,
        const char  *directive,
        ClCspSource  source)
{
  g_autoptr(ClCsp) csp = cl_csp_parse (policy);

  return cl_csp_allows (csp, directive, source);
}

static void
test_normal (void)
{
  g_autoptr(ClCsp) csp = cl_csp_parse ("default-src 'self'; object-src 'none'; base-uri 'self'; "
                                       "form-action 'self'; frame-ancestors 'none'");
  const char *effective = NULL;

  g_assert_cmpuint (cl_csp_get_n_policies (csp), ==, 1);
  g_assert_cmpuint (cl_csp_get_n_duplicates (csp), ==, 0);
  assert_list (cl_csp_get_directive (csp, 0, "default-src"), "'self'");
  assert_list (cl_csp_get_directive (csp, 0, "object-src"), "'none'");
  assert_list (cl_csp_get_directive (csp, 0, "frame-ancestors"), "'none'");
  g_assert_null (cl_csp_get_directive (csp, 0, "script-src"));

  assert_list (cl_csp_get_effective_directive (csp, 0, "script-src-elem", &effective), "'self'");
  g_assert_cmpstr (effective, ==, "default-src");
  assert_list (cl_csp_get_effective_directive (csp, 0, "object-src", &effective), "'none'");
  g_assert_cmpstr (effective, ==, "object-src");

  g_assert_true (cl_csp_restricts (csp, "script-src"));
  g_assert_true (cl_csp_restricts (csp, "frame-ancestors"));
  g_assert_false (cl_csp_restricts (csp, "sandbox"));

  for (ClCspSource s = CL_CSP_SOURCE_UNSAFE_INLINE; s <= CL_CSP_SOURCE_DATA; s++)
    {
      g_assert_false (cl_csp_allows (csp, "script-src-elem", s));
      g_assert_false (cl_csp_allows (csp, "script-src", s));
      g_assert_false (cl_csp_allows (csp, "object-src", s));
      g_assert_false (cl_csp_allows (csp, "frame-ancestors", s));
    }
}

static void
test_case_and_whitespace (void)
{
  g_autoptr(ClCsp) csp = cl_csp_parse (" \t DEFAULT-SRC\t'SELF'  ;; ;\r\n Script-Src  a.example \f b.example ; ");

  g_assert_cmpuint (cl_csp_get_n_policies (csp), ==, 1);
  /* names are lowercased, values kept as written */
  assert_list (cl_csp_get_directive (csp, 0, "default-src"), "'SELF'");
  assert_list (cl_csp_get_directive (csp, 0, "script-src"), "a.example b.example");
  g_assert_null (cl_csp_get_directive (csp, 0, "DEFAULT-SRC"));

  /* keywords and schemes are case-insensitive */
  g_assert_true (allows ("script-src 'UNSAFE-INLINE'", "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_assert_true (allows ("script-src 'Unsafe-Eval'", "script-src", CL_CSP_SOURCE_UNSAFE_EVAL));
  g_assert_true (allows ("script-src HTTPS:", "script-src", CL_CSP_SOURCE_WILDCARD));
  g_assert_true (allows ("script-src HTTP://cdn.example", "script-src", CL_CSP_SOURCE_HTTP));
  g_assert_true (allows ("script-src DATA:", "script-src", CL_CSP_SOURCE_DATA));
}

static void
test_duplicates (void)
{
  g_autoptr(ClCsp) csp = cl_csp_parse ("script-src 'self'; script-src 'unsafe-inline'; SCRIPT-SRC *");

  /* §2.2.1 step 5: the first wins */
  g_assert_cmpuint (cl_csp_get_n_duplicates (csp), ==, 2);
  assert_list (cl_csp_get_directive (csp, 0, "script-src"), "'self'");
  g_assert_false (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_assert_false (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_WILDCARD));
}

static void
test_empty (void)
{
  const char *empties[] = { "", " ", ";", ";;; ;", ",", " , ;, ", "\t\r\n" };

  for (guint i = 0; i < G_N_ELEMENTS (empties); i++)
    {
      g_autoptr(ClCsp) csp = cl_csp_parse (empties[i]);

      g_assert_cmpuint (cl_csp_get_n_policies (csp), ==, 0);
      g_assert_false (cl_csp_restricts (csp, "script-src"));
      /* nothing restricts, so everything is allowed */
      g_assert_true (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
    }

  /* a directive with no value is an empty source list: it allows nothing */
  {
    g_autoptr(ClCsp) csp = cl_csp_parse ("script-src");

    g_assert_cmpuint (cl_csp_get_n_policies (csp), ==, 1);
    assert_list (cl_csp_get_directive (csp, 0, "script-src"), "");
    g_assert_true (cl_csp_restricts (csp, "script-src-elem"));
    g_assert_false (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
    g_assert_false (cl_csp_allows (csp, "script-src", CL_CSP_SOURCE_UNSAFE_EVAL));
  }
}

static void
test_non_ascii (void)
{
  /* §2.2.1 step 2.2: a token that is not ASCII is skipped whole, so
   * script-src falls back to default-src */
  g_autoptr(ClCsp) csp = cl_csp_parse ("default-src 'none'; script-src 'self' https://ex\xc3\xa4mple.com 'unsafe-inline'");

  g_assert_null (cl_csp_get_directive (csp, 0, "script-src"));
  assert_list (cl_csp_get_directive (csp, 0, "default-src"), "'none'");
  g_assert_false (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));

  /* invalid UTF-8 is not ASCII either */
  g_clear_pointer (&csp, cl_csp_free);
  csp = cl_csp_parse ("\xff\xfe; img-src *");
  g_assert_cmpuint (cl_csp_get_n_policies (csp), ==, 1);
  assert_list (cl_csp_get_directive (csp, 0, "img-src"), "*");
}

static void
test_multiple_policies (void)
{
  g_autoptr(ClCsp) csp = cl_csp_parse ("script-src 'unsafe-inline' 'unsafe-eval', script-src 'self' 'unsafe-eval'");

  /* all policies are enforced: the strictest one decides */
  g_assert_cmpuint (cl_csp_get_n_policies (csp), ==, 2);
  g_assert_false (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_assert_true (cl_csp_allows (csp, "script-src", CL_CSP_SOURCE_UNSAFE_EVAL));

  /* a policy that does not restrict scripts does not make them safer */
  g_clear_pointer (&csp, cl_csp_free);
  csp = cl_csp_parse ("default-src *, img-src 'self'");
  g_assert_cmpuint (cl_csp_get_n_policies (csp), ==, 2);
  g_assert_true (cl_csp_restricts (csp, "script-src"));
  g_assert_true (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_WILDCARD));
  g_assert_null (cl_csp_get_directive (csp, 1, "default-src"));
  assert_list (cl_csp_get_directive (csp, 1, "img-src"), "'self'");

  /* empty policies between commas are dropped */
  g_clear_pointer (&csp, cl_csp_free);
  csp = cl_csp_parse (",,default-src 'self',, ;,");
  g_assert_cmpuint (cl_csp_get_n_policies (csp), ==, 1);
}

static void
test_fallbacks (void)
{
  g_autoptr(ClCsp) csp = cl_csp_parse ("default-src *; script-src 'self'; child-src 'none'");
  const char *effective = NULL;

  /* CSP3 §6.8.3 */
  cl_csp_get_effective_directive (csp, 0, "worker-src", &effective);
  g_assert_cmpstr (effective, ==, "child-src");
  cl_csp_get_effective_directive (csp, 0, "frame-src", &effective);
  g_assert_cmpstr (effective, ==, "child-src");
  cl_csp_get_effective_directive (csp, 0, "script-src-attr", &effective);
  g_assert_cmpstr (effective, ==, "script-src");
  cl_csp_get_effective_directive (csp, 0, "img-src", &effective);
  g_assert_cmpstr (effective, ==, "default-src");
  cl_csp_get_effective_directive (csp, 0, "style-src-elem", &effective);
  g_assert_cmpstr (effective, ==, "default-src");

  /* no fallback for document and navigation directives */
  g_assert_null (cl_csp_get_effective_directive (csp, 0, "frame-ancestors", &effective));
  g_assert_null (effective);
  g_assert_null (cl_csp_get_effective_directive (csp, 0, "base-uri", NULL));
  g_assert_null (cl_csp_get_effective_directive (csp, 0, "form-action", NULL));
  g_assert_true (cl_csp_allows (csp, "frame-ancestors", CL_CSP_SOURCE_WILDCARD));

  g_assert_false (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_WILDCARD));
  g_assert_true (cl_csp_allows (csp, "img-src", CL_CSP_SOURCE_WILDCARD));
  g_assert_true (cl_csp_allows (csp, "object-src", CL_CSP_SOURCE_WILDCARD));

  g_clear_pointer (&csp, cl_csp_free);
  csp = cl_csp_parse ("default-src 'self' 'unsafe-inline'");
  g_assert_true (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_assert_true (cl_csp_allows (csp, "script-src-attr", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_assert_true (cl_csp_allows (csp, "style-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_assert_false (cl_csp_allows (csp, "script-src", CL_CSP_SOURCE_UNSAFE_EVAL));
}

static void
test_unsafe_inline (void)
{
  g_assert_true (allows ("script-src 'self' 'unsafe-inline'", "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  /* §6.7.3.3: a nonce or a hash voids 'unsafe-inline' */
  g_assert_false (allows ("script-src 'unsafe-inline' 'nonce-r4nd0m'", "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_assert_false (allows ("script-src 'unsafe-inline' 'sha256-abc='", "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_assert_false (allows ("style-src 'unsafe-inline' 'SHA384-abc='", "style-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  /* ...but not a malformed one */
  g_assert_true (allows ("script-src 'unsafe-inline' 'nonce-'", "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_assert_true (allows ("script-src 'unsafe-inline' 'sha1-abc='", "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  /* §8.2: 'strict-dynamic' voids it for scripts only */
  g_assert_false (allows ("script-src 'unsafe-inline' 'strict-dynamic'", "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_assert_true (allows ("style-src 'unsafe-inline' 'strict-dynamic'", "style-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  /* 'none' alongside other sources does nothing */
  g_assert_true (allows ("script-src 'none' 'unsafe-inline'", "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  /* without quotes it is a host named unsafe-inline */
  g_assert_false (allows ("script-src unsafe-inline", "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  /* a per-element directive decides over script-src */
  g_assert_false (allows ("script-src 'unsafe-inline'; script-src-elem 'self'", "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_assert_true (allows ("script-src 'unsafe-inline'; script-src-elem 'self'", "script-src-attr", CL_CSP_SOURCE_UNSAFE_INLINE));
}

static void
test_unsafe_eval (void)
{
  g_assert_true (allows ("script-src 'self' 'unsafe-eval'", "script-src", CL_CSP_SOURCE_UNSAFE_EVAL));
  g_assert_true (allows ("default-src 'unsafe-eval'", "script-src", CL_CSP_SOURCE_UNSAFE_EVAL));
  g_assert_false (allows ("default-src 'self'", "script-src", CL_CSP_SOURCE_UNSAFE_EVAL));
  /* 'strict-dynamic' does not void 'unsafe-eval' */
  g_assert_true (allows ("script-src 'strict-dynamic' 'nonce-a' 'unsafe-eval'", "script-src", CL_CSP_SOURCE_UNSAFE_EVAL));
  /* 'wasm-unsafe-eval' is not 'unsafe-eval' */
  g_assert_false (allows ("script-src 'wasm-unsafe-eval'", "script-src", CL_CSP_SOURCE_UNSAFE_EVAL));
  /* no script restriction at all */
  g_assert_true (allows ("img-src 'self'", "script-src", CL_CSP_SOURCE_UNSAFE_EVAL));
}

static void
test_sources (void)
{
  const char *wildcards[] = { "*", "https:", "http:", "wss:", "ws:", "https://*", "*:443", "http://*:8080/path" };
  const char *not_wildcards[] = { "*.example.com", "https://example.com", "'self'", "example.com", "data:",
                                  "blob:", "'*'", "https://*.example.com", "localhost:8080", "ftp:" };
  const char *cleartext[] = { "http:", "ws:", "http://cdn.example.com", "HTTP://x", "ws://chat.example:81" };
  const char *not_cleartext[] = { "https:", "https://x", "*", "'self'", "cdn.example.com", "http", "wss://x", "httpx:" };

  for (guint i = 0; i < G_N_ELEMENTS (wildcards); i++)
    {
      g_autofree char *policy = g_strdup_printf ("script-src 'self' %s", wildcards[i]);

      g_assert_true (allows (policy, "script-src-elem", CL_CSP_SOURCE_WILDCARD));
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_wildcards); i++)
    {
      g_autofree char *policy = g_strdup_printf ("script-src 'self' %s", not_wildcards[i]);

      g_assert_false (allows (policy, "script-src-elem", CL_CSP_SOURCE_WILDCARD));
    }
  for (guint i = 0; i < G_N_ELEMENTS (cleartext); i++)
    {
      g_autofree char *policy = g_strdup_printf ("script-src 'self' %s", cleartext[i]);

      g_assert_true (allows (policy, "script-src-elem", CL_CSP_SOURCE_HTTP));
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_cleartext); i++)
    {
      g_autofree char *policy = g_strdup_printf ("script-src 'self' %s", not_cleartext[i]);

      g_assert_false (allows (policy, "script-src-elem", CL_CSP_SOURCE_HTTP));
    }

  g_assert_true (allows ("object-src data:", "object-src", CL_CSP_SOURCE_DATA));
  g_assert_false (allows ("object-src 'none'", "object-src", CL_CSP_SOURCE_DATA));
  g_assert_false (allows ("object-src *", "object-src", CL_CSP_SOURCE_DATA));
  g_assert_false (allows ("object-src 'none'", "object-src", CL_CSP_SOURCE_WILDCARD));

  /* §8.2: 'strict-dynamic' voids host and scheme sources for scripts */
  g_assert_false (allows ("script-src 'strict-dynamic' 'nonce-a' https: http: * data:",
                          "script-src-elem", CL_CSP_SOURCE_WILDCARD));
  g_assert_false (allows ("script-src 'strict-dynamic' 'nonce-a' http:", "script-src-elem", CL_CSP_SOURCE_HTTP));
  g_assert_false (allows ("script-src 'strict-dynamic' 'nonce-a' data:", "script-src-elem", CL_CSP_SOURCE_DATA));
  g_assert_true (allows ("default-src 'strict-dynamic' *", "img-src", CL_CSP_SOURCE_WILDCARD));
}

static void
test_hostile (void)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(ClCsp) csp = NULL;
  gint64 start;

  /* 100 kB, what libsoup lets through at most: many directives, many
   * duplicates, many policies, many sources; linear time */
  for (guint i = 0; big->len < 100 * 1024; i++)
    g_string_append_printf (big, "d%u a b c;script-src *;, ", i);

  start = g_get_monotonic_time ();
  csp = cl_csp_parse (big->str);
  g_assert_cmpuint (cl_csp_get_n_policies (csp), >, 1000);
  g_assert_true (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_WILDCARD));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_clear_pointer (&csp, cl_csp_free);

  g_string_truncate (big, 0);
  g_string_append (big, "script-src");
  while (big->len < 100 * 1024)
    g_string_append (big, " 'unsafe-inline'");
  csp = cl_csp_parse (big->str);
  g_assert_true (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_clear_pointer (&csp, cl_csp_free);

  /* odd bytes that are still ASCII */
  csp = cl_csp_parse ("script-src \x01\x02 ' \x7f ' : :// ://x ' '' 'nonce 'sha256- 'nonce-' https//x;\x7f;'");
  g_assert_cmpuint (cl_csp_get_n_policies (csp), ==, 1);
  assert_list (cl_csp_get_directive (csp, 0, "\x7f"), "");
  g_assert_false (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE));
  g_assert_false (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_WILDCARD));
  g_assert_false (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_HTTP));
  g_assert_false (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_DATA));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csp/normal", test_normal);
  g_test_add_func ("/csp/case-and-whitespace", test_case_and_whitespace);
  g_test_add_func ("/csp/duplicates", test_duplicates);
  g_test_add_func ("/csp/empty", test_empty);
  g_test_add_func ("/csp/non-ascii", test_non_ascii);
  g_test_add_func ("/csp/multiple-policies", test_multiple_policies);
  g_test_add_func ("/csp/fallbacks", test_fallbacks);
  g_test_add_func ("/csp/unsafe-inline", test_unsafe_inline);
  g_test_add_func ("/csp/unsafe-eval", test_unsafe_eval);
  g_test_add_func ("/csp/sources", test_sources);
  g_test_add_func ("/csp/hostile", test_hostile);

  return g_test_run ();
}
