/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-background"
#define _GNU_SOURCE  /* gettid() */

#include "config.h"

#include <sys/resource.h>
#include <unistd.h>

#include "cl-background.h"
#include "cl-test-util.h"

/* cl_task_run_in_background() runs its function in a worker and returns
 * what it returns; the worker keeps its priority until the app asks for
 * lowered workers, and has the lowest normal one after. */

static void
report_nice (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  g_task_return_int (task, getpriority (PRIO_PROCESS, gettid ()));
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static int
worker_nice (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_done, &result);
  g_autoptr(GError) error = NULL;
  gssize nice;

  cl_task_run_in_background (task, report_nice);
  g_clear_object (&task);
  cl_test_wait ((gpointer *)&result);
  nice = g_task_propagate_int (G_TASK (result), &error);
  g_assert_no_error (error);

  return (int) nice;
}

/* One test, in this order: GLib reuses its workers, and a lowered one
 * stays lowered. */
static void
test_lowering (void)
{
  int own = getpriority (PRIO_PROCESS, gettid ());

  g_assert_cmpint (worker_nice (), ==, own);
  cl_background_lower_workers ();
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (worker_nice (), ==, MIN (own + 10, 19));
  g_assert_cmpint (getpriority (PRIO_PROCESS, gettid ()), ==, own);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/background/lowering", test_lowering);

  return g_test_run ();
}
