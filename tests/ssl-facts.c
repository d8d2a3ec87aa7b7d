/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ssl-facts"

#include "config.h"

#include <locale.h>

#include "cl-module-ssl-private.h"
#include "cl-test-util.h"

/* Prints what the ssl module fetches from a world host, one fact a line
 * ("protocol TLS1.0 refused", "cert chain passed", "rule ssl.x high"), so
 * that tests/world/compare-testssl.sh can set it beside testssl.sh's
 * verdicts.  Run inside tests/world/run: ssl-facts DOMAIN */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static const char *
outcome (const ClSslOffer *offer)
{
  switch (offer->outcome)
    {
    case CL_SSL_OUTCOME_ACCEPTED:
      return "accepted";
    case CL_SSL_OUTCOME_REFUSED:
      return "refused";
    case CL_SSL_OUTCOME_UNKNOWN:
    default:
      return "unknown";
    }
}

static const char *
version_outcome (const ClSslFacts *facts,
                 ClSslOfferKind    kind,
                 const char       *version)
{
  if (g_strcmp0 (facts->first.protocol, version) == 0)
    return "accepted";
  return outcome (&facts->offers[kind]);
}

/* The hash of a signature algorithm, as both tools can name it. */
static const char *
signature_hash (gnutls_sign_algorithm_t sign)
{
  return gnutls_digest_get_name (gnutls_sign_get_hash_algorithm (sign));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ClScanContext) context = NULL;
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(ClSslFacts) facts = NULL;
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const ClSslCert *leaf;
  GPtrArray *findings;
  const char *chain;
  gboolean forward_secret;

  setlocale (LC_ALL, "");

  if (argc != 2)
    {
      g_printerr ("usage: %s DOMAIN (inside tests/world/run)\n", argv[0]);
      return 2;
    }

  context = cl_test_world_context (argv[1]);
  cl_ssl_fetch_async (context, NULL, store_result, &async_result);
  cl_test_wait ((gpointer *)&async_result);
  facts = cl_ssl_fetch_finish (async_result, &error);
  if (facts == NULL)
    {
      g_print ("error %s\n", error->message);
      return 1;
    }

  g_print ("first %s %s\n", facts->first.protocol, facts->first.suite);
  g_print ("protocol TLS1.0 %s\n", version_outcome (facts, CL_SSL_OFFER_TLS1_0, "TLS1.0"));
  g_print ("protocol TLS1.1 %s\n", version_outcome (facts, CL_SSL_OFFER_TLS1_1, "TLS1.1"));
  g_print ("protocol TLS1.2 %s\n", version_outcome (facts, CL_SSL_OFFER_TLS1_2, "TLS1.2"));
  g_print ("protocol TLS1.3 %s\n", version_outcome (facts, CL_SSL_OFFER_TLS1_3, "TLS1.3"));
  g_print ("suites 3des %s\n", outcome (&facts->offers[CL_SSL_OFFER_3DES]));
  g_print ("suites rc4 %s\n", outcome (&facts->offers[CL_SSL_OFFER_RC4]));
  g_print ("suites null %s\n", outcome (&facts->offers[CL_SSL_OFFER_NULL]));
  g_print ("suites anon %s\n", outcome (&facts->offers[CL_SSL_OFFER_ANON]));
  g_print ("suites aead %s\n", outcome (&facts->offers[CL_SSL_OFFER_AEAD]));
  g_print ("suites static_rsa %s\n", outcome (&facts->offers[CL_SSL_OFFER_STATIC_RSA]));
  /* Forward secrecy offered: the first handshake offers ECDHE and DHE
   * first, so a server that has them picks them. */
  forward_secret = facts->first.suite != NULL &&
                   (g_str_has_prefix (facts->first.suite, "TLS_ECDHE_") ||
                    g_str_has_prefix (facts->first.suite, "TLS_DHE_") ||
                    g_strcmp0 (facts->first.protocol, "TLS1.3") == 0);
  g_print ("fs %s\n", forward_secret ? "offered" : "not_offered");

  leaf = facts->chain->len > 0 ? g_ptr_array_index (facts->chain, 0) : NULL;
  if (facts->trusted)
    chain = "passed";
  else if (leaf != NULL && leaf->self_signed)
    chain = "self_signed";
  else
    chain = "failed";
  g_print ("cert chain %s\n", chain);
  g_print ("cert hostname %s\n", facts->hostname_matches ? "ok" : "mismatch");
  if (leaf != NULL)
    {
      g_print ("cert expired %s\n", leaf->not_after < facts->now ? "yes" : "no");
      g_print ("cert signature_hash %s\n", signature_hash (leaf->signature));
      g_print ("cert key %s %u\n",
               leaf->key_algorithm == GNUTLS_PK_ECDSA ? "EC" : gnutls_pk_get_name (leaf->key_algorithm),
               leaf->key_bits);
    }

  result = cl_module_result_new ("ssl");
  cl_ssl_judge (facts, result);
  findings = cl_module_result_get_findings (result);
  for (guint i = 0; i < findings->len; i++)
    {
      ClFinding *finding = g_ptr_array_index (findings, i);

      g_print ("rule %s %s\n", cl_finding_get_rule_id (finding),
               cl_severity_to_string (cl_finding_get_severity (finding)));
    }

  return 0;
}
