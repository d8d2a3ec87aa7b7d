/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-waf"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cl-error.h"
#include "cl-module-waf-private.h"
#include "cl-resources.h"

/* WAF detection: is a web application firewall or a CDN in front of the
 * site?  Two requests over HTTPS, the home page and one harmless request
 * that looks like an attack (CL_WAF_ATTACK_PATH); the product is named
 * from the signatures of data/waf.json (headers, cookies, block pages),
 * and a filter shows itself by blocking the second request only.
 *
 * Rule ids (severity):
 *   waf.not_detected  low   nothing in front: the attack-like request was
 *                           answered like the home page
 *   waf.detected      info  the product, or the block, that was seen
 *
 * Neither request is sent twice and neither is an attack: a site without
 * a filter serves its home page with two unknown parameters. */

/* A whole request may take this many network timeouts. */
#define REQUEST_TIMEOUTS 2

struct _ClModuleWaf
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModuleWaf, cl_module_waf, CL_TYPE_MODULE)

/* Facts {{{ */

ClWafResponse *
_cl_waf_response_new (const char *url,
                      guint       status)
{
  ClWafResponse *response;

  g_return_val_if_fail (url != NULL, NULL);

  response = g_new0 (ClWafResponse, 1);
  response->url = g_strdup (url);
  response->status = status;
  response->headers = g_ptr_array_new_with_free_func (g_free);
  response->body = g_string_new (NULL);

  return response;
}

ClWafResponse *
_cl_waf_response_new_failed (const char *url,
                             const char *error)
{
  ClWafResponse *response;

  g_return_val_if_fail (error != NULL, NULL);

  response = _cl_waf_response_new (url, 0);
  response->error = g_strdup (error);

  return response;
}

/* Keeps the first CL_WAF_MAX_HEADERS fields, each value cut short: the
 * signatures are short, a 10 MB header costs 1 kB. */
void
_cl_waf_response_add_header (ClWafResponse *response,
                             const char    *name,
                             const char    *value)
{
  g_return_if_fail (response != NULL);
  g_return_if_fail (name != NULL && value != NULL);

  if (response->headers->len >= 2 * CL_WAF_MAX_HEADERS)
    return;

  g_ptr_array_add (response->headers, g_strndup (name, CL_WAF_MAX_HEADER_VALUE));
  g_ptr_array_add (response->headers, g_strndup (value, CL_WAF_MAX_HEADER_VALUE));
}

/**
 * _cl_waf_response_append_body:
 *
 * Returns: %FALSE once the body holds CL_WAF_MAX_BODY bytes: read no more
 */
gboolean
_cl_waf_response_append_body (ClWafResponse *response,
                              const char    *data,
                              gsize          length)
{
  gsize start;

  g_return_val_if_fail (response != NULL, FALSE);

  start = response->body->len;
  g_string_append_len (response->body, data, MIN (length, CL_WAF_MAX_BODY - start));
  /* the markers are text: a NUL must not end the search */
  for (gsize i = start; i < response->body->len; i++)
    {
      if (response->body->str[i] == '\0')
        response->body->str[i] = ' ';
    }

  return response->body->len < CL_WAF_MAX_BODY;
}

void
_cl_waf_response_free (ClWafResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->url);
  g_ptr_array_unref (response->headers);
  g_string_free (response->body, TRUE);
  g_free (response->error);
  g_free (response);
}

ClWafFacts *
_cl_waf_facts_new (const char *domain)
{
  ClWafFacts *facts;

  g_return_val_if_fail (domain != NULL, NULL);

  facts = g_new0 (ClWafFacts, 1);
  facts->domain = g_strdup (domain);

  return facts;
}

void
_cl_waf_facts_free (ClWafFacts *facts)
{
  if (facts == NULL)
    return;

  g_free (facts->domain);
  _cl_waf_response_free (facts->normal);
  _cl_waf_response_free (facts->attack);
  g_free (facts);
}

/* }}} */

/* Signatures {{{ */

/* One product of data/waf.json. */
typedef struct
{
  char      *name;
  gboolean   generic;
  GPtrArray *headers;  /* (element-type utf8) name, value-or-NULL pairs */
  GStrv      cookies;
  GStrv      markers;
} Product;

typedef struct
{
  GArray *block_statuses;  /* (element-type guint) */
  GStrv   block_markers;
  GArray *products;        /* (element-type Product) */
} Signatures;

static Signatures *signatures;

static GStrv
get_strings (JsonObject *obj,
             const char *member)
{
  JsonArray *array = json_object_get_array_member (obj, member);
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv strv;

  if (array == NULL)
    g_error ("waf.json: no %s", member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);
      g_autofree char *lower = s != NULL ? g_ascii_strdown (s, -1) : NULL;

      /* the inputs are lowered before matching */
      if (s == NULL || *s == '\0' || strcmp (s, lower) != 0)
        g_error ("waf.json: bad %s entry %u", member, i);
      g_strv_builder_add (builder, s);
    }
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return strv;
}

static Signatures *
load_signatures (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Signatures *sigs = g_new0 (Signatures, 1);
  JsonObject *root;
  JsonArray *array;

  bytes = g_resource_lookup_data (cl_get_resource (),
                                  "/net/compliancelayer/ComplianceLayer/waf.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  /* The list is compiled in: failing to read it is a build defect. */
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    g_error ("waf.json: %s", error->message);
  root = json_node_get_object (json_parser_get_root (parser));

  sigs->block_statuses = g_array_new (FALSE, FALSE, sizeof (guint));
  array = json_object_get_array_member (root, "block_statuses");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      guint status = json_array_get_int_element (array, i);

      if (status < 100 || status > 599)
        g_error ("waf.json: bad status %u", status);
      g_array_append_val (sigs->block_statuses, status);
    }
  sigs->block_markers = get_strings (root, "block_markers");

  sigs->products = g_array_new (FALSE, TRUE, sizeof (Product));
  array = json_object_get_array_member (root, "products");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);
      JsonArray *headers = json_object_get_array_member (obj, "headers");
      Product product = { 0 };

      product.name = g_strdup (json_object_get_string_member (obj, "name"));
      product.generic = json_object_get_boolean_member_with_default (obj, "generic", FALSE);
      product.headers = g_ptr_array_new ();
      for (guint j = 0; headers != NULL && j < json_array_get_length (headers); j++)
        {
          JsonArray *pair = json_array_get_array_element (headers, j);
          guint n = pair != NULL ? json_array_get_length (pair) : 0;

          if (n < 1 || n > 2)
            g_error ("waf.json: %s: bad header %u", product.name, j);
          g_ptr_array_add (product.headers, g_ascii_strdown (json_array_get_string_element (pair, 0), -1));
          g_ptr_array_add (product.headers, n == 2 ? g_ascii_strdown (json_array_get_string_element (pair, 1), -1) : NULL);
        }
      product.cookies = get_strings (obj, "cookies");
      product.markers = get_strings (obj, "markers");
      if (product.headers->len == 0 && product.cookies[0] == NULL && product.markers[0] == NULL)
        g_error ("waf.json: %s has no signature", product.name);

      g_array_append_val (sigs->products, product);
    }

  return sigs;
}

static Signatures *
get_signatures (void)
{
  if (g_once_init_enter (&signatures))
    g_once_init_leave (&signatures, load_signatures ());

  return signatures;
}

/* A name of the list matches exactly or, ending in '*', as a prefix;
 * @lower is the server's name in lower case. */
static gboolean
name_matches (const char *pattern,
              const char *lower)
{
  gsize n = strlen (pattern);

  if (n > 0 && pattern[n - 1] == '*')
    return strncmp (pattern, lower, n - 1) == 0;
  return strcmp (pattern, lower) == 0;
}

/* }}} */

/* Judging {{{ */

/* What one product left in the two responses, as evidence ("header
 * cf-ray", "cookie __cf_bm", "block page"): our own names only, never
 * the server's bytes. */
typedef struct
{
  GPtrArray *clues;  /* (element-type utf8) */
} Match;

static void
add_clue (GPtrArray  *clues,
          char       *clue)
{
  if (g_ptr_array_find_with_equal_func (clues, clue, g_str_equal, NULL))
    g_free (clue);
  else
    g_ptr_array_add (clues, clue);
}

/* The cookie's name: a Set-Cookie value up to its '=' (or ';'). */
static char *
cookie_name (const char *set_cookie)
{
  gsize n = strcspn (set_cookie, "=;");

  return g_strstrip (g_ascii_strdown (set_cookie, n));
}

/* @block_page: the lowered body of a blocking answer, or NULL */
static void
match_response (const Product *product,
                ClWafResponse *response,
                const char    *block_page,
                GPtrArray     *clues)
{
  if (response == NULL || response->status == 0)
    return;

  for (guint i = 0; i + 1 < response->headers->len; i += 2)
    {
      g_autofree char *name = g_ascii_strdown (g_ptr_array_index (response->headers, i), -1);
      g_autofree char *value = g_ascii_strdown (g_ptr_array_index (response->headers, i + 1), -1);

      if (strcmp (name, "set-cookie") == 0)
        {
          g_autofree char *cookie = cookie_name (value);

          for (guint j = 0; product->cookies[j] != NULL; j++)
            {
              if (name_matches (product->cookies[j], cookie))
                add_clue (clues, g_strdup_printf (_("cookie %s"), product->cookies[j]));
            }
          continue;
        }

      for (guint j = 0; j + 1 < product->headers->len; j += 2)
        {
          const char *pattern = g_ptr_array_index (product->headers, j);
          const char *needle = g_ptr_array_index (product->headers, j + 1);

          if (name_matches (pattern, name) && (needle == NULL || strstr (value, needle) != NULL))
            add_clue (clues, needle == NULL ? g_strdup_printf (_("header %s"), pattern)
                                            : g_strdup_printf (_("header %s: …%s…"), pattern, needle));
        }
    }

  /* block pages only count on a blocking answer: a page may well talk
   * about the product it runs behind */
  for (guint j = 0; block_page != NULL && product->markers[j] != NULL; j++)
    {
      if (strstr (block_page, product->markers[j]) != NULL)
        add_clue (clues, g_strdup (_("block page")));
    }
}

static gboolean
is_block_status (Signatures *sigs,
                 guint       status)
{
  for (guint i = 0; i < sigs->block_statuses->len; i++)
    {
      if (g_array_index (sigs->block_statuses, guint, i) == status)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_block_marker (Signatures *sigs,
                  const char *block_page)
{
  for (guint i = 0; sigs->block_markers[i] != NULL; i++)
    {
      if (strstr (block_page, sigs->block_markers[i]) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* "Cloudflare (header cf-ray, cookie __cf_bm)" for each product seen,
 * generic ones only when no named one was; NULL when none was. */
static char *
describe_products (Signatures *sigs,
                   ClWafFacts *facts,
                   const char *block_page)
{
  GString *out = g_string_new (NULL);

  for (int pass = 0; pass < 2 && out->len == 0; pass++)
    {
      for (guint i = 0; i < sigs->products->len; i++)
        {
          const Product *product = &g_array_index (sigs->products, Product, i);
          g_autoptr(GPtrArray) clues = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *joined = NULL;

          if (product->generic != (pass == 1))
            continue;

          match_response (product, facts->normal, NULL, clues);
          match_response (product, facts->attack, block_page, clues);
          if (clues->len == 0)
            continue;

          g_ptr_array_add (clues, NULL);
          joined = g_strjoinv (", ", (char **)clues->pdata);
          if (out->len > 0)
            g_string_append (out, "; ");
          g_string_append_printf (out, "%s (%s)", product->name, joined);
        }
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/**
 * _cl_module_waf_judge:
 * @facts: the answers to the home page and to the attack-like request
 * @result: where the findings go
 *
 * A product named by its signatures, or a block page in answer to the
 * attack-like request only, is a WAF or CDN; an attack-like request
 * answered like the home page with no signature is none.  Anything in
 * between (no answer, another status) is a caveat, not a verdict.
 */
void
_cl_module_waf_judge (ClWafFacts     *facts,
                      ClModuleResult *result)
{
  Signatures *sigs = get_signatures ();
  ClWafResponse *normal, *attack;
  g_autofree char *block_page = NULL;
  g_autofree char *products = NULL;
  g_autofree char *reaction = NULL;
  gboolean answered, blocked, same;

  g_return_if_fail (facts != NULL);
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  normal = facts->normal;
  attack = facts->attack;
  if (normal == NULL || normal->status == 0)
    return;

  answered = attack != NULL && attack->status != 0;
  blocked = answered && attack->status != normal->status &&
            is_block_status (sigs, attack->status) && !is_block_status (sigs, normal->status);
  same = answered && attack->status == normal->status;
  if (blocked)
    block_page = g_ascii_strdown (attack->body->str, attack->body->len);
  products = describe_products (sigs, facts, block_page);
  /* a block status without a block page may be the application's own */
  blocked = blocked && (has_block_marker (sigs, block_page) || products != NULL);

  if (blocked)
    reaction = g_strdup_printf (_("the attack-like request was answered %u with a block page, "
                                  "the home page %u"), attack->status, normal->status);
  else if (same)
    reaction = g_strdup_printf (_("the attack-like request was answered %u like the home page"),
                                attack->status);
  else if (answered)
    reaction = g_strdup_printf (_("the attack-like request was answered %u, the home page %u"),
                                attack->status, normal->status);
  else
    reaction = g_strdup (_("the attack-like request got no answer"));

  if (products != NULL || blocked)
    {
      cl_module_result_add (result, "waf.detected", CL_SEVERITY_INFO,
                            _("A web application firewall or CDN is in front of the site"),
                            _("Nothing to do: keep the firewall’s rules up to date and make sure "
                              "the origin server only accepts connections through it."),
                            "%s; %s", products != NULL ? products : _("an unidentified firewall"),
                            reaction);
      return;
    }

  if (same)
    {
      cl_module_result_add (result, "waf.not_detected", CL_SEVERITY_LOW,
                            _("No web application firewall or CDN was detected"),
                            _("Consider a web application firewall (a CDN’s, or ModSecurity with "
                              "the OWASP Core Rule Set) to filter common attacks such as SQL "
                              "injection and cross-site scripting before they reach the site."),
                            _("no known header or cookie; %s"), reaction);
      return;
    }

  /* Another status, or a dropped connection, may be a filter or the
   * application: no verdict. */
  cl_module_result_add_caveat (result, reaction);
}

/* }}} */

/* Fetching {{{ */

typedef struct
{
  ClScanContext *context;
  ClWafFacts    *facts;
  ClWafResponse *response;     /* being read: facts->normal or ->attack */
  SoupMessage   *msg;
  GInputStream  *body;
  char           buffer[8192];
  GCancellable  *cancellable;  /* the request's: the task's or the timer cancel it */
  gulong         cancelled_id;
  guint          timeout_id;
  gboolean       timed_out;
} Run;

static void request (GTask *task, const char *path);

/* The first answer is the home page's, the second the attack-like one's. */
static void
store_response (Run           *run,
                ClWafResponse *response)
{
  if (run->facts->normal == NULL)
    run->facts->normal = response;
  else
    run->facts->attack = response;
}

static void
request_end (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  g_clear_handle_id (&run->timeout_id, g_source_remove);
  if (run->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), run->cancelled_id);
  run->cancelled_id = 0;
  g_clear_object (&run->body);
  g_clear_object (&run->msg);
  g_clear_object (&run->cancellable);
  run->response = NULL;
}

static void
run_free (Run *run)
{
  g_assert (run->timeout_id == 0 && run->cancelled_id == 0);

  g_clear_object (&run->context);
  _cl_waf_facts_free (run->facts);
  g_free (run);
}

static void
finish (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(ClModuleResult) result = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (run->facts->normal->status == 0)
    {
      g_task_return_new_error (task, CL_ERROR, CL_ERROR_UNAVAILABLE,
                               _("The home page of %s did not answer: %s"),
                               run->facts->domain, run->facts->normal->error);
      return;
    }

  result = cl_module_result_new ("waf");
  _cl_module_waf_judge (run->facts, result);
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

/* After a response: the attack-like request, or judge. */
static void
next (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->facts->attack == NULL && run->facts->normal->status != 0 &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    request (task, CL_WAF_ATTACK_PATH);
  else
    finish (task);
}

static void
on_closed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* A body dropped half-way fails to close; the connection goes with it. */
  g_input_stream_close_finish (G_INPUT_STREAM (source), result, NULL);
  request_end (task);
  next (task);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  gssize n;

  /* a read error keeps what came: the status and headers are in */
  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n > 0 && _cl_waf_response_append_body (run->response, run->buffer, n))
    {
      g_input_stream_read_async (run->body, run->buffer, sizeof run->buffer, G_PRIORITY_DEFAULT,
                                 run->cancellable, on_read, g_steal_pointer (&task));
      return;
    }

  /* Closing an unfinished body makes libsoup read it to its end to reuse
   * the connection; cancelling first makes it drop the connection. */
  if (n != 0)
    g_cancellable_cancel (run->cancellable);
  g_input_stream_close_async (run->body, G_PRIORITY_DEFAULT, run->cancellable,
                              on_closed, g_steal_pointer (&task));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  ClWafResponse *response;
  SoupMessageHeadersIter iter;
  const char *name, *value;

  run->body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  uri = g_uri_to_string (soup_message_get_uri (run->msg));

  if (run->body == NULL)
    {
      g_autofree char *message = NULL;

      if (run->timed_out)
        message = g_strdup_printf (_("no complete answer within %u s"),
                                   REQUEST_TIMEOUTS * cl_scan_settings_get_network_timeout (cl_scan_context_get_settings (run->context)));
      else
        message = g_strdup (error->message);
      store_response (run, _cl_waf_response_new_failed (uri, message));
      request_end (task);
      next (task);
      return;
    }

  response = _cl_waf_response_new (uri, soup_message_get_status (run->msg));
  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (run->msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    _cl_waf_response_add_header (response, name, value);
  store_response (run, response);
  run->response = response;

  g_input_stream_read_async (run->body, run->buffer, sizeof run->buffer, G_PRIORITY_DEFAULT,
                             run->cancellable, on_read, g_steal_pointer (&task));
}

static void
cancel_request (GCancellable *parent,
                gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_timeout (gpointer user_data)
{
  Run *run = g_task_get_task_data (G_TASK (user_data));

  run->timeout_id = 0;
  run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
accept_any_certificate (SoupMessage          *msg,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  /* The ssl module judges certificates; what is in front of the site
   * is the same behind a bad one. */
  return TRUE;
}

static void
request (GTask      *task,
         const char *path)
{
  Run *run = g_task_get_task_data (task);
  GCancellable *parent = g_task_get_cancellable (task);
  guint timeout = cl_scan_settings_get_network_timeout (cl_scan_context_get_settings (run->context));
  g_autofree char *url = g_strdup_printf ("https://%s%s", run->facts->domain, path);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;

  if (!(uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error)))
    {
      store_response (run, _cl_waf_response_new_failed (url, error->message));
      finish (task);
      return;
    }

  /* The session's timeout bounds each wait; this timer bounds a server
   * that drips bytes, with room for a busy main loop (as in headers). */
  run->cancellable = g_cancellable_new ();
  run->timed_out = FALSE;
  if (parent != NULL)
    run->cancelled_id = g_cancellable_connect (parent, G_CALLBACK (cancel_request),
                                               run->cancellable, NULL);
  /* The task holds the run; the timer is removed before the run goes. */
  run->timeout_id = g_timeout_add (REQUEST_TIMEOUTS * MAX (timeout, 1) * 1000, on_timeout, task);

  run->msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  /* Both answers as they come: a redirect is compared with a redirect. */
  soup_message_add_flags (run->msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (run->msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  soup_message_headers_replace (soup_message_get_request_headers (run->msg),
                                "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

  soup_session_send_async (cl_scan_context_get_http_session (run->context), run->msg,
                           G_PRIORITY_DEFAULT, run->cancellable, on_sent, g_object_ref (task));
}

static void
cl_module_waf_run_async (ClModule            *module,
                         ClScanContext       *context,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_assert (CL_IS_MODULE_WAF (module));
  g_assert (CL_IS_SCAN_CONTEXT (context));

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_waf_run_async);

  run = g_new0 (Run, 1);
  run->context = g_object_ref (context);
  run->facts = _cl_waf_facts_new (cl_scan_context_get_domain (context));
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  request (task, "/");
}

/* }}} */

/* Every rule the checks above can emit. */
static const char * const rule_ids[] = {
  "waf.detected",
  "waf.not_detected",
  NULL,
};

static void
cl_module_waf_class_init (ClModuleWafClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "waf";
  module_class->rule_ids = rule_ids;
  module_class->run_async = cl_module_waf_run_async;
}

static void
cl_module_waf_init (ClModuleWaf *self)
{
}

ClModule *
cl_module_waf_new (void)
{
  return g_object_new (CL_TYPE_MODULE_WAF, NULL);
}
