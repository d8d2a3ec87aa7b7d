/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-cookies"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cl-error.h"
#include "cl-module-cookies-private.h"
#include "cl-set-cookie.h"

/* Cookie security: the cookies the home page sets, over HTTPS and along
 * its redirect chain within the site, read from every Set-Cookie header
 * (not through a cookie jar, which would hide the ones a browser drops).
 *
 * Rule ids (severity):
 *   cookies.session_no_secure      high    session cookie without Secure
 *   cookies.session_no_httponly    medium  session cookie readable by scripts
 *   cookies.samesite_none_insecure medium  SameSite=None without Secure
 *   cookies.no_secure              low     other cookie without Secure
 *   cookies.samesite_missing       low     no (valid) SameSite attribute
 *   cookies.host_prefix_invalid    low     __Host- without Secure, Path=/ or with Domain
 *   cookies.secure_prefix_invalid  low     __Secure- without Secure
 *   cookies.long_lifetime          low     lives over a year
 *   cookies.ignored                info    Set-Cookie headers a browser ignores
 *
 * The order follows the MDN HTTP Observatory (a session cookie without
 * Secure −40, without HttpOnly −30); a site whose every cookie is set
 * the careful way, or that sets none, scores 100.  A finding names all
 * the cookies that break its rule, so that fixing one rule is one
 * finding's worth of points. */

/* A whole request may take this many network timeouts. */
#define REQUEST_TIMEOUTS 2
/* Browsers cap lifetimes at 400 days (rfc6265bis §5.5); privacy
 * regulators ask for about a year at most (CNIL: 13 months). */
#define ONE_YEAR (365 * 24 * 3600)

struct _ClModuleCookies
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleCookies, cl_module_cookies, CL_TYPE_MODULE)

/* Facts {{{ */

ClCookiesHop *
_cl_cookies_hop_new (const char *url,
                     guint       status)
{
  ClCookiesHop *hop;

  g_return_val_if_fail (url != NULL, NULL);

  hop = g_new0 (ClCookiesHop, 1);
  hop->url = g_strdup (url);
  hop->status = status;
  hop->set_cookies = g_ptr_array_new_with_free_func (g_free);

  return hop;
}

ClCookiesHop *
_cl_cookies_hop_new_failed (const char *url,
                            const char *error)
{
  ClCookiesHop *hop;

  g_return_val_if_fail (error != NULL, NULL);

  hop = _cl_cookies_hop_new (url, 0);
  hop->error = g_strdup (error);

  return hop;
}

/* Keeps at most CL_COOKIES_MAX_PER_RESPONSE values, each cut where the
 * parser would refuse it anyway: a 10 MB header costs 8 kB. */
void
_cl_cookies_hop_add_cookie (ClCookiesHop *hop,
                            const char   *set_cookie)
{
  g_return_if_fail (hop != NULL);
  g_return_if_fail (set_cookie != NULL);

  if (hop->set_cookies->len >= CL_COOKIES_MAX_PER_RESPONSE)
    hop->dropped++;
  else
    g_ptr_array_add (hop->set_cookies, g_strndup (set_cookie, CL_SET_COOKIE_MAX_LENGTH + 1));
}

void
_cl_cookies_hop_free (ClCookiesHop *hop)
{
  if (hop == NULL)
    return;

  g_free (hop->url);
  g_ptr_array_unref (hop->set_cookies);
  g_free (hop->error);
  g_free (hop);
}

ClCookiesFacts *
_cl_cookies_facts_new (const char *domain,
                       gint64      now)
{
  ClCookiesFacts *facts;

  g_return_val_if_fail (domain != NULL, NULL);

  facts = g_new0 (ClCookiesFacts, 1);
  facts->domain = g_strdup (domain);
  facts->now = now;
  facts->hops = g_ptr_array_new_with_free_func ((GDestroyNotify)_cl_cookies_hop_free);

  return facts;
}

void
_cl_cookies_facts_free (ClCookiesFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->domain);
  g_ptr_array_unref (facts->hops);
  g_free (facts);
}

/* }}} */

/* Judging {{{ */

/* Names that frameworks give their session cookies, and the parts that
 * people put in their own (lower case, matched anywhere in the name):
 * PHPSESSID, JSESSIONID, ASP.NET_SessionId, connect.sid, laravel_session,
 * _gitlab_session, auth_token, jwt... */
static const char * const session_parts[] = {
  "sess", "sid", "token", "auth", "jwt", "login", NULL
};

gboolean
_cl_cookies_is_session_name (const char *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  lower = g_ascii_strdown (name, -1);
  for (guint i = 0; session_parts[i] != NULL; i++)
    {
      if (strstr (lower, session_parts[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Cookie names and URLs are the server's bytes: evidence shows them as
 * valid UTF-8 without control or invisible characters. */
static char *
quote (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (out->len > 200)
        {
          g_string_append (out, "…");
          break;
        }
      if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT ||
          g_unichar_type (c) == G_UNICODE_LINE_SEPARATOR ||
          g_unichar_type (c) == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* The names that break one rule, each once, in the order first met. */
typedef struct
{
  GPtrArray  *names;  /* (element-type utf8) quoted, with details */
  GHashTable *seen;
} Offenders;

static void
offenders_init (Offenders *offenders)
{
  offenders->names = g_ptr_array_new_with_free_func (g_free);
  offenders->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
offenders_clear (Offenders *offenders)
{
  g_clear_pointer (&offenders->names, g_ptr_array_unref);
  g_clear_pointer (&offenders->seen, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Offenders, offenders_clear)

/* Takes @detail: the evidence for this cookie, "name" or "name (why)". */
static void
offenders_add (Offenders  *offenders,
               const char *name,
               char       *detail)
{
  if (!g_hash_table_add (offenders->seen, g_strdup (name)))
    {
      g_free (detail);
      return;
    }

  g_ptr_array_add (offenders->names, detail);
}

static char *
offenders_describe (Offenders *offenders)
{
  GString *out = g_string_new (NULL);
  guint n = offenders->names->len;

  for (guint i = 0; i < MIN (n, CL_COOKIES_MAX_LISTED); i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (offenders->names, i));
    }
  if (n > CL_COOKIES_MAX_LISTED)
    g_string_append_printf (out, _(" and %u more"), n - CL_COOKIES_MAX_LISTED);

  return g_string_free (out, FALSE);
}

/* What the rules found over every cookie of every response. */
typedef struct
{
  Offenders session_no_secure;
  Offenders no_secure;
  Offenders session_no_httponly;
  Offenders samesite_missing;
  Offenders samesite_none_insecure;
  Offenders host_prefix;
  Offenders secure_prefix;
  Offenders long_lifetime;
  Offenders ignored;
} Verdicts;

static void
verdicts_init (Verdicts *v)
{
  offenders_init (&v->session_no_secure);
  offenders_init (&v->no_secure);
  offenders_init (&v->session_no_httponly);
  offenders_init (&v->samesite_missing);
  offenders_init (&v->samesite_none_insecure);
  offenders_init (&v->host_prefix);
  offenders_init (&v->secure_prefix);
  offenders_init (&v->long_lifetime);
  offenders_init (&v->ignored);
}

static void
verdicts_clear (Verdicts *v)
{
  offenders_clear (&v->session_no_secure);
  offenders_clear (&v->no_secure);
  offenders_clear (&v->session_no_httponly);
  offenders_clear (&v->samesite_missing);
  offenders_clear (&v->samesite_none_insecure);
  offenders_clear (&v->host_prefix);
  offenders_clear (&v->secure_prefix);
  offenders_clear (&v->long_lifetime);
  offenders_clear (&v->ignored);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Verdicts, verdicts_clear)

static void
check_secure (const ClSetCookie *cookie,
              const char        *name,
              Verdicts          *v)
{
  if (cookie->secure)
    return;

  if (_cl_cookies_is_session_name (cookie->name))
    offenders_add (&v->session_no_secure, cookie->name, g_strdup (name));
  else
    offenders_add (&v->no_secure, cookie->name, g_strdup (name));
}

static void
check_http_only (const ClSetCookie *cookie,
                 const char        *name,
                 Verdicts          *v)
{
  if (!cookie->http_only && _cl_cookies_is_session_name (cookie->name))
    offenders_add (&v->session_no_httponly, cookie->name, g_strdup (name));
}

static void
check_same_site (const ClSetCookie *cookie,
                 const char        *name,
                 Verdicts          *v)
{
  if (cookie->same_site == CL_SAME_SITE_UNSET)
    offenders_add (&v->samesite_missing, cookie->name, g_strdup (name));
  /* rfc6265bis §5.6.7.1: browsers drop SameSite=None cookies without
   * Secure, so the cookie the site relies on cross-site never arrives */
  else if (cookie->same_site == CL_SAME_SITE_NONE && !cookie->secure)
    offenders_add (&v->samesite_none_insecure, cookie->name, g_strdup (name));
}

/* rfc6265bis §4.1.3: the prefixes promise a browser-enforced property;
 * a cookie that breaks the promise is rejected by browsers, and shows
 * that the site believes in a protection it does not have. */
static void
check_prefixes (const ClSetCookie *cookie,
                const char        *name,
                Verdicts          *v)
{
  /* §5.6 step 21: the prefixes match case-insensitively */
  if (g_ascii_strncasecmp (cookie->name, "__Host-", 7) == 0)
    {
      GPtrArray *why = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      if (!cookie->secure)
        g_ptr_array_add (why, (char *)_("no Secure"));
      if (g_strcmp0 (cookie->path, "/") != 0)
        g_ptr_array_add (why, (char *)_("Path is not /"));
      if (cookie->domain != NULL)
        g_ptr_array_add (why, (char *)_("has a Domain"));
      g_ptr_array_add (why, NULL);

      joined = g_strjoinv (", ", (char **)why->pdata);
      if (why->len > 1)
        offenders_add (&v->host_prefix, cookie->name, g_strdup_printf ("%s (%s)", name, joined));
      g_ptr_array_unref (why);
    }
  else if (g_ascii_strncasecmp (cookie->name, "__Secure-", 9) == 0 && !cookie->secure)
    offenders_add (&v->secure_prefix, cookie->name, g_strdup (name));
}

static void
check_lifetime (const ClSetCookie *cookie,
                const char        *name,
                gint64             now,
                Verdicts          *v)
{
  gint64 seconds;

  if (cl_set_cookie_get_lifetime (cookie, now, &seconds) && seconds > ONE_YEAR)
    offenders_add (&v->long_lifetime, cookie->name,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%" G_GINT64_FORMAT " day)",
                                                 "%s (%" G_GINT64_FORMAT " days)",
                                                 seconds / 86400 == 1 ? 1 : 2),
                                    name, seconds / 86400));
}

static void
judge_cookie (ClCookiesFacts *facts,
              ClCookiesHop   *hop,
              const char     *set_cookie,
              Verdicts       *v)
{
  g_autoptr(ClSetCookie) cookie = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean https = g_ascii_strncasecmp (hop->url, "https:", 6) == 0;

  if (!(cookie = cl_set_cookie_parse (set_cookie, &error)))
    {
      g_autofree char *start = g_strndup (set_cookie, 40);
      g_autofree char *quoted = quote (start);

      /* keyed by the whole value: two broken headers are two */
      offenders_add (&v->ignored, set_cookie,
                     g_strdup_printf ("“%s%s” (%s)", quoted,
                                      strlen (set_cookie) > 40 ? "…" : "", error->message));
      return;
    }

  name = quote (cookie->name);

  /* Secure and the prefixes need HTTPS: over plain HTTP browsers refuse
   * Secure cookies, and the headers module reports the missing HTTPS. */
  if (https)
    {
      check_secure (cookie, name, v);
      check_prefixes (cookie, name, v);
    }
  check_http_only (cookie, name, v);
  check_same_site (cookie, name, v);
  check_lifetime (cookie, name, facts->now, v);
}

static void
report (ClModuleResult *result,
        Offenders      *offenders,
        const char     *rule_id,
        ClSeverity      severity,
        const char     *finding,
        const char     *remediation)
{
  g_autofree char *names = NULL;

  if (offenders->names->len == 0)
    return;

  names = offenders_describe (offenders);
  cl_module_result_add (result, rule_id, severity, finding, remediation, "%s", names);
}

/**
 * _cl_module_cookies_judge:
 * @facts: the responses of the home page's chain
 * @result: where the findings go
 *
 * One finding per rule, naming every cookie that breaks it.
 */
void
_cl_module_cookies_judge (ClCookiesFacts *facts,
                          ClModuleResult *result)
{
  g_auto(Verdicts) v;
  guint dropped = 0;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  verdicts_init (&v);

  for (guint i = 0; i < facts->hops->len; i++)
    {
      ClCookiesHop *hop = g_ptr_array_index (facts->hops, i);

      for (guint j = 0; j < hop->set_cookies->len; j++)
        judge_cookie (facts, hop, g_ptr_array_index (hop->set_cookies, j), &v);
      dropped += hop->dropped;
    }

  report (result, &v.session_no_secure, "cookies.session_no_secure", CL_SEVERITY_HIGH,
          _("Session cookies are sent without the Secure attribute"),
          _("Add Secure to every session cookie so that browsers never send it over "
            "unencrypted HTTP, where anyone on the network can steal the session."));
  report (result, &v.session_no_httponly, "cookies.session_no_httponly", CL_SEVERITY_MEDIUM,
          _("Session cookies can be read by scripts (no HttpOnly)"),
          _("Add HttpOnly to session cookies so that an injected script (XSS) cannot "
            "read and steal them."));
  report (result, &v.samesite_none_insecure, "cookies.samesite_none_insecure", CL_SEVERITY_MEDIUM,
          _("Cookies with SameSite=None lack the Secure attribute"),
          _("Browsers reject SameSite=None cookies without Secure: add Secure, or use "
            "SameSite=Lax if the cookie is not needed in cross-site requests."));
  report (result, &v.no_secure, "cookies.no_secure", CL_SEVERITY_LOW,
          _("Cookies set over HTTPS without the Secure attribute"),
          _("Add Secure to every cookie of an HTTPS site so that browsers never send "
            "it over unencrypted HTTP."));
  report (result, &v.samesite_missing, "cookies.samesite_missing", CL_SEVERITY_LOW,
          _("Cookies without a SameSite attribute"),
          _("Set SameSite=Lax (or Strict) on each cookie so that browsers do not send "
            "it with cross-site requests, which protects against cross-site request "
            "forgery whatever the browser’s default."));
  report (result, &v.host_prefix, "cookies.host_prefix_invalid", CL_SEVERITY_LOW,
          _("__Host- cookies break the prefix’s rules, so browsers reject them"),
          _("A __Host- cookie must be set with Secure and Path=/ and without a Domain "
            "attribute; fix the attributes or rename the cookie."));
  report (result, &v.secure_prefix, "cookies.secure_prefix_invalid", CL_SEVERITY_LOW,
          _("__Secure- cookies lack the Secure attribute, so browsers reject them"),
          _("Set a __Secure- cookie with the Secure attribute, or rename it."));
  report (result, &v.long_lifetime, "cookies.long_lifetime", CL_SEVERITY_LOW,
          _("Cookies live longer than a year"),
          _("Limit cookie lifetimes (Max-Age or Expires) to what the purpose needs, at "
            "most a year: a long-lived identifier is a privacy risk, and a long-lived "
            "login stays usable to whoever steals it."));

  if (dropped > 0)
    offenders_add (&v.ignored, "", g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%u more Set-Cookie header not read",
                                                                  "%u more Set-Cookie headers not read",
                                                                  dropped), dropped));
  report (result, &v.ignored, "cookies.ignored", CL_SEVERITY_INFO,
          _("Some Set-Cookie headers set no cookie in a browser, or were not read"),
          _("Fix or remove Set-Cookie headers that browsers ignore; they often hide a "
            "cookie the site relies on."));
}

/* }}} */

/* Fetching {{{ */

typedef struct
{
  ClScanContext  *context;
  ClCookiesFacts *facts;
  char           *base_domain;  /* registrable domain of facts->domain, or NULL */
  gboolean        tried_http;
  gboolean        secure_only;  /* a chain that started on https:// does not leave it */
  guint           redirects;
  char           *location;     /* where the last answer redirects, or NULL */
  SoupMessage    *msg;
  GInputStream   *body;
  GCancellable   *cancellable;  /* the request's: the task's or the timer cancel it */
  gulong          cancelled_id;
  guint           timeout_id;
  gboolean        timed_out;
} Run;

static void
request_end (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  g_clear_handle_id (&run->timeout_id, g_source_remove);
  if (run->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), run->cancelled_id);
  run->cancelled_id = 0;
  g_clear_object (&run->body);
  g_clear_object (&run->msg);
  g_clear_object (&run->cancellable);
}

static void
run_free (Run *run)
{
  g_assert (run->timeout_id == 0 && run->cancelled_id == 0);

  g_clear_object (&run->context);
  _cl_cookies_facts_free (run->facts);
  g_free (run->base_domain);
  g_free (run->location);
  g_free (run);
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

static void request (GTask *task, const char *url);

static void
finish (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  ClCookiesHop *first = g_ptr_array_index (run->facts->hops, 0);
  g_autoptr(ClModuleResult) result = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (first->status == 0)
    {
      g_task_return_new_error (task, CL_ERROR, CL_ERROR_UNAVAILABLE,
                               _("The home page of %s did not answer: %s"),
                               run->facts->domain, first->error);
      return;
    }

  result = cl_module_result_new ("cookies");
  _cl_module_cookies_judge (run->facts, result);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

/* After a response: follow its redirect within the site, or judge. */
static void
next (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  ClCookiesHop *last = g_ptr_array_index (run->facts->hops, run->facts->hops->len - 1);
  g_autoptr(GUri) target = NULL;
  g_autofree char *url = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      finish (task);
      return;
    }

  /* Nothing on HTTPS: the cookies of the plain HTTP site still count. */
  if (last->status == 0 && run->facts->hops->len == 1 && !run->tried_http)
    {
      g_autoptr(ClCookiesHop) failed = g_ptr_array_steal_index (run->facts->hops, 0);
      g_autofree char *http = g_strdup_printf ("http://%s/", run->facts->domain);

      run->tried_http = TRUE;
      run->secure_only = FALSE;
      g_debug ("%s: %s; trying %s", failed->url, failed->error, http);
      request (task, http);
      return;
    }

  if (run->location != NULL)
    {
      g_autoptr(GUri) base = g_uri_parse (last->url, SOUP_HTTP_URI_FLAGS, NULL);

      if (base != NULL)
        target = g_uri_parse_relative (base, run->location, SOUP_HTTP_URI_FLAGS, NULL);
    }

  if (target == NULL || run->redirects >= CL_COOKIES_MAX_REDIRECTS ||
      !same_site (run, g_uri_get_host (target)) ||
      (g_ascii_strcasecmp (g_uri_get_scheme (target), "https") != 0 &&
       (run->secure_only || g_ascii_strcasecmp (g_uri_get_scheme (target), "http") != 0)))
    {
      finish (task);
      return;
    }

  run->redirects++;
  url = g_uri_to_string (target);
  request (task, url);
}

static void
on_closed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* A body dropped unread fails to close; the connection goes with it. */
  g_input_stream_close_finish (G_INPUT_STREAM (source), result, NULL);
  request_end (task);
  next (task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  ClCookiesHop *hop;
  SoupMessageHeaders *headers;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  guint status;

  run->body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  uri = g_uri_to_string (soup_message_get_uri (run->msg));
  /* the previous answer's redirect has been followed */
  g_clear_pointer (&run->location, g_free);

  if (run->body == NULL)
    {
      ClScanSettings *settings = cl_scan_context_get_settings (run->context);
      g_autofree char *message = NULL;

      if (run->timed_out)
        message = g_strdup_printf (_("no complete answer within %u s"),
                                   REQUEST_TIMEOUTS * cl_scan_settings_get_network_timeout (settings));
      else
        message = g_strdup (error->message);
      g_ptr_array_add (run->facts->hops, _cl_cookies_hop_new_failed (uri, message));
      request_end (task);
      next (task);
      return;
    }

  status = soup_message_get_status (run->msg);
  hop = _cl_cookies_hop_new (uri, status);

  headers = soup_message_get_response_headers (run->msg);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Set-Cookie") == 0)
        _cl_cookies_hop_add_cookie (hop, value);
    }
  g_ptr_array_add (run->facts->hops, hop);

  /* RFC 9110 §15.4: the redirects that carry a Location to follow */
  if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
    run->location = g_strdup (soup_message_headers_get_one (headers, "Location"));

  /* Closing an unread body makes libsoup read it to reuse the
   * connection; cancelling first drops the connection instead. */
  g_cancellable_cancel (run->cancellable);
  g_input_stream_close_async (run->body, G_PRIORITY_DEFAULT, run->cancellable,
                              on_closed, g_object_ref (task));
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
  Run *run = g_task_get_task_data (G_TASK (user_data));

  run->timeout_id = 0;
  run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
accept_any_certificate (SoupMessage          *msg,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  /* The ssl module judges certificates; the cookies behind a bad one
   * are still set by browsers whose user clicked through. */
  return TRUE;
}

static void
request (GTask      *task,
         const char *url)
{
  Run *run = g_task_get_task_data (task);
  GCancellable *parent = g_task_get_cancellable (task);
  guint timeout = cl_scan_settings_get_network_timeout (cl_scan_context_get_settings (run->context));
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;

  if (!(uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error)))
    {
      g_ptr_array_add (run->facts->hops, _cl_cookies_hop_new_failed (url, error->message));
      finish (task);
      return;
    }

  /* The session's timeout bounds each wait; this timer bounds a server
   * that drips bytes, with room for a busy main loop (as in headers). */
  run->cancellable = g_cancellable_new ();
  run->timed_out = FALSE;
  if (parent != NULL)
    run->cancelled_id = g_cancellable_connect (parent, G_CALLBACK (cancel_request),
                                               run->cancellable, NULL);
  /* The task holds the run; the timer is removed before the run goes. */
  run->timeout_id = g_timeout_add (REQUEST_TIMEOUTS * MAX (timeout, 1) * 1000, on_timeout, task);

  run->msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  /* We read each response's Set-Cookie, so we follow redirects ourselves. */
  soup_message_add_flags (run->msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (run->msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  soup_message_headers_replace (soup_message_get_request_headers (run->msg),
                                "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

  soup_session_send_async (cl_scan_context_get_http_session (run->context), run->msg,
                           G_PRIORITY_DEFAULT, run->cancellable, on_sent, g_object_ref (task));
}

static void
cl_module_cookies_run_async (ClModule            *module,
                             ClScanContext       *context,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  const char *domain;
  Run *run;

  g_assert (CL_IS_MODULE_COOKIES (module));
  g_assert (CL_IS_SCAN_CONTEXT (context));

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_cookies_run_async);

  domain = cl_scan_context_get_domain (context);
  run = g_new0 (Run, 1);
  run->context = g_object_ref (context);
  run->facts = _cl_cookies_facts_new (domain, g_get_real_time () / G_USEC_PER_SEC);
  run->base_domain = g_strdup (soup_tld_get_base_domain (domain, NULL));
  run->secure_only = TRUE;
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  url = g_strdup_printf ("https://%s/", domain);
  request (task, url);
}

/* }}} */

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "cookies.host_prefix_invalid",
  "cookies.ignored",
  "cookies.long_lifetime",
  "cookies.no_secure",
  "cookies.samesite_missing",
  "cookies.samesite_none_insecure",
  "cookies.secure_prefix_invalid",
  "cookies.session_no_httponly",
  "cookies.session_no_secure",
  NULL,
};

static void
cl_module_cookies_class_init (ClModuleCookiesClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "cookies";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_cookies_run_async;
}

static void
cl_module_cookies_init (ClModuleCookies *self)
{
}

ClModule *
cl_module_cookies_new (void)
{
  return g_object_new (CL_TYPE_MODULE_COOKIES, NULL);
}
