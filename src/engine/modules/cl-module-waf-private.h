/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module-waf.h"
#include "cl-module-result.h"

G_BEGIN_DECLS

/* What the waf module fetched, kept apart from the judging so that
 * tests can judge recorded responses without a network. */

/* The answer to one request, capped: the server's bytes are untrusted. */
typedef struct
{
  char      *url;      /* what was requested */
  guint      status;   /* the HTTP status, 0 when no response came */
  GPtrArray *headers;  /* (element-type utf8) name, value, name, value…
                        * (the first CL_WAF_MAX_HEADERS fields, each value
                        * cut to CL_WAF_MAX_HEADER_VALUE bytes) */
  GString   *body;     /* the first CL_WAF_MAX_BODY bytes, NULs as spaces */
  char      *error;    /* why no response came, or NULL */
} ClWafResponse;

typedef struct
{
  char          *domain;
  ClWafResponse *normal;  /* GET / */
  ClWafResponse *attack;  /* GET CL_WAF_ATTACK_PATH, or NULL when not sent */
} ClWafFacts;

/* A harmless request that looks like SQL injection and XSS to a filter:
 * ?id=1' OR '1'='1&q=<script>alert(1)</script> */
#define CL_WAF_ATTACK_PATH "/?id=1%27%20OR%20%271%27=%271&q=%3Cscript%3Ealert(1)%3C/script%3E"

#define CL_WAF_MAX_BODY         (64 * 1024)
#define CL_WAF_MAX_HEADERS      100
#define CL_WAF_MAX_HEADER_VALUE 1024

ClWafResponse *_cl_waf_response_new         (const char    *url,
                                             guint          status);
ClWafResponse *_cl_waf_response_new_failed  (const char    *url,
                                             const char    *error);
void           _cl_waf_response_add_header  (ClWafResponse *response,
                                             const char    *name,
                                             const char    *value);
gboolean       _cl_waf_response_append_body (ClWafResponse *response,
                                             const char    *data,
                                             gsize          length);
void           _cl_waf_response_free        (ClWafResponse *response);
ClWafFacts    *_cl_waf_facts_new            (const char    *domain);
void           _cl_waf_facts_free           (ClWafFacts    *facts);
void           _cl_module_waf_judge         (ClWafFacts    *facts,
                                             ClModuleResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClWafResponse, _cl_waf_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClWafFacts, _cl_waf_facts_free)

G_END_DECLS
