/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cl-module-breaches.h"
#include "cl-module-result.h"

G_BEGIN_DECLS

/* What the breaches module fetched, kept apart from the judging so that
 * tests can judge recorded answers of the breach list without a network. */
typedef struct
{
  char      *domain;
  JsonNode  *breaches;  /* the list's answer: an array of breach objects */
  GDateTime *now;       /* when it was asked */
} ClBreachesFacts;

/* A verified breach more recent than this is worth more than a note. */
#define CL_BREACHES_RECENT_YEARS 5
/* No domain has had more breaches than this; the rest is not listed. */
#define CL_BREACHES_MAX_LISTED   50

ClBreachesFacts *_cl_breaches_facts_new   (const char      *domain,
                                           JsonNode        *breaches,
                                           GDateTime       *now);
void             _cl_breaches_facts_free  (ClBreachesFacts *facts);
char            *_cl_breaches_url         (const char      *list_url,
                                           const char      *domain);
void             _cl_module_breaches_judge (ClBreachesFacts *facts,
                                           ClModuleResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClBreachesFacts, _cl_breaches_facts_free)

G_END_DECLS
