/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CL_TYPE_COMPLIANCE_MAP (cl_compliance_map_get_type ())

G_DECLARE_FINAL_TYPE (ClComplianceMap, cl_compliance_map, CL, COMPLIANCE_MAP, GObject)

ClComplianceMap    *cl_compliance_map_new_from_bytes      (GBytes           *bytes,
                                                           GError          **error);
ClComplianceMap    *cl_compliance_map_get_default         (void);
const char * const *cl_compliance_map_list_frameworks     (void);
const char         *cl_compliance_map_get_framework_title (ClComplianceMap  *self,
                                                           const char       *framework);
const char         *cl_compliance_map_get_control_title   (ClComplianceMap  *self,
                                                           const char       *framework,
                                                           const char       *control);
gboolean            cl_compliance_map_has_rule            (ClComplianceMap  *self,
                                                           const char       *rule_id);
GPtrArray          *cl_compliance_map_lookup              (ClComplianceMap  *self,
                                                           const char       *rule_id,
                                                           const char       *framework);
JsonNode           *cl_compliance_map_controls_to_json    (ClComplianceMap  *self,
                                                           const char       *rule_id);
JsonNode           *cl_compliance_map_build_section       (ClComplianceMap  *self,
                                                           GPtrArray        *results,
                                                           GPtrArray        *issues);
int                 cl_compliance_map_compare_controls    (const char       *a,
                                                           const char       *b);

G_END_DECLS
