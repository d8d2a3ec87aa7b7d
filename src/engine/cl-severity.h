/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ordered from the most to the least severe, so sorting by value sorts
 * by severity. */
typedef enum
{
  CL_SEVERITY_CRITICAL,
  CL_SEVERITY_HIGH,
  CL_SEVERITY_MEDIUM,
  CL_SEVERITY_LOW,
  CL_SEVERITY_INFO,
  CL_N_SEVERITIES
} ClSeverity;

const char *cl_severity_to_string   (ClSeverity   severity);
gboolean    cl_severity_from_string (const char  *str,
                                     ClSeverity  *severity);
const char *cl_severity_to_label    (ClSeverity   severity);
guint       cl_severity_penalty     (ClSeverity   severity);

G_END_DECLS
