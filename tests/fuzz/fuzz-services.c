/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-services"

#include "config.h"

#include <stdint.h>

#include "cl-module-breaches-private.h"
#include "cl-module-subdomains-private.h"
#include "cl-module-whois-private.h"
#include "cl-service-client.h"

/* Feeds bytes as a remote service's answer to the service client's JSON
 * parser, then, when it parses, as the RDAP bootstrap and domain answer
 * to the whois module, as the breach list to the breaches module and as
 * crt.sh's answer to the subdomains module.  Whatever the service sends,
 * the evidence is printable UTF-8. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check (ClModuleResult *result)
{
  GPtrArray *findings = cl_module_result_get_findings (result);

  for (guint i = 0; i < findings->len; i++)
    {
      const char *evidence = cl_finding_get_evidence (g_ptr_array_index (findings, i));

      g_assert (evidence != NULL && evidence[0] != '\0');
      g_assert (g_utf8_validate (evidence, -1, NULL));
      for (const char *p = evidence; *p != '\0'; p = g_utf8_next_char (p))
        g_assert (!g_unichar_iscntrl (g_utf8_get_char (p)));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 1, 12, 0, 0);
  g_autoptr(ClModuleResult) whois = cl_module_result_new ("whois");
  g_autoptr(ClModuleResult) breaches = cl_module_result_new ("breaches");
  g_autoptr(ClModuleResult) subdomains = cl_module_result_new ("subdomains");
  g_autoptr(ClWhoisFacts) whois_facts = NULL;
  g_autoptr(ClBreachesFacts) breaches_facts = NULL;
  g_autoptr(ClSubdomainsFacts) subdomains_facts = NULL;
  g_autofree char *server = NULL;
  g_auto(GStrv) names = NULL;

  node = cl_service_client_parse_json ((const char *)data, size, NULL);
  if (node == NULL)
    return 0;

  server = _cl_whois_find_server (node, "shop.example");
  g_assert (server == NULL || g_str_has_suffix (server, "/"));
  whois_facts = _cl_whois_facts_new ("shop.example", node, now);
  _cl_module_whois_judge (whois_facts, whois);
  check (whois);

  breaches_facts = _cl_breaches_facts_new ("shop.example", node, now);
  _cl_module_breaches_judge (breaches_facts, breaches);
  check (breaches);

  names = _cl_subdomains_parse_ct (node, "shop.example", CL_SUBDOMAINS_MAX_CT);
  subdomains_facts = _cl_subdomains_facts_new ("shop.example");
  for (guint i = 0; names[i] != NULL; i++)
    {
      ClSubdomain *subdomain = _cl_subdomains_facts_add (subdomains_facts, names[i]);

      g_assert (g_str_has_suffix (names[i], ".shop.example"));
      subdomain->from_ct = TRUE;
      g_ptr_array_add (subdomain->addresses, g_strdup ("192.0.2.1"));
    }
  _cl_module_subdomains_judge (subdomains_facts, subdomains);
  check (subdomains);

  return 0;
}
