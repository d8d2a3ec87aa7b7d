/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-set-cookie"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cl-set-cookie.h"

/* A Set-Cookie header value read the way browsers read it: the lenient
 * algorithm of RFC 6265 §5.2 with the limits of rfc6265bis §5.6, not the
 * strict server grammar of §4.1.  What a browser ignores we ignore too,
 * so that a finding is about a cookie that really gets set.  The value
 * comes from a server we do not trust: it is bounded before it is read. */

G_DEFINE_QUARK (cl-set-cookie-error-quark, cl_set_cookie_error)

/* RFC 6265 §5.2: whitespace is SP and HTAB */
static char *
strip_wsp (const char *start,
           const char *end)
{
  while (start < end && (*start == ' ' || *start == '\t'))
    start++;
  while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
    end--;

  return g_strndup (start, end - start);
}

/* rfc6265bis §5.6 step 5: max-age-av = "Max-Age=" [ "-" ] 1*DIGIT,
 * anything else is ignored.  Saturates rather than overflows. */
static gboolean
parse_max_age (const char *value,
               gint64     *seconds)
{
  gboolean negative = FALSE;
  gint64 n = 0;
  const char *p = value;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  if (*p == '\0')
    return FALSE;

  for (; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      if (n <= (G_MAXINT64 - 9) / 10)
        n = n * 10 + (*p - '0');
      else
        n = G_MAXINT64;
    }

  *seconds = negative ? -n : n;
  return TRUE;
}

static void
apply_attribute (ClSetCookie *cookie,
                 const char  *name,
                 const char  *value)
{
  /* §5.2: attribute names are case-insensitive; a later attribute of
   * the same name replaces an earlier one (§5.3 step 3 uses the last). */
  if (g_ascii_strcasecmp (name, "Expires") == 0)
    {
      g_autoptr(GDateTime) date = soup_date_time_new_from_http_string (value);

      if (date != NULL)
        {
          cookie->has_expires = TRUE;
          cookie->expires = g_date_time_to_unix (date);
        }
    }
  else if (g_ascii_strcasecmp (name, "Max-Age") == 0)
    {
      gint64 seconds;

      if (parse_max_age (value, &seconds))
        {
          cookie->has_max_age = TRUE;
          cookie->max_age = seconds;
        }
    }
  else if (g_ascii_strcasecmp (name, "Domain") == 0)
    {
      /* §5.2.3: empty is ignored, a leading dot is dropped */
      if (value[0] != '\0')
        {
          g_free (cookie->domain);
          cookie->domain = g_ascii_strdown (value[0] == '.' ? value + 1 : value, -1);
        }
    }
  else if (g_ascii_strcasecmp (name, "Path") == 0)
    {
      /* §5.2.4: a path not starting with "/" means the default path */
      g_clear_pointer (&cookie->path, g_free);
      if (value[0] == '/')
        cookie->path = g_strdup (value);
    }
  else if (g_ascii_strcasecmp (name, "Secure") == 0)
    cookie->secure = TRUE;
  else if (g_ascii_strcasecmp (name, "HttpOnly") == 0)
    cookie->http_only = TRUE;
  else if (g_ascii_strcasecmp (name, "SameSite") == 0)
    {
      /* rfc6265bis §5.6.7: an unknown value leaves the default enforcement */
      if (g_ascii_strcasecmp (value, "Strict") == 0)
        cookie->same_site = CL_SAME_SITE_STRICT;
      else if (g_ascii_strcasecmp (value, "Lax") == 0)
        cookie->same_site = CL_SAME_SITE_LAX;
      else if (g_ascii_strcasecmp (value, "None") == 0)
        cookie->same_site = CL_SAME_SITE_NONE;
      else
        cookie->same_site = CL_SAME_SITE_UNSET;
    }
}

/**
 * cl_set_cookie_parse:
 * @header: one Set-Cookie header field value
 * @error: why no cookie is set, in #CL_SET_COOKIE_ERROR
 *
 * Returns: (transfer full) (nullable): the cookie, or %NULL when a
 *   browser would ignore the header
 */
ClSetCookie *
cl_set_cookie_parse (const char  *header,
                     GError     **error)
{
  g_autoptr(ClSetCookie) cookie = NULL;
  const char *end, *equals, *p;
  gsize len;

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = strnlen (header, CL_SET_COOKIE_MAX_LENGTH + 1);
  if (len > CL_SET_COOKIE_MAX_LENGTH)
    {
      g_set_error (error, CL_SET_COOKIE_ERROR, CL_SET_COOKIE_ERROR_TOO_LONG,
                   _("The header is longer than %u bytes"), (guint)CL_SET_COOKIE_MAX_LENGTH);
      return NULL;
    }

  /* rfc6265bis §5.6 step 1: control characters other than HTAB */
  for (p = header; *p != '\0'; p++)
    {
      if (((guchar)*p < 0x20 && *p != '\t') || *p == 0x7f)
        {
          g_set_error (error, CL_SET_COOKIE_ERROR, CL_SET_COOKIE_ERROR_CONTROL,
                       _("A control character at offset %u"), (guint)(p - header));
          return NULL;
        }
    }

  end = strchr (header, ';');
  if (end == NULL)
    end = header + len;
  equals = memchr (header, '=', end - header);
  if (equals == NULL)
    {
      g_set_error (error, CL_SET_COOKIE_ERROR, CL_SET_COOKIE_ERROR_NO_EQUALS,
                   _("The name-value pair has no “=”"));
      return NULL;
    }

  if (end - header > CL_SET_COOKIE_MAX_NAME_VALUE)
    {
      g_set_error (error, CL_SET_COOKIE_ERROR, CL_SET_COOKIE_ERROR_TOO_LONG,
                   _("The name and value are longer than %u bytes"),
                   (guint)CL_SET_COOKIE_MAX_NAME_VALUE);
      return NULL;
    }

  cookie = g_new0 (ClSetCookie, 1);
  cookie->name = strip_wsp (header, equals);
  if (cookie->name[0] == '\0')
    {
      g_set_error (error, CL_SET_COOKIE_ERROR, CL_SET_COOKIE_ERROR_NO_NAME,
                   _("The cookie has no name"));
      return NULL;
    }

  /* §5.2: "; attribute [= value]" until the end */
  for (p = end; *p == ';'; p = end)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      p++;
      end = strchr (p, ';');
      if (end == NULL)
        end = p + strlen (p);
      equals = memchr (p, '=', end - p);

      if (equals != NULL)
        {
          name = strip_wsp (p, equals);
          value = strip_wsp (equals + 1, end);
        }
      else
        {
          name = strip_wsp (p, end);
          value = g_strdup ("");
        }

      if (strlen (value) > CL_SET_COOKIE_MAX_ATTRIBUTE)
        continue;

      apply_attribute (cookie, name, value);
    }

  return g_steal_pointer (&cookie);
}

/**
 * cl_set_cookie_get_lifetime:
 * @now: the Unix time the header was received
 * @seconds: (out): how long the cookie lives from @now
 *
 * Max-Age wins over Expires (RFC 6265 §5.3 step 3).
 *
 * Returns: %FALSE for a session cookie (neither attribute), which lives
 *   until the browser closes
 */
gboolean
cl_set_cookie_get_lifetime (const ClSetCookie *cookie,
                            gint64             now,
                            gint64            *seconds)
{
  g_return_val_if_fail (cookie != NULL, FALSE);
  g_return_val_if_fail (seconds != NULL, FALSE);

  if (cookie->has_max_age)
    *seconds = cookie->max_age;
  else if (cookie->has_expires)
    *seconds = cookie->expires - now;
  else
    return FALSE;

  return TRUE;
}

void
cl_set_cookie_free (ClSetCookie *cookie)
{
  if (cookie == NULL)
    return;

  g_free (cookie->name);
  g_free (cookie->domain);
  g_free (cookie->path);
  g_free (cookie);
}
