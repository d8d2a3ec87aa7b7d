/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-waf-judge"

#include "config.h"

#include <string.h>

#include "cl-module-waf-private.h"
#include "cl-modules.h"
#include "cl-scoring.h"
#include "cl-test-util.h"

/* The waf module's judging, on recorded answers, with the signatures of
 * data/waf.json. */

#define HOME "https://shop.example/"
#define ATTACK "https://shop.example" CL_WAF_ATTACK_PATH

/* An answer with @status, @body (or NULL) and the header fields
 * name, value, … (NULL-terminated). */
static ClWafResponse *
answer (const char *url,
        guint       status,
        const char *body,
        ...)
{
  ClWafResponse *response = _cl_waf_response_new (url, status);
  const char *name;
  va_list args;

  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    _cl_waf_response_add_header (response, name, va_arg (args, const char *));
  va_end (args);
  if (body != NULL)
    _cl_waf_response_append_body (response, body, strlen (body));

  return response;
}

/* Judges @normal and @attack (taken); both may be NULL. */
static ClModuleResult *
judge (ClWafResponse *normal,
       ClWafResponse *attack)
{
  g_autoptr(ClWafFacts) facts = _cl_waf_facts_new ("shop.example");
  ClModuleResult *result = cl_module_result_new ("waf");

  facts->normal = normal;
  facts->attack = attack;
  _cl_module_waf_judge (facts, result);

  return result;
}

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

  if (finding == NULL)
    g_error ("no %s", rule_id);
  return cl_finding_get_evidence (finding);
}

static const char *
only_caveat (ClModuleResult *result)
{
  GPtrArray *caveats = cl_module_result_get_caveats (result);

  g_assert_cmpuint (caveats->len, ==, 1);
  return g_ptr_array_index (caveats, 0);
}

/* The attack-like request served like the home page, nothing known in
 * front: low, and nothing else. */
static void
test_not_detected (void)
{
  g_autoptr(ClModuleResult) result =
    judge (answer (HOME, 200, "<h1>Shop</h1>", "Server", "nginx", "Set-Cookie", "PHPSESSID=1", NULL),
           answer (ATTACK, 200, "<h1>Shop</h1>", "Server", "nginx", NULL));
  ClFinding *finding = cl_test_find (result, "waf.not_detected");

  assert_rules (result, "waf.not_detected");
  g_assert_cmpint (cl_finding_get_severity (finding), ==, CL_SEVERITY_LOW);
  g_assert_cmpstr (cl_finding_get_evidence (finding), ==,
                   "no known header or cookie; the attack-like request was answered 200 like the home page");
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 0);
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 96);
}

/* Headers and cookies of either answer and the block page of the attack
 * answer name the product; info, which costs nothing. */
static void
test_cloudflare (void)
{
  g_autoptr(ClModuleResult) result =
    judge (answer (HOME, 200, "ok", "Server", "cloudflare", "CF-RAY", "8a1b2c3d4e5f6789-CDG",
                   "Set-Cookie", "__cf_bm=abc; path=/; HttpOnly; Secure", NULL),
           answer (ATTACK, 403, "<title>Attention Required! | Cloudflare</title>", "cf-ray", "x", NULL));
  ClFinding *finding = cl_test_find (result, "waf.detected");

  assert_rules (result, "waf.detected");
  g_assert_cmpint (cl_finding_get_severity (finding), ==, CL_SEVERITY_INFO);
  g_assert_cmpstr (cl_finding_get_evidence (finding), ==,
                   "Cloudflare (header server: …cloudflare…, header cf-ray, cookie __cf_bm, block page); "
                   "the attack-like request was answered 403 with a block page, the home page 200");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

/* A CDN that lets the attack-like request through is still named; the
 * clues in the order the server sent them. */
static void
test_cdn_passes (void)
{
  g_autoptr(ClModuleResult) result =
    judge (answer (HOME, 301, NULL, "Via", "1.1 0123abcd.cloudfront.net (CloudFront)",
                   "X-Amz-Cf-Id", "q0", NULL),
           answer (ATTACK, 301, NULL, NULL));

  assert_rules (result, "waf.detected");
  g_assert_cmpstr (evidence_of (result, "waf.detected"), ==,
                   "Amazon CloudFront (header via: …cloudfront…, header x-amz-cf-id); "
                   "the attack-like request was answered 301 like the home page");
}

/* Prefixes of data/waf.json ("incap_ses_*", "x-akamai-*"), several
 * products at once, in the list's order. */
static void
test_prefixes (void)
{
  g_autoptr(ClModuleResult) result =
    judge (answer (HOME, 200, NULL, "X-Akamai-Transformed", "9 - 0 pmb=mRUM,1",
                   "Set-Cookie", "visid_incap_2911=AbC; expires=Sat, 01 Jan 2028 00:00:00 GMT",
                   "Set-Cookie", " incap_ses_1234_2911=XyZ; path=/",
                   "Set-Cookie", "AWSALBCORS=1; SameSite=None; Secure", NULL),
           answer (ATTACK, 200, NULL, NULL));

  g_assert_cmpstr (evidence_of (result, "waf.detected"), ==,
                   "Akamai (header x-akamai-*); AWS Elastic Load Balancing (cookie awsalb*); "
                   "Imperva Incapsula (cookie visid_incap_*, cookie incap_ses_*); "
                   "the attack-like request was answered 200 like the home page");
  /* a prefix is not a substring */
  g_clear_object (&result);
  result = judge (answer (HOME, 200, NULL, "X-My-Akamai-Transformed", "1",
                          "Set-Cookie", "my_incap_ses_1=1", NULL),
                  answer (ATTACK, 200, NULL, NULL));
  assert_rules (result, "waf.not_detected");
}

/* X-CDN with an unknown value is "a CDN"; with a known one, the product
 * only. */
static void
test_generic (void)
{
  g_autoptr(ClModuleResult) unknown =
    judge (answer (HOME, 200, NULL, "X-CDN", "SomeCDN", NULL), answer (ATTACK, 200, NULL, NULL));
  g_autoptr(ClModuleResult) known =
    judge (answer (HOME, 200, NULL, "X-CDN", "Imperva", NULL), answer (ATTACK, 200, NULL, NULL));

  g_assert_true (g_str_has_prefix (evidence_of (unknown, "waf.detected"), "a CDN (header x-cdn); "));
  g_assert_true (g_str_has_prefix (evidence_of (known, "waf.detected"),
                                   "Imperva Incapsula (header x-cdn: …imperva…); "));
}

/* A block page of no known product is a firewall all the same. */
static void
test_unidentified_block (void)
{
  g_autoptr(ClModuleResult) result =
    judge (answer (HOME, 200, "<h1>Shop</h1>", "Server", "nginx", NULL),
           answer (ATTACK, 406, "<h1>Request Blocked</h1>", "Server", "nginx", NULL));

  g_assert_cmpstr (evidence_of (result, "waf.detected"), ==,
                   "an unidentified firewall; the attack-like request was answered 406 with a "
                   "block page, the home page 200");
}

/* Another answer without a block page, or no answer, may be the
 * application's: a caveat, no verdict. */
static void
test_inconclusive (void)
{
  g_autoptr(ClModuleResult) forbidden =
    judge (answer (HOME, 200, "<h1>Shop</h1>", NULL),
           answer (ATTACK, 403, "<center><h1>403 Forbidden</h1></center>", NULL));
  g_autoptr(ClModuleResult) not_found =
    judge (answer (HOME, 200, NULL, NULL), answer (ATTACK, 404, "access denied", NULL));
  g_autoptr(ClModuleResult) dropped =
    judge (answer (HOME, 200, NULL, NULL), _cl_waf_response_new_failed (ATTACK, "Connection reset"));
  g_autoptr(ClModuleResult) dropped_cdn =
    judge (answer (HOME, 200, NULL, "x-sucuri-id", "18012", NULL),
           _cl_waf_response_new_failed (ATTACK, "Connection reset"));

  assert_rules (forbidden, "");
  g_assert_cmpstr (only_caveat (forbidden), ==, "the attack-like request was answered 403, the home page 200");
  assert_rules (not_found, "");
  g_assert_cmpstr (only_caveat (not_found), ==, "the attack-like request was answered 404, the home page 200");
  assert_rules (dropped, "");
  g_assert_cmpstr (only_caveat (dropped), ==, "the attack-like request got no answer");
  g_assert_cmpstr (evidence_of (dropped_cdn, "waf.detected"), ==,
                   "Sucuri Website Firewall (header x-sucuri-id); the attack-like request got no answer");
}

/* Block pages count on a blocking answer only: a page may name the
 * product it runs behind, or a blog post quote a block page. */
static void
test_markers_need_block (void)
{
  const char *page = "<p>This site is protected by the Sucuri Website Firewall: access denied to bots</p>";
  g_autoptr(ClModuleResult) result =
    judge (answer (HOME, 200, page, NULL), answer (ATTACK, 200, page, NULL));
  g_autoptr(ClModuleResult) everything =
    judge (answer (HOME, 403, page, NULL), answer (ATTACK, 403, page, NULL));

  assert_rules (result, "waf.not_detected");
  /* a site that refuses everyone shows no reaction to the attack */
  assert_rules (everything, "waf.not_detected");
}

/* The home page did not answer: the module has nothing to judge (run
 * reports it unavailable). */
static void
test_no_home (void)
{
  g_autoptr(ClModuleResult) failed = judge (_cl_waf_response_new_failed (HOME, "timeout"), NULL);
  g_autoptr(ClModuleResult) missing = judge (NULL, NULL);

  assert_rules (failed, "");
  assert_rules (missing, "");
  g_assert_cmpuint (cl_module_result_get_caveats (failed)->len, ==, 0);
}

/* Untrusted sizes: headers, values and bodies are cut, and what lies
 * beyond the cut is not seen. */
static void
test_caps (void)
{
  g_autoptr(ClWafResponse) response = _cl_waf_response_new (ATTACK, 403);
  g_autofree char *huge = g_strnfill (10 * 1024 * 1024, 'a');
  g_autofree char *padding = g_strnfill (CL_WAF_MAX_BODY, ' ');
  g_autoptr(ClModuleResult) result = NULL;
  ClWafResponse *attack;

  for (guint i = 0; i < 3 * CL_WAF_MAX_HEADERS; i++)
    _cl_waf_response_add_header (response, "X-Filler", huge);
  g_assert_cmpuint (response->headers->len, ==, 2 * CL_WAF_MAX_HEADERS);
  g_assert_cmpuint (strlen (g_ptr_array_index (response->headers, 1)), ==, CL_WAF_MAX_HEADER_VALUE);

  g_assert_true (_cl_waf_response_append_body (response, "a\0b", 3));
  g_assert_cmpstr (response->body->str, ==, "a b");
  g_assert_false (_cl_waf_response_append_body (response, huge, 10 * 1024 * 1024));
  g_assert_cmpuint (response->body->len, ==, CL_WAF_MAX_BODY);

  /* a header beyond the hundredth field */
  attack = answer (ATTACK, 200, NULL, NULL);
  for (guint i = 0; i < CL_WAF_MAX_HEADERS; i++)
    _cl_waf_response_add_header (attack, "X-Filler", "1");
  _cl_waf_response_add_header (attack, "X-Sucuri-ID", "1");
  result = judge (answer (HOME, 200, NULL, NULL), attack);
  assert_rules (result, "waf.not_detected");

  /* a block page marker beyond the body's cap */
  g_clear_object (&result);
  attack = answer (ATTACK, 403, padding, NULL);
  _cl_waf_response_append_body (attack, "access denied", 13);
  result = judge (answer (HOME, 200, NULL, NULL), attack);
  assert_rules (result, "");
}

static void
test_declared (void)
{
  const char * const *ids = cl_modules_get_rule_ids ("waf");

  g_assert_nonnull (ids);
  g_assert_true (g_strv_contains (ids, "waf.detected"));
  g_assert_true (g_strv_contains (ids, "waf.not_detected"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/waf/not-detected", test_not_detected);
  g_test_add_func ("/waf/cloudflare", test_cloudflare);
  g_test_add_func ("/waf/cdn-passes", test_cdn_passes);
  g_test_add_func ("/waf/prefixes", test_prefixes);
  g_test_add_func ("/waf/generic", test_generic);
  g_test_add_func ("/waf/unidentified-block", test_unidentified_block);
  g_test_add_func ("/waf/inconclusive", test_inconclusive);
  g_test_add_func ("/waf/markers-need-block", test_markers_need_block);
  g_test_add_func ("/waf/no-home", test_no_home);
  g_test_add_func ("/waf/caps", test_caps);
  g_test_add_func ("/waf/declared", test_declared);

  return g_test_run ();
}
