/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-service-client"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cl-background.h"
#include "cl-error.h"
#include "cl-service-client.h"
#include "cl-trust-database.h"

/* The remote data services a module asks (RDAP, crt.sh, the breach list)
 * are shared and rate-limited: a 429 or a 5xx is retried after a pause
 * that doubles each time (or the pause the service asks for in
 * Retry-After), as long as the caller's deadline allows; a network error
 * is retried the same way.  Their answers are untrusted: the body is
 * capped, its nesting bounded before json-glib's recursive parser sees it.
 *
 * Unlike the scan's session, which must see a site whatever its
 * certificate, this one verifies the service's certificate: against the
 * system's store, then against the CA file of the settings. */

/* The first pause; each retry doubles it, up to MAX_DELAY_MS. */
#define FIRST_DELAY_MS 500
#define MAX_DELAY_MS   8000
/* Never more requests than this for one call, however long the deadline. */
#define MAX_ATTEMPTS   6
/* JSON deeper than this is no service's answer: refuse it rather than let
 * a recursive parser run out of stack. */
#define MAX_DEPTH      64

struct _ClServiceClient
{
  GObject       parent_instance;

  SoupSession  *session;
  char         *ca_file;
  gboolean      database_ready;
  GPtrArray    *waiting;  /* GTask: requests made before it was */
};

G_DEFINE_FINAL_TYPE (ClServiceClient, cl_service_client, G_TYPE_OBJECT)

static void
cl_service_client_finalize (GObject *object)
{
  ClServiceClient *self = (ClServiceClient *)object;

  g_assert (self->waiting == NULL);
  g_clear_object (&self->session);
  g_free (self->ca_file);

  G_OBJECT_CLASS (cl_service_client_parent_class)->finalize (object);
}

static void
cl_service_client_class_init (ClServiceClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cl_service_client_finalize;
}

static void
cl_service_client_init (ClServiceClient *self)
{
}

/**
 * cl_service_client_new:
 * @ca_file: (nullable): PEM certificates trusted besides the system's
 * @network_timeout: the longest one network step may take, in seconds
 *
 * Returns: (transfer full): a client with its own session
 */
ClServiceClient *
cl_service_client_new (const char *ca_file,
                       guint       network_timeout)
{
  ClServiceClient *self;

  g_return_val_if_fail (network_timeout > 0, NULL);

  self = g_object_new (CL_TYPE_SERVICE_CLIENT, NULL);
  self->session = soup_session_new_with_options ("timeout", network_timeout,
                                                 "idle-timeout", network_timeout,
                                                 "user-agent", "ComplianceLayer/" PACKAGE_VERSION,
                                                 NULL);
  /* As the scan's own session: no proxy.  The system's proxy settings
   * would be looked up through GSettings, which a headless run may not
   * have. */
  soup_session_set_proxy_resolver (self->session, NULL);
  self->ca_file = g_strdup (ca_file);

  return self;
}

/* Parsing {{{ */

/* The deepest nesting of arrays and objects, outside strings; stops
 * counting past MAX_DEPTH. */
static guint
json_depth (const char *data,
            gsize       len)
{
  guint depth = 0, deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len && deepest <= MAX_DEPTH; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return deepest;
}

/**
 * cl_service_client_parse_json:
 * @data: an answer's body
 * @len: its length
 * @error: a CL_ERROR_VALIDATION when it is not JSON we accept
 *
 * Parses an untrusted JSON document, refusing nesting deeper than a
 * service's answer ever is.
 *
 * Returns: (transfer full) (nullable): the root node
 */
JsonNode *
cl_service_client_parse_json (const char  *data,
                              gsize        len,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len > G_MAXSSIZE)
    return cl_error_invalid (error, _("The answer is too large")), NULL;
  if (json_depth (data, len) > MAX_DEPTH)
    return cl_error_invalid (error, _("The answer nests deeper than %d levels"), MAX_DEPTH), NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    return cl_error_invalid (error, _("The answer is not JSON: %s"), local_error->message), NULL;

  root = json_parser_get_root (parser);
  if (root == NULL)
    return cl_error_invalid (error, _("The answer is empty")), NULL;

  return json_node_ref (root);
}

/**
 * cl_service_client_json_member:
 * @node: (nullable): any node of an answer
 * @member: a member name
 *
 * Returns: (transfer none) (nullable): @member of @node when @node is
 *   an object that has it
 */
JsonNode *
cl_service_client_json_member (JsonNode   *node,
                               const char *member)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_member (json_node_get_object (node), member);
}

/**
 * cl_service_client_json_string:
 *
 * Returns: (transfer none) (nullable): the string @member of the object
 *   @node, %NULL when either is of another type
 */
const char *
cl_service_client_json_string (JsonNode   *node,
                               const char *member)
{
  JsonNode *value = cl_service_client_json_member (node, member);

  if (value == NULL || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (value);
}

/**
 * cl_service_client_json_array:
 *
 * Returns: (transfer none) (nullable): the array @member of the object
 *   @node, %NULL when either is of another type
 */
JsonArray *
cl_service_client_json_array (JsonNode   *node,
                              const char *member)
{
  JsonNode *value = cl_service_client_json_member (node, member);

  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    return NULL;
  return json_node_get_array (value);
}

/* }}} */

/* Requests {{{ */

typedef struct
{
  ClServiceClient *client;
  GUri            *uri;
  gsize            max_size;
  gint64           deadline;     /* monotonic µs */
  guint            attempts;
  guint            delay_ms;     /* the next pause without Retry-After */
  SoupMessage     *msg;
  GInputStream    *stream;
  GByteArray      *body;
  guint8           buffer[16384];
  GCancellable    *cancellable;  /* this attempt's: the task's or the timer cancel it */
  gulong           cancelled_id;
  guint            timer_id;     /* the attempt's deadline, or the pause */
  GSource         *pause_cancelled; /* during a pause: the task's cancellable */
  gboolean         timed_out;
  char            *last_failure; /* why the last attempt failed */
} Request;

static void attempt (GTask *task);

static void
attempt_end (GTask *task)
{
  Request *req = g_task_get_task_data (task);

  g_clear_handle_id (&req->timer_id, g_source_remove);
  if (req->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), req->cancelled_id);
  req->cancelled_id = 0;
  g_clear_object (&req->stream);
  g_clear_object (&req->msg);
  g_clear_object (&req->cancellable);
  g_clear_pointer (&req->body, g_byte_array_unref);
}

static void
request_free (Request *req)
{
  g_assert (req->timer_id == 0 && req->cancelled_id == 0 && req->pause_cancelled == NULL);

  g_clear_object (&req->client);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_free (req->last_failure);
  g_free (req);
}

static const char *
host_of (Request *req)
{
  return g_uri_get_host (req->uri);
}

static void
fail (GTask      *task,
      ClError     code,
      const char *message)
{
  attempt_end (task);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_new_error (task, CL_ERROR, code, "%s", message);
}

/* The service stays down: the last attempt's reason, with how many. */
static void
fail_unavailable (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  g_autofree char *message = NULL;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The service at %s is unavailable (%u attempt): %s",
                                          "The service at %s is unavailable (%u attempts): %s",
                                          req->attempts),
                             host_of (req), req->attempts, req->last_failure);
  fail (task, CL_ERROR_UNAVAILABLE, message);
}

static void
close_stream_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  /* A body dropped half-way fails to close; the connection goes with it. */
  g_input_stream_close_finish (G_INPUT_STREAM (source), result, NULL);
}

/* Closes the body: cancelled first, libsoup drops the connection instead
 * of reading an unwanted body to its end. */
static void
close_stream (Request  *req,
              gboolean  drop)
{
  if (req->stream == NULL)
    return;
  if (drop)
    g_cancellable_cancel (req->cancellable);
  g_input_stream_close_async (req->stream, G_PRIORITY_DEFAULT, req->cancellable,
                              close_stream_done, NULL);
}

static void
pause_end (Request *req)
{
  g_clear_handle_id (&req->timer_id, g_source_remove);
  if (req->pause_cancelled != NULL)
    g_source_destroy (req->pause_cancelled);
  g_clear_pointer (&req->pause_cancelled, g_source_unref);
}

static gboolean
on_pause_over (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  req->timer_id = 0;
  pause_end (req);
  attempt (task);

  return G_SOURCE_REMOVE;
}

/* Cancelled during a pause: say so now, not when the pause is over. */
static gboolean
on_pause_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  GTask *task = user_data;

  pause_end (g_task_get_task_data (task));
  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

/* Seconds from now that a Retry-After value asks for, or -1. */
static gint64
parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end;
  gint64 seconds;

  if (value == NULL)
    return -1;

  seconds = g_ascii_strtoll (value, &end, 10);
  if (end != value && *end == '\0')
    return seconds >= 0 ? MIN (seconds, G_MAXINT32) : -1;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (when, now) / G_USEC_PER_SEC);
}

/* The attempt failed with @failure; try again after a pause, if the
 * deadline leaves room for one. */
static void
retry_later (GTask      *task,
             char       *failure,
             const char *retry_after)
{
  Request *req = g_task_get_task_data (task);
  gint64 asked = parse_retry_after (retry_after);
  gint64 pause_us;

  g_free (req->last_failure);
  req->last_failure = failure;
  close_stream (req, TRUE);
  attempt_end (task);

  if (g_task_return_error_if_cancelled (task))
    return;

  pause_us = asked >= 0 ? asked * G_USEC_PER_SEC : (gint64)req->delay_ms * 1000;
  req->delay_ms = MIN (req->delay_ms * 2, MAX_DELAY_MS);
  if (req->attempts >= MAX_ATTEMPTS || g_get_monotonic_time () + pause_us >= req->deadline)
    {
      fail_unavailable (task);
      return;
    }

  g_debug ("%s: %s; retrying in %" G_GINT64_FORMAT " ms", host_of (req), failure, pause_us / 1000);
  /* Each source holds the task; whichever comes first removes both. */
  req->timer_id = g_timeout_add_full (G_PRIORITY_DEFAULT, pause_us / 1000, on_pause_over,
                                      g_object_ref (task), g_object_unref);
  if (g_task_get_cancellable (task) != NULL)
    {
      req->pause_cancelled = g_cancellable_source_new (g_task_get_cancellable (task));
      g_source_set_callback (req->pause_cancelled, G_SOURCE_FUNC (on_pause_cancelled),
                             g_object_ref (task), g_object_unref);
      g_source_attach (req->pause_cancelled, NULL);
    }
}

static gboolean
is_json_type (const char *content_type)
{
  /* no type: let the parser judge */
  if (content_type == NULL)
    return TRUE;
  return g_ascii_strcasecmp (content_type, "application/json") == 0 ||
         g_ascii_strcasecmp (content_type, "text/json") == 0 ||
         (g_str_has_prefix (content_type, "application/") &&
          g_str_has_suffix (content_type, "+json"));  /* application/rdap+json */
}

static void
parse_in_thread (GTask        *parse,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GBytes *body = task_data;
  GError *error = NULL;
  JsonNode *root;

  root = cl_service_client_parse_json (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  if (root == NULL)
    g_task_return_error (parse, error);
  else
    g_task_return_pointer (parse, root, (GDestroyNotify)json_node_unref);
}

static void
body_parsed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *message = NULL;

  if (root == NULL)
    {
      message = g_strdup_printf (_("The service at %s answered badly: %s"),
                                 host_of (req), error->message);
      fail (task, CL_ERROR_UNAVAILABLE, message);
      return;
    }

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify)json_node_unref);
}

/* The whole body is in: the attempt is over, and the JSON (a CT log's runs
 * to megabytes) is parsed in a worker, off the thread that runs the scan,
 * which in the app is the main loop. */
static void
finish_body (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  g_autoptr(GTask) parse = g_task_new (NULL, NULL, body_parsed, g_object_ref (task));

  g_task_set_task_data (parse, g_byte_array_free_to_bytes (g_steal_pointer (&req->body)),
                        (GDestroyNotify)g_bytes_unref);
  close_stream (req, FALSE);
  attempt_end (task);
  cl_task_run_in_background (parse, parse_in_thread);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n < 0)
    {
      if (req->timed_out)
        retry_later (task, g_strdup (_("the answer did not arrive in time")), NULL);
      else
        retry_later (task, g_strdup (error->message), NULL);
      return;
    }
  if (n == 0)
    {
      finish_body (task);
      return;
    }

  if (req->body->len + (gsize)n > req->max_size)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The service at %s answered more than %" G_GSIZE_FORMAT " bytes"),
                                 host_of (req), req->max_size);
      close_stream (req, TRUE);
      fail (task, CL_ERROR_UNAVAILABLE, message);
      return;
    }
  g_byte_array_append (req->body, req->buffer, n);

  g_input_stream_read_async (req->stream, req->buffer, sizeof req->buffer, G_PRIORITY_DEFAULT,
                             req->cancellable, on_read, g_steal_pointer (&task));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;
  goffset length;
  guint status;

  req->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (req->stream == NULL)
    {
      if (req->timed_out)
        retry_later (task, g_strdup (_("no answer in time")), NULL);
      else
        retry_later (task, g_strdup (error->message), NULL);
      return;
    }

  status = soup_message_get_status (req->msg);
  headers = soup_message_get_response_headers (req->msg);

  if (status == 429 /* Too Many Requests */ || status >= 500)
    {
      retry_later (task, g_strdup_printf ("%u %s", status, soup_message_get_reason_phrase (req->msg)),
                   soup_message_headers_get_one (headers, "Retry-After"));
      return;
    }

  if (status < 200 || status > 299)
    {
      g_autofree char *message = g_strdup_printf (_("The service at %s answered %u %s"),
                                                  host_of (req), status,
                                                  soup_message_get_reason_phrase (req->msg));

      close_stream (req, TRUE);
      /* RDAP says "no such domain" with a 404 (RFC 7480 §5.3) */
      fail (task, status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE ?
                  CL_ERROR_NOT_FOUND : CL_ERROR_UNAVAILABLE, message);
      return;
    }

  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (!is_json_type (content_type))
    {
      g_autofree char *message = g_strdup_printf (_("The service at %s answered %s, not JSON"),
                                                  host_of (req), content_type);

      close_stream (req, TRUE);
      fail (task, CL_ERROR_UNAVAILABLE, message);
      return;
    }

  length = soup_message_headers_get_content_length (headers);
  if (length > 0 && (guint64)length > req->max_size)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The service at %s answered more than %" G_GSIZE_FORMAT " bytes"),
                                 host_of (req), req->max_size);
      close_stream (req, TRUE);
      fail (task, CL_ERROR_UNAVAILABLE, message);
      return;
    }

  req->body = g_byte_array_new ();
  g_input_stream_read_async (req->stream, req->buffer, sizeof req->buffer, G_PRIORITY_DEFAULT,
                             req->cancellable, on_read, g_steal_pointer (&task));
}

static gboolean
on_deadline (gpointer user_data)
{
  Request *req = g_task_get_task_data (G_TASK (user_data));

  req->timer_id = 0;
  req->timed_out = TRUE;
  g_cancellable_cancel (req->cancellable);

  return G_SOURCE_REMOVE;
}

static void
cancel_attempt (GCancellable *parent,
                gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}


static void
attempt (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  GCancellable *parent = g_task_get_cancellable (task);
  gint64 remaining = req->deadline - g_get_monotonic_time ();

  if (g_task_return_error_if_cancelled (task))
    return;
  if (remaining <= 0)
    {
      if (req->last_failure == NULL)
        req->last_failure = g_strdup (_("no time left"));
      fail_unavailable (task);
      return;
    }

  req->attempts++;
  req->timed_out = FALSE;
  req->cancellable = g_cancellable_new ();
  if (parent != NULL)
    req->cancelled_id = g_cancellable_connect (parent, G_CALLBACK (cancel_attempt),
                                               req->cancellable, NULL);
  /* The session's timeout bounds each wait; this bounds the whole attempt
   * by the caller's deadline. */
  req->timer_id = g_timeout_add (MAX (remaining / 1000, 1), on_deadline, task);

  req->msg = soup_message_new_from_uri (SOUP_METHOD_GET, req->uri);
  soup_message_headers_replace (soup_message_get_request_headers (req->msg),
                                "Accept", "application/json, application/rdap+json;q=0.9");
  soup_session_send_async (req->client->session, req->msg, G_PRIORITY_DEFAULT,
                           req->cancellable, on_sent, g_object_ref (task));
}

/* The certificate database is made in a worker before the first request:
 * it parses the CA file, and the first one made in the process waits for
 * the system's certificates to load, which took ~100 ms on the main loop
 * at the first scan. */
static void
load_database_in_thread (GTask        *task,
                         gpointer      source,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  const char *ca_file = task_data;
  g_autoptr(GError) error = NULL;
  GTlsDatabase *database = cl_trust_database_new (ca_file, &error);

  /* An unreadable file trusts nothing more: a request to a service it
   * vouches for then fails with the certificate error. */
  if (database == NULL)
    {
      g_debug ("CA file %s: %s", ca_file, error->message);
      database = cl_trust_database_new (NULL, NULL);
    }
  g_task_return_pointer (task, database, g_object_unref);
}

static void
database_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ClServiceClient *self = CL_SERVICE_CLIENT (source);
  g_autoptr(GTlsDatabase) database = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  /* without a system database, the session keeps the process default */
  if (database != NULL)
    soup_session_set_tls_database (self->session, database);
  self->database_ready = TRUE;
  for (guint i = 0; i < waiting->len; i++)
    attempt (g_ptr_array_index (waiting, i));
}

static void
attempt_when_ready (ClServiceClient *self,
                    GTask           *task)
{
  g_autoptr(GTask) load = NULL;

  if (self->database_ready)
    {
      attempt (task);
      return;
    }
  if (self->waiting != NULL)
    {
      g_ptr_array_add (self->waiting, g_object_ref (task));
      return;
    }
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiting, g_object_ref (task));
  load = g_task_new (self, NULL, database_loaded, NULL);
  g_task_set_source_tag (load, load_database_in_thread);
  g_task_set_task_data (load, g_strdup (self->ca_file), g_free);
  cl_task_run_in_background (load, load_database_in_thread);
}

/**
 * cl_service_client_get_json_async:
 * @self: a client
 * @url: an http(s) URL
 * @max_size: the most bytes the answer may have, 0 for
 *   %CL_SERVICE_CLIENT_MAX_BODY
 * @deadline: when to give up, in g_get_monotonic_time()'s µs: retries
 *   happen only before it
 * @cancellable: (nullable): a cancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * GETs @url and parses its answer as JSON.  A 429 or 5xx answer, or a
 * failed connection, is retried with a growing pause until @deadline.
 */
void
cl_service_client_get_json_async (ClServiceClient     *self,
                                  const char          *url,
                                  gsize                max_size,
                                  gint64               deadline,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  Request *req;

  g_return_if_fail (CL_IS_SERVICE_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_service_client_get_json_async);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_task_return_new_error (task, CL_ERROR, CL_ERROR_VALIDATION,
                               _("“%s” is not a web address of a service"), url);
      return;
    }

  req = g_new0 (Request, 1);
  req->client = g_object_ref (self);
  req->uri = g_steal_pointer (&uri);
  req->max_size = max_size > 0 ? max_size : CL_SERVICE_CLIENT_MAX_BODY;
  req->deadline = deadline;
  req->delay_ms = FIRST_DELAY_MS;
  g_task_set_task_data (task, req, (GDestroyNotify)request_free);

  attempt_when_ready (self, task);
}

/**
 * cl_service_client_get_json_finish:
 *
 * Returns: (transfer full): the answer's root node, or %NULL with
 *   @error: CL_ERROR_NOT_FOUND for a 404 or 410, CL_ERROR_UNAVAILABLE
 *   when the service stays down, answers too much or not JSON,
 *   CL_ERROR_VALIDATION for a bad URL, G_IO_ERROR_CANCELLED
 */
JsonNode *
cl_service_client_get_json_finish (ClServiceClient  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (CL_IS_SERVICE_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */
