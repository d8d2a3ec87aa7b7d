/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-hsts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cl-hsts.h"

/* RFC 6797 §6.1:
 *
 *   Strict-Transport-Security = "Strict-Transport-Security" ":"
 *                               [ directive ]  *( ";" [ directive ] )
 *   directive       = directive-name [ "=" directive-value ]
 *   directive-name  = token
 *   directive-value = token | quoted-string
 *
 * with the implied linear white space of RFC 2616 around the separators.
 * The value comes from a server we do not trust: it is walked once, never
 * copied whole, and anything that does not fit the grammar makes the
 * header invalid, as it does for a browser (§6.1, rule 4). */

G_DEFINE_QUARK (cl-hsts-error-quark, cl_hsts_error)

/* RFC 9110 §5.6.2 */
static gboolean
is_tchar (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

static const char *
skip_ows (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Reads a quoted-string (RFC 9110 §5.6.4) starting at the opening quote
 * and returns its unescaped contents, or NULL when it is not one. */
static GString *
read_quoted_string (const char **pp)
{
  const guchar *p = (const guchar *)*pp;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert (*p == '"');

  for (p++; *p != '"'; p++)
    {
      if (*p == '\\')
        {
          p++;
          /* quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ) */
          if (!(*p == '\t' || *p >= 0x20) || *p == 0x7f)
            return NULL;
        }
      else if (!(*p == '\t' || *p >= 0x20) || *p == 0x7f)
        return NULL;  /* also the end of the string: unterminated */

      g_string_append_c (out, *p);
    }

  *pp = (const char *)p + 1;
  return g_steal_pointer (&out);
}

/* delta-seconds = 1*DIGIT; values beyond what we can hold mean "for
 * ever", so saturate rather than fail (RFC 9111 §1.2.2 does the same). */
static gboolean
parse_delta_seconds (const char *str,
                     guint64    *seconds)
{
  guint64 value = 0;

  if (*str == '\0')
    return FALSE;

  for (; *str != '\0'; str++)
    {
      guint digit;

      if (!g_ascii_isdigit (*str))
        return FALSE;

      digit = *str - '0';
      if (value > (G_MAXUINT64 - digit) / 10)
        value = G_MAXUINT64;
      else
        value = value * 10 + digit;
    }

  *seconds = value;
  return TRUE;
}

static gboolean
syntax_error (GError     **error,
              const char  *value,
              const char  *p)
{
  g_set_error (error, CL_HSTS_ERROR, CL_HSTS_ERROR_SYNTAX,
               _("Unexpected character at offset %u"),
               (guint)(p - value));
  return FALSE;
}

/**
 * cl_hsts_parse:
 * @value: the value of the first Strict-Transport-Security header field
 *   (RFC 6797 §8.1: a browser processes only the first)
 * @hsts: (out caller-allocates): the policy
 * @error: why the header is invalid, in #CL_HSTS_ERROR
 *
 * Returns: %TRUE if @value is a policy a browser would honour
 */
gboolean
cl_hsts_parse (const char  *value,
               ClHsts      *hsts,
               GError     **error)
{
  g_autoptr(GHashTable) seen = NULL;
  gboolean have_max_age = FALSE;
  ClHsts parsed = { 0, };
  const char *p;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (hsts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Nothing of a failed parse may look like a policy. */
  memset (hsts, 0, sizeof *hsts);

  if (strlen (value) > CL_HSTS_MAX_LENGTH)
    {
      g_set_error (error, CL_HSTS_ERROR, CL_HSTS_ERROR_SYNTAX,
                   _("The header is longer than %u bytes"),
                   (guint)CL_HSTS_MAX_LENGTH);
      return FALSE;
    }

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (p = skip_ows (value); *p != '\0'; p = skip_ows (p))
    {
      g_autofree char *name = NULL;
      g_autoptr(GString) dvalue = NULL;
      const char *start;

      /* Empty directives are allowed: "max-age=1;;" */
      if (*p == ';')
        {
          p++;
          continue;
        }

      for (start = p; is_tchar (*p); p++)
        ;
      if (p == start)
        return syntax_error (error, value, p);
      /* Directive names are case-insensitive (§6.1, rule 3). */
      name = g_ascii_strdown (start, p - start);

      p = skip_ows (p);
      if (*p == '=')
        {
          p = skip_ows (p + 1);
          if (*p == '"')
            {
              if (!(dvalue = read_quoted_string (&p)))
                {
                  g_set_error (error, CL_HSTS_ERROR, CL_HSTS_ERROR_SYNTAX,
                               _("Unterminated or invalid quoted string in “%s”"),
                               name);
                  return FALSE;
                }
            }
          else
            {
              for (start = p; is_tchar (*p); p++)
                ;
              if (p == start)
                return syntax_error (error, value, p);
              dvalue = g_string_new_len (start, p - start);
            }
          p = skip_ows (p);
        }

      if (*p != ';' && *p != '\0')
        return syntax_error (error, value, p);

      /* §6.1, rule 2: all directives MUST appear only once. */
      if (!g_hash_table_add (seen, g_strdup (name)))
        {
          g_set_error (error, CL_HSTS_ERROR, CL_HSTS_ERROR_DUPLICATE,
                       _("The directive “%s” appears more than once"), name);
          return FALSE;
        }

      if (g_str_equal (name, "max-age"))
        {
          /* §6.1.1: the value is delta-seconds, optionally quoted. */
          if (dvalue == NULL || !parse_delta_seconds (dvalue->str, &parsed.max_age))
            {
              g_set_error_literal (error, CL_HSTS_ERROR, CL_HSTS_ERROR_INVALID_MAX_AGE,
                                   _("max-age is not a number of seconds"));
              return FALSE;
            }
          have_max_age = TRUE;
        }
      else if (g_str_equal (name, "includesubdomains") || g_str_equal (name, "preload"))
        {
          /* §6.1.2: includeSubDomains is valueless; a value does not
           * conform to the grammar.  "preload" is read the same way. */
          if (dvalue != NULL)
            {
              g_set_error (error, CL_HSTS_ERROR, CL_HSTS_ERROR_SYNTAX,
                           _("The directive “%s” takes no value"), name);
              return FALSE;
            }
          if (name[0] == 'i')
            parsed.include_subdomains = TRUE;
          else
            parsed.preload = TRUE;
        }
      /* §6.1, rule 5: unknown directives are ignored. */
    }

  if (!have_max_age)
    {
      g_set_error_literal (error, CL_HSTS_ERROR, CL_HSTS_ERROR_MISSING_MAX_AGE,
                           _("The required max-age directive is missing"));
      return FALSE;
    }

  *hsts = parsed;
  return TRUE;
}
