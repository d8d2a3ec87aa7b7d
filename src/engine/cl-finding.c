/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-finding"

#include "config.h"

#include "cl-finding.h"

/* One thing a module found.  Immutable once made: a finding is evidence. */
struct _ClFinding
{
  GObject     parent_instance;

  char       *module_id;
  char       *rule_id;
  ClSeverity  severity;
  char       *finding;
  char       *remediation;
  char       *evidence;
};

G_DEFINE_FINAL_TYPE (ClFinding, cl_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODULE_ID,
  PROP_RULE_ID,
  PROP_SEVERITY,
  PROP_FINDING,
  PROP_REMEDIATION,
  PROP_EVIDENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cl_finding_finalize (GObject *object)
{
  ClFinding *self = (ClFinding *)object;

  g_clear_pointer (&self->module_id, g_free);
  g_clear_pointer (&self->rule_id, g_free);
  g_clear_pointer (&self->finding, g_free);
  g_clear_pointer (&self->remediation, g_free);
  g_clear_pointer (&self->evidence, g_free);

  G_OBJECT_CLASS (cl_finding_parent_class)->finalize (object);
}

static void
cl_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ClFinding *self = CL_FINDING (object);

  switch (prop_id)
    {
    case PROP_MODULE_ID:
      g_value_set_string (value, self->module_id);
      break;
    case PROP_RULE_ID:
      g_value_set_string (value, self->rule_id);
      break;
    case PROP_SEVERITY:
      g_value_set_uint (value, self->severity);
      break;
    case PROP_FINDING:
      g_value_set_string (value, self->finding);
      break;
    case PROP_REMEDIATION:
      g_value_set_string (value, self->remediation);
      break;
    case PROP_EVIDENCE:
      g_value_set_string (value, self->evidence);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_finding_class_init (ClFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cl_finding_finalize;
  object_class->get_property = cl_finding_get_property;

  properties[PROP_MODULE_ID] =
    g_param_spec_string ("module-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RULE_ID] =
    g_param_spec_string ("rule-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEVERITY] =
    g_param_spec_uint ("severity", NULL, NULL, 0, CL_N_SEVERITIES - 1, CL_SEVERITY_INFO,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINDING] =
    g_param_spec_string ("finding", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMEDIATION] =
    g_param_spec_string ("remediation", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVIDENCE] =
    g_param_spec_string ("evidence", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cl_finding_init (ClFinding *self)
{
}

/**
 * cl_finding_new:
 * @module_id: the module that found it ("ssl")
 * @rule_id: the stable id of the check ("ssl.cert_expired")
 * @severity: how bad it is
 * @finding: what was found, for a person
 * @remediation: what to do about it
 * @evidence: (nullable): what was seen that proves it
 */
ClFinding *
cl_finding_new (const char *module_id,
                const char *rule_id,
                ClSeverity  severity,
                const char *finding,
                const char *remediation,
                const char *evidence)
{
  ClFinding *self;

  g_return_val_if_fail (module_id != NULL, NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);
  g_return_val_if_fail (severity < CL_N_SEVERITIES, NULL);
  g_return_val_if_fail (finding != NULL, NULL);
  g_return_val_if_fail (remediation != NULL, NULL);

  self = g_object_new (CL_TYPE_FINDING, NULL);
  self->module_id = g_strdup (module_id);
  self->rule_id = g_strdup (rule_id);
  self->severity = severity;
  self->finding = g_strdup (finding);
  self->remediation = g_strdup (remediation);
  self->evidence = g_strdup (evidence);

  return self;
}

const char *
cl_finding_get_module_id (ClFinding *self)
{
  g_return_val_if_fail (CL_IS_FINDING (self), NULL);
  return self->module_id;
}

const char *
cl_finding_get_rule_id (ClFinding *self)
{
  g_return_val_if_fail (CL_IS_FINDING (self), NULL);
  return self->rule_id;
}

ClSeverity
cl_finding_get_severity (ClFinding *self)
{
  g_return_val_if_fail (CL_IS_FINDING (self), CL_SEVERITY_INFO);
  return self->severity;
}

const char *
cl_finding_get_finding (ClFinding *self)
{
  g_return_val_if_fail (CL_IS_FINDING (self), NULL);
  return self->finding;
}

const char *
cl_finding_get_remediation (ClFinding *self)
{
  g_return_val_if_fail (CL_IS_FINDING (self), NULL);
  return self->remediation;
}

const char *
cl_finding_get_evidence (ClFinding *self)
{
  g_return_val_if_fail (CL_IS_FINDING (self), NULL);
  return self->evidence;
}

/* Most severe first; then by module and rule, so the order is stable and
 * the report's digest does not depend on which module finished first. */
int
cl_finding_compare (ClFinding *a,
                    ClFinding *b)
{
  int cmp;

  if (a->severity != b->severity)
    return a->severity < b->severity ? -1 : 1;
  if ((cmp = g_strcmp0 (a->module_id, b->module_id)) != 0)
    return cmp;
  if ((cmp = g_strcmp0 (a->rule_id, b->rule_id)) != 0)
    return cmp;
  return g_strcmp0 (a->evidence, b->evidence);
}
