/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parsed records are capped: a DNS answer is untrusted input. */
#define CL_DMARC_MAX_LENGTH 4096
#define CL_DMARC_MAX_URIS     32

/* RFC 7489 §6.3 "p" and "sp" */
typedef enum
{
  CL_DMARC_POLICY_NONE,
  CL_DMARC_POLICY_QUARANTINE,
  CL_DMARC_POLICY_REJECT,
} ClDmarcPolicy;

/* RFC 7489 §6.3 "adkim" and "aspf" */
typedef enum
{
  CL_DMARC_ALIGNMENT_RELAXED,
  CL_DMARC_ALIGNMENT_STRICT,
} ClDmarcAlignment;

typedef struct
{
  ClDmarcPolicy     policy;
  gboolean          has_subdomain_policy;
  ClDmarcPolicy     subdomain_policy;      /* "sp"; the policy when absent */
  guint             pct;                   /* 0–100, 100 when absent */
  GStrv             rua;                   /* URIs without their "!size"; empty when absent */
  GStrv             ruf;
  ClDmarcAlignment  adkim;
  ClDmarcAlignment  aspf;
  guint32           ri;                    /* seconds, 86400 when absent */
  char             *fo;                    /* (nullable) as written */
  char             *rf;                    /* (nullable) as written */
} ClDmarcRecord;

gboolean       cl_dmarc_is_record          (const char    *txt);
ClDmarcRecord *cl_dmarc_record_parse       (const char    *txt,
                                            GError       **error);
void           cl_dmarc_record_free        (ClDmarcRecord *self);
const char    *cl_dmarc_policy_to_string   (ClDmarcPolicy  policy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDmarcRecord, cl_dmarc_record_free)

G_END_DECLS
