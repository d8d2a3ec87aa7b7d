/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-cli"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cl-cli-export.h"
#include "cl-cli-output.h"
#include "cl-cli-scan.h"
#include "cl-cli-store.h"

static const struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "scan", cl_cli_scan, N_("Scan a domain (or many with --from) and record the report") },
  { "history", cl_cli_history, N_("A domain’s recorded scans and scores") },
  { "violations", cl_cli_violations, N_("A domain’s violations and their changes") },
  { "mark", cl_cli_mark, N_("Mark a violation resolved, a false positive, or open again") },
  { "compliance-score", cl_cli_compliance_score, N_("The violation statistics of a recorded scan") },
  { "report", cl_cli_report, N_("Show a recorded report") },
  { "export", cl_cli_export, N_("Write a report as a signed PDF, and its JSON") },
  { "verify", cl_cli_verify, N_("Check a report JSON: its id, its signature, a PDF of it") },
};

static void
usage (void)
{
  g_printerr ("%s\n\n", _("Usage: compliancelayer-cli COMMAND [OPTION…]"));
  g_printerr ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_printerr ("  %-17s %s\n", commands[i].name, _(commands[i].summary));
  g_printerr ("\n%s\n", _("Run “compliancelayer-cli COMMAND --help” for a command’s options."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      usage ();
      return CL_EXIT_VALIDATION;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("compliancelayer-cli %s\n", PACKAGE_VERSION);
      return CL_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      usage ();
      return CL_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].run (argc - 1, argv + 1);
    }

  g_printerr (_("Unknown command “%s”\n\n"), argv[1]);
  usage ();
  return CL_EXIT_VALIDATION;
}
