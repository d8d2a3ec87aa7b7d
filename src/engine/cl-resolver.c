/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-resolver"
#define _GNU_SOURCE  /* fopencookie */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <unbound.h>

#include "cl-background.h"
#include "cl-error.h"
#include "cl-resolver.h"

/* ClResolver: DNS through one libunbound context.
 *
 * The DNS checks need what the system resolver does not give: the rcode,
 * the raw rdata of any type and the DNSSEC verdict.  libunbound gives all
 * three and validates itself, so a scan does not depend on whether the
 * upstream resolver validates.
 *
 * Asynchronous queries run on libunbound's own worker thread
 * (ub_ctx_async (ctx, 1)); it writes finished answers to a pipe whose read
 * end (ub_fd) we watch from the main context the resolver was made in, and
 * ub_process delivers them there.  Everything about a query in flight
 * (starting it, its timeout, its cancellation, its answer) happens in that
 * main context, so the table of queries in flight needs no lock and a
 * query finishes exactly once: whichever of answer, timeout or
 * cancellation comes first removes it from the table, and ub_cancel
 * guarantees libunbound will not call back for it afterwards.
 *
 * The synchronous GResolver calls may come from any thread (GIO's
 * synchronous GSocketClient calls them from worker threads); they use the
 * blocking ub_resolve, which is thread-safe and does not touch the pipe,
 * on helper threads so that they too end at the timeout. */

#define DNS_CLASS_IN 1
#define TYPE_PTR     12

/* A resolver must never wait for long on an upstream that has gone away:
 * unbound's default backs off up to 120 s per server (infra-cache-max-rtt). */
#define MAX_RTT_MS_FOR(timeout) ((timeout) * 1000u)

/* A trust anchor file is a handful of records; more is not an anchor. */
#define MAX_TRUST_ANCHOR_FILE (1024 * 1024)

#define SYSTEM_ROOT_ANCHOR "/usr/share/dns/root.key"
#define SYSTEM_RESOLV_CONF "/etc/resolv.conf"

struct _ClResolver
{
  GResolver      parent_instance;

  struct ub_ctx *ctx;
  GMainContext  *main_context;
  GSource       *fd_source;
  guint          timeout_seconds;

  /* Queries in flight, and those answered during the current ub_process,
   * both only touched from main_context. */
  GHashTable    *pending;
  GQueue         answered;

  guint          disposed : 1;
};

G_DEFINE_FINAL_TYPE (ClResolver, cl_resolver, G_TYPE_RESOLVER)

static ClDnsAnswer *resolve_sync (ClResolver    *self,
                                  const char    *name,
                                  guint16        rrtype,
                                  GCancellable  *cancellable,
                                  GError       **error);

typedef struct
{
  ClResolver       *self;           /* the task holds the reference */
  GTask            *task;
  char             *name;
  guint16           rrtype;
  int               async_id;
  GSource          *timeout_source;
  GSource          *cancel_source;
  int               err;
  struct ub_result *result;
} Query;

static void
query_free (Query *query)
{
  if (query->timeout_source != NULL)
    {
      g_source_destroy (query->timeout_source);
      g_clear_pointer (&query->timeout_source, g_source_unref);
    }
  if (query->cancel_source != NULL)
    {
      g_source_destroy (query->cancel_source);
      g_clear_pointer (&query->cancel_source, g_source_unref);
    }
  g_clear_pointer (&query->result, ub_resolve_free);
  g_clear_object (&query->task);
  g_free (query->name);
  g_free (query);
}

static char *
rrtype_to_string (guint16 rrtype)
{
  switch (rrtype)
    {
    case CL_DNS_TYPE_A:      return g_strdup ("A");
    case CL_DNS_TYPE_NS:     return g_strdup ("NS");
    case CL_DNS_TYPE_CNAME:  return g_strdup ("CNAME");
    case CL_DNS_TYPE_SOA:    return g_strdup ("SOA");
    case TYPE_PTR:           return g_strdup ("PTR");
    case CL_DNS_TYPE_MX:     return g_strdup ("MX");
    case CL_DNS_TYPE_TXT:    return g_strdup ("TXT");
    case CL_DNS_TYPE_AAAA:   return g_strdup ("AAAA");
    case CL_DNS_TYPE_DS:     return g_strdup ("DS");
    case CL_DNS_TYPE_RRSIG:  return g_strdup ("RRSIG");
    case CL_DNS_TYPE_DNSKEY: return g_strdup ("DNSKEY");
    case CL_DNS_TYPE_CAA:    return g_strdup ("CAA");
    default:                 return g_strdup_printf ("TYPE%u", rrtype);  /* RFC 3597 §5 */
    }
}

static const char *
rcode_to_string (int rcode)
{
  switch (rcode)
    {
    case 0:  return "NOERROR";
    case 1:  return "FORMERR";
    case 2:  return "SERVFAIL";
    case 3:  return "NXDOMAIN";
    case 4:  return "NOTIMP";
    case 5:  return "REFUSED";
    default: return "RCODE?";
    }
}

/* Skips a possibly compressed name (RFC 1035 §4.1.4) at *pos. */
static gboolean
skip_name (const guint8 *packet,
           gsize         len,
           gsize        *pos)
{
  while (*pos < len)
    {
      guint8 label = packet[*pos];

      if ((label & 0xc0) == 0xc0)
        {
          *pos += 2;
          return *pos <= len;
        }
      if ((label & 0xc0) != 0)
        return FALSE;
      *pos += 1 + label;
      if (label == 0)
        return TRUE;
    }

  return FALSE;
}

/* The rdata of ub_result holds only the answer RRset; its signatures are
 * in the answer section of the packet, which libunbound keeps too. */
static void
add_signatures (ClDnsAnswer  *answer,
                const guint8 *packet,
                gsize         len)
{
  guint qdcount, ancount;
  gsize pos = 12;

  if (packet == NULL || len < 12)
    return;

  qdcount = (packet[4] << 8) | packet[5];
  ancount = (packet[6] << 8) | packet[7];

  for (guint i = 0; i < qdcount; i++)
    {
      if (!skip_name (packet, len, &pos) || (pos += 4) > len)
        return;
    }

  for (guint i = 0; i < ancount; i++)
    {
      guint16 type;
      gsize rdlength;

      if (!skip_name (packet, len, &pos) || len - pos < 10)
        return;
      type = (packet[pos] << 8) | packet[pos + 1];
      rdlength = (packet[pos + 8] << 8) | packet[pos + 9];
      pos += 10;
      if (len - pos < rdlength)
        return;
      if (type == CL_DNS_TYPE_RRSIG)
        cl_dns_answer_add_signature (answer, packet + pos, rdlength);
      pos += rdlength;
    }
}

static ClDnsAnswer *
answer_from_result (const struct ub_result *result)
{
  ClDnsAnswer *answer;

  answer = cl_dns_answer_new (result->qname ? result->qname : "",
                              (guint16)result->qtype,
                              result->rcode,
                              result->secure,
                              result->bogus,
                              result->why_bogus);

  /* With havedata the array holds the rdata of the final RRset (after any
   * CNAME chain).  libunbound keeps the data of a bogus answer too (with
   * rcode NOERROR): whoever reads the answer must look at is_bogus. */
  if (result->havedata && result->data != NULL)
    {
      for (guint i = 0; result->data[i] != NULL; i++)
        {
          if (result->len[i] < 0)
            continue;
          cl_dns_answer_add_rdata (answer,
                                   (const guint8 *)result->data[i],
                                   (gsize)result->len[i]);
        }
    }

  if (result->answer_len > 0)
    add_signatures (answer, (const guint8 *)result->answer_packet, (gsize)result->answer_len);

  return answer;
}

/* Finishes @query, which has already left the pending table, with
 * @error or, when @error is NULL, with its libunbound result. */
static void
query_complete (Query  *query,
                GError *error)
{
  if (error != NULL)
    {
      g_task_return_error (query->task, error);
    }
  else if (query->err != 0)
    {
      g_autofree char *type = rrtype_to_string (query->rrtype);

      g_task_return_new_error (query->task, CL_ERROR, CL_ERROR_UNAVAILABLE,
                               _("DNS query for %s %s failed: %s"),
                               query->name, type, ub_strerror (query->err));
    }
  else
    {
      g_task_return_pointer (query->task,
                             answer_from_result (query->result),
                             g_object_unref);
    }

  query_free (query);
}

/* The resolver whose ub_process is running on this thread: libunbound's
 * callback only carries the query, which must not be touched before it
 * is known to be still in flight. */
static GPrivate processing_resolver;

static void
on_ub_result (void             *user_data,
              int               err,
              struct ub_result *result)
{
  ClResolver *self = g_private_get (&processing_resolver);
  Query *query = user_data;

  /* Called from ub_process, in our main context.  Defer completion until
   * ub_process has returned: a task's callback may drop the last
   * reference to the resolver, which must not free the ub_ctx under
   * ub_process's feet. */
  if (self == NULL || !g_hash_table_steal (self->pending, query))
    {
      /* Not ours any more.  libunbound does not call back for a query
       * after ub_cancel, but a result must never be leaked nor a freed
       * query read. */
      g_clear_pointer (&result, ub_resolve_free);
      return;
    }

  query->err = err;
  query->result = result;
  g_queue_push_tail (&self->answered, query);
}

static gboolean
on_ub_fd_ready (int          fd,
                GIOCondition condition,
                gpointer     user_data)
{
  g_autoptr(ClResolver) self = g_object_ref (CL_RESOLVER (user_data));
  Query *query;
  int err;

  g_private_set (&processing_resolver, self);
  err = ub_process (self->ctx);
  g_private_set (&processing_resolver, NULL);

  while ((query = g_queue_pop_head (&self->answered)))
    query_complete (query, NULL);

  if (err != 0)
    {
      /* The pipe from libunbound's worker broke: no answer can come any
       * more.  Stop watching it (it would stay readable for ever); the
       * queries in flight end at their timeout. */
      g_warning ("libunbound stopped answering: %s", ub_strerror (err));
      g_clear_pointer (&self->fd_source, g_source_unref);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Takes @query out of the table and tells libunbound to forget it.
 * Returns FALSE if it already finished. */
static gboolean
query_abandon (Query *query)
{
  ClResolver *self = query->self;

  if (!g_hash_table_steal (self->pending, query))
    return FALSE;

  if (self->ctx != NULL)
    ub_cancel (self->ctx, query->async_id);

  return TRUE;
}

static gboolean
on_query_timeout (gpointer user_data)
{
  Query *query = user_data;
  g_autofree char *type = rrtype_to_string (query->rrtype);
  GError *error;

  g_clear_pointer (&query->timeout_source, g_source_unref);

  if (!query_abandon (query))
    return G_SOURCE_REMOVE;

  error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       _("DNS query for %s %s timed out after %u seconds"),
                       query->name, type, query->self->timeout_seconds);
  query_complete (query, error);

  return G_SOURCE_REMOVE;
}

static gboolean
on_query_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  Query *query = user_data;
  GError *error = NULL;

  g_clear_pointer (&query->cancel_source, g_source_unref);

  if (!query_abandon (query))
    return G_SOURCE_REMOVE;

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  query_complete (query, error);

  return G_SOURCE_REMOVE;
}

/* Runs in the resolver's main context. */
static gboolean
query_start (gpointer user_data)
{
  Query *query = user_data;
  ClResolver *self = query->self;
  GCancellable *cancellable = g_task_get_cancellable (query->task);
  int err;

  if (self->disposed)
    {
      query_complete (query,
                      g_error_new (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                   _("The DNS resolver was closed")));
      return G_SOURCE_REMOVE;
    }

  if (g_cancellable_is_cancelled (cancellable))
    {
      GError *error = NULL;

      g_cancellable_set_error_if_cancelled (cancellable, &error);
      query_complete (query, error);
      return G_SOURCE_REMOVE;
    }

  err = ub_resolve_async (self->ctx, query->name, query->rrtype, DNS_CLASS_IN,
                          query, on_ub_result, &query->async_id);
  if (err != 0)
    {
      g_autofree char *type = rrtype_to_string (query->rrtype);
      int code = err == UB_SYNTAX ? CL_ERROR_VALIDATION : CL_ERROR_INTERNAL;

      query_complete (query,
                      g_error_new (CL_ERROR, code,
                                   _("Could not send the DNS query for %s %s: %s"),
                                   query->name, type, ub_strerror (err)));
      return G_SOURCE_REMOVE;
    }

  g_hash_table_add (self->pending, query);

  query->timeout_source = g_timeout_source_new (self->timeout_seconds * 1000);
  g_source_set_static_name (query->timeout_source, "[cl] DNS query timeout");
  g_source_set_callback (query->timeout_source, on_query_timeout, query, NULL);
  g_source_attach (query->timeout_source, self->main_context);

  if (cancellable != NULL)
    {
      query->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_static_name (query->cancel_source, "[cl] DNS query cancelled");
      g_source_set_callback (query->cancel_source,
                             G_SOURCE_FUNC (on_query_cancelled), query, NULL);
      g_source_attach (query->cancel_source, self->main_context);
    }

  return G_SOURCE_REMOVE;
}

typedef struct
{
  char    *name;
  guint16  rrtype;
} ThreadQuery;

static void
thread_query_free (ThreadQuery *thread_query)
{
  g_free (thread_query->name);
  g_free (thread_query);
}

static void
query_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ThreadQuery *thread_query = task_data;
  GError *error = NULL;
  ClDnsAnswer *answer;

  answer = resolve_sync (source_object, thread_query->name, thread_query->rrtype,
                         cancellable, &error);
  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, answer, g_object_unref);
}

/**
 * cl_resolver_query_async:
 * @self: a #ClResolver
 * @name: the domain name to ask about
 * @rrtype: the RR type, e.g. %CL_DNS_TYPE_TXT
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Asks for the @rrtype records of @name (class IN).  The query fails
 * with %G_IO_ERROR_TIMED_OUT after the resolver's timeout, or
 * %G_IO_ERROR_CANCELLED.  An answer with an error rcode (NXDOMAIN,
 * SERVFAIL) or that failed DNSSEC validation is still an answer.
 *
 * From the main context the resolver was created in (the usual case),
 * the query runs on libunbound's worker and is answered through that
 * context, which must be running.  From any other thread-default context
 * it runs as a blocking query on a thread of its own.
 */
void
cl_resolver_query_async (ClResolver          *self,
                         const char          *name,
                         guint16              rrtype,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GMainContext *current;
  Query *query;

  g_return_if_fail (CL_IS_RESOLVER (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  current = g_main_context_get_thread_default ();
  if (current == NULL)
    current = g_main_context_default ();

  if (current != self->main_context)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
      ThreadQuery *thread_query = g_new0 (ThreadQuery, 1);

      /* A caller iterating a main context of its own (a worker thread)
       * cannot count on the resolver's context being run for it: ask
       * with the blocking call on a thread, which keeps the same timeout
       * and honours the cancellable. */
      g_task_set_source_tag (task, cl_resolver_query_async);
      thread_query->name = g_strdup (name);
      thread_query->rrtype = rrtype;
      g_task_set_task_data (task, thread_query, (GDestroyNotify)thread_query_free);
      cl_task_run_in_background (task, query_in_thread);
      return;
    }

  query = g_new0 (Query, 1);
  query->self = self;
  query->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (query->task, cl_resolver_query_async);
  query->name = g_strdup (name);
  query->rrtype = rrtype;

  /* Runs query_start right away unless another thread is iterating the
   * context (a worker thread without a context of its own shares the
   * global default one): then it runs there, at the next iteration. */
  g_main_context_invoke (self->main_context, query_start, query);
}

/**
 * cl_resolver_query_finish:
 *
 * Returns: (transfer full): the answer, or %NULL with @error set when no
 *   answer came (timeout, cancellation, network failure)
 */
ClDnsAnswer *
cl_resolver_query_finish (ClResolver    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (CL_IS_RESOLVER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cl_resolver_query_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GResolver */

/* The error GResolver's callers expect when @answer holds no address. */
static GError *
address_error (const char  *hostname,
               ClDnsAnswer *answer)
{
  if (cl_dns_answer_is_bogus (answer))
    return g_error_new (G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE,
                        _("Could not resolve “%s”: DNSSEC validation failed (%s)"),
                        hostname,
                        cl_dns_answer_get_why_bogus (answer) ?
                          cl_dns_answer_get_why_bogus (answer) : _("no reason given"));

  switch (cl_dns_answer_get_rcode (answer))
    {
    case CL_DNS_RCODE_NXDOMAIN:
      return g_error_new (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                          _("Could not resolve “%s”: no such name"), hostname);
    case CL_DNS_RCODE_NOERROR:
      return g_error_new (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                          _("Could not resolve “%s”: it has no address"), hostname);
    default:
      return g_error_new (G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE,
                          _("Could not resolve “%s”: the DNS server answered %s"),
                          hostname, rcode_to_string (cl_dns_answer_get_rcode (answer)));
    }
}

/* Puts the A answer's addresses before the AAAA answer's, as GResolver
 * callers (GSocketClient tries them in order) expect for an IPv4-first
 * scan.  Steals the first error if there is no address at all: a name
 * that exists without addresses is NOT_FOUND, other failures win over it. */
static GList *
collect_addresses (const char   *hostname,
                   ClDnsAnswer  *a,
                   GError      **a_error,
                   ClDnsAnswer  *aaaa,
                   GError      **aaaa_error,
                   GError      **error)
{
  ClDnsAnswer *answers[2] = { a, aaaa };
  GError **errors[2] = { a_error, aaaa_error };
  GList *ret = NULL;
  GError *first_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GPtrArray) addresses = NULL;

      /* A validating stub refuses bogus data (RFC 4035 §5.5): we must not
       * connect to an address an attacker may have put there. */
      if (answers[i] == NULL || cl_dns_answer_is_bogus (answers[i]))
        continue;

      addresses = cl_dns_answer_get_addresses (answers[i]);
      for (guint j = 0; j < addresses->len; j++)
        ret = g_list_prepend (ret, g_object_ref (g_ptr_array_index (addresses, j)));
    }

  if (ret != NULL)
    return g_list_reverse (ret);

  /* No address: explain why, preferring a failure over "no such name"
   * or "no address" (an AAAA that timed out says more than an empty A). */
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      if (errors[i] != NULL && *errors[i] != NULL)
        {
          g_propagate_error (error, g_steal_pointer (errors[i]));
          return NULL;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      GError *e;

      if (answers[i] == NULL)
        continue;

      e = address_error (hostname, answers[i]);
      if (first_error == NULL ||
          (first_error->code == G_RESOLVER_ERROR_NOT_FOUND &&
           e->code != G_RESOLVER_ERROR_NOT_FOUND))
        {
          g_clear_error (&first_error);
          first_error = e;
        }
      else
        g_error_free (e);
    }

  if (first_error == NULL)
    first_error = g_error_new (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                               _("Could not resolve “%s”: it has no address"), hostname);

  g_propagate_error (error, first_error);
  return NULL;
}

/* The synchronous GResolver calls.  ub_resolve blocks for as long as
 * libunbound keeps retrying, which with a dead upstream is several times
 * our timeout, and cannot be interrupted.  So each query blocks on a
 * helper thread, and the caller waits for the answers only until the
 * deadline or a cancellation; a query that is given up on finishes (and
 * is freed) on its thread, which holds a reference on the resolver so
 * that the ub_ctx outlives it. */

#define MAX_SYNC_QUERIES 2

typedef struct
{
  gatomicrefcount   ref;
  ClResolver       *self;
  GMutex            mutex;
  GCond             cond;
  gboolean          cancelled;
  guint             n_queries;
  struct
  {
    char             *name;
    guint16           rrtype;
    gboolean          done;
    int               err;
    struct ub_result *result;
  } queries[MAX_SYNC_QUERIES];
} SyncLookup;

typedef struct
{
  SyncLookup *lookup;
  guint       index;
} SyncQuery;

static SyncLookup *
sync_lookup_new (ClResolver *self)
{
  SyncLookup *lookup = g_new0 (SyncLookup, 1);

  g_atomic_ref_count_init (&lookup->ref);
  lookup->self = g_object_ref (self);
  g_mutex_init (&lookup->mutex);
  g_cond_init (&lookup->cond);

  return lookup;
}

static void
sync_lookup_unref (SyncLookup *lookup)
{
  if (!g_atomic_ref_count_dec (&lookup->ref))
    return;

  for (guint i = 0; i < lookup->n_queries; i++)
    {
      g_free (lookup->queries[i].name);
      g_clear_pointer (&lookup->queries[i].result, ub_resolve_free);
    }
  g_mutex_clear (&lookup->mutex);
  g_cond_clear (&lookup->cond);
  /* May be the last reference, and so finalize the resolver on this
   * thread: nothing of it is bound to its main context's thread. */
  g_object_unref (lookup->self);
  g_free (lookup);
}

static void
sync_lookup_add (SyncLookup *lookup,
                 const char *name,
                 guint16     rrtype)
{
  g_assert (lookup->n_queries < MAX_SYNC_QUERIES);

  lookup->queries[lookup->n_queries].name = g_strdup (name);
  lookup->queries[lookup->n_queries].rrtype = rrtype;
  lookup->n_queries++;
}

static gpointer
sync_query_thread (gpointer data)
{
  SyncQuery *query = data;
  SyncLookup *lookup = query->lookup;
  struct ub_result *result = NULL;
  int err;

  err = ub_resolve (lookup->self->ctx,
                    lookup->queries[query->index].name,
                    lookup->queries[query->index].rrtype,
                    DNS_CLASS_IN, &result);

  g_mutex_lock (&lookup->mutex);
  lookup->queries[query->index].done = TRUE;
  lookup->queries[query->index].err = err;
  lookup->queries[query->index].result = result;
  g_cond_broadcast (&lookup->cond);
  g_mutex_unlock (&lookup->mutex);

  sync_lookup_unref (lookup);
  g_free (query);

  return NULL;
}

static void
on_sync_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  SyncLookup *lookup = user_data;

  g_mutex_lock (&lookup->mutex);
  lookup->cancelled = TRUE;
  g_cond_broadcast (&lookup->cond);
  g_mutex_unlock (&lookup->mutex);
}

static gboolean
sync_lookup_all_done (SyncLookup *lookup)
{
  for (guint i = 0; i < lookup->n_queries; i++)
    if (!lookup->queries[i].done)
      return FALSE;
  return TRUE;
}

/* Runs the queries of @lookup at once and waits for them.  Fills
 * @answers[i] or @errors[i] for each. */
static void
sync_lookup_run (SyncLookup    *lookup,
                 GCancellable  *cancellable,
                 ClDnsAnswer  **answers,
                 GError       **errors)
{
  ClResolver *self = lookup->self;
  gint64 deadline;
  gulong handler = 0;

  for (guint i = 0; i < lookup->n_queries; i++)
    {
      SyncQuery *query = g_new0 (SyncQuery, 1);
      g_autoptr(GThread) thread = NULL;

      query->lookup = lookup;
      query->index = i;
      g_atomic_ref_count_inc (&lookup->ref);

      if (!(thread = g_thread_try_new ("cl-resolver-sync", sync_query_thread, query, NULL)))
        sync_query_thread (query);  /* no thread: block right here */
    }

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_sync_cancelled), lookup, NULL);

  deadline = g_get_monotonic_time () + (gint64)self->timeout_seconds * G_USEC_PER_SEC;

  g_mutex_lock (&lookup->mutex);
  while (!sync_lookup_all_done (lookup) && !lookup->cancelled)
    {
      if (!g_cond_wait_until (&lookup->cond, &lookup->mutex, deadline))
        break;
    }

  for (guint i = 0; i < lookup->n_queries; i++)
    {
      g_autofree char *type = rrtype_to_string (lookup->queries[i].rrtype);
      const char *name = lookup->queries[i].name;

      if (lookup->cancelled)
        g_set_error (&errors[i], G_IO_ERROR, G_IO_ERROR_CANCELLED,
                     _("DNS query for %s %s was cancelled"), name, type);
      else if (!lookup->queries[i].done)
        g_set_error (&errors[i], G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                     _("DNS query for %s %s timed out after %u seconds"),
                     name, type, self->timeout_seconds);
      else if (lookup->queries[i].err != 0)
        g_set_error (&errors[i], G_RESOLVER_ERROR, G_RESOLVER_ERROR_INTERNAL,
                     _("DNS query for %s %s failed: %s"),
                     name, type, ub_strerror (lookup->queries[i].err));
      else
        answers[i] = answer_from_result (lookup->queries[i].result);
    }
  g_mutex_unlock (&lookup->mutex);

  /* Outside the lock: disconnecting waits for a handler running on
   * another thread, and the handler takes the lock. */
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
}

static ClDnsAnswer *
resolve_sync (ClResolver    *self,
              const char    *name,
              guint16        rrtype,
              GCancellable  *cancellable,
              GError       **error)
{
  SyncLookup *lookup;
  ClDnsAnswer *answer = NULL;
  GError *local_error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  lookup = sync_lookup_new (self);
  sync_lookup_add (lookup, name, rrtype);
  sync_lookup_run (lookup, cancellable, &answer, &local_error);
  sync_lookup_unref (lookup);

  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return answer;
}

static GList *
cl_resolver_lookup_by_name_with_flags (GResolver                 *resolver,
                                       const char                *hostname,
                                       GResolverNameLookupFlags   flags,
                                       GCancellable              *cancellable,
                                       GError                   **error)
{
  ClResolver *self = CL_RESOLVER (resolver);
  ClDnsAnswer *answers[MAX_SYNC_QUERIES] = { NULL, };
  GError *errors[MAX_SYNC_QUERIES] = { NULL, };
  g_autoptr(ClDnsAnswer) a = NULL;
  g_autoptr(ClDnsAnswer) aaaa = NULL;
  g_autoptr(GError) a_error = NULL;
  g_autoptr(GError) aaaa_error = NULL;
  gboolean want_a = !(flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY);
  gboolean want_aaaa = !(flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY);
  SyncLookup *lookup;
  guint n = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* A and AAAA at once, so the lookup takes one round trip (or one
   * timeout), as the asynchronous one does. */
  lookup = sync_lookup_new (self);
  if (want_a)
    sync_lookup_add (lookup, hostname, CL_DNS_TYPE_A);
  if (want_aaaa)
    sync_lookup_add (lookup, hostname, CL_DNS_TYPE_AAAA);
  sync_lookup_run (lookup, cancellable, answers, errors);
  sync_lookup_unref (lookup);

  if (want_a)
    {
      a = answers[n];
      a_error = errors[n];
      n++;
    }
  if (want_aaaa)
    {
      aaaa = answers[n];
      aaaa_error = errors[n];
      n++;
    }

  if (g_error_matches (a_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&a_error));
      return NULL;
    }
  if (g_error_matches (aaaa_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&aaaa_error));
      return NULL;
    }

  return collect_addresses (hostname, a, &a_error, aaaa, &aaaa_error, error);
}

static GList *
cl_resolver_lookup_by_name (GResolver     *resolver,
                            const char    *hostname,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return cl_resolver_lookup_by_name_with_flags (resolver, hostname,
                                                G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                                cancellable, error);
}

typedef struct
{
  char        *hostname;
  guint        outstanding;
  ClDnsAnswer *a;
  GError      *a_error;
  ClDnsAnswer *aaaa;
  GError      *aaaa_error;
} NameLookup;

static void
name_lookup_free (NameLookup *lookup)
{
  g_free (lookup->hostname);
  g_clear_object (&lookup->a);
  g_clear_error (&lookup->a_error);
  g_clear_object (&lookup->aaaa);
  g_clear_error (&lookup->aaaa_error);
  g_free (lookup);
}

static void
name_lookup_finish_one (GTask        *task,
                        ClDnsAnswer **answer,
                        GError      **answer_error,
                        GAsyncResult *result)
{
  ClResolver *self = g_task_get_source_object (task);
  NameLookup *lookup = g_task_get_task_data (task);
  GError *error = NULL;
  GList *addresses;

  *answer = cl_resolver_query_finish (self, result, answer_error);

  if (--lookup->outstanding > 0)
    return;

  /* Cancellation wins over any partial result. */
  if (g_task_return_error_if_cancelled (task))
    return;

  addresses = collect_addresses (lookup->hostname,
                                 lookup->a, &lookup->a_error,
                                 lookup->aaaa, &lookup->aaaa_error,
                                 &error);
  if (addresses == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, addresses, (GDestroyNotify)g_resolver_free_addresses);
}

static void
on_a_answered (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NameLookup *lookup = g_task_get_task_data (task);

  name_lookup_finish_one (task, &lookup->a, &lookup->a_error, result);
}

static void
on_aaaa_answered (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NameLookup *lookup = g_task_get_task_data (task);

  name_lookup_finish_one (task, &lookup->aaaa, &lookup->aaaa_error, result);
}

static void
cl_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                             const char               *hostname,
                                             GResolverNameLookupFlags  flags,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data)
{
  ClResolver *self = CL_RESOLVER (resolver);
  g_autoptr(GTask) task = NULL;
  NameLookup *lookup;
  gboolean want_a = !(flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY);
  gboolean want_aaaa = !(flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_resolver_lookup_by_name_with_flags_async);

  lookup = g_new0 (NameLookup, 1);
  lookup->hostname = g_strdup (hostname);
  lookup->outstanding = (want_a ? 1 : 0) + (want_aaaa ? 1 : 0);
  g_task_set_task_data (task, lookup, (GDestroyNotify)name_lookup_free);

  /* Both flags at once make no sense; GLib rejects it before us. */
  if (lookup->outstanding == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Could not resolve “%s”: no address family allowed"),
                               hostname);
      return;
    }

  /* Both queries go out at once, so a lookup takes one round trip. */
  if (want_a)
    cl_resolver_query_async (self, hostname, CL_DNS_TYPE_A, cancellable,
                             on_a_answered, g_object_ref (task));
  if (want_aaaa)
    cl_resolver_query_async (self, hostname, CL_DNS_TYPE_AAAA, cancellable,
                             on_aaaa_answered, g_object_ref (task));
}

static GList *
cl_resolver_lookup_by_name_with_flags_finish (GResolver     *resolver,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cl_resolver_lookup_by_name_async (GResolver           *resolver,
                                  const char          *hostname,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  cl_resolver_lookup_by_name_with_flags_async (resolver, hostname,
                                               G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                               cancellable, callback, user_data);
}

/* RFC 1035 §3.5 (in-addr.arpa) and RFC 3596 §2.5 (ip6.arpa). */
static char *
reverse_name (GInetAddress *address)
{
  const guint8 *bytes = g_inet_address_to_bytes (address);
  GString *name = g_string_new (NULL);

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    {
      for (int i = 3; i >= 0; i--)
        g_string_append_printf (name, "%u.", bytes[i]);
      g_string_append (name, "in-addr.arpa");
    }
  else
    {
      for (int i = 15; i >= 0; i--)
        g_string_append_printf (name, "%x.%x.", bytes[i] & 0xF, bytes[i] >> 4);
      g_string_append (name, "ip6.arpa");
    }

  return g_string_free (name, FALSE);
}

static char *
hostname_from_ptr (GInetAddress  *address,
                   ClDnsAnswer   *answer,
                   GError       **error)
{
  g_auto(GStrv) names = cl_dns_answer_get_names (answer);
  g_autofree char *text = g_inet_address_to_string (address);

  if (names[0] != NULL)
    return g_strdup (names[0]);

  if (cl_dns_answer_get_rcode (answer) == CL_DNS_RCODE_NOERROR ||
      cl_dns_answer_get_rcode (answer) == CL_DNS_RCODE_NXDOMAIN)
    g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                 _("No name is registered for the address %s"), text);
  else
    g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE,
                 _("Could not look up the name of %s: the DNS server answered %s"),
                 text, rcode_to_string (cl_dns_answer_get_rcode (answer)));
  return NULL;
}

static char *
cl_resolver_lookup_by_address (GResolver     *resolver,
                               GInetAddress  *address,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autofree char *name = reverse_name (address);
  g_autoptr(ClDnsAnswer) answer = NULL;

  if (!(answer = resolve_sync (CL_RESOLVER (resolver), name, TYPE_PTR, cancellable, error)))
    return NULL;

  return hostname_from_ptr (address, answer, error);
}

static void
on_ptr_answered (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(ClDnsAnswer) answer = NULL;
  GError *error = NULL;
  char *hostname;

  if (!(answer = cl_resolver_query_finish (CL_RESOLVER (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!(hostname = hostname_from_ptr (g_task_get_task_data (task), answer, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hostname, g_free);
}

static void
cl_resolver_lookup_by_address_async (GResolver           *resolver,
                                     GInetAddress        *address,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *name = reverse_name (address);
  GTask *task;

  task = g_task_new (resolver, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_resolver_lookup_by_address_async);
  g_task_set_task_data (task, g_object_ref (address), g_object_unref);

  cl_resolver_query_async (CL_RESOLVER (resolver), name, TYPE_PTR, cancellable,
                           on_ptr_answered, task);
}

static char *
cl_resolver_lookup_by_address_finish (GResolver     *resolver,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Service and record lookups (g_resolver_lookup_records/_service) are not
 * something the scanner goes through GResolver for: modules ask for
 * records with cl_resolver_query_async. */
static GList *
cl_resolver_lookup_records (GResolver            *resolver,
                            const char           *rrname,
                            GResolverRecordType   record_type,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("Record lookups through GResolver are not supported; use cl_resolver_query_async()"));
  return NULL;
}

static void
cl_resolver_lookup_records_async (GResolver           *resolver,
                                  const char          *rrname,
                                  GResolverRecordType  record_type,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_set_source_tag (task, cl_resolver_lookup_records_async);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Record lookups through GResolver are not supported; use cl_resolver_query_async()"));
}

static GList *
cl_resolver_lookup_records_finish (GResolver     *resolver,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cl_resolver_dispose (GObject *object)
{
  ClResolver *self = (ClResolver *)object;

  if (!self->disposed)
    {
      GHashTableIter iter;
      GList *abandoned = NULL;
      Query *query;

      /* From here no query starts and libunbound calls nothing back. */
      self->disposed = TRUE;

      if (self->fd_source != NULL)
        {
          g_source_destroy (self->fd_source);
          g_clear_pointer (&self->fd_source, g_source_unref);
        }

      /* Only reached with queries in flight through g_object_run_dispose():
       * each query's task holds a reference.  Finish them so that none
       * leaks and none waits for an answer that cannot come any more. */
      g_hash_table_iter_init (&iter, self->pending);
      while (g_hash_table_iter_next (&iter, (gpointer *)&query, NULL))
        {
          if (self->ctx != NULL)
            ub_cancel (self->ctx, query->async_id);
          abandoned = g_list_prepend (abandoned, query);
          g_hash_table_iter_steal (&iter);
        }
      while ((query = g_queue_pop_head (&self->answered)))
        abandoned = g_list_prepend (abandoned, query);

      for (GList *l = abandoned; l != NULL; l = l->next)
        query_complete (l->data,
                        g_error_new (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                     _("The DNS resolver was closed")));
      g_list_free (abandoned);
    }

  G_OBJECT_CLASS (cl_resolver_parent_class)->dispose (object);
}

static void
cl_resolver_finalize (GObject *object)
{
  ClResolver *self = (ClResolver *)object;

  g_assert (g_hash_table_size (self->pending) == 0);

  /* Stops libunbound's worker thread and frees any query it still has. */
  g_clear_pointer (&self->ctx, ub_ctx_delete);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);

  G_OBJECT_CLASS (cl_resolver_parent_class)->finalize (object);
}

static void
cl_resolver_class_init (ClResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  object_class->dispose = cl_resolver_dispose;
  object_class->finalize = cl_resolver_finalize;

  resolver_class->lookup_by_name = cl_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = cl_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = cl_resolver_lookup_by_name_with_flags_finish;
  resolver_class->lookup_by_name_with_flags = cl_resolver_lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = cl_resolver_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = cl_resolver_lookup_by_name_with_flags_finish;
  resolver_class->lookup_by_address = cl_resolver_lookup_by_address;
  resolver_class->lookup_by_address_async = cl_resolver_lookup_by_address_async;
  resolver_class->lookup_by_address_finish = cl_resolver_lookup_by_address_finish;
  resolver_class->lookup_records = cl_resolver_lookup_records;
  resolver_class->lookup_records_async = cl_resolver_lookup_records_async;
  resolver_class->lookup_records_finish = cl_resolver_lookup_records_finish;
}

static void
cl_resolver_init (ClResolver *self)
{
  self->pending = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->answered);
}

/* "ADDRESS" or "ADDRESS@PORT", IPv4 or IPv6, as unbound's forward-addr
 * takes it.  Returns the canonical form, or NULL. */
static char *
parse_upstream (const char *upstream)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *host = NULL;
  g_autofree char *text = NULL;
  const char *at = strrchr (upstream, '@');
  guint64 port = 53;

  if (at != NULL)
    {
      const char *p = at + 1;

      if (*p == '\0' || strlen (p) > 5)
        return NULL;
      for (const char *c = p; *c; c++)
        if (!g_ascii_isdigit (*c))
          return NULL;
      port = g_ascii_strtoull (p, NULL, 10);
      if (port == 0 || port > 65535)
        return NULL;
      host = g_strndup (upstream, at - upstream);
    }
  else
    host = g_strdup (upstream);

  /* Allow "[2001:db8::1]@53", the way IPv6 addresses are often written
   * next to a port. */
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    {
      char *inner = g_strndup (host + 1, strlen (host) - 2);

      g_free (host);
      host = inner;
    }

  if (!(address = g_inet_address_new_from_string (host)))
    return NULL;

  text = g_inet_address_to_string (address);
  return g_strdup_printf ("%s@%u", text, (guint)port);
}

/* resolv.conf with at least one nameserver.  libunbound turns a
 * resolv.conf without one into a forwarder at 127.0.0.1 (the resolv.conf(5)
 * default), which is wrong for a machine that has no local resolver. */
static gboolean
resolv_conf_has_nameserver (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      while (g_ascii_isspace (*line))
        line++;
      if (g_str_has_prefix (line, "nameserver") && g_ascii_isspace (line[10]))
        return TRUE;
    }

  return FALSE;
}

/* Checks that @path is a readable zone-file fragment holding at least one
 * DS or DNSKEY record, so that a wrong path or file is reported when the
 * resolver is made and not as every answer being insecure. */
static gboolean
check_trust_anchor_file (const char  *path,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("Cannot read the DNSSEC trust anchor file: %s"),
                   local_error->message);
      return FALSE;
    }

  if (len > MAX_TRUST_ANCHOR_FILE)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("The DNSSEC trust anchor file %s is too large to be one"), path);
      return FALSE;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      char *comment;

      if ((comment = strchr (lines[i], ';')))
        *comment = '\0';

      words = g_strsplit_set (lines[i], " \t\r", -1);
      for (guint j = 0; words[j] != NULL; j++)
        {
          if (g_ascii_strcasecmp (words[j], "DS") == 0 ||
              g_ascii_strcasecmp (words[j], "DNSKEY") == 0)
            return TRUE;
        }
    }

  g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
               _("The DNSSEC trust anchor file %s holds no DS or DNSKEY record"), path);
  return FALSE;
}

/* libunbound logs its errors (an unreachable server, a bad anchor file)
 * to stderr, which would litter the command line's output with what our
 * GErrors already say.  Send them to g_debug instead (G_MESSAGES_DEBUG
 * shows them).  The log file is global to libunbound, so there is one,
 * never closed. */
static ssize_t
unbound_log_write (void       *cookie,
                   const char *buf,
                   size_t      size)
{
  g_autofree char *line = g_strndup (buf, size);

  g_debug ("libunbound: %s", g_strchomp (line));
  return size;
}

static gpointer
unbound_log_file_create (gpointer data)
{
  cookie_io_functions_t io = { .write = unbound_log_write };
  FILE *file = fopencookie (NULL, "w", io);

  if (file != NULL)
    setvbuf (file, NULL, _IOLBF, 0);
  return file;
}

static FILE *
unbound_log_file (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, unbound_log_file_create, NULL);
}

static gboolean
set_option (struct ub_ctx  *ctx,
            const char     *option,
            const char     *value,
            GError        **error)
{
  int err;

  if ((err = ub_ctx_set_option (ctx, option, value)) != 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL,
                   _("Could not set up the DNS resolver (%s %s): %s"),
                   option, value, ub_strerror (err));
      return FALSE;
    }

  return TRUE;
}

/**
 * cl_resolver_new:
 * @upstream: (nullable): "ADDRESS[@PORT]" of a resolver to forward to, or
 *   %NULL to use the system's (resolv.conf and hosts; recursion from the
 *   root when there is no resolv.conf)
 * @trust_anchor_file: (nullable): DS or DNSKEY records in zone-file form,
 *   or %NULL for the system's root key (Debian's dns-root-data) if there
 *   is one, else no DNSSEC validation
 * @timeout_seconds: how long one query may take
 * @error: return location for a %CL_ERROR_VALIDATION error
 *
 * Creates a resolver bound to the thread-default main context, which
 * must run for the asynchronous calls to complete.
 *
 * Returns: (transfer full): a new resolver, or %NULL
 */
ClResolver *
cl_resolver_new (const char  *upstream,
                 const char  *trust_anchor_file,
                 guint        timeout_seconds,
                 GError     **error)
{
  g_autoptr(ClResolver) self = NULL;
  g_autofree char *max_rtt = NULL;
  struct ub_result *probe = NULL;
  int err;

  g_return_val_if_fail (timeout_seconds > 0, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  self = g_object_new (CL_TYPE_RESOLVER, NULL);
  self->timeout_seconds = timeout_seconds;
  self->main_context = g_main_context_ref_thread_default ();

  if (!(self->ctx = ub_ctx_create ()))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL,
                   _("Could not create the DNS resolver"));
      return NULL;
    }

  if (unbound_log_file () != NULL)
    ub_ctx_debugout (self->ctx, unbound_log_file ());

  /* Threads, not a forked process: a fork of a GLib program is unsafe,
   * and the thread shares the cache with ub_resolve. */
  if ((err = ub_ctx_async (self->ctx, 1)) != 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL,
                   _("Could not set up the DNS resolver: %s"), ub_strerror (err));
      return NULL;
    }

  /* Forwarders and local resolvers commonly live on 127.0.0.x. */
  if (!set_option (self->ctx, "do-not-query-localhost:", "no", error))
    return NULL;

  /* Give up on an unresponsive server within our own timeout rather than
   * backing off for up to two minutes. */
  max_rtt = g_strdup_printf ("%u", MAX_RTT_MS_FOR (timeout_seconds));
  if (!set_option (self->ctx, "infra-cache-max-rtt:", max_rtt, error))
    return NULL;

  if (upstream != NULL)
    {
      g_autofree char *forward = parse_upstream (upstream);

      if (forward == NULL)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                       _("“%s” is not a DNS resolver address: expected an IPv4 or IPv6 address, optionally followed by @PORT"),
                       upstream);
          return NULL;
        }

      if ((err = ub_ctx_set_fwd (self->ctx, forward)) != 0)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                       _("Cannot use %s as the DNS resolver: %s"),
                       upstream, ub_strerror (err));
          return NULL;
        }
    }
  else
    {
      /* Without a usable resolv.conf, resolve from the root hints. */
      if (resolv_conf_has_nameserver (SYSTEM_RESOLV_CONF) &&
          (err = ub_ctx_resolvconf (self->ctx, SYSTEM_RESOLV_CONF)) != 0)
        g_debug ("Ignoring %s: %s", SYSTEM_RESOLV_CONF, ub_strerror (err));

      if ((err = ub_ctx_hosts (self->ctx, NULL)) != 0)
        g_debug ("Ignoring the hosts file: %s", ub_strerror (err));
    }

  if (trust_anchor_file != NULL)
    {
      if (!check_trust_anchor_file (trust_anchor_file, error))
        return NULL;

      if ((err = ub_ctx_add_ta_file (self->ctx, trust_anchor_file)) != 0)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                       _("Cannot use the DNSSEC trust anchor file %s: %s"),
                       trust_anchor_file, ub_strerror (err));
          return NULL;
        }
    }
  else if (g_file_test (SYSTEM_ROOT_ANCHOR, G_FILE_TEST_IS_REGULAR) &&
           access (SYSTEM_ROOT_ANCHOR, R_OK) == 0)
    {
      if ((err = ub_ctx_add_ta_file (self->ctx, SYSTEM_ROOT_ANCHOR)) != 0)
        g_debug ("Ignoring %s: %s", SYSTEM_ROOT_ANCHOR, ub_strerror (err));
    }

  /* libunbound reads its configuration (and the trust anchors) on the
   * first query.  Ask for "localhost", which its built-in local zone
   * answers without network traffic (RFC 6761 §6.3), so that a broken
   * anchor file fails here and not in the middle of a scan. */
  err = ub_resolve (self->ctx, "localhost.", CL_DNS_TYPE_A, DNS_CLASS_IN, &probe);
  g_clear_pointer (&probe, ub_resolve_free);
  if (err != 0)
    {
      /* The anchors are the only part of the set-up read from a file
       * the user gave; libunbound logs the details (see above). */
      if (trust_anchor_file != NULL)
        g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                     _("The DNSSEC trust anchor file %s could not be used (%s): it must hold DS or DNSKEY records in zone-file format"),
                     trust_anchor_file, ub_strerror (err));
      else
        g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL,
                     _("Could not set up the DNS resolver: %s"), ub_strerror (err));
      return NULL;
    }

  self->fd_source = g_unix_fd_source_new (ub_fd (self->ctx), G_IO_IN);
  g_source_set_static_name (self->fd_source, "[cl] libunbound");
  g_source_set_callback (self->fd_source, G_SOURCE_FUNC (on_ub_fd_ready), self, NULL);
  g_source_attach (self->fd_source, self->main_context);

  return g_steal_pointer (&self);
}
