/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-x509"

#include "config.h"

#include <stdint.h>

#include "cl-module-ssl-private.h"
#include "cl-tls-probe.h"

/* The ssl module's reading of a certificate chain, which comes from the
 * network: parsing, the trust and host name checks, the AIA completion
 * and the judgement of what was read.
 *
 * Input: a flag byte (bit 0: the first record is a trust anchor, not sent;
 * bit 1: the last record is the issuer fetched from the AIA URL, not
 * sent), then records of a 2-byte big-endian length and that much DER.
 * tests/data/ssl/regenerate.sh makes the seed corpus. */

#define MAX_RECORDS (CL_TLS_PROBE_MAX_CERTIFICATES + 4)

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  gnutls_datum_t records[MAX_RECORDS];
  gnutls_x509_trust_list_t trust = NULL;
  g_autoptr(ClSslFacts) facts = NULL;
  g_autoptr(ClModuleResult) result = NULL;
  const gnutls_datum_t *chain;
  const gnutls_datum_t *aia = NULL;
  guint n_records = 0;
  guint n_chain;
  guint8 flags;
  size_t pos = 1;

  if (size < 1)
    return 0;
  flags = data[0];

  while (n_records < MAX_RECORDS && pos + 2 <= size)
    {
      size_t len = ((size_t)data[pos] << 8) | data[pos + 1];

      pos += 2;
      len = MIN (len, size - pos);
      records[n_records].data = (unsigned char *)data + pos;
      records[n_records].size = len;
      n_records++;
      pos += len;
    }

  if (gnutls_x509_trust_list_init (&trust, 0) < 0)
    return 0;

  chain = records;
  n_chain = n_records;
  if ((flags & 1) && n_chain > 0)
    {
      gnutls_x509_trust_list_add_trust_mem (trust, &records[0], NULL,
                                            GNUTLS_X509_FMT_DER, 0, 0);
      chain++;
      n_chain--;
    }
  if ((flags & 2) && n_chain > 0)
    {
      aia = &chain[n_chain - 1];
      n_chain--;
    }

  /* A fixed "now", as the unit tests use: 2030-01-01. */
  facts = cl_ssl_facts_new ("test.example", G_GINT64_CONSTANT (1893456000));
  cl_ssl_offer_set (&facts->first, CL_SSL_OUTCOME_ACCEPTED, "TLS1.2",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", NULL);
  cl_ssl_facts_read_chain (facts, chain, n_chain, trust);
  if (aia != NULL && !facts->trusted)
    cl_ssl_facts_add_issuer (facts, chain, n_chain, aia, trust);

  result = cl_module_result_new ("ssl");
  cl_ssl_judge (facts, result);

  gnutls_x509_trust_list_deinit (trust, 1);

  return 0;
}
