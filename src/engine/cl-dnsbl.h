/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cl-dns-answer.h"
#include "cl-resolver.h"
#include "cl-scan-context.h"

G_BEGIN_DECLS

/* DNS block lists (data/dnsbl.json): what to ask and what the answers
 * mean, for the blacklists and reputation modules. */

typedef enum
{
  CL_DNSBL_KIND_IP,      /* reversed address under the zone */
  CL_DNSBL_KIND_DOMAIN,  /* the domain under the zone */
} ClDnsblKind;

/* In increasing gravity. */
typedef enum
{
  CL_DNSBL_CATEGORY_SPAM,
  CL_DNSBL_CATEGORY_PHISHING,
  CL_DNSBL_CATEGORY_MALWARE,
} ClDnsblCategory;

typedef struct
{
  guint32          first;     /* the answer address (IPv4, host order)… */
  guint32          last;      /* …to this one */
  guint8           bit;       /* bitmask lists: a bit of 127.0.0.x instead, else 0 */
  gboolean         refused;   /* the list would not answer: no verdict */
  ClDnsblCategory  category;
  char            *meaning;
} ClDnsblCode;

typedef struct
{
  char        *zone;          /* lower case, no trailing dot */
  char        *name;
  ClDnsblKind  kind;
  gboolean     ipv6;          /* IP lists: IPv6 addresses are listed too */
  gboolean     bitmask;
  GArray      *codes;         /* (element-type ClDnsblCode) */
} ClDnsbl;

typedef enum
{
  CL_DNSBL_NOT_LISTED,
  CL_DNSBL_LISTED,
  CL_DNSBL_REFUSED,           /* the list refused the query */
  CL_DNSBL_FAILED,            /* no usable answer */
} ClDnsblVerdict;

/* One DNS query and what came of it. */
typedef struct
{
  char        *name;
  guint16      rrtype;
  ClDnsAnswer *answer;        /* NULL when none came */
  char        *error;         /* why none came */
} ClDnsQuery;

/* One list asked about one address or domain. */
typedef struct
{
  const ClDnsbl *list;        /* (unowned) kept alive by whoever holds the lists */
  ClDnsQuery    *query;       /* LABEL.ZONE A */
  ClDnsQuery    *txt;         /* LABEL.ZONE TXT, asked once listed, or NULL */
} ClDnsblLookup;

/* Queries in flight at once: the lists are many, their servers shared. */
#define CL_DNSBL_MAX_PARALLEL 16

/* Longest stretch of a list's TXT record quoted as evidence. */
#define CL_DNSBL_MAX_TXT 200

GPtrArray      *cl_dnsbl_parse             (const char         *json,
                                            gsize               length,
                                            GError            **error);
GPtrArray      *cl_dnsbl_get_default       (void);
void            cl_dnsbl_free              (ClDnsbl            *list);
char           *cl_dnsbl_reverse_address   (GInetAddress       *address);
gboolean        cl_dnsbl_accepts_address   (const ClDnsbl      *list,
                                            GInetAddress       *address);
ClDnsblVerdict  cl_dnsbl_judge             (const ClDnsbl      *list,
                                            ClDnsAnswer        *answer,
                                            ClDnsblCategory    *category,
                                            char              **detail);

ClDnsblLookup  *cl_dnsbl_lookup_new        (const ClDnsbl      *list,
                                            const char         *label);
void            cl_dnsbl_lookup_free       (ClDnsblLookup      *lookup);
void            cl_dnsbl_lookup_ask_reason (ClDnsblLookup      *lookup,
                                            GPtrArray          *queries);
ClDnsblVerdict  cl_dnsbl_lookup_judge      (ClDnsblLookup      *lookup,
                                            ClDnsblCategory    *category,
                                            char              **detail);

ClDnsQuery     *cl_dns_query_new           (const char         *name,
                                            guint16             rrtype);
void            cl_dns_query_free          (ClDnsQuery         *query);
void            cl_dns_query_run_all_async (ClResolver         *resolver,
                                            GPtrArray          *queries,
                                            guint               max_parallel,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
void            cl_dns_query_run_all_finish (GAsyncResult      *result);

/* A module's queries, step by step, through the scan's resolver: each
 * step ends when its queries have; all end a little before the module's
 * timeout, or when the caller cancels. */
typedef struct
{
  ClResolver   *resolver;
  GCancellable *cancellable;  /* ours: the caller's or the deadline cancel it */
  GCancellable *caller;
  gulong        caller_id;
  guint         deadline_id;
  GPtrArray    *queries;      /* (element-type ClDnsQuery) the current step's */
} ClDnsblRun;

ClDnsblRun     *cl_dnsbl_run_new           (ClScanContext      *context,
                                            GCancellable       *caller);
void            cl_dnsbl_run_step          (ClDnsblRun         *run,
                                            GPtrArray          *queries,
                                            GTask              *task,
                                            GAsyncReadyCallback callback);
void            cl_dnsbl_run_free          (ClDnsblRun         *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDnsbl, cl_dnsbl_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDnsQuery, cl_dns_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDnsblLookup, cl_dnsbl_lookup_free)

G_END_DECLS
