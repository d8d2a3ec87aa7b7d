/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module-result"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-module-result.h"

/* What one module concluded: its status and its findings.  Scoring is the
 * report's business; a result only says what was seen. */
struct _ClModuleResult
{
  GObject         parent_instance;

  char           *module_id;
  ClModuleStatus  status;
  char           *reason;
  GPtrArray      *findings;
  GPtrArray      *caveats;
};

G_DEFINE_FINAL_TYPE (ClModuleResult, cl_module_result, G_TYPE_OBJECT)

static const char *status_names[CL_N_MODULE_STATUSES] = {
  [CL_MODULE_STATUS_COMPLETED] = "completed",
  [CL_MODULE_STATUS_UNAVAILABLE] = "unavailable",
  [CL_MODULE_STATUS_NOT_APPLICABLE] = "not_applicable",
  [CL_MODULE_STATUS_NOT_IMPLEMENTED] = "not_implemented",
};

const char *
cl_module_status_to_string (ClModuleStatus status)
{
  g_return_val_if_fail (status < CL_N_MODULE_STATUSES, NULL);
  return status_names[status];
}

/* What a status means to a reader of the report. */
const char *
cl_module_status_to_label (ClModuleStatus status)
{
  switch (status)
    {
    case CL_MODULE_STATUS_COMPLETED:
      return _("Completed");
    case CL_MODULE_STATUS_UNAVAILABLE:
      return _("Could not be assessed");
    case CL_MODULE_STATUS_NOT_APPLICABLE:
      return _("Not applicable");
    case CL_MODULE_STATUS_NOT_IMPLEMENTED:
      return _("Not part of this version");
    case CL_N_MODULE_STATUSES:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
cl_module_status_from_string (const char     *str,
                              ClModuleStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; str != NULL && i < CL_N_MODULE_STATUSES; i++)
    {
      if (g_str_equal (str, status_names[i]))
        {
          *status = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
cl_module_result_finalize (GObject *object)
{
  ClModuleResult *self = (ClModuleResult *)object;

  g_clear_pointer (&self->module_id, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->caveats, g_ptr_array_unref);

  G_OBJECT_CLASS (cl_module_result_parent_class)->finalize (object);
}

static void
cl_module_result_class_init (ClModuleResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cl_module_result_finalize;
}

static void
cl_module_result_init (ClModuleResult *self)
{
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->caveats = g_ptr_array_new_with_free_func (g_free);
}

ClModuleResult *
cl_module_result_new (const char *module_id)
{
  ClModuleResult *self;

  g_return_val_if_fail (module_id != NULL, NULL);

  self = g_object_new (CL_TYPE_MODULE_RESULT, NULL);
  self->module_id = g_strdup (module_id);
  self->status = CL_MODULE_STATUS_COMPLETED;

  return self;
}

const char *
cl_module_result_get_module_id (ClModuleResult *self)
{
  g_return_val_if_fail (CL_IS_MODULE_RESULT (self), NULL);
  return self->module_id;
}

ClModuleStatus
cl_module_result_get_status (ClModuleResult *self)
{
  g_return_val_if_fail (CL_IS_MODULE_RESULT (self), CL_MODULE_STATUS_UNAVAILABLE);
  return self->status;
}

/* Why the module is not completed, for the report's caveats. */
const char *
cl_module_result_get_reason (ClModuleResult *self)
{
  g_return_val_if_fail (CL_IS_MODULE_RESULT (self), NULL);
  return self->reason;
}

void
cl_module_result_set_status (ClModuleResult *self,
                             ClModuleStatus  status,
                             const char     *reason)
{
  g_return_if_fail (CL_IS_MODULE_RESULT (self));
  g_return_if_fail (status < CL_N_MODULE_STATUSES);

  self->status = status;
  g_free (self->reason);
  self->reason = g_strdup (reason);
}

/**
 * cl_module_result_get_findings:
 *
 * Returns: (transfer none) (element-type ClFinding): the findings
 */
GPtrArray *
cl_module_result_get_findings (ClModuleResult *self)
{
  g_return_val_if_fail (CL_IS_MODULE_RESULT (self), NULL);
  return self->findings;
}

void
cl_module_result_take_finding (ClModuleResult *self,
                               ClFinding      *finding)
{
  g_return_if_fail (CL_IS_MODULE_RESULT (self));
  g_return_if_fail (CL_IS_FINDING (finding));

  g_ptr_array_add (self->findings, finding);
}

/**
 * cl_module_result_add:
 * @evidence_format: (nullable): printf format of the evidence
 *
 * Adds a finding of this module.
 *
 * Returns: (transfer none): the finding
 */
ClFinding *
cl_module_result_add (ClModuleResult *self,
                      const char     *rule_id,
                      ClSeverity      severity,
                      const char     *finding,
                      const char     *remediation,
                      const char     *evidence_format,
                      ...)
{
  g_autofree char *evidence = NULL;
  ClFinding *f;

  g_return_val_if_fail (CL_IS_MODULE_RESULT (self), NULL);

  if (evidence_format != NULL)
    {
      va_list args;

      va_start (args, evidence_format);
      evidence = g_strdup_vprintf (evidence_format, args);
      va_end (args);
    }

  f = cl_finding_new (self->module_id, rule_id, severity, finding, remediation, evidence);
  g_ptr_array_add (self->findings, f);

  return f;
}

gboolean
cl_module_result_has_rule (ClModuleResult *self,
                           const char     *rule_id)
{
  g_return_val_if_fail (CL_IS_MODULE_RESULT (self), FALSE);

  for (guint i = 0; i < self->findings->len; i++)
    {
      if (g_strcmp0 (cl_finding_get_rule_id (g_ptr_array_index (self->findings, i)), rule_id) == 0)
        return TRUE;
    }

  return FALSE;
}

void
cl_module_result_add_caveat (ClModuleResult *self,
                             const char     *caveat)
{
  g_return_if_fail (CL_IS_MODULE_RESULT (self));
  g_return_if_fail (caveat != NULL);

  g_ptr_array_add (self->caveats, g_strdup (caveat));
}

/**
 * cl_module_result_get_caveats:
 *
 * Returns: (transfer none) (element-type utf8): the caveats
 */
GPtrArray *
cl_module_result_get_caveats (ClModuleResult *self)
{
  g_return_val_if_fail (CL_IS_MODULE_RESULT (self), NULL);
  return self->caveats;
}
