/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cl-cli-export.h"
#include "cl-cli-output.h"
#include "cl-cli-store.h"
#include "cl-error.h"
#include "cl-json-writer.h"
#include "cl-report-seal.h"

/* `compliancelayer-cli export` writes a recorded report as a PDF (and its
 * JSON with a signature file beside it), signed with the user's key, made
 * on first use; `verify` checks a report JSON against its id, its
 * signature and a PDF of it.  `scan --pdf` exports through
 * cl_cli_export_report() too. */

#define SIGNATURE_SUFFIX ".sig"

void
cl_cli_export_options_clear (ClCliExportOptions *options)
{
  g_clear_pointer (&options->pdf, g_free);
  g_clear_pointer (&options->json, g_free);
  g_clear_pointer (&options->signing_key, g_free);
}

/* The domain's scans up to the report's, oldest first. */
static GArray *
history_points (ClStore   *store,
                ClReport  *report,
                GError   **error)
{
  g_autoptr(GPtrArray) history = NULL;

  if (store == NULL)
    return g_array_new (FALSE, FALSE, sizeof (ClChartHistoryPoint));
  if (!(history = cl_store_list_history (store, cl_report_get_domain (report), error)))
    return NULL;

  return cl_scan_records_to_history_points (history, cl_report_get_scanned_at (report));
}

static gboolean
write_text (const char  *path,
            const char  *text,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  /* whole or not at all, as the PDF */
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INTERNAL, _("Cannot write %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * cl_cli_export_report:
 * @store: (nullable): where the domain's history is read from
 *
 * Writes @report as a PDF and/or JSON (with REPORT.json.sig when
 * signed), as @options say, and says so on standard error.
 */
gboolean
cl_cli_export_report (ClStore             *store,
                      ClReport            *report,
                      ClCliExportOptions  *options,
                      GError             **error)
{
  g_autoptr(ClSigningKey) key = NULL;

  if (!options->no_sign)
    {
      g_autofree char *path = options->signing_key != NULL ? g_strdup (options->signing_key)
                                                           : cl_signing_key_default_path ();

      if (!(key = cl_signing_key_load (path, TRUE, error)))
        return FALSE;
    }

  if (options->pdf != NULL)
    {
      g_autoptr(ClPdfExport) export = cl_pdf_export_new (report);
      g_autoptr(GArray) points = history_points (store, report, error);
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->pdf);

      if (points == NULL)
        return FALSE;
      cl_pdf_export_set_history (export, (const ClChartHistoryPoint *) (gpointer) points->data, points->len);
      cl_pdf_export_set_page_size (export, options->letter ? CL_PDF_PAGE_LETTER : CL_PDF_PAGE_A4);
      cl_pdf_export_set_signing_key (export, key);
      if (!cl_pdf_export_write (export, file, NULL, error))
        return FALSE;
      g_printerr (_("Wrote the PDF %s\n"), options->pdf);
    }

  if (options->json != NULL)
    {
      g_autoptr(JsonNode) json = cl_report_to_json (report);
      g_autofree char *text = cl_json_to_string (json, CL_JSON_PRETTY);

      if (!write_text (options->json, text, error))
        return FALSE;
      if (key != NULL)
        {
          g_autoptr(ClReportSeal) seal = cl_report_seal_new (json, key, error);
          g_autofree char *sig_path = g_strconcat (options->json, SIGNATURE_SUFFIX, NULL);
          g_autofree char *sig = NULL;

          if (seal == NULL)
            return FALSE;
          sig = cl_report_seal_to_signature_file (seal);
          if (!write_text (sig_path, sig, error))
            return FALSE;
          g_printerr (_("Wrote the report %s and its signature %s\n"), options->json, sig_path);
        }
      else
        g_printerr (_("Wrote the report %s\n"), options->json);
    }

  if (key != NULL)
    g_printerr (_("Signed by the key %s (%s)\n"), cl_signing_key_get_fingerprint (key),
                options->signing_key != NULL ? options->signing_key : _("your key"));
  return TRUE;
}

static JsonNode *
read_json (const char  *path,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, CL_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? CL_ERROR_NOT_FOUND
                                                                                   : CL_ERROR_INTERNAL,
                   "%s", local_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, contents, len, &local_error) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, _("%s is not a report: %s"), path,
                   local_error != NULL ? local_error->message : _("not a JSON object"));
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

/* ------------------------------------------------------------ export -- */

int
cl_cli_export (int    argc,
               char **argv)
{
  g_auto(ClCliExportOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClStore) store = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ClReport) report = NULL;
  g_autofree char *database = NULL;
  const char *claimed;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &options.pdf, N_("Write the report as a PDF to FILE"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &options.json, N_("Write the report JSON to FILE, and its signature to FILE.sig"), N_("FILE") },
    { "letter", 0, 0, G_OPTION_ARG_NONE, &options.letter, N_("US Letter pages instead of A4"), NULL },
    { "no-sign", 0, 0, G_OPTION_ARG_NONE, &options.no_sign, N_("Do not sign the report (the PDF still states its SHA-256)"), NULL },
    { "signing-key", 0, 0, G_OPTION_ARG_FILENAME, &options.signing_key, N_("The private key to sign with, made if missing (default: $COMPLIANCELAYER_SIGNING_KEY, or signing-key.pem in the user’s data folder)"), N_("FILE") },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("The database file (default: $COMPLIANCELAYER_DATABASE, or compliancelayer.db in the user’s data folder)"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("REPORT_ID|REPORT.json — write a report as a PDF, signed"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return CL_EXIT_VALIDATION;
    }
  if (argc != 2 || (options.pdf == NULL && options.json == NULL))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return CL_EXIT_VALIDATION;
    }

  /* a report JSON (from scan --json), or a report recorded in the store */
  if (g_str_has_suffix (argv[1], ".json") || g_file_test (argv[1], G_FILE_TEST_EXISTS))
    root = read_json (argv[1], &error);
  else if ((store = cl_cli_open_store (database, FALSE, &error)))
    root = cl_store_get_report_json (store, argv[1], &error);
  if (root == NULL || !(report = cl_report_new_from_json (root, &error)))
    {
      cl_cli_print_error (NULL, error, FALSE);
      return cl_cli_exit_for_error (error);
    }

  /* the PDF presents the report derived from what it recorded: say so
   * when this version derives another one (verify checks the JSON written
   * with it) */
  claimed = json_object_get_string_member_with_default (json_node_get_object (root), "report_id", NULL);
  if (g_strcmp0 (claimed, cl_report_get_id (report)) != 0)
    g_printerr (_("Note: this version derives report %s from the report %s: the export is of %s\n"),
                cl_report_get_id (report), claimed != NULL ? claimed : "—", cl_report_get_id (report));

  if (!cl_cli_export_report (store, report, &options, &error))
    {
      cl_cli_print_error (cl_report_get_domain (report), error, FALSE);
      return cl_cli_exit_for_error (error);
    }

  return CL_EXIT_OK;
}

/* ------------------------------------------------------------ verify -- */

/* cl_report_compute_id() removes report_id from the object of the node it
 * is given, which a json_node_copy() would share: it gets one of its own. */
static char *
compute_id (JsonNode *root)
{
  g_autofree char *text = cl_json_to_string (root, CL_JSON_CANONICAL);
  g_autoptr(JsonNode) own = json_from_string (text, NULL);

  return cl_report_compute_id (own);
}

typedef struct
{
  guint       n_failed;
  const char *key;  /* nullable: the fingerprint the signatures must have */
} Checks;

static void
passed (const char *format,
        ...) G_GNUC_PRINTF (1, 2);

static void
passed (const char *format,
        ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_print ("✓ %s\n", text);
}

static void
failed (Checks     *checks,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
failed (Checks     *checks,
        const char *format,
        ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_print ("✗ %s\n", text);
  checks->n_failed++;
}

/* Fingerprints compared as hex digits, however spaced or cased. */
static char *
normalize_fingerprint (const char *fingerprint)
{
  GString *out = g_string_new (NULL);

  for (const char *p = fingerprint; *p != '\0'; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

/* @what: "the signature file …" or "the PDF …", for the messages */
static void
check_seal (Checks       *checks,
            ClReportSeal *seal,
            JsonNode     *root,
            const char   *what)
{
  g_autoptr(GError) error = NULL;
  ClSigningKey *key = cl_report_seal_get_key (seal);

  if (!cl_report_seal_check (seal, root, &error))
    {
      /* Translators: "the PDF r.pdf: It states the SHA-256 …" */
      failed (checks, _("%s: %s"), what, error->message);
      return;
    }

  if (key == NULL)
    {
      passed (_("%s: the same report and SHA-256 (not signed)"), what);
      if (checks->key != NULL)
        failed (checks, _("%s is not signed, so not by the key %s"), what, checks->key);
      return;
    }

  passed (_("%s: the same report and SHA-256, and a valid signature by the key %s"), what,
          cl_signing_key_get_fingerprint (key));
  if (checks->key != NULL)
    {
      g_autofree char *want = normalize_fingerprint (checks->key);
      g_autofree char *got = normalize_fingerprint (cl_signing_key_get_fingerprint (key));

      if (!g_str_equal (want, got))
        failed (checks, _("%s is signed by the key %s, not by %s"), what,
                cl_signing_key_get_fingerprint (key), checks->key);
    }
}

int
cl_cli_verify (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *computed = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *key = NULL;
  Checks checks = { 0 };
  const char *claimed, *domain;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Check that this PDF states the same report and SHA-256, and its signature"), N_("FILE") },
    { "signature", 0, 0, G_OPTION_ARG_FILENAME, &signature, N_("The signature file (default: REPORT.json.sig, if there is one)"), N_("FILE") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_("Require the signatures to be by the key of this fingerprint"), N_("FINGERPRINT") },
    { NULL }
  };

  context = g_option_context_new (_("REPORT.json — check a report: its id, its signature, a PDF of it"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return CL_EXIT_VALIDATION;
    }
  if (argc != 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return CL_EXIT_VALIDATION;
    }
  checks.key = key;

  if (!(root = read_json (argv[1], &error)))
    {
      cl_cli_print_error (NULL, error, FALSE);
      return cl_cli_exit_for_error (error);
    }

  /* the id: the digest of the content without it */
  claimed = json_object_get_string_member_with_default (json_node_get_object (root), "report_id", NULL);
  domain = json_object_get_string_member_with_default (json_node_get_object (root), "domain", "—");
  computed = compute_id (root);
  if (claimed == NULL)
    failed (&checks, _("%s has no report_id: it is not a report"), argv[1]);
  else if (!g_str_equal (claimed, computed))
    failed (&checks, _("The report_id %s does not match the content, which gives %s: the report was altered after it was issued"),
            claimed, computed);
  else
    passed (_("Report %s of %s: its report_id matches its content"), claimed, domain);

  digest = cl_report_seal_compute_digest (root);
  g_print (_("  SHA-256 of the canonical report: %s\n"), digest);

  /* the signature file beside the JSON, or the one given */
  if (signature == NULL)
    {
      g_autofree char *beside = g_strconcat (argv[1], SIGNATURE_SUFFIX, NULL);

      if (g_file_test (beside, G_FILE_TEST_EXISTS))
        signature = g_steal_pointer (&beside);
    }
  if (signature != NULL)
    {
      g_autofree char *contents = NULL;
      g_autofree char *what = g_strdup_printf (_("The signature file %s"), signature);
      g_autoptr(ClReportSeal) seal = NULL;
      gsize len;

      if (!g_file_get_contents (signature, &contents, &len, &error) ||
          !(seal = cl_report_seal_new_from_signature_file (contents, len, &error)))
        {
          failed (&checks, _("%s: %s"), what, error->message);
          g_clear_error (&error);
        }
      else
        check_seal (&checks, seal, root, what);
    }
  else if (checks.key != NULL && pdf == NULL)
    failed (&checks, _("No signature to check: %s has no %s beside it, and no --signature or --pdf was given"),
            argv[1], SIGNATURE_SUFFIX);
  else
    g_print (_("  No signature file (%s%s): not checked\n"), argv[1], SIGNATURE_SUFFIX);

  if (pdf != NULL)
    {
      g_autofree char *contents = NULL;
      g_autofree char *what = g_strdup_printf (_("The PDF %s"), pdf);
      g_autoptr(ClReportSeal) seal = NULL;
      gsize len;

      if (!g_file_get_contents (pdf, &contents, &len, &error) ||
          !(seal = cl_report_seal_new_from_pdf ((const guint8 *) contents, len, &error)))
        {
          failed (&checks, _("%s: %s"), what, error->message);
          g_clear_error (&error);
        }
      else
        check_seal (&checks, seal, root, what);
    }

  if (checks.n_failed > 0)
    {
      g_print (ngettext ("%u check failed.\n", "%u checks failed.\n", checks.n_failed), checks.n_failed);
      /* as cmp and gpg --verify: 1 when the answer is no */
      return CL_EXIT_PARTIAL;
    }
  g_print ("%s\n", _("All checks passed."));
  return CL_EXIT_OK;
}
