/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parsed records are capped: a DNS answer is untrusted input. */
#define CL_SPF_MAX_LENGTH 8192
#define CL_SPF_MAX_TERMS   512

/* RFC 7208 §4.6.2 */
typedef enum
{
  CL_SPF_QUALIFIER_PASS,      /* "+" (the default) */
  CL_SPF_QUALIFIER_FAIL,      /* "-" */
  CL_SPF_QUALIFIER_SOFTFAIL,  /* "~" */
  CL_SPF_QUALIFIER_NEUTRAL,   /* "?" */
} ClSpfQualifier;

/* RFC 7208 §5 */
typedef enum
{
  CL_SPF_MECHANISM_ALL,
  CL_SPF_MECHANISM_INCLUDE,
  CL_SPF_MECHANISM_A,
  CL_SPF_MECHANISM_MX,
  CL_SPF_MECHANISM_PTR,
  CL_SPF_MECHANISM_IP4,
  CL_SPF_MECHANISM_IP6,
  CL_SPF_MECHANISM_EXISTS,
} ClSpfMechanismType;

typedef struct
{
  ClSpfQualifier      qualifier;
  ClSpfMechanismType  type;
  /* the domain-spec (include, a, mx, ptr, exists) or the network (ip4,
   * ip6) as written; NULL when the mechanism has none ("a", "mx", "all") */
  char               *argument;
  int                 cidr4;   /* -1 when absent */
  int                 cidr6;   /* -1 when absent */
} ClSpfMechanism;

typedef struct
{
  GPtrArray *mechanisms;           /* (element-type ClSpfMechanism) in order */
  char      *redirect;             /* (nullable) redirect= domain-spec */
  char      *exp;                  /* (nullable) exp= domain-spec */
  guint      n_unknown_modifiers;  /* ignored, as RFC 7208 §6 requires */
} ClSpfRecord;

gboolean              cl_spf_is_record              (const char        *txt);
ClSpfRecord          *cl_spf_record_parse           (const char        *txt,
                                                     GError           **error);
void                  cl_spf_record_free            (ClSpfRecord       *self);
const ClSpfMechanism *cl_spf_record_get_all         (const ClSpfRecord *self);
const char           *cl_spf_record_get_redirect    (const ClSpfRecord *self);
guint                 cl_spf_record_count_dns_terms (const ClSpfRecord *self);
gboolean              cl_spf_mechanism_queries_dns  (const ClSpfMechanism *mechanism);
gboolean              cl_spf_domain_spec_has_macros (const char        *spec);
char                  cl_spf_qualifier_to_char      (ClSpfQualifier     qualifier);
const char           *cl_spf_mechanism_type_to_string (ClSpfMechanismType type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClSpfRecord, cl_spf_record_free)

G_END_DECLS
