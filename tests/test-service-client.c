/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-service-client"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "cl-error.h"
#include "cl-service-client.h"
#include "cl-test-util.h"

/* The remote-service client against a local SoupServer whose paths
 * misbehave in each way a data service can: busy, failing, silent,
 * too big, not JSON. */

#define OK_BODY "{\"ok\": true}"

typedef struct
{
  SoupServer *server;
  char       *base;      /* http://127.0.0.1:PORT */
  GHashTable *hits;      /* path → number of requests */
  GPtrArray  *paused;    /* (element-type SoupServerMessage) never answered */
} Fixture;

static guint
count_hit (Fixture    *fixture,
           const char *path)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->hits, path)) + 1;

  g_hash_table_insert (fixture->hits, g_strdup (path), GUINT_TO_POINTER (n));
  return n;
}

static void
answer (SoupServerMessage *msg,
        guint              status,
        const char        *content_type,
        const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint n = count_hit (fixture, path);

  if (strcmp (path, "/ok") == 0)
    answer (msg, 200, "application/json", OK_BODY);
  else if (strcmp (path, "/rdap") == 0)
    answer (msg, 200, "application/rdap+json", OK_BODY);
  else if (strcmp (path, "/429-once") == 0)
    {
      if (n == 1)
        {
          soup_message_headers_replace (headers, "Retry-After", "1");
          answer (msg, 429, "application/json", "{}");
        }
      else
        answer (msg, 200, "application/json", OK_BODY);
    }
  else if (strcmp (path, "/503-twice") == 0)
    answer (msg, n <= 2 ? 503 : 200, "application/json", n <= 2 ? "{}" : OK_BODY);
  else if (strcmp (path, "/503-always") == 0)
    answer (msg, 503, "text/html", "<h1>down</h1>");
  else if (strcmp (path, "/retry-after-late") == 0)
    {
      soup_message_headers_replace (headers, "Retry-After", "3600");
      answer (msg, 503, "text/html", "<h1>later</h1>");
    }
  else if (strcmp (path, "/silent") == 0)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (fixture->paused, g_object_ref (msg));
    }
  else if (strcmp (path, "/big") == 0 || strcmp (path, "/big-chunked") == 0)
    {
      GString *big = g_string_new ("[");

      for (guint i = 0; i < 1000; i++)
        g_string_append (big, "\"0123456789\",");
      g_string_append (big, "0]");
      answer (msg, 200, "application/json", big->str);
      /* no Content-Length: the cap must hold while reading */
      if (strcmp (path, "/big-chunked") == 0)
        {
          soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
          soup_message_body_complete (soup_server_message_get_response_body (msg));
        }
      g_string_free (big, TRUE);
    }
  else if (strcmp (path, "/html") == 0)
    answer (msg, 200, "text/html", "<!doctype html><p>not JSON");
  else if (strcmp (path, "/broken") == 0)
    answer (msg, 200, "application/json", "{\"ok\": tru");
  else
    answer (msg, 404, "application/json", "{\"errorCode\": 404}");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, handler, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  g_assert_nonnull (uris);
  fixture->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < fixture->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (fixture->paused, i));
  g_ptr_array_unref (fixture->paused);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_hash_table_unref (fixture->hits);
  g_free (fixture->base);
}

static guint
hits (Fixture    *fixture,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->hits, path));
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* GETs @path with @deadline_s seconds to go, and waits for the answer. */
static JsonNode *
get (Fixture       *fixture,
     const char    *path,
     gsize          max_size,
     guint          deadline_s,
     GCancellable  *cancellable,
     GError       **error)
{
  g_autoptr(ClServiceClient) client = cl_service_client_new (NULL, 2);
  g_autofree char *url = g_strconcat (fixture->base, path, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  cl_service_client_get_json_async (client, url, max_size,
                                    g_get_monotonic_time () + (gint64)deadline_s * G_USEC_PER_SEC,
                                    cancellable, on_done, &result);
  cl_test_wait ((gpointer *)&result);

  return cl_service_client_get_json_finish (client, result, error);
}

static void
assert_ok (JsonNode *node)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "ok"));
}

static void
test_ok (Fixture       *fixture,
         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = get (fixture, "/ok", 0, 10, NULL, &error);
  g_autoptr(JsonNode) rdap = NULL;

  g_assert_no_error (error);
  assert_ok (node);
  g_assert_cmpuint (hits (fixture, "/ok"), ==, 1);

  /* RDAP's own media type (RFC 7480 §4.2) is JSON too */
  rdap = get (fixture, "/rdap", 0, 10, NULL, &error);
  g_assert_no_error (error);
  assert_ok (rdap);
}

/* A 429 with Retry-After: 1 is asked again after the pause, once. */
static void
test_429 (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = get (fixture, "/429-once", 0, 20, NULL, &error);

  g_assert_no_error (error);
  assert_ok (node);
  g_assert_cmpuint (hits (fixture, "/429-once"), ==, 2);
}

static void
test_503_then_200 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = get (fixture, "/503-twice", 0, 20, NULL, &error);

  g_assert_no_error (error);
  assert_ok (node);
  g_assert_cmpuint (hits (fixture, "/503-twice"), ==, 3);
}

/* Always 503: retried while the deadline allows (0.5 s, 1 s, 2 s pauses
 * fit in 5 s, a 4 s one no longer), then unavailable. */
static void
test_503_always (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = get (fixture, "/503-always", 0, 5, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (hits (fixture, "/503-always"), >=, 2);
  g_assert_cmpuint (hits (fixture, "/503-always"), <=, 4);
}

/* A Retry-After past the deadline: no second request. */
static void
test_retry_after_late (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = get (fixture, "/retry-after-late", 0, 20, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_cmpuint (hits (fixture, "/retry-after-late"), ==, 1);
}

/* A service that never answers: unavailable by the deadline, not stuck. */
static void
test_silent (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = get (fixture, "/silent", 0, 3, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_cmpuint (hits (fixture, "/silent"), >=, 1);
}

static void
test_oversized (Fixture       *fixture,
                gconstpointer  data)
{
  const char *paths[] = { "/big", "/big-chunked" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = get (fixture, paths[i], 4096, 10, NULL, &error);
      g_autoptr(JsonNode) whole = NULL;

      g_assert_null (node);
      g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, "4096 bytes"));
      g_assert_cmpuint (hits (fixture, paths[i]), ==, 1);
      g_clear_error (&error);

      /* the same answer fits the default cap */
      whole = get (fixture, paths[i], 0, 10, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (json_array_get_length (json_node_get_array (whole)), ==, 1001);
    }
}

static void
test_wrong_content (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *paths[] = { "/html", "/broken" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = get (fixture, paths[i], 0, 10, NULL, &error);

      g_assert_null (node);
      g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
      /* a wrong answer is not retried */
      g_assert_cmpuint (hits (fixture, paths[i]), ==, 1);
    }
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = get (fixture, "/nothing", 0, 10, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
  g_assert_cmpuint (hits (fixture, "/nothing"), ==, 1);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelled during the pause between attempts: the call ends at once
 * with the cancellation, not when the pause is over. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_timeout_add_full (G_PRIORITY_DEFAULT, 200, cancel_soon, g_object_ref (cancellable), g_object_unref);
  node = get (fixture, "/retry-after-late", 0, 7200, cancellable, &error);
  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* One client asked three times at once, before its certificate database
 * is made, and once with a cancellable cancelled meanwhile: each request
 * waits for the database and is then sent, or ends cancelled; a request
 * after that goes at once. */
static void
test_concurrent (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ClServiceClient) client = cl_service_client_new (NULL, 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = g_strconcat (fixture->base, "/ok", NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GAsyncResult *results[5] = { NULL, };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    cl_service_client_get_json_async (client, url, 0, deadline, NULL, on_done, &results[i]);
  cl_service_client_get_json_async (client, url, 0, deadline, cancellable, on_done, &results[3]);
  g_cancellable_cancel (cancellable);
  for (guint i = 0; i < 4; i++)
    cl_test_wait ((gpointer *)&results[i]);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonNode) node = cl_service_client_get_json_finish (client, results[i], &error);

      g_assert_no_error (error);
      assert_ok (node);
    }
  g_assert_null (cl_service_client_get_json_finish (client, results[3], &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (hits (fixture, "/ok"), ==, 3);

  cl_service_client_get_json_async (client, url, 0, deadline, NULL, on_done, &results[4]);
  cl_test_wait ((gpointer *)&results[4]);
  {
    g_autoptr(JsonNode) node = cl_service_client_get_json_finish (client, results[4], &error);

    g_assert_no_error (error);
    assert_ok (node);
  }
  g_assert_cmpuint (hits (fixture, "/ok"), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    g_object_unref (results[i]);
}

static void
test_bad_url (void)
{
  const char *urls[] = { "ftp://example.org/x", "not a url", "https:///path" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(ClServiceClient) client = cl_service_client_new (NULL, 2);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      cl_service_client_get_json_async (client, urls[i], 0, g_get_monotonic_time () + G_USEC_PER_SEC,
                                        NULL, on_done, &result);
      cl_test_wait ((gpointer *)&result);
      node = cl_service_client_get_json_finish (client, result, &error);
      g_assert_null (node);
      g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
    }
}

static void
test_parse_depth (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) ok = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *quoted = "{\"a\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[[\"}";

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  node = cl_service_client_parse_json (deep->str, deep->len, &error);
  g_assert_null (node);
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
  g_clear_error (&error);

  for (guint i = 0; i < 64; i++)
    g_string_append_c (ok, '[');
  for (guint i = 0; i < 64; i++)
    g_string_append_c (ok, ']');
  node = cl_service_client_parse_json (ok->str, ok->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  /* brackets inside strings, and escaped quotes, do not nest */
  node = cl_service_client_parse_json (quoted, strlen (quoted), &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  node = cl_service_client_parse_json ("", 0, &error);
  g_assert_null (node);
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/service-client/ok", test_ok);
  ADD ("/service-client/429", test_429);
  ADD ("/service-client/503-then-200", test_503_then_200);
  ADD ("/service-client/503-always", test_503_always);
  ADD ("/service-client/retry-after-late", test_retry_after_late);
  ADD ("/service-client/silent", test_silent);
  ADD ("/service-client/oversized", test_oversized);
  ADD ("/service-client/wrong-content", test_wrong_content);
  ADD ("/service-client/not-found", test_not_found);
  ADD ("/service-client/cancel", test_cancel);
  ADD ("/service-client/concurrent", test_concurrent);
#undef ADD
  g_test_add_func ("/service-client/bad-url", test_bad_url);
  g_test_add_func ("/service-client/parse-depth", test_parse_depth);

  return g_test_run ();
}
