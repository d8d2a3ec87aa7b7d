/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-world-ports"

#include "config.h"

#include <string.h>

#include "cl-error.h"
#include "cl-module-ports-private.h"
#include "cl-test-util.h"

/* The ports module on the world's hosts (tests/world/listeners.tsv). */

/* cl_test_world_settings () gives connections this many seconds. */
#define NETWORK_TIMEOUT 2

typedef struct
{
  const char *rule_id;
  ClSeverity  severity;
  const char *evidence;  /* a part of the evidence */
} Expected;

static ClModuleResult *
run_ports (ClScanContext  *context,
           double         *seconds,
           GError        **error)
{
  g_autoptr(ClModule) module = g_object_new (CL_TYPE_MODULE_PORTS, NULL);
  gint64 start = g_get_monotonic_time ();
  ClModuleResult *result;

  g_assert_cmpstr (cl_module_get_id (module), ==, "ports");
  result = cl_test_run_module (module, context, error);
  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  return result;
}

static ClModuleResult *
scan_domain (const char *domain,
             double     *seconds)
{
  g_autoptr(ClScanContext) context = cl_test_world_context (domain);
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  ClModuleResult *result;

  result = run_ports (context, seconds, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (cl_module_result_get_status (result), ==, CL_MODULE_STATUS_COMPLETED);
  /* The report must say what kind of scan this was. */
  g_assert_cmpuint (cl_module_result_get_caveats (result)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (cl_module_result_get_caveats (result), 0), ==,
                   cl_module_ports_get_caveat ());
  ids = cl_test_rule_ids (result);
  g_test_message ("%s: %.2f s, %s", domain, *seconds, ids);

  return result;
}

/* Exactly @expected, each once, with its severity and evidence. */
static void
assert_findings (ClModuleResult *result,
                 const Expected *expected,
                 guint           n_expected)
{
  GPtrArray *findings = cl_module_result_get_findings (result);
  g_autofree char *ids = cl_test_rule_ids (result);

  if (findings->len != n_expected)
    g_error ("expected %u findings, got %s", n_expected, ids);

  for (guint i = 0; i < n_expected; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < findings->len; j++)
        {
          ClFinding *finding = g_ptr_array_index (findings, j);

          if (!g_str_equal (cl_finding_get_rule_id (finding), expected[i].rule_id))
            continue;

          g_assert_false (found);
          found = TRUE;
          g_assert_cmpint (cl_finding_get_severity (finding), ==, expected[i].severity);
          if (strstr (cl_finding_get_evidence (finding), expected[i].evidence) == NULL)
            g_error ("%s: evidence \"%s\" lacks \"%s\"", expected[i].rule_id,
                     cl_finding_get_evidence (finding), expected[i].evidence);
        }

      if (!found)
        g_error ("%s not found in %s", expected[i].rule_id, ids);
    }
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The ports the fetch saw open on @address, as "80 443". */
static char *
open_ports (const char *address)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ClPortsFacts) facts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) open = g_string_new (NULL);

  g_ptr_array_add (addresses, g_inet_address_new_from_string (address));
  _cl_module_ports_fetch_async (addresses, NETWORK_TIMEOUT, NULL, store_result, &result);
  cl_test_wait ((gpointer *) &result);
  facts = _cl_module_ports_fetch_finish (result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < facts->probes->len; i++)
    {
      ClPortProbe *probe = g_ptr_array_index (facts->probes, i);

      g_assert_cmpstr (probe->address, ==, address);
      /* Loopback refuses at once: nothing here may time out. */
      g_assert_cmpint (probe->state, !=, CL_PORT_STATE_FILTERED);
      g_assert_cmpint (probe->state, !=, CL_PORT_STATE_UNREACHABLE);
      if (probe->state == CL_PORT_STATE_OPEN)
        g_string_append_printf (open, "%s%u", open->len ? " " : "", probe->port);
    }

  return g_string_free (g_steal_pointer (&open), FALSE);
}

static void
test_good (void)
{
  g_autoptr(ClModuleResult) result = NULL;
  g_autofree char *open = open_ports ("127.0.10.1");
  double seconds;

  g_assert_cmpstr (open, ==, "80 443");

  result = scan_domain ("good.example", &seconds);
  assert_findings (result, NULL, 0);
}

static void
test_bad (void)
{
  const Expected expected[] = {
    { "ports.ftp_exposed",     CL_SEVERITY_HIGH,     "127.0.10.3:21 open, banner \"220 (vsFTPd 2.3.4)\"" },
    { "ports.telnet_exposed",  CL_SEVERITY_CRITICAL, "127.0.10.3:23 open, banner \"Debian GNU/Linux 12 bad login:\"" },
    { "ports.smb_exposed",     CL_SEVERITY_CRITICAL, "127.0.10.3:445 open" },
    { "ports.mysql_exposed",   CL_SEVERITY_CRITICAL, "127.0.10.3:3306 open" },
    { "ports.rdp_exposed",     CL_SEVERITY_CRITICAL, "127.0.10.3:3389 open" },
    { "ports.vnc_exposed",     CL_SEVERITY_CRITICAL, "127.0.10.3:5900 open, banner \"RFB 003.008\"" },
    { "ports.redis_exposed",   CL_SEVERITY_CRITICAL, "127.0.10.3:6379 open" },
    { "ports.mongodb_exposed", CL_SEVERITY_CRITICAL, "127.0.10.3:27017 open" },
  };
  g_autoptr(ClModuleResult) result = NULL;
  g_autofree char *open = open_ports ("127.0.10.3");
  double seconds;

  g_assert_cmpstr (open, ==, "21 23 80 443 445 3306 3389 5900 6379 27017");

  result = scan_domain ("bad.example", &seconds);
  assert_findings (result, expected, G_N_ELEMENTS (expected));
  /* Its MySQL accepts and never greets: one banner timeout, not more. */
  g_assert_cmpfloat (seconds, <, 3 * NETWORK_TIMEOUT + 5);
}

static void
test_fair (void)
{
  const Expected expected[] = {
    { "ports.ftp_exposed", CL_SEVERITY_HIGH,
      "127.0.10.4:21 open, banner \"220 ProFTPD Server (fair.example) [127.0.10.4]\"" },
    { "ports.ssh_exposed", CL_SEVERITY_INFO,
      "127.0.10.4:22 open, banner \"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\"; " },
  };
  g_autoptr(ClModuleResult) result = NULL;
  double seconds;

  result = scan_domain ("fair.example", &seconds);
  assert_findings (result, expected, G_N_ELEMENTS (expected));
}

/* 80 and 443 accept and never answer: open, expected, and quick, since
 * HTTP is not a protocol in which the server speaks first. */
static void
test_silent (void)
{
  g_autoptr(ClModuleResult) result = NULL;
  g_autofree char *open = open_ports ("127.0.10.6");
  double seconds;

  g_assert_cmpstr (open, ==, "80 443");

  result = scan_domain ("silent.example", &seconds);
  assert_findings (result, NULL, 0);
  g_assert_cmpfloat (seconds, <, 3 * NETWORK_TIMEOUT + 5);
}

/* No address (MX only): nothing to scan, not a failure. */
static void
test_mailonly (void)
{
  g_autoptr(ClScanContext) context = cl_test_world_context ("mailonly.example");
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double seconds;

  result = run_ports (context, &seconds, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cl_module_result_get_status (result), ==, CL_MODULE_STATUS_NOT_APPLICABLE);
  g_assert_nonnull (cl_module_result_get_reason (result));
  g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 0);
}

static ClScanContext *
context_for (const char * const *addresses)
{
  g_autoptr(ClScanSettings) settings = cl_test_world_settings ();
  g_autoptr(ClResolver) resolver = cl_test_world_resolver (settings);
  ClScanContext *context = cl_scan_context_new ("bad.example", settings, resolver);

  for (guint i = 0; addresses[i] != NULL; i++)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (addresses[i]);

      cl_scan_context_add_address (context, address);
    }

  return context;
}

/* The world has no route but loopback: an address we cannot reach at all
 * makes the module unavailable, not clean. */
static void
test_unreachable (void)
{
  const char *addresses[] = { "192.0.2.1", "2001:db8::1", NULL };
  g_autoptr(ClScanContext) context = context_for (addresses);
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double seconds;

  result = run_ports (context, &seconds, &error);
  g_assert_error (error, CL_ERROR, CL_ERROR_UNAVAILABLE);
  g_assert_null (result);
  g_assert_nonnull (strstr (error->message, "192.0.2.1"));
  g_assert_cmpfloat (seconds, <, NETWORK_TIMEOUT);
}

/* Only the first address of each family is scanned, and an IPv6 address
 * that cannot be reached does not hide what IPv4 shows. */
static void
test_first_of_each_family (void)
{
  const char *addresses[] = { "127.0.10.4", "127.0.10.3", "2001:db8::3", NULL };
  g_autoptr(ClScanContext) context = context_for (addresses);
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double seconds;

  result = run_ports (context, &seconds, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cl_module_result_get_status (result), ==, CL_MODULE_STATUS_COMPLETED);
  /* fair's FTP and SSH, not bad's services. */
  g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 2);
  g_assert_true (cl_module_result_has_rule (result, "ports.ssh_exposed"));
  g_assert_true (cl_module_result_has_rule (result, "ports.ftp_exposed"));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(ClScanContext) context = cl_test_world_context ("bad.example");
  g_autoptr(ClModule) module = g_object_new (CL_TYPE_MODULE_PORTS, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ClModuleResult) module_result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* While bad's MySQL and Redis hold the banner reads. */
  start = g_get_monotonic_time ();
  g_timeout_add (200, cancel_cb, cancellable);
  cl_module_run_async (module, context, cancellable, store_result, &result);
  cl_test_wait ((gpointer *) &result);
  module_result = cl_module_run_finish (module, result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (module_result);
  /* Uncancelled, it would have completed; this bound only says it did not
   * linger after the cancel (loose: the machine may be loaded). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ports/world/good", test_good);
  g_test_add_func ("/ports/world/bad", test_bad);
  g_test_add_func ("/ports/world/fair", test_fair);
  g_test_add_func ("/ports/world/silent", test_silent);
  g_test_add_func ("/ports/world/mailonly", test_mailonly);
  g_test_add_func ("/ports/world/unreachable", test_unreachable);
  g_test_add_func ("/ports/world/first-of-each-family", test_first_of_each_family);
  g_test_add_func ("/ports/world/cancel", test_cancel);

  return g_test_run ();
}
