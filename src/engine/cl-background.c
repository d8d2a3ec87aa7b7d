/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-background"
#define _GNU_SOURCE  /* gettid() */

#include "config.h"

#include <errno.h>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

#include "cl-background.h"

/* A scan's CPU work (TLS handshakes, judging pages, parsing answers) runs
 * in GLib's worker threads while the window draws.  On a machine with
 * few cores those threads took the CPU from the main thread: frames
 * waited up to ~25 ms for a core.  Linux's nice value is per thread, so
 * in the app a worker that runs scan work is lowered; the main thread
 * keeps its priority.  GLib reuses its workers, which then stay lowered:
 * what else runs there is background work too.  The command line has no
 * window to keep drawing and leaves its workers as they are. */
#define BACKGROUND_NICE 10

static gboolean lower_workers;

static GQuark
func_quark (void)
{
  return g_quark_from_static_string ("cl-background-func");
}

static void
lower_this_thread (void)
{
#ifdef __linux__
  static GPrivate lowered;

  if (g_private_get (&lowered) == NULL)
    {
      if (setpriority (PRIO_PROCESS, gettid (), BACKGROUND_NICE) != 0)
        g_debug ("could not lower a worker's priority: %s", g_strerror (errno));
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }
#endif
}

static void
run_lowered (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GTaskThreadFunc func = (GTaskThreadFunc) g_object_get_qdata (G_OBJECT (task), func_quark ());

  if (g_atomic_int_get (&lower_workers))
    lower_this_thread ();
  func (task, source, task_data, cancellable);
}

/**
 * cl_background_lower_workers:
 *
 * From now on, cl_task_run_in_background() lowers the priority of the
 * worker threads it runs in (see above).
 */
void
cl_background_lower_workers (void)
{
  g_atomic_int_set (&lower_workers, TRUE);
}

/**
 * cl_task_run_in_background:
 * @task: a task
 * @func: what to run in a worker thread
 *
 * As g_task_run_in_thread(), in a worker of low priority once
 * cl_background_lower_workers() was called.
 */
void
cl_task_run_in_background (GTask           *task,
                           GTaskThreadFunc  func)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  g_object_set_qdata (G_OBJECT (task), func_quark (), (gpointer) func);
  g_task_run_in_thread (task, run_lowered);
}
