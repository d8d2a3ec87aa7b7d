/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-ports"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cl-error.h"
#include "cl-module-ports-private.h"
#include "cl-resources.h"

/* Open Ports: a TCP connect scan of the curated ports of data/ports.json
 * on the first IPv4 and the first IPv6 address of the domain, reading
 * the banner of the protocols in which the server speaks first.
 *
 * Rule ids, with the severity of the finding (one per service, listing
 * every address on which the port is open):
 *
 *   ports.telnet_exposed          critical  23
 *   ports.rdp_exposed             critical  3389
 *   ports.vnc_exposed             critical  5900
 *   ports.netbios_exposed         critical  139
 *   ports.smb_exposed             critical  445
 *   ports.nfs_exposed             critical  2049
 *   ports.docker_exposed          critical  2375
 *   ports.docker_tls_exposed      critical  2376
 *   ports.kubelet_exposed         critical  10250
 *   ports.mysql_exposed           critical  3306
 *   ports.postgresql_exposed      critical  5432
 *   ports.mssql_exposed           critical  1433
 *   ports.oracle_exposed          critical  1521
 *   ports.mongodb_exposed         critical  27017
 *   ports.couchdb_exposed         critical  5984
 *   ports.elasticsearch_exposed   critical  9200
 *   ports.redis_exposed           critical  6379
 *   ports.memcached_exposed       critical  11211
 *   ports.webmin_exposed          critical  10000
 *   ports.ftp_exposed             high      21
 *   ports.rpcbind_exposed         high      111
 *   ports.snmp_exposed            high      161
 *   ports.ldap_exposed            high      389
 *   ports.kubernetes_api_exposed  high      6443
 *   ports.ssh_protocol_1          high      22 (banner SSH-1.x)
 *   ports.imap_exposed            low       143
 *   ports.pop3_exposed            low       110
 *   ports.http_alt_exposed        low       8080
 *   ports.https_alt_exposed       low       8443
 *   ports.ssh_exposed             info      22
 *   ports.smtp_exposed            info      25
 *   ports.smtps_exposed           info      465
 *   ports.submission_exposed      info      587
 *   ports.imaps_exposed           info      993
 *   ports.pop3s_exposed           info      995
 *   ports.dns_exposed             info      53
 *
 * 80 and 443 are expected on a web host and make no finding.  The ports,
 * their rule ids and severities are data (data/ports.json); the texts are
 * here, keyed by the "text" of each port, because xgettext reads C and
 * not JSON.
 */

/* A host that silently drops every SYN costs one network timeout per
 * wave of connections: with the whole list of one address in a wave, a
 * dual-stack host that drops everything takes about two network
 * timeouts, not five or six as with the 16 of a cautious scanner. */
#define MAX_IN_FLIGHT 40

/* The servers that speak first do so at once (RFC 959 §5.4, RFC 4253
 * §4.2, RFC 5321 §4.3.1 greet on connection); one that accepts and stays
 * silent must not hold the scan, so a banner gets one second. */
#define BANNER_TIMEOUT_SECONDS 1

struct _ClModulePorts
{
  ClModule parent_instance;
};

G_DEFINE_FINAL_TYPE (ClModulePorts, cl_module_ports, CL_TYPE_MODULE)

/* The texts of each "text" key of data/ports.json.  A finding is a
 * printf format taking the service name (%s) and the port (%u). */
static const struct {
  const char *key;
  const char *finding;
  const char *remediation;
} texts[] = {
  { "cleartext-remote-access",
    /* Translators: in each finding, %s is a service name (FTP, MySQL) and
     * %u its TCP port. */
    N_("%s on port %u accepts connections: logins and sessions travel in cleartext"),
    N_("Turn Telnet off and administer the host over SSH with key authentication.") },
  { "remote-desktop",
    N_("%s on port %u exposes a remote desktop to the internet"),
    N_("Never expose a remote desktop directly: reach it through a VPN or a gateway with multi-factor authentication, and block the port at the firewall.") },
  { "ssh",
    N_("%s on port %u accepts connections"),
    N_("Make sure the server accepts only keys (PasswordAuthentication no) and consider restricting the port to known addresses.") },
  { "cleartext-file-transfer",
    N_("%s on port %u accepts connections: passwords and files travel in cleartext"),
    N_("Turn FTP off and offer SFTP or FTPS instead; if it must stay, restrict it to known addresses.") },
  { "file-sharing",
    N_("%s on port %u exposes file sharing to the internet"),
    N_("Block SMB, NetBIOS and NFS at the perimeter and reach file shares only through a VPN.") },
  { "rpc",
    N_("%s on port %u lists the host's RPC services to anyone"),
    N_("Block port 111 at the firewall and expose no RPC service to the internet.") },
  { "mail-transfer",
    N_("%s on port %u accepts connections on the web host"),
    N_("Nothing to do if this host is meant to handle mail; otherwise close the port.") },
  { "mailbox-cleartext",
    N_("%s on port %u offers mailbox access that starts in cleartext"),
    N_("Offer mailbox access over implicit TLS only (IMAPS on 993, POP3S on 995, as RFC 8314 recommends) and close the cleartext port.") },
  { "mailbox-tls",
    N_("%s on port %u offers mailbox access on the web host"),
    N_("Nothing to do if this host is meant to serve mailboxes; otherwise close the port.") },
  { "dns",
    N_("%s on port %u accepts connections"),
    N_("Nothing to do if this is an authoritative server of yours; make sure it does not resolve recursively for anyone.") },
  { "network-management",
    N_("%s on port %u exposes network management to the internet"),
    N_("Restrict SNMP to the management network and use SNMPv3 with authentication and encryption.") },
  { "directory",
    N_("%s on port %u exposes a directory service to the internet"),
    N_("Do not expose LDAP: if remote clients need it, require LDAPS with authentication and restrict the source addresses.") },
  { "database",
    N_("%s on port %u accepts connections: a database must not be reachable from the internet"),
    N_("Bind the database to a private interface or block the port at the firewall; let applications reach it over a private network or a VPN.") },
  { "cache",
    N_("%s on port %u accepts connections: caches often answer without authentication"),
    N_("Bind the cache to localhost or a private network and block the port at the firewall.") },
  { "container-api",
    N_("%s on port %u accepts connections: it controls the containers and often the host"),
    N_("Never expose the container API: reach it over SSH or a VPN, require TLS client certificates, and block the port at the firewall.") },
  { "orchestrator-api",
    N_("%s on port %u is reachable from the internet"),
    N_("Restrict the API server to known networks or a private endpoint, and keep anonymous authentication off.") },
  { "additional-web",
    N_("An additional web service (%s) answers on port %u"),
    N_("Close it if it is not needed, or give it the same TLS and header hardening as the main site.") },
  { "admin-panel",
    N_("The %s administration panel on port %u is reachable from the internet"),
    N_("Restrict the administration panel to a VPN or to known addresses.") },
};

/* The curated list */

static GArray *entries;

static gboolean
has_text (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (g_str_equal (texts[i].key, key))
        return TRUE;
    }

  return FALSE;
}

static const char *
get_optional_string (JsonObject *obj,
                     const char *member)
{
  if (!json_object_has_member (obj, member) || json_object_get_null_member (obj, member))
    return NULL;
  return json_object_get_string_member (obj, member);
}

static GArray *
load_entries (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GArray *list = g_array_new (FALSE, TRUE, sizeof (ClPortEntry));
  JsonArray *ports;

  bytes = g_resource_lookup_data (cl_get_resource (),
                                  "/net/compliancelayer/ComplianceLayer/ports.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  /* The list is compiled in: failing to read it is a build defect. */
  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    g_error ("ports.json: %s", error->message);

  ports = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "ports");

  for (guint i = 0; i < json_array_get_length (ports); i++)
    {
      JsonObject *obj = json_array_get_object_element (ports, i);
      gint64 port = json_object_get_int_member (obj, "port");
      const char *severity = json_object_get_string_member (obj, "severity");
      const char *rule_id = get_optional_string (obj, "rule");
      const char *text = get_optional_string (obj, "text");
      ClPortEntry entry = { 0 };

      if (port < 1 || port > G_MAXUINT16)
        g_error ("ports.json: bad port %" G_GINT64_FORMAT, port);
      for (guint j = 0; j < list->len; j++)
        {
          if (g_array_index (list, ClPortEntry, j).port == port)
            g_error ("ports.json: port %" G_GINT64_FORMAT " listed twice", port);
        }

      entry.port = port;
      entry.service = g_intern_string (json_object_get_string_member (obj, "service"));
      entry.name = g_intern_string (json_object_get_string_member (obj, "name"));
      entry.category = g_intern_string (json_object_get_string_member (obj, "category"));
      entry.speaks_first = json_object_get_boolean_member (obj, "banner");

      if (g_strcmp0 (severity, "none") == 0)
        {
          if (rule_id != NULL || text != NULL)
            g_error ("ports.json: port %u is expected but has a rule", entry.port);
        }
      else
        {
          if (!cl_severity_from_string (severity, &entry.severity))
            g_error ("ports.json: bad severity for port %u", entry.port);
          if (rule_id == NULL || !g_str_has_prefix (rule_id, "ports."))
            g_error ("ports.json: bad rule for port %u", entry.port);
          if (text == NULL || !has_text (text))
            g_error ("ports.json: port %u names no known text", entry.port);
          entry.rule_id = g_intern_string (rule_id);
          entry.text = g_intern_string (text);
        }

      g_array_append_val (list, entry);
    }

  return list;
}

/**
 * _cl_module_ports_get_entries:
 * @n_entries: (out): the number of ports
 *
 * Returns: (transfer none) (array length=n_entries): the curated ports,
 *   in the order of data/ports.json
 */
const ClPortEntry *
_cl_module_ports_get_entries (guint *n_entries)
{
  g_return_val_if_fail (n_entries != NULL, NULL);

  if (g_once_init_enter (&entries))
    g_once_init_leave (&entries, load_entries ());

  *n_entries = entries->len;
  return &g_array_index (entries, ClPortEntry, 0);
}

const ClPortEntry *
_cl_module_ports_lookup (guint16 port)
{
  guint n_entries;
  const ClPortEntry *list = _cl_module_ports_get_entries (&n_entries);

  for (guint i = 0; i < n_entries; i++)
    {
      if (list[i].port == port)
        return &list[i];
    }

  return NULL;
}

/**
 * cl_module_ports_get_caveat:
 *
 * What a reader of the report must know about the scan; the module adds
 * it to the caveats of every result it completes.
 *
 * Returns: the translated caveat
 */
const char *
cl_module_ports_get_caveat (void)
{
  return _("Open ports reflect a TCP connect scan from this machine at scan time: "
           "a firewall may answer other networks differently, and UDP services are not scanned.");
}

/* The facts */

static void
probe_free (gpointer data)
{
  ClPortProbe *probe = data;

  g_free (probe->address);
  g_clear_pointer (&probe->banner, g_bytes_unref);
  g_free (probe);
}

ClPortsFacts *
_cl_ports_facts_new (void)
{
  ClPortsFacts *facts = g_new0 (ClPortsFacts, 1);

  facts->probes = g_ptr_array_new_with_free_func (probe_free);
  return facts;
}

void
_cl_ports_facts_free (ClPortsFacts *facts)
{
  if (facts == NULL)
    return;

  g_ptr_array_unref (facts->probes);
  g_free (facts);
}

/**
 * _cl_ports_facts_add:
 * @banner: (nullable): what the server sent first
 * @banner_len: its length, or -1 when it is a string
 *
 * Returns: (transfer none): the new probe
 */
ClPortProbe *
_cl_ports_facts_add (ClPortsFacts *facts,
                     const char   *address,
                     guint16       port,
                     ClPortState   state,
                     const char   *banner,
                     gssize        banner_len)
{
  ClPortProbe *probe;

  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (address != NULL, NULL);

  probe = g_new0 (ClPortProbe, 1);
  probe->address = g_strdup (address);
  probe->port = port;
  probe->state = state;
  if (banner != NULL)
    probe->banner = g_bytes_new (banner, banner_len < 0 ? strlen (banner) : (gsize) banner_len);
  g_ptr_array_add (facts->probes, probe);

  return probe;
}

/* Fetching */

typedef struct
{
  GSocketClient *client;
  ClPortsFacts  *facts;
  GPtrArray     *targets;      /* GSocketAddress, one per probe of facts */
  char          *addresses;    /* "127.0.10.2, 2001:db8::2", for messages */
  char          *unreachable;  /* why the last unreachable probe failed */
  guint          next;
  guint          in_flight;
} FetchState;

static void
fetch_state_free (gpointer data)
{
  FetchState *state = data;

  g_clear_object (&state->client);
  g_clear_pointer (&state->facts, _cl_ports_facts_free);
  g_clear_pointer (&state->targets, g_ptr_array_unref);
  g_free (state->addresses);
  g_free (state->unreachable);
  g_free (state);
}

typedef struct
{
  GTask             *task;
  ClPortProbe       *probe;
  GSocketConnection *connection;
  gint64             deadline;
  gsize              len;
  guint8             buffer[CL_PORTS_BANNER_MAX];
} ProbeOp;

static void start_probes (GTask *task);

static ClPortState
state_from_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return CL_PORT_STATE_CLOSED;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return CL_PORT_STATE_FILTERED;
  /* No route, a local firewall, an ICMP error for the whole host: we
   * could not look at this port. */
  return CL_PORT_STATE_UNREACHABLE;
}

static void
probe_done (ProbeOp *op)
{
  g_autoptr(GTask) task = op->task;
  FetchState *state = g_task_get_task_data (task);

  if (op->len > 0)
    op->probe->banner = g_bytes_new (op->buffer, op->len);

  g_clear_object (&op->connection);
  g_free (op);

  state->in_flight--;
  start_probes (task);
}

static void read_banner (ProbeOp *op);

static void
on_banner_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ProbeOp *op = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  /* A banner is one line, or the first message of a binary protocol
   * (MySQL's greeting, RFC 6143's "RFB 003.008\n"): stop at a newline,
   * when the buffer is full, at the end of the stream, on an error or
   * a timeout, keeping what came. */
  if (n > 0)
    {
      op->len += n;
      if (op->len < sizeof op->buffer &&
          memchr (op->buffer, '\n', op->len) == NULL &&
          g_get_monotonic_time () < op->deadline)
        {
          read_banner (op);
          return;
        }
    }

  probe_done (op);
}

static void
read_banner (ProbeOp *op)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (op->connection));

  g_input_stream_read_async (input,
                             op->buffer + op->len,
                             sizeof op->buffer - op->len,
                             G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (op->task),
                             on_banner_read,
                             op);
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ProbeOp *op = user_data;
  FetchState *state = g_task_get_task_data (op->task);
  g_autoptr(GError) error = NULL;
  const ClPortEntry *entry;

  op->connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result, &error);

  if (op->connection == NULL)
    {
      op->probe->state = state_from_error (error);
      if (op->probe->state == CL_PORT_STATE_UNREACHABLE)
        {
          g_free (state->unreachable);
          state->unreachable = g_strdup (error->message);
        }
      probe_done (op);
      return;
    }

  op->probe->state = CL_PORT_STATE_OPEN;

  entry = _cl_module_ports_lookup (op->probe->port);
  if (!entry->speaks_first)
    {
      probe_done (op);
      return;
    }

  /* The socket's timeout bounds each read; the deadline bounds a server
   * that trickles its banner a byte at a time. */
  g_socket_set_timeout (g_socket_connection_get_socket (op->connection), BANNER_TIMEOUT_SECONDS);
  op->deadline = g_get_monotonic_time () + BANNER_TIMEOUT_SECONDS * G_USEC_PER_SEC;
  read_banner (op);
}

static gboolean
all_unreachable (ClPortsFacts *facts)
{
  for (guint i = 0; i < facts->probes->len; i++)
    {
      ClPortProbe *probe = g_ptr_array_index (facts->probes, i);

      if (probe->state != CL_PORT_STATE_UNREACHABLE)
        return FALSE;
    }

  return TRUE;
}

static void
fetch_complete (GTask *task)
{
  FetchState *state = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Refused and timed-out connections are answers; a machine that could
   * not even try has nothing to report. */
  if (state->facts->probes->len > 0 && all_unreachable (state->facts))
    {
      g_task_return_new_error (task, CL_ERROR, CL_ERROR_UNAVAILABLE,
                               _("this machine cannot reach %s (%s)"),
                               state->addresses, state->unreachable);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&state->facts), (GDestroyNotify) _cl_ports_facts_free);
}

static void
start_probes (GTask *task)
{
  FetchState *state = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  while (state->in_flight < MAX_IN_FLIGHT &&
         state->next < state->facts->probes->len &&
         !g_cancellable_is_cancelled (cancellable))
    {
      ProbeOp *op = g_new0 (ProbeOp, 1);

      op->task = g_object_ref (task);
      op->probe = g_ptr_array_index (state->facts->probes, state->next);
      g_socket_client_connect_async (state->client,
                                     g_ptr_array_index (state->targets, state->next),
                                     cancellable,
                                     on_connected,
                                     op);
      state->next++;
      state->in_flight++;
    }

  if (state->in_flight == 0)
    fetch_complete (task);
}

/**
 * _cl_module_ports_fetch_async:
 * @addresses: (element-type GInetAddress): the addresses to scan
 * @network_timeout: seconds a connection may take
 *
 * Connects to every curated port of each address, at most
 * %MAX_IN_FLIGHT at a time, and reads the banners.  Fails with
 * %CL_ERROR_UNAVAILABLE when no connection could even be attempted.
 */
void
_cl_module_ports_fetch_async (GPtrArray           *addresses,
                              guint                network_timeout,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  FetchState *state;
  const ClPortEntry *list;
  guint n_entries;

  g_return_if_fail (addresses != NULL);
  g_return_if_fail (network_timeout > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  list = _cl_module_ports_get_entries (&n_entries);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _cl_module_ports_fetch_async);

  state = g_new0 (FetchState, 1);
  state->facts = _cl_ports_facts_new ();
  state->targets = g_ptr_array_new_with_free_func (g_object_unref);
  state->client = g_socket_client_new ();
  g_socket_client_set_timeout (state->client, network_timeout);
  /* The scan must reach the host itself, never the desktop's proxy. */
  g_socket_client_set_enable_proxy (state->client, FALSE);
  g_task_set_task_data (task, state, fetch_state_free);

  for (guint i = 0; i < addresses->len; i++)
    {
      GInetAddress *address = g_ptr_array_index (addresses, i);
      g_autofree char *name = g_inet_address_to_string (address);

      for (guint j = 0; j < n_entries; j++)
        {
          _cl_ports_facts_add (state->facts, name, list[j].port, CL_PORT_STATE_FILTERED, NULL, 0);
          g_ptr_array_add (state->targets, g_inet_socket_address_new (address, list[j].port));
        }
      g_strv_builder_add (names, name);
    }

  strv = g_strv_builder_end (names);
  state->addresses = g_strjoinv (", ", strv);

  start_probes (task);
}

/**
 * _cl_module_ports_fetch_finish:
 *
 * Returns: (transfer full): what each port answered
 */
ClPortsFacts *
_cl_module_ports_fetch_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Judging */

/**
 * _cl_module_ports_sanitize_banner:
 *
 * What a server said, fit for the evidence: at most
 * %CL_PORTS_BANNER_MAX bytes are read, printable ASCII is kept and every
 * run of anything else (line ends, control bytes, binary fields, bytes
 * that are not ASCII) becomes one space, as strings(1) would show it.
 *
 * Returns: (transfer full): printable ASCII, possibly empty
 */
char *
_cl_module_ports_sanitize_banner (const guint8 *data,
                                  gsize         len)
{
  GString *out;
  gboolean gap = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  out = g_string_sized_new (MIN (len, CL_PORTS_BANNER_MAX) + 4);

  for (gsize i = 0; i < MIN (len, CL_PORTS_BANNER_MAX); i++)
    {
      if (data[i] > 0x20 && data[i] < 0x7f)
        {
          if (gap && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, data[i]);
          gap = FALSE;
        }
      else
        {
          gap = TRUE;
        }
    }

  if (len > CL_PORTS_BANNER_MAX)
    g_string_append (out, "...");

  return g_string_free (out, FALSE);
}

/* RFC 854: a Telnet server opens with option negotiation, IAC (255)
 * followed by a command; DO, DONT, WILL and WONT take an option byte, SB
 * runs to IAC SE, and IAC IAC is a data byte.  Dropping it leaves the
 * login banner. */
static GByteArray *
strip_telnet_commands (const guint8 *data,
                       gsize         len)
{
  GByteArray *out = g_byte_array_sized_new (len);
  gsize i = 0;

  while (i < len)
    {
      if (data[i] != 255)
        {
          g_byte_array_append (out, &data[i++], 1);
          continue;
        }

      if (i + 1 >= len)
        break;

      switch (data[i + 1])
        {
        case 255:                      /* IAC IAC: a data byte */
          g_byte_array_append (out, &data[i + 1], 1);
          i += 2;
          break;

        case 251: case 252: case 253: case 254:  /* WILL WONT DO DONT option */
          i += 3;
          break;

        case 250:                      /* SB … IAC SE */
          for (i += 2; i + 1 < len && !(data[i] == 255 && data[i + 1] == 240); i++)
            ;
          i += 2;
          break;

        default:                       /* a two-byte command */
          i += 2;
          break;
        }
    }

  return out;
}

static void
append_evidence (GString           *evidence,
                 const ClPortProbe *probe)
{
  if (evidence->len > 0)
    g_string_append (evidence, "; ");

  if (strchr (probe->address, ':') != NULL)
    g_string_append_printf (evidence, "[%s]:%u open", probe->address, probe->port);
  else
    g_string_append_printf (evidence, "%s:%u open", probe->address, probe->port);

  if (probe->banner != NULL)
    {
      const ClPortEntry *entry = _cl_module_ports_lookup (probe->port);
      g_autoptr(GByteArray) stripped = NULL;
      g_autofree char *banner = NULL;
      gsize len;
      const guint8 *data = g_bytes_get_data (probe->banner, &len);

      if (entry != NULL && g_str_equal (entry->service, "telnet"))
        {
          stripped = strip_telnet_commands (data, len);
          data = stripped->data;
          len = stripped->len;
        }

      banner = _cl_module_ports_sanitize_banner (data, len);
      if (banner[0] != '\0')
        g_string_append_printf (evidence, ", banner \"%s\"", banner);
    }
}

/* The formats are the N_() strings of texts[], which all take the
 * service name and the port: xgettext marks them c-format, so msgfmt
 * checks that a translation keeps the arguments. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *
format_finding (const char        *format,
                const ClPortEntry *entry)
{
  return g_strdup_printf (format, entry->name, (guint) entry->port);
}
#pragma GCC diagnostic pop

static void
add_exposed (ClModuleResult    *result,
             const ClPortEntry *entry,
             const char        *evidence)
{
  g_autofree char *finding = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (!g_str_equal (texts[i].key, entry->text))
        continue;

      finding = format_finding (_(texts[i].finding), entry);
      cl_module_result_add (result, entry->rule_id, entry->severity,
                            finding, _(texts[i].remediation), "%s", evidence);
      return;
    }

  g_assert_not_reached ();
}

/* Each curated port open on any address is one finding, whose evidence
 * lists the addresses: the same service on the IPv4 and the IPv6 address
 * of a host is one exposure, fixed once. */
static void
check_exposed_services (const ClPortsFacts *facts,
                        ClModuleResult     *result)
{
  guint n_entries;
  const ClPortEntry *list = _cl_module_ports_get_entries (&n_entries);

  for (guint i = 0; i < n_entries; i++)
    {
      const ClPortEntry *entry = &list[i];
      g_autoptr(GString) evidence = NULL;

      /* 80 and 443 are what a web host is for. */
      if (entry->rule_id == NULL)
        continue;

      evidence = g_string_new (NULL);
      for (guint j = 0; j < facts->probes->len; j++)
        {
          const ClPortProbe *probe = g_ptr_array_index (facts->probes, j);

          if (probe->port == entry->port && probe->state == CL_PORT_STATE_OPEN)
            append_evidence (evidence, probe);
        }

      if (evidence->len == 0)
        continue;

      /* Only the server's own settings say whether passwords are
       * accepted; a connect scan cannot tell. */
      if (g_str_equal (entry->service, "ssh"))
        g_string_append_printf (evidence, "; %s",
                                _("whether only key authentication is accepted cannot be seen from outside"));

      add_exposed (result, entry, evidence->str);
    }
}

/* RFC 4253 §5.1: a server that still speaks protocol 1 announces
 * "SSH-1.x" ("SSH-1.99" when it speaks both).  Protocol 1 has known
 * session hijacking and key recovery attacks; OpenSSH removed it in 7.6. */
static void
check_ssh_protocol_1 (const ClPortsFacts *facts,
                      ClModuleResult     *result)
{
  g_autoptr(GString) evidence = g_string_new (NULL);

  for (guint i = 0; i < facts->probes->len; i++)
    {
      const ClPortProbe *probe = g_ptr_array_index (facts->probes, i);
      const ClPortEntry *entry = _cl_module_ports_lookup (probe->port);
      gsize len;
      const char *data;

      if (entry == NULL || !g_str_equal (entry->service, "ssh") ||
          probe->state != CL_PORT_STATE_OPEN || probe->banner == NULL)
        continue;

      data = g_bytes_get_data (probe->banner, &len);
      if (len >= 6 && memcmp (data, "SSH-1.", 6) == 0)
        append_evidence (evidence, probe);
    }

  if (evidence->len > 0)
    cl_module_result_add (result, "ports.ssh_protocol_1", CL_SEVERITY_HIGH,
                          _("The SSH server still offers protocol version 1"),
                          _("Allow only SSH protocol 2 (upgrade the server; OpenSSH 7.6 and later have no protocol 1)."),
                          "%s", evidence->str);
}

/**
 * _cl_module_ports_judge:
 * @facts: what each port answered
 * @result: where the findings go
 */
void
_cl_module_ports_judge (const ClPortsFacts *facts,
                        ClModuleResult     *result)
{
  g_return_if_fail (facts != NULL);
  g_return_if_fail (CL_IS_MODULE_RESULT (result));

  check_exposed_services (facts, result);
  check_ssh_protocol_1 (facts, result);
}

/* The module */

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(ClPortsFacts) facts = NULL;
  g_autoptr(ClModuleResult) module_result = NULL;
  GError *error = NULL;

  facts = _cl_module_ports_fetch_finish (result, &error);
  if (facts == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  module_result = cl_module_result_new (cl_module_get_id (g_task_get_source_object (task)));
  _cl_module_ports_judge (facts, module_result);
  cl_module_result_add_caveat (module_result, cl_module_ports_get_caveat ());
  g_task_return_pointer (task, g_steal_pointer (&module_result), g_object_unref);
}

/* The first IPv4 and the first IPv6 address: a host's other addresses
 * are usually the same machine, and each costs a full scan. */
static GPtrArray *
pick_addresses (ClScanContext *context)
{
  GPtrArray *all = cl_scan_context_get_addresses (context);
  GPtrArray *picked = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean have_ipv4 = FALSE;
  gboolean have_ipv6 = FALSE;

  for (guint i = 0; i < all->len; i++)
    {
      GInetAddress *address = g_ptr_array_index (all, i);
      gboolean *have;

      if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
        have = &have_ipv4;
      else
        have = &have_ipv6;

      if (!*have)
        {
          g_ptr_array_add (picked, g_object_ref (address));
          *have = TRUE;
        }
    }

  return picked;
}

static void
cl_module_ports_run_async (ClModule            *module,
                           ClScanContext       *context,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  ClScanSettings *settings = cl_scan_context_get_settings (context);

  task = g_task_new (module, cancellable, callback, user_data);
  g_task_set_source_tag (task, cl_module_ports_run_async);

  addresses = pick_addresses (context);
  if (addresses->len == 0)
    {
      ClModuleResult *result = cl_module_result_new (cl_module_get_id (module));

      cl_module_result_set_status (result, CL_MODULE_STATUS_NOT_APPLICABLE,
                                   _("the domain has no A or AAAA record"));
      g_task_return_pointer (task, result, g_object_unref);
      return;
    }

  _cl_module_ports_fetch_async (addresses,
                                cl_scan_settings_get_network_timeout (settings),
                                cancellable,
                                on_fetched,
                                g_steal_pointer (&task));
}

/* Every rule the checks above can emit: one per curated port of
 * data/ports.json that is not expected, and the SSH protocol 1 check. */
static const char * const *
list_rule_ids (void)
{
  guint n_entries;
  const ClPortEntry *list = _cl_module_ports_get_entries (&n_entries);
  GPtrArray *rule_ids = g_ptr_array_new ();

  for (guint i = 0; i < n_entries; i++)
    {
      if (list[i].rule_id != NULL)
        g_ptr_array_add (rule_ids, (gpointer)list[i].rule_id);
    }
  g_ptr_array_add (rule_ids, (gpointer)"ports.ssh_protocol_1");
  g_ptr_array_add (rule_ids, NULL);

  /* interned strings in an array kept with the class, for the program's life */
  return (const char * const *)g_ptr_array_free (rule_ids, FALSE);
}

static void
cl_module_ports_class_init (ClModulePortsClass *klass)
{
  ClModuleClass *module_class = CL_MODULE_CLASS (klass);

  module_class->id = "ports";
  module_class->rule_ids = list_rule_ids ();
  module_class->run_async = cl_module_ports_run_async;
}

static void
cl_module_ports_init (ClModulePorts *self)
{
}
