/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "compliancelayer"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-application.h"
#include "cl-ui-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ClApplication) app = NULL;

  cl_ui_prepare_process ();
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cl_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
