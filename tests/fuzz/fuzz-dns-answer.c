/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-dns-answer"

#include "config.h"

#include <stdint.h>

#include "cl-dns-answer.h"

/* Feeds bytes as DNS rdata to every typed view of ClDnsAnswer, under
 * every RR type, as one record and as a list of records (each prefixed by
 * a two-octet length, as RDLENGTH does on the wire). */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const guint16 types[] = {
  CL_DNS_TYPE_A, CL_DNS_TYPE_NS, CL_DNS_TYPE_CNAME, CL_DNS_TYPE_SOA, 12 /* PTR */,
  CL_DNS_TYPE_MX, CL_DNS_TYPE_TXT, CL_DNS_TYPE_AAAA, 39 /* DNAME */, CL_DNS_TYPE_DS,
  CL_DNS_TYPE_RRSIG, CL_DNS_TYPE_DNSKEY, 59 /* CDS */, 60 /* CDNSKEY */, CL_DNS_TYPE_CAA,
};

static void
exercise (ClDnsAnswer *answer)
{
  g_autoptr(GPtrArray) addresses = cl_dns_answer_get_addresses (answer);
  g_autoptr(GPtrArray) mx = cl_dns_answer_get_mx (answer);
  g_autoptr(GPtrArray) caa = cl_dns_answer_get_caa (answer);
  g_autoptr(GPtrArray) keys = cl_dns_answer_get_dnskeys (answer);
  g_autoptr(GPtrArray) ds = cl_dns_answer_get_ds (answer);
  g_auto(GStrv) txt = cl_dns_answer_get_txt (answer);
  g_auto(GStrv) names = cl_dns_answer_get_names (answer);
  g_autoptr(GPtrArray) signatures = cl_dns_answer_get_signatures (answer);

  /* What the views return is text for reports: it must be valid UTF-8
   * and, for names and tags, free of anything that needs quoting. */
  for (guint i = 0; txt[i] != NULL; i++)
    g_assert (g_utf8_validate (txt[i], -1, NULL));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert (g_str_is_ascii (names[i]));
  for (guint i = 0; i < mx->len; i++)
    {
      const ClDnsMx *record = g_ptr_array_index (mx, i);

      g_assert (g_str_is_ascii (record->exchange));
      if (i > 0)
        g_assert (((const ClDnsMx *)g_ptr_array_index (mx, i - 1))->preference <= record->preference);
    }
  for (guint i = 0; i < caa->len; i++)
    {
      const ClDnsCaa *record = g_ptr_array_index (caa, i);

      g_assert (record->tag[0] != '\0' && g_str_is_ascii (record->tag));
      g_assert (g_utf8_validate (record->value, -1, NULL));
    }
  for (guint i = 0; i < addresses->len; i++)
    g_assert (G_IS_INET_ADDRESS (g_ptr_array_index (addresses, i)));
  for (guint i = 0; i < keys->len; i++)
    g_assert (((const ClDnsKey *)g_ptr_array_index (keys, i))->key_bits <= 65535 * 8);
  for (guint i = 0; i < signatures->len; i++)
    g_assert (g_str_is_ascii (((const ClDnsRrsig *)g_ptr_array_index (signatures, i))->signer));
  for (guint i = 0; i < ds->len; i++)
    g_assert (((const ClDnsDs *)g_ptr_array_index (ds, i))->digest_hex[0] != '\0');
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(ClDnsAnswer) whole = cl_dns_answer_new ("fuzz.example", types[t], 0, FALSE, FALSE, NULL);
      g_autoptr(ClDnsAnswer) framed = cl_dns_answer_new ("fuzz.example", types[t], 0, FALSE, FALSE, NULL);
      gsize pos = 0;

      cl_dns_answer_add_rdata (whole, data, size);
      cl_dns_answer_add_signature (whole, data, size);
      exercise (whole);

      while (pos < size)
        {
          gsize len;

          if (size - pos < 2)
            break;
          len = ((gsize)data[pos] << 8) | data[pos + 1];
          pos += 2;
          len = MIN (len, size - pos);
          cl_dns_answer_add_rdata (framed, data + pos, len);
          pos += len;
        }
      exercise (framed);
    }

  return 0;
}
