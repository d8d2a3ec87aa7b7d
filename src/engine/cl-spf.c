/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-spf"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "cl-error.h"
#include "cl-spf.h"

/* An SPF record parser after the ABNF of RFC 7208 §4.5–§7.  It checks the
 * syntax a receiver checks before evaluating (a syntax error is a
 * "permerror" for every message, §4.6), and keeps what a checker needs:
 * the mechanisms with their qualifiers, and the redirect and exp
 * modifiers.  Macros (§7) are validated but never expanded: expanding
 * them needs a message (sender, client IP) that a domain scan has not. */

#define MAX_QUOTED_TERM 64

static const struct {
  const char         *name;
  ClSpfMechanismType  type;
} mechanism_names[] = {
  { "all",     CL_SPF_MECHANISM_ALL },
  { "include", CL_SPF_MECHANISM_INCLUDE },
  { "a",       CL_SPF_MECHANISM_A },
  { "mx",      CL_SPF_MECHANISM_MX },
  { "ptr",     CL_SPF_MECHANISM_PTR },
  { "ip4",     CL_SPF_MECHANISM_IP4 },
  { "ip6",     CL_SPF_MECHANISM_IP6 },
  { "exists",  CL_SPF_MECHANISM_EXISTS },
};

static void
cl_spf_mechanism_free (ClSpfMechanism *mechanism)
{
  g_free (mechanism->argument);
  g_free (mechanism);
}

void
cl_spf_record_free (ClSpfRecord *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->mechanisms, g_ptr_array_unref);
  g_free (self->redirect);
  g_free (self->exp);
  g_free (self);
}

/**
 * cl_spf_is_record:
 * @txt: one TXT record, its strings joined
 *
 * RFC 7208 §4.5: an SPF record is a TXT record that begins with the
 * version section "v=spf1" (case-insensitively) followed by a space or
 * by the end of the record; "v=spf10" is not one.
 */
gboolean
cl_spf_is_record (const char *txt)
{
  g_return_val_if_fail (txt != NULL, FALSE);

  return g_ascii_strncasecmp (txt, "v=spf1", 6) == 0 && (txt[6] == '\0' || txt[6] == ' ');
}

char
cl_spf_qualifier_to_char (ClSpfQualifier qualifier)
{
  switch (qualifier)
    {
    case CL_SPF_QUALIFIER_PASS:
      return '+';
    case CL_SPF_QUALIFIER_FAIL:
      return '-';
    case CL_SPF_QUALIFIER_SOFTFAIL:
      return '~';
    case CL_SPF_QUALIFIER_NEUTRAL:
      return '?';
    default:
      g_return_val_if_reached ('+');
    }
}

const char *
cl_spf_mechanism_type_to_string (ClSpfMechanismType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (mechanism_names); i++)
    {
      if (mechanism_names[i].type == type)
        return mechanism_names[i].name;
    }

  g_return_val_if_reached (NULL);
}

/* The term as quoted in an error message: it was checked to be printable
 * ASCII, and long terms are cut so that a hostile record cannot make a
 * message of any size. */
static char *
quote_term (const char *term)
{
  if (strlen (term) <= MAX_QUOTED_TERM)
    return g_strdup (term);

  return g_strdup_printf ("%.*s…", MAX_QUOTED_TERM, term);
}

/* macro-string of RFC 7208 §7.1.  Sets @ends_with_expand when the last
 * item is a macro-expand (which may end a domain-spec in place of a
 * top label).  The letters c, r and t are allowed only in explanation
 * text (§7.2), never in a domain-spec. */
static gboolean
scan_macro_string (const char *s,
                   gboolean    domain_spec,
                   gboolean   *ends_with_expand)
{
  gboolean last_expand = FALSE;
  gsize i = 0;

  while (s[i] != '\0')
    {
      guchar c = s[i];

      if (c == '%')
        {
          char next = s[i + 1];
          char letter;
          gsize digits_start;
          guint value = 0;

          if (next == '%' || next == '_' || next == '-')
            {
              i += 2;
              last_expand = TRUE;
              continue;
            }

          if (next != '{')
            return FALSE;

          i += 2;
          letter = g_ascii_tolower (s[i]);
          if (letter == '\0' || strchr ("slodiphcrtv", letter) == NULL)
            return FALSE;
          if (domain_spec && strchr ("crt", letter) != NULL)
            return FALSE;
          i++;

          /* transformers = *DIGIT [ "r" ]; a DIGIT, if given, is at least 1 (§7.3) */
          digits_start = i;
          while (g_ascii_isdigit (s[i]))
            {
              if (i - digits_start >= 3)
                return FALSE;
              value = value * 10 + (s[i] - '0');
              i++;
            }
          if (i > digits_start && value == 0)
            return FALSE;
          if (s[i] == 'r' || s[i] == 'R')
            i++;

          while (s[i] != '\0' && strchr (".-+,/_=", s[i]) != NULL)
            i++;

          if (s[i] != '}')
            return FALSE;
          i++;
          last_expand = TRUE;
        }
      else if (c >= 0x21 && c <= 0x7e)
        {
          i++;
          last_expand = FALSE;
        }
      else
        {
          return FALSE;
        }
    }

  if (ends_with_expand != NULL)
    *ends_with_expand = last_expand;

  return TRUE;
}

/* toplabel of RFC 7208 §7.1: letters, digits and hyphens, starting and
 * ending with a letter or digit, and not all digits. */
static gboolean
is_toplabel (const char *label,
             gsize       len)
{
  gboolean has_alpha = FALSE;
  gboolean has_hyphen = FALSE;

  if (len == 0 || !g_ascii_isalnum (label[0]) || !g_ascii_isalnum (label[len - 1]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isalpha (label[i]))
        has_alpha = TRUE;
      else if (label[i] == '-')
        has_hyphen = TRUE;
      else if (!g_ascii_isdigit (label[i]))
        return FALSE;
    }

  return has_alpha || has_hyphen;
}

gboolean
cl_spf_domain_spec_has_macros (const char *spec)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  return strchr (spec, '%') != NULL;
}

/* domain-spec = macro-string domain-end (RFC 7208 §7.1), and for a name
 * without macros the DNS limits of RFC 1035 §2.3.4 that §4.3 asks a
 * checker to enforce. */
static gboolean
is_domain_spec (const char *spec)
{
  gboolean ends_with_expand = FALSE;
  g_autofree char *name = NULL;
  g_auto(GStrv) labels = NULL;
  const char *dot;
  gsize len;

  if (spec[0] == '\0' || !scan_macro_string (spec, TRUE, &ends_with_expand))
    return FALSE;

  if (ends_with_expand)
    return TRUE;

  name = g_strdup (spec);
  len = strlen (name);
  if (name[len - 1] == '.')
    name[--len] = '\0';

  if (len == 0 || (dot = strrchr (name, '.')) == NULL)
    return FALSE;
  if (!is_toplabel (dot + 1, strlen (dot + 1)))
    return FALSE;

  if (cl_spf_domain_spec_has_macros (name))
    return TRUE;

  if (len > 253)
    return FALSE;
  labels = g_strsplit (name, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize label_len = strlen (labels[i]);

      /* a leading dot (".example") is valid ABNF but no DNS name */
      if (label_len == 0 || label_len > 63)
        return FALSE;
    }

  return TRUE;
}

/* ip4-network of RFC 7208 §5.6: a dotted quad of dec-octets (RFC 3986),
 * so no leading zeros. */
static gboolean
is_ipv4 (const char *s)
{
  for (guint part = 0; part < 4; part++)
    {
      guint value = 0;
      guint n = 0;

      if (part > 0)
        {
          if (*s != '.')
            return FALSE;
          s++;
        }

      while (g_ascii_isdigit (s[n]))
        {
          if (n >= 3)
            return FALSE;
          value = value * 10 + (s[n] - '0');
          n++;
        }

      if (n == 0 || value > 255 || (n > 1 && s[0] == '0'))
        return FALSE;
      s += n;
    }

  return *s == '\0';
}

static gboolean
is_ipv6 (const char *s)
{
  g_autoptr(GInetAddress) address = NULL;

  if (s[0] == '\0' || strspn (s, "0123456789abcdefABCDEF:.") != strlen (s))
    return FALSE;

  address = g_inet_address_new_from_string (s);

  return address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;
}

/* ip4-cidr-length / ip6-cidr-length: "0" or a number without leading
 * zeros, at most @max. */
static gboolean
parse_cidr (const char *s,
            int         max,
            int        *value)
{
  int v = 0;
  gsize n = 0;

  while (g_ascii_isdigit (s[n]))
    {
      if (n >= 3)
        return FALSE;
      v = v * 10 + (s[n] - '0');
      n++;
    }

  if (n == 0 || s[n] != '\0' || (n > 1 && s[0] == '0') || v > max)
    return FALSE;

  *value = v;
  return TRUE;
}

/* dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ], the
 * text starting at its first "/". */
static gboolean
parse_dual_cidr (const char     *s,
                 ClSpfMechanism *mechanism)
{
  g_autofree char *ip4 = NULL;
  const char *ip6;

  if (s[0] == '\0')
    return TRUE;
  if (s[0] != '/')
    return FALSE;
  if (s[1] == '/')
    return parse_cidr (s + 2, 128, &mechanism->cidr6);

  ip6 = strstr (s + 1, "//");
  ip4 = ip6 != NULL ? g_strndup (s + 1, ip6 - (s + 1)) : g_strdup (s + 1);
  if (!parse_cidr (ip4, 32, &mechanism->cidr4))
    return FALSE;

  return ip6 == NULL || parse_cidr (ip6 + 2, 128, &mechanism->cidr6);
}

/* The first "/" of @s that is not inside a macro-expand ("%{l/}" uses
 * "/" as a delimiter), where a CIDR length starts. */
static const char *
find_cidr (const char *s)
{
  gboolean in_macro = FALSE;

  for (; *s != '\0'; s++)
    {
      if (in_macro)
        {
          if (*s == '}')
            in_macro = FALSE;
        }
      else if (s[0] == '%' && s[1] == '{')
        {
          in_macro = TRUE;
          s++;
        }
      else if (*s == '/')
        {
          return s;
        }
    }

  return NULL;
}

static gboolean
parse_modifier (ClSpfRecord  *record,
                const char   *term,
                gsize         name_len,
                const char   *quoted,
                GError      **error)
{
  const char *value = term + name_len + 1;
  char **slot = NULL;

  if (name_len == 8 && g_ascii_strncasecmp (term, "redirect", 8) == 0)
    slot = &record->redirect;
  else if (name_len == 3 && g_ascii_strncasecmp (term, "exp", 3) == 0)
    slot = &record->exp;

  if (slot == NULL)
    {
      /* unknown-modifier = name "=" macro-string: ignored (§6), but
       * still part of the syntax */
      if (!scan_macro_string (value, FALSE, NULL))
        return cl_error_invalid (error, _("“%s”: invalid macro in a modifier"), quoted);
      record->n_unknown_modifiers++;
      return TRUE;
    }

  /* §6: "redirect" and "exp" MUST NOT appear more than once each */
  if (*slot != NULL)
    return cl_error_invalid (error, _("“%s”: this modifier appears more than once"), quoted);
  if (!is_domain_spec (value))
    return cl_error_invalid (error, _("“%s”: invalid domain"), quoted);

  *slot = g_strdup (value);
  return TRUE;
}

static gboolean
parse_mechanism (ClSpfRecord     *record,
                 ClSpfQualifier   qualifier,
                 const char      *name,
                 gsize            name_len,
                 const char      *quoted,
                 GError         **error)
{
  ClSpfMechanism *mechanism;
  const char *rest = name + name_len;
  g_autofree char *spec = NULL;
  const char *cidr = NULL;
  gboolean found = FALSE;
  ClSpfMechanismType type = CL_SPF_MECHANISM_ALL;

  for (guint i = 0; i < G_N_ELEMENTS (mechanism_names); i++)
    {
      if (strlen (mechanism_names[i].name) == name_len &&
          g_ascii_strncasecmp (name, mechanism_names[i].name, name_len) == 0)
        {
          type = mechanism_names[i].type;
          found = TRUE;
          break;
        }
    }

  /* §5: an unknown mechanism is a permerror */
  if (!found || (rest[0] != '\0' && rest[0] != ':' && rest[0] != '/'))
    return cl_error_invalid (error, _("“%s”: unknown mechanism"), quoted);

  switch (type)
    {
    case CL_SPF_MECHANISM_ALL:
      if (rest[0] != '\0')
        return cl_error_invalid (error, _("“%s”: “all” takes no argument"), quoted);
      break;

    case CL_SPF_MECHANISM_INCLUDE:
    case CL_SPF_MECHANISM_EXISTS:
      if (rest[0] != ':')
        return cl_error_invalid (error, _("“%s”: a domain is required"), quoted);
      spec = g_strdup (rest + 1);
      break;

    case CL_SPF_MECHANISM_PTR:
      if (rest[0] == '/')
        return cl_error_invalid (error, _("“%s”: “ptr” takes no CIDR length"), quoted);
      if (rest[0] == ':')
        spec = g_strdup (rest + 1);
      break;

    case CL_SPF_MECHANISM_A:
    case CL_SPF_MECHANISM_MX:
      if (rest[0] == ':')
        {
          spec = g_strdup (rest + 1);
          if ((cidr = find_cidr (rest + 1)) != NULL)
            spec[cidr - (rest + 1)] = '\0';
        }
      else
        {
          cidr = rest;
        }
      break;

    case CL_SPF_MECHANISM_IP4:
    case CL_SPF_MECHANISM_IP6:
      if (rest[0] != ':')
        return cl_error_invalid (error, _("“%s”: an address is required"), quoted);
      spec = g_strdup (rest + 1);
      if ((cidr = strchr (rest + 1, '/')) != NULL)
        spec[cidr - (rest + 1)] = '\0';
      break;

    default:
      g_assert_not_reached ();
    }

  mechanism = g_new0 (ClSpfMechanism, 1);
  mechanism->qualifier = qualifier;
  mechanism->type = type;
  mechanism->cidr4 = -1;
  mechanism->cidr6 = -1;
  /* owned by the record from here, so that every error path frees it */
  g_ptr_array_add (record->mechanisms, mechanism);

  if (type == CL_SPF_MECHANISM_IP4)
    {
      if (!is_ipv4 (spec))
        return cl_error_invalid (error, _("“%s”: invalid IPv4 network"), quoted);
      if (cidr != NULL && !parse_cidr (cidr + 1, 32, &mechanism->cidr4))
        return cl_error_invalid (error, _("“%s”: invalid CIDR length"), quoted);
    }
  else if (type == CL_SPF_MECHANISM_IP6)
    {
      if (!is_ipv6 (spec))
        return cl_error_invalid (error, _("“%s”: invalid IPv6 network"), quoted);
      if (cidr != NULL && !parse_cidr (cidr + 1, 128, &mechanism->cidr6))
        return cl_error_invalid (error, _("“%s”: invalid CIDR length"), quoted);
    }
  else
    {
      if (spec != NULL && !is_domain_spec (spec))
        return cl_error_invalid (error, _("“%s”: invalid domain"), quoted);
      if (cidr != NULL && !parse_dual_cidr (cidr, mechanism))
        return cl_error_invalid (error, _("“%s”: invalid CIDR length"), quoted);
    }

  mechanism->argument = g_steal_pointer (&spec);

  return TRUE;
}

static gboolean
parse_term (ClSpfRecord  *record,
            const char   *term,
            GError      **error)
{
  g_autofree char *quoted = quote_term (term);
  ClSpfQualifier qualifier = CL_SPF_QUALIFIER_PASS;
  gboolean has_qualifier = TRUE;
  const char *name = term;
  gsize name_len = 0;

  switch (term[0])
    {
    case '+':
      qualifier = CL_SPF_QUALIFIER_PASS;
      break;
    case '-':
      qualifier = CL_SPF_QUALIFIER_FAIL;
      break;
    case '~':
      qualifier = CL_SPF_QUALIFIER_SOFTFAIL;
      break;
    case '?':
      qualifier = CL_SPF_QUALIFIER_NEUTRAL;
      break;
    default:
      has_qualifier = FALSE;
    }
  if (has_qualifier)
    name++;

  /* name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) (§4.6.1; names
   * are case-insensitive) */
  if (!g_ascii_isalpha (name[0]))
    return cl_error_invalid (error, _("“%s” is not a mechanism or a modifier"), quoted);
  while (g_ascii_isalnum (name[name_len]) || name[name_len] == '-' ||
         name[name_len] == '_' || name[name_len] == '.')
    name_len++;

  if (name[name_len] == '=')
    {
      if (has_qualifier)
        return cl_error_invalid (error, _("“%s”: a modifier takes no qualifier"), quoted);
      return parse_modifier (record, name, name_len, quoted, error);
    }

  return parse_mechanism (record, qualifier, name, name_len, quoted, error);
}

/**
 * cl_spf_record_parse:
 * @txt: one TXT record, its strings joined (RFC 7208 §3.3)
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with
 *   %CL_ERROR_VALIDATION when it is not a syntactically valid SPF record
 */
ClSpfRecord *
cl_spf_record_parse (const char  *txt,
                     GError     **error)
{
  g_autoptr(ClSpfRecord) record = NULL;
  g_auto(GStrv) terms = NULL;
  gsize len;
  guint n_terms = 0;

  g_return_val_if_fail (txt != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = strlen (txt);
  if (len > CL_SPF_MAX_LENGTH)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("the record is longer than %u bytes"), CL_SPF_MAX_LENGTH);
      return NULL;
    }

  if (!cl_spf_is_record (txt))
    {
      g_set_error_literal (error, CL_ERROR, CL_ERROR_VALIDATION,
                           _("the record does not start with “v=spf1”"));
      return NULL;
    }

  /* record = version terms *SP, terms separated by 1*SP, all of them
   * printable ASCII (§4.5, §12): a tab or a non-ASCII byte is an error */
  for (gsize i = 0; i < len; i++)
    {
      guchar c = txt[i];

      if (c < 0x20 || c > 0x7e)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                       _("the record contains a byte that is not printable ASCII (0x%02x at offset %u)"),
                       c, (guint)i);
          return NULL;
        }
    }

  record = g_new0 (ClSpfRecord, 1);
  record->mechanisms = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_spf_mechanism_free);

  terms = g_strsplit (txt + 6, " ", -1);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      if (terms[i][0] == '\0')
        continue;

      if (++n_terms > CL_SPF_MAX_TERMS)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                       _("the record has more than %u terms"), CL_SPF_MAX_TERMS);
          return NULL;
        }

      if (!parse_term (record, terms[i], error))
        return NULL;
    }

  return g_steal_pointer (&record);
}

/**
 * cl_spf_record_get_all:
 *
 * Returns: (nullable): the first "all" mechanism: the one evaluation
 *   reaches, since mechanisms after it are never tested (RFC 7208 §5.1)
 */
const ClSpfMechanism *
cl_spf_record_get_all (const ClSpfRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->mechanisms->len; i++)
    {
      const ClSpfMechanism *mechanism = g_ptr_array_index (self->mechanisms, i);

      if (mechanism->type == CL_SPF_MECHANISM_ALL)
        return mechanism;
    }

  return NULL;
}

/**
 * cl_spf_record_get_redirect:
 *
 * Returns: (nullable): the redirect that takes effect: %NULL when there is
 *   none, or when an "all" mechanism makes it ignored (RFC 7208 §6.1)
 */
const char *
cl_spf_record_get_redirect (const ClSpfRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (cl_spf_record_get_all (self) != NULL)
    return NULL;

  return self->redirect;
}

/* RFC 7208 §4.6.4: include, a, mx, ptr and exists, and the redirect
 * modifier, cause DNS queries and count towards the limit of 10. */
gboolean
cl_spf_mechanism_queries_dns (const ClSpfMechanism *mechanism)
{
  g_return_val_if_fail (mechanism != NULL, FALSE);

  switch (mechanism->type)
    {
    case CL_SPF_MECHANISM_INCLUDE:
    case CL_SPF_MECHANISM_A:
    case CL_SPF_MECHANISM_MX:
    case CL_SPF_MECHANISM_PTR:
    case CL_SPF_MECHANISM_EXISTS:
      return TRUE;
    case CL_SPF_MECHANISM_ALL:
    case CL_SPF_MECHANISM_IP4:
    case CL_SPF_MECHANISM_IP6:
    default:
      return FALSE;
    }
}

/**
 * cl_spf_record_count_dns_terms:
 *
 * Returns: the DNS-querying terms of this record alone that evaluation
 *   can reach (those up to the first "all", and an effective redirect),
 *   not counting what included records add
 */
guint
cl_spf_record_count_dns_terms (const ClSpfRecord *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->mechanisms->len; i++)
    {
      const ClSpfMechanism *mechanism = g_ptr_array_index (self->mechanisms, i);

      if (mechanism->type == CL_SPF_MECHANISM_ALL)
        break;
      if (cl_spf_mechanism_queries_dns (mechanism))
        n++;
    }

  if (cl_spf_record_get_redirect (self) != NULL)
    n++;

  return n;
}
