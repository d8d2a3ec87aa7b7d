/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ports-judge"

#include "config.h"

#include <string.h>

#include "cl-module-ports-private.h"
#include "cl-scoring.h"

/* The ports module's judging, on recorded facts. */

#define V4 "127.0.10.2"
#define V6 "2001:db8::2"

static const struct {
  guint16     port;
  const char *rule_id;
  ClSeverity  severity;
} expected[] = {
  { 21,    "ports.ftp_exposed",            CL_SEVERITY_HIGH },
  { 22,    "ports.ssh_exposed",            CL_SEVERITY_INFO },
  { 23,    "ports.telnet_exposed",         CL_SEVERITY_CRITICAL },
  { 25,    "ports.smtp_exposed",           CL_SEVERITY_INFO },
  { 53,    "ports.dns_exposed",            CL_SEVERITY_INFO },
  { 110,   "ports.pop3_exposed",           CL_SEVERITY_LOW },
  { 111,   "ports.rpcbind_exposed",        CL_SEVERITY_HIGH },
  { 139,   "ports.netbios_exposed",        CL_SEVERITY_CRITICAL },
  { 143,   "ports.imap_exposed",           CL_SEVERITY_LOW },
  { 161,   "ports.snmp_exposed",           CL_SEVERITY_HIGH },
  { 389,   "ports.ldap_exposed",           CL_SEVERITY_HIGH },
  { 445,   "ports.smb_exposed",            CL_SEVERITY_CRITICAL },
  { 465,   "ports.smtps_exposed",          CL_SEVERITY_INFO },
  { 587,   "ports.submission_exposed",     CL_SEVERITY_INFO },
  { 993,   "ports.imaps_exposed",          CL_SEVERITY_INFO },
  { 995,   "ports.pop3s_exposed",          CL_SEVERITY_INFO },
  { 1433,  "ports.mssql_exposed",          CL_SEVERITY_CRITICAL },
  { 1521,  "ports.oracle_exposed",         CL_SEVERITY_CRITICAL },
  { 2049,  "ports.nfs_exposed",            CL_SEVERITY_CRITICAL },
  { 2375,  "ports.docker_exposed",         CL_SEVERITY_CRITICAL },
  { 2376,  "ports.docker_tls_exposed",     CL_SEVERITY_CRITICAL },
  { 3306,  "ports.mysql_exposed",          CL_SEVERITY_CRITICAL },
  { 3389,  "ports.rdp_exposed",            CL_SEVERITY_CRITICAL },
  { 5432,  "ports.postgresql_exposed",     CL_SEVERITY_CRITICAL },
  { 5900,  "ports.vnc_exposed",            CL_SEVERITY_CRITICAL },
  { 5984,  "ports.couchdb_exposed",        CL_SEVERITY_CRITICAL },
  { 6379,  "ports.redis_exposed",          CL_SEVERITY_CRITICAL },
  { 6443,  "ports.kubernetes_api_exposed", CL_SEVERITY_HIGH },
  { 8080,  "ports.http_alt_exposed",       CL_SEVERITY_LOW },
  { 8443,  "ports.https_alt_exposed",      CL_SEVERITY_LOW },
  { 9200,  "ports.elasticsearch_exposed",  CL_SEVERITY_CRITICAL },
  { 10000, "ports.webmin_exposed",         CL_SEVERITY_CRITICAL },
  { 10250, "ports.kubelet_exposed",        CL_SEVERITY_CRITICAL },
  { 11211, "ports.memcached_exposed",      CL_SEVERITY_CRITICAL },
  { 27017, "ports.mongodb_exposed",        CL_SEVERITY_CRITICAL },
};

static ClModuleResult *
judge (ClPortsFacts *facts)
{
  ClModuleResult *result = cl_module_result_new ("ports");

  _cl_module_ports_judge (facts, result);
  return result;
}

static ClFinding *
only_finding (ClModuleResult *result)
{
  GPtrArray *findings = cl_module_result_get_findings (result);

  g_assert_cmpuint (findings->len, ==, 1);
  return g_ptr_array_index (findings, 0);
}

/* The list is data, but its rule ids are a contract with the store and
 * the compliance mapping: the list and this table must agree. */
static void
test_list (void)
{
  guint n_entries;
  const ClPortEntry *list = _cl_module_ports_get_entries (&n_entries);

  g_assert_cmpuint (n_entries, ==, G_N_ELEMENTS (expected) + 2);

  for (guint i = 0; i < n_entries; i++)
    {
      const ClPortEntry *entry = &list[i];
      gboolean found = FALSE;

      g_assert_true (_cl_module_ports_lookup (entry->port) == entry);
      g_assert_nonnull (entry->name);
      g_assert_nonnull (entry->category);

      if (entry->port == 80 || entry->port == 443)
        {
          g_assert_null (entry->rule_id);
          continue;
        }

      for (guint j = 0; j < G_N_ELEMENTS (expected); j++)
        {
          if (expected[j].port == entry->port)
            {
              g_assert_cmpstr (entry->rule_id, ==, expected[j].rule_id);
              g_assert_cmpint (entry->severity, ==, expected[j].severity);
              found = TRUE;
            }
        }
      g_assert_true (found);
    }

  g_assert_null (_cl_module_ports_lookup (12345));

  /* The protocols in which the server greets first. */
  g_assert_true (_cl_module_ports_lookup (21)->speaks_first);
  g_assert_true (_cl_module_ports_lookup (22)->speaks_first);
  g_assert_true (_cl_module_ports_lookup (3306)->speaks_first);
  g_assert_false (_cl_module_ports_lookup (80)->speaks_first);
  g_assert_false (_cl_module_ports_lookup (6379)->speaks_first);
}

static void
test_each_severity (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(ClPortsFacts) facts = _cl_ports_facts_new ();
      g_autoptr(ClModuleResult) result = NULL;
      g_autofree char *evidence = g_strdup_printf (V4 ":%u open", expected[i].port);
      ClFinding *finding;

      _cl_ports_facts_add (facts, V4, 80, CL_PORT_STATE_OPEN, NULL, 0);
      _cl_ports_facts_add (facts, V4, expected[i].port, CL_PORT_STATE_OPEN, NULL, 0);
      result = judge (facts);

      finding = only_finding (result);
      g_assert_cmpstr (cl_finding_get_rule_id (finding), ==, expected[i].rule_id);
      g_assert_cmpint (cl_finding_get_severity (finding), ==, expected[i].severity);
      g_assert_true (g_str_has_prefix (cl_finding_get_evidence (finding), evidence));
      /* The texts are found and formatted with the name and the port. */
      g_assert_nonnull (strstr (cl_finding_get_finding (finding),
                                _cl_module_ports_lookup (expected[i].port)->name));
      g_assert_nonnull (strstr (cl_finding_get_remediation (finding), " "));
    }
}

static void
test_web_expected (void)
{
  g_autoptr(ClPortsFacts) facts = _cl_ports_facts_new ();
  g_autoptr(ClModuleResult) result = NULL;

  _cl_ports_facts_add (facts, V4, 80, CL_PORT_STATE_OPEN, NULL, 0);
  _cl_ports_facts_add (facts, V4, 443, CL_PORT_STATE_OPEN, NULL, 0);
  _cl_ports_facts_add (facts, V6, 80, CL_PORT_STATE_OPEN, NULL, 0);
  _cl_ports_facts_add (facts, V6, 443, CL_PORT_STATE_OPEN, NULL, 0);
  _cl_ports_facts_add (facts, V4, 22, CL_PORT_STATE_CLOSED, NULL, 0);
  result = judge (facts);

  g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 0);
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

/* Only an accepted connection is an exposure. */
static void
test_not_open (void)
{
  g_autoptr(ClPortsFacts) facts = _cl_ports_facts_new ();
  g_autoptr(ClModuleResult) result = NULL;

  _cl_ports_facts_add (facts, V4, 23, CL_PORT_STATE_CLOSED, NULL, 0);
  _cl_ports_facts_add (facts, V4, 3389, CL_PORT_STATE_FILTERED, NULL, 0);
  _cl_ports_facts_add (facts, V6, 3306, CL_PORT_STATE_UNREACHABLE, NULL, 0);
  /* A port we did not ask about, from an older list. */
  _cl_ports_facts_add (facts, V4, 12345, CL_PORT_STATE_OPEN, NULL, 0);
  result = judge (facts);

  g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 0);
}

static void
test_dual_stack (void)
{
  g_autoptr(ClPortsFacts) facts = _cl_ports_facts_new ();
  g_autoptr(ClModuleResult) result = NULL;
  ClFinding *finding;

  _cl_ports_facts_add (facts, V4, 21, CL_PORT_STATE_OPEN, "220 (vsFTPd 3.0.3)\r\n", -1);
  _cl_ports_facts_add (facts, V6, 21, CL_PORT_STATE_OPEN, NULL, 0);
  result = judge (facts);

  finding = only_finding (result);
  g_assert_cmpstr (cl_finding_get_rule_id (finding), ==, "ports.ftp_exposed");
  g_assert_cmpstr (cl_finding_get_evidence (finding), ==,
                   V4 ":21 open, banner \"220 (vsFTPd 3.0.3)\"; [" V6 "]:21 open");
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 75);
}

static void
test_ssh (void)
{
  g_autoptr(ClPortsFacts) facts = _cl_ports_facts_new ();
  g_autoptr(ClModuleResult) result = NULL;
  ClFinding *finding;

  _cl_ports_facts_add (facts, V4, 22, CL_PORT_STATE_OPEN, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2\r\n", -1);
  result = judge (facts);

  finding = only_finding (result);
  g_assert_cmpstr (cl_finding_get_rule_id (finding), ==, "ports.ssh_exposed");
  g_assert_cmpint (cl_finding_get_severity (finding), ==, CL_SEVERITY_INFO);
  g_assert_true (g_str_has_prefix (cl_finding_get_evidence (finding),
                                   V4 ":22 open, banner \"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2\"; "));
  g_assert_nonnull (strstr (cl_finding_get_evidence (finding), "cannot be seen from outside"));
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 100);
}

static void
test_ssh_protocol_1 (void)
{
  const char *banners[] = { "SSH-1.99-OpenSSH_3.9p1\r\n", "SSH-1.5-1.2.27\n" };

  for (guint i = 0; i < G_N_ELEMENTS (banners); i++)
    {
      g_autoptr(ClPortsFacts) facts = _cl_ports_facts_new ();
      g_autoptr(ClModuleResult) result = NULL;

      _cl_ports_facts_add (facts, V4, 22, CL_PORT_STATE_OPEN, banners[i], -1);
      result = judge (facts);

      g_assert_true (cl_module_result_has_rule (result, "ports.ssh_exposed"));
      g_assert_true (cl_module_result_has_rule (result, "ports.ssh_protocol_1"));
      g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 2);
    }

  /* Not on another port, nor from a protocol 2 banner. */
  {
    g_autoptr(ClPortsFacts) facts = _cl_ports_facts_new ();
    g_autoptr(ClModuleResult) result = NULL;

    _cl_ports_facts_add (facts, V4, 21, CL_PORT_STATE_OPEN, "SSH-1.99-odd\r\n", -1);
    _cl_ports_facts_add (facts, V6, 22, CL_PORT_STATE_OPEN, "SSH-2.0-dropbear_2022.83\r\n", -1);
    result = judge (facts);
    g_assert_false (cl_module_result_has_rule (result, "ports.ssh_protocol_1"));
  }
}

/* What bad.example exposes scores 0; what fair.example exposes, 100. */
static void
test_scores (void)
{
  const guint16 bad[] = { 21, 23, 445, 3389, 3306, 6379, 27017, 5900, 80, 443 };
  g_autoptr(ClPortsFacts) facts = _cl_ports_facts_new ();
  g_autoptr(ClModuleResult) result = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    _cl_ports_facts_add (facts, V4, bad[i], CL_PORT_STATE_OPEN, NULL, 0);
  result = judge (facts);

  g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 8);
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 0);
}

static void
test_mail (void)
{
  const guint16 ports[] = { 25, 465, 587, 993, 995, 110, 143 };
  g_autoptr(ClPortsFacts) facts = _cl_ports_facts_new ();
  g_autoptr(ClModuleResult) result = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
    _cl_ports_facts_add (facts, V4, ports[i], CL_PORT_STATE_OPEN, NULL, 0);
  result = judge (facts);

  /* A full mail server on the web host: two cleartext mailbox ports. */
  g_assert_cmpuint (cl_module_result_get_findings (result)->len, ==, 7);
  g_assert_cmpuint (cl_scoring_module_score (cl_module_result_get_findings (result)), ==, 92);
}

static void
assert_sanitized (const char *data,
                  gsize       len,
                  const char *expected_text)
{
  g_autofree char *text = _cl_module_ports_sanitize_banner ((const guint8 *) data, len);

  g_assert_cmpstr (text, ==, expected_text);
}

static void
test_banner (void)
{
  g_autofree char *long_banner = NULL;
  g_autofree char *text = NULL;
  /* A MySQL 8 greeting: length, sequence, protocol 10, version, thread
   * id, salt, capabilities… */
  const char mysql[] = "J\0\0\0\n8.0.36\0\x08\0\0\0;Y`k:\x1b\x10\x01\0\xff\xff\xff\x02\0\xff\xdf\x15\0\0\0\0\0\0\0\0\0\0lP~(@u!5O\x7fM\0caching_sha2_password\0";
  const char telnet[] = "\xff\xfd\x18\xff\xfd \xff\xfd#\xff\xfd'";

  assert_sanitized ("220 (vsFTPd 3.0.3)\r\n", 20, "220 (vsFTPd 3.0.3)");
  assert_sanitized ("", 0, "");
  assert_sanitized (NULL, 0, "");
  assert_sanitized ("\r\n\t \x01\x02", 6, "");
  /* Control bytes, escapes and DEL never reach the evidence. */
  assert_sanitized ("a\x1b[31mred\x1b[0m\x07\x7f" "b", 16, "a [31mred [0m b");
  /* Bytes that are not ASCII (Latin-1 "é", broken UTF-8) are gaps. */
  assert_sanitized ("caf\xe9 \xc3\x28 ok", 10, "caf ( ok");
  assert_sanitized ("\xef\xbb\xbf" "220 ready", 12, "220 ready");
  assert_sanitized (mysql, sizeof mysql - 1, "J 8.0.36 ;Y`k: lP~(@u!5O M caching_sha2_password");
  /* Telnet's option negotiation has nothing printable but a few marks. */
  assert_sanitized (telnet, sizeof telnet - 1, "# '");

  /* A server that talks on and on is cut at the cap. */
  long_banner = g_strnfill (4096, 'A');
  text = _cl_module_ports_sanitize_banner ((const guint8 *) long_banner, 4096);
  g_assert_cmpuint (strlen (text), ==, CL_PORTS_BANNER_MAX + 3);
  g_assert_true (g_str_has_suffix (text, "A..."));

  /* Whatever comes in, ASCII printable comes out. */
  for (guint round = 0; round < 100; round++)
    {
      guint8 noise[512];
      g_autofree char *clean = NULL;

      for (guint i = 0; i < sizeof noise; i++)
        noise[i] = g_test_rand_int_range (0, 256);
      clean = _cl_module_ports_sanitize_banner (noise, g_test_rand_int_range (0, sizeof noise));
      for (const char *p = clean; *p; p++)
        g_assert_true (*p >= 0x20 && *p < 0x7f);
      g_assert_true (g_str_is_ascii (clean));
      g_assert_cmpuint (strlen (clean), <=, CL_PORTS_BANNER_MAX + 3);
    }
}

/* A banner with control bytes reaches the evidence only cleaned. */
static void
test_banner_in_evidence (void)
{
  g_autoptr(ClPortsFacts) facts = _cl_ports_facts_new ();
  g_autoptr(ClModuleResult) result = NULL;
  ClFinding *finding;

  _cl_ports_facts_add (facts, V4, 23, CL_PORT_STATE_OPEN, "\xff\xfd\x18login:\x1b[2J\r\n", -1);
  result = judge (facts);

  finding = only_finding (result);
  g_assert_cmpstr (cl_finding_get_evidence (finding), ==, V4 ":23 open, banner \"login: [2J\"");

  /* Telnet option negotiation (RFC 854) is dropped, not shown. */
  {
    const char *banners[][2] = {
      { "\xff\xfb\x01\xff\xfa\x18\x01\xff\xf0Welcome\xff\xffhome\xff", V4 ":23 open, banner \"Welcome home\"" },
      { "\xff\xfa\x18 unterminated", V4 ":23 open" },
      { "\xff\xf1\xff\xfd", V4 ":23 open" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (banners); i++)
      {
        g_autoptr(ClPortsFacts) facts2 = _cl_ports_facts_new ();
        g_autoptr(ClModuleResult) result2 = NULL;

        _cl_ports_facts_add (facts2, V4, 23, CL_PORT_STATE_OPEN, banners[i][0], -1);
        result2 = judge (facts2);
        g_assert_cmpstr (cl_finding_get_evidence (only_finding (result2)), ==, banners[i][1]);
      }
  }

  /* A banner of nothing printable is no banner. */
  {
    g_autoptr(ClPortsFacts) facts2 = _cl_ports_facts_new ();
    g_autoptr(ClModuleResult) result2 = NULL;

    _cl_ports_facts_add (facts2, V4, 5900, CL_PORT_STATE_OPEN, "\0\0\0\r\n", 5);
    result2 = judge (facts2);
    g_assert_cmpstr (cl_finding_get_evidence (only_finding (result2)), ==, V4 ":5900 open");
  }
}

static void
test_caveat (void)
{
  const char *caveat = cl_module_ports_get_caveat ();

  g_assert_nonnull (strstr (caveat, "TCP connect scan from this machine at scan time"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ports/list", test_list);
  g_test_add_func ("/ports/judge/each-severity", test_each_severity);
  g_test_add_func ("/ports/judge/web-expected", test_web_expected);
  g_test_add_func ("/ports/judge/not-open", test_not_open);
  g_test_add_func ("/ports/judge/dual-stack", test_dual_stack);
  g_test_add_func ("/ports/judge/ssh", test_ssh);
  g_test_add_func ("/ports/judge/ssh-protocol-1", test_ssh_protocol_1);
  g_test_add_func ("/ports/judge/scores", test_scores);
  g_test_add_func ("/ports/judge/mail", test_mail);
  g_test_add_func ("/ports/judge/banner-in-evidence", test_banner_in_evidence);
  g_test_add_func ("/ports/banner", test_banner);
  g_test_add_func ("/ports/caveat", test_caveat);

  return g_test_run ();
}
