/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-set-cookie"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "cl-set-cookie.h"

/* Feeds bytes as a Set-Cookie header value to the parser.  A cookie it
 * accepts has a name without the separators and control characters the
 * parser splits on, and survives being written back and parsed again; a
 * value it refuses gives an error of its own domain. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *value = g_strndup ((const char *)data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSetCookie) cookie = cl_set_cookie_parse (value, &error);

  if (cookie != NULL)
    {
      g_autoptr(ClSetCookie) again = NULL;
      g_autofree char *header = NULL;
      gint64 lifetime;

      g_assert (error == NULL);
      g_assert (cookie->name[0] != '\0');
      g_assert (strpbrk (cookie->name, ";=\r\n") == NULL);
      g_assert (strlen (value) <= CL_SET_COOKIE_MAX_LENGTH);
      g_assert (cookie->path == NULL || cookie->path[0] == '/');
      g_assert (cookie->same_site <= CL_SAME_SITE_NONE);
      g_assert (cl_set_cookie_get_lifetime (cookie, 0, &lifetime) ==
                (cookie->has_max_age || cookie->has_expires));

      header = g_strdup_printf ("%s=v%s%s%s%s", cookie->name,
                                cookie->secure ? "; Secure" : "",
                                cookie->http_only ? "; HttpOnly" : "",
                                cookie->path ? "; Path=" : "",
                                cookie->path && !strchr (cookie->path, ';') ? cookie->path : "");
      again = cl_set_cookie_parse (header, NULL);
      if (strlen (header) <= CL_SET_COOKIE_MAX_NAME_VALUE)
        {
          g_assert (again != NULL);
          g_assert (g_str_equal (again->name, cookie->name));
          g_assert (again->secure == cookie->secure);
          g_assert (again->http_only == cookie->http_only);
        }
    }
  else
    {
      g_assert (error != NULL && error->domain == CL_SET_COOKIE_ERROR);
      g_assert (error->message != NULL && error->message[0] != '\0');
    }

  return 0;
}
