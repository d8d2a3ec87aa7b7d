/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-preferences-window"

#include "config.h"

#include "cl-preferences-window.h"

/* The preferences are GSettings keys bound to their rows: nothing to save,
 * and the next scan takes the values of the moment. */

struct _ClPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwEntryRow          *resolver_row;
  AdwEntryRow          *trust_anchor_row;
  AdwEntryRow          *ca_file_row;
  AdwEntryRow          *rdap_bootstrap_row;
  AdwEntryRow          *ct_log_row;
  AdwEntryRow          *breach_list_row;
  AdwComboRow          *port_scan_row;
  AdwComboRow          *paper_size_row;
  GtkSpinButton        *module_timeout_spin;
  GtkSpinButton        *network_timeout_spin;
  GtkSpinButton        *cache_spin;
};

G_DEFINE_FINAL_TYPE (ClPreferencesWindow, cl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* An enum setting shown by a combo row whose items are in the order of
 * @user_data, the setting's nicks. */
static gboolean
nick_get (GValue   *value,
          GVariant *variant,
          gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
nick_set (const GValue       *value,
          const GVariantType *expected_type,
          gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  return selected < g_strv_length ((char **) nicks) ? g_variant_new_string (nicks[selected]) : NULL;
}

static const char * const port_scan_nicks[] = { "curated", "off", NULL };
static const char * const paper_size_nicks[] = { "a4", "letter", NULL };

/* The setting is in seconds, the row in minutes. */
static gboolean
minutes_get (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 60.0);
  return TRUE;
}

static GVariant *
minutes_set (const GValue       *value,
             const GVariantType *expected_type,
             gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) (g_value_get_double (value) * 60));
}

static void
bind_settings (ClPreferencesWindow *self)
{
  g_settings_bind (self->settings, "resolver", self->resolver_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "trust-anchor-file", self->trust_anchor_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ca-file", self->ca_file_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "rdap-bootstrap-url", self->rdap_bootstrap_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ct-log-url", self->ct_log_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "breach-list-url", self->breach_list_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "port-scan-mode", self->port_scan_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_get, nick_set,
                                (gpointer) port_scan_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "pdf-paper-size", self->paper_size_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, nick_get, nick_set,
                                (gpointer) paper_size_nicks, NULL);
  g_settings_bind (self->settings, "module-timeout", self->module_timeout_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "network-timeout", self->network_timeout_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "cache-duration", self->cache_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, minutes_get, minutes_set, NULL, NULL);
}

static void
cl_preferences_window_dispose (GObject *object)
{
  ClPreferencesWindow *self = CL_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cl_preferences_window_parent_class)->dispose (object);
}

static void
cl_preferences_window_class_init (ClPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/net/compliancelayer/ComplianceLayer/ui/cl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClPreferencesWindow, resolver_row);
  gtk_widget_class_bind_template_child (widget_class, ClPreferencesWindow, trust_anchor_row);
  gtk_widget_class_bind_template_child (widget_class, ClPreferencesWindow, ca_file_row);
  gtk_widget_class_bind_template_child (widget_class, ClPreferencesWindow, rdap_bootstrap_row);
  gtk_widget_class_bind_template_child (widget_class, ClPreferencesWindow, ct_log_row);
  gtk_widget_class_bind_template_child (widget_class, ClPreferencesWindow, breach_list_row);
  gtk_widget_class_bind_template_child (widget_class, ClPreferencesWindow, port_scan_row);
  gtk_widget_class_bind_template_child (widget_class, ClPreferencesWindow, paper_size_row);
  gtk_widget_class_bind_template_child (widget_class, ClPreferencesWindow, module_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, ClPreferencesWindow, network_timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, ClPreferencesWindow, cache_spin);
}

static void
cl_preferences_window_init (ClPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ClPreferencesWindow *
cl_preferences_window_new (GSettings *settings)
{
  ClPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CL_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  bind_settings (self);

  return self;
}
