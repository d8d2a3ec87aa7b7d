/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-dns-answer.h"
#include "cl-module-dnssec.h"
#include "cl-module-result.h"

G_BEGIN_DECLS

/* What the dnssec module asked the validating resolver, kept apart from
 * the judging so that tests can judge recorded answers without a network.
 * An answer is NULL when its query failed (the reason is in errors). */
typedef struct
{
  char        *domain;
  gint64       now;      /* Unix time of the queries: signature expiry is relative to it */
  ClDnsAnswer *soa;      /* DOMAIN SOA: the validation status of the domain */
  ClDnsAnswer *dnskey;   /* DOMAIN DNSKEY: is the zone signed, with what */
  ClDnsAnswer *ds;       /* DOMAIN DS, from the parent: the link in the chain */
  GPtrArray   *errors;   /* (element-type utf8) "TYPE: why", for each failed query */
} ClDnssecFacts;

/* RRSIGs expiring sooner than this are worth a finding: a signer that
 * stopped re-signing turns the zone bogus when they run out. */
#define CL_DNSSEC_EXPIRY_WARNING_DAYS 7

ClDnssecFacts *_cl_dnssec_facts_new    (const char     *domain,
                                        gint64          now);
void           _cl_dnssec_facts_free   (ClDnssecFacts  *facts);
void           _cl_module_dnssec_judge (ClDnssecFacts  *facts,
                                        ClModuleResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDnssecFacts, _cl_dnssec_facts_free)

G_END_DECLS
