/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cl-module-whois.h"
#include "cl-module-result.h"

G_BEGIN_DECLS

/* What the whois module fetched, kept apart from the judging so that
 * tests can judge recorded RDAP answers without a network. */
typedef struct
{
  char      *domain;  /* the name the registry answered for */
  JsonNode  *rdap;    /* its RDAP domain object (RFC 9083 §5.3) */
  GDateTime *now;     /* when it was asked */
} ClWhoisFacts;

/* Expiring this close is worth a finding. */
#define CL_WHOIS_EXPIRING_DAYS 30

ClWhoisFacts *_cl_whois_facts_new           (const char     *domain,
                                             JsonNode       *rdap,
                                             GDateTime      *now);
void          _cl_whois_facts_free          (ClWhoisFacts   *facts);
char         *_cl_whois_find_server         (JsonNode       *bootstrap,
                                             const char     *domain);
void          _cl_module_whois_judge        (ClWhoisFacts   *facts,
                                             ClModuleResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClWhoisFacts, _cl_whois_facts_free)

G_END_DECLS
