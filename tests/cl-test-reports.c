/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cl-module-catalog.h"
#include "cl-modules.h"
#include "cl-test-reports.h"

/* The typical report: what a middling domain shows, every severity. */
static const struct
{
  const char *module;
  const char *rule;
  ClSeverity  severity;
  const char *finding;
  const char *remediation;
  const char *evidence;
} typical[] = {
  { "dns_email", "dns_email.dmarc_missing", CL_SEVERITY_CRITICAL, "No DMARC record",
    "Publish a DMARC record at _dmarc with p=quarantine or p=reject", "no TXT record at _dmarc" },
  { "ssl", "ssl.tls1_0_enabled", CL_SEVERITY_HIGH, "TLS 1.0 is accepted",
    "Disable TLS 1.0 and 1.1; offer TLS 1.2 and 1.3 only", "TLSv1.0 handshake succeeded with ECDHE-RSA-AES128-SHA" },
  { "ssl", "ssl.tls1_1_enabled", CL_SEVERITY_HIGH, "TLS 1.1 is accepted",
    "Disable TLS 1.1", "TLSv1.1 handshake succeeded" },
  { "headers", "headers.csp_unsafe_inline", CL_SEVERITY_MEDIUM, "The Content-Security-Policy allows 'unsafe-inline' scripts",
    "Remove 'unsafe-inline' from script-src; use nonces or hashes", "content-security-policy: default-src 'self'; script-src 'self' 'unsafe-inline'" },
  { "headers", "headers.hsts_short_max_age", CL_SEVERITY_MEDIUM, "HSTS max-age is under six months",
    "Set Strict-Transport-Security: max-age=31536000; includeSubDomains", "strict-transport-security: max-age=86400" },
  { "headers", "headers.xfo_missing", CL_SEVERITY_LOW, "No X-Frame-Options header",
    "Add X-Frame-Options: DENY or a frame-ancestors directive", NULL },
  { "dns_email", "dns_email.caa_missing", CL_SEVERITY_LOW, "No CAA record",
    "Publish a CAA record naming the certificate authorities you use", "no CAA record at the domain or its parents" },
  { "ports", "ports.ftp_exposed", CL_SEVERITY_HIGH, "FTP is open to the Internet",
    "Close port 21, or restrict it to known addresses; use SFTP", "21/tcp open: 220 ProFTPD Server ready" },
  { "ports", "ports.ssh_exposed", CL_SEVERITY_INFO, "SSH answers on port 22",
    "Keep SSH to key authentication, or restrict it to known addresses", "22/tcp open: SSH-2.0-OpenSSH_9.2p1" },
  { "dns_email", "dns_email.dkim_not_found", CL_SEVERITY_INFO, "No DKIM key found under the usual selectors",
    "Make sure outgoing mail is DKIM-signed", "selectors tried: default, google, selector1, selector2" },
};

static GPtrArray *
results_new (void)
{
  GPtrArray *catalog = cl_module_catalog_list ();
  GPtrArray *results = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < catalog->len; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, i);
      ClModuleResult *result = cl_module_result_new (info->id);

      if (cl_modules_get_rule_ids (info->id) == NULL)
        cl_module_result_set_status (result, CL_MODULE_STATUS_NOT_IMPLEMENTED, NULL);
      g_ptr_array_add (results, result);
    }

  return results;
}

static ClModuleResult *
find_result (GPtrArray  *results,
             const char *module_id)
{
  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (cl_module_result_get_module_id (g_ptr_array_index (results, i)), module_id))
      return g_ptr_array_index (results, i);
  g_assert_not_reached ();
}

/* @n findings over some two dozen rules of every implemented module, in
 * turn, with distinct texts so that a test can look for each.  (Many
 * findings of a few rules, as a domain with many open ports or weak hosts
 * has; each rule is a recommendation, whose fix plan costs the square of
 * their number to work out.) */
#define MANY_RULES 24
static void
add_many (GPtrArray *results,
          guint      n)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();  /* module id, rule id, module id, … */
  guint stride;

  for (guint i = 0; i < results->len; i++)
    {
      const char *id = cl_module_result_get_module_id (g_ptr_array_index (results, i));
      const char * const *ids = cl_modules_get_rule_ids (id);

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          g_ptr_array_add (rules, (gpointer) id);
          g_ptr_array_add (rules, (gpointer) ids[j]);
        }
    }
  g_assert_cmpuint (rules->len / 2, >=, MANY_RULES);
  stride = rules->len / 2 / MANY_RULES;

  for (guint i = 0; i < n; i++)
    {
      guint r = (i % MANY_RULES) * stride * 2;
      ClModuleResult *result = find_result (results, g_ptr_array_index (rules, r));
      const char *rule = g_ptr_array_index (rules, r + 1);
      g_autofree char *finding = g_strdup_printf ("Synthetic finding number %u of rule %s", i, rule);
      g_autofree char *remediation = g_strdup_printf ("Remediation number %u", i);

      cl_module_result_add (result, rule, i % CL_N_SEVERITIES, finding, remediation,
                            "evidence line %u: server answered 'HTTP/1.1 200 OK'", i);
    }
}

ClReport *
cl_test_report_new (const ClTestReportOptions *options)
{
  g_autoptr(GPtrArray) results = results_new ();
  g_autoptr(GPtrArray) caveats = g_ptr_array_new ();
  g_autoptr(GPtrArray) exclusions = g_ptr_array_new_with_free_func ((GDestroyNotify) cl_exclusion_free);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 3, 7, 12, 0, 0);

  if (options->unavailable)
    for (guint i = 0; i < results->len; i++)
      {
        ClModuleResult *result = g_ptr_array_index (results, i);

        if (cl_module_result_get_status (result) == CL_MODULE_STATUS_COMPLETED)
          cl_module_result_set_status (result, CL_MODULE_STATUS_UNAVAILABLE, "the resolver did not answer");
      }
  else if (options->n_findings == 0)
    for (guint i = 0; i < G_N_ELEMENTS (typical); i++)
      cl_module_result_add (find_result (results, typical[i].module), typical[i].rule, typical[i].severity,
                            i == 0 && options->long_text != NULL ? options->long_text : typical[i].finding,
                            typical[i].remediation,
                            typical[i].evidence != NULL ? "%s" : NULL, typical[i].evidence);
  else
    add_many (results, options->n_findings);

  if (options->false_positive)
    {
      g_autoptr(GDateTime) marked_at = g_date_time_new_utc (2026, 3, 6, 9, 30, 0);

      if (options->n_findings == 0)
        cl_module_result_add (find_result (results, "headers"), "headers.nosniff_missing", CL_SEVERITY_LOW,
                              "No X-Content-Type-Options header", "Add X-Content-Type-Options: nosniff", NULL);
      g_ptr_array_add (exclusions, cl_exclusion_new ("headers.nosniff_missing",
                                                     "The CDN adds it; the origin is never reached directly",
                                                     "alice", marked_at));
    }

  g_ptr_array_add (caveats, (gpointer) "External scanning only - internal controls not assessed");
  g_ptr_array_add (caveats, (gpointer) "DKIM false negatives possible with custom selectors");

  return cl_report_new_full (options->domain != NULL ? options->domain : "example.com", when,
                             results, caveats, exclusions);
}
