/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cl-module-result.h"
#include "cl-scan-settings.h"

G_BEGIN_DECLS

/* The seed's job states. */
typedef enum
{
  CL_SCAN_STATE_QUEUED,
  CL_SCAN_STATE_RUNNING,
  CL_SCAN_STATE_COMPLETED,
  CL_SCAN_STATE_FAILED,
} ClScanState;

typedef enum
{
  CL_MODULE_PROGRESS_WAITING,
  CL_MODULE_PROGRESS_RUNNING,
  CL_MODULE_PROGRESS_DONE,
} ClModuleProgress;

const char *cl_scan_state_to_string (ClScanState state);

#define CL_TYPE_SCAN_JOB (cl_scan_job_get_type ())

G_DECLARE_FINAL_TYPE (ClScanJob, cl_scan_job, CL, SCAN_JOB, GObject)

ClScanJob      *cl_scan_job_new                 (const char           *domain,
                                                 ClScanSettings       *settings);
const char     *cl_scan_job_get_domain          (ClScanJob            *self);
ClScanState     cl_scan_job_get_state           (ClScanJob            *self);
const char     *cl_scan_job_get_failure_reason  (ClScanJob            *self);
GDateTime      *cl_scan_job_get_started_at      (ClScanJob            *self);
ClModuleProgress cl_scan_job_get_module_progress (ClScanJob           *self,
                                                 const char           *module_id);
GPtrArray      *cl_scan_job_get_results         (ClScanJob            *self);
GPtrArray      *cl_scan_job_get_caveats         (ClScanJob            *self);
void            cl_scan_job_run_async           (ClScanJob            *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        cl_scan_job_run_finish          (ClScanJob            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
