/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cl-compliance-score.h"
#include "cl-report.h"
#include "cl-violation.h"

G_BEGIN_DECLS

#define CL_TYPE_STORE (cl_store_get_type ())

G_DECLARE_FINAL_TYPE (ClStore, cl_store, CL, STORE, GObject)

char              *cl_store_default_path          (void);
ClStore           *cl_store_new                   (const char         *path,
                                                   GError            **error);
const char        *cl_store_get_path              (ClStore            *self);

char              *cl_store_save_report           (ClStore            *self,
                                                   ClReport           *report,
                                                   GError            **error);
GPtrArray         *cl_store_list_exclusions       (ClStore            *self,
                                                   const char         *domain,
                                                   GError            **error);
ClReport          *cl_store_find_recent_report    (ClStore            *self,
                                                   const char         *domain,
                                                   guint               max_age_seconds,
                                                   GError            **error);
JsonNode          *cl_store_get_report_json       (ClStore            *self,
                                                   const char         *report_id,
                                                   GError            **error);
GPtrArray         *cl_store_list_history          (ClStore            *self,
                                                   const char         *domain,
                                                   GError            **error);
GPtrArray         *cl_store_list_violations       (ClStore            *self,
                                                   const char         *domain,
                                                   gboolean            all,
                                                   GError            **error);
gboolean           cl_store_mark                  (ClStore            *self,
                                                   const char         *domain,
                                                   const char         *rule_id,
                                                   ClViolationStatus   status,
                                                   const char         *note,
                                                   GError            **error);
ClComplianceScore *cl_store_get_compliance_score  (ClStore            *self,
                                                   const char         *scan_id,
                                                   GError            **error);

GStrv              cl_store_list_domains          (ClStore            *self,
                                                   GError            **error);

/* Any of the calls above, off the main thread (see cl_store_call_async()) */
typedef gpointer (*ClStoreFunc) (ClStore   *store,
                                 gpointer   data,
                                 GError   **error);

void               cl_store_call_async            (ClStore            *self,
                                                   ClStoreFunc         func,
                                                   gpointer            data,
                                                   GDestroyNotify      data_free,
                                                   GDestroyNotify      result_free,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gpointer           cl_store_call_finish           (ClStore            *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

G_END_DECLS
