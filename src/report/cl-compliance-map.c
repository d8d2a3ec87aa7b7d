/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-compliance-map"

#include "config.h"

#include "cl-compliance-map.h"
#include "cl-error.h"
#include "cl-module-result.h"
#include "cl-modules.h"
#include "cl-resources.h"

/* Which controls of SOC 2, ISO/IEC 27001, NIST, PCI DSS and HIPAA each
 * rule id touches, read from data/compliance.json: the mapping is policy
 * that an auditor may want to read or change, not code.  A control is
 * touched by a scan when a module that completed can emit one of its
 * rules; it fails when one of its rules was found above info severity (an
 * info finding states a fact and costs nothing, and a false positive is
 * not among the report's issues). */

#define RESOURCE_PATH "/net/compliancelayer/ComplianceLayer/compliance.json"

/* The report's "compliance" keys, in the seed's order. */
static const char * const frameworks[] = { "soc2", "iso27001", "nist", "pcidss", "hipaa", NULL };
#define N_FRAMEWORKS (G_N_ELEMENTS (frameworks) - 1)

typedef struct
{
  GPtrArray *controls[N_FRAMEWORKS];  /* utf8 control ids, sorted */
} Mapping;

struct _ClComplianceMap
{
  GObject     parent_instance;

  char       *titles[N_FRAMEWORKS];
  GHashTable *controls[N_FRAMEWORKS];  /* control id → title */
  GHashTable *rules;                   /* rule id → Mapping */
};

G_DEFINE_FINAL_TYPE (ClComplianceMap, cl_compliance_map, G_TYPE_OBJECT)

static void
mapping_free (Mapping *mapping)
{
  for (guint i = 0; i < N_FRAMEWORKS; i++)
    g_ptr_array_unref (mapping->controls[i]);
  g_free (mapping);
}

static void
cl_compliance_map_finalize (GObject *object)
{
  ClComplianceMap *self = (ClComplianceMap *)object;

  for (guint i = 0; i < N_FRAMEWORKS; i++)
    {
      g_clear_pointer (&self->titles[i], g_free);
      g_clear_pointer (&self->controls[i], g_hash_table_unref);
    }
  g_clear_pointer (&self->rules, g_hash_table_unref);

  G_OBJECT_CLASS (cl_compliance_map_parent_class)->finalize (object);
}

static void
cl_compliance_map_class_init (ClComplianceMapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cl_compliance_map_finalize;
}

static void
cl_compliance_map_init (ClComplianceMap *self)
{
  for (guint i = 0; i < N_FRAMEWORKS; i++)
    self->controls[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)mapping_free);
}

static int
framework_index (const char *framework)
{
  for (guint i = 0; i < N_FRAMEWORKS; i++)
    {
      if (g_strcmp0 (frameworks[i], framework) == 0)
        return i;
    }

  return -1;
}

/**
 * cl_compliance_map_compare_controls:
 *
 * Orders control ids as people read them: runs of digits by value, so
 * "A.8.9" comes before "A.8.20" and "SC-8" before "SC-13".
 */
int
cl_compliance_map_compare_controls (const char *a,
                                    const char *b)
{
  while (*a != '\0' && *b != '\0')
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          const char *ea, *eb;

          while (*a == '0')
            a++;
          while (*b == '0')
            b++;
          for (ea = a; g_ascii_isdigit (*ea); ea++)
            ;
          for (eb = b; g_ascii_isdigit (*eb); eb++)
            ;
          if (ea - a != eb - b)
            return ea - a < eb - b ? -1 : 1;
          for (; a < ea; a++, b++)
            {
              if (*a != *b)
                return *a < *b ? -1 : 1;
            }
          continue;
        }
      if (*a != *b)
        return (guchar)*a < (guchar)*b ? -1 : 1;
      a++;
      b++;
    }

  return (*a != '\0') - (*b != '\0');
}

static int
compare_control_ptrs (gconstpointer a,
                      gconstpointer b)
{
  return cl_compliance_map_compare_controls (*(const char **)a, *(const char **)b);
}

/* The messages below describe a defect of the shipped data, for its
 * developers: they are not translated. */

static gboolean
load_frameworks (ClComplianceMap  *self,
                 JsonObject       *root,
                 GError          **error)
{
  JsonNode *node = json_object_get_member (root, "frameworks");
  JsonObject *obj;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return cl_error_invalid (error, "compliance map: no \"frameworks\" object");
  obj = json_node_get_object (node);
  if (json_object_get_size (obj) != N_FRAMEWORKS)
    return cl_error_invalid (error, "compliance map: expected the frameworks %s",
                             "soc2, iso27001, nist, pcidss, hipaa");

  for (guint i = 0; i < N_FRAMEWORKS; i++)
    {
      JsonNode *fnode = json_object_get_member (obj, frameworks[i]);
      JsonObject *framework, *controls;
      JsonNode *title, *cnode;
      g_autoptr(GList) ids = NULL;

      if (fnode == NULL || !JSON_NODE_HOLDS_OBJECT (fnode))
        return cl_error_invalid (error, "compliance map: no framework %s", frameworks[i]);
      framework = json_node_get_object (fnode);
      title = json_object_get_member (framework, "title");
      cnode = json_object_get_member (framework, "controls");
      if (title == NULL || json_node_get_value_type (title) != G_TYPE_STRING ||
          cnode == NULL || !JSON_NODE_HOLDS_OBJECT (cnode))
        return cl_error_invalid (error, "compliance map: framework %s needs a title and controls", frameworks[i]);
      self->titles[i] = g_strdup (json_node_get_string (title));

      controls = json_node_get_object (cnode);
      ids = json_object_get_members (controls);
      for (GList *l = ids; l != NULL; l = l->next)
        {
          JsonNode *ctitle = json_object_get_member (controls, l->data);

          if (json_node_get_value_type (ctitle) != G_TYPE_STRING ||
              *json_node_get_string (ctitle) == '\0')
            return cl_error_invalid (error, "compliance map: %s control %s has no title",
                                     frameworks[i], (const char *)l->data);
          g_hash_table_insert (self->controls[i], g_strdup (l->data),
                               g_strdup (json_node_get_string (ctitle)));
        }
    }

  return TRUE;
}

static gboolean
load_rule (ClComplianceMap  *self,
           const char       *rule_id,
           JsonNode         *node,
           GError          **error)
{
  Mapping *mapping = g_new0 (Mapping, 1);
  g_autoptr(GList) members = NULL;
  guint n_controls = 0;

  for (guint i = 0; i < N_FRAMEWORKS; i++)
    mapping->controls[i] = g_ptr_array_new_with_free_func (g_free);
  /* owned by the table from here on, even when the rest fails */
  g_hash_table_insert (self->rules, g_strdup (rule_id), mapping);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return cl_error_invalid (error, "compliance map: rule %s is not an object", rule_id);

  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      int f = framework_index (l->data);
      JsonNode *anode = json_object_get_member (json_node_get_object (node), l->data);
      JsonArray *array;

      if (f < 0)
        return cl_error_invalid (error, "compliance map: rule %s names the unknown framework %s",
                                 rule_id, (const char *)l->data);
      if (!JSON_NODE_HOLDS_ARRAY (anode))
        return cl_error_invalid (error, "compliance map: rule %s: %s is not an array",
                                 rule_id, (const char *)l->data);

      array = json_node_get_array (anode);
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *cnode = json_array_get_element (array, j);
          const char *control;

          if (json_node_get_value_type (cnode) != G_TYPE_STRING)
            return cl_error_invalid (error, "compliance map: rule %s: a %s control is not a string",
                                     rule_id, frameworks[f]);
          control = json_node_get_string (cnode);
          if (!g_hash_table_contains (self->controls[f], control))
            return cl_error_invalid (error, "compliance map: rule %s names %s control %s, which the framework does not list",
                                     rule_id, frameworks[f], control);
          if (g_ptr_array_find_with_equal_func (mapping->controls[f], control, g_str_equal, NULL))
            return cl_error_invalid (error, "compliance map: rule %s names %s control %s twice",
                                     rule_id, frameworks[f], control);
          g_ptr_array_add (mapping->controls[f], g_strdup (control));
          n_controls++;
        }
      g_ptr_array_sort (mapping->controls[f], compare_control_ptrs);
    }

  if (n_controls == 0)
    return cl_error_invalid (error, "compliance map: rule %s maps to no control", rule_id);

  return TRUE;
}

/**
 * cl_compliance_map_new_from_bytes:
 * @bytes: a compliance map in the form of data/compliance.json
 *
 * Checks what it reads: the five frameworks, a title for each control,
 * and every control a rule names listed by its framework.
 *
 * Returns: (transfer full): the map, or %NULL with a %CL_ERROR_VALIDATION
 *   error
 */
ClComplianceMap *
cl_compliance_map_new_from_bytes (GBytes  *bytes,
                                  GError **error)
{
  g_autoptr(ClComplianceMap) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *root, *rules;
  JsonNode *node;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &parse_error))
    return cl_error_invalid (error, "compliance map: %s", parse_error->message), NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return cl_error_invalid (error, "compliance map: not an object"), NULL;
  root = json_node_get_object (json_parser_get_root (parser));

  self = g_object_new (CL_TYPE_COMPLIANCE_MAP, NULL);
  if (!load_frameworks (self, root, error))
    return NULL;

  node = json_object_get_member (root, "rules");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return cl_error_invalid (error, "compliance map: no \"rules\" object"), NULL;
  rules = json_node_get_object (node);
  members = json_object_get_members (rules);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!load_rule (self, l->data, json_object_get_member (rules, l->data), error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * cl_compliance_map_get_default:
 *
 * Returns: (transfer none): the map shipped in the GResource, loaded once
 */
ClComplianceMap *
cl_compliance_map_get_default (void)
{
  static ClComplianceMap *map;

  if (g_once_init_enter (&map))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      ClComplianceMap *loaded = NULL;

      bytes = g_resource_lookup_data (cl_get_resource (), RESOURCE_PATH,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      /* The map is compiled in: failing to read it is a build defect. */
      if (bytes == NULL || !(loaded = cl_compliance_map_new_from_bytes (bytes, &error)))
        g_error ("compliance.json: %s", error->message);

      g_once_init_leave (&map, loaded);
    }

  return map;
}

/**
 * cl_compliance_map_list_frameworks:
 *
 * Returns: (transfer none) (array zero-terminated=1): the framework ids,
 *   in the report's order: soc2, iso27001, nist, pcidss, hipaa
 */
const char * const *
cl_compliance_map_list_frameworks (void)
{
  return frameworks;
}

const char *
cl_compliance_map_get_framework_title (ClComplianceMap *self,
                                       const char      *framework)
{
  int f;

  g_return_val_if_fail (CL_IS_COMPLIANCE_MAP (self), NULL);

  f = framework_index (framework);
  return f >= 0 ? self->titles[f] : NULL;
}

/**
 * cl_compliance_map_get_control_title:
 *
 * Returns: (nullable): the control's title, %NULL when @framework does not
 *   list @control
 */
const char *
cl_compliance_map_get_control_title (ClComplianceMap *self,
                                     const char      *framework,
                                     const char      *control)
{
  int f;

  g_return_val_if_fail (CL_IS_COMPLIANCE_MAP (self), NULL);
  g_return_val_if_fail (control != NULL, NULL);

  f = framework_index (framework);
  return f >= 0 ? g_hash_table_lookup (self->controls[f], control) : NULL;
}

gboolean
cl_compliance_map_has_rule (ClComplianceMap *self,
                            const char      *rule_id)
{
  g_return_val_if_fail (CL_IS_COMPLIANCE_MAP (self), FALSE);
  g_return_val_if_fail (rule_id != NULL, FALSE);

  return g_hash_table_contains (self->rules, rule_id);
}

/**
 * cl_compliance_map_lookup:
 *
 * Returns: (transfer none) (nullable) (element-type utf8): the controls of
 *   @framework that @rule_id touches, sorted (maybe none); %NULL when the
 *   rule or the framework is unknown
 */
GPtrArray *
cl_compliance_map_lookup (ClComplianceMap *self,
                          const char      *rule_id,
                          const char      *framework)
{
  Mapping *mapping;
  int f;

  g_return_val_if_fail (CL_IS_COMPLIANCE_MAP (self), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  mapping = g_hash_table_lookup (self->rules, rule_id);
  f = framework_index (framework);
  return mapping != NULL && f >= 0 ? mapping->controls[f] : NULL;
}

/**
 * cl_compliance_map_controls_to_json:
 *
 * An issue's "controls": {"soc2": [ids], …} with all five frameworks, the
 * arrays empty for a rule the map does not know.
 *
 * Returns: (transfer full): the object
 */
JsonNode *
cl_compliance_map_controls_to_json (ClComplianceMap *self,
                                    const char      *rule_id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  Mapping *mapping;

  g_return_val_if_fail (CL_IS_COMPLIANCE_MAP (self), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  mapping = g_hash_table_lookup (self->rules, rule_id);

  json_builder_begin_object (b);
  for (guint f = 0; f < N_FRAMEWORKS; f++)
    {
      json_builder_set_member_name (b, frameworks[f]);
      json_builder_begin_array (b);
      for (guint i = 0; mapping != NULL && i < mapping->controls[f]->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (mapping->controls[f], i));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

typedef struct
{
  const char *control;   /* owned by the map */
  GPtrArray  *rule_ids;  /* (element-type utf8) the failing rules, sorted, not owned */
} Touched;

static void
touched_free (Touched *touched)
{
  g_ptr_array_unref (touched->rule_ids);
  g_free (touched);
}

static void
touch_rule (ClComplianceMap *self,
            GHashTable      *touched[],
            const char      *rule_id,
            const char      *failing_rule_id)
{
  Mapping *mapping = g_hash_table_lookup (self->rules, rule_id);

  if (mapping == NULL)
    return;

  for (guint f = 0; f < N_FRAMEWORKS; f++)
    {
      for (guint i = 0; i < mapping->controls[f]->len; i++)
        {
          const char *control = g_ptr_array_index (mapping->controls[f], i);
          Touched *t = g_hash_table_lookup (touched[f], control);

          if (t == NULL)
            {
              t = g_new0 (Touched, 1);
              t->control = control;
              t->rule_ids = g_ptr_array_new ();
              g_hash_table_insert (touched[f], (gpointer)control, t);
            }
          if (failing_rule_id != NULL &&
              !g_ptr_array_find_with_equal_func (t->rule_ids, failing_rule_id, g_str_equal, NULL))
            g_ptr_array_add (t->rule_ids, (gpointer)failing_rule_id);
        }
    }
}

static int
compare_touched (gconstpointer a,
                 gconstpointer b)
{
  return cl_compliance_map_compare_controls ((*(Touched **)a)->control, (*(Touched **)b)->control);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

/**
 * cl_compliance_map_build_section:
 * @results: (element-type ClModuleResult): the scan's module results
 * @issues: (element-type ClFinding): the findings that count (false
 *   positives left out)
 *
 * The report's "compliance" object: per framework, each control that a
 * completed module can test, `{"control", "title", "status": "pass" or
 * "fail", "rule_ids": the rules found that fail it}`, by control id.
 *
 * Returns: (transfer full): the section
 */
JsonNode *
cl_compliance_map_build_section (ClComplianceMap *self,
                                 GPtrArray       *results,
                                 GPtrArray       *issues)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GHashTable *touched[N_FRAMEWORKS];

  g_return_val_if_fail (CL_IS_COMPLIANCE_MAP (self), NULL);
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (issues != NULL, NULL);

  for (guint f = 0; f < N_FRAMEWORKS; f++)
    touched[f] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)touched_free);

  for (guint i = 0; i < results->len; i++)
    {
      ClModuleResult *result = g_ptr_array_index (results, i);
      const char * const *rule_ids;
      GPtrArray *findings;

      if (cl_module_result_get_status (result) != CL_MODULE_STATUS_COMPLETED)
        continue;

      rule_ids = cl_modules_get_rule_ids (cl_module_result_get_module_id (result));
      for (guint j = 0; rule_ids != NULL && rule_ids[j] != NULL; j++)
        touch_rule (self, touched, rule_ids[j], NULL);
      /* a module this version does not implement, read back from a report */
      findings = cl_module_result_get_findings (result);
      for (guint j = 0; j < findings->len; j++)
        touch_rule (self, touched, cl_finding_get_rule_id (g_ptr_array_index (findings, j)), NULL);
    }

  for (guint i = 0; i < issues->len; i++)
    {
      ClFinding *finding = g_ptr_array_index (issues, i);

      if (cl_finding_get_severity (finding) != CL_SEVERITY_INFO)
        touch_rule (self, touched, cl_finding_get_rule_id (finding), cl_finding_get_rule_id (finding));
    }

  json_builder_begin_object (b);
  for (guint f = 0; f < N_FRAMEWORKS; f++)
    {
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, touched[f]);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (sorted, value);
      g_ptr_array_sort (sorted, compare_touched);

      json_builder_set_member_name (b, frameworks[f]);
      json_builder_begin_array (b);
      for (guint i = 0; i < sorted->len; i++)
        {
          Touched *t = g_ptr_array_index (sorted, i);

          g_ptr_array_sort (t->rule_ids, compare_strings);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "control");
          json_builder_add_string_value (b, t->control);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, g_hash_table_lookup (self->controls[f], t->control));
          json_builder_set_member_name (b, "status");
          json_builder_add_string_value (b, t->rule_ids->len > 0 ? "fail" : "pass");
          json_builder_set_member_name (b, "rule_ids");
          json_builder_begin_array (b);
          for (guint j = 0; j < t->rule_ids->len; j++)
            json_builder_add_string_value (b, g_ptr_array_index (t->rule_ids, j));
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      g_hash_table_unref (touched[f]);
    }
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
