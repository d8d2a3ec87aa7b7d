/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-dnsbl.h"
#include "cl-module-blacklists.h"
#include "cl-module-result.h"

G_BEGIN_DECLS

/* What the blacklists module fetched, kept apart from the judging so
 * that tests can judge recorded answers without a network. */

/* At most this many MX hosts, and this many addresses, are looked up:
 * the lookups multiply by the number of lists. */
#define CL_BLACKLISTS_MAX_MX_HOSTS 10
#define CL_BLACKLISTS_MAX_TARGETS  16

/* One address of the domain's web or mail hosts. */
typedef struct
{
  GInetAddress *address;
  GPtrArray    *names;    /* (element-type utf8) the host names that have it */
  gboolean      web;      /* the apex's or www's */
  gboolean      mail;     /* an MX host's */
  GPtrArray    *lookups;  /* (element-type ClDnsblLookup) one per list that takes it */
} ClBlacklistsTarget;

typedef struct
{
  char      *domain;
  GPtrArray *lists;       /* (element-type ClDnsbl) every list; the ip ones are asked */
  GPtrArray *targets;     /* (element-type ClBlacklistsTarget) */
  GPtrArray *errors;      /* (element-type utf8) host lookups that got no answer */
} ClBlacklistsFacts;

ClBlacklistsFacts  *_cl_blacklists_facts_new         (const char        *domain,
                                                      GPtrArray         *lists);
ClBlacklistsTarget *_cl_blacklists_facts_add_address (ClBlacklistsFacts *facts,
                                                      GInetAddress      *address,
                                                      const char        *name,
                                                      gboolean           mail);
void                _cl_blacklists_facts_free        (ClBlacklistsFacts *facts);
gboolean            _cl_module_blacklists_judge      (ClBlacklistsFacts *facts,
                                                      ClModuleResult    *result,
                                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClBlacklistsFacts, _cl_blacklists_facts_free)

G_END_DECLS
