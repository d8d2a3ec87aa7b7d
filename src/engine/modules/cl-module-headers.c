/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-headers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cl-csp.h"
#include "cl-error.h"
#include "cl-hsts.h"
#include "cl-module-headers.h"
#include "cl-module-headers-private.h"

/* The HTTP security headers of the site, as a browser meets them.
 *
 * Fetches http://DOMAIN/ and https://DOMAIN/ at once (following redirects
 * within the site), then asks the page HTTPS led to again with a foreign
 * Origin to see what CORS grants it.  Only headers are judged; bodies are read to at
 * most CL_HEADERS_BODY_MAX bytes and dropped.
 *
 * Rule ids (severity):
 *   headers.no_https_redirect                      high
 *   headers.https_redirect_indirect                low
 *   headers.https_unavailable                      high
 *   headers.https_downgrade                        high
 *   headers.hsts_missing                           high
 *   headers.hsts_invalid                           high
 *   headers.hsts_short_max_age                     medium
 *   headers.hsts_no_include_subdomains             low
 *   headers.csp_missing                            medium
 *   headers.csp_script_unrestricted                medium
 *   headers.csp_unsafe_inline                      medium
 *   headers.csp_unsafe_eval                        low
 *   headers.csp_script_broad_source                medium
 *   headers.csp_script_insecure_scheme             medium
 *   headers.csp_object_src_unrestricted            low
 *   headers.csp_no_default_src                     low
 *   headers.xfo_missing                            low
 *   headers.nosniff_missing                        low
 *   headers.cors_reflects_origin_with_credentials  high
 *   headers.cors_wildcard_with_credentials         medium
 *   headers.page_not_judged                        info
 *
 * The weights follow the MDN HTTP Observatory's order (a missing
 * redirect or HSTS, or a credentialed CORS reflection, cost most; CSP
 * weaknesses next; framing and nosniff least), mapped onto our severities
 * so that a site with the usual careful set scores 100 and one with none
 * of it lands in F.  The HSTS threshold is internet.nl's and
 * hstspreload.org's: one year. */

/* Read at most this much of a body: only the headers matter, and a
 * hostile server may send an endless one. */
#define CL_HEADERS_BODY_MAX (64 * 1024)
/* RFC 6797 §11.2 suggests long max-ages; one year is what internet.nl
 * requires and hstspreload.org accepts. */
#define ONE_YEAR 31536000
/* A whole request may take this many network timeouts. */
#define REQUEST_TIMEOUTS 2

struct _ClModuleHeaders
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleHeaders, cl_module_headers, CL_TYPE_MODULE)

/* Facts */

/**
 * _cl_headers_hop_new:
 * @headers: (transfer none): the response headers
 *
 * A request that got an answer.  The Location of a redirect is resolved
 * against @url.
 */
ClHeadersHop *
_cl_headers_hop_new (const char         *url,
                     guint               status,
                     SoupMessageHeaders *headers)
{
  ClHeadersHop *hop;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (headers != NULL, NULL);

  hop = g_new0 (ClHeadersHop, 1);
  hop->url = g_strdup (url);
  hop->status = status;
  hop->headers = soup_message_headers_ref (headers);

  /* RFC 9110 §15.4: the redirects that carry a Location to follow */
  if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) base = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
      g_autoptr(GUri) target = NULL;

      if (location != NULL && base != NULL)
        target = g_uri_parse_relative (base, location, SOUP_HTTP_URI_FLAGS, NULL);

      /* Only a target with a host is one to follow.  Not
       * g_uri_resolve_relative(): GLib 2.74 hits a critical on targets
       * like "x:/.//y" that a server may well send. */
      if (target != NULL && g_uri_get_host (target) != NULL && g_uri_get_host (target)[0] != '\0')
        hop->location = g_uri_to_string (target);
    }

  return hop;
}

/* A request that got no answer. */
ClHeadersHop *
_cl_headers_hop_new_failed (const char *url,
                            const char *error)
{
  ClHeadersHop *hop;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  hop = g_new0 (ClHeadersHop, 1);
  hop->url = g_strdup (url);
  hop->error = g_strdup (error);

  return hop;
}

void
_cl_headers_hop_free (ClHeadersHop *hop)
{
  if (hop == NULL)
    return;

  g_free (hop->url);
  g_clear_pointer (&hop->headers, soup_message_headers_unref);
  g_free (hop->location);
  g_free (hop->error);
  g_free (hop);
}

static ClHeadersChain *
_cl_headers_chain_new (void)
{
  ClHeadersChain *chain = g_new0 (ClHeadersChain, 1);

  chain->hops = g_ptr_array_new_with_free_func ((GDestroyNotify)_cl_headers_hop_free);
  return chain;
}

static void
_cl_headers_chain_free (ClHeadersChain *chain)
{
  g_ptr_array_unref (chain->hops);
  g_free (chain->stopped);
  g_free (chain);
}

/* Facts with two empty chains, for the module to fill (or a test). */
ClHeadersFacts *
_cl_headers_facts_new (const char *domain)
{
  ClHeadersFacts *facts;

  g_return_val_if_fail (domain != NULL, NULL);

  facts = g_new0 (ClHeadersFacts, 1);
  facts->domain = g_strdup (domain);
  facts->http = _cl_headers_chain_new ();
  facts->https = _cl_headers_chain_new ();

  return facts;
}

void
_cl_headers_facts_free (ClHeadersFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->domain);
  _cl_headers_chain_free (facts->http);
  _cl_headers_chain_free (facts->https);
  g_free (facts->cors_origin);
  _cl_headers_hop_free (facts->cors);
  g_free (facts);
}

/* Reading the facts */

static gboolean
hop_answered (ClHeadersHop *hop)
{
  return hop != NULL && hop->status != 0 && hop->headers != NULL;
}

static ClHeadersHop *
chain_first (ClHeadersChain *chain)
{
  return chain->hops->len > 0 ? g_ptr_array_index (chain->hops, 0) : NULL;
}

static ClHeadersHop *
chain_last_answered (ClHeadersChain *chain)
{
  for (guint i = chain->hops->len; i > 0; i--)
    {
      ClHeadersHop *hop = g_ptr_array_index (chain->hops, i - 1);

      if (hop_answered (hop))
        return hop;
    }

  return NULL;
}

static gboolean
chain_answered (ClHeadersChain *chain)
{
  return hop_answered (chain_first (chain));
}

static gboolean
url_has_scheme (const char *url,
                const char *scheme)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;

  return uri != NULL && g_ascii_strcasecmp (g_uri_get_scheme (uri), scheme) == 0;
}

static gboolean
url_is_https_on_host (const char *url,
                      const char *host)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;

  return uri != NULL &&
         g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 &&
         g_uri_get_host (uri) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (uri), host) == 0;
}

/* The first field of @name: for HSTS the only one that counts (RFC 6797
 * §8.1), where libsoup's get_one() would give the last. */
static const char *
header_first (SoupMessageHeaders *headers,
              const char         *name)
{
  SoupMessageHeadersIter iter;
  const char *hname, *hvalue;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &hname, &hvalue))
    {
      if (g_ascii_strcasecmp (hname, name) == 0)
        return hvalue;
    }

  return NULL;
}

/* Header values are the server's bytes: evidence quotes them as valid
 * UTF-8, without control characters, and not longer than a reader reads. */
static char *
quote (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == CL_HEADERS_EVIDENCE_MAX)
        {
          g_string_append (out, "…");
          break;
        }

      /* also the invisible ones (bidi overrides...) that could make
       * evidence read other than it is */
      if (g_unichar_iscntrl (c) ||
          g_unichar_type (c) == G_UNICODE_FORMAT ||
          g_unichar_type (c) == G_UNICODE_LINE_SEPARATOR ||
          g_unichar_type (c) == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* "http://a/ 301 → https://a/ 200", for evidence. */
static char *
describe_chain (ClHeadersChain *chain)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < chain->hops->len; i++)
    {
      ClHeadersHop *hop = g_ptr_array_index (chain->hops, i);
      g_autofree char *url = quote (hop->url);

      if (i > 0)
        g_string_append (out, " → ");
      if (hop_answered (hop))
        g_string_append_printf (out, "%s %u", url, hop->status);
      else
        {
          g_autofree char *error = quote (hop->error ? hop->error : "");

          g_string_append_printf (out, _("%s (no answer: %s)"), url, error);
        }
    }

  if (chain->stopped != NULL)
    {
      ClHeadersHop *last = g_ptr_array_index (chain->hops, chain->hops->len - 1);
      g_autofree char *location = quote (last->location ? last->location : "");

      g_string_append_printf (out, " → %s (%s)", location, chain->stopped);
    }

  return g_string_free (out, FALSE);
}

/* The response whose document headers (CSP, framing, nosniff) count: the
 * end of the HTTPS chain, or of the HTTP one when HTTPS did not answer.
 * NULL when that end is a redirect we did not follow. */
static ClHeadersHop *
find_page (ClHeadersFacts *facts)
{
  ClHeadersChain *chain = chain_answered (facts->https) ? facts->https : facts->http;
  ClHeadersHop *last = chain_last_answered (chain);

  if (last == NULL || last->location != NULL)
    return NULL;

  return last;
}

/* Checks: transport */

static void
check_https_redirect (ClHeadersFacts *facts,
                      ClModuleResult *result)
{
  ClHeadersHop *first = chain_first (facts->http);
  g_autofree char *chain = NULL;
  gboolean reaches_https = FALSE;

  /* Nothing answers on port 80: no cleartext page to leave. */
  if (!hop_answered (first))
    return;

  for (guint i = 0; i < facts->http->hops->len && !reaches_https; i++)
    {
      ClHeadersHop *hop = g_ptr_array_index (facts->http->hops, i);

      reaches_https = url_has_scheme (hop->location, "https");
    }

  chain = describe_chain (facts->http);

  if (!reaches_https)
    {
      cl_module_result_add (result, "headers.no_https_redirect", CL_SEVERITY_HIGH,
                            _("The site does not redirect HTTP to HTTPS"),
                            _("Answer every request on port 80 with a permanent redirect (301 or 308) "
                              "to the same URL on https://, so that visitors who type the name "
                              "reach the encrypted site."),
                            "%s", chain);
      return;
    }

  /* RFC 6797 §7.2 and the Observatory: the first hop should go straight
   * to HTTPS on the same host, or the browser never gets this host's
   * HSTS policy on the way. */
  if (!url_is_https_on_host (first->location, facts->domain))
    cl_module_result_add (result, "headers.https_redirect_indirect", CL_SEVERITY_LOW,
                          _("The first HTTP redirect does not go to HTTPS on the same host"),
                          _("Redirect http://name/ straight to https://name/ first, then to any "
                            "other host, so that browsers receive this host’s HSTS policy."),
                          "%s", chain);
}

static void
check_https_available (ClHeadersFacts *facts,
                       ClModuleResult *result)
{
  ClHeadersHop *first = chain_first (facts->https);
  g_autofree char *error = NULL;

  if (!chain_answered (facts->http) || chain_answered (facts->https))
    return;

  error = quote (first && first->error ? first->error : _("not tried"));
  cl_module_result_add (result, "headers.https_unavailable", CL_SEVERITY_HIGH,
                        _("The site answers over HTTP but not over HTTPS, so HSTS cannot apply"),
                        _("Serve the site over HTTPS with a valid certificate, redirect HTTP to it "
                          "and then enable HSTS."),
                        _("https://%s/: %s"), facts->domain, error);
}

static void
check_https_downgrade (ClHeadersFacts *facts,
                       ClModuleResult *result)
{
  g_autofree char *chain = NULL;

  for (guint i = 0; i < facts->https->hops->len; i++)
    {
      ClHeadersHop *hop = g_ptr_array_index (facts->https->hops, i);

      if (hop_answered (hop) && url_has_scheme (hop->location, "http"))
        {
          chain = describe_chain (facts->https);
          cl_module_result_add (result, "headers.https_downgrade", CL_SEVERITY_HIGH,
                                _("HTTPS redirects to cleartext HTTP"),
                                _("Keep every redirect of the HTTPS site on https:// URLs."),
                                "%s", chain);
          return;
        }
    }
}

/* HSTS counts on the first HTTPS answer: that is the host the user typed,
 * whose policy protects the next visit (RFC 6797 §8.1). */
static void
check_hsts (ClHeadersFacts *facts,
            ClModuleResult *result)
{
  ClHeadersHop *first = chain_first (facts->https);
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = NULL;
  const char *value;
  ClHsts hsts;

  if (!hop_answered (first))
    return;

  if (!(value = header_first (first->headers, "Strict-Transport-Security")))
    {
      g_autofree char *url = quote (first->url);

      cl_module_result_add (result, "headers.hsts_missing", CL_SEVERITY_HIGH,
                            _("HTTPS responses do not set Strict-Transport-Security (HSTS)"),
                            _("Send “Strict-Transport-Security: max-age=31536000; includeSubDomains” "
                              "on every HTTPS response, so that browsers never try the site over "
                              "cleartext HTTP again."),
                            _("%s answered %u without Strict-Transport-Security"),
                            url, first->status);
      return;
    }

  quoted = quote (value);

  if (!cl_hsts_parse (value, &hsts, &error))
    {
      cl_module_result_add (result, "headers.hsts_invalid", CL_SEVERITY_HIGH,
                            _("The Strict-Transport-Security header is invalid, so browsers ignore it"),
                            _("Fix the header to the syntax of RFC 6797: "
                              "“max-age=31536000; includeSubDomains”, each directive once."),
                            _("Strict-Transport-Security: %s (%s)"), quoted, error->message);
      return;
    }

  /* §6.1.1: max-age=0 makes the browser forget the host. */
  if (hsts.max_age == 0)
    {
      cl_module_result_add (result, "headers.hsts_missing", CL_SEVERITY_HIGH,
                            _("HTTPS responses switch Strict-Transport-Security (HSTS) off"),
                            _("Send “Strict-Transport-Security: max-age=31536000; includeSubDomains”: "
                              "max-age=0 tells browsers to forget the policy."),
                            "Strict-Transport-Security: %s", quoted);
      return;
    }

  if (hsts.max_age < ONE_YEAR)
    cl_module_result_add (result, "headers.hsts_short_max_age", CL_SEVERITY_MEDIUM,
                          _("The HSTS max-age is shorter than one year"),
                          _("Raise max-age to at least 31536000 seconds (one year), so that "
                            "returning visitors stay protected between visits."),
                          _("Strict-Transport-Security: %s (%" G_GUINT64_FORMAT " days)"),
                          quoted, hsts.max_age / 86400);

  if (!hsts.include_subdomains)
    cl_module_result_add (result, "headers.hsts_no_include_subdomains", CL_SEVERITY_LOW,
                          _("HSTS does not cover subdomains"),
                          _("Add includeSubDomains once every subdomain is served over HTTPS, so "
                            "that an attacker cannot use a cleartext subdomain to set cookies "
                            "for the site."),
                          "Strict-Transport-Security: %s", quoted);
}

/* Checks: the document */

/* "default-src 'self' 'unsafe-inline'" for the directive governing @name
 * in the first policy that restricts it, for evidence; @what says what
 * default-src stands for when it is the fallback. */
static char *
describe_directive (ClCsp      *csp,
                    const char *name,
                    const char *what)
{
  for (guint i = 0; i < cl_csp_get_n_policies (csp); i++)
    {
      const char *effective = NULL;
      const char * const *list = cl_csp_get_effective_directive (csp, i, name, &effective);
      g_autofree char *joined = NULL;
      g_autofree char *quoted = NULL;

      if (list == NULL)
        continue;

      joined = g_strjoinv (" ", (char **)list);
      quoted = quote (joined);
      if (g_str_equal (effective, "default-src") && !g_str_equal (name, "default-src"))
        /* TRANSLATORS: a CSP source list, then what it is used for ("scripts") */
        return g_strdup_printf (_("default-src %s (used for %s)"), quoted, what);

      return g_strdup_printf ("%s %s", effective, quoted);
    }

  return g_strdup_printf (_("no %s or default-src directive"), name);
}

static void
check_csp_scripts (ClCsp          *csp,
                   const char     *value,
                   ClModuleResult *result)
{
  g_autofree char *elem = describe_directive (csp, "script-src-elem", _("scripts"));

  /* Inline <script> is governed by script-src-elem, inline event
   * handlers by script-src-attr; both fall back to script-src and then
   * default-src (CSP3 §6.8.3). */
  if (!cl_csp_restricts (csp, "script-src-elem"))
    {
      g_autofree char *quoted = quote (value);

      cl_module_result_add (result, "headers.csp_script_unrestricted", CL_SEVERITY_MEDIUM,
                            _("The Content-Security-Policy does not restrict scripts"),
                            _("Add default-src 'self' (or a script-src listing the script hosts "
                              "you use), so that injected markup cannot load or run scripts."),
                            _("Content-Security-Policy: %s (no script-src or default-src)"), quoted);
      return;
    }

  if (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE) ||
      cl_csp_allows (csp, "script-src-attr", CL_CSP_SOURCE_UNSAFE_INLINE))
    {
      g_autofree char *attr = describe_directive (csp, "script-src-attr", _("event handlers"));

      cl_module_result_add (result, "headers.csp_unsafe_inline", CL_SEVERITY_MEDIUM,
                            _("The Content-Security-Policy allows inline scripts ('unsafe-inline')"),
                            _("Move inline scripts and event handlers into files, or allow each "
                              "one by nonce or hash, then remove 'unsafe-inline': with it the "
                              "policy does not stop cross-site scripting."),
                            "%s", cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_UNSAFE_INLINE) ? elem : attr);
    }

  if (cl_csp_allows (csp, "script-src", CL_CSP_SOURCE_UNSAFE_EVAL))
    {
      g_autofree char *text = describe_directive (csp, "script-src", _("scripts"));

      cl_module_result_add (result, "headers.csp_unsafe_eval", CL_SEVERITY_LOW,
                            _("The Content-Security-Policy allows eval() ('unsafe-eval')"),
                            _("Remove 'unsafe-eval' and replace eval(), new Function() and "
                              "string arguments to setTimeout() with ordinary code."),
                            "%s", text);
    }

  if (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_WILDCARD) ||
      cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_DATA))
    cl_module_result_add (result, "headers.csp_script_broad_source", CL_SEVERITY_MEDIUM,
                          _("The Content-Security-Policy lets scripts load from any host or from data: URLs"),
                          _("List the hosts your scripts come from instead of *, https: or data:."),
                          "%s", elem);

  if (cl_csp_allows (csp, "script-src-elem", CL_CSP_SOURCE_HTTP))
    cl_module_result_add (result, "headers.csp_script_insecure_scheme", CL_SEVERITY_MEDIUM,
                          _("The Content-Security-Policy allows scripts over cleartext HTTP"),
                          _("Allow scripts only from https:// sources: a script fetched over "
                            "HTTP can be replaced by anyone on the network path."),
                          "%s", elem);
}

static void
check_csp (ClHeadersHop   *page,
           ClModuleResult *result)
{
  g_autoptr(ClCsp) csp = NULL;
  g_autofree char *quoted = NULL;
  const char *value;

  value = soup_message_headers_get_list (page->headers, "Content-Security-Policy");
  if (value != NULL)
    csp = cl_csp_parse (value);

  if (csp == NULL || cl_csp_get_n_policies (csp) == 0)
    {
      const char *report_only = soup_message_headers_get_list (page->headers,
                                                               "Content-Security-Policy-Report-Only");
      g_autofree char *url = quote (page->url);
      g_autofree char *evidence = NULL;

      if (value != NULL)
        {
          quoted = quote (value);
          evidence = g_strdup_printf (_("%s: Content-Security-Policy has no directives: “%s”"),
                                      url, quoted);
        }
      else if (report_only != NULL)
        {
          quoted = quote (report_only);
          evidence = g_strdup_printf (_("%s: only Content-Security-Policy-Report-Only, which "
                                        "enforces nothing: %s"), url, quoted);
        }
      else
        evidence = g_strdup_printf (_("%s answered %u without Content-Security-Policy"),
                                    url, page->status);

      cl_module_result_add (result, "headers.csp_missing", CL_SEVERITY_MEDIUM,
                            _("The site sets no Content-Security-Policy"),
                            _("Send a Content-Security-Policy, starting from “default-src 'self'; "
                              "object-src 'none'; base-uri 'self'; form-action 'self'; "
                              "frame-ancestors 'none'” and loosening it only where the site needs."),
                            "%s", evidence);
      return;
    }

  check_csp_scripts (csp, value, result);

  if (!cl_csp_restricts (csp, "object-src") ||
      cl_csp_allows (csp, "object-src", CL_CSP_SOURCE_WILDCARD) ||
      cl_csp_allows (csp, "object-src", CL_CSP_SOURCE_DATA))
    {
      g_autofree char *text = describe_directive (csp, "object-src", _("plugins"));

      cl_module_result_add (result, "headers.csp_object_src_unrestricted", CL_SEVERITY_LOW,
                            _("The Content-Security-Policy does not restrict plugins (object-src)"),
                            _("Add object-src 'none': plugin content can run script outside "
                              "the rest of the policy."),
                            "%s", text);
    }

  if (!cl_csp_restricts (csp, "default-src"))
    {
      quoted = quote (value);
      cl_module_result_add (result, "headers.csp_no_default_src", CL_SEVERITY_LOW,
                            _("The Content-Security-Policy has no default-src"),
                            _("Add default-src 'self' (or 'none'), so that every kind of resource "
                              "the policy does not name is restricted too."),
                            "Content-Security-Policy: %s", quoted);
    }
}

/* Framing: CSP frame-ancestors, when an enforced policy has it, replaces
 * X-Frame-Options (CSP3 §6.4.2); otherwise X-Frame-Options counts, and
 * per HTML's "check a navigation response's adherence to
 * X-Frame-Options" any "deny" or "sameorigin" among its values blocks. */
static void
check_framing (ClHeadersHop   *page,
               ClModuleResult *result)
{
  const char *xfo = soup_message_headers_get_list (page->headers, "X-Frame-Options");
  const char *csp_value = soup_message_headers_get_list (page->headers, "Content-Security-Policy");
  g_autoptr(ClCsp) csp = csp_value ? cl_csp_parse (csp_value) : NULL;
  g_autofree char *url = quote (page->url);
  g_autofree char *quoted = NULL;
  gboolean protected = FALSE;

  if (csp != NULL && cl_csp_restricts (csp, "frame-ancestors"))
    {
      g_autofree char *text = NULL;

      if (!cl_csp_allows (csp, "frame-ancestors", CL_CSP_SOURCE_WILDCARD))
        return;

      text = describe_directive (csp, "frame-ancestors", "");
      cl_module_result_add (result, "headers.xfo_missing", CL_SEVERITY_LOW,
                            _("Any site can frame the site’s pages (clickjacking)"),
                            _("Set CSP frame-ancestors to 'none' or 'self' (or the hosts that "
                              "may frame the site); browsers ignore X-Frame-Options when "
                              "frame-ancestors is present."),
                            "%s", text);
      return;
    }

  if (xfo != NULL)
    {
      g_auto(GStrv) values = g_strsplit (xfo, ",", -1);

      for (guint i = 0; values[i] != NULL && !protected; i++)
        {
          g_strstrip (values[i]);
          protected = g_ascii_strcasecmp (values[i], "deny") == 0 ||
                      g_ascii_strcasecmp (values[i], "sameorigin") == 0;
        }

      if (protected)
        return;

      quoted = quote (xfo);
    }

  cl_module_result_add (result, "headers.xfo_missing", CL_SEVERITY_LOW,
                        _("Any site can frame the site’s pages (clickjacking)"),
                        _("Send “X-Frame-Options: DENY” (or SAMEORIGIN), or CSP "
                          "“frame-ancestors 'none'” ('self')."),
                        quoted ? _("X-Frame-Options: %s (not DENY or SAMEORIGIN), no CSP frame-ancestors")
                               : _("%s: no X-Frame-Options, no CSP frame-ancestors"),
                        quoted ? quoted : url);
}

/* Fetch's "determine nosniff": the first value must be "nosniff". */
static void
check_nosniff (ClHeadersHop   *page,
               ClModuleResult *result)
{
  const char *value = soup_message_headers_get_list (page->headers, "X-Content-Type-Options");
  g_autofree char *url = quote (page->url);
  g_autofree char *quoted = NULL;

  if (value != NULL)
    {
      g_auto(GStrv) values = g_strsplit (value, ",", 2);

      if (values[0] != NULL && g_ascii_strcasecmp (g_strstrip (values[0]), "nosniff") == 0)
        return;

      quoted = quote (value);
    }

  cl_module_result_add (result, "headers.nosniff_missing", CL_SEVERITY_LOW,
                        _("X-Content-Type-Options: nosniff is missing"),
                        _("Send “X-Content-Type-Options: nosniff”, so that browsers do not run "
                          "uploaded or mislabelled files as scripts or styles."),
                        quoted ? "X-Content-Type-Options: %s" : _("%s: no X-Content-Type-Options"),
                        quoted ? quoted : url);
}

static void
check_page_reached (ClHeadersFacts *facts,
                    ClModuleResult *result)
{
  ClHeadersChain *chain = chain_answered (facts->https) ? facts->https : facts->http;
  g_autofree char *text = describe_chain (chain);

  cl_module_result_add (result, "headers.page_not_judged", CL_SEVERITY_INFO,
                        _("The site’s page could not be reached, so its document headers were not judged"),
                        _("Nothing to do if the redirect is intended: scan the domain it leads "
                          "to for its Content-Security-Policy and framing headers."),
                        "%s", text);
}

/* Checks: CORS */

static void
check_cors (ClHeadersFacts *facts,
            ClModuleResult *result)
{
  g_autofree char *acao = NULL;
  g_autofree char *acac = NULL;
  g_autofree char *evidence = NULL;
  const char *value;

  if (!hop_answered (facts->cors) || facts->cors_origin == NULL)
    return;

  if ((value = header_first (facts->cors->headers, "Access-Control-Allow-Origin")))
    acao = g_strstrip (g_strdup (value));
  if ((value = header_first (facts->cors->headers, "Access-Control-Allow-Credentials")))
    acac = g_strstrip (g_strdup (value));

  /* Fetch §3.2.5 "CORS check": credentials count only for the exact,
   * case-sensitive value "true". */
  if (acao == NULL || g_strcmp0 (acac, "true") != 0)
    return;

  {
    g_autofree char *quoted = quote (acao);

    evidence = g_strdup_printf (_("Origin: %s → Access-Control-Allow-Origin: %s, "
                                  "Access-Control-Allow-Credentials: true"),
                                facts->cors_origin, quoted);
  }

  if (g_str_equal (acao, facts->cors_origin))
    cl_module_result_add (result, "headers.cors_reflects_origin_with_credentials", CL_SEVERITY_HIGH,
                          _("CORS lets any site read users’ data with their credentials"),
                          _("Allow only a fixed list of trusted origins: never echo the Origin "
                            "header back together with Access-Control-Allow-Credentials: true."),
                          "%s", evidence);
  else if (g_str_equal (acao, "*"))
    cl_module_result_add (result, "headers.cors_wildcard_with_credentials", CL_SEVERITY_MEDIUM,
                          _("CORS allows every origin together with credentials"),
                          _("Browsers refuse this combination, so it shows a policy that was "
                            "meant to be open to everyone with credentials: list the trusted "
                            "origins, or drop Access-Control-Allow-Credentials."),
                          "%s", evidence);
}

/**
 * _cl_module_headers_judge:
 *
 * Adds to @result the findings on @facts, one check after the other.
 */
void
_cl_module_headers_judge (ClHeadersFacts *facts,
                          ClModuleResult *result)
{
  ClHeadersHop *page;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  check_https_redirect (facts, result);
  check_https_available (facts, result);
  check_https_downgrade (facts, result);
  check_hsts (facts, result);

  if ((page = find_page (facts)))
    {
      check_csp (page, result);
      check_framing (page, result);
      check_nosniff (page, result);
    }
  else if (chain_answered (facts->http) || chain_answered (facts->https))
    check_page_reached (facts, result);

  check_cors (facts, result);
}

/* Fetching */

typedef struct
{
  ClScanContext  *context;
  ClHeadersFacts *facts;
  char           *base_domain;  /* registrable domain of facts->domain, or NULL */
  guint           pending;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->context);
  _cl_headers_facts_free (run->facts);
  g_free (run->base_domain);
  g_free (run);
}

/* One request in flight, and then the hops of its chain. */
typedef struct
{
  GTask          *task;         /* the module run */
  ClHeadersChain *chain;        /* where the hops go, or NULL for the CORS probe */
  gboolean        secure_only;  /* a chain that started on https:// does not leave it */
  char           *url;
  char           *origin;       /* the Origin to send, for the CORS probe */
  guint           redirects;
  ClHeadersHop   *hop;          /* the answer being read */
  SoupMessage    *msg;
  GInputStream   *body;
  gsize           body_read;
  GCancellable   *cancellable;  /* this request's: the run's or the timer cancel it */
  gulong          cancelled_id;
  guint           timeout_id;
  gboolean        timed_out;
  guint8          buffer[8192];
} Fetch;

static void fetch_send (Fetch *fetch);
static void run_fetch_done (Fetch *fetch);

static void
fetch_free (Fetch *fetch)
{
  g_assert (fetch->timeout_id == 0);
  g_assert (fetch->cancelled_id == 0);

  g_clear_object (&fetch->task);
  g_free (fetch->url);
  g_free (fetch->origin);
  _cl_headers_hop_free (fetch->hop);
  g_clear_object (&fetch->msg);
  g_clear_object (&fetch->body);
  g_clear_object (&fetch->cancellable);
  g_free (fetch);
}

static void
cancel_request (GCancellable *parent,
                gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_timeout (gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->timeout_id = 0;
  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);

  return G_SOURCE_REMOVE;
}

/* The end of one request: its timer and its link to the run's
 * cancellable go. */
static void
fetch_request_end (Fetch *fetch)
{
  GCancellable *parent = g_task_get_cancellable (fetch->task);

  g_clear_handle_id (&fetch->timeout_id, g_source_remove);
  if (fetch->cancelled_id != 0)
    {
      g_cancellable_disconnect (parent, fetch->cancelled_id);
      fetch->cancelled_id = 0;
    }
  g_clear_object (&fetch->body);
  g_clear_object (&fetch->msg);
}

static gboolean
accept_any_certificate (SoupMessage          *msg,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  /* The ssl module judges certificates; this one must see the headers
   * even behind a bad one. */
  return TRUE;
}

static gboolean
same_site (Run        *run,
           const char *host)
{
  const char *domain = run->facts->domain;
  const char *base;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, domain) == 0)
    return TRUE;

  if (g_ascii_strncasecmp (host, "www.", 4) == 0 && g_ascii_strcasecmp (host + 4, domain) == 0)
    return TRUE;

  base = soup_tld_get_base_domain (host, NULL);
  return run->base_domain != NULL && base != NULL &&
         g_ascii_strcasecmp (base, run->base_domain) == 0;
}

/* After a hop: follow its redirect, or end the chain. */
static void
fetch_next (Fetch *fetch)
{
  Run *run = g_task_get_task_data (fetch->task);
  ClHeadersHop *hop = g_steal_pointer (&fetch->hop);
  g_autoptr(GUri) next = NULL;
  const char *location;
  const char *scheme;

  if (fetch->chain == NULL)
    {
      _cl_headers_hop_free (run->facts->cors);
      run->facts->cors = hop;
      run_fetch_done (fetch);
      return;
    }

  g_ptr_array_add (fetch->chain->hops, hop);

  if (!hop_answered (hop) || hop->location == NULL)
    {
      run_fetch_done (fetch);
      return;
    }

  location = hop->location;
  next = g_uri_parse (location, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = next ? g_uri_get_scheme (next) : NULL;

  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    fetch->chain->stopped = g_strdup (_("not an http(s) URL"));
  else if (fetch->secure_only && g_ascii_strcasecmp (scheme, "http") == 0)
    fetch->chain->stopped = g_strdup (_("leaves HTTPS"));
  else if (!same_site (run, g_uri_get_host (next)))
    fetch->chain->stopped = g_strdup (_("another site"));
  else if (fetch->redirects >= CL_HEADERS_MAX_REDIRECTS)
    fetch->chain->stopped = g_strdup (_("too many redirects"));

  if (fetch->chain->stopped != NULL)
    {
      run_fetch_done (fetch);
      return;
    }

  fetch->redirects++;
  g_free (fetch->url);
  fetch->url = g_strdup (location);
  fetch_send (fetch);
}

static void
on_closed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fetch *fetch = user_data;

  /* A body dropped half-way fails to close; the headers are what we
   * came for, and the connection is closed rather than reused. */
  g_input_stream_close_finish (G_INPUT_STREAM (source), result, NULL);

  fetch_request_end (fetch);
  fetch_next (fetch);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fetch *fetch = user_data;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n > 0 && fetch->body_read + n < CL_HEADERS_BODY_MAX)
    {
      fetch->body_read += n;
      g_input_stream_read_async (fetch->body, fetch->buffer, sizeof fetch->buffer,
                                 G_PRIORITY_DEFAULT, fetch->cancellable, on_read, fetch);
      return;
    }

  /* Closing an unfinished body makes libsoup read it to its end to reuse
   * the connection; cancelling first makes it drop the connection. */
  if (n != 0)
    g_cancellable_cancel (fetch->cancellable);

  g_input_stream_close_async (fetch->body, G_PRIORITY_DEFAULT, fetch->cancellable,
                              on_closed, fetch);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GError) error = NULL;

  fetch->body = soup_session_send_finish (SOUP_SESSION (source), result, &error);

  if (fetch->body == NULL)
    {
      Run *run = g_task_get_task_data (fetch->task);
      guint timeout = cl_scan_settings_get_network_timeout (cl_scan_context_get_settings (run->context));
      g_autofree char *message = NULL;

      if (fetch->timed_out)
        message = g_strdup_printf (_("no complete answer within %u s"), REQUEST_TIMEOUTS * timeout);
      else
        message = g_strdup (error->message);

      g_debug ("%s: %s", fetch->url, message);
      fetch->hop = _cl_headers_hop_new_failed (fetch->url, message);
      fetch_request_end (fetch);
      fetch_next (fetch);
      return;
    }

  fetch->hop = _cl_headers_hop_new (fetch->url,
                                   soup_message_get_status (fetch->msg),
                                   soup_message_get_response_headers (fetch->msg));
  fetch->body_read = 0;
  g_input_stream_read_async (fetch->body, fetch->buffer, sizeof fetch->buffer,
                             G_PRIORITY_DEFAULT, fetch->cancellable, on_read, fetch);
}

static void
fetch_send (Fetch *fetch)
{
  Run *run = g_task_get_task_data (fetch->task);
  GCancellable *parent = g_task_get_cancellable (fetch->task);
  guint timeout = cl_scan_settings_get_network_timeout (cl_scan_context_get_settings (run->context));
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  g_assert (fetch->msg == NULL);

  if (!(uri = g_uri_parse (fetch->url, SOUP_HTTP_URI_FLAGS, &error)))
    {
      fetch->hop = _cl_headers_hop_new_failed (fetch->url, error->message);
      fetch_next (fetch);
      return;
    }

  /* Each request gets its own cancellable, cancelled by the run's and by
   * a timer covering the whole request.  The session's timeout (the
   * network timeout) bounds each wait: connecting, the handshake, each
   * read; so a silent server fails after one network timeout.  It would
   * let a server that drips bytes hold us for ever, hence this timer; at
   * twice the network timeout, it also leaves room for a busy machine
   * whose main loop ran late. */
  g_clear_object (&fetch->cancellable);
  fetch->cancellable = g_cancellable_new ();
  fetch->timed_out = FALSE;
  if (parent != NULL)
    fetch->cancelled_id = g_cancellable_connect (parent, G_CALLBACK (cancel_request),
                                                 fetch->cancellable, NULL);
  fetch->timeout_id = g_timeout_add (REQUEST_TIMEOUTS * MAX (timeout, 1) * 1000, on_timeout, fetch);

  fetch->msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  /* We judge each hop, so we follow redirects ourselves. */
  soup_message_add_flags (fetch->msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (fetch->msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  soup_message_headers_replace (soup_message_get_request_headers (fetch->msg),
                                "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
  if (fetch->origin != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (fetch->msg),
                                  "Origin", fetch->origin);

  soup_session_send_async (cl_scan_context_get_http_session (run->context), fetch->msg,
                           G_PRIORITY_DEFAULT, fetch->cancellable, on_sent, fetch);
}

static void
run_start_fetch (GTask          *task,
                 ClHeadersChain *chain,
                 const char     *url,
                 const char     *origin)
{
  Run *run = g_task_get_task_data (task);
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->task = g_object_ref (task);
  fetch->chain = chain;
  fetch->secure_only = chain != NULL && g_str_has_prefix (url, "https:");
  fetch->url = g_strdup (url);
  fetch->origin = g_strdup (origin);

  run->pending++;
  fetch_send (fetch);
}

static void
run_finish (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(ClModuleResult) result = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!chain_answered (run->facts->http) && !chain_answered (run->facts->https))
    {
      ClHeadersHop *http = chain_first (run->facts->http);
      ClHeadersHop *https = chain_first (run->facts->https);

      g_task_return_new_error (task, CL_ERROR, CL_ERROR_UNAVAILABLE,
                               _("Neither http://%s/ nor https://%s/ answered (%s; %s)"),
                               run->facts->domain, run->facts->domain,
                               http && http->error ? http->error : "",
                               https && https->error ? https->error : "");
      return;
    }

  result = cl_module_result_new ("headers");
  _cl_module_headers_judge (run->facts, result);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

static void
run_fetch_done (Fetch *fetch)
{
  g_autoptr(GTask) task = g_object_ref (fetch->task);
  Run *run = g_task_get_task_data (task);
  ClHeadersChain *chain = fetch->chain;

  fetch_free (fetch);

  /* The CORS probe asks the page HTTPS ended on, once it is known. */
  if (chain == run->facts->https && chain_answered (chain) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      ClHeadersHop *page = chain_last_answered (chain);
      g_autofree char *url = NULL;

      if (page != NULL && page->location == NULL)
        url = g_strdup (page->url);
      else
        url = g_strdup_printf ("https://%s/", run->facts->domain);

      /* Random, so that no allow-list can know it. */
      run->facts->cors_origin = g_strdup_printf ("https://%08x-probe.invalid", g_random_int ());
      run_start_fetch (task, NULL, url, run->facts->cors_origin);
    }

  if (--run->pending == 0)
    run_finish (task);
}

static void
cl_module_headers_run_async (ClModule            *module,
                             ClScanContext       *context,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *http_url = NULL;
  g_autofree char *https_url = NULL;
  const char *domain;
  Run *run;

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_headers_run_async);

  domain = cl_scan_context_get_domain (context);
  run = g_new0 (Run, 1);
  run->context = g_object_ref (context);
  run->facts = _cl_headers_facts_new (domain);
  run->base_domain = g_strdup (soup_tld_get_base_domain (domain, NULL));
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  http_url = g_strdup_printf ("http://%s/", domain);
  https_url = g_strdup_printf ("https://%s/", domain);

  /* Both at once, so that a silent host costs one network timeout. */
  run->pending++;
  run_start_fetch (task, run->facts->http, http_url, NULL);
  run_start_fetch (task, run->facts->https, https_url, NULL);
  if (--run->pending == 0)
    run_finish (task);
}

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "headers.cors_reflects_origin_with_credentials",
  "headers.cors_wildcard_with_credentials",
  "headers.csp_missing",
  "headers.csp_no_default_src",
  "headers.csp_object_src_unrestricted",
  "headers.csp_script_broad_source",
  "headers.csp_script_insecure_scheme",
  "headers.csp_script_unrestricted",
  "headers.csp_unsafe_eval",
  "headers.csp_unsafe_inline",
  "headers.hsts_invalid",
  "headers.hsts_missing",
  "headers.hsts_no_include_subdomains",
  "headers.hsts_short_max_age",
  "headers.https_downgrade",
  "headers.https_redirect_indirect",
  "headers.https_unavailable",
  "headers.no_https_redirect",
  "headers.nosniff_missing",
  "headers.page_not_judged",
  "headers.xfo_missing",
  NULL,
};

static void
cl_module_headers_class_init (ClModuleHeadersClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "headers";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_headers_run_async;
}

static void
cl_module_headers_init (ClModuleHeaders *self)
{
}

ClModule *
cl_module_headers_new (void)
{
  return g_object_new (CL_TYPE_MODULE_HEADERS, NULL);
}
