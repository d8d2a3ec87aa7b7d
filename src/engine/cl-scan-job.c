/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-scan-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cl-background.h"
#include "cl-error.h"
#include "cl-module-catalog.h"
#include "cl-modules.h"
#include "cl-resolver.h"
#include "cl-scan-context.h"
#include "cl-scan-job.h"
#include "cl-trust-database.h"

/* One scan of one domain, as the seed's job: queued → running →
 * completed | failed.  It resolves the domain, finds out whether anything
 * answers on the web ports, then runs every module at once, each with its
 * own timeout, under one cancellable.  It never waits for a module past its
 * timeout: a late module is cancelled and reported unavailable, so no
 * server can hold a scan longer than the module timeout. */

typedef struct
{
  ClScanJob          *job;
  const ClModuleInfo *info;
  ClModule           *module;
  GCancellable       *cancellable;
  guint               timeout_id;
  gboolean            settled;
} ModuleSlot;

struct _ClScanJob
{
  GObject          parent_instance;

  char            *domain;
  ClScanSettings  *settings;
  ClScanState      state;
  char            *failure_reason;
  GDateTime       *started_at;

  GTask           *task;          /* while running */
  GCancellable    *cancellable;   /* the caller's, or our own */
  gulong           cancelled_id;
  GMainContext    *main_context;  /* where the job runs */
  ClScanContext   *context;
  guint            pending;       /* steps or modules not yet settled */
  guint            nxdomain : 1;
  GError          *resolve_error;

  GHashTable      *progress;      /* module id → ClModuleProgress */
  GHashTable      *results_by_id; /* module id → ClModuleResult */
  GPtrArray       *slots;         /* ModuleSlot, refcounted */
  GPtrArray       *results;       /* in catalog order, once settled */
  GPtrArray       *caveats;
};

G_DEFINE_FINAL_TYPE (ClScanJob, cl_scan_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOMAIN,
  PROP_STATE,
  PROP_FAILURE_REASON,
  N_PROPS
};

enum {
  MODULE_PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

const char *
cl_scan_state_to_string (ClScanState state)
{
  switch (state)
    {
    case CL_SCAN_STATE_QUEUED:
      return "queued";
    case CL_SCAN_STATE_RUNNING:
      return "running";
    case CL_SCAN_STATE_COMPLETED:
      return "completed";
    case CL_SCAN_STATE_FAILED:
      return "failed";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
module_slot_free (ModuleSlot *slot)
{
  g_clear_handle_id (&slot->timeout_id, g_source_remove);
  g_clear_object (&slot->module);
  g_clear_object (&slot->cancellable);
  g_clear_object (&slot->job);
}

static ModuleSlot *
module_slot_ref (ModuleSlot *slot)
{
  return g_rc_box_acquire (slot);
}

static void
module_slot_unref (ModuleSlot *slot)
{
  g_rc_box_release_full (slot, (GDestroyNotify)module_slot_free);
}

static void
cl_scan_job_dispose (GObject *object)
{
  ClScanJob *self = (ClScanJob *)object;

  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (cl_scan_job_parent_class)->dispose (object);
}

static void
cl_scan_job_finalize (GObject *object)
{
  ClScanJob *self = (ClScanJob *)object;

  g_clear_pointer (&self->domain, g_free);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->failure_reason, g_free);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_error (&self->resolve_error);
  g_clear_pointer (&self->progress, g_hash_table_unref);
  g_clear_pointer (&self->results_by_id, g_hash_table_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->caveats, g_ptr_array_unref);

  G_OBJECT_CLASS (cl_scan_job_parent_class)->finalize (object);
}

static void
cl_scan_job_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ClScanJob *self = CL_SCAN_JOB (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_FAILURE_REASON:
      g_value_set_string (value, self->failure_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_scan_job_class_init (ClScanJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cl_scan_job_dispose;
  object_class->finalize = cl_scan_job_finalize;
  object_class->get_property = cl_scan_job_get_property;

  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_uint ("state", NULL, NULL,
                       CL_SCAN_STATE_QUEUED, CL_SCAN_STATE_FAILED, CL_SCAN_STATE_QUEUED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILURE_REASON] =
    g_param_spec_string ("failure-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ClScanJob::module-progress:
   * @module_id: the module
   * @progress: a #ClModuleProgress
   *
   * A module started or finished; its result is then in
   * cl_scan_job_get_results() once the job is done.
   */
  signals[MODULE_PROGRESS] =
    g_signal_new ("module-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
}

static void
cl_scan_job_init (ClScanJob *self)
{
  self->progress = g_hash_table_new (g_str_hash, g_str_equal);
  self->results_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->slots = g_ptr_array_new_with_free_func ((GDestroyNotify)module_slot_unref);
  self->caveats = g_ptr_array_new_with_free_func (g_free);
}

/**
 * cl_scan_job_new:
 * @domain: a domain as cl_domain_normalize() returns it
 * @settings: where to look
 *
 * Returns: (transfer full): a queued job
 */
ClScanJob *
cl_scan_job_new (const char     *domain,
                 ClScanSettings *settings)
{
  ClScanJob *self;

  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (CL_IS_SCAN_SETTINGS (settings), NULL);

  self = g_object_new (CL_TYPE_SCAN_JOB, NULL);
  self->domain = g_strdup (domain);
  self->settings = g_object_ref (settings);

  return self;
}

static void
set_state (ClScanJob   *self,
           ClScanState  state)
{
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_progress (ClScanJob        *self,
              const char       *module_id,
              ClModuleProgress  progress)
{
  g_hash_table_insert (self->progress, (gpointer)module_id, GUINT_TO_POINTER (progress));
  g_signal_emit (self, signals[MODULE_PROGRESS], 0, module_id, progress);
}

/* Slots hold the job while their module may still call back; the job
 * lets go of them when it ends, so that no cycle outlives the run. */
static void
release_slots (ClScanJob *self)
{
  g_ptr_array_set_size (self->slots, 0);
}

static void
job_fail (ClScanJob *self,
          GError    *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    {
      g_error_free (error);
      return;
    }

  for (guint i = 0; i < self->slots->len; i++)
    {
      ModuleSlot *slot = g_ptr_array_index (self->slots, i);

      slot->settled = TRUE;
      g_clear_handle_id (&slot->timeout_id, g_source_remove);
      if (slot->cancellable != NULL)
        g_cancellable_cancel (slot->cancellable);
    }
  g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;

  g_free (self->failure_reason);
  self->failure_reason = g_strdup (error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE_REASON]);
  set_state (self, CL_SCAN_STATE_FAILED);

  g_task_return_error (task, error);
  release_slots (self);
}

static void
add_caveat (ClScanJob  *self,
            const char *caveat)
{
  for (guint i = 0; i < self->caveats->len; i++)
    if (g_str_equal (g_ptr_array_index (self->caveats, i), caveat))
      return;
  g_ptr_array_add (self->caveats, g_strdup (caveat));
}

/* The caveats the report must carry, so a reader knows what the score does
 * not cover. */
static void
collect_caveats (ClScanJob *self)
{
  g_autoptr(GString) not_implemented = g_string_new (NULL);
  const char *not_applicable_reason = NULL;

  add_caveat (self, _("External scanning only — internal controls were not assessed"));

  for (guint i = 0; i < self->results->len; i++)
    {
      ClModuleResult *result = g_ptr_array_index (self->results, i);
      const ClModuleInfo *info = cl_module_catalog_lookup (cl_module_result_get_module_id (result));
      GPtrArray *caveats = cl_module_result_get_caveats (result);

      switch (cl_module_result_get_status (result))
        {
        case CL_MODULE_STATUS_UNAVAILABLE:
          {
            g_autofree char *caveat = NULL;

            if (info->weight > 0)
              caveat = g_strdup_printf (_("%s could not be assessed (%s); its weight was spread over the other modules"),
                                        _(info->title), cl_module_result_get_reason (result));
            else
              caveat = g_strdup_printf (_("%s could not be assessed (%s)"),
                                        _(info->title), cl_module_result_get_reason (result));
            add_caveat (self, caveat);
          }
          break;
        case CL_MODULE_STATUS_NOT_APPLICABLE:
          not_applicable_reason = cl_module_result_get_reason (result);
          break;
        case CL_MODULE_STATUS_NOT_IMPLEMENTED:
          g_string_append_printf (not_implemented, "%s%s", not_implemented->len ? ", " : "", _(info->title));
          break;
        case CL_MODULE_STATUS_COMPLETED:
        default:
          break;
        }

      for (guint j = 0; j < caveats->len; j++)
        add_caveat (self, g_ptr_array_index (caveats, j));
    }

  if (not_applicable_reason != NULL)
    {
      g_autofree char *caveat = g_strdup_printf (_("No web presence (%s): the web modules were not applicable and carry no weight"),
                                                 not_applicable_reason);
      add_caveat (self, caveat);
    }
  if (not_implemented->len > 0)
    {
      g_autofree char *caveat = g_strdup_printf (_("Not assessed by this version: %s"), not_implemented->str);
      add_caveat (self, caveat);
    }
}

static void
job_complete (ClScanJob *self)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *catalog = cl_module_catalog_list ();
  gboolean scored = FALSE;

  if (self->task == NULL)
    return;

  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < catalog->len; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, i);
      ClModuleResult *result = g_hash_table_lookup (self->results_by_id, info->id);

      g_ptr_array_add (self->results, g_object_ref (result));
      scored |= info->weight > 0 && cl_module_result_get_status (result) == CL_MODULE_STATUS_COMPLETED;
    }

  if (!scored)
    {
      job_fail (self, g_error_new (CL_ERROR, CL_ERROR_UNAVAILABLE,
                                   _("None of the scored modules could be carried out for %s"),
                                   self->domain));
      return;
    }

  collect_caveats (self);

  task = g_steal_pointer (&self->task);
  g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;
  set_state (self, CL_SCAN_STATE_COMPLETED);
  g_task_return_boolean (task, TRUE);
  release_slots (self);
}

static void
settle (ModuleSlot     *slot,
        ClModuleResult *result)
{
  ClScanJob *self = slot->job;

  if (slot->settled)
    return;

  slot->settled = TRUE;
  g_clear_handle_id (&slot->timeout_id, g_source_remove);
  g_hash_table_insert (self->results_by_id, slot->info->id, g_object_ref (result));
  set_progress (self, slot->info->id, CL_MODULE_PROGRESS_DONE);

  g_assert (self->pending > 0);
  if (--self->pending == 0)
    job_complete (self);
}

static void
settle_with_status (ModuleSlot     *slot,
                    ClModuleStatus  status,
                    const char     *reason)
{
  g_autoptr(ClModuleResult) result = cl_module_result_new (slot->info->id);

  cl_module_result_set_status (result, status, reason);
  settle (slot, result);
}

/* A rule a module does not declare has no compliance mapping and no
 * place in the violation history: a defect of the module. */
static void
check_declared_rules (ClModule       *module,
                      ClModuleResult *result)
{
  GPtrArray *findings = cl_module_result_get_findings (result);

  for (guint i = 0; i < findings->len; i++)
    {
      const char *rule_id = cl_finding_get_rule_id (g_ptr_array_index (findings, i));

      if (!cl_module_declares_rule (module, rule_id))
        g_critical ("Module %s emitted the undeclared rule %s", cl_module_get_id (module), rule_id);
    }
}

static void
module_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  ModuleSlot *slot = user_data;
  g_autoptr(ClModuleResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = cl_module_run_finish (slot->module, res, &error);
  if (result != NULL)
    check_declared_rules (slot->module, result);

  if (!slot->settled)
    {
      if (result != NULL)
        settle (slot, result);
      else
        settle_with_status (slot, CL_MODULE_STATUS_UNAVAILABLE, error->message);
    }

  module_slot_unref (slot);
}

static gboolean
module_timed_out (gpointer user_data)
{
  ModuleSlot *slot = user_data;
  g_autofree char *reason = NULL;

  slot->timeout_id = 0;
  g_cancellable_cancel (slot->cancellable);

  reason = g_strdup_printf (_("it did not finish within %u seconds"),
                            cl_scan_settings_get_module_timeout (slot->job->settings));
  settle_with_status (slot, CL_MODULE_STATUS_UNAVAILABLE, reason);

  return G_SOURCE_REMOVE;
}

static void
start_modules (ClScanJob *self)
{
  GPtrArray *catalog = cl_module_catalog_list ();
  gboolean has_address = cl_scan_context_get_addresses (self->context)->len > 0;
  gboolean has_web = cl_scan_context_get_has_web (self->context);
  const char *no_web_reason = has_address
    ? _("nothing answers on ports 80 or 443")
    : _("the domain has no A or AAAA record");

  self->pending = catalog->len;

  for (guint i = 0; i < catalog->len && self->task != NULL; i++)
    {
      const ClModuleInfo *info = g_ptr_array_index (catalog, i);
      ModuleSlot *slot = g_rc_box_new0 (ModuleSlot);

      slot->job = g_object_ref (self);
      slot->info = info;
      g_ptr_array_add (self->slots, slot);
      set_progress (self, info->id, CL_MODULE_PROGRESS_WAITING);

      if ((slot->module = cl_modules_create (info->id)) == NULL)
        settle_with_status (slot, CL_MODULE_STATUS_NOT_IMPLEMENTED, NULL);
      else if (cl_scan_settings_skips_module (self->settings, info->id))
        settle_with_status (slot, CL_MODULE_STATUS_UNAVAILABLE, _("turned off in the settings"));
      else if ((info->needs == CL_MODULE_NEEDS_WEB && !has_web) ||
               (info->needs == CL_MODULE_NEEDS_ADDRESS && !has_address))
        settle_with_status (slot, CL_MODULE_STATUS_NOT_APPLICABLE, no_web_reason);
      else
        {
          slot->cancellable = g_cancellable_new ();
          slot->timeout_id = g_timeout_add_seconds (cl_scan_settings_get_module_timeout (self->settings),
                                                    module_timed_out, slot);
          set_progress (self, info->id, CL_MODULE_PROGRESS_RUNNING);
          cl_module_run_async (slot->module, self->context, slot->cancellable,
                               module_done, module_slot_ref (slot));
        }
    }
}

static void
web_probe_done (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(ClScanJob) self = user_data;
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), res, NULL);
  if (connection != NULL)
    {
      cl_scan_context_set_has_web (self->context, TRUE);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }

  if (--self->pending == 0 && self->task != NULL)
    start_modules (self);
}

/* A domain whose address answers on neither web port has no web presence:
 * its web modules are not applicable rather than failed. */
static void
probe_web (ClScanJob *self)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GInetAddress *address = g_ptr_array_index (cl_scan_context_get_addresses (self->context), 0);
  const guint16 ports[] = { 80, 443 };

  g_socket_client_set_timeout (client, cl_scan_settings_get_network_timeout (self->settings));
  g_socket_client_set_enable_proxy (client, FALSE);
  self->pending = G_N_ELEMENTS (ports);

  for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
    {
      g_autoptr(GSocketAddress) sa = g_inet_socket_address_new (address, ports[i]);

      g_socket_client_connect_async (client, G_SOCKET_CONNECTABLE (sa), self->cancellable,
                                     web_probe_done, g_object_ref (self));
    }
}

static void lookup_settled (ClScanJob *self);

static void
resolve_done (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(ClScanJob) self = user_data;
  g_autoptr(ClDnsAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = cl_resolver_query_finish (CL_RESOLVER (source), res, &error);

  if (answer == NULL)
    {
      if (self->resolve_error == NULL)
        self->resolve_error = g_steal_pointer (&error);
    }
  else if (cl_dns_answer_is_nxdomain (answer))
    self->nxdomain = TRUE;
  else if (cl_dns_answer_get_rcode (answer) != CL_DNS_RCODE_NOERROR && self->resolve_error == NULL)
    {
      if (cl_dns_answer_is_bogus (answer))
        self->resolve_error = g_error_new (CL_ERROR, CL_ERROR_UNAVAILABLE,
                                           _("DNSSEC validation of %s failed: %s"),
                                           self->domain, cl_dns_answer_get_why_bogus (answer));
      else
        self->resolve_error = g_error_new (CL_ERROR, CL_ERROR_UNAVAILABLE,
                                           _("The resolver could not resolve %s (response code %d)"),
                                           self->domain, cl_dns_answer_get_rcode (answer));
    }
  else
    {
      g_autoptr(GPtrArray) addresses = cl_dns_answer_get_addresses (answer);

      for (guint i = 0; i < addresses->len; i++)
        cl_scan_context_add_address (self->context, g_ptr_array_index (addresses, i));
    }

  lookup_settled (self);
}

/* The names are resolved and the certificate database is installed. */
static void
lookup_settled (ClScanJob *self)
{
  g_assert (self->pending > 0);
  if (--self->pending > 0 || self->task == NULL)
    return;

  if (self->nxdomain)
    job_fail (self, g_error_new (CL_ERROR, CL_ERROR_NOT_FOUND,
                                 _("The domain %s does not exist (the DNS answered NXDOMAIN)"),
                                 self->domain));
  else if (cl_scan_context_get_addresses (self->context)->len > 0)
    probe_web (self);
  else if (self->resolve_error != NULL)
    {
      GError *resolve_error = g_steal_pointer (&self->resolve_error);

      if (g_error_matches (resolve_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        job_fail (self, resolve_error);
      else
        {
          job_fail (self, g_error_new (CL_ERROR, CL_ERROR_UNAVAILABLE,
                                       _("Could not resolve %s: %s"), self->domain, resolve_error->message));
          g_error_free (resolve_error);
        }
    }
  else
    start_modules (self);
}

static gboolean
cancel_in_main_context (gpointer user_data)
{
  ClScanJob *self = user_data;

  job_fail (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The scan was cancelled")));
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              ClScanJob    *self)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  /* This may run in whichever thread cancelled, and inside the signal
   * emission, where disconnecting would deadlock: finish the job later,
   * in the context it runs in. */
  g_source_set_callback (source, cancel_in_main_context, g_object_ref (self), g_object_unref);
  g_source_attach (source, self->main_context);
}

static void
install_trust_database (GTask        *task,
                        gpointer      source,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  cl_trust_database_install ();
  g_task_return_boolean (task, TRUE);
}

static void
trust_database_installed (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(ClScanJob) self = user_data;

  lookup_settled (self);
}

void
cl_scan_job_run_async (ClScanJob           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(ClResolver) resolver = NULL;
  g_autoptr(GTask) trust = NULL;
  g_autoptr(GError) error = NULL;
  const guint16 types[] = { CL_DNS_TYPE_A, CL_DNS_TYPE_AAAA };

  g_return_if_fail (CL_IS_SCAN_JOB (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->state == CL_SCAN_STATE_QUEUED);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, cl_scan_job_run_async);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  self->main_context = g_main_context_ref_thread_default ();

  self->started_at = g_date_time_new_now_utc ();
  set_state (self, CL_SCAN_STATE_RUNNING);

  resolver = cl_resolver_new (cl_scan_settings_get_resolver (self->settings),
                              cl_scan_settings_get_trust_anchor_file (self->settings),
                              cl_scan_settings_get_network_timeout (self->settings),
                              &error);
  if (resolver == NULL)
    {
      job_fail (self, g_steal_pointer (&error));
      return;
    }

  /* GIO and libsoup connections resolve names through the default
   * resolver: make it ours, so every lookup honours the settings. */
  g_resolver_set_default (G_RESOLVER (resolver));
  self->context = cl_scan_context_new (self->domain, self->settings, resolver);
  self->cancelled_id = g_cancellable_connect (self->cancellable, G_CALLBACK (on_cancelled), self, NULL);

  /* and their certificates go through our default database, whose system
   * certificates load in a worker while the names resolve.  No connection
   * is made before it is installed: glib-networking would load its own
   * on the main loop (~35 ms) for the first. */
  self->pending = G_N_ELEMENTS (types) + 1;
  trust = g_task_new (NULL, NULL, trust_database_installed, g_object_ref (self));
  cl_task_run_in_background (trust, install_trust_database);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    cl_resolver_query_async (resolver, self->domain, types[i], self->cancellable,
                             resolve_done, g_object_ref (self));
}

gboolean
cl_scan_job_run_finish (ClScanJob     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (CL_IS_SCAN_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
cl_scan_job_get_domain (ClScanJob *self)
{
  g_return_val_if_fail (CL_IS_SCAN_JOB (self), NULL);
  return self->domain;
}

ClScanState
cl_scan_job_get_state (ClScanJob *self)
{
  g_return_val_if_fail (CL_IS_SCAN_JOB (self), CL_SCAN_STATE_FAILED);
  return self->state;
}

const char *
cl_scan_job_get_failure_reason (ClScanJob *self)
{
  g_return_val_if_fail (CL_IS_SCAN_JOB (self), NULL);
  return self->failure_reason;
}

/**
 * cl_scan_job_get_started_at:
 *
 * Returns: (transfer none) (nullable): when the job started running
 */
GDateTime *
cl_scan_job_get_started_at (ClScanJob *self)
{
  g_return_val_if_fail (CL_IS_SCAN_JOB (self), NULL);
  return self->started_at;
}

ClModuleProgress
cl_scan_job_get_module_progress (ClScanJob  *self,
                                 const char *module_id)
{
  g_return_val_if_fail (CL_IS_SCAN_JOB (self), CL_MODULE_PROGRESS_WAITING);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->progress, module_id));
}

/**
 * cl_scan_job_get_results:
 *
 * Returns: (transfer none) (nullable) (element-type ClModuleResult): one
 *   result per catalog module, once the job completed
 */
GPtrArray *
cl_scan_job_get_results (ClScanJob *self)
{
  g_return_val_if_fail (CL_IS_SCAN_JOB (self), NULL);
  return self->state == CL_SCAN_STATE_COMPLETED ? self->results : NULL;
}

/**
 * cl_scan_job_get_caveats:
 *
 * Returns: (transfer none) (element-type utf8): the caveats of a completed job
 */
GPtrArray *
cl_scan_job_get_caveats (ClScanJob *self)
{
  g_return_val_if_fail (CL_IS_SCAN_JOB (self), NULL);
  return self->caveats;
}
