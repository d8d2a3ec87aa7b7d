/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-csp"

#include "config.h"

#include <string.h>

#include "cl-csp.h"

/* A Content-Security-Policy reader that follows the parsing algorithms
 * of CSP Level 3 (W3C Working Draft), so that it sees what a browser
 * enforces rather than what the author meant:
 *
 *  - §2.2.2: a header value is a list of policies split on commas, all
 *    enforced; a policy with no directives is dropped;
 *  - §2.2.1: a policy is split on ";"; each token is trimmed; empty or
 *    non-ASCII tokens are skipped; the name is lowercased; a repeated
 *    directive is ignored (the first wins); values split on whitespace;
 *  - §6.8.3: a missing directive falls back (script-src → default-src...);
 *  - §6.7.3.3, §8.2: 'unsafe-inline' is void next to a nonce or a hash,
 *    and for scripts next to 'strict-dynamic', which also voids host and
 *    scheme sources.
 *
 * The value comes from a server we do not trust: one linear pass, no
 * recursion, memory proportional to the input (which libsoup already
 * bounds). */

typedef struct
{
  /* lowercase directive name → (array zero-terminated) source list */
  GHashTable *directives;
} Policy;

struct _ClCsp
{
  GPtrArray *policies;
  guint      n_duplicates;
};

/* CSP3 §6.8.3, "Get the effective directive"'s fallback lists.  A
 * directive not listed here has no fallback (frame-ancestors, base-uri,
 * form-action, sandbox...). */
static const struct {
  const char *name;
  const char *fallbacks[4];
} fallback_lists[] = {
  { "script-src-elem", { "script-src", "default-src", NULL } },
  { "script-src-attr", { "script-src", "default-src", NULL } },
  { "style-src-elem", { "style-src", "default-src", NULL } },
  { "style-src-attr", { "style-src", "default-src", NULL } },
  { "worker-src", { "child-src", "script-src", "default-src", NULL } },
  { "frame-src", { "child-src", "default-src", NULL } },
  { "child-src", { "default-src", NULL } },
  { "connect-src", { "default-src", NULL } },
  { "manifest-src", { "default-src", NULL } },
  { "img-src", { "default-src", NULL } },
  { "font-src", { "default-src", NULL } },
  { "media-src", { "default-src", NULL } },
  { "object-src", { "default-src", NULL } },
  { "script-src", { "default-src", NULL } },
  { "style-src", { "default-src", NULL } },
  { "prefetch-src", { "default-src", NULL } },
};

static void
policy_free (Policy *policy)
{
  g_hash_table_unref (policy->directives);
  g_free (policy);
}

static gboolean
is_ascii_whitespace (char c)
{
  /* Infra: TAB, LF, FF, CR, SPACE */
  return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static gboolean
is_ascii (const char *str,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar)str[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* Splits [start, end) on ASCII whitespace, dropping empty pieces. */
static char **
split_on_whitespace (const char *start,
                     const char *end)
{
  GPtrArray *pieces = g_ptr_array_new ();

  while (start < end)
    {
      const char *p;

      while (start < end && is_ascii_whitespace (*start))
        start++;
      for (p = start; p < end && !is_ascii_whitespace (*p); p++)
        ;
      if (p > start)
        g_ptr_array_add (pieces, g_strndup (start, p - start));
      start = p;
    }

  g_ptr_array_add (pieces, NULL);
  return (char **)g_ptr_array_free (pieces, FALSE);
}

/* §2.2.1 "Parse a serialized CSP" on [start, end) */
static Policy *
parse_policy (ClCsp      *self,
              const char *start,
              const char *end)
{
  Policy *policy = g_new0 (Policy, 1);

  policy->directives = g_hash_table_new_full (g_str_hash, g_str_equal,
                                              g_free, (GDestroyNotify)g_strfreev);

  while (start < end)
    {
      const char *token_end = memchr (start, ';', end - start);
      const char *next, *name_end;
      char *name;

      if (token_end == NULL)
        token_end = end;
      next = token_end + (token_end < end ? 1 : 0);

      while (start < token_end && is_ascii_whitespace (*start))
        start++;
      while (token_end > start && is_ascii_whitespace (token_end[-1]))
        token_end--;

      if (token_end == start || !is_ascii (start, token_end - start))
        {
          start = next;
          continue;
        }

      for (name_end = start; name_end < token_end && !is_ascii_whitespace (*name_end); name_end++)
        ;
      name = g_ascii_strdown (start, name_end - start);

      if (g_hash_table_contains (policy->directives, name))
        {
          /* The first one wins; a browser warns in its console. */
          self->n_duplicates++;
          g_free (name);
        }
      else
        g_hash_table_insert (policy->directives, name,
                             split_on_whitespace (name_end, token_end));

      start = next;
    }

  return policy;
}

/**
 * cl_csp_parse:
 * @serialized: a Content-Security-Policy header value (repeated header
 *   fields joined with ", ")
 *
 * Never fails: what a browser would skip is skipped.
 *
 * Returns: (transfer full): the policies
 */
ClCsp *
cl_csp_parse (const char *serialized)
{
  ClCsp *self;
  const char *start, *end;

  g_return_val_if_fail (serialized != NULL, NULL);

  self = g_new0 (ClCsp, 1);
  self->policies = g_ptr_array_new_with_free_func ((GDestroyNotify)policy_free);

  start = serialized;
  end = serialized + strlen (serialized);
  while (start <= end)
    {
      const char *comma = memchr (start, ',', end - start);
      Policy *policy;

      if (comma == NULL)
        comma = end;

      policy = parse_policy (self, start, comma);
      if (g_hash_table_size (policy->directives) > 0)
        g_ptr_array_add (self->policies, policy);
      else
        policy_free (policy);

      start = comma + 1;
    }

  return self;
}

void
cl_csp_free (ClCsp *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->policies);
  g_free (self);
}

guint
cl_csp_get_n_policies (ClCsp *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->policies->len;
}

/* How many directives were ignored because their policy already had one
 * of that name: a sign of a policy assembled carelessly. */
guint
cl_csp_get_n_duplicates (ClCsp *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_duplicates;
}

/**
 * cl_csp_get_directive:
 * @name: a lowercase directive name
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   source list of @name in policy @policy, exactly as written, or %NULL
 *   when the policy does not have it
 */
const char * const *
cl_csp_get_directive (ClCsp      *self,
                      guint       policy,
                      const char *name)
{
  Policy *p;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (policy < self->policies->len, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  p = g_ptr_array_index (self->policies, policy);
  return g_hash_table_lookup (p->directives, name);
}

/**
 * cl_csp_get_effective_directive:
 * @name: a lowercase directive name
 * @effective_name: (out) (optional) (transfer none): the directive that
 *   governs @name, itself or one it falls back to
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   source list that governs @name in policy @policy, or %NULL when
 *   nothing restricts it
 */
const char * const *
cl_csp_get_effective_directive (ClCsp       *self,
                                guint        policy,
                                const char  *name,
                                const char **effective_name)
{
  const char * const *list;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (policy < self->policies->len, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (effective_name != NULL)
    *effective_name = NULL;

  if ((list = cl_csp_get_directive (self, policy, name)))
    {
      if (effective_name != NULL)
        *effective_name = name;
      return list;
    }

  for (guint i = 0; i < G_N_ELEMENTS (fallback_lists); i++)
    {
      if (!g_str_equal (fallback_lists[i].name, name))
        continue;

      for (guint j = 0; fallback_lists[i].fallbacks[j] != NULL; j++)
        {
          const char *fallback = fallback_lists[i].fallbacks[j];

          if ((list = cl_csp_get_directive (self, policy, fallback)))
            {
              if (effective_name != NULL)
                *effective_name = fallback;
              return list;
            }
        }
      break;
    }

  return NULL;
}

/**
 * cl_csp_restricts:
 * @name: a lowercase directive name
 *
 * Returns: %TRUE if some policy restricts @name, by itself or through its
 *   fallback
 */
gboolean
cl_csp_restricts (ClCsp      *self,
                  const char *name)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->policies->len; i++)
    if (cl_csp_get_effective_directive (self, i, name, NULL) != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
is_keyword (const char *expression,
            const char *keyword)
{
  return g_ascii_strcasecmp (expression, keyword) == 0;
}

/* nonce-source / hash-source: "'nonce-…'", "'sha256-…'"... */
static gboolean
is_nonce_or_hash (const char *expression)
{
  static const char *prefixes[] = { "'nonce-", "'sha256-", "'sha384-", "'sha512-" };
  gsize len = strlen (expression);

  if (len < 2 || expression[len - 1] != '\'')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_ascii_strncasecmp (expression, prefixes[i], strlen (prefixes[i])) == 0 &&
        len > strlen (prefixes[i]) + 1)
      return TRUE;

  return FALSE;
}

/* The length of the scheme-part at the start of @expression:
 * ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
static gsize
scheme_part_length (const char *expression)
{
  gsize n = 0;

  if (!g_ascii_isalpha (expression[0]))
    return 0;
  while (g_ascii_isalnum (expression[n]) || expression[n] == '+' ||
         expression[n] == '-' || expression[n] == '.')
    n++;
  return n;
}

static gboolean
scheme_is_any (const char *scheme,
               gsize       len,
               const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == len && g_ascii_strncasecmp (scheme, names[i], len) == 0)
      return TRUE;
  return FALSE;
}

static const char *network_schemes[] = { "http", "https", "ws", "wss", NULL };
static const char *cleartext_schemes[] = { "http", "ws", NULL };
static const char *data_scheme[] = { "data", NULL };

static gboolean
expression_matches (const char  *expression,
                    ClCspSource  source)
{
  gsize scheme_len;
  const char *host;
  gsize host_len;

  if (expression[0] == '\'')
    return FALSE;  /* keywords, nonces and hashes name no location */

  scheme_len = scheme_part_length (expression);

  /* scheme-source = scheme-part ":" */
  if (scheme_len > 0 && expression[scheme_len] == ':' && expression[scheme_len + 1] == '\0')
    {
      switch (source)
        {
        case CL_CSP_SOURCE_WILDCARD:
          return scheme_is_any (expression, scheme_len, network_schemes);
        case CL_CSP_SOURCE_HTTP:
          return scheme_is_any (expression, scheme_len, cleartext_schemes);
        case CL_CSP_SOURCE_DATA:
          return scheme_is_any (expression, scheme_len, data_scheme);
        case CL_CSP_SOURCE_UNSAFE_INLINE:
        case CL_CSP_SOURCE_UNSAFE_EVAL:
        default:
          return FALSE;
        }
    }

  /* host-source = [ scheme-part "://" ] host-part [ ":" port-part ] [ path-part ] */
  if (scheme_len > 0 && strncmp (expression + scheme_len, "://", 3) == 0)
    host = expression + scheme_len + 3;
  else
    {
      host = expression;
      scheme_len = 0;
    }
  host_len = strcspn (host, ":/");

  switch (source)
    {
    case CL_CSP_SOURCE_WILDCARD:
      return host_len == 1 && host[0] == '*';
    case CL_CSP_SOURCE_HTTP:
      return scheme_len > 0 && scheme_is_any (expression, scheme_len, cleartext_schemes);
    case CL_CSP_SOURCE_DATA:
    case CL_CSP_SOURCE_UNSAFE_INLINE:
    case CL_CSP_SOURCE_UNSAFE_EVAL:
    default:
      return FALSE;
    }
}

static gboolean
list_contains_keyword (const char * const *list,
                       const char         *keyword)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (is_keyword (list[i], keyword))
      return TRUE;
  return FALSE;
}

static gboolean
list_allows (const char * const *list,
             gboolean            script_like,
             ClCspSource         source)
{
  gboolean strict_dynamic;

  /* No directive, no fallback: nothing is restricted. */
  if (list == NULL)
    return TRUE;

  /* §8.2: for scripts, 'strict-dynamic' voids 'unsafe-inline', host and
   * scheme sources: only nonced, hashed or script-loaded code runs. */
  strict_dynamic = script_like && list_contains_keyword (list, "'strict-dynamic'");

  switch (source)
    {
    case CL_CSP_SOURCE_UNSAFE_INLINE:
      if (strict_dynamic)
        return FALSE;
      /* §6.7.3.3: a nonce or a hash voids 'unsafe-inline'. */
      for (guint i = 0; list[i] != NULL; i++)
        if (is_nonce_or_hash (list[i]))
          return FALSE;
      return list_contains_keyword (list, "'unsafe-inline'");

    case CL_CSP_SOURCE_UNSAFE_EVAL:
      return list_contains_keyword (list, "'unsafe-eval'");

    case CL_CSP_SOURCE_WILDCARD:
    case CL_CSP_SOURCE_HTTP:
    case CL_CSP_SOURCE_DATA:
      if (strict_dynamic)
        return FALSE;
      for (guint i = 0; list[i] != NULL; i++)
        if (expression_matches (list[i], source))
          return TRUE;
      return FALSE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * cl_csp_allows:
 * @name: a lowercase directive name ("script-src", "script-src-elem",
 *   "object-src"...), looked up with its fallbacks
 * @source: the kind of source asked about
 *
 * Every policy is enforced, so a kind of source is allowed only when no
 * policy forbids it.  A directive that no policy restricts allows
 * everything.
 *
 * Returns: %TRUE if @source is allowed for @name
 */
gboolean
cl_csp_allows (ClCsp       *self,
               const char  *name,
               ClCspSource  source)
{
  gboolean script_like;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  script_like = g_str_has_prefix (name, "script-src") || g_str_equal (name, "worker-src");

  for (guint i = 0; i < self->policies->len; i++)
    {
      const char * const *list = cl_csp_get_effective_directive (self, i, name, NULL);

      if (!list_allows (list, script_like, source))
        return FALSE;
    }

  return TRUE;
}
