/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-web-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cl-error.h"
#include "cl-web-page-private.h"

/* A site's home page as the js_audit, tech_stack and trackers modules
 * read it: the final answer after redirects (its status, headers and
 * cookie names), its HTML, and what the HTML loads, found by a small tag
 * scanner (script, img, iframe, link and the generator meta tag; not a
 * full HTML parser: what browsers tolerate beyond that is not needed to
 * name libraries and hosts).  Everything is capped: the page is the
 * server's, and so are the scripts. */

/* A whole request may take this many network timeouts. */
#define REQUEST_TIMEOUTS 2
/* Scripts fetched at once: a page's scripts usually come from a few hosts. */
#define PARALLEL_SCRIPTS 4

struct _ClWebPage
{
  GObject    parent_instance;

  char      *url;
  guint      status;
  GPtrArray *headers;       /* (element-type utf8) name, value, … */
  GPtrArray *cookie_names;  /* (element-type utf8) */
  GString   *html;
  char      *generator;
  GPtrArray *scripts;       /* (element-type ClWebScript) */
  GPtrArray *resources;     /* (element-type ClWebResource) */
};

G_DEFINE_FINAL_TYPE (ClWebPage, cl_web_page, G_TYPE_OBJECT)

static void
web_script_free (ClWebScript *script)
{
  g_free (script->url);
  g_clear_pointer (&script->content, g_bytes_unref);
  g_free (script->error);
  g_free (script);
}

static void
web_resource_free (ClWebResource *resource)
{
  g_free (resource->url);
  g_free (resource->host);
  g_free (resource);
}

static void
cl_web_page_finalize (GObject *object)
{
  ClWebPage *self = CL_WEB_PAGE (object);

  g_free (self->url);
  g_ptr_array_unref (self->headers);
  g_ptr_array_unref (self->cookie_names);
  g_string_free (self->html, TRUE);
  g_free (self->generator);
  g_ptr_array_unref (self->scripts);
  g_ptr_array_unref (self->resources);

  G_OBJECT_CLASS (cl_web_page_parent_class)->finalize (object);
}

static void
cl_web_page_class_init (ClWebPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cl_web_page_finalize;
}

static void
cl_web_page_init (ClWebPage *self)
{
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->cookie_names = g_ptr_array_new_with_free_func (g_free);
  self->html = g_string_new (NULL);
  self->scripts = g_ptr_array_new_with_free_func ((GDestroyNotify)web_script_free);
  self->resources = g_ptr_array_new_with_free_func ((GDestroyNotify)web_resource_free);
}

/**
 * cl_web_page_new:
 * @url: the page's (final) URL: relative links are resolved against it
 * @status: its HTTP status
 */
ClWebPage *
cl_web_page_new (const char *url,
                 guint       status)
{
  ClWebPage *self;

  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (CL_TYPE_WEB_PAGE, NULL);
  self->url = g_strdup (url);
  self->status = status;

  return self;
}

/* Keeps the first CL_WEB_PAGE_MAX_HEADERS fields, each cut short; a
 * Set-Cookie field also gives its cookie's name. */
void
cl_web_page_add_header (ClWebPage  *self,
                        const char *name,
                        const char *value)
{
  g_return_if_fail (CL_IS_WEB_PAGE (self));
  g_return_if_fail (name != NULL && value != NULL);

  if (self->headers->len >= 2 * CL_WEB_PAGE_MAX_HEADERS)
    return;

  g_ptr_array_add (self->headers, g_strndup (name, CL_WEB_PAGE_MAX_HEADER_VALUE));
  g_ptr_array_add (self->headers, g_strndup (value, CL_WEB_PAGE_MAX_HEADER_VALUE));

  if (g_ascii_strcasecmp (name, "Set-Cookie") == 0)
    {
      gsize n = strcspn (value, "=;");
      g_autofree char *cookie = g_strndup (value, MIN (n, 256));

      g_strstrip (cookie);
      if (*cookie != '\0' && value[n] == '=')
        g_ptr_array_add (self->cookie_names, g_steal_pointer (&cookie));
    }
}

/* Tag scanner {{{ */

/* A case-insensitive search of @needle (lower case) in [p, end). */
static const char *
find_ci (const char *p,
         const char *end,
         const char *needle)
{
  gsize n = strlen (needle);

  for (; p + n <= end; p++)
    {
      if (g_ascii_tolower (*p) == needle[0] && g_ascii_strncasecmp (p, needle, n) == 0)
        return p;
    }

  return NULL;
}

/* The few character references URLs and generator names carry. */
static char *
decode_entities (const char *value,
                 gsize       length)
{
  static const struct { const char *entity; char c; } entities[] = {
    { "&amp;", '&' }, { "&quot;", '"' }, { "&#39;", '\'' }, { "&apos;", '\'' },
    { "&lt;", '<' }, { "&gt;", '>' }, { "&#x2f;", '/' }, { "&#47;", '/' },
  };
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      gboolean replaced = FALSE;

      if (value[i] == '&')
        {
          for (guint j = 0; j < G_N_ELEMENTS (entities); j++)
            {
              gsize n = strlen (entities[j].entity);

              if (i + n <= length && g_ascii_strncasecmp (value + i, entities[j].entity, n) == 0)
                {
                  g_string_append_c (out, entities[j].c);
                  i += n - 1;
                  replaced = TRUE;
                  break;
                }
            }
        }
      if (!replaced)
        g_string_append_c (out, value[i]);
    }

  return g_string_free (out, FALSE);
}

/* The attributes of one tag that matter here. */
typedef struct
{
  char *src;
  char *href;
  char *name;
  char *content;
} Attributes;

static void
attributes_clear (Attributes *attrs)
{
  g_clear_pointer (&attrs->src, g_free);
  g_clear_pointer (&attrs->href, g_free);
  g_clear_pointer (&attrs->name, g_free);
  g_clear_pointer (&attrs->content, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Attributes, attributes_clear)

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Reads attributes from @p up to the tag's '>'; returns what follows it. */
static const char *
scan_attributes (const char *p,
                 const char *end,
                 Attributes *attrs)
{
  while (p < end && *p != '>')
    {
      const char *name, *value = NULL;
      gsize name_len, value_len = 0;
      char **slot = NULL;

      if (is_space (*p) || *p == '/')
        {
          p++;
          continue;
        }

      name = p;
      while (p < end && !is_space (*p) && *p != '=' && *p != '>' && *p != '/')
        p++;
      name_len = p - name;
      /* a stray '=' or quote starts no name: skip it */
      if (name_len == 0)
        {
          p++;
          continue;
        }

      while (p < end && is_space (*p))
        p++;
      if (p < end && *p == '=')
        {
          p++;
          while (p < end && is_space (*p))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              const char *close = memchr (p + 1, *p, end - (p + 1));

              value = p + 1;
              value_len = (close != NULL ? close : end) - value;
              p = close != NULL ? close + 1 : end;
            }
          else
            {
              value = p;
              while (p < end && !is_space (*p) && *p != '>')
                p++;
              value_len = p - value;
            }
        }

      if (name_len == 3 && g_ascii_strncasecmp (name, "src", 3) == 0)
        slot = &attrs->src;
      else if (name_len == 4 && g_ascii_strncasecmp (name, "href", 4) == 0)
        slot = &attrs->href;
      else if (name_len == 4 && g_ascii_strncasecmp (name, "name", 4) == 0)
        slot = &attrs->name;
      else if (name_len == 7 && g_ascii_strncasecmp (name, "content", 7) == 0)
        slot = &attrs->content;

      /* the first of a repeated attribute counts, as in browsers */
      if (slot != NULL && *slot == NULL && value != NULL)
        *slot = decode_entities (value, MIN (value_len, CL_WEB_PAGE_MAX_URL));
    }

  return p < end ? p + 1 : end;
}

/* @value resolved against the page: an absolute http(s) URL, or NULL. */
static GUri *
resolve (ClWebPage  *self,
         const char *value)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (value));
  const char *scheme;

  if (*trimmed == '\0' || strlen (trimmed) > CL_WEB_PAGE_MAX_URL)
    return NULL;
  if (!(base = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, NULL)))
    return NULL;
  if (!(uri = g_uri_parse_relative (base, trimmed, SOUP_HTTP_URI_FLAGS, NULL)))
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if ((g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  return g_steal_pointer (&uri);
}

static char *
add_resource (ClWebPage         *self,
              ClWebResourceKind  kind,
              const char        *value)
{
  g_autoptr(GUri) uri = NULL;
  ClWebResource *resource;

  if (value == NULL || self->resources->len >= CL_WEB_PAGE_MAX_RESOURCES)
    return NULL;
  if (!(uri = resolve (self, value)))
    return NULL;

  resource = g_new0 (ClWebResource, 1);
  resource->kind = kind;
  resource->url = g_uri_to_string (uri);
  resource->host = g_ascii_strdown (g_uri_get_host (uri), -1);
  g_ptr_array_add (self->resources, resource);

  return g_strdup (resource->url);
}

static void
add_script (ClWebPage  *self,
            char       *url,
            const char *text,
            gsize       length)
{
  ClWebScript *script;

  if (self->scripts->len >= CL_WEB_PAGE_MAX_SCRIPTS)
    {
      g_free (url);
      return;
    }

  script = g_new0 (ClWebScript, 1);
  script->url = url;
  if (text != NULL)
    script->content = g_bytes_new (text, length);
  g_ptr_array_add (self->scripts, script);
}

static void
scan_html (ClWebPage *self)
{
  const char *p = self->html->str;
  const char *end = p + self->html->len;

  while ((p = memchr (p, '<', end - p)) != NULL)
    {
      g_auto(Attributes) attrs = { 0 };
      const char *name;
      gsize name_len;

      p++;
      if (end - p >= 3 && strncmp (p, "!--", 3) == 0)
        {
          const char *close = find_ci (p + 3, end, "-->");

          p = close != NULL ? close + 3 : end;
          continue;
        }

      name = p;
      while (p < end && g_ascii_isalnum (*p))
        p++;
      name_len = p - name;
      /* end tags, doctype, processing instructions: nothing to read */
      if (name_len == 0)
        continue;

      p = scan_attributes (p, end, &attrs);

#define IS(tag) (name_len == strlen (tag) && g_ascii_strncasecmp (name, tag, name_len) == 0)
      if (IS ("script"))
        {
          /* the script's text runs to the first </script, whatever it holds */
          const char *close = find_ci (p, end, "</script");
          const char *text_end = close != NULL ? close : end;

          if (attrs.src != NULL)
            {
              char *url = add_resource (self, CL_WEB_RESOURCE_SCRIPT, attrs.src);

              if (url != NULL)
                add_script (self, url, NULL, 0);
            }
          else if (text_end > p)
            add_script (self, NULL, p, text_end - p);
          p = text_end;
        }
      else if (IS ("img"))
        g_free (add_resource (self, CL_WEB_RESOURCE_IMAGE, attrs.src));
      else if (IS ("iframe"))
        g_free (add_resource (self, CL_WEB_RESOURCE_FRAME, attrs.src));
      else if (IS ("link"))
        g_free (add_resource (self, CL_WEB_RESOURCE_LINK, attrs.href));
      else if (IS ("meta") && self->generator == NULL && attrs.content != NULL &&
               attrs.name != NULL && g_ascii_strcasecmp (attrs.name, "generator") == 0)
        self->generator = g_strstrip (g_strndup (attrs.content, 200));
#undef IS
    }
}

/**
 * cl_web_page_set_html:
 * @html: the body, not NUL-terminated; the first CL_WEB_PAGE_MAX_HTML
 *   bytes are kept
 *
 * Keeps the page and finds what it loads.
 */
void
cl_web_page_set_html (ClWebPage  *self,
                      const char *html,
                      gsize       length)
{
  g_return_if_fail (CL_IS_WEB_PAGE (self));
  g_return_if_fail (html != NULL || length == 0);

  g_string_truncate (self->html, 0);
  g_string_append_len (self->html, html, MIN (length, CL_WEB_PAGE_MAX_HTML));
  /* the page is searched as text: a NUL must not end it */
  for (gsize i = 0; i < self->html->len; i++)
    {
      if (self->html->str[i] == '\0')
        self->html->str[i] = ' ';
    }

  g_clear_pointer (&self->generator, g_free);
  g_ptr_array_set_size (self->scripts, 0);
  g_ptr_array_set_size (self->resources, 0);
  scan_html (self);
}

/* }}} */

/**
 * cl_web_page_set_script_content:
 * @index: an external script of cl_web_page_get_scripts()
 *
 * Keeps the first CL_WEB_PAGE_MAX_SCRIPT bytes of the script's body.
 */
void
cl_web_page_set_script_content (ClWebPage  *self,
                                guint       index,
                                const char *data,
                                gsize       length)
{
  ClWebScript *script;

  g_return_if_fail (CL_IS_WEB_PAGE (self));
  g_return_if_fail (index < self->scripts->len);
  g_return_if_fail (data != NULL || length == 0);

  script = g_ptr_array_index (self->scripts, index);
  g_clear_pointer (&script->content, g_bytes_unref);
  script->content = g_bytes_new (data, MIN (length, CL_WEB_PAGE_MAX_SCRIPT));
}

const char *
cl_web_page_get_url (ClWebPage *self)
{
  g_return_val_if_fail (CL_IS_WEB_PAGE (self), NULL);

  return self->url;
}

guint
cl_web_page_get_status (ClWebPage *self)
{
  g_return_val_if_fail (CL_IS_WEB_PAGE (self), 0);

  return self->status;
}

/**
 * cl_web_page_get_headers:
 *
 * Returns: (transfer none) (element-type utf8): name, value, name, value…
 */
GPtrArray *
cl_web_page_get_headers (ClWebPage *self)
{
  g_return_val_if_fail (CL_IS_WEB_PAGE (self), NULL);

  return self->headers;
}

/**
 * cl_web_page_get_header:
 * @name: a field name, any case
 *
 * Returns: (nullable): the first value of the field
 */
const char *
cl_web_page_get_header (ClWebPage  *self,
                        const char *name)
{
  g_return_val_if_fail (CL_IS_WEB_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i + 1 < self->headers->len; i += 2)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (self->headers, i), name) == 0)
        return g_ptr_array_index (self->headers, i + 1);
    }

  return NULL;
}

/**
 * cl_web_page_get_cookie_names:
 *
 * Returns: (transfer none) (element-type utf8): the names of the cookies
 *   the final answer sets
 */
GPtrArray *
cl_web_page_get_cookie_names (ClWebPage *self)
{
  g_return_val_if_fail (CL_IS_WEB_PAGE (self), NULL);

  return self->cookie_names;
}

/**
 * cl_web_page_get_html:
 *
 * Returns: the kept HTML, NUL-terminated, NULs within replaced by spaces
 */
const char *
cl_web_page_get_html (ClWebPage *self)
{
  g_return_val_if_fail (CL_IS_WEB_PAGE (self), NULL);

  return self->html->str;
}

const char *
cl_web_page_get_generator (ClWebPage *self)
{
  g_return_val_if_fail (CL_IS_WEB_PAGE (self), NULL);

  return self->generator;
}

/**
 * cl_web_page_get_scripts:
 *
 * Returns: (transfer none) (element-type ClWebScript): in page order
 */
GPtrArray *
cl_web_page_get_scripts (ClWebPage *self)
{
  g_return_val_if_fail (CL_IS_WEB_PAGE (self), NULL);

  return self->scripts;
}

/**
 * cl_web_page_get_resources:
 *
 * Returns: (transfer none) (element-type ClWebResource): in page order
 */
GPtrArray *
cl_web_page_get_resources (ClWebPage *self)
{
  g_return_val_if_fail (CL_IS_WEB_PAGE (self), NULL);

  return self->resources;
}

/* Fetching {{{ */

/* One GET, its body read up to a cap. */
typedef struct
{
  SoupMessage  *msg;
  GInputStream *body;
  GByteArray   *data;
  gsize         cap;
  guint         timeout;       /* seconds */
  char          buffer[8192];
  GCancellable *cancellable;   /* the request's: the task's or the timer cancel it */
  gulong        cancelled_id;
  guint         timeout_id;
  gboolean      timed_out;
} Get;

static void
get_end (GTask *task)
{
  Get *get = g_task_get_task_data (task);

  g_clear_handle_id (&get->timeout_id, g_source_remove);
  if (get->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), get->cancelled_id);
  get->cancelled_id = 0;
}

static void
get_free (Get *get)
{
  g_assert (get->timeout_id == 0 && get->cancelled_id == 0);

  g_clear_object (&get->msg);
  g_clear_object (&get->body);
  g_clear_pointer (&get->data, g_byte_array_unref);
  g_clear_object (&get->cancellable);
  g_free (get);
}

static void
get_return (GTask *task)
{
  get_end (task);
  g_task_return_boolean (task, TRUE);
}

static void
on_get_closed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* A body dropped half-way fails to close; the connection goes with it. */
  g_input_stream_close_finish (G_INPUT_STREAM (source), result, NULL);
  get_return (task);
}

static void
on_get_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Get *get = g_task_get_task_data (task);
  gssize n;

  /* a read error keeps what came: the status and headers are in */
  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);
  if (n > 0)
    g_byte_array_append (get->data, (const guint8 *)get->buffer, MIN ((gsize)n, get->cap - get->data->len));

  if (n > 0 && get->data->len < get->cap)
    {
      g_input_stream_read_async (get->body, get->buffer, sizeof get->buffer, G_PRIORITY_DEFAULT,
                                 get->cancellable, on_get_read, g_steal_pointer (&task));
      return;
    }

  /* Closing an unfinished body makes libsoup read it to its end to reuse
   * the connection; cancelling first makes it drop the connection. */
  if (n != 0)
    g_cancellable_cancel (get->cancellable);
  g_input_stream_close_async (get->body, G_PRIORITY_DEFAULT, get->cancellable,
                              on_get_closed, g_steal_pointer (&task));
}

static void
on_get_sent (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Get *get = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  get->body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (get->body == NULL)
    {
      get_end (task);
      if (get->timed_out)
        g_task_return_new_error (task, CL_ERROR, CL_ERROR_UNAVAILABLE,
                                 _("no complete answer within %u s"),
                                 REQUEST_TIMEOUTS * get->timeout);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_input_stream_read_async (get->body, get->buffer, sizeof get->buffer, G_PRIORITY_DEFAULT,
                             get->cancellable, on_get_read, g_steal_pointer (&task));
}

static void
cancel_get (GCancellable *parent,
            gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_get_timeout (gpointer user_data)
{
  Get *get = g_task_get_task_data (G_TASK (user_data));

  get->timeout_id = 0;
  get->timed_out = TRUE;
  g_cancellable_cancel (get->cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
accept_any_certificate (SoupMessage          *msg,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  /* The ssl module judges certificates; the page behind a bad one is
   * what browsers whose user clicked through load. */
  return TRUE;
}

/* GET @url (redirects followed by libsoup), the body's first @cap bytes
 * kept; finish with get_finish (). */
static void
get_async (ClScanContext       *context,
           const char          *url,
           gsize                cap,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  Get *get;

  g_task_set_source_tag (task, get_async);
  if (!(uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  get = g_new0 (Get, 1);
  get->cap = cap;
  get->data = g_byte_array_new ();
  get->timeout = MAX (cl_scan_settings_get_network_timeout (cl_scan_context_get_settings (context)), 1);
  get->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, get, (GDestroyNotify)get_free);

  /* The session's timeout bounds each wait; this timer bounds a server
   * that drips bytes, with room for a busy main loop (as in headers). */
  if (cancellable != NULL)
    get->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_get),
                                               get->cancellable, NULL);
  /* The task holds the Get; the timer is removed before the task goes. */
  get->timeout_id = g_timeout_add (REQUEST_TIMEOUTS * get->timeout * 1000, on_get_timeout, task);

  get->msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  g_signal_connect (get->msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  soup_message_headers_replace (soup_message_get_request_headers (get->msg),
                                "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

  soup_session_send_async (cl_scan_context_get_http_session (context), get->msg,
                           G_PRIORITY_DEFAULT, get->cancellable, on_get_sent, g_object_ref (task));
}

/* Returns: (transfer none): the answered message, its body in @data */
static SoupMessage *
get_finish (GAsyncResult  *result,
            GByteArray   **data,
            GError       **error)
{
  Get *get = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  *data = get->data;
  return get->msg;
}

typedef struct
{
  ClScanContext *context;
  ClWebPage     *page;
  gboolean       with_scripts;
  gboolean       tried_http;
  guint          next_script;  /* index in page->scripts */
  guint          fetched;      /* external scripts requested */
  guint          active;       /* requests under way */
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->context);
  g_clear_object (&fetch->page);
  g_free (fetch);
}

static void fetch_scripts (GTask *task);

/* One script's request: the page's task and the script's index. */
typedef struct
{
  GTask *task;
  guint  index;
} ScriptRequest;

static void
on_script (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ScriptRequest *request = user_data;
  g_autoptr(GTask) task = request->task;
  guint index = request->index;
  Fetch *fetch = g_task_get_task_data (task);
  ClWebScript *script = g_ptr_array_index (fetch->page->scripts, index);
  g_autoptr(GError) error = NULL;
  GByteArray *data = NULL;
  SoupMessage *msg;

  g_free (request);
  fetch->active--;
  msg = get_finish (result, &data, &error);
  if (msg == NULL)
    script->error = g_strdup (error->message);
  else if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    script->error = g_strdup_printf (_("HTTP status %u"), soup_message_get_status (msg));
  else
    cl_web_page_set_script_content (fetch->page, index, (const char *)data->data, data->len);

  fetch_scripts (task);
}

/* A page names any URL as a script: the scanner, unlike a browser, is no
 * sandbox with private-network protections, so it fetches only from the
 * web ports and never from an address literal of the user's own machine
 * or network (names that resolve there are the site's business). */
gboolean
_cl_web_page_is_fetchable (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;
  int port;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;
  port = g_uri_get_port (uri);
  if (port != -1 && port != 80 && port != 443)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return FALSE;
  if ((address = g_inet_address_new_from_string (host)) != NULL)
    return !g_inet_address_get_is_loopback (address) && !g_inet_address_get_is_link_local (address) &&
           !g_inet_address_get_is_site_local (address) && !g_inet_address_get_is_any (address) &&
           !g_inet_address_get_is_multicast (address);

  return TRUE;
}

/* Keeps PARALLEL_SCRIPTS requests under way until the first
 * CL_WEB_PAGE_MAX_FETCHED external scripts are in. */
static void
fetch_scripts (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GPtrArray *scripts = fetch->page->scripts;

  while (fetch->active < PARALLEL_SCRIPTS && fetch->next_script < scripts->len &&
         fetch->fetched < CL_WEB_PAGE_MAX_FETCHED &&
         !g_cancellable_is_cancelled (cancellable))
    {
      guint index = fetch->next_script++;
      ClWebScript *script = g_ptr_array_index (scripts, index);
      ScriptRequest *request;

      if (script->url == NULL)
        continue;
      if (!_cl_web_page_is_fetchable (script->url))
        {
          script->error = g_strdup (_("not fetched: another port or a private address"));
          continue;
        }

      fetch->fetched++;
      fetch->active++;
      request = g_new0 (ScriptRequest, 1);
      request->task = g_object_ref (task);
      request->index = index;
      get_async (fetch->context, script->url, CL_WEB_PAGE_MAX_SCRIPT, cancellable,
                 on_script, request);
    }

  if (fetch->active > 0)
    return;

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&fetch->page), g_object_unref);
}

static void request_page (GTask *task, const char *url);

static void
on_page (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  const char *domain = cl_scan_context_get_domain (fetch->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GByteArray *data = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  SoupMessage *msg;

  msg = get_finish (result, &data, &error);
  /* a cancelled read keeps what came: no page to judge */
  if (g_task_return_error_if_cancelled (task))
    return;
  if (msg == NULL)
    {
      /* Nothing on HTTPS: the plain HTTP site is what browsers show. */
      if (!fetch->tried_http)
        {
          g_autofree char *http = g_strdup_printf ("http://%s/", domain);

          g_debug ("https://%s/: %s; trying %s", domain, error->message, http);
          fetch->tried_http = TRUE;
          request_page (task, http);
          return;
        }
      g_task_return_new_error (task, CL_ERROR, CL_ERROR_UNAVAILABLE,
                               _("The home page of %s did not answer: %s"),
                               domain, error->message);
      return;
    }

  url = g_uri_to_string (soup_message_get_uri (msg));
  fetch->page = cl_web_page_new (url, soup_message_get_status (msg));
  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    cl_web_page_add_header (fetch->page, name, value);
  cl_web_page_set_html (fetch->page, (const char *)data->data, data->len);

  if (fetch->with_scripts)
    fetch_scripts (task);
  else
    g_task_return_pointer (task, g_steal_pointer (&fetch->page), g_object_unref);
}

static void
request_page (GTask      *task,
              const char *url)
{
  Fetch *fetch = g_task_get_task_data (task);

  get_async (fetch->context, url, CL_WEB_PAGE_MAX_HTML, g_task_get_cancellable (task),
             on_page, g_object_ref (task));
}

/**
 * cl_web_page_fetch_async:
 * @context: the scan: its domain, HTTP session and network timeout
 * @with_scripts: also fetch the page's first CL_WEB_PAGE_MAX_FETCHED
 *   external scripts
 *
 * Fetches https://DOMAIN/ (else http://DOMAIN/), following redirects.
 * A script that cannot be fetched keeps its error; only a page without
 * any answer fails, with %CL_ERROR_UNAVAILABLE.
 */
void
cl_web_page_fetch_async (ClScanContext       *context,
                         gboolean             with_scripts,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  Fetch *fetch;

  g_return_if_fail (CL_IS_SCAN_CONTEXT (context));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_web_page_fetch_async);

  fetch = g_new0 (Fetch, 1);
  fetch->context = g_object_ref (context);
  fetch->with_scripts = with_scripts;
  g_task_set_task_data (task, fetch, (GDestroyNotify)fetch_free);

  url = g_strdup_printf ("https://%s/", cl_scan_context_get_domain (context));
  request_page (task, url);
}

/**
 * cl_web_page_fetch_finish:
 *
 * Returns: (transfer full): the page, or %NULL with @error set
 */
ClWebPage *
cl_web_page_fetch_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  const char     *module_id;
  ClWebPageJudge  judge;
} Judging;

static void
page_to_judge (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Judging *judging = g_task_get_task_data (task);
  g_autoptr(ClWebPage) page = NULL;
  g_autoptr(ClModuleResult) result = NULL;
  GError *error = NULL;

  if (!(page = cl_web_page_fetch_finish (res, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  result = cl_module_result_new (judging->module_id);
  judging->judge (page, result);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

/**
 * cl_web_page_judge_async:
 * @source_object: the module, the task's source
 * @module_id: (not nullable): a static string, the result's module
 * @judge: what the module finds on the page (without its scripts)
 *
 * The run of a module that only judges the home page: fetches it, judges
 * it, and completes with a #ClModuleResult (the module class's default
 * run_finish takes it).
 */
void
cl_web_page_judge_async (gpointer             source_object,
                         ClScanContext       *context,
                         const char          *module_id,
                         ClWebPageJudge       judge,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Judging *judging = g_new0 (Judging, 1);

  g_return_if_fail (CL_IS_SCAN_CONTEXT (context));
  g_return_if_fail (module_id != NULL && judge != NULL);

  judging->module_id = module_id;
  judging->judge = judge;
  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_web_page_judge_async);
  g_task_set_task_data (task, judging, g_free);
  cl_web_page_fetch_async (context, FALSE, cancellable, page_to_judge, g_steal_pointer (&task));
}

/* }}} */
