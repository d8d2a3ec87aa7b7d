/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-dnsbl"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cl-dnsbl.h"
#include "cl-error.h"
#include "cl-resources.h"

/* A DNS block list is asked with an A query: the reversed address (or
 * the domain) under the list's zone.  NXDOMAIN means not listed; an
 * address in 127.0.0.0/8 means listed, the code saying why, unless the
 * list documents the code as a refusal (Spamhaus answers 127.255.255.254
 * to public resolvers: that is no listing, and no verdict either).
 * Everything else (SERVFAIL, a timeout, an address outside 127/8 from a
 * resolver that rewrites NXDOMAIN) leaves the list without a verdict. */

/* Lists {{{ */

static gboolean
parse_ipv4 (const char *text,
            guint32    *value)
{
  g_autoptr(GInetAddress) address = text != NULL ? g_inet_address_new_from_string (text) : NULL;
  const guint8 *bytes;

  if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4)
    return FALSE;
  bytes = g_inet_address_to_bytes (address);
  *value = (guint32)bytes[0] << 24 | (guint32)bytes[1] << 16 | (guint32)bytes[2] << 8 | bytes[3];
  return TRUE;
}

/* json_object_get_array_member() complains about a missing member */
static JsonArray *
get_array (JsonObject *obj,
           const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
code_clear (ClDnsblCode *code)
{
  g_free (code->meaning);
}

void
cl_dnsbl_free (ClDnsbl *list)
{
  if (list == NULL)
    return;

  g_free (list->zone);
  g_free (list->name);
  g_clear_pointer (&list->codes, g_array_unref);
  g_free (list);
}

static gboolean
parse_code (ClDnsbl     *list,
            JsonNode    *node,
            ClDnsblCode *code,
            GError     **error)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *meaning, *category;

  meaning = obj != NULL ? json_object_get_string_member_with_default (obj, "meaning", NULL) : NULL;
  if (meaning == NULL || *meaning == '\0')
    goto bad;
  code->meaning = g_strdup (meaning);
  code->refused = json_object_get_boolean_member_with_default (obj, "refused", FALSE);

  if (json_object_has_member (obj, "bit"))
    {
      gint64 bit = json_object_get_int_member_with_default (obj, "bit", 0);

      /* one bit of the last octet */
      if (!list->bitmask || code->refused || bit <= 0 || bit > 128 || (bit & (bit - 1)) != 0)
        goto bad;
      code->bit = bit;
    }
  else
    {
      if (!parse_ipv4 (json_object_get_string_member_with_default (obj, "answer", NULL), &code->first))
        goto bad;
      code->last = code->first;
      if (json_object_has_member (obj, "to") &&
          (!parse_ipv4 (json_object_get_string_member_with_default (obj, "to", NULL), &code->last) ||
           code->last < code->first))
        goto bad;
      if (code->first >> 24 != 127)
        goto bad;
    }

  category = json_object_get_string_member_with_default (obj, "category", "spam");
  if (g_str_equal (category, "spam"))
    code->category = CL_DNSBL_CATEGORY_SPAM;
  else if (g_str_equal (category, "phishing"))
    code->category = CL_DNSBL_CATEGORY_PHISHING;
  else if (g_str_equal (category, "malware"))
    code->category = CL_DNSBL_CATEGORY_MALWARE;
  else
    goto bad;

  return TRUE;

bad:
  g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, "%s: bad code", list->zone);
  return FALSE;
}

static ClDnsbl *
parse_list (JsonNode  *node,
            GError   **error)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autoptr(ClDnsbl) list = g_new0 (ClDnsbl, 1);
  const char *zone, *name, *kind;
  JsonArray *codes;

  list->codes = g_array_new (FALSE, TRUE, sizeof (ClDnsblCode));
  g_array_set_clear_func (list->codes, (GDestroyNotify)code_clear);

  zone = obj != NULL ? json_object_get_string_member_with_default (obj, "zone", NULL) : NULL;
  name = obj != NULL ? json_object_get_string_member_with_default (obj, "name", NULL) : NULL;
  kind = obj != NULL ? json_object_get_string_member_with_default (obj, "kind", NULL) : NULL;
  if (zone == NULL || name == NULL || kind == NULL || *zone == '.' ||
      zone[strspn (zone, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")] != '\0' ||
      strchr (zone, '.') == NULL || g_str_has_suffix (zone, "."))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, "a list without zone, name or kind");
      return NULL;
    }
  list->zone = g_ascii_strdown (zone, -1);
  list->name = g_strdup (name);

  if (g_str_equal (kind, "ip"))
    list->kind = CL_DNSBL_KIND_IP;
  else if (g_str_equal (kind, "domain"))
    list->kind = CL_DNSBL_KIND_DOMAIN;
  else
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, "%s: bad kind %s", zone, kind);
      return NULL;
    }
  list->ipv6 = list->kind == CL_DNSBL_KIND_IP &&
               json_object_get_boolean_member_with_default (obj, "ipv6", FALSE);
  list->bitmask = json_object_get_boolean_member_with_default (obj, "bitmask", FALSE);

  codes = get_array (obj, "codes");
  if (codes == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, "%s: no codes", zone);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (codes); i++)
    {
      ClDnsblCode code = { 0 };

      if (!parse_code (list, json_array_get_element (codes, i), &code, error))
        {
          code_clear (&code);
          return NULL;
        }
      g_array_append_val (list->codes, code);
    }

  return g_steal_pointer (&list);
}

/**
 * cl_dnsbl_parse:
 * @json: a list file in the form of data/dnsbl.json
 *
 * Returns: (transfer full) (element-type ClDnsbl): the lists, or %NULL
 *   with a %CL_ERROR_VALIDATION error
 */
GPtrArray *
cl_dnsbl_parse (const char  *json,
                gsize        length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_dnsbl_free);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *array = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, "%s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    array = get_array (json_node_get_object (root), "lists");
  if (array == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, "no \"lists\" array");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      ClDnsbl *list = parse_list (json_array_get_element (array, i), error);

      if (list == NULL)
        return NULL;
      for (guint j = 0; j < lists->len; j++)
        {
          if (g_str_equal (((ClDnsbl *)g_ptr_array_index (lists, j))->zone, list->zone))
            {
              g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, "%s twice", list->zone);
              cl_dnsbl_free (list);
              return NULL;
            }
        }
      g_ptr_array_add (lists, list);
    }

  return g_steal_pointer (&lists);
}

static GPtrArray *
load_default (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *lists = NULL;

  bytes = g_resource_lookup_data (cl_get_resource (),
                                  "/net/compliancelayer/ComplianceLayer/dnsbl.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    lists = cl_dnsbl_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  /* The lists are compiled in: failing to read them is a build defect. */
  if (lists == NULL)
    g_error ("dnsbl.json: %s", error->message);

  return lists;
}

/**
 * cl_dnsbl_get_default:
 *
 * Returns: (transfer none) (element-type ClDnsbl): the shipped lists,
 *   read once
 */
GPtrArray *
cl_dnsbl_get_default (void)
{
  static GPtrArray *lists;

  if (g_once_init_enter (&lists))
    g_once_init_leave (&lists, load_default ());

  return lists;
}

/* }}} */

/* Queries and answers {{{ */

/**
 * cl_dnsbl_reverse_address:
 *
 * Returns: the address as a block list wants it before its zone:
 *   "3.10.0.127" for 127.0.10.3, reversed nibbles for IPv6
 */
char *
cl_dnsbl_reverse_address (GInetAddress *address)
{
  const guint8 *bytes;
  gsize n;
  GString *out;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), NULL);

  out = g_string_new (NULL);
  bytes = g_inet_address_to_bytes (address);
  n = g_inet_address_get_native_size (address);
  for (gsize i = n; i-- > 0;)
    {
      if (n == 4)
        g_string_append_printf (out, "%u.", bytes[i]);
      else
        g_string_append_printf (out, "%x.%x.", bytes[i] & 0xf, bytes[i] >> 4);
    }
  g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

gboolean
cl_dnsbl_accepts_address (const ClDnsbl *list,
                          GInetAddress  *address)
{
  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (G_IS_INET_ADDRESS (address), FALSE);

  return list->kind == CL_DNSBL_KIND_IP &&
         (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4 || list->ipv6);
}

static const ClDnsblCode *
find_code (const ClDnsbl *list,
           guint32        value)
{
  for (guint i = 0; i < list->codes->len; i++)
    {
      const ClDnsblCode *code = &g_array_index (list->codes, ClDnsblCode, i);

      if (code->bit == 0 && value >= code->first && value <= code->last)
        return code;
    }
  return NULL;
}

/* What one listing code means, appended to @out; its category raises
 * @category. */
static void
describe_listing (const ClDnsbl   *list,
                  guint32          value,
                  const char      *text,
                  GString         *out,
                  ClDnsblCategory *category)
{
  const ClDnsblCode *code = find_code (list, value);
  gboolean named = FALSE;

  if (out->len > 0)
    g_string_append (out, "; ");
  g_string_append_printf (out, "%s: ", text);

  if (code != NULL)
    {
      g_string_append (out, code->meaning);
      *category = MAX (*category, code->category);
      return;
    }

  /* bitmask lists answer 127.0.0.x with one bit per sub-list */
  for (guint i = 0; list->bitmask && value >> 8 == 0x7f0000 && i < list->codes->len; i++)
    {
      const ClDnsblCode *bit = &g_array_index (list->codes, ClDnsblCode, i);

      if (bit->bit == 0 || (value & bit->bit) == 0)
        continue;
      g_string_append_printf (out, "%s%s", named ? ", " : "", bit->meaning);
      *category = MAX (*category, bit->category);
      named = TRUE;
    }
  if (!named)
    g_string_append (out, _("listed, with a code the list does not document"));
}

/**
 * cl_dnsbl_judge:
 * @list: the list asked
 * @answer: its answer to the A query
 * @category: (out): when listed, the gravest category of the codes
 * @detail: (out) (transfer full): what the codes mean, why the list
 *   refused, or why the answer is unusable; %NULL when not listed
 *
 * Returns: the verdict
 */
ClDnsblVerdict
cl_dnsbl_judge (const ClDnsbl    *list,
                ClDnsAnswer      *answer,
                ClDnsblCategory  *category,
                char            **detail)
{
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GString) listed = g_string_new (NULL);
  int rcode;

  g_return_val_if_fail (list != NULL, CL_DNSBL_FAILED);
  g_return_val_if_fail (CL_IS_DNS_ANSWER (answer), CL_DNSBL_FAILED);
  g_return_val_if_fail (category != NULL && detail != NULL, CL_DNSBL_FAILED);

  *category = CL_DNSBL_CATEGORY_SPAM;
  *detail = NULL;
  rcode = cl_dns_answer_get_rcode (answer);

  if (cl_dns_answer_is_bogus (answer))
    {
      *detail = g_strdup (_("the answer failed DNSSEC validation"));
      return CL_DNSBL_FAILED;
    }
  if (rcode == CL_DNS_RCODE_NXDOMAIN)
    return CL_DNSBL_NOT_LISTED;
  if (rcode != CL_DNS_RCODE_NOERROR)
    {
      *detail = g_strdup_printf (_("the list answered with error code %d"), rcode);
      return CL_DNSBL_FAILED;
    }

  addresses = cl_dns_answer_get_addresses (answer);
  /* a name without an address (NODATA) is no listing */
  if (addresses->len == 0)
    return CL_DNSBL_NOT_LISTED;

  for (guint i = 0; i < addresses->len; i++)
    {
      GInetAddress *address = g_ptr_array_index (addresses, i);
      g_autofree char *text = g_inet_address_to_string (address);
      const ClDnsblCode *code;
      guint32 value;

      if (!parse_ipv4 (text, &value) || value >> 24 != 127)
        {
          g_clear_pointer (detail, g_free);
          *detail = g_strdup_printf (_("unexpected answer %s, outside 127.0.0.0/8: a resolver "
                                       "that rewrites unknown names?"), text);
          return CL_DNSBL_FAILED;
        }

      code = find_code (list, value);
      if (code != NULL && code->refused)
        {
          g_clear_pointer (detail, g_free);
          *detail = g_strdup_printf (_("%s: %s"), text, code->meaning);
          return CL_DNSBL_REFUSED;
        }
      describe_listing (list, value, text, listed, category);
    }

  *detail = g_strdup (listed->str);
  return CL_DNSBL_LISTED;
}

/**
 * cl_dnsbl_lookup_new:
 * @label: the reversed address (cl_dnsbl_reverse_address()) or the domain
 */
ClDnsblLookup *
cl_dnsbl_lookup_new (const ClDnsbl *list,
                     const char    *label)
{
  ClDnsblLookup *lookup;
  g_autofree char *name = NULL;

  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  name = g_strconcat (label, ".", list->zone, NULL);
  lookup = g_new0 (ClDnsblLookup, 1);
  lookup->list = list;
  lookup->query = cl_dns_query_new (name, CL_DNS_TYPE_A);

  return lookup;
}

void
cl_dnsbl_lookup_free (ClDnsblLookup *lookup)
{
  if (lookup == NULL)
    return;

  cl_dns_query_free (lookup->query);
  cl_dns_query_free (lookup->txt);
  g_free (lookup);
}

/**
 * cl_dnsbl_lookup_ask_reason:
 * @queries: (element-type ClDnsQuery): where the TXT query goes
 *
 * When the lookup's answer is a listing, adds the query of its TXT
 * record, where lists give the reason and often a link.
 */
void
cl_dnsbl_lookup_ask_reason (ClDnsblLookup *lookup,
                            GPtrArray     *queries)
{
  g_autofree char *detail = NULL;
  ClDnsblCategory category;

  g_return_if_fail (lookup != NULL);
  g_return_if_fail (queries != NULL);

  if (lookup->txt != NULL || cl_dnsbl_lookup_judge (lookup, &category, &detail) != CL_DNSBL_LISTED)
    return;
  lookup->txt = cl_dns_query_new (lookup->query->name, CL_DNS_TYPE_TXT);
  g_ptr_array_add (queries, lookup->txt);
}

/* The TXT records of a listing, as a list's own words: untrusted text,
 * so printable ASCII only and cut short. */
static char *
quote_txt (ClDnsQuery *txt)
{
  g_auto(GStrv) records = NULL;
  g_autofree char *joined = NULL;
  GString *out;

  if (txt == NULL || txt->answer == NULL || cl_dns_answer_get_rcode (txt->answer) != CL_DNS_RCODE_NOERROR)
    return NULL;
  records = cl_dns_answer_get_txt (txt->answer);
  if (records == NULL || records[0] == NULL)
    return NULL;

  joined = g_strjoinv (" ", records);
  out = g_string_new (NULL);
  for (const char *p = joined; *p != '\0' && out->len < CL_DNSBL_MAX_TXT; p++)
    g_string_append_c (out, g_ascii_isprint (*p) ? *p : '?');
  if (*joined != '\0' && strlen (joined) > CL_DNSBL_MAX_TXT)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

/**
 * cl_dnsbl_lookup_judge:
 * @category: (out): when listed, the gravest category of the codes
 * @detail: (out) (transfer full): as cl_dnsbl_judge() gives it, with the
 *   list's TXT record when listed, or why no answer came
 *
 * Returns: the verdict of the lookup's answer, %CL_DNSBL_FAILED without one
 */
ClDnsblVerdict
cl_dnsbl_lookup_judge (ClDnsblLookup    *lookup,
                       ClDnsblCategory  *category,
                       char            **detail)
{
  ClDnsblVerdict verdict;
  g_autofree char *txt = NULL;

  g_return_val_if_fail (lookup != NULL, CL_DNSBL_FAILED);
  g_return_val_if_fail (category != NULL && detail != NULL, CL_DNSBL_FAILED);

  if (lookup->query->answer == NULL)
    {
      *category = CL_DNSBL_CATEGORY_SPAM;
      *detail = g_strdup (lookup->query->error != NULL ? lookup->query->error : _("not asked"));
      return CL_DNSBL_FAILED;
    }

  verdict = cl_dnsbl_judge (lookup->list, lookup->query->answer, category, detail);
  if (verdict == CL_DNSBL_LISTED && (txt = quote_txt (lookup->txt)) != NULL)
    {
      char *with_txt = g_strdup_printf (_("%s (“%s”)"), *detail, txt);

      g_free (*detail);
      *detail = with_txt;
    }

  return verdict;
}

/* }}} */

/* Running queries {{{ */

ClDnsQuery *
cl_dns_query_new (const char *name,
                  guint16     rrtype)
{
  ClDnsQuery *query;

  g_return_val_if_fail (name != NULL, NULL);

  query = g_new0 (ClDnsQuery, 1);
  query->name = g_strdup (name);
  query->rrtype = rrtype;

  return query;
}

void
cl_dns_query_free (ClDnsQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->name);
  g_clear_object (&query->answer);
  g_free (query->error);
  g_free (query);
}

typedef struct
{
  ClResolver   *resolver;
  GPtrArray    *queries;
  GCancellable *cancellable;
  guint         next;
  guint         in_flight;
  guint         max_parallel;
  gboolean      returned;
} RunAll;

typedef struct
{
  GTask      *task;
  ClDnsQuery *query;
} InFlight;

static void
run_all_free (RunAll *run)
{
  g_clear_object (&run->resolver);
  g_ptr_array_unref (run->queries);
  g_clear_object (&run->cancellable);
  g_free (run);
}

static void start_more (GTask *task);

static void
query_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  InFlight *in_flight = user_data;
  g_autoptr(GTask) task = in_flight->task;
  RunAll *run = g_task_get_task_data (task);
  ClDnsQuery *query = in_flight->query;
  g_autoptr(GError) error = NULL;

  g_free (in_flight);
  query->answer = cl_resolver_query_finish (CL_RESOLVER (object), result, &error);
  if (query->answer == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        query->error = g_strdup (_("no answer before the module’s time ran out"));
      else
        query->error = g_strdup (error->message);
    }

  run->in_flight--;
  start_more (task);
}

/* Keeps at most max_parallel queries in flight; returns once all have
 * ended.  After a cancel the rest are not sent. */
static void
start_more (GTask *task)
{
  RunAll *run = g_task_get_task_data (task);

  while (run->next < run->queries->len && run->in_flight < run->max_parallel)
    {
      ClDnsQuery *query = g_ptr_array_index (run->queries, run->next++);
      InFlight *in_flight;

      if (g_cancellable_is_cancelled (run->cancellable))
        {
          query->error = g_strdup (_("not asked: the module’s time ran out"));
          continue;
        }

      in_flight = g_new0 (InFlight, 1);
      in_flight->task = g_object_ref (task);
      in_flight->query = query;
      run->in_flight++;
      cl_resolver_query_async (run->resolver, query->name, query->rrtype, run->cancellable,
                               query_cb, in_flight);
    }

  if (run->next == run->queries->len && run->in_flight == 0 && !run->returned)
    {
      run->returned = TRUE;
      g_task_return_boolean (task, TRUE);
    }
}

/**
 * cl_dns_query_run_all_async:
 * @queries: (element-type ClDnsQuery): each gets its answer or its error
 * @max_parallel: how many may be in flight at once
 * @cancellable: stops the queries; those not answered get an error
 *
 * Runs every query, at most @max_parallel at a time.  It never fails:
 * each query says what came of it.
 */
void
cl_dns_query_run_all_async (ClResolver          *resolver,
                            GPtrArray           *queries,
                            guint                max_parallel,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunAll *run;

  g_return_if_fail (CL_IS_RESOLVER (resolver));
  g_return_if_fail (queries != NULL);
  g_return_if_fail (max_parallel > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* no cancellable of its own: it always returns, cancelled or not */
  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, cl_dns_query_run_all_async);

  run = g_new0 (RunAll, 1);
  run->resolver = g_object_ref (resolver);
  run->queries = g_ptr_array_ref (queries);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  run->max_parallel = max_parallel;
  g_task_set_task_data (task, run, (GDestroyNotify)run_all_free);

  start_more (task);
}

void
cl_dns_query_run_all_finish (GAsyncResult *result)
{
  g_return_if_fail (g_task_is_valid (result, NULL));

  g_task_propagate_boolean (G_TASK (result), NULL);
}

/* }}} */

/* A module's run {{{ */

static gboolean
deadline_cb (gpointer user_data)
{
  ClDnsblRun *run = user_data;

  run->deadline_id = 0;
  g_cancellable_cancel (run->cancellable);

  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/**
 * cl_dnsbl_run_new:
 * @caller: (nullable): the module's cancellable
 *
 * Returns: a run that ends its queries at 90% of the module's timeout,
 *   so that what has arrived is judged before the job cancels the module
 */
ClDnsblRun *
cl_dnsbl_run_new (ClScanContext *context,
                  GCancellable  *caller)
{
  ClScanSettings *settings;
  ClDnsblRun *run;

  g_return_val_if_fail (CL_IS_SCAN_CONTEXT (context), NULL);
  g_return_val_if_fail (!caller || G_IS_CANCELLABLE (caller), NULL);

  settings = cl_scan_context_get_settings (context);
  run = g_new0 (ClDnsblRun, 1);
  run->resolver = g_object_ref (cl_scan_context_get_resolver (context));
  run->cancellable = g_cancellable_new ();
  /* The timer holds the run unowned: cl_dnsbl_run_free() removes it. */
  run->deadline_id = g_timeout_add (MAX (1000, cl_scan_settings_get_module_timeout (settings) * 900),
                                    deadline_cb, run);
  if (caller != NULL)
    {
      run->caller = g_object_ref (caller);
      run->caller_id = g_cancellable_connect (caller, G_CALLBACK (caller_cancelled_cb),
                                              run->cancellable, NULL);
    }

  return run;
}

/**
 * cl_dnsbl_run_step:
 * @queries: (transfer full) (element-type ClDnsQuery): the step's queries,
 *   kept in run->queries until the next step
 * @task: the module's task, held until @callback
 * @callback: called with @task as its user data (a reference to drop)
 */
void
cl_dnsbl_run_step (ClDnsblRun          *run,
                   GPtrArray           *queries,
                   GTask               *task,
                   GAsyncReadyCallback  callback)
{
  g_return_if_fail (run != NULL);
  g_return_if_fail (queries != NULL);
  g_return_if_fail (G_IS_TASK (task));

  g_clear_pointer (&run->queries, g_ptr_array_unref);
  run->queries = queries;
  cl_dns_query_run_all_async (run->resolver, queries, CL_DNSBL_MAX_PARALLEL, run->cancellable,
                              callback, g_object_ref (task));
}

void
cl_dnsbl_run_free (ClDnsblRun *run)
{
  if (run == NULL)
    return;

  g_clear_handle_id (&run->deadline_id, g_source_remove);
  if (run->caller_id != 0)
    g_cancellable_disconnect (run->caller, run->caller_id);
  g_clear_object (&run->caller);
  g_cancellable_cancel (run->cancellable);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->resolver);
  g_clear_pointer (&run->queries, g_ptr_array_unref);
  g_free (run);
}

/* }}} */
