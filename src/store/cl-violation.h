/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cl-severity.h"

G_BEGIN_DECLS

/* Where a violation stands: found and not fixed, no longer found (or
 * marked fixed by the user), or judged a false positive by the user. */
typedef enum
{
  CL_VIOLATION_OPEN,
  CL_VIOLATION_RESOLVED,
  CL_VIOLATION_FALSE_POSITIVE,
  CL_N_VIOLATION_STATUSES
} ClViolationStatus;

const char *cl_violation_status_to_string   (ClViolationStatus  status);
gboolean    cl_violation_status_from_string (const char        *str,
                                             ClViolationStatus *status);

/* One change of a violation's status: by a scan (@scan_id) or by a user
 * (@actor). */
typedef struct
{
  GDateTime         *at;
  ClViolationStatus  status;
  char              *scan_id;  /* nullable */
  char              *actor;    /* nullable */
  char              *note;     /* nullable */
} ClViolationEvent;

ClViolationEvent *cl_violation_event_new  (GDateTime         *at,
                                           ClViolationStatus  status,
                                           const char        *scan_id,
                                           const char        *actor,
                                           const char        *note);
void              cl_violation_event_free (ClViolationEvent  *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClViolationEvent, cl_violation_event_free)

/* A finding of a domain, kept across scans under its rule id. */
typedef struct
{
  char              *domain;
  char              *rule_id;
  char              *module_id;
  ClSeverity         severity;
  ClViolationStatus  status;
  char              *finding;     /* the text of its latest finding; nullable */
  GDateTime         *first_seen;
  GDateTime         *last_seen;
  char              *note;        /* the user's, with the latest mark; nullable */
  char              *marked_by;   /* nullable: never marked */
  GDateTime         *marked_at;   /* nullable */
  GPtrArray         *events;      /* ClViolationEvent, oldest first */
} ClViolation;

ClViolation *cl_violation_new     (const char        *domain,
                                   const char        *rule_id,
                                   const char        *module_id,
                                   ClSeverity         severity,
                                   ClViolationStatus  status);
void         cl_violation_free    (ClViolation       *violation);
JsonNode    *cl_violation_to_json (ClViolation       *violation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClViolation, cl_violation_free)

G_END_DECLS
