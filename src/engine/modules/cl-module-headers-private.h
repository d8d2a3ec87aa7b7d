/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "cl-module-result.h"

G_BEGIN_DECLS

/* What the headers module fetched, kept apart from the judging so that
 * tests can judge recorded responses without a network. */

/* One request and what came back. */
typedef struct
{
  char               *url;       /* what was requested */
  guint               status;    /* the HTTP status, 0 when no response came */
  SoupMessageHeaders *headers;   /* the response headers, NULL when no response came */
  char               *location;  /* absolute redirect target of a 3xx, or NULL */
  char               *error;     /* why no response came, or NULL */
} ClHeadersHop;

/* The hops from a start URL, in order; redirects are followed only
 * within the scanned site, at most CL_HEADERS_MAX_REDIRECTS times. */
typedef struct
{
  GPtrArray *hops;     /* (element-type ClHeadersHop) */
  char      *stopped;  /* why the last redirect was not followed, or NULL */
} ClHeadersChain;

typedef struct
{
  char           *domain;
  ClHeadersChain *http;         /* from http://DOMAIN/ */
  ClHeadersChain *https;        /* from https://DOMAIN/ */
  char           *cors_origin;  /* the Origin the CORS probe sent, or NULL */
  ClHeadersHop   *cors;         /* its answer, or NULL when not probed */
} ClHeadersFacts;

#define CL_HEADERS_MAX_REDIRECTS 5
/* Longest stretch of a header value quoted as evidence. */
#define CL_HEADERS_EVIDENCE_MAX  200

ClHeadersHop   *_cl_headers_hop_new        (const char         *url,
                                            guint               status,
                                            SoupMessageHeaders *headers);
ClHeadersHop   *_cl_headers_hop_new_failed (const char         *url,
                                            const char         *error);
void            _cl_headers_hop_free       (ClHeadersHop       *hop);
ClHeadersFacts *_cl_headers_facts_new      (const char         *domain);
void            _cl_headers_facts_free     (ClHeadersFacts     *facts);
void            _cl_module_headers_judge   (ClHeadersFacts     *facts,
                                            ClModuleResult     *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClHeadersHop, _cl_headers_hop_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClHeadersFacts, _cl_headers_facts_free)

G_END_DECLS
