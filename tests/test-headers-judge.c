/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-headers-judge"

#include "config.h"

#include <string.h>

#include "cl-module-headers-private.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The headers module's judging, on recorded responses. */

#define GOOD_HEADERS \
  "Strict-Transport-Security: max-age=63072000; includeSubDomains; preload\r\n" \
  "Content-Security-Policy: default-src 'self'; object-src 'none'; base-uri 'self'; " \
  "form-action 'self'; frame-ancestors 'none'\r\n" \
  "X-Frame-Options: DENY\r\n" \
  "X-Content-Type-Options: nosniff\r\n"

#define ORIGIN "https://5eed1e55-probe.invalid"

/* A hop from a raw response head, "HTTP/1.1 200 OK\r\nName: value\r\n". */
static ClHeadersHop *
hop (const char *url,
     const char *head)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autofree char *raw = g_strconcat (head, "\r\n", NULL);
  guint status = 0;

  if (!soup_headers_parse_response (raw, strlen (raw), headers, NULL, &status, NULL))
    g_error ("bad response head in test: %s", head);

  return _cl_headers_hop_new (url, status, headers);
}

static void
add (ClHeadersChain *chain,
     ClHeadersHop   *h)
{
  g_ptr_array_add (chain->hops, h);
}

/* good.example as the world builds it, with @page_headers on the HTTPS
 * answer (HSTS included) and the CORS probe answered plainly. */
static ClHeadersFacts *
facts_with (const char *page_headers)
{
  ClHeadersFacts *facts = _cl_headers_facts_new ("good.example");
  g_autofree char *head = g_strconcat ("HTTP/1.1 200 OK\r\n", page_headers, NULL);

  add (facts->http, hop ("http://good.example/",
                         "HTTP/1.1 301 Moved Permanently\r\nLocation: https://good.example/\r\n"));
  add (facts->http, hop ("https://good.example/", head));
  add (facts->https, hop ("https://good.example/", head));
  facts->cors_origin = g_strdup (ORIGIN);
  facts->cors = hop ("https://good.example/", head);

  return facts;
}

/* The same with a good page, and HSTS @hsts (NULL: none). */
static ClHeadersFacts *
facts_with_hsts (const char *hsts)
{
  g_autofree char *headers = g_strconcat (hsts ? "Strict-Transport-Security: " : "",
                                          hsts ? hsts : "", hsts ? "\r\n" : "",
                                          "Content-Security-Policy: default-src 'self'; object-src 'none'\r\n"
                                          "X-Frame-Options: DENY\r\n"
                                          "X-Content-Type-Options: nosniff\r\n", NULL);

  return facts_with (headers);
}

/* The same with HSTS and framing right and CSP @csp (NULL: none). */
static ClHeadersFacts *
facts_with_csp (const char *csp)
{
  g_autofree char *headers = g_strconcat ("Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n"
                                          "X-Frame-Options: DENY\r\n"
                                          "X-Content-Type-Options: nosniff\r\n",
                                          csp ? "Content-Security-Policy: " : "",
                                          csp ? csp : "", csp ? "\r\n" : "", NULL);

  return facts_with (headers);
}

static ClModuleResult *
judge (ClHeadersFacts *facts)
{
  ClModuleResult *result = cl_module_result_new ("headers");

  _cl_module_headers_judge (facts, result);
  return result;
}

/* @result has exactly the findings @expected ("id:severity id:severity"),
 * each once; evidence, finding and remediation are never empty. */
static void
assert_findings (ClModuleResult *result,
                 const char     *expected)
{
  g_auto(GStrv) wanted = g_strsplit (expected, " ", -1);
  GPtrArray *findings = cl_module_result_get_findings (result);
  g_autofree char *ids = cl_test_rule_ids (result);
  guint n = 0;

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      g_auto(GStrv) pair = NULL;
      ClFinding *finding;

      if (wanted[i][0] == '\0')
        continue;

      pair = g_strsplit (wanted[i], ":", 2);
      finding = cl_test_find (result, pair[0]);
      if (finding == NULL)
        g_error ("expected %s, got: %s", pair[0], ids);
      g_assert_cmpstr (cl_severity_to_string (cl_finding_get_severity (finding)), ==, pair[1]);
      n++;
    }

  if (findings->len != n)
    g_error ("expected exactly “%s”, got: %s", expected, ids);

  for (guint i = 0; i < findings->len; i++)
    {
      ClFinding *finding = g_ptr_array_index (findings, i);

      g_assert_true (g_str_has_prefix (cl_finding_get_rule_id (finding), "headers."));
      g_assert_cmpstr (cl_finding_get_module_id (finding), ==, "headers");
      g_assert_nonnull (cl_finding_get_evidence (finding));
      g_assert_cmpuint (strlen (cl_finding_get_evidence (finding)), >, 0);
      g_assert_cmpuint (strlen (cl_finding_get_finding (finding)), >, 0);
      g_assert_cmpuint (strlen (cl_finding_get_remediation (finding)), >, 0);
      g_assert_true (g_utf8_validate (cl_finding_get_evidence (finding), -1, NULL));
    }
}

static const char *
evidence_of (ClModuleResult *result,
             const char     *rule_id)
{
  ClFinding *finding = cl_test_find (result, rule_id);

  g_assert_nonnull (finding);
  return cl_finding_get_evidence (finding);
}

static void
assert_judged (ClHeadersFacts *facts,
               const char     *expected)
{
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_findings (result, expected);
}

static void
test_good (void)
{
  g_autoptr(ClHeadersFacts) facts = facts_with (GOOD_HEADERS);
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_findings (result, "");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

/* bad.example: same page on both ports, no redirect, no security
 * headers, the Origin reflected with credentials. */
static void
test_bad (void)
{
  g_autoptr(ClHeadersFacts) facts = _cl_headers_facts_new ("bad.example");
  g_autoptr(ClModuleResult) result = NULL;
  const char *head = "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nX-Powered-By: PHP/5.4.45\r\n"
                     "Access-Control-Allow-Credentials: true\r\n";
  g_autofree char *cors = g_strconcat (head, "Access-Control-Allow-Origin: " ORIGIN "\r\n", NULL);
  guint score;

  add (facts->http, hop ("http://bad.example/", head));
  add (facts->https, hop ("https://bad.example/", head));
  facts->cors_origin = g_strdup (ORIGIN);
  facts->cors = hop ("https://bad.example/", cors);

  result = judge (facts);
  assert_findings (result,
                   "headers.no_https_redirect:high headers.hsts_missing:high "
                   "headers.csp_missing:medium headers.xfo_missing:low "
                   "headers.nosniff_missing:low headers.cors_reflects_origin_with_credentials:high");

  score = cl_scoring_module_score (cl_module_result_get_findings (result));
  g_assert_cmpuint (score, <=, 34);
  g_assert_true (strstr (evidence_of (result, "headers.cors_reflects_origin_with_credentials"), ORIGIN));
  g_assert_true (strstr (evidence_of (result, "headers.no_https_redirect"), "http://bad.example/ 200"));
}

/* fair.example: redirect, short HSTS without includeSubDomains, CSP with
 * 'unsafe-inline', no X-Frame-Options, nosniff. */
static void
test_fair (void)
{
  g_autoptr(ClHeadersFacts) facts = facts_with ("Strict-Transport-Security: max-age=86400\r\n"
                                                "Content-Security-Policy: default-src 'self' 'unsafe-inline'\r\n"
                                                "X-Content-Type-Options: nosniff\r\n");
  g_autoptr(ClModuleResult) result = judge (facts);
  guint score;

  assert_findings (result,
                   "headers.hsts_short_max_age:medium headers.hsts_no_include_subdomains:low "
                   "headers.csp_unsafe_inline:medium headers.xfo_missing:low");
  score = cl_scoring_module_score (cl_module_result_get_findings (result));
  g_assert_cmpuint (score, >=, 55);
  g_assert_cmpuint (score, <=, 89);
  g_assert_true (strstr (evidence_of (result, "headers.hsts_short_max_age"), "max-age=86400"));
  g_assert_true (strstr (evidence_of (result, "headers.csp_unsafe_inline"), "default-src 'self' 'unsafe-inline'"));
}

static void
test_redirect (void)
{
  g_autoptr(ClHeadersFacts) facts = NULL;
  g_autoptr(ClModuleResult) result = NULL;

  /* the first hop goes to www on HTTPS: this host's HSTS is never seen */
  facts = facts_with (GOOD_HEADERS);
  g_ptr_array_set_size (facts->http->hops, 0);
  add (facts->http, hop ("http://good.example/",
                         "HTTP/1.1 301 Moved\r\nLocation: https://www.good.example/\r\n"));
  add (facts->http, hop ("https://www.good.example/", "HTTP/1.1 200 OK\r\n" GOOD_HEADERS));
  result = judge (facts);
  assert_findings (result, "headers.https_redirect_indirect:low");
  g_assert_true (strstr (evidence_of (result, "headers.https_redirect_indirect"),
                         "http://good.example/ 301 → https://www.good.example/ 200"));
  g_clear_pointer (&facts, _cl_headers_facts_free);
  g_clear_object (&result);

  /* HTTP to HTTP first, HTTPS later */
  facts = facts_with (GOOD_HEADERS);
  g_ptr_array_set_size (facts->http->hops, 0);
  add (facts->http, hop ("http://good.example/", "HTTP/1.1 302 Found\r\nLocation: /start\r\n"));
  g_assert_cmpstr (((ClHeadersHop *)g_ptr_array_index (facts->http->hops, 0))->location, ==,
                   "http://good.example/start");
  add (facts->http, hop ("http://good.example/start",
                         "HTTP/1.1 301 Moved\r\nLocation: https://good.example/start\r\n"));
  add (facts->http, hop ("https://good.example/start", "HTTP/1.1 200 OK\r\n" GOOD_HEADERS));
  assert_judged (facts, "headers.https_redirect_indirect:low");
  g_clear_pointer (&facts, _cl_headers_facts_free);

  /* a redirect that stays on HTTP, leaving the site */
  facts = facts_with (GOOD_HEADERS);
  g_ptr_array_set_size (facts->http->hops, 0);
  add (facts->http, hop ("http://good.example/",
                         "HTTP/1.1 301 Moved\r\nLocation: http://elsewhere.example/\r\n"));
  facts->http->stopped = g_strdup ("another site");
  assert_judged (facts, "headers.no_https_redirect:high");
  g_clear_pointer (&facts, _cl_headers_facts_free);

  /* HTTPS off-site still counts as a redirect to HTTPS, but not a direct one */
  facts = facts_with (GOOD_HEADERS);
  g_ptr_array_set_size (facts->http->hops, 0);
  add (facts->http, hop ("http://good.example/",
                         "HTTP/1.1 308 Permanent Redirect\r\nLocation: https://elsewhere.example/\r\n"));
  facts->http->stopped = g_strdup ("another site");
  assert_judged (facts, "headers.https_redirect_indirect:low");
  g_clear_pointer (&facts, _cl_headers_facts_free);

  /* a 3xx without Location is no redirect */
  facts = facts_with (GOOD_HEADERS);
  g_ptr_array_set_size (facts->http->hops, 0);
  add (facts->http, hop ("http://good.example/", "HTTP/1.1 301 Moved\r\n"));
  assert_judged (facts, "headers.no_https_redirect:high");
  g_clear_pointer (&facts, _cl_headers_facts_free);

  /* a redirect on HTTP that then fails */
  facts = facts_with (GOOD_HEADERS);
  g_ptr_array_set_size (facts->http->hops, 0);
  add (facts->http, hop ("http://good.example/", "HTTP/1.1 301 Moved\r\nLocation: http://www.good.example/\r\n"));
  add (facts->http, _cl_headers_hop_new_failed ("http://www.good.example/", "Connection refused"));
  g_clear_object (&result);
  result = judge (facts);
  assert_findings (result, "headers.no_https_redirect:high");
  g_assert_true (strstr (evidence_of (result, "headers.no_https_redirect"), "Connection refused"));
  g_clear_pointer (&facts, _cl_headers_facts_free);

  /* nothing on port 80: nothing to redirect */
  facts = facts_with (GOOD_HEADERS);
  g_ptr_array_set_size (facts->http->hops, 0);
  add (facts->http, _cl_headers_hop_new_failed ("http://good.example/", "Connection refused"));
  assert_judged (facts, "");
  g_clear_pointer (&facts, _cl_headers_facts_free);

  /* HTTPS that sends the browser back to HTTP */
  facts = facts_with (GOOD_HEADERS);
  g_ptr_array_set_size (facts->https->hops, 0);
  add (facts->https, hop ("https://good.example/",
                          "HTTP/1.1 301 Moved\r\n"
                          "Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n"
                          "Location: http://good.example/plain\r\n"));
  facts->https->stopped = g_strdup ("leaves HTTPS");
  assert_judged (facts, "headers.https_downgrade:high headers.page_not_judged:info");
}

static void
test_https_unavailable (void)
{
  g_autoptr(ClHeadersFacts) facts = _cl_headers_facts_new ("plain.example");
  g_autoptr(ClModuleResult) result = NULL;

  add (facts->http, hop ("http://plain.example/",
                         "HTTP/1.1 200 OK\r\n"
                         "Content-Security-Policy: default-src 'self'; object-src 'none'\r\n"
                         "X-Frame-Options: SAMEORIGIN\r\n"
                         "X-Content-Type-Options: nosniff\r\n"));
  add (facts->https, _cl_headers_hop_new_failed ("https://plain.example/", "no answer within 2 s"));

  /* the page is judged from HTTP; HSTS cannot apply */
  result = judge (facts);
  assert_findings (result, "headers.no_https_redirect:high headers.https_unavailable:high");
  g_assert_true (strstr (evidence_of (result, "headers.https_unavailable"), "no answer within 2 s"));
  g_clear_object (&result);

  /* redirected to an HTTPS that does not answer: the page is not reached */
  g_ptr_array_set_size (facts->http->hops, 0);
  add (facts->http, hop ("http://plain.example/",
                         "HTTP/1.1 301 Moved\r\nLocation: https://plain.example/\r\n"));
  add (facts->http, _cl_headers_hop_new_failed ("https://plain.example/", "Connection refused"));
  assert_judged (facts, "headers.https_unavailable:high headers.page_not_judged:info");

  /* the page from HTTP, with nothing on it */
  g_ptr_array_set_size (facts->http->hops, 0);
  add (facts->http, hop ("http://plain.example/", "HTTP/1.1 200 OK\r\n"));
  assert_judged (facts, "headers.no_https_redirect:high headers.https_unavailable:high "
                        "headers.csp_missing:medium headers.xfo_missing:low headers.nosniff_missing:low");
}

static void
test_hsts (void)
{
  const struct {
    const char *hsts;
    const char *expected;
  } cases[] = {
    { NULL, "headers.hsts_missing:high" },
    { "max-age=63072000; includeSubDomains", "" },
    /* the one-year boundary */
    { "max-age=31536000; includeSubDomains", "" },
    { "max-age=31535999; includeSubDomains", "headers.hsts_short_max_age:medium" },
    { "max-age=15768000; includeSubDomains", "headers.hsts_short_max_age:medium" },
    { "max-age=1; includeSubDomains", "headers.hsts_short_max_age:medium" },
    { "max-age=31536000", "headers.hsts_no_include_subdomains:low" },
    { "max-age=86400", "headers.hsts_short_max_age:medium headers.hsts_no_include_subdomains:low" },
    { "max-age=\"31536000\"; includeSubDomains", "" },
    { "MAX-AGE=99999999999; INCLUDESUBDOMAINS", "" },
    /* max-age=0 switches HSTS off */
    { "max-age=0; includeSubDomains", "headers.hsts_missing:high" },
    /* invalid headers are ignored by browsers, so as bad as none */
    { "max-age=31536000; max-age=31536000; includeSubDomains", "headers.hsts_invalid:high" },
    { "includeSubDomains", "headers.hsts_invalid:high" },
    { "max-age=1y", "headers.hsts_invalid:high" },
    { "max-age=31536000 includeSubDomains", "headers.hsts_invalid:high" },
    { "", "headers.hsts_invalid:high" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClHeadersFacts) facts = facts_with_hsts (cases[i].hsts);

      g_test_message ("HSTS: %s", cases[i].hsts ? cases[i].hsts : "(none)");
      assert_judged (facts, cases[i].expected);
    }
}

static void
test_hsts_evidence (void)
{
  g_autoptr(ClHeadersFacts) facts = facts_with_hsts ("max-age=100; max-age=100");
  g_autoptr(ClModuleResult) result = judge (facts);
  const char *evidence = evidence_of (result, "headers.hsts_invalid");

  /* the header as seen, and why it is invalid */
  g_assert_true (strstr (evidence, "max-age=100; max-age=100"));
  g_assert_true (strstr (evidence, "max-age"));
  g_clear_object (&result);
  g_clear_pointer (&facts, _cl_headers_facts_free);

  facts = facts_with_hsts (NULL);
  result = judge (facts);
  g_assert_true (strstr (evidence_of (result, "headers.hsts_missing"), "https://good.example/"));
}

static void
test_hsts_first_field (void)
{
  g_autoptr(ClHeadersFacts) facts = NULL;

  /* RFC 6797 §8.1: only the first field counts */
  facts = facts_with ("Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n"
                      "Strict-Transport-Security: max-age=0\r\n"
                      "Content-Security-Policy: default-src 'self'\r\n"
                      "X-Frame-Options: DENY\r\nX-Content-Type-Options: nosniff\r\n");
  assert_judged (facts, "");
  g_clear_pointer (&facts, _cl_headers_facts_free);

  facts = facts_with ("Strict-Transport-Security: max-age=0\r\n"
                      "Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n"
                      "Content-Security-Policy: default-src 'self'\r\n"
                      "X-Frame-Options: DENY\r\nX-Content-Type-Options: nosniff\r\n");
  assert_judged (facts, "headers.hsts_missing:high");
}

static void
test_hsts_on_first_hop (void)
{
  g_autoptr(ClHeadersFacts) facts = facts_with (GOOD_HEADERS);

  /* https://good.example/ redirects to www without HSTS: the host the
   * user typed is not protected, even if www is */
  g_ptr_array_set_size (facts->https->hops, 0);
  add (facts->https, hop ("https://good.example/", "HTTP/1.1 301 Moved\r\nLocation: https://www.good.example/\r\n"));
  add (facts->https, hop ("https://www.good.example/", "HTTP/1.1 200 OK\r\n" GOOD_HEADERS));
  assert_judged (facts, "headers.hsts_missing:high");
}

static void
test_csp (void)
{
  const struct {
    const char *csp;
    const char *expected;
  } cases[] = {
    { "default-src 'self'; object-src 'none'", "" },
    { "default-src 'none'; script-src 'self'; style-src 'self'", "" },
    /* a strict CSP with nonces and 'strict-dynamic' */
    { "default-src 'self'; object-src 'none'; script-src 'nonce-r4nd0m' 'strict-dynamic' 'unsafe-inline' https: http:", "" },
    { NULL, "headers.csp_missing:medium" },
    { ";;  ;", "headers.csp_missing:medium" },
    { "default-src 'self' 'unsafe-inline'", "headers.csp_unsafe_inline:medium" },
    { "default-src 'self'; script-src 'self' 'unsafe-inline'", "headers.csp_unsafe_inline:medium" },
    { "default-src 'self'; script-src-attr 'unsafe-inline'", "headers.csp_unsafe_inline:medium" },
    { "default-src 'self'; script-src 'self' 'unsafe-inline' 'sha256-abc='", "" },
    { "default-src 'self'; style-src 'unsafe-inline'", "" },
    { "default-src 'self'; script-src 'self' 'unsafe-eval'", "headers.csp_unsafe_eval:low" },
    { "default-src 'self'; script-src *", "headers.csp_script_broad_source:medium" },
    { "default-src 'self'; script-src https:", "headers.csp_script_broad_source:medium" },
    { "default-src 'self'; script-src 'self' data:", "headers.csp_script_broad_source:medium" },
    { "default-src 'self'; script-src http://cdn.example", "headers.csp_script_insecure_scheme:medium" },
    { "default-src 'self'; script-src http:",
      "headers.csp_script_broad_source:medium headers.csp_script_insecure_scheme:medium" },
    { "default-src *", "headers.csp_script_broad_source:medium headers.csp_object_src_unrestricted:low" },
    { "default-src 'self'; object-src *", "headers.csp_object_src_unrestricted:low" },
    { "default-src 'self'; object-src data:", "headers.csp_object_src_unrestricted:low" },
    { "script-src 'self'; object-src 'none'", "headers.csp_no_default_src:low" },
    { "script-src 'self'", "headers.csp_object_src_unrestricted:low headers.csp_no_default_src:low" },
    /* scripts not restricted at all: no further script findings */
    { "img-src 'self'; frame-ancestors 'none'",
      "headers.csp_script_unrestricted:medium headers.csp_object_src_unrestricted:low headers.csp_no_default_src:low" },
    { "upgrade-insecure-requests",
      "headers.csp_script_unrestricted:medium headers.csp_object_src_unrestricted:low headers.csp_no_default_src:low" },
    /* two policies: both are enforced */
    { "default-src 'self' 'unsafe-inline', script-src 'self'; object-src 'none'", "" },
    /* the first of duplicates wins */
    { "default-src 'self'; default-src *", "" },
    { "default-src *; default-src 'self'", "headers.csp_script_broad_source:medium headers.csp_object_src_unrestricted:low" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClHeadersFacts) facts = facts_with_csp (cases[i].csp);

      g_test_message ("CSP: %s", cases[i].csp ? cases[i].csp : "(none)");
      assert_judged (facts, cases[i].expected);
    }
}

static void
test_csp_report_only (void)
{
  g_autoptr(ClHeadersFacts) facts = facts_with ("Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n"
                                                "Content-Security-Policy-Report-Only: default-src 'self'\r\n"
                                                "X-Frame-Options: DENY\r\nX-Content-Type-Options: nosniff\r\n");
  g_autoptr(ClModuleResult) result = judge (facts);

  assert_findings (result, "headers.csp_missing:medium");
  g_assert_true (strstr (evidence_of (result, "headers.csp_missing"), "Report-Only"));
}

static void
test_csp_repeated_header (void)
{
  /* two fields are two policies, as libsoup joins them with ", " */
  g_autoptr(ClHeadersFacts) facts = facts_with ("Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n"
                                                "Content-Security-Policy: default-src 'self' 'unsafe-inline'\r\n"
                                                "Content-Security-Policy: script-src 'self'; object-src 'none'\r\n"
                                                "X-Frame-Options: DENY\r\nX-Content-Type-Options: nosniff\r\n");

  assert_judged (facts, "");
}

static void
test_framing (void)
{
  const struct {
    const char *headers;
    const char *expected;
  } cases[] = {
    { "X-Frame-Options: DENY\r\n", "" },
    { "X-Frame-Options: sameorigin\r\n", "" },
    { "X-Frame-Options:  Deny \r\n", "" },
    /* HTML: conflicting values block */
    { "X-Frame-Options: DENY, ALLOWALL\r\n", "" },
    { "X-Frame-Options: SAMEORIGIN\r\nX-Frame-Options: DENY\r\n", "" },
    /* ALLOW-FROM is obsolete and ignored */
    { "X-Frame-Options: ALLOW-FROM https://partner.example/\r\n", "headers.xfo_missing:low" },
    { "X-Frame-Options: ALLOWALL\r\n", "headers.xfo_missing:low" },
    { "", "headers.xfo_missing:low" },
    /* frame-ancestors replaces X-Frame-Options */
    { "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\r\n", "" },
    { "Content-Security-Policy: default-src 'self'; frame-ancestors 'self' https://partner.example\r\n", "" },
    { "Content-Security-Policy: default-src 'self'; frame-ancestors *\r\nX-Frame-Options: DENY\r\n",
      "headers.xfo_missing:low" },
    { "Content-Security-Policy: default-src 'self'; frame-ancestors https:\r\n", "headers.xfo_missing:low" },
    /* default-src does not cover frame-ancestors */
    { "Content-Security-Policy: default-src 'none'\r\n", "headers.xfo_missing:low" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *headers = g_strconcat ("Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n"
                                              "X-Content-Type-Options: nosniff\r\n",
                                              strstr (cases[i].headers, "Content-Security-Policy") ? ""
                                                : "Content-Security-Policy: default-src 'self'\r\n",
                                              cases[i].headers, NULL);
      g_autoptr(ClHeadersFacts) facts = facts_with (headers);

      g_test_message ("framing: %s", cases[i].headers);
      assert_judged (facts, cases[i].expected);
    }
}

static void
test_nosniff (void)
{
  const struct {
    const char *headers;
    const char *expected;
  } cases[] = {
    { "X-Content-Type-Options: nosniff\r\n", "" },
    { "X-Content-Type-Options: NoSniff\r\n", "" },
    { "X-Content-Type-Options:  nosniff , other\r\n", "" },
    { "X-Content-Type-Options: other, nosniff\r\n", "headers.nosniff_missing:low" },
    { "X-Content-Type-Options: sniff\r\n", "headers.nosniff_missing:low" },
    { "X-Content-Type-Options: \"nosniff\"\r\n", "headers.nosniff_missing:low" },
    { "", "headers.nosniff_missing:low" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *headers = g_strconcat ("Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n"
                                              "Content-Security-Policy: default-src 'self'\r\n"
                                              "X-Frame-Options: DENY\r\n",
                                              cases[i].headers, NULL);
      g_autoptr(ClHeadersFacts) facts = facts_with (headers);

      g_test_message ("nosniff: %s", cases[i].headers);
      assert_judged (facts, cases[i].expected);
    }
}

static void
test_cors (void)
{
  const struct {
    const char *headers;
    const char *expected;
  } cases[] = {
    { "Access-Control-Allow-Origin: " ORIGIN "\r\nAccess-Control-Allow-Credentials: true\r\n",
      "headers.cors_reflects_origin_with_credentials:high" },
    { "Access-Control-Allow-Origin:  " ORIGIN " \r\nAccess-Control-Allow-Credentials: true \r\n",
      "headers.cors_reflects_origin_with_credentials:high" },
    { "Access-Control-Allow-Origin: *\r\nAccess-Control-Allow-Credentials: true\r\n",
      "headers.cors_wildcard_with_credentials:medium" },
    /* without credentials a reflection exposes only public data */
    { "Access-Control-Allow-Origin: " ORIGIN "\r\n", "" },
    { "Access-Control-Allow-Origin: *\r\n", "" },
    /* Fetch: only the exact "true" grants credentials */
    { "Access-Control-Allow-Origin: " ORIGIN "\r\nAccess-Control-Allow-Credentials: True\r\n", "" },
    /* a fixed trusted origin is fine */
    { "Access-Control-Allow-Origin: https://app.good.example\r\nAccess-Control-Allow-Credentials: true\r\n", "" },
    { "Access-Control-Allow-Credentials: true\r\n", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *head = g_strconcat ("HTTP/1.1 200 OK\r\n", GOOD_HEADERS, cases[i].headers, NULL);
      g_autoptr(ClHeadersFacts) facts = facts_with (GOOD_HEADERS);

      _cl_headers_hop_free (facts->cors);
      facts->cors = hop ("https://good.example/", head);
      g_test_message ("CORS: %s", cases[i].headers);
      assert_judged (facts, cases[i].expected);
    }

  /* no probe, or no answer to it: nothing to say */
  {
    g_autoptr(ClHeadersFacts) facts = facts_with (GOOD_HEADERS);

    _cl_headers_hop_free (facts->cors);
    facts->cors = _cl_headers_hop_new_failed ("https://good.example/", "timed out");
    assert_judged (facts, "");
    g_clear_pointer (&facts->cors, _cl_headers_hop_free);
    assert_judged (facts, "");
  }
}

static void
test_page_off_site (void)
{
  g_autoptr(ClHeadersFacts) facts = _cl_headers_facts_new ("brand.example");
  g_autoptr(ClModuleResult) result = NULL;

  /* the domain only redirects to another site: its HSTS is judged, the
   * document headers of a redirect are not */
  add (facts->http, hop ("http://brand.example/", "HTTP/1.1 301 Moved\r\nLocation: https://brand.example/\r\n"));
  add (facts->http, hop ("https://brand.example/", "HTTP/1.1 301 Moved\r\n"
                         "Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n"
                         "Location: https://www.other.example/brand\r\n"));
  facts->http->stopped = g_strdup ("another site");
  add (facts->https, hop ("https://brand.example/", "HTTP/1.1 301 Moved\r\n"
                          "Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n"
                          "Location: https://www.other.example/brand\r\n"));
  facts->https->stopped = g_strdup ("another site");

  result = judge (facts);
  assert_findings (result, "headers.page_not_judged:info");
  g_assert_true (strstr (evidence_of (result, "headers.page_not_judged"), "https://www.other.example/brand"));
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

static void
test_evidence_quoting (void)
{
  g_autoptr(GString) csp = g_string_new ("default-src 'self' 'unsafe-inline'");
  g_autofree char *headers = NULL;
  g_autoptr(ClHeadersFacts) facts = NULL;
  g_autoptr(ClModuleResult) result = NULL;
  const char *evidence;

  while (csp->len < 5000)
    g_string_append (csp, " https://a-very-long-host-name.example");
  headers = g_strconcat ("Strict-Transport-Security: max-age=5; \x01\xff\xfe junk\r\n"
                         "Content-Security-Policy: ", csp->str, "\r\n"
                         "X-Frame-Options: DENY\r\nX-Content-Type-Options: nosniff\r\n", NULL);
  facts = facts_with (headers);
  result = judge (facts);
  assert_findings (result, "headers.hsts_invalid:high headers.csp_unsafe_inline:medium");

  /* long values are cut */
  evidence = evidence_of (result, "headers.csp_unsafe_inline");
  g_assert_cmpuint (g_utf8_strlen (evidence, -1), <=, CL_HEADERS_EVIDENCE_MAX + 40);
  g_assert_nonnull (strstr (evidence, "…"));
  g_assert_true (g_str_has_prefix (evidence, "default-src 'self' 'unsafe-inline'"));

  /* control characters and invalid UTF-8 do not reach the report */
  evidence = evidence_of (result, "headers.hsts_invalid");
  g_assert_true (g_utf8_validate (evidence, -1, NULL));
  for (const char *p = evidence; *p != '\0'; p++)
    g_assert_cmpint ((guchar)*p, >=, 0x20);
}

static void
test_hop_location (void)
{
  g_autoptr(ClHeadersHop) h = NULL;

  h = hop ("https://good.example/a/b", "HTTP/1.1 307 Temporary Redirect\r\nLocation: ../c?x=1\r\n");
  g_assert_cmpstr (h->location, ==, "https://good.example/c?x=1");
  g_clear_pointer (&h, _cl_headers_hop_free);

  h = hop ("https://good.example/", "HTTP/1.1 303 See Other\r\nLocation: //www.good.example/\r\n");
  g_assert_cmpstr (h->location, ==, "https://www.good.example/");
  g_clear_pointer (&h, _cl_headers_hop_free);

  /* not a redirect status, or no usable Location */
  h = hop ("https://good.example/", "HTTP/1.1 200 OK\r\nLocation: /elsewhere\r\n");
  g_assert_null (h->location);
  g_clear_pointer (&h, _cl_headers_hop_free);

  h = hop ("https://good.example/", "HTTP/1.1 304 Not Modified\r\nLocation: /elsewhere\r\n");
  g_assert_null (h->location);
  g_clear_pointer (&h, _cl_headers_hop_free);

  h = hop ("https://good.example/", "HTTP/1.1 301 Moved\r\nLocation: http://[::1\r\n");
  g_assert_null (h->location);
  g_clear_pointer (&h, _cl_headers_hop_free);

  /* GLib's g_uri_resolve_relative() would hit a critical on this one */
  h = hop ("https://good.example/", "HTTP/1.1 301 Moved\r\nLocation: x:/.//y\r\n");
  g_assert_null (h->location);
  g_clear_pointer (&h, _cl_headers_hop_free);

  /* no host to go to */
  h = hop ("https://good.example/", "HTTP/1.1 302 Found\r\nLocation: mailto:a@good.example\r\n");
  g_assert_null (h->location);
  g_clear_pointer (&h, _cl_headers_hop_free);

  /* another scheme is recorded, and not followed */
  h = hop ("https://good.example/", "HTTP/1.1 302 Found\r\nLocation: ftp://files.good.example/\r\n");
  g_assert_cmpstr (h->location, ==, "ftp://files.good.example/");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/headers-judge/good", test_good);
  g_test_add_func ("/headers-judge/bad", test_bad);
  g_test_add_func ("/headers-judge/fair", test_fair);
  g_test_add_func ("/headers-judge/redirect", test_redirect);
  g_test_add_func ("/headers-judge/https-unavailable", test_https_unavailable);
  g_test_add_func ("/headers-judge/hsts", test_hsts);
  g_test_add_func ("/headers-judge/hsts-evidence", test_hsts_evidence);
  g_test_add_func ("/headers-judge/hsts-first-field", test_hsts_first_field);
  g_test_add_func ("/headers-judge/hsts-on-first-hop", test_hsts_on_first_hop);
  g_test_add_func ("/headers-judge/csp", test_csp);
  g_test_add_func ("/headers-judge/csp-report-only", test_csp_report_only);
  g_test_add_func ("/headers-judge/csp-repeated-header", test_csp_repeated_header);
  g_test_add_func ("/headers-judge/framing", test_framing);
  g_test_add_func ("/headers-judge/nosniff", test_nosniff);
  g_test_add_func ("/headers-judge/cors", test_cors);
  g_test_add_func ("/headers-judge/page-off-site", test_page_off_site);
  g_test_add_func ("/headers-judge/evidence-quoting", test_evidence_quoting);
  g_test_add_func ("/headers-judge/hop-location", test_hop_location);

  return g_test_run ();
}
