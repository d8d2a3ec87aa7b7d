/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-module"

#include "config.h"

#include "cl-module.h"

G_DEFINE_ABSTRACT_TYPE (ClModule, cl_module, G_TYPE_OBJECT)

/* Modules that complete through a GTask returning a ClModuleResult need
 * not write their own finish. */
static ClModuleResult *
cl_module_real_run_finish (ClModule      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cl_module_class_init (ClModuleClass *klass)
{
  klass->run_finish = cl_module_real_run_finish;
}

static void
cl_module_init (ClModule *self)
{
}

const char *
cl_module_get_id (ClModule *self)
{
  g_return_val_if_fail (CL_IS_MODULE (self), NULL);
  return CL_MODULE_GET_CLASS (self)->id;
}

/**
 * cl_module_list_rule_ids:
 *
 * Returns: (transfer none) (array zero-terminated=1): every rule id the
 *   module can emit
 */
const char * const *
cl_module_list_rule_ids (ClModule *self)
{
  static const char * const none[] = { NULL };
  const char * const *rule_ids;

  g_return_val_if_fail (CL_IS_MODULE (self), NULL);

  rule_ids = CL_MODULE_GET_CLASS (self)->rule_ids;
  return rule_ids != NULL ? rule_ids : none;
}

gboolean
cl_module_declares_rule (ClModule   *self,
                         const char *rule_id)
{
  g_return_val_if_fail (CL_IS_MODULE (self), FALSE);
  g_return_val_if_fail (rule_id != NULL, FALSE);

  return g_strv_contains (cl_module_list_rule_ids (self), rule_id);
}

void
cl_module_run_async (ClModule            *self,
                     ClScanContext       *context,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (CL_IS_MODULE (self));
  g_return_if_fail (CL_IS_SCAN_CONTEXT (context));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  CL_MODULE_GET_CLASS (self)->run_async (self, context, cancellable, callback, user_data);
}

ClModuleResult *
cl_module_run_finish (ClModule      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (CL_IS_MODULE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return CL_MODULE_GET_CLASS (self)->run_finish (self, result, error);
}
