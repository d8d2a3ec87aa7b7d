/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-dns-answer.h"
#include "cl-module-dns-email.h"
#include "cl-module-result.h"

G_BEGIN_DECLS

/* The facts of the dns_email module are the DNS answers it fetched, keyed
 * by name and type.  The same facts say what is still to be fetched
 * (cl_dns_email_facts_wanted: the SPF include tree, the exchanges of the
 * MX records, the organizational domain's DMARC record are only known
 * once earlier answers are in) and what to conclude
 * (cl_dns_email_judge), so that the judge runs on recorded answers in
 * the tests exactly as on live ones. */

typedef enum
{
  CL_DNS_EMAIL_LOOKUP_PENDING,   /* asked; unanswered when judged = timed out */
  CL_DNS_EMAIL_LOOKUP_ANSWERED,  /* the resolver answered (any rcode) */
  CL_DNS_EMAIL_LOOKUP_FAILED,    /* the resolver reported an error */
} ClDnsEmailLookupState;

typedef struct
{
  char                  *name;     /* lower case, no trailing dot */
  guint16                rrtype;
  ClDnsEmailLookupState  state;
  ClDnsAnswer           *answer;   /* when answered */
  char                  *error;    /* when failed */
} ClDnsEmailLookup;

typedef struct
{
  char       *name;
  guint16     rrtype;
} ClDnsEmailQuery;

typedef struct
{
  char       *domain;
  GHashTable *lookups;  /* "TYPE/name" → ClDnsEmailLookup */
} ClDnsEmailFacts;

/* What the SPF walk found over the include/redirect tree. */
typedef struct
{
  guint      lookups;       /* DNS-querying terms (RFC 7208 §4.6.4) */
  guint      void_lookups;  /* of them, answered with no data or NXDOMAIN */
  gboolean   truncated;     /* stopped following: the counts are lower bounds */
  GPtrArray *permerrors;    /* (element-type utf8) include/redirect problems */
  GPtrArray *missing;       /* (element-type ClDnsEmailQuery) not fetched yet */
} ClDnsEmailSpfWalk;

/* Limits of the walk: past them the verdict (over 10) is already known. */
#define CL_DNS_EMAIL_SPF_MAX_DEPTH    10
#define CL_DNS_EMAIL_SPF_MAX_LOOKUPS  20
/* At most this many queries per run, whatever the answers say. */
#define CL_DNS_EMAIL_MAX_QUERIES     150
#define CL_DNS_EMAIL_MAX_EXCHANGES    10

extern const char * const cl_dns_email_dkim_selectors[];

ClDnsEmailFacts  *cl_dns_email_facts_new         (const char        *domain);
void              cl_dns_email_facts_free        (ClDnsEmailFacts   *facts);
ClDnsEmailLookup *cl_dns_email_facts_lookup      (ClDnsEmailFacts   *facts,
                                                  const char        *name,
                                                  guint16            rrtype);
void              cl_dns_email_facts_set_pending (ClDnsEmailFacts   *facts,
                                                  const char        *name,
                                                  guint16            rrtype);
void              cl_dns_email_facts_set_answer  (ClDnsEmailFacts   *facts,
                                                  const char        *name,
                                                  guint16            rrtype,
                                                  ClDnsAnswer       *answer);
void              cl_dns_email_facts_set_failed  (ClDnsEmailFacts   *facts,
                                                  const char        *name,
                                                  guint16            rrtype,
                                                  const char        *message);
GPtrArray        *cl_dns_email_facts_wanted      (ClDnsEmailFacts   *facts);
gboolean          cl_dns_email_facts_reachable   (ClDnsEmailFacts   *facts,
                                                  GError           **error);
void              cl_dns_email_spf_walk          (ClDnsEmailFacts   *facts,
                                                  ClDnsEmailSpfWalk *walk);
void              cl_dns_email_spf_walk_clear    (ClDnsEmailSpfWalk *walk);
void              cl_dns_email_query_free        (ClDnsEmailQuery   *query);
void              cl_dns_email_judge             (ClDnsEmailFacts   *facts,
                                                  ClModuleResult    *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDnsEmailFacts, cl_dns_email_facts_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClDnsEmailSpfWalk, cl_dns_email_spf_walk_clear)

G_END_DECLS
