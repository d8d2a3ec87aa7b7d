/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cookies-judge"

#include "config.h"

#include <string.h>

#include "cl-module-cookies-private.h"
#include "cl-scoring.h"
#include "cl-set-cookie.h"
#include "cl-test-util.h"

/* The Set-Cookie parser and the cookies module's judging, on recorded
 * headers. */

#define NOW 1767225600  /* 2026-01-01 00:00:00 UTC */
#define DAY 86400

/* Facts of one HTTPS response at https://shop.example/ setting @cookies
 * (NULL-terminated). */
static ClCookiesFacts *
facts_with (const char *first,
            ...)
{
  ClCookiesFacts *facts = _cl_cookies_facts_new ("shop.example", NOW);
  ClCookiesHop *hop = _cl_cookies_hop_new ("https://shop.example/", 200);
  va_list args;

  va_start (args, first);
  for (const char *c = first; c != NULL; c = va_arg (args, const char *))
    _cl_cookies_hop_add_cookie (hop, c);
  va_end (args);
  g_ptr_array_add (facts->hops, hop);

  return facts;
}

static ClModuleResult *
judge (ClCookiesFacts *facts)
{
  ClModuleResult *result = cl_module_result_new ("cookies");

  _cl_module_cookies_judge (facts, result);
  return result;
}

/* Exactly the rule ids @expected (space-separated, sorted), each once. */
static void
assert_rules (ClModuleResult *result,
              const char     *expected)
{
  g_autofree char *ids = cl_test_rule_ids (result);

  g_assert_cmpstr (ids, ==, expected);
}

static const char *
evidence_of (ClModuleResult *result,
             const char     *rule_id)
{
  ClFinding *finding = cl_test_find (result, rule_id);

  g_assert_nonnull (finding);
  g_assert_nonnull (cl_finding_get_finding (finding));
  g_assert_nonnull (cl_finding_get_remediation (finding));
  return cl_finding_get_evidence (finding);
}

/* Parser */

static void
test_parse_attributes (void)
{
  g_autoptr(ClSetCookie) c = NULL;
  g_autoptr(GError) error = NULL;
  gint64 lifetime;

  c = cl_set_cookie_parse (" id = a=b ; Secure;HTTPONLY ; SameSite=lax; Path=/app; "
                           "Domain=.Shop.Example; Max-Age=60; Expires=Wed, 21 Oct 2037 07:28:00 GMT; x",
                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->name, ==, "id");
  g_assert_true (c->secure);
  g_assert_true (c->http_only);
  g_assert_cmpint (c->same_site, ==, CL_SAME_SITE_LAX);
  g_assert_cmpstr (c->path, ==, "/app");
  g_assert_cmpstr (c->domain, ==, "shop.example");
  g_assert_true (c->has_max_age);
  g_assert_cmpint (c->max_age, ==, 60);
  g_assert_true (c->has_expires);
  g_assert_cmpint (c->expires, ==, 2139722880);
  /* Max-Age wins over Expires (RFC 6265 §5.3 step 3) */
  g_assert_true (cl_set_cookie_get_lifetime (c, NOW, &lifetime));
  g_assert_cmpint (lifetime, ==, 60);
}

static void
test_parse_defaults (void)
{
  g_autoptr(ClSetCookie) c = cl_set_cookie_parse ("a=", NULL);
  g_autoptr(ClSetCookie) d = NULL;
  gint64 lifetime = -1;

  g_assert_nonnull (c);
  g_assert_cmpstr (c->name, ==, "a");
  g_assert_false (c->secure || c->http_only || c->has_max_age || c->has_expires);
  g_assert_null (c->path);
  g_assert_null (c->domain);
  g_assert_cmpint (c->same_site, ==, CL_SAME_SITE_UNSET);
  g_assert_false (cl_set_cookie_get_lifetime (c, NOW, &lifetime));

  /* values browsers ignore: unknown SameSite, relative path, bad Max-Age,
   * unparsable Expires, empty Domain; and the last of two wins */
  d = cl_set_cookie_parse ("a=1; SameSite=Strict; SameSite=bogus; Path=rel; Max-Age=1e3; "
                           "Max-Age=; Expires=tomorrow; Domain=", NULL);
  g_assert_nonnull (d);
  g_assert_cmpint (d->same_site, ==, CL_SAME_SITE_UNSET);
  g_assert_null (d->path);
  g_assert_false (d->has_max_age);
  g_assert_false (d->has_expires);
  g_assert_null (d->domain);

  /* Expires alone counts from the time of the fetch */
  g_clear_pointer (&d, cl_set_cookie_free);
  d = cl_set_cookie_parse ("a=1; expires=Fri, 01 Jan 2027 00:00:00 GMT", NULL);
  g_assert_true (cl_set_cookie_get_lifetime (d, NOW, &lifetime));
  g_assert_cmpint (lifetime, ==, 365 * DAY);

  /* negative Max-Age: delete now; huge: saturated, not wrapped */
  g_clear_pointer (&d, cl_set_cookie_free);
  d = cl_set_cookie_parse ("a=1; Max-Age=-5", NULL);
  g_assert_cmpint (d->max_age, ==, -5);
  g_clear_pointer (&d, cl_set_cookie_free);
  d = cl_set_cookie_parse ("a=1; Max-Age=99999999999999999999999999", NULL);
  g_assert_cmpint (d->max_age, ==, G_MAXINT64);
}

static void
test_parse_refused (void)
{
  static const struct {
    const char *header;
    int         code;
  } cases[] = {
    { "novalue", CL_SET_COOKIE_ERROR_NO_EQUALS },
    { "novalue; a=b", CL_SET_COOKIE_ERROR_NO_EQUALS },
    { "", CL_SET_COOKIE_ERROR_NO_EQUALS },
    { "=value", CL_SET_COOKIE_ERROR_NO_NAME },
    { "  =value; Secure", CL_SET_COOKIE_ERROR_NO_NAME },
    { "a=b\nSet-Cookie: c=d", CL_SET_COOKIE_ERROR_CONTROL },
    { "a=b\x7f", CL_SET_COOKIE_ERROR_CONTROL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClSetCookie) c = cl_set_cookie_parse (cases[i].header, &error);

      g_assert_null (c);
      g_assert_error (error, CL_SET_COOKIE_ERROR, cases[i].code);
    }
}

/* A browser's limits: 4096 bytes of name and value, 1024 per attribute
 * value; a 10 MB header is refused without being walked. */
static void
test_parse_sizes (void)
{
  g_autofree char *value = g_strnfill (4094, 'v');
  g_autofree char *fits = g_strconcat ("a=", value, NULL);
  g_autofree char *over = g_strconcat ("a=", value, "v", NULL);
  g_autofree char *path = g_strnfill (1025, 'p');
  g_autofree char *long_path = g_strconcat ("a=1; Secure; Path=/", path, NULL);
  g_autofree char *huge = g_malloc (10 * 1024 * 1024 + 1);
  g_autoptr(ClSetCookie) c = NULL;
  g_autoptr(GError) error = NULL;

  c = cl_set_cookie_parse (fits, NULL);
  g_assert_nonnull (c);
  g_clear_pointer (&c, cl_set_cookie_free);

  c = cl_set_cookie_parse (over, &error);
  g_assert_null (c);
  g_assert_error (error, CL_SET_COOKIE_ERROR, CL_SET_COOKIE_ERROR_TOO_LONG);
  g_clear_error (&error);

  /* the over-long attribute is ignored, the others count */
  c = cl_set_cookie_parse (long_path, NULL);
  g_assert_nonnull (c);
  g_assert_null (c->path);
  g_assert_true (c->secure);
  g_clear_pointer (&c, cl_set_cookie_free);

  memset (huge, 'x', 10 * 1024 * 1024);
  huge[0] = 'a';
  huge[1] = '=';
  huge[10 * 1024 * 1024] = '\0';
  c = cl_set_cookie_parse (huge, &error);
  g_assert_null (c);
  g_assert_error (error, CL_SET_COOKIE_ERROR, CL_SET_COOKIE_ERROR_TOO_LONG);
}

static void
test_session_names (void)
{
  const char *session[] = { "PHPSESSID", "JSESSIONID", "ASP.NET_SessionId", "connect.sid",
                            "laravel_session", "sid", "auth_token", "jwt", "__Host-SESSION", NULL };
  const char *other[] = { "theme", "lang", "_ga", "consent", "cart_items", NULL };

  for (guint i = 0; session[i] != NULL; i++)
    g_assert_true (_cl_cookies_is_session_name (session[i]));
  for (guint i = 0; other[i] != NULL; i++)
    g_assert_false (_cl_cookies_is_session_name (other[i]));
}

/* Judge */

static void
test_no_cookies (void)
{
  g_autoptr(ClCookiesFacts) facts = facts_with (NULL);
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_rules (result, "");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

static void
test_careful (void)
{
  g_autoptr(ClCookiesFacts) facts = facts_with (
    "__Host-session=abc; Path=/; Secure; HttpOnly; SameSite=Lax",
    "__Secure-pref=1; Secure; SameSite=Strict; Max-Age=2592000",
    "theme=dark; Secure; SameSite=Lax; Expires=Fri, 01 Jan 2027 00:00:00 GMT",
    "gone=; Max-Age=0; Secure; SameSite=Lax",
    NULL);
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_rules (result, "");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

static void
test_session_cookie (void)
{
  g_autoptr(ClCookiesFacts) facts = facts_with ("PHPSESSID=1; Path=/", NULL);
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_rules (result, "cookies.samesite_missing cookies.session_no_httponly cookies.session_no_secure");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "cookies.session_no_secure")), ==,
                   CL_SEVERITY_HIGH);
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "cookies.session_no_httponly")), ==,
                   CL_SEVERITY_MEDIUM);
  g_assert_cmpstr (evidence_of (result, "cookies.session_no_secure"), ==, "PHPSESSID");
  /* high + medium + low */
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100 - 25 - 10 - 4);
}

/* One finding per rule, naming each offending cookie once. */
static void
test_one_finding_per_rule (void)
{
  g_autoptr(ClCookiesFacts) facts = facts_with ("a=1; SameSite=Lax",
                                                "b=1; SameSite=Lax",
                                                "a=2; SameSite=Lax",
                                                "c=1; Secure; SameSite=Lax",
                                                NULL);
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_rules (result, "cookies.no_secure");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "cookies.no_secure")), ==, CL_SEVERITY_LOW);
  g_assert_cmpstr (evidence_of (result, "cookies.no_secure"), ==, "a, b");
}

static void
test_same_site (void)
{
  g_autoptr(ClCookiesFacts) facts = facts_with ("x=1; SameSite=None",
                                                "y=1; SameSite=None; Secure",
                                                "z=1; Secure",
                                                "w=1; Secure; SameSite=whatever",
                                                NULL);
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_rules (result, "cookies.no_secure cookies.samesite_missing cookies.samesite_none_insecure");
  g_assert_cmpstr (evidence_of (result, "cookies.samesite_none_insecure"), ==, "x");
  g_assert_cmpstr (evidence_of (result, "cookies.samesite_missing"), ==, "z, w");
  g_assert_cmpstr (evidence_of (result, "cookies.no_secure"), ==, "x");
}

static void
test_prefixes (void)
{
  g_autoptr(ClCookiesFacts) facts = facts_with (
    "__Host-a=1; Secure; Path=/; SameSite=Lax",                       /* fine */
    "__Host-b=1; Secure; Path=/app; SameSite=Lax",                    /* path */
    "__host-c=1; Secure; Path=/; Domain=shop.example; SameSite=Lax",  /* domain; any case */
    "__Host-d=1; Secure; SameSite=Lax",                               /* no path */
    "__Secure-e=1; SameSite=Lax",                                     /* no Secure */
    "__Secure-f=1; Secure; SameSite=Lax",                             /* fine */
    NULL);
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_rules (result, "cookies.host_prefix_invalid cookies.no_secure cookies.secure_prefix_invalid");
  g_assert_cmpstr (evidence_of (result, "cookies.host_prefix_invalid"), ==,
                   "__Host-b (Path is not /), __host-c (has a Domain), __Host-d (Path is not /)");
  g_assert_cmpstr (evidence_of (result, "cookies.secure_prefix_invalid"), ==, "__Secure-e");
}

static void
test_lifetime (void)
{
  g_autoptr(ClCookiesFacts) facts = facts_with (
    "year=1; Secure; SameSite=Lax; Max-Age=31536000",                              /* exactly a year */
    "long=1; Secure; SameSite=Lax; Max-Age=63072000",                              /* two */
    "far=1; Secure; SameSite=Lax; Expires=Thu, 01 Jan 2037 00:00:00 GMT",          /* eleven */
    "short=1; Secure; SameSite=Lax; Max-Age=60; Expires=Thu, 01 Jan 2037 00:00:00 GMT",
    NULL);
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_rules (result, "cookies.long_lifetime");
  g_assert_cmpstr (evidence_of (result, "cookies.long_lifetime"), ==, "long (730 days), far (4018 days)");
}

/* Cookies of every response along the chain count; over plain HTTP
 * Secure cannot be set, so it is not asked for. */
static void
test_chain_and_http (void)
{
  g_autoptr(ClCookiesFacts) facts = _cl_cookies_facts_new ("shop.example", NOW);
  g_autoptr(ClModuleResult) result = NULL;
  ClCookiesHop *redirect = _cl_cookies_hop_new ("https://shop.example/", 302);
  ClCookiesHop *page = _cl_cookies_hop_new ("https://shop.example/home", 200);
  ClCookiesHop *plain = _cl_cookies_hop_new ("http://shop.example/old", 200);

  _cl_cookies_hop_add_cookie (redirect, "sid=1; HttpOnly; SameSite=Lax");
  _cl_cookies_hop_add_cookie (page, "token=1; HttpOnly; SameSite=Lax");
  _cl_cookies_hop_add_cookie (plain, "lang=en; SameSite=Lax");
  _cl_cookies_hop_add_cookie (plain, "__Secure-x=1; SameSite=Lax");
  g_ptr_array_add (facts->hops, redirect);
  g_ptr_array_add (facts->hops, page);
  g_ptr_array_add (facts->hops, plain);
  result = judge (facts);

  assert_rules (result, "cookies.session_no_secure");
  g_assert_cmpstr (evidence_of (result, "cookies.session_no_secure"), ==, "sid, token");
}

/* What a browser ignores is information, never a cookie judged; what
 * was not read is said; evidence shows no raw control bytes. */
static void
test_ignored_and_caps (void)
{
  g_autoptr(ClCookiesFacts) facts = facts_with ("justaname", "=nameless", NULL);
  g_autoptr(ClModuleResult) result = NULL;
  ClCookiesHop *hop = g_ptr_array_index (facts->hops, 0);
  g_autofree char *huge = g_strnfill (10 * 1024 * 1024, 'x');
  const char *evidence;

  huge[0] = 'a';
  huge[1] = '=';
  _cl_cookies_hop_add_cookie (hop, huge);
  /* stored cut short, still known to be too long */
  g_assert_cmpuint (strlen (g_ptr_array_index (hop->set_cookies, 2)), ==, CL_SET_COOKIE_MAX_LENGTH + 1);
  for (guint i = 0; i < CL_COOKIES_MAX_PER_RESPONSE + 7; i++)
    _cl_cookies_hop_add_cookie (hop, "n=1; Secure; SameSite=Lax");
  g_assert_cmpuint (hop->set_cookies->len, ==, CL_COOKIES_MAX_PER_RESPONSE);
  g_assert_cmpuint (hop->dropped, ==, 10);

  result = judge (facts);
  assert_rules (result, "cookies.ignored");
  g_assert_cmpint (cl_finding_get_severity (cl_test_find (result, "cookies.ignored")), ==, CL_SEVERITY_INFO);
  evidence = evidence_of (result, "cookies.ignored");
  g_assert_nonnull (strstr (evidence, "“justaname”"));
  g_assert_nonnull (strstr (evidence, "“=nameless”"));
  g_assert_nonnull (strstr (evidence, "“a=xxx"));
  g_assert_nonnull (strstr (evidence, "10 more Set-Cookie headers not read"));
  g_assert_cmpuint (strlen (evidence), <, 2000);
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

static void
test_evidence_quoting (void)
{
  g_autoptr(ClCookiesFacts) facts = facts_with ("sid\xe2\x80\xae\xff=1; SameSite=Lax; Secure", NULL);
  g_autoptr(ClModuleResult) result = judge (facts);
  const char *evidence;

  assert_rules (result, "cookies.session_no_httponly");
  evidence = evidence_of (result, "cookies.session_no_httponly");
  g_assert_true (g_utf8_validate (evidence, -1, NULL));
  g_assert_null (strstr (evidence, "\xe2\x80\xae"));  /* no bidi override */
}

static void
test_many_listed (void)
{
  g_autoptr(ClCookiesFacts) facts = facts_with (NULL);
  g_autoptr(ClModuleResult) result = NULL;
  ClCookiesHop *hop = g_ptr_array_index (facts->hops, 0);

  for (guint i = 0; i < CL_COOKIES_MAX_LISTED + 3; i++)
    {
      g_autofree char *c = g_strdup_printf ("c%u=1; Secure", i);
      _cl_cookies_hop_add_cookie (hop, c);
    }
  result = judge (facts);

  assert_rules (result, "cookies.samesite_missing");
  g_assert_true (g_str_has_suffix (evidence_of (result, "cookies.samesite_missing"), "c19 and 3 more"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cookies/parse/attributes", test_parse_attributes);
  g_test_add_func ("/cookies/parse/defaults", test_parse_defaults);
  g_test_add_func ("/cookies/parse/refused", test_parse_refused);
  g_test_add_func ("/cookies/parse/sizes", test_parse_sizes);
  g_test_add_func ("/cookies/judge/session-names", test_session_names);
  g_test_add_func ("/cookies/judge/no-cookies", test_no_cookies);
  g_test_add_func ("/cookies/judge/careful", test_careful);
  g_test_add_func ("/cookies/judge/session-cookie", test_session_cookie);
  g_test_add_func ("/cookies/judge/one-finding-per-rule", test_one_finding_per_rule);
  g_test_add_func ("/cookies/judge/same-site", test_same_site);
  g_test_add_func ("/cookies/judge/prefixes", test_prefixes);
  g_test_add_func ("/cookies/judge/lifetime", test_lifetime);
  g_test_add_func ("/cookies/judge/chain-and-http", test_chain_and_http);
  g_test_add_func ("/cookies/judge/ignored-and-caps", test_ignored_and_caps);
  g_test_add_func ("/cookies/judge/evidence-quoting", test_evidence_quoting);
  g_test_add_func ("/cookies/judge/many-listed", test_many_listed);

  return g_test_run ();
}
