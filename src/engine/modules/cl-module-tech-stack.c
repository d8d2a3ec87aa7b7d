/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-tech-stack"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cl-module-tech-stack-private.h"
#include "cl-resources.h"

/* Tech stack: the server, languages, frameworks, CMS and libraries of the
 * site, named from the home page's headers, cookies, generator tag, HTML
 * and script URLs with our own fingerprints (data/tech.json), with the
 * versions the page shows.
 *
 * Rule ids (severity):
 *   tech_stack.version_disclosed  low   the server tells its software's
 *                                       version (headers, generator tag)
 *   tech_stack.detected           info  every technology seen
 *
 * A version in a banner is not a flaw by itself, but it tells an attacker
 * which published vulnerabilities to try: OWASP's testing guide
 * (WSTG-INFO-02) and the CIS benchmarks ask for it to be hidden. */

struct _ClModuleTechStack
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleTechStack, cl_module_tech_stack, CL_TYPE_MODULE)

/* Fingerprints {{{ */

typedef struct
{
  char      *name;
  char      *category;
  gboolean   disclose;
  GPtrArray *headers;   /* name (lower case), GRegex or NULL (present), … */
  GStrv      cookies;
  GRegex    *meta;
  GPtrArray *html;      /* (element-type GRegex) */
  GPtrArray *scripts;   /* (element-type GRegex) */
} Tech;

static GArray *techs;

/* Our patterns, matched on the server's bytes as bytes (RAW: a page need
 * not be UTF-8), ASCII letters in any case. */
static GRegex *
compile (const char *pattern)
{
  g_autoptr(GError) error = NULL;
  GRegex *regex;

  regex = g_regex_new (pattern, G_REGEX_RAW | G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
  /* The file is compiled in: a bad pattern is a build defect. */
  if (regex == NULL)
    g_error ("tech.json: %s: %s", pattern, error->message);

  return regex;
}

static GPtrArray *
compile_all (JsonObject *obj,
             const char *member)
{
  JsonArray *array = json_object_has_member (obj, member) ? json_object_get_array_member (obj, member) : NULL;
  GPtrArray *regexes = g_ptr_array_new_with_free_func ((GDestroyNotify)g_regex_unref);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_ptr_array_add (regexes, compile (json_array_get_string_element (array, i)));

  return regexes;
}

static GArray *
load_techs (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GArray *all = g_array_new (FALSE, TRUE, sizeof (Tech));
  JsonArray *array;

  bytes = g_resource_lookup_data (cl_get_resource (),
                                  "/net/compliancelayer/ComplianceLayer/tech.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    g_error ("tech.json: %s", error->message);

  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "technologies");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);
      Tech tech = { 0 };

      tech.name = g_strdup (json_object_get_string_member (obj, "name"));
      tech.category = g_strdup (json_object_get_string_member (obj, "category"));
      if (tech.name == NULL || tech.category == NULL)
        g_error ("tech.json: technology %u has no name or category", i);
      tech.disclose = json_object_get_boolean_member_with_default (obj, "disclose", FALSE);

      tech.headers = g_ptr_array_new ();
      if (json_object_has_member (obj, "headers"))
        {
          JsonObject *headers = json_object_get_object_member (obj, "headers");
          g_autoptr(GList) names = json_object_get_members (headers);

          for (GList *l = names; l != NULL; l = l->next)
            {
              const char *pattern = json_object_get_string_member (headers, l->data);

              g_ptr_array_add (tech.headers, g_ascii_strdown (l->data, -1));
              g_ptr_array_add (tech.headers, pattern != NULL && *pattern != '\0' ? compile (pattern) : NULL);
            }
        }

      if (json_object_has_member (obj, "cookies"))
        {
          JsonArray *cookies = json_object_get_array_member (obj, "cookies");
          GStrvBuilder *builder = g_strv_builder_new ();

          for (guint j = 0; j < json_array_get_length (cookies); j++)
            g_strv_builder_add (builder, json_array_get_string_element (cookies, j));
          tech.cookies = g_strv_builder_end (builder);
          g_strv_builder_unref (builder);
        }
      else
        tech.cookies = g_new0 (char *, 1);

      if (json_object_has_member (obj, "meta"))
        tech.meta = compile (json_object_get_string_member (obj, "meta"));
      tech.html = compile_all (obj, "html");
      tech.scripts = compile_all (obj, "scripts");

      g_array_append_val (all, tech);
    }

  return all;
}

static GArray *
get_techs (void)
{
  if (g_once_init_enter (&techs))
    g_once_init_leave (&techs, load_techs ());

  return techs;
}

/* }}} */

/* Judging {{{ */

static void
tech_seen_free (ClTechSeen *seen)
{
  g_free (seen->version);
  g_free (seen);
}

/* @regex on @subject: TRUE on a match, its first group (when not empty)
 * in @version.  Versions are the pattern's digits and dots: safe to show. */
static gboolean
match (GRegex      *regex,
       const char  *subject,
       gssize       length,
       char       **version)
{
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *group = NULL;

  if (!g_regex_match_full (regex, subject, length, 0, 0, &info, NULL))
    return FALSE;

  group = g_match_info_fetch (info, 1);
  if (group != NULL && *group != '\0' && strlen (group) <= 32)
    *version = g_steal_pointer (&group);

  return TRUE;
}

static gboolean
cookie_matches (const char *pattern,
                const char *name)
{
  gsize n = strlen (pattern);

  if (n > 0 && pattern[n - 1] == '*')
    return g_ascii_strncasecmp (pattern, name, n - 1) == 0;
  return g_ascii_strcasecmp (pattern, name) == 0;
}

/* Where one technology showed itself: the first place with a version,
 * else the first place at all. */
typedef struct
{
  char       *version;
  const char *where;
  gboolean    server_side;
} Found;

static void
found (Found      *f,
       const char *where,
       gboolean    server_side,
       const char *version)
{
  if (f->where != NULL && (f->version != NULL || version == NULL))
    return;

  f->where = where;
  f->server_side = server_side;
  if (version != NULL)
    f->version = g_strdup (version);
}

static ClTechSeen *
identify_one (const Tech *tech,
              ClWebPage  *page)
{
  GPtrArray *headers = cl_web_page_get_headers (page);
  GPtrArray *cookies = cl_web_page_get_cookie_names (page);
  GPtrArray *scripts = cl_web_page_get_scripts (page);
  const char *generator = cl_web_page_get_generator (page);
  const char *html = cl_web_page_get_html (page);
  Found f = { NULL, NULL, FALSE };
  ClTechSeen *seen;

  for (guint i = 0; i + 1 < tech->headers->len; i += 2)
    {
      const char *name = g_ptr_array_index (tech->headers, i);
      GRegex *regex = g_ptr_array_index (tech->headers, i + 1);

      for (guint j = 0; j + 1 < headers->len; j += 2)
        {
          const char *value = g_ptr_array_index (headers, j + 1);
          g_autofree char *v = NULL;

          if (g_ascii_strcasecmp (g_ptr_array_index (headers, j), name) != 0)
            continue;
          if (regex == NULL || match (regex, value, -1, &v))
            found (&f, name, TRUE, v);
        }
    }

  if (tech->meta != NULL && generator != NULL)
    {
      g_autofree char *v = NULL;

      if (match (tech->meta, generator, -1, &v))
        found (&f, "generator", TRUE, v);
    }

  for (guint i = 0; tech->cookies[i] != NULL; i++)
    {
      for (guint j = 0; j < cookies->len; j++)
        {
          if (cookie_matches (tech->cookies[i], g_ptr_array_index (cookies, j)))
            found (&f, "cookie", FALSE, NULL);
        }
    }

  for (guint i = 0; i < tech->html->len; i++)
    {
      g_autofree char *v = NULL;

      if (match (g_ptr_array_index (tech->html, i), html, -1, &v))
        found (&f, "html", FALSE, v);
    }

  for (guint i = 0; i < tech->scripts->len; i++)
    {
      for (guint j = 0; j < scripts->len; j++)
        {
          ClWebScript *script = g_ptr_array_index (scripts, j);
          g_autofree char *v = NULL;

          if (script->url != NULL && match (g_ptr_array_index (tech->scripts, i), script->url, -1, &v))
            found (&f, "script", FALSE, v);
        }
    }
  if (f.where == NULL)
    return NULL;

  seen = g_new0 (ClTechSeen, 1);
  seen->name = tech->name;
  seen->category = tech->category;
  seen->version = f.version;
  seen->where = f.where;
  seen->disclosed = tech->disclose && f.server_side && seen->version != NULL;

  return seen;
}

/**
 * _cl_tech_stack_identify:
 *
 * Returns: (transfer container) (element-type ClTechSeen): the
 *   technologies seen, in data/tech.json's order
 */
GPtrArray *
_cl_tech_stack_identify (ClWebPage *page)
{
  GArray *all = get_techs ();
  GPtrArray *seen = g_ptr_array_new_with_free_func ((GDestroyNotify)tech_seen_free);

  g_return_val_if_fail (CL_IS_WEB_PAGE (page), seen);

  for (guint i = 0; i < all->len; i++)
    {
      ClTechSeen *one = identify_one (&g_array_index (all, Tech, i), page);

      if (one != NULL)
        g_ptr_array_add (seen, one);
    }

  return seen;
}

/* "nginx 1.22.1", "WordPress" */
static void
append_name (GString    *out,
             ClTechSeen *seen)
{
  if (out->len > 0)
    g_string_append (out, ", ");
  g_string_append (out, seen->name);
  if (seen->version != NULL)
    g_string_append_printf (out, " %s", seen->version);
}

/**
 * _cl_module_tech_stack_judge:
 * @page: the home page
 * @result: where the findings go
 */
void
_cl_module_tech_stack_judge (ClWebPage      *page,
                             ClModuleResult *result)
{
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GString) disclosed = g_string_new (NULL);

  g_return_if_fail (CL_IS_WEB_PAGE (page));
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  seen = _cl_tech_stack_identify (page);
  for (guint i = 0; i < seen->len; i++)
    {
      ClTechSeen *one = g_ptr_array_index (seen, i);

      append_name (all, one);
      g_string_append_printf (all, " (%s)", one->category);
      if (one->disclosed)
        {
          append_name (disclosed, one);
          /* TRANSLATORS: where a version was seen: "Server header", "generator tag" */
          if (g_str_equal (one->where, "generator"))
            g_string_append (disclosed, _(" (generator tag)"));
          else
            g_string_append_printf (disclosed, _(" (%s header)"), one->where);
        }
    }

  if (disclosed->len > 0)
    cl_module_result_add (result, "tech_stack.version_disclosed", CL_SEVERITY_LOW,
                          _("The server discloses the versions of its software"),
                          _("Hide version numbers from response headers and generator tags "
                            "(nginx: server_tokens off; Apache: ServerTokens Prod; PHP: "
                            "expose_php = Off; remove the CMS’s generator tag), and keep the "
                            "software up to date: a visible version tells attackers which "
                            "published vulnerabilities to try."),
                          "%s", disclosed->str);

  if (all->len > 0)
    cl_module_result_add (result, "tech_stack.detected", CL_SEVERITY_INFO,
                          _("Technologies identified on the site"),
                          _("Nothing to do: keep this inventory current, and every component "
                            "in it patched."),
                          "%s", all->str);
}

/* }}} */

/* Fetching {{{ */

static void
cl_module_tech_stack_run_async (ClModule            *module,
                                ClScanContext       *context,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_assert (CL_IS_MODULE_TECH_STACK (module));

  cl_web_page_judge_async (module, context, "tech_stack", _cl_module_tech_stack_judge,
                           cancellable, callback, user_data);
}

/* }}} */

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "tech_stack.detected",
  "tech_stack.version_disclosed",
  NULL,
};

static void
cl_module_tech_stack_class_init (ClModuleTechStackClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "tech_stack";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_tech_stack_run_async;
}

static void
cl_module_tech_stack_init (ClModuleTechStack *self)
{
}

ClModule *
cl_module_tech_stack_new (void)
{
  return g_object_new (CL_TYPE_MODULE_TECH_STACK, NULL);
}
