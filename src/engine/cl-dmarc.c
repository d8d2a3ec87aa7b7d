/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-dmarc"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cl-dmarc.h"
#include "cl-error.h"

/* A DMARC policy record parser after RFC 7489 §6.3–§6.4.  DMARC records
 * use the tag-list syntax of DKIM (RFC 6376 §3.2): "tag=value" pairs
 * separated by ";", unknown tags ignored, a tag present twice making the
 * whole list invalid.  The version tag must come first (§6.4: records
 * that do not start with "v=DMARC1" are discarded) and "p" is required
 * in a policy record (§6.3). */

#define MAX_TAGS       64
#define MAX_QUOTED     64
#define WSP            " \t\r\n"

static const char *policy_names[] = {
  [CL_DMARC_POLICY_NONE] = "none",
  [CL_DMARC_POLICY_QUARANTINE] = "quarantine",
  [CL_DMARC_POLICY_REJECT] = "reject",
};

void
cl_dmarc_record_free (ClDmarcRecord *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->rua);
  g_strfreev (self->ruf);
  g_free (self->fo);
  g_free (self->rf);
  g_free (self);
}

const char *
cl_dmarc_policy_to_string (ClDmarcPolicy policy)
{
  g_return_val_if_fail (policy <= CL_DMARC_POLICY_REJECT, NULL);

  return policy_names[policy];
}

static gboolean
is_wsp (char c)
{
  return c != '\0' && strchr (WSP, c) != NULL;
}

static const char *
skip_wsp (const char *s)
{
  while (is_wsp (*s))
    s++;
  return s;
}

/**
 * cl_dmarc_is_record:
 * @txt: one TXT record found at _dmarc.DOMAIN, its strings joined
 *
 * Whether @txt is a DMARC record at all: its first tag is "v=DMARC1"
 * (RFC 7489 §6.6.3 step 2; other TXT records at the name are discarded).
 * The case of "DMARC1" is not checked here so that a record with the
 * wrong case is reported as invalid rather than as missing.
 */
gboolean
cl_dmarc_is_record (const char *txt)
{
  const char *s;

  g_return_val_if_fail (txt != NULL, FALSE);

  s = skip_wsp (txt);
  if (*s != 'v' && *s != 'V')
    return FALSE;
  s = skip_wsp (s + 1);
  if (*s != '=')
    return FALSE;
  s = skip_wsp (s + 1);
  if (g_ascii_strncasecmp (s, "DMARC1", 6) != 0)
    return FALSE;
  s = skip_wsp (s + 6);

  return *s == ';' || *s == '\0';
}

static char *
quote (const char *text)
{
  if (strlen (text) <= MAX_QUOTED)
    return g_strdup (text);

  return g_strdup_printf ("%.*s…", MAX_QUOTED, text);
}

static char *
strip_wsp (const char *start,
           const char *end)
{
  while (start < end && is_wsp (*start))
    start++;
  while (end > start && is_wsp (end[-1]))
    end--;

  return g_strndup (start, end - start);
}

/* tag-name = ALPHA *ALNUMPUNC (RFC 6376 §3.2) */
static gboolean
is_tag_name (const char *name)
{
  if (!g_ascii_isalpha (name[0]))
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_policy (const char    *value,
              ClDmarcPolicy *policy)
{
  for (guint i = 0; i < G_N_ELEMENTS (policy_names); i++)
    {
      if (g_ascii_strcasecmp (value, policy_names[i]) == 0)
        {
          *policy = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
parse_alignment (const char       *value,
                 ClDmarcAlignment *alignment)
{
  if (g_ascii_strcasecmp (value, "r") == 0)
    *alignment = CL_DMARC_ALIGNMENT_RELAXED;
  else if (g_ascii_strcasecmp (value, "s") == 0)
    *alignment = CL_DMARC_ALIGNMENT_STRICT;
  else
    return FALSE;

  return TRUE;
}

static gboolean
parse_uint (const char *value,
            guint       max_digits,
            guint64     max,
            guint64    *out)
{
  guint64 v = 0;
  gsize n = 0;

  while (g_ascii_isdigit (value[n]))
    {
      if (n >= max_digits)
        return FALSE;
      v = v * 10 + (value[n] - '0');
      n++;
    }

  if (n == 0 || value[n] != '\0' || v > max)
    return FALSE;

  *out = v;
  return TRUE;
}

/* dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ] (RFC 7489
 * §6.4); a "," or "!" inside the URI itself must be %-encoded (§6.2). */
static char *
parse_uri (const char *text)
{
  g_autofree char *uri = g_strdup (text);
  const char *scheme;
  char *bang;

  if ((bang = strchr (uri, '!')) != NULL)
    {
      const char *size = bang + 1;
      gsize n = strspn (size, "0123456789");

      if (n == 0 || n > 20 || (size[n] != '\0' && (strchr ("kmgtKMGT", size[n]) == NULL || size[n + 1] != '\0')))
        return NULL;
      *bang = '\0';
    }

  /* RFC 3986 has no room for white space in a URI, which GUri lets by */
  if (strpbrk (uri, WSP) != NULL || !g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL))
    return NULL;

  /* §6.3: any URI may be given; a receiver must support mailto, whose
   * address needs a domain */
  scheme = g_uri_peek_scheme (uri);
  if (scheme == NULL)
    return NULL;
  if (g_str_equal (scheme, "mailto") && strchr (uri, '@') == NULL)
    return NULL;

  return g_steal_pointer (&uri);
}

static GStrv
parse_uris (const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);

  if (parts[0] == NULL)
    return NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *text = strip_wsp (parts[i], parts[i] + strlen (parts[i]));
      g_autofree char *uri = NULL;

      if (i >= CL_DMARC_MAX_URIS || (uri = parse_uri (text)) == NULL)
        return NULL;
      g_strv_builder_add (builder, uri);
    }

  return g_strv_builder_end (builder);
}

/* fo = 0 / 1 / d / s, separated by ":" (RFC 7489 §6.3) */
static gboolean
is_failure_options (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ":", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *option = strip_wsp (parts[i], parts[i] + strlen (parts[i]));

      if (strlen (option) != 1 || strchr ("01dsDS", option[0]) == NULL)
        return FALSE;
    }

  return parts[0] != NULL;
}

/* rf = Keyword *(":" Keyword) (RFC 7489 §6.3, RFC 5321 §4.1.2) */
static gboolean
is_report_formats (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ":", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *format = strip_wsp (parts[i], parts[i] + strlen (parts[i]));

      if (!g_ascii_isalnum (format[0]))
        return FALSE;
      for (const char *p = format; *p != '\0'; p++)
        {
          if (!g_ascii_isalnum (*p) && *p != '-')
            return FALSE;
        }
    }

  return parts[0] != NULL;
}

static gboolean
parse_tag (ClDmarcRecord  *record,
           const char     *name,
           const char     *value,
           GError        **error)
{
  g_autofree char *quoted = quote (value);
  guint64 number;

  if (g_str_equal (name, "p") || g_str_equal (name, "sp"))
    {
      ClDmarcPolicy policy;

      if (!parse_policy (value, &policy))
        return cl_error_invalid (error, _("“%s=%s”: the policy must be none, quarantine or reject"), name, quoted);
      if (name[0] == 'p')
        {
          record->policy = policy;
        }
      else
        {
          record->subdomain_policy = policy;
          record->has_subdomain_policy = TRUE;
        }
    }
  else if (g_str_equal (name, "pct"))
    {
      if (!parse_uint (value, 3, 100, &number))
        return cl_error_invalid (error, _("“pct=%s”: the percentage must be a whole number from 0 to 100"), quoted);
      record->pct = number;
    }
  else if (g_str_equal (name, "rua") || g_str_equal (name, "ruf"))
    {
      GStrv uris = parse_uris (value);

      if (uris == NULL)
        return cl_error_invalid (error, _("“%s=%s”: not a comma-separated list of report URIs"), name, quoted);
      if (name[2] == 'a')
        {
          g_strfreev (record->rua);
          record->rua = uris;
        }
      else
        {
          g_strfreev (record->ruf);
          record->ruf = uris;
        }
    }
  else if (g_str_equal (name, "adkim") || g_str_equal (name, "aspf"))
    {
      if (!parse_alignment (value, name[1] == 'd' ? &record->adkim : &record->aspf))
        return cl_error_invalid (error, _("“%s=%s”: the alignment mode must be r or s"), name, quoted);
    }
  else if (g_str_equal (name, "ri"))
    {
      if (!parse_uint (value, 10, G_MAXUINT32, &number))
        return cl_error_invalid (error, _("“ri=%s”: the interval must be a number of seconds"), quoted);
      record->ri = number;
    }
  else if (g_str_equal (name, "fo"))
    {
      if (!is_failure_options (value))
        return cl_error_invalid (error, _("“fo=%s”: the options must be 0, 1, d or s separated by colons"), quoted);
      record->fo = g_strdup (value);
    }
  else if (g_str_equal (name, "rf"))
    {
      if (!is_report_formats (value))
        return cl_error_invalid (error, _("“rf=%s”: not a list of report formats"), quoted);
      record->rf = g_strdup (value);
    }
  /* else: §6.3, unknown tags MUST be ignored */

  return TRUE;
}

/**
 * cl_dmarc_record_parse:
 * @txt: one TXT record, its strings joined
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with
 *   %CL_ERROR_VALIDATION when it is not a valid DMARC policy record
 */
ClDmarcRecord *
cl_dmarc_record_parse (const char  *txt,
                       GError     **error)
{
  g_autoptr(ClDmarcRecord) record = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_auto(GStrv) specs = NULL;
  gboolean has_policy = FALSE;
  guint n_tags = 0;
  gsize len;

  g_return_val_if_fail (txt != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = strlen (txt);
  if (len > CL_DMARC_MAX_LENGTH)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("the record is longer than %u bytes"), CL_DMARC_MAX_LENGTH);
      return NULL;
    }

  /* tag-value = VALCHAR (%x21-3A / %x3C-7E) separated by white space */
  for (gsize i = 0; i < len; i++)
    {
      guchar c = txt[i];

      if ((c < 0x20 || c > 0x7e) && !is_wsp (c))
        {
          g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                       _("the record contains a byte that is not printable ASCII (0x%02x at offset %u)"),
                       c, (guint)i);
          return NULL;
        }
    }

  record = g_new0 (ClDmarcRecord, 1);
  record->pct = 100;
  record->ri = 86400;
  record->adkim = CL_DMARC_ALIGNMENT_RELAXED;
  record->aspf = CL_DMARC_ALIGNMENT_RELAXED;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  specs = g_strsplit (txt, ";", -1);

  for (guint i = 0; specs[i] != NULL; i++)
    {
      const char *eq = strchr (specs[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      g_autofree char *lower = NULL;

      /* an empty tag-spec (";;" or the final ";") carries nothing; receivers accept it */
      if (*skip_wsp (specs[i]) == '\0' && i > 0)
        continue;

      if (eq == NULL)
        {
          g_autofree char *quoted = quote (specs[i]);

          if (i == 0)
            cl_error_invalid (error, _("the record does not start with “v=DMARC1”"));
          else
            cl_error_invalid (error, _("“%s” is not a tag=value pair"), quoted);
          return NULL;
        }

      if (++n_tags > MAX_TAGS)
        {
          cl_error_invalid (error, _("the record has more than %u tags"), MAX_TAGS);
          return NULL;
        }

      name = strip_wsp (specs[i], eq);
      value = strip_wsp (eq + 1, eq + strlen (eq));
      lower = g_ascii_strdown (name, -1);

      if (!is_tag_name (name))
        {
          g_autofree char *quoted = quote (name);

          cl_error_invalid (error, _("“%s” is not a valid tag name"), quoted);
          return NULL;
        }

      /* RFC 6376 §3.2, which RFC 7489 §6.4 builds on */
      if (g_hash_table_contains (seen, lower))
        {
          g_autofree char *quoted = quote (lower);

          cl_error_invalid (error, _("the tag “%s” appears more than once"), quoted);
          return NULL;
        }
      g_hash_table_add (seen, g_strdup (lower));

      if (i == 0)
        {
          /* §6.4: dmarc-version is "v" "=" "DMARC1", the version in upper case */
          if (!g_str_equal (lower, "v") || !g_str_equal (value, "DMARC1"))
            {
              cl_error_invalid (error, _("the record does not start with “v=DMARC1”"));
              return NULL;
            }
          continue;
        }

      if (!parse_tag (record, lower, value, error))
        return NULL;
      if (g_str_equal (lower, "p"))
        has_policy = TRUE;
    }

  if (!has_policy)
    {
      cl_error_invalid (error, _("the record has no “p” tag: it requests no policy"));
      return NULL;
    }

  if (!record->has_subdomain_policy)
    record->subdomain_policy = record->policy;
  if (record->rua == NULL)
    record->rua = g_new0 (char *, 1);
  if (record->ruf == NULL)
    record->ruf = g_new0 (char *, 1);

  return g_steal_pointer (&record);
}
