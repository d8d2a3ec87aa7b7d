/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-violation"

#include "config.h"

#include "cl-violation.h"

/* The names the store, the JSON and the command line use. */
static const char * const status_names[CL_N_VIOLATION_STATUSES] = {
  [CL_VIOLATION_OPEN] = "open",
  [CL_VIOLATION_RESOLVED] = "resolved",
  [CL_VIOLATION_FALSE_POSITIVE] = "false_positive",
};

const char *
cl_violation_status_to_string (ClViolationStatus status)
{
  g_return_val_if_fail (status < CL_N_VIOLATION_STATUSES, NULL);
  return status_names[status];
}

gboolean
cl_violation_status_from_string (const char        *str,
                                 ClViolationStatus *status)
{
  for (guint i = 0; str != NULL && i < CL_N_VIOLATION_STATUSES; i++)
    {
      if (g_str_equal (str, status_names[i]))
        {
          *status = i;
          return TRUE;
        }
    }

  return FALSE;
}

ClViolationEvent *
cl_violation_event_new (GDateTime         *at,
                        ClViolationStatus  status,
                        const char        *scan_id,
                        const char        *actor,
                        const char        *note)
{
  ClViolationEvent *event;

  g_return_val_if_fail (at != NULL, NULL);
  g_return_val_if_fail (status < CL_N_VIOLATION_STATUSES, NULL);

  event = g_new0 (ClViolationEvent, 1);
  event->at = g_date_time_ref (at);
  event->status = status;
  event->scan_id = g_strdup (scan_id);
  event->actor = g_strdup (actor);
  event->note = g_strdup (note);

  return event;
}

void
cl_violation_event_free (ClViolationEvent *event)
{
  if (event == NULL)
    return;

  g_date_time_unref (event->at);
  g_free (event->scan_id);
  g_free (event->actor);
  g_free (event->note);
  g_free (event);
}

/**
 * cl_violation_new:
 *
 * The other fields are set by whoever builds it (the store, a test).
 *
 * Returns: (transfer full): a violation with no dates and no events
 */
ClViolation *
cl_violation_new (const char        *domain,
                  const char        *rule_id,
                  const char        *module_id,
                  ClSeverity         severity,
                  ClViolationStatus  status)
{
  ClViolation *violation;

  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);
  g_return_val_if_fail (module_id != NULL, NULL);
  g_return_val_if_fail (severity < CL_N_SEVERITIES, NULL);
  g_return_val_if_fail (status < CL_N_VIOLATION_STATUSES, NULL);

  violation = g_new0 (ClViolation, 1);
  violation->domain = g_strdup (domain);
  violation->rule_id = g_strdup (rule_id);
  violation->module_id = g_strdup (module_id);
  violation->severity = severity;
  violation->status = status;
  violation->events = g_ptr_array_new_with_free_func ((GDestroyNotify)cl_violation_event_free);

  return violation;
}

void
cl_violation_free (ClViolation *violation)
{
  if (violation == NULL)
    return;

  g_free (violation->domain);
  g_free (violation->rule_id);
  g_free (violation->module_id);
  g_free (violation->finding);
  g_clear_pointer (&violation->first_seen, g_date_time_unref);
  g_clear_pointer (&violation->last_seen, g_date_time_unref);
  g_free (violation->note);
  g_free (violation->marked_by);
  g_clear_pointer (&violation->marked_at, g_date_time_unref);
  g_ptr_array_unref (violation->events);
  g_free (violation);
}

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_time (JsonBuilder *b,
          const char  *member,
          GDateTime   *time)
{
  g_autofree char *iso = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  add_string (b, member, iso);
}

/**
 * cl_violation_to_json:
 *
 * Returns: (transfer full): the violation and its changes, oldest first
 */
JsonNode *
cl_violation_to_json (ClViolation *violation)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (violation != NULL, NULL);

  json_builder_begin_object (b);
  add_string (b, "rule_id", violation->rule_id);
  add_string (b, "module", violation->module_id);
  add_string (b, "severity", cl_severity_to_string (violation->severity));
  add_string (b, "status", cl_violation_status_to_string (violation->status));
  add_string (b, "finding", violation->finding);
  add_time (b, "first_seen", violation->first_seen);
  add_time (b, "last_seen", violation->last_seen);
  add_string (b, "note", violation->note);
  add_string (b, "marked_by", violation->marked_by);
  add_time (b, "marked_at", violation->marked_at);
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = 0; i < violation->events->len; i++)
    {
      ClViolationEvent *event = g_ptr_array_index (violation->events, i);

      json_builder_begin_object (b);
      add_time (b, "at", event->at);
      add_string (b, "status", cl_violation_status_to_string (event->status));
      add_string (b, "scan_id", event->scan_id);
      add_string (b, "actor", event->actor);
      add_string (b, "note", event->note);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
