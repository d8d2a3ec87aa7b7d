/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cl-module-subdomains.h"
#include "cl-module-result.h"

G_BEGIN_DECLS

/* What the subdomains module fetched, kept apart from the judging so that
 * tests can judge recorded answers without a network. */

typedef struct
{
  char      *name;       /* lower case, under the domain */
  gboolean   from_ct;    /* named by a certificate-transparency log */
  gboolean   from_list;  /* one of the common names we try */
  GPtrArray *addresses;  /* (element-type utf8) what A and AAAA answered */
} ClSubdomain;

typedef struct
{
  char      *domain;
  GPtrArray *subdomains;  /* (element-type ClSubdomain) */
  GPtrArray *wildcard;    /* (element-type utf8) addresses of a random
                           * name: not empty when the zone has a wildcard */
  char      *ct_error;    /* why the CT log could not be read, or NULL */
  gboolean   incomplete;  /* time ran out before every name was resolved */
} ClSubdomainsFacts;

/* At most this many names from the CT log are resolved. */
#define CL_SUBDOMAINS_MAX_CT     300
/* At most this many names are listed in the evidence. */
#define CL_SUBDOMAINS_MAX_LISTED 100

ClSubdomainsFacts  *_cl_subdomains_facts_new   (const char        *domain);
void                _cl_subdomains_facts_free  (ClSubdomainsFacts *facts);
ClSubdomain        *_cl_subdomains_facts_add   (ClSubdomainsFacts *facts,
                                                const char        *name);
char               *_cl_subdomains_ct_url      (const char        *log_url,
                                                const char        *domain);
GStrv               _cl_subdomains_parse_ct    (JsonNode          *answer,
                                                const char        *domain,
                                                guint              max);
const char * const *_cl_subdomains_get_wordlist (void);
gboolean            _cl_subdomains_is_sensitive (const char       *name,
                                                const char        *domain);
void                _cl_module_subdomains_judge (ClSubdomainsFacts *facts,
                                                ClModuleResult    *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClSubdomainsFacts, _cl_subdomains_facts_free)

G_END_DECLS
