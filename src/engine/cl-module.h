/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cl-module-result.h"
#include "cl-scan-context.h"

G_BEGIN_DECLS

#define CL_TYPE_MODULE (cl_module_get_type ())

G_DECLARE_DERIVABLE_TYPE (ClModule, cl_module, CL, MODULE, GObject)

/* A module fetches what it needs from the target, then judges it.  It
 * reports what it could not do as a GError (the job turns that into an
 * unavailable module with a caveat) and must honour @cancellable quickly:
 * the job cancels it when the module's timeout expires. */
struct _ClModuleClass
{
  GObjectClass parent_class;

  const char *id;  /* set by the subclass in class_init: "ssl" */
  /* Every rule id the module can emit, NULL-terminated, set in class_init:
   * the compliance mapping must cover each, and the scan job reports
   * (g_critical) a finding whose rule is not declared. */
  const char * const *rule_ids;

  void            (*run_async)  (ClModule             *self,
                                 ClScanContext        *context,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
  ClModuleResult *(*run_finish) (ClModule             *self,
                                 GAsyncResult         *result,
                                 GError              **error);
};

const char         *cl_module_get_id        (ClModule             *self);
const char * const *cl_module_list_rule_ids (ClModule             *self);
gboolean            cl_module_declares_rule (ClModule             *self,
                                             const char           *rule_id);
void                cl_module_run_async     (ClModule             *self,
                                             ClScanContext        *context,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
ClModuleResult     *cl_module_run_finish    (ClModule             *self,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
