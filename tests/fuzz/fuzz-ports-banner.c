/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-ports-banner"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "cl-module-ports-private.h"

/* Feeds bytes as the banner of every port that speaks first (Telnet's
 * option stripping, SSH's version check, the sanitiser) and checks that
 * the evidence stays printable ASCII. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ClPortsFacts) facts = _cl_ports_facts_new ();
  g_autoptr(ClModuleResult) result = cl_module_result_new ("ports");
  g_autofree char *clean = _cl_module_ports_sanitize_banner (data, size);
  GPtrArray *findings;
  guint n_entries;
  const ClPortEntry *list = _cl_module_ports_get_entries (&n_entries);

  g_assert (strlen (clean) <= CL_PORTS_BANNER_MAX + 3);

  for (guint i = 0; i < n_entries; i++)
    {
      if (list[i].speaks_first)
        _cl_ports_facts_add (facts, "127.0.10.3", list[i].port, CL_PORT_STATE_OPEN,
                             (const char *) data, MIN (size, CL_PORTS_BANNER_MAX));
    }

  _cl_module_ports_judge (facts, result);

  findings = cl_module_result_get_findings (result);
  for (guint i = 0; i < findings->len; i++)
    {
      const char *evidence = cl_finding_get_evidence (g_ptr_array_index (findings, i));

      for (const char *p = evidence; *p != '\0'; p++)
        g_assert ((guchar) *p >= 0x20 && (guchar) *p < 0x7f);
    }

  return 0;
}
