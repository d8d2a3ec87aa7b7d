/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-js-audit"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cl-background.h"
#include "cl-module-js-audit-private.h"
#include "cl-resources.h"

/* JavaScript audit: the libraries in the home page's scripts, named as
 * retire.js names them (data/jsrepository.json, retire.js's repository,
 * Apache-2.0: file-name, URL and banner patterns and file hashes), and
 * their versions matched against the repository's vulnerable ranges with
 * retire.js's version comparison.
 *
 * Rule ids (severity):
 *   js_audit.vulnerable_library  high  a library with a vulnerability of
 *                                      severity high or critical (CVE ids
 *                                      in the evidence)
 *   js_audit.library_advisories  info  libraries with only medium or low
 *                                      advisories
 *   js_audit.libraries           info  every library found, with its version
 *
 * Only what can be exploited counts in the score: the repository rates
 * each advisory, and most medium ones need a page that passes attacker
 * input to a particular call.  The repository names no known exploits, so
 * high and critical are what is scored. */

struct _ClModuleJsAudit
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleJsAudit, cl_module_js_audit, CL_TYPE_MODULE)

/* Repository {{{ */

typedef struct
{
  char  *at_or_above;  /* or NULL */
  char  *below;        /* or NULL */
  char  *severity;     /* "low", "medium", "high", "critical" */
  GStrv  excludes;     /* versions outside the range, or NULL */
  char  *ids;          /* "CVE-2020-11022, CVE-2020-11023" or the advisory's id */
} Vuln;

typedef struct
{
  char       *name;
  GPtrArray  *filename;     /* (element-type GRegex) */
  GPtrArray  *uri;          /* (element-type GRegex) */
  GPtrArray  *filecontent;  /* (element-type GRegex) */
  GHashTable *hashes;       /* SHA-1 hex → version */
  GArray     *vulns;        /* (element-type Vuln) */
} Library;

typedef struct
{
  GArray *libraries;  /* (element-type Library) */
  guint   skipped;    /* patterns PCRE does not take */
} Repository;

static Repository *repository;

/* retire.js's replaceVersion (): what a version looks like */
#define VERSION_PATTERN "[0-9][0-9.a-z_\\-]+"

static GPtrArray *
compile_all (Repository *repo,
             JsonObject *extractors,
             const char *member,
             gboolean    whole)
{
  JsonArray *array = json_object_has_member (extractors, member) ?
                     json_object_get_array_member (extractors, member) : NULL;
  GPtrArray *regexes = g_ptr_array_new_with_free_func ((GDestroyNotify)g_regex_unref);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *pattern = json_array_get_string_element (array, i);
      g_autoptr(GString) source = NULL;
      g_autoptr(GError) error = NULL;
      GRegex *regex;

      if (pattern == NULL)
        continue;
      source = g_string_new (pattern);
      g_string_replace (source, "§§version§§", VERSION_PATTERN, 0);
      /* retire.js anchors file-name patterns at both ends */
      if (whole)
        {
          g_string_prepend (source, "^(?:");
          g_string_append (source, ")$");
        }
      /* JavaScript regular expressions, matched on bytes (a script need
       * not be UTF-8), case-sensitive as in retire.js. */
      regex = g_regex_new (source->str, G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, &error);
      if (regex == NULL)
        {
          g_debug ("jsrepository.json: %s: %s", source->str, error->message);
          repo->skipped++;
          continue;
        }
      g_ptr_array_add (regexes, regex);
    }

  return regexes;
}

static char *
describe_ids (JsonObject *identifiers)
{
  JsonArray *cves = identifiers != NULL && json_object_has_member (identifiers, "CVE") ?
                    json_object_get_array_member (identifiers, "CVE") : NULL;
  GString *out = g_string_new (NULL);

  for (guint i = 0; cves != NULL && i < json_array_get_length (cves); i++)
    {
      const char *cve = json_array_get_string_element (cves, i);

      if (cve == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, cve);
    }
  if (out->len == 0 && identifiers != NULL)
    {
      const char *id = json_object_get_string_member_with_default (identifiers, "githubID", NULL);
      const char *summary = json_object_get_string_member_with_default (identifiers, "summary", NULL);

      g_string_append (out, id != NULL ? id : summary != NULL ? summary : "");
    }
  if (out->len == 0)
    g_string_append (out, _("advisory without an id"));

  return g_string_free (out, FALSE);
}

static Repository *
load_repository (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) names = NULL;
  Repository *repo = g_new0 (Repository, 1);
  JsonObject *root;

  bytes = g_resource_lookup_data (cl_get_resource (),
                                  "/net/compliancelayer/ComplianceLayer/jsrepository.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  /* The repository is compiled in: failing to read it is a build defect. */
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    g_error ("jsrepository.json: %s", error->message);

  root = json_node_get_object (json_parser_get_root (parser));
  repo->libraries = g_array_new (FALSE, TRUE, sizeof (Library));
  names = json_object_get_members (root);
  for (GList *n = names; n != NULL; n = n->next)
    {
      JsonObject *obj = json_object_get_object_member (root, n->data);
      JsonObject *extractors = json_object_get_object_member (obj, "extractors");
      JsonArray *vulns = json_object_get_array_member (obj, "vulnerabilities");
      Library lib = { 0 };

      if (extractors == NULL || vulns == NULL)
        g_error ("jsrepository.json: %s: no extractors or vulnerabilities", (char *)n->data);

      lib.name = g_strdup (n->data);
      lib.filename = compile_all (repo, extractors, "filename", TRUE);
      lib.uri = compile_all (repo, extractors, "uri", FALSE);
      lib.filecontent = compile_all (repo, extractors, "filecontent", FALSE);
      lib.hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (json_object_has_member (extractors, "hashes"))
        {
          JsonObject *hashes = json_object_get_object_member (extractors, "hashes");
          g_autoptr(GList) sums = json_object_get_members (hashes);

          for (GList *s = sums; s != NULL; s = s->next)
            g_hash_table_insert (lib.hashes, g_ascii_strdown (s->data, -1),
                                 g_strdup (json_object_get_string_member (hashes, s->data)));
        }

      lib.vulns = g_array_new (FALSE, TRUE, sizeof (Vuln));
      for (guint i = 0; i < json_array_get_length (vulns); i++)
        {
          JsonObject *v = json_array_get_object_element (vulns, i);
          Vuln vuln = { 0 };

          vuln.at_or_above = g_strdup (json_object_get_string_member_with_default (v, "atOrAbove", NULL));
          vuln.below = g_strdup (json_object_get_string_member_with_default (v, "below", NULL));
          vuln.severity = g_strdup (json_object_get_string_member_with_default (v, "severity", "medium"));
          if (json_object_has_member (v, "excludes"))
            {
              JsonArray *excludes = json_object_get_array_member (v, "excludes");
              GStrvBuilder *builder = g_strv_builder_new ();

              for (guint j = 0; excludes != NULL && j < json_array_get_length (excludes); j++)
                g_strv_builder_add (builder, json_array_get_string_element (excludes, j));
              vuln.excludes = g_strv_builder_end (builder);
              g_strv_builder_unref (builder);
            }
          vuln.ids = describe_ids (json_object_has_member (v, "identifiers") ?
                                   json_object_get_object_member (v, "identifiers") : NULL);
          g_array_append_val (lib.vulns, vuln);
        }

      g_array_append_val (repo->libraries, lib);
    }

  return repo;
}

static Repository *
get_repository (void)
{
  if (g_once_init_enter (&repository))
    g_once_init_leave (&repository, load_repository ());

  return repository;
}

/**
 * _cl_js_audit_skipped_patterns:
 *
 * Returns: how many of the repository's patterns PCRE does not compile
 */
guint
_cl_js_audit_skipped_patterns (void)
{
  return get_repository ()->skipped;
}

/* }}} */

/* Versions {{{ */

/* retire.js's toComparable (): digits compare as numbers, anything else
 * as text, and a missing part is 0. */
typedef struct
{
  gboolean    number;
  guint64     value;
  const char *text;
} Part;

static Part
to_comparable (const char *part)
{
  Part p = { TRUE, 0, NULL };

  if (part == NULL)
    return p;
  if (*part == '\0' || strspn (part, "0123456789") != strlen (part))
    {
      p.number = FALSE;
      p.text = part;
      return p;
    }
  for (const char *c = part; *c != '\0'; c++)
    p.value = p.value > (G_MAXUINT64 - 9) / 10 ? G_MAXUINT64 : p.value * 10 + (guint64)(*c - '0');

  return p;
}

/**
 * _cl_js_audit_is_at_or_above:
 *
 * retire.js's isAtOrAbove (): both split at '.' and '-', part by part; a
 * number is above any text at the same place ("1.9.0" is above
 * "1.9.0b1" because "0" is a number and "0b1" is not).
 */
gboolean
_cl_js_audit_is_at_or_above (const char *version1,
                             const char *version2)
{
  g_auto(GStrv) v1 = NULL;
  g_auto(GStrv) v2 = NULL;
  guint n1, n2;

  g_return_val_if_fail (version1 != NULL && version2 != NULL, FALSE);

  v1 = g_strsplit_set (version1, ".-", -1);
  v2 = g_strsplit_set (version2, ".-", -1);
  n1 = g_strv_length (v1);
  n2 = g_strv_length (v2);

  for (guint i = 0; i < MAX (n1, n2); i++)
    {
      Part a = to_comparable (i < n1 ? v1[i] : NULL);
      Part b = to_comparable (i < n2 ? v2[i] : NULL);
      int cmp;

      if (a.number != b.number)
        return a.number;
      if (a.number)
        cmp = a.value > b.value ? 1 : a.value < b.value ? -1 : 0;
      else
        cmp = strcmp (a.text, b.text);
      if (cmp != 0)
        return cmp > 0;
    }

  return TRUE;
}

static gboolean
is_vulnerable (const Vuln *vuln,
               const char *version)
{
  if (vuln->below != NULL && _cl_js_audit_is_at_or_above (version, vuln->below))
    return FALSE;
  if (vuln->at_or_above != NULL && !_cl_js_audit_is_at_or_above (version, vuln->at_or_above))
    return FALSE;
  return vuln->excludes == NULL || !g_strv_contains ((const char * const *)vuln->excludes, version);
}

/* }}} */

/* Identifying {{{ */

static void
js_library_free (ClJsLibrary *lib)
{
  g_free (lib->version);
  g_free (lib->where);
  g_free (lib);
}

/* A script's file name as evidence: printable ASCII, cut short. */
static char *
printable (const char *text)
{
  g_autofree char *cut = g_strndup (text, 80);

  for (char *c = cut; *c != '\0'; c++)
    {
      if (*c < 0x21 || *c > 0x7e)
        *c = '?';
    }

  return g_steal_pointer (&cut);
}

/* The file name of @url: its path's last segment. */
static char *
file_name (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  const char *path, *slash;

  if (uri == NULL)
    return g_strdup ("");
  path = g_uri_get_path (uri);
  slash = strrchr (path, '/');

  return g_strdup (slash != NULL ? slash + 1 : path);
}

/* Adds what @regexes find in @subject: every match's first group is a
 * version, "-min" or ".min" at its end dropped as retire.js does. */
static gboolean
scan (GPtrArray  *found,
      Library    *lib,
      GPtrArray  *regexes,
      const char *subject,
      gssize      length,
      const char *how,
      const char *where)
{
  gboolean any = FALSE;

  for (guint i = 0; i < regexes->len; i++)
    {
      g_autoptr(GMatchInfo) info = NULL;

      g_regex_match_full (g_ptr_array_index (regexes, i), subject, length, 0, 0, &info, NULL);
      for (guint n = 0; g_match_info_matches (info) && n < 10; n++)
        {
          g_autofree char *version = g_match_info_fetch (info, 1);
          gboolean known = FALSE;

          if (version != NULL && (g_str_has_suffix (version, ".min") || g_str_has_suffix (version, "-min")))
            version[strlen (version) - 4] = '\0';
          if (version == NULL || *version == '\0' || strlen (version) > 40)
            {
              g_match_info_next (info, NULL);
              continue;
            }

          for (guint j = 0; j < found->len && !known; j++)
            {
              ClJsLibrary *other = g_ptr_array_index (found, j);

              known = g_str_equal (other->library, lib->name) && g_str_equal (other->version, version);
            }
          if (!known)
            {
              ClJsLibrary *one = g_new0 (ClJsLibrary, 1);

              one->library = lib->name;
              one->version = g_steal_pointer (&version);
              one->how = how;
              one->where = g_strdup (where);
              g_ptr_array_add (found, one);
            }
          any = TRUE;
          g_match_info_next (info, NULL);
        }
    }

  return any;
}

static void
identify_script (Repository  *repo,
                 ClWebScript *script,
                 GPtrArray   *found)
{
  g_autofree char *name = script->url != NULL ? file_name (script->url) : NULL;
  g_autofree char *where = name != NULL ? printable (*name != '\0' ? name : script->url) : g_strdup (_("inline"));
  const char *content = NULL;
  gsize length = 0;
  gboolean any = FALSE;

  if (script->content != NULL)
    content = g_bytes_get_data (script->content, &length);

  for (guint i = 0; i < repo->libraries->len; i++)
    {
      Library *lib = &g_array_index (repo->libraries, Library, i);

      if (script->url != NULL)
        {
          any |= scan (found, lib, lib->uri, script->url, -1, "URL", where);
          any |= scan (found, lib, lib->filename, name, -1, "file name", where);
        }
      if (content != NULL && length > 0)
        any |= scan (found, lib, lib->filecontent, content, length, "banner", where);
    }

  /* as retire.js: the hash when nothing else named the library */
  if (!any && content != NULL && length > 0)
    {
      g_autofree char *sha1 = g_compute_checksum_for_data (G_CHECKSUM_SHA1, (const guchar *)content, length);

      for (guint i = 0; i < repo->libraries->len; i++)
        {
          Library *lib = &g_array_index (repo->libraries, Library, i);
          const char *version = g_hash_table_lookup (lib->hashes, sha1);

          if (version != NULL)
            {
              ClJsLibrary *one = g_new0 (ClJsLibrary, 1);

              one->library = lib->name;
              one->version = g_strdup (version);
              one->how = "hash";
              one->where = g_strdup (where);
              g_ptr_array_add (found, one);
              break;
            }
        }
    }
}

/**
 * _cl_js_audit_identify:
 *
 * Returns: (transfer container) (element-type ClJsLibrary): each library
 *   and version once, in the order of the page's scripts
 */
GPtrArray *
_cl_js_audit_identify (ClWebPage *page)
{
  Repository *repo = get_repository ();
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify)js_library_free);
  GPtrArray *scripts;

  g_return_val_if_fail (CL_IS_WEB_PAGE (page), found);

  scripts = cl_web_page_get_scripts (page);
  for (guint i = 0; i < scripts->len; i++)
    identify_script (repo, g_ptr_array_index (scripts, i), found);

  return found;
}

/* }}} */

/* Judging {{{ */

static Library *
find_library (Repository *repo,
              const char *name)
{
  for (guint i = 0; i < repo->libraries->len; i++)
    {
      Library *lib = &g_array_index (repo->libraries, Library, i);

      if (g_str_equal (lib->name, name))
        return lib;
    }

  return NULL;
}

static void
append_item (GString    *out,
             guint      *listed,
             const char *text)
{
  if (*listed == CL_JS_AUDIT_MAX_LISTED)
    g_string_append (out, "; …");
  if ((*listed)++ >= CL_JS_AUDIT_MAX_LISTED)
    return;
  if (out->len > 0)
    g_string_append (out, "; ");
  g_string_append (out, text);
}

/* "jquery 1.8.3: CVE-2019-11358 (medium), …": the advisories of @lib
 * for @version whose severity is (or is not, !@serious) high or critical. */
static char *
describe_vulns (Library     *lib,
                ClJsLibrary *found,
                gboolean     serious)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < lib->vulns->len; i++)
    {
      Vuln *vuln = &g_array_index (lib->vulns, Vuln, i);
      gboolean is_serious = g_str_equal (vuln->severity, "high") || g_str_equal (vuln->severity, "critical");

      if (is_serious != serious || !is_vulnerable (vuln, found->version) ||
          !g_hash_table_add (seen, vuln->ids))
        continue;
      g_string_append_printf (out, "%s%s (%s)", out->len > 0 ? ", " : "", vuln->ids, vuln->severity);
    }

  if (out->len == 0)
    return NULL;
  return g_strdup_printf ("%s %s: %s", found->library, found->version, out->str);
}

/**
 * _cl_module_js_audit_judge:
 * @page: the home page, its external scripts fetched
 * @result: where the findings go
 */
void
_cl_module_js_audit_judge (ClWebPage      *page,
                           ClModuleResult *result)
{
  Repository *repo = get_repository ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) serious = g_string_new (NULL);
  g_autoptr(GString) minor = g_string_new (NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  guint n_serious = 0, n_minor = 0, n_all = 0, unfetched = 0;
  GPtrArray *scripts;

  g_return_if_fail (CL_IS_WEB_PAGE (page));
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  found = _cl_js_audit_identify (page);
  for (guint i = 0; i < found->len; i++)
    {
      ClJsLibrary *one = g_ptr_array_index (found, i);
      Library *lib = find_library (repo, one->library);
      g_autofree char *item = g_strdup_printf ("%s %s (%s, %s)", one->library, one->version,
                                               one->where, one->how);
      g_autofree char *high = describe_vulns (lib, one, TRUE);
      g_autofree char *other = describe_vulns (lib, one, FALSE);

      append_item (all, &n_all, item);
      if (high != NULL)
        append_item (serious, &n_serious, high);
      if (other != NULL)
        append_item (minor, &n_minor, other);
    }

  if (n_serious > 0)
    cl_module_result_add (result, "js_audit.vulnerable_library", CL_SEVERITY_HIGH,
                          _("The home page loads JavaScript libraries with serious known vulnerabilities"),
                          _("Upgrade each library to a release without these vulnerabilities (see "
                            "each CVE), or remove it; pin what the page loads with Subresource "
                            "Integrity so that an upgrade is a deliberate change."),
                          "%s", serious->str);
  if (n_minor > 0)
    cl_module_result_add (result, "js_audit.library_advisories", CL_SEVERITY_INFO,
                          _("JavaScript libraries with medium or low advisories"),
                          _("Plan an upgrade: these advisories need the page to pass untrusted "
                            "input to particular calls, and old releases get no security fixes."),
                          "%s", minor->str);
  if (n_all > 0)
    cl_module_result_add (result, "js_audit.libraries", CL_SEVERITY_INFO,
                          _("JavaScript libraries found on the home page"),
                          _("Nothing to do: keep this inventory current."),
                          "%s", all->str);

  scripts = cl_web_page_get_scripts (page);
  for (guint i = 0; i < scripts->len; i++)
    {
      ClWebScript *script = g_ptr_array_index (scripts, i);

      if (script->url != NULL && script->content == NULL)
        unfetched++;
    }
  if (unfetched > 0)
    {
      g_autofree char *caveat = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u script was not read (not fetched or no answer): only its URL was checked",
                                                              "%u scripts were not read (not fetched or no answer): only their URLs were checked",
                                                              unfetched), unfetched);

      cl_module_result_add_caveat (result, caveat);
    }
}

/* }}} */

/* Fetching {{{ */

/* Up to 20 scripts of 512 KiB against some 270 patterns: off the main loop. */
static void
judge_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(ClModuleResult) result = cl_module_result_new ("js_audit");

  _cl_module_js_audit_judge (CL_WEB_PAGE (task_data), result);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

static void
on_page (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClWebPage *page;
  GError *error = NULL;

  if (!(page = cl_web_page_fetch_finish (res, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, page, g_object_unref);
  cl_task_run_in_background (task, judge_in_thread);
}

static void
cl_module_js_audit_run_async (ClModule            *module,
                              ClScanContext       *context,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_assert (CL_IS_MODULE_JS_AUDIT (module));
  g_assert (CL_IS_SCAN_CONTEXT (context));

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_js_audit_run_async);

  cl_web_page_fetch_async (context, TRUE, cancellable, on_page, g_steal_pointer (&task));
}

/* }}} */

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "js_audit.libraries",
  "js_audit.library_advisories",
  "js_audit.vulnerable_library",
  NULL,
};

static void
cl_module_js_audit_class_init (ClModuleJsAuditClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "js_audit";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_js_audit_run_async;
}

static void
cl_module_js_audit_init (ClModuleJsAudit *self)
{
}

ClModule *
cl_module_js_audit_new (void)
{
  return g_object_new (CL_TYPE_MODULE_JS_AUDIT, NULL);
}
