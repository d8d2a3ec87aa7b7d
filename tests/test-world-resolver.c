/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-world-resolver"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cl-error.h"
#include "cl-resolver.h"
#include "cl-test-util.h"

/* ClResolver against the test world (tests/world/run): Knot serves a
 * signed private root, a signed example., signed good/fair/mailonly and an
 * unsigned (insecure) bad.example; CL_WORLD_TRUST_ANCHOR is the root DS. */

/* A query against a server that never answers must end within the
 * resolver's timeout and this much more. */
#define SLACK_SECONDS 2

static ClResolver *
world_resolver (void)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();

  return cl_test_world_resolver (settings);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static ClDnsAnswer *
query (ClResolver  *resolver,
       const char  *name,
       guint16      rrtype,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cl_resolver_query_async (resolver, name, rrtype, NULL, store_result, &result);
  cl_test_wait ((gpointer *)&result);
  return cl_resolver_query_finish (resolver, result, error);
}

static ClDnsAnswer *
query_ok (ClResolver *resolver,
          const char *name,
          guint16     rrtype)
{
  g_autoptr(GError) error = NULL;
  ClDnsAnswer *answer = query (resolver, name, rrtype, &error);

  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpstr (cl_dns_answer_get_qname (answer), ==, name);
  g_assert_cmpuint (cl_dns_answer_get_rrtype (answer), ==, rrtype);
  return answer;
}

static char *
addresses_to_string (GPtrArray *addresses)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *text = g_inet_address_to_string (g_ptr_array_index (addresses, i));

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, text);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_good_address (void)
{
  g_autoptr(ClResolver) resolver = world_resolver ();
  g_autoptr(ClDnsAnswer) a = query_ok (resolver, "good.example", CL_DNS_TYPE_A);
  g_autoptr(ClDnsAnswer) aaaa = query_ok (resolver, "good.example", CL_DNS_TYPE_AAAA);
  g_autoptr(GPtrArray) addresses = cl_dns_answer_get_addresses (a);
  g_autoptr(GPtrArray) none = cl_dns_answer_get_addresses (aaaa);
  g_autofree char *text = addresses_to_string (addresses);

  g_assert_cmpint (cl_dns_answer_get_rcode (a), ==, CL_DNS_RCODE_NOERROR);
  g_assert_true (cl_dns_answer_has_data (a));
  g_assert_cmpstr (text, ==, "127.0.10.1");
  g_assert_true (cl_dns_answer_is_secure (a));
  g_assert_false (cl_dns_answer_is_bogus (a));
  g_assert_null (cl_dns_answer_get_why_bogus (a));

  /* NODATA: the name exists, the type does not; proven by NSEC. */
  g_assert_cmpint (cl_dns_answer_get_rcode (aaaa), ==, CL_DNS_RCODE_NOERROR);
  g_assert_false (cl_dns_answer_has_data (aaaa));
  g_assert_false (cl_dns_answer_is_nxdomain (aaaa));
  g_assert_true (cl_dns_answer_is_secure (aaaa));
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_nxdomain (void)
{
  g_autoptr(ClResolver) resolver = world_resolver ();
  g_autoptr(ClDnsAnswer) answer = query_ok (resolver, "nxdomain.example", CL_DNS_TYPE_A);
  g_autoptr(ClDnsAnswer) below = query_ok (resolver, "nothing.good.example", CL_DNS_TYPE_TXT);

  g_assert_cmpint (cl_dns_answer_get_rcode (answer), ==, CL_DNS_RCODE_NXDOMAIN);
  g_assert_true (cl_dns_answer_is_nxdomain (answer));
  g_assert_false (cl_dns_answer_has_data (answer));
  /* example. is signed: the non-existence is proven. */
  g_assert_true (cl_dns_answer_is_secure (answer));

  g_assert_true (cl_dns_answer_is_nxdomain (below));
  g_assert_true (cl_dns_answer_is_secure (below));
}

static void
test_nodata (void)
{
  g_autoptr(ClResolver) resolver = world_resolver ();
  g_autoptr(ClDnsAnswer) answer = query_ok (resolver, "mailonly.example", CL_DNS_TYPE_A);
  g_autoptr(ClDnsAnswer) mx = query_ok (resolver, "mailonly.example", CL_DNS_TYPE_MX);
  g_autoptr(GPtrArray) exchanges = cl_dns_answer_get_mx (mx);

  g_assert_cmpint (cl_dns_answer_get_rcode (answer), ==, CL_DNS_RCODE_NOERROR);
  g_assert_false (cl_dns_answer_is_nxdomain (answer));
  g_assert_false (cl_dns_answer_has_data (answer));
  g_assert_true (cl_dns_answer_is_secure (answer));

  g_assert_cmpuint (exchanges->len, ==, 1);
  g_assert_cmpstr (((ClDnsMx *)g_ptr_array_index (exchanges, 0))->exchange, ==, "mx.mailonly.example");
}

static void
test_good_mail_records (void)
{
  g_autoptr(ClResolver) resolver = world_resolver ();
  g_autoptr(ClDnsAnswer) mx = query_ok (resolver, "good.example", CL_DNS_TYPE_MX);
  g_autoptr(ClDnsAnswer) txt = query_ok (resolver, "good.example", CL_DNS_TYPE_TXT);
  g_autoptr(ClDnsAnswer) dkim = query_ok (resolver, "default._domainkey.good.example", CL_DNS_TYPE_TXT);
  g_autoptr(ClDnsAnswer) caa = query_ok (resolver, "good.example", CL_DNS_TYPE_CAA);
  g_autoptr(GPtrArray) exchanges = cl_dns_answer_get_mx (mx);
  g_autoptr(GPtrArray) caas = cl_dns_answer_get_caa (caa);
  g_auto(GStrv) texts = cl_dns_answer_get_txt (txt);
  g_auto(GStrv) dkims = cl_dns_answer_get_txt (dkim);
  gboolean saw_issue = FALSE;
  gboolean saw_iodef = FALSE;
  ClDnsMx *first;

  g_assert_true (cl_dns_answer_is_secure (mx));
  g_assert_cmpuint (exchanges->len, ==, 1);
  first = g_ptr_array_index (exchanges, 0);
  g_assert_cmpuint (first->preference, ==, 10);
  g_assert_cmpstr (first->exchange, ==, "mail.good.example");

  g_assert_true (cl_dns_answer_is_secure (txt));
  g_assert_true (g_strv_contains ((const char * const *)texts, "v=spf1 mx -all"));

  /* The DKIM key is split over several character-strings in the zone;
   * the view joins them (RFC 6376 §3.6.2.2). */
  g_assert_cmpuint (g_strv_length (dkims), ==, 1);
  g_assert_true (g_str_has_prefix (dkims[0], "v=DKIM1; k=rsa; p=MIIB"));
  g_assert_true (g_str_has_suffix (dkims[0], "IDAQAB"));
  g_assert_null (strchr (dkims[0], '"'));

  g_assert_true (cl_dns_answer_is_secure (caa));
  g_assert_cmpuint (caas->len, ==, 2);
  for (guint i = 0; i < caas->len; i++)
    {
      ClDnsCaa *record = g_ptr_array_index (caas, i);

      g_assert_cmpuint (record->flags, ==, 0);
      if (g_str_equal (record->tag, "issue"))
        {
          g_assert_cmpstr (record->value, ==, "ca.example");
          saw_issue = TRUE;
        }
      else if (g_str_equal (record->tag, "iodef"))
        {
          g_assert_cmpstr (record->value, ==, "mailto:security@good.example");
          saw_iodef = TRUE;
        }
      else
        g_assert_not_reached ();
    }
  g_assert_true (saw_issue);
  g_assert_true (saw_iodef);
}

static void
test_dnssec_records (void)
{
  g_autoptr(ClResolver) resolver = world_resolver ();
  g_autoptr(ClDnsAnswer) dnskey = query_ok (resolver, "good.example", CL_DNS_TYPE_DNSKEY);
  g_autoptr(ClDnsAnswer) ds = query_ok (resolver, "good.example", CL_DNS_TYPE_DS);
  g_autoptr(ClDnsAnswer) bad_ds = query_ok (resolver, "bad.example", CL_DNS_TYPE_DS);
  g_autoptr(GPtrArray) keys = cl_dns_answer_get_dnskeys (dnskey);
  g_autoptr(GPtrArray) digests = cl_dns_answer_get_ds (ds);
  g_autoptr(GPtrArray) no_digests = cl_dns_answer_get_ds (bad_ds);
  ClDnsKey *key;
  gboolean matched = FALSE;

  /* The world signs with one ECDSA P-256 combined signing key. */
  g_assert_true (cl_dns_answer_is_secure (dnskey));
  g_assert_cmpuint (keys->len, ==, 1);
  key = g_ptr_array_index (keys, 0);
  g_assert_cmpuint (key->flags, ==, 257);
  g_assert_cmpuint (key->protocol, ==, 3);
  g_assert_cmpuint (key->algorithm, ==, 13);
  g_assert_cmpuint (key->key_bits, ==, 256);

  /* The DS in example. names that key by its tag: this checks our key
   * tag computation (RFC 4034 Appendix B) against keymgr's. */
  g_assert_true (cl_dns_answer_is_secure (ds));
  g_assert_cmpuint (digests->len, >=, 1);
  for (guint i = 0; i < digests->len; i++)
    {
      ClDnsDs *record = g_ptr_array_index (digests, i);

      g_assert_cmpuint (record->algorithm, ==, 13);
      if (record->key_tag == key->key_tag && record->digest_type == 2)
        {
          g_assert_cmpuint (strlen (record->digest_hex), ==, 64);
          matched = TRUE;
        }
    }
  g_assert_true (matched);

  /* Insecure delegation: example. proves that bad.example has no DS. */
  g_assert_false (cl_dns_answer_has_data (bad_ds));
  g_assert_true (cl_dns_answer_is_secure (bad_ds));
  g_assert_cmpuint (no_digests->len, ==, 0);
}

static void
test_insecure (void)
{
  g_autoptr(ClResolver) resolver = world_resolver ();
  g_autoptr(ClDnsAnswer) answer = query_ok (resolver, "bad.example", CL_DNS_TYPE_A);
  g_autoptr(ClDnsAnswer) txt = query_ok (resolver, "bad.example", CL_DNS_TYPE_TXT);
  g_autoptr(GPtrArray) addresses = cl_dns_answer_get_addresses (answer);
  g_autofree char *text = addresses_to_string (addresses);
  g_auto(GStrv) texts = cl_dns_answer_get_txt (txt);

  g_assert_cmpstr (text, ==, "127.0.10.3");
  g_assert_false (cl_dns_answer_is_secure (answer));
  g_assert_false (cl_dns_answer_is_bogus (answer));
  g_assert_null (cl_dns_answer_get_why_bogus (answer));

  g_assert_false (cl_dns_answer_is_secure (txt));
  g_assert_false (cl_dns_answer_is_bogus (txt));
  g_assert_true (g_strv_contains ((const char * const *)texts, "v=spf1 +all"));
}

static char *
write_temp_file (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("cl-anchor-XXXXXX.ds", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_bogus (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *anchor = NULL;
  g_autofree char *real = NULL;
  g_autofree char *wrong = NULL;
  g_autoptr(ClResolver) resolver = NULL;
  g_autoptr(ClDnsAnswer) answer = NULL;
  g_autoptr(GList) addresses = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) words = NULL;
  guint n_words;

  /* The world's root DS (its first record, if it has several) with the
   * last digit of its digest changed. */
  g_file_get_contents (g_getenv ("CL_WORLD_TRUST_ANCHOR"), &real, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (real, "\n", -1);
  for (guint i = 0; lines[i] != NULL && words == NULL; i++)
    {
      if (strstr (lines[i], " DS ") != NULL && lines[i][0] != ';')
        words = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
    }
  g_assert_nonnull (words);
  n_words = g_strv_length (words);
  g_assert_cmpuint (n_words, >=, 5);
  {
    char *digest = words[n_words - 1];
    gsize len = strlen (digest);

    digest[len - 1] = digest[len - 1] == '0' ? '1' : '0';
  }
  wrong = g_strjoinv (" ", words);
  g_test_message ("wrong anchor: %s", wrong);
  anchor = write_temp_file (wrong);

  resolver = cl_resolver_new (g_getenv ("CL_WORLD_RESOLVER"), anchor, 2, &error);
  g_assert_no_error (error);

  answer = query_ok (resolver, "good.example", CL_DNS_TYPE_A);
  g_assert_true (cl_dns_answer_is_bogus (answer));
  g_assert_false (cl_dns_answer_is_secure (answer));
  g_assert_nonnull (cl_dns_answer_get_why_bogus (answer));
  g_assert_cmpstr (cl_dns_answer_get_why_bogus (answer), !=, "");
  g_test_message ("why bogus: %s", cl_dns_answer_get_why_bogus (answer));

  /* Connections must not go to an address that failed validation. */
  g_resolver_lookup_by_name_async (G_RESOLVER (resolver), "good.example", NULL,
                                   store_result, &result);
  cl_test_wait ((gpointer *)&result);
  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (resolver), result, &error);
  g_assert_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE);
  g_assert_null (addresses);

  g_unlink (anchor);
}

static void
test_bad_configuration (void)
{
  const char *bad_upstreams[] = { "", "resolver.example", "127.0.0.1@", "127.0.0.1@0",
                                  "127.0.0.1@65536", "127.0.0.1@53x", "1.2.3.4.5", "::1@@53" };
  g_autofree char *no_records = write_temp_file ("; nothing here\nexample. 300 IN A 127.0.0.1\n");
  g_autofree char *bad_digest = write_temp_file (". IN DS 1 13 2 not-hex\n");
  g_autoptr(ClResolver) v6 = NULL;
  g_autoptr(ClResolver) v6_bracket = NULL;
  g_autoptr(GError) v6_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_upstreams); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClResolver) resolver = cl_resolver_new (bad_upstreams[i], NULL, 2, &error);

      g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
      g_assert_null (resolver);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ClResolver) resolver = cl_resolver_new ("127.0.0.53", "/nonexistent/root.ds", 2, &error);

    g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
    g_assert_null (resolver);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ClResolver) resolver = cl_resolver_new ("127.0.0.53", no_records, 2, &error);

    g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
    g_assert_null (resolver);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ClResolver) resolver = cl_resolver_new ("127.0.0.53", bad_digest, 2, &error);

    g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
    g_assert_null (resolver);
  }

  v6 = cl_resolver_new ("::1@5353", NULL, 2, &v6_error);
  g_assert_no_error (v6_error);
  v6_bracket = cl_resolver_new ("[2001:db8::1]@53", NULL, 2, &v6_error);
  g_assert_no_error (v6_error);

  g_unlink (no_records);
  g_unlink (bad_digest);
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClResolver) resolver = NULL;
  g_autoptr(ClDnsAnswer) answer = NULL;
  gint64 start;
  gint64 elapsed;
  const guint timeout = 1;

  /* Nothing listens there, in the world's network namespace. */
  resolver = cl_resolver_new ("127.0.99.99", g_getenv ("CL_WORLD_TRUST_ANCHOR"), timeout, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  answer = query (resolver, "good.example", CL_DNS_TYPE_A, &error);
  elapsed = g_get_monotonic_time () - start;

  g_test_message ("unreachable upstream: %s after %" G_GINT64_FORMAT " ms",
                  error ? error->message : "an answer", elapsed / 1000);
  g_assert_cmpint (elapsed, <, (timeout + SLACK_SECONDS) * G_USEC_PER_SEC);
  if (answer != NULL)
    g_assert_cmpint (cl_dns_answer_get_rcode (answer), ==, CL_DNS_RCODE_SERVFAIL);
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      g_assert_nonnull (strstr (error->message, "good.example"));
    }
}

static void
test_unreachable_sync (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClResolver) resolver = NULL;
  g_autolist(GInetAddress) addresses = NULL;
  gint64 start;
  gint64 elapsed;
  const guint timeout = 1;

  resolver = cl_resolver_new ("127.0.99.99", NULL, timeout, &error);
  g_assert_no_error (error);

  /* The blocking path keeps to the timeout too (libunbound alone would
   * retry for several times as long). */
  start = g_get_monotonic_time ();
  addresses = g_resolver_lookup_by_name (G_RESOLVER (resolver), "good.example", NULL, &error);
  elapsed = g_get_monotonic_time () - start;

  g_test_message ("sync lookup, unreachable upstream: %s after %" G_GINT64_FORMAT " ms",
                  error ? error->message : "addresses", elapsed / 1000);
  g_assert_null (addresses);
  g_assert_nonnull (error);
  if (error->domain == G_IO_ERROR)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  else
    g_assert_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE);
  g_assert_cmpint (elapsed, <, (timeout + SLACK_SECONDS) * G_USEC_PER_SEC);
}

static gpointer
cancel_from_thread (gpointer data)
{
  g_usleep (100 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel_sync (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClResolver) resolver = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autolist(GInetAddress) addresses = NULL;
  g_autoptr(GThread) canceller = NULL;
  gint64 start;

  resolver = cl_resolver_new ("127.0.99.99", NULL, 10, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  canceller = g_thread_new ("canceller", cancel_from_thread, cancellable);
  addresses = g_resolver_lookup_by_name (G_RESOLVER (resolver), "good.example", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (addresses);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_thread_join (g_steal_pointer (&canceller));
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClResolver) resolver = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) precancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(ClDnsAnswer) answer = NULL;
  gint64 start;

  /* A server that never answers, so only the cancellation can end it. */
  resolver = cl_resolver_new ("127.0.99.99", NULL, 10, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  cl_resolver_query_async (resolver, "good.example", CL_DNS_TYPE_TXT, cancellable,
                           store_result, &result);
  g_timeout_add (100, cancel_later, cancellable);
  cl_test_wait ((gpointer *)&result);
  answer = cl_resolver_query_finish (resolver, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (answer);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Already cancelled: fails without asking. */
  g_cancellable_cancel (precancelled);
  cl_resolver_query_async (resolver, "good.example", CL_DNS_TYPE_A, precancelled,
                           store_result, &result2);
  cl_test_wait ((gpointer *)&result2);
  answer = cl_resolver_query_finish (resolver, result2, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (answer);
}

static void
test_cancel_answered (void)
{
  g_autoptr(ClResolver) resolver = world_resolver ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ClDnsAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelling after the answer came changes nothing, and the cancel
   * source of the finished query must be gone (ASan checks). */
  {
    g_autoptr(GAsyncResult) result = NULL;

    cl_resolver_query_async (resolver, "good.example", CL_DNS_TYPE_A, cancellable,
                             store_result, &result);
    cl_test_wait ((gpointer *)&result);
    answer = cl_resolver_query_finish (resolver, result, &error);
    g_assert_no_error (error);
    g_assert_true (cl_dns_answer_has_data (answer));
  }
  g_cancellable_cancel (cancellable);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  guint   n_done;
  guint   n_closed;
} DisposeState;

static void
on_disposed_query (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DisposeState *state = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDnsAnswer) answer = cl_resolver_query_finish (CL_RESOLVER (source), result, &error);

  g_assert_null (answer);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    state->n_closed++;
  state->n_done++;
}

static void
test_dispose_in_flight (void)
{
  g_autoptr(GError) error = NULL;
  ClResolver *resolver;
  DisposeState state = { 0, };
  const guint n = 5;

  resolver = cl_resolver_new ("127.0.99.99", NULL, 10, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("q%u.good.example", i);

      cl_resolver_query_async (resolver, name, CL_DNS_TYPE_A, NULL,
                               on_disposed_query, &state);
    }

  /* Let the queries reach libunbound, then close the resolver under them. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_object_run_dispose (G_OBJECT (resolver));
  g_object_unref (resolver);

  while (state.n_done < n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (state.n_closed, ==, n);
}

static gpointer
query_from_own_context (gpointer data)
{
  ClResolver *resolver = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ClDnsAnswer) answer = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (context);
  cl_resolver_query_async (resolver, "www.good.example", CL_DNS_TYPE_A, NULL,
                           store_result, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  answer = cl_resolver_query_finish (resolver, result, &error);
  g_main_context_pop_thread_default (context);

  g_assert_no_error (error);
  g_assert_true (cl_dns_answer_is_secure (answer));
  addresses = cl_dns_answer_get_addresses (answer);
  text = addresses_to_string (addresses);
  g_assert_cmpstr (text, ==, "127.0.10.1");

  return GINT_TO_POINTER (TRUE);
}

static void
test_query_from_other_context (void)
{
  g_autoptr(ClResolver) resolver = world_resolver ();
  GThread *thread;

  /* The resolver's own context is not iterated while the thread runs
   * (this thread is blocked in the join): the query must not need it. */
  thread = g_thread_new ("query", query_from_own_context, resolver);
  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
}

static void
test_gresolver_async (void)
{
  g_autoptr(ClResolver) resolver = world_resolver ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) v6_result = NULL;
  g_autoptr(GAsyncResult) nx_result = NULL;
  g_autoptr(GAsyncResult) ptr_result = NULL;
  g_autolist(GInetAddress) addresses = NULL;
  g_autolist(GInetAddress) v6 = NULL;
  g_autolist(GInetAddress) nx = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hostname = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_from_string ("127.0.0.1");

  g_resolver_lookup_by_name_async (G_RESOLVER (resolver), "good.example", NULL,
                                   store_result, &result);
  cl_test_wait ((gpointer *)&result);
  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (resolver), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (addresses), ==, 1);
  text = g_inet_address_to_string (addresses->data);
  g_assert_cmpstr (text, ==, "127.0.10.1");

  /* good.example has no AAAA. */
  g_resolver_lookup_by_name_with_flags_async (G_RESOLVER (resolver), "good.example",
                                              G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY,
                                              NULL, store_result, &v6_result);
  cl_test_wait ((gpointer *)&v6_result);
  v6 = g_resolver_lookup_by_name_with_flags_finish (G_RESOLVER (resolver), v6_result, &error);
  g_assert_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_assert_null (v6);
  g_clear_error (&error);

  g_resolver_lookup_by_name_async (G_RESOLVER (resolver), "nxdomain.example", NULL,
                                   store_result, &nx_result);
  cl_test_wait ((gpointer *)&nx_result);
  nx = g_resolver_lookup_by_name_finish (G_RESOLVER (resolver), nx_result, &error);
  g_assert_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_assert_null (nx);
  g_clear_error (&error);

  /* 127.in-addr.arpa is one of libunbound's built-in local zones
   * (RFC 6761 §6.3): 127.0.0.1 is "localhost" without asking anyone. */
  g_resolver_lookup_by_address_async (G_RESOLVER (resolver), loopback, NULL,
                                      store_result, &ptr_result);
  cl_test_wait ((gpointer *)&ptr_result);
  hostname = g_resolver_lookup_by_address_finish (G_RESOLVER (resolver), ptr_result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hostname, ==, "localhost");
}

static void
lookup_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GResolver *resolver = source_object;
  g_autoptr(GError) error = NULL;
  g_autolist(GInetAddress) addresses = NULL;
  g_autolist(GInetAddress) v4 = NULL;
  g_autolist(GInetAddress) mailonly = NULL;
  g_autoptr(GInetAddress) world_address = g_inet_address_new_from_string ("127.0.10.1");
  g_autofree char *hostname = NULL;
  g_autofree char *text = NULL;

  addresses = g_resolver_lookup_by_name (resolver, "good.example", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (addresses), ==, 1);
  text = g_inet_address_to_string (addresses->data);
  g_assert_cmpstr (text, ==, "127.0.10.1");

  v4 = g_resolver_lookup_by_name_with_flags (resolver, "www.good.example",
                                             G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY,
                                             NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (v4), ==, 1);

  /* A name with no address at all. */
  mailonly = g_resolver_lookup_by_name (resolver, "mailonly.example", NULL, &error);
  g_assert_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_assert_null (mailonly);
  g_clear_error (&error);

  /* The world has no reverse zone: 10.0.127.in-addr.arpa is NXDOMAIN. */
  hostname = g_resolver_lookup_by_address (resolver, world_address, NULL, &error);
  g_assert_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_assert_null (hostname);

  g_task_return_boolean (task, TRUE);
}

static void
test_gresolver_sync_in_thread (void)
{
  g_autoptr(ClResolver) resolver = world_resolver ();
  g_autoptr(GTask) task = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* GIO's synchronous GSocketClient resolves from worker threads. */
  task = g_task_new (resolver, NULL, store_result, &result);
  g_task_run_in_thread (task, lookup_in_thread);
  cl_test_wait ((gpointer *)&result);
  g_assert_true (g_task_propagate_boolean (G_TASK (result), &error));
  g_assert_no_error (error);
}

static void
test_default_resolver_connects (void)
{
  g_autoptr(ClResolver) resolver = world_resolver ();
  g_autoptr(GResolver) previous = g_resolver_get_default ();
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Once it is the default, GSocketClient (and so libsoup) resolves
   * through it: good.example exists nowhere but in the world's DNS. */
  g_resolver_set_default (G_RESOLVER (resolver));

  /* No proxy: the default proxy resolver would want GNOME's settings. */
  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, 5);
  g_socket_client_connect_to_host_async (client, "good.example", 80, NULL,
                                         store_result, &result);
  cl_test_wait ((gpointer *)&result);
  connection = g_socket_client_connect_to_host_finish (client, result, &error);
  g_assert_no_error (error);

  remote = g_socket_connection_get_remote_address (connection, &error);
  g_assert_no_error (error);
  text = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  g_assert_cmpstr (text, ==, "127.0.10.1");

  g_resolver_set_default (previous);
}

static void
test_many_parallel (void)
{
  g_autoptr(ClResolver) resolver = world_resolver ();
  const char *names[] = { "good.example", "bad.example", "fair.example", "mailonly.example",
                          "nxdomain.example", "www.good.example", "mail.good.example" };
  GAsyncResult *results[G_N_ELEMENTS (names) * 3] = { NULL, };
  const guint16 types[] = { CL_DNS_TYPE_A, CL_DNS_TYPE_MX, CL_DNS_TYPE_TXT };

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    cl_resolver_query_async (resolver, names[i / 3], types[i % 3], NULL,
                             store_result, &results[i]);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClDnsAnswer) answer = NULL;

      cl_test_wait ((gpointer *)&results[i]);
      answer = cl_resolver_query_finish (resolver, results[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (cl_dns_answer_get_qname (answer), ==, names[i / 3]);
      g_assert_cmpuint (cl_dns_answer_get_rrtype (answer), ==, types[i % 3]);
      g_assert_cmpint (cl_dns_answer_is_nxdomain (answer), ==,
                       g_str_equal (names[i / 3], "nxdomain.example"));
      g_clear_object (&results[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/resolver/world/good-address", test_good_address);
  g_test_add_func ("/resolver/world/nxdomain", test_nxdomain);
  g_test_add_func ("/resolver/world/nodata", test_nodata);
  g_test_add_func ("/resolver/world/good-mail-records", test_good_mail_records);
  g_test_add_func ("/resolver/world/dnssec-records", test_dnssec_records);
  g_test_add_func ("/resolver/world/insecure", test_insecure);
  g_test_add_func ("/resolver/world/bogus", test_bogus);
  g_test_add_func ("/resolver/world/bad-configuration", test_bad_configuration);
  g_test_add_func ("/resolver/world/unreachable", test_unreachable);
  g_test_add_func ("/resolver/world/unreachable-sync", test_unreachable_sync);
  g_test_add_func ("/resolver/world/cancel", test_cancel);
  g_test_add_func ("/resolver/world/cancel-answered", test_cancel_answered);
  g_test_add_func ("/resolver/world/cancel-sync", test_cancel_sync);
  g_test_add_func ("/resolver/world/dispose-in-flight", test_dispose_in_flight);
  g_test_add_func ("/resolver/world/many-parallel", test_many_parallel);
  g_test_add_func ("/resolver/world/query-from-other-context", test_query_from_other_context);
  g_test_add_func ("/resolver/world/gresolver-async", test_gresolver_async);
  g_test_add_func ("/resolver/world/gresolver-sync-in-thread", test_gresolver_sync_in_thread);
  g_test_add_func ("/resolver/world/default-resolver-connects", test_default_resolver_connects);

  return g_test_run ();
}
