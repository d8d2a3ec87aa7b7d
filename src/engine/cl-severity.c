/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-severity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cl-severity.h"

static const struct {
  const char *id;
  const char *label;
  guint       penalty;
} severities[CL_N_SEVERITIES] = {
  /* DESIGN.md: module score = 100 − 70·critical − 25·high − 10·medium − 4·low */
  [CL_SEVERITY_CRITICAL] = { "critical", N_("Critical"), 70 },
  [CL_SEVERITY_HIGH]     = { "high",     N_("High"),     25 },
  [CL_SEVERITY_MEDIUM]   = { "medium",   N_("Medium"),   10 },
  [CL_SEVERITY_LOW]      = { "low",      N_("Low"),       4 },
  [CL_SEVERITY_INFO]     = { "info",     N_("Info"),      0 },
};

const char *
cl_severity_to_string (ClSeverity severity)
{
  g_return_val_if_fail (severity < CL_N_SEVERITIES, NULL);

  return severities[severity].id;
}

gboolean
cl_severity_from_string (const char *str,
                         ClSeverity *severity)
{
  g_return_val_if_fail (severity != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < CL_N_SEVERITIES; i++)
    {
      if (g_ascii_strcasecmp (str, severities[i].id) == 0)
        {
          *severity = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
cl_severity_to_label (ClSeverity severity)
{
  g_return_val_if_fail (severity < CL_N_SEVERITIES, NULL);

  return _(severities[severity].label);
}

guint
cl_severity_penalty (ClSeverity severity)
{
  g_return_val_if_fail (severity < CL_N_SEVERITIES, 0);

  return severities[severity].penalty;
}
