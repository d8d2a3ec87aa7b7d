/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "cl-module-result.h"
#include "cl-scan-context.h"

G_BEGIN_DECLS

/* The handshakes the module makes after the first one, each with an offer
 * that only a server with that property accepts. */
typedef enum
{
  CL_SSL_OFFER_TLS1_0,
  CL_SSL_OFFER_TLS1_1,
  CL_SSL_OFFER_TLS1_2,
  CL_SSL_OFFER_TLS1_3,
  CL_SSL_OFFER_3DES,
  CL_SSL_OFFER_RC4,
  CL_SSL_OFFER_STATIC_RSA,
  CL_SSL_OFFER_NULL,
  CL_SSL_OFFER_ANON,
  CL_SSL_OFFER_AEAD,
  CL_SSL_N_OFFERS
} ClSslOfferKind;

typedef enum
{
  CL_SSL_OUTCOME_UNKNOWN,   /* not tried, or no answer (timeout) */
  CL_SSL_OUTCOME_ACCEPTED,
  CL_SSL_OUTCOME_REFUSED,
} ClSslOutcome;

typedef struct
{
  ClSslOutcome outcome;
  char        *protocol;  /* accepted: "TLS1.2" */
  char        *suite;     /* accepted: IANA name */
  char        *detail;    /* refused or unknown: the alert or the error */
} ClSslOffer;

/* One certificate as the server sent it. */
typedef struct
{
  char                   *subject;
  char                   *issuer;
  gint64                  not_before;  /* Unix time */
  gint64                  not_after;
  gnutls_sign_algorithm_t signature;
  gnutls_pk_algorithm_t   key_algorithm;
  guint                   key_bits;
  gboolean                self_signed;  /* issued by itself */
} ClSslCert;

/* What the module fetched: facts only, no judgement. */
typedef struct
{
  char       *host;
  char       *address;             /* "192.0.2.1:443" */
  gint64      now;                 /* when the facts were taken, Unix time */

  ClSslOffer  first;               /* the handshake that fetched the chain */
  GPtrArray  *chain;               /* ClSslCert, as sent, leaf first */
  char       *names;               /* the leaf's DNS names, for evidence */
  gboolean    hostname_matches;
  gboolean    trusted;             /* leads to a trust anchor, dates and hashes aside */
  gboolean    chain_incomplete;    /* ...only with intermediates it did not send */
  char       *trust_problem;       /* why not trusted */
  char       *aia_url;             /* where the missing issuer may be fetched */

  ClSslOffer  offers[CL_SSL_N_OFFERS];
} ClSslFacts;

ClSslFacts *cl_ssl_facts_new        (const char              *host,
                                     gint64                   now);
void        cl_ssl_facts_free       (ClSslFacts              *facts);
void        cl_ssl_offer_set        (ClSslOffer              *offer,
                                     ClSslOutcome             outcome,
                                     const char              *protocol,
                                     const char              *suite,
                                     const char              *detail);
ClSslCert  *cl_ssl_cert_new         (void);
void        cl_ssl_cert_free        (ClSslCert               *cert);
gboolean    cl_ssl_facts_read_chain (ClSslFacts              *facts,
                                     const gnutls_datum_t    *ders,
                                     guint                    n_ders,
                                     gnutls_x509_trust_list_t trust);
gboolean    cl_ssl_facts_add_issuer (ClSslFacts              *facts,
                                     const gnutls_datum_t    *ders,
                                     guint                    n_ders,
                                     const gnutls_datum_t    *issuer,
                                     gnutls_x509_trust_list_t trust);
/* The priority of the offer @kind, or of the first handshake (-1). */
const char *cl_ssl_offer_get_priority (int                     kind);
void        cl_ssl_judge            (const ClSslFacts        *facts,
                                     ClModuleResult          *result);
void        cl_ssl_fetch_async      (ClScanContext           *context,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data);
ClSslFacts *cl_ssl_fetch_finish     (GAsyncResult            *result,
                                     GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClSslFacts, cl_ssl_facts_free)

G_END_DECLS
