/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-application"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-application.h"
#include "cl-preferences-window.h"
#include "cl-ui-util.h"
#include "cl-window.h"

/* The application: one GSettings for every window, the app-wide actions
 * (preferences, help, about, quit), and the scan settings each new scan
 * takes from the preferences of the moment. */

struct _ClApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  ClStore        *store;        /* NULL until opened, or if it cannot be */
  char           *store_error;  /* why it could not be opened */
  gboolean        opening;
};

G_DEFINE_FINAL_TYPE (ClApplication, cl_application, ADW_TYPE_APPLICATION)

ClApplication *
cl_application_new (void)
{
  return g_object_new (CL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/net/compliancelayer/ComplianceLayer",
                       NULL);
}

GSettings *
cl_application_get_settings (ClApplication *self)
{
  g_return_val_if_fail (CL_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* An empty string in GSettings means "not set": the system's resolver,
 * root key and CA bundle, the real data services. */
static char *
dup_path_setting (GSettings  *settings,
                  const char *key)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  return value[0] != '\0' ? g_steal_pointer (&value) : NULL;
}

ClScanSettings *
cl_application_dup_scan_settings (ClApplication *self)
{
  static const char * const endpoint_keys[] = { "rdap-bootstrap-url", "ct-log-url", "breach-list-url" };
  g_autofree char *resolver = NULL;
  g_autofree char *trust_anchor = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *port_scan_mode = NULL;
  ClScanSettings *scan_settings;

  g_return_val_if_fail (CL_IS_APPLICATION (self), NULL);

  resolver = dup_path_setting (self->settings, "resolver");
  trust_anchor = dup_path_setting (self->settings, "trust-anchor-file");
  ca_file = dup_path_setting (self->settings, "ca-file");

  scan_settings = cl_scan_settings_new ();
  cl_scan_settings_set_resolver (scan_settings, resolver);
  cl_scan_settings_set_trust_anchor_file (scan_settings, trust_anchor);
  cl_scan_settings_set_ca_file (scan_settings, ca_file);
  cl_scan_settings_set_module_timeout (scan_settings,
                                       g_settings_get_uint (self->settings, "module-timeout"));
  cl_scan_settings_set_network_timeout (scan_settings,
                                        g_settings_get_uint (self->settings, "network-timeout"));
  for (guint i = 0; i < G_N_ELEMENTS (endpoint_keys); i++)
    {
      g_autofree char *url = dup_path_setting (self->settings, endpoint_keys[i]);

      /* the keys share the settings' property names; NULL is the real service */
      g_object_set (scan_settings, endpoint_keys[i], url, NULL);
    }
  port_scan_mode = g_settings_get_string (self->settings, "port-scan-mode");
  if (g_str_equal (port_scan_mode, "off"))
    cl_scan_settings_set_skipped_modules (scan_settings, (const char *[]) { "ports", NULL });

  return scan_settings;
}

ClStore *
cl_application_get_store (ClApplication *self)
{
  g_return_val_if_fail (CL_IS_APPLICATION (self), NULL);

  return self->store;
}

const char *
cl_application_get_store_error (ClApplication *self)
{
  g_return_val_if_fail (CL_IS_APPLICATION (self), NULL);

  return self->store_error;
}

static void
open_store_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  ClStore *store = cl_store_new (NULL, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
store_opened (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClApplication *self = CL_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  self->opening = FALSE;
  self->store = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->store == NULL)
    self->store_error = g_strdup (error->message);

  window = GTK_WINDOW (cl_window_new (self));
  gtk_window_present (window);
  g_application_release (G_APPLICATION (self));
}

/* The store may need a migration: it opens in a thread, and the first
 * window comes when it is ready. */
static void
cl_application_activate (GApplication *app)
{
  ClApplication *self = CL_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GTask) task = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->opening)
    return;
  if (self->store != NULL || self->store_error != NULL)
    {
      gtk_window_present (GTK_WINDOW (cl_window_new (self)));
      return;
    }

  self->opening = TRUE;
  g_application_hold (app);
  task = g_task_new (self, NULL, store_opened, NULL);
  g_task_run_in_thread (task, open_store_in_thread);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ClApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  ClPreferencesWindow *preferences = cl_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ClApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_show_uri (parent, "help:compliancelayer", GDK_CURRENT_TIME);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ClApplication *self = user_data;
  static const char *developers[] = { "The ComplianceLayer developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (parent,
                         "application-name", _("ComplianceLayer"),
                         "application-icon", APP_ID,
                         "developer-name", _("The ComplianceLayer developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://compliancelayer.net/",
                         "developers", developers,
                         "copyright", "© 2026 The ComplianceLayer developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your names, one a line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "help", help_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
cl_application_startup (GApplication *app)
{
  ClApplication *self = CL_APPLICATION (app);
  static const struct { const char *action; const char *accels[2]; } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.new-scan", { "<Control>n", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.export-json", { "<Shift><Control>e", NULL } },
    { "win.compare", { "<Control>d", NULL } },
    { "win.cancel-scan", { "Escape", NULL } },
    { "win.rescan", { "<Control>r", NULL } },
  };

  G_APPLICATION_CLASS (cl_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
  cl_ui_warm_up_charts ();
}

static void
cl_application_dispose (GObject *object)
{
  ClApplication *self = CL_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->store_error, g_free);

  G_OBJECT_CLASS (cl_application_parent_class)->dispose (object);
}

static void
cl_application_class_init (ClApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cl_application_dispose;
  app_class->activate = cl_application_activate;
  app_class->startup = cl_application_startup;
}

static void
cl_application_init (ClApplication *self)
{
  self->settings = g_settings_new (APP_ID);
}
