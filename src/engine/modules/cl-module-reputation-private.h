/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-dnsbl.h"
#include "cl-module-reputation.h"
#include "cl-module-result.h"

G_BEGIN_DECLS

/* What the reputation module fetched, kept apart from the judging so
 * that tests can judge recorded answers without a network. */
typedef struct
{
  char      *domain;
  GPtrArray *lists;    /* (element-type ClDnsbl) every list; the domain ones are asked */
  GPtrArray *lookups;  /* (element-type ClDnsblLookup) one per domain list */
} ClReputationFacts;

ClReputationFacts *_cl_reputation_facts_new    (const char        *domain,
                                                GPtrArray         *lists);
void               _cl_reputation_facts_free   (ClReputationFacts *facts);
gboolean           _cl_module_reputation_judge (ClReputationFacts *facts,
                                                ClModuleResult    *result,
                                                GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClReputationFacts, _cl_reputation_facts_free)

G_END_DECLS
