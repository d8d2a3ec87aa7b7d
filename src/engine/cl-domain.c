/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-domain"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cl-domain.h"
#include "cl-error.h"

/* RFC 1035 §2.3.4: 63 octets a label, 255 octets a name on the wire,
 * which is 253 characters in text without the trailing dot. */
#define MAX_LABEL 63
#define MAX_NAME 253

/* What a person pastes is often a URL: keep only its host. */
static char *
strip_url (const char *input)
{
  const char *start = input;
  const char *sep;
  const char *end;

  if ((sep = strstr (start, "://")) != NULL)
    start = sep + 3;

  /* user:password@ before the host */
  end = start + strcspn (start, "/?#");
  sep = memchr (start, '@', end - start);
  if (sep != NULL)
    start = sep + 1;

  end = start + strcspn (start, "/?#");

  /* a port, unless this is a bracketed IPv6 literal, rejected later */
  if (*start != '[')
    {
      const char *colon = memchr (start, ':', end - start);
      if (colon != NULL)
        end = colon;
    }

  return g_strndup (start, end - start);
}

static gboolean
validate_label (const char  *label,
                GError     **error)
{
  gsize len = strlen (label);

  if (len == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("The domain has an empty label (two dots in a row, or a leading dot)"));
      return FALSE;
    }
  if (len > MAX_LABEL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("The label “%.20s…” is %zu characters long; a label may have at most %d"),
                   label, len, MAX_LABEL);
      return FALSE;
    }
  if (label[0] == '-' || label[len - 1] == '-')
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("The label “%s” starts or ends with a hyphen"), label);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    {
      /* Underscores are not valid in host names (RFC 952/1123). */
      if (!g_ascii_isalnum (label[i]) && label[i] != '-')
        {
          g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                       _("The label “%s” contains the character “%c”, which a host name cannot have"),
                       label, label[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * cl_domain_normalize:
 * @input: what the user typed or pasted
 * @error: a %CL_ERROR_VALIDATION error when it is not a domain name
 *
 * Turns user input into the domain name a scan uses: the host of a URL,
 * lower case, without a trailing dot, IDN labels as punycode (A-labels).
 * No network traffic happens here.
 *
 * Returns: (transfer full): the normalised domain, or %NULL
 */
char *
cl_domain_normalize (const char  *input,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *host = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *lower = NULL;
  g_auto(GStrv) labels = NULL;
  gsize len;

  g_return_val_if_fail (input != NULL, NULL);

  if (!g_utf8_validate (input, -1, NULL))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("The domain is not valid UTF-8 text"));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (input));
  /* A bare IPv6 address would lose its tail to the port stripping. */
  host = g_hostname_is_ip_address (trimmed) ? g_strdup (trimmed) : strip_url (trimmed);

  if (*host == '\0')
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, _("The domain is empty"));
      return NULL;
    }

  /* before the single-label check, which would otherwise speak for
   * "not a domain" */
  if (strpbrk (host, " \t\r\n") != NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("“%s” contains white space, which a domain name cannot have"), host);
      return NULL;
    }

  if (*host == '[' || g_hostname_is_ip_address (host))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("“%s” is an IP address; enter a domain name"), host);
      return NULL;
    }

  len = strlen (host);
  if (len > 1 && host[len - 1] == '.')
    host[len - 1] = '\0';

  /* Punycode first: the length limits apply to the name on the wire. */
  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("“%s” cannot be converted to an internationalised domain name"), host);
      return NULL;
    }
  lower = g_ascii_strdown (ascii, -1);

  if (strlen (lower) > MAX_NAME)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("The domain is %zu characters long; a domain may have at most %d"),
                   strlen (lower), MAX_NAME);
      return NULL;
    }

  labels = g_strsplit (lower, ".", -1);
  if (g_strv_length (labels) < 2)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("“%s” is a single label; enter a full domain such as example.com"), lower);
      return NULL;
    }

  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (!validate_label (labels[i], error))
        return NULL;
    }

  /* An all-numeric top-level label is an address in disguise (RFC 3696 §2). */
  {
    const char *tld = labels[g_strv_length (labels) - 1];
    gboolean numeric = TRUE;

    for (const char *p = tld; *p; p++)
      numeric &= g_ascii_isdigit (*p);
    if (numeric)
      {
        g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                     _("“%s” ends in a numeric label; enter a domain name, not an address"), lower);
        return NULL;
      }
  }

  return g_steal_pointer (&lower);
}
