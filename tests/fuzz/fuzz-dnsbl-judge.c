/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-dnsbl-judge"

#include "config.h"

#include <stdint.h>

#include "cl-dnsbl.h"

/* A block list's answer judged (cl_dnsbl_lookup_judge): the first byte
 * picks the list of data/dnsbl.json and the rcode, the next one how many
 * 4-byte A records follow; the rest is the rdata of the TXT answer. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GPtrArray *lists = cl_dnsbl_get_default ();
  g_autoptr(ClDnsblLookup) lookup = NULL;
  g_autofree char *detail = NULL;
  ClDnsblCategory category;
  ClDnsblVerdict verdict;
  guint n_records;

  if (size < 2)
    return 0;

  lookup = cl_dnsbl_lookup_new (g_ptr_array_index (lists, (data[0] & 0x1f) % lists->len), "label");
  lookup->query->answer = cl_dns_answer_new (lookup->query->name, CL_DNS_TYPE_A, data[0] >> 5,
                                             FALSE, FALSE, NULL);
  n_records = data[1] % 8;
  data += 2;
  size -= 2;
  for (guint i = 0; i < n_records && size >= 4; i++, data += 4, size -= 4)
    cl_dns_answer_add_rdata (lookup->query->answer, data, 4);

  lookup->txt = cl_dns_query_new (lookup->query->name, CL_DNS_TYPE_TXT);
  lookup->txt->answer = cl_dns_answer_new (lookup->query->name, CL_DNS_TYPE_TXT, 0, FALSE, FALSE, NULL);
  cl_dns_answer_add_rdata (lookup->txt->answer, data, size);

  verdict = cl_dnsbl_lookup_judge (lookup, &category, &detail);
  g_assert (verdict <= CL_DNSBL_FAILED);
  g_assert (category <= CL_DNSBL_CATEGORY_MALWARE);
  /* the detail is evidence: valid UTF-8, and NULL only when not listed */
  g_assert ((detail == NULL) == (verdict == CL_DNSBL_NOT_LISTED));
  g_assert (detail == NULL || g_utf8_validate (detail, -1, NULL));

  return 0;
}
