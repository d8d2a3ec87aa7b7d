/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "cl-error.h"
#include "cl-json-writer.h"
#include "cl-report-seal.h"
#include "cl-signing-key.h"
#include "cl-test-reports.h"

/* The user's signing key (made on first use, private, named by the
 * SHA-256 of its SubjectPublicKeyInfo) and the report seal: a signed
 * report checks, any altered byte of its JSON does not, and a report
 * signed again by another key names that key. */

typedef struct
{
  char *dir;
  char *key_path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("test-signing-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->key_path = g_build_filename (f->dir, "data", "compliancelayer", "signing-key.pem", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->key_path);
}

static JsonNode *
report_json (void)
{
  const ClTestReportOptions options = { .false_positive = TRUE };
  g_autoptr(ClReport) report = cl_test_report_new (&options);

  return cl_report_to_json (report);
}

static guint
mode_of (const char *path)
{
  struct stat st;

  g_assert_no_errno (g_stat (path, &st));
  return st.st_mode & 0777;
}

static void
test_key_created_private (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSigningKey) key = NULL;
  g_autoptr(ClSigningKey) again = NULL;
  g_autofree char *folder = g_path_get_dirname (f->key_path);
  g_autofree char *contents = NULL;

  /* not there, not asked to make it */
  g_assert_null (cl_signing_key_load (f->key_path, FALSE, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (f->key_path, G_FILE_TEST_EXISTS));

  key = cl_signing_key_load (f->key_path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (cl_signing_key_can_sign (key));
  g_assert_cmpuint (mode_of (f->key_path), ==, 0600);
  g_assert_cmpuint (mode_of (folder), ==, 0700);
  g_assert_true (g_file_get_contents (f->key_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "-----BEGIN PRIVATE KEY-----"));

  /* the same key next time */
  again = cl_signing_key_load (f->key_path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cl_signing_key_get_fingerprint (again), ==, cl_signing_key_get_fingerprint (key));

  /* a key others can read is refused, as ssh does */
  g_assert_no_errno (g_chmod (f->key_path, 0644));
  g_clear_object (&again);
  g_assert_null (cl_signing_key_load (f->key_path, TRUE, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "chmod 600"));
  g_clear_error (&error);

  /* something else than a key is not one */
  g_assert_true (g_file_set_contents (f->key_path, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", -1, NULL));
  g_assert_no_errno (g_chmod (f->key_path, 0600));
  g_assert_null (cl_signing_key_load (f->key_path, TRUE, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError *error = NULL;
  ClSigningKey **key = user_data;

  *key = cl_signing_key_load_finish (result, &error);
  g_assert_no_error (error);
}

/* The app loads (and on first use makes) the key off the main thread. */
static void
test_load_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ClSigningKey) key = NULL;
  g_autoptr(ClSigningKey) again = NULL;
  g_autoptr(GError) error = NULL;

  cl_signing_key_load_async (f->key_path, TRUE, NULL, on_loaded, &key);
  while (key == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (mode_of (f->key_path), ==, 0600);

  again = cl_signing_key_load (f->key_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cl_signing_key_get_fingerprint (again), ==, cl_signing_key_get_fingerprint (key));
}

static void
test_default_path (void)
{
  g_autofree char *path = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "compliancelayer", "signing-key.pem", NULL);

  g_unsetenv ("COMPLIANCELAYER_SIGNING_KEY");
  path = cl_signing_key_default_path ();
  g_assert_cmpstr (path, ==, expected);
  g_clear_pointer (&path, g_free);

  g_setenv ("COMPLIANCELAYER_SIGNING_KEY", "/somewhere/key.pem", TRUE);
  path = cl_signing_key_default_path ();
  g_assert_cmpstr (path, ==, "/somewhere/key.pem");
  g_unsetenv ("COMPLIANCELAYER_SIGNING_KEY");
}

/* The fingerprint is the SHA-256 of the DER SubjectPublicKeyInfo, as
 * OpenSSL derives it from the same PEM file. */
static void
test_fingerprint (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSigningKey) key = cl_signing_key_load (f->key_path, TRUE, &error);
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GString) grouped = g_string_new (NULL);
  g_autofree char *pem = NULL;
  g_autoptr(ClSigningKey) public = NULL;
  int status;

  g_assert_no_error (error);
  command = g_strdup_printf ("sh -c 'openssl pkey -in \"%s\" -pubout -outform DER | sha256sum'", f->key_path);
  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  expected = g_ascii_strup (out, 64);
  for (guint i = 0; i < 64; i += 4)
    g_string_append_printf (grouped, "%s%.4s", i > 0 ? " " : "", expected + i);
  g_assert_cmpstr (cl_signing_key_get_fingerprint (key), ==, grouped->str);

  /* the public half, read back, is the same key and cannot sign */
  pem = cl_signing_key_get_public_pem (key);
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN PUBLIC KEY-----"));
  public = cl_signing_key_new_from_public_pem (pem, &error);
  g_assert_no_error (error);
  g_assert_false (cl_signing_key_can_sign (public));
  g_assert_cmpstr (cl_signing_key_get_fingerprint (public), ==, cl_signing_key_get_fingerprint (key));
}

typedef struct
{
  const char *path;
  char       *fingerprint;
} Racer;

static gpointer
race (gpointer data)
{
  Racer *racer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSigningKey) key = cl_signing_key_load (racer->path, TRUE, &error);

  g_assert_no_error (error);
  racer->fingerprint = g_strdup (cl_signing_key_get_fingerprint (key));
  return NULL;
}

/* Exports started at once on a fresh account sign with one key. */
static void
test_created_once (Fixture       *f,
                   gconstpointer  data)
{
  Racer racers[6] = { 0 };
  GThread *threads[G_N_ELEMENTS (racers)];

  for (guint i = 0; i < G_N_ELEMENTS (racers); i++)
    {
      racers[i].path = f->key_path;
      threads[i] = g_thread_new ("race", race, &racers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (racers); i++)
    g_thread_join (threads[i]);
  for (guint i = 1; i < G_N_ELEMENTS (racers); i++)
    g_assert_cmpstr (racers[i].fingerprint, ==, racers[0].fingerprint);
  for (guint i = 0; i < G_N_ELEMENTS (racers); i++)
    g_free (racers[i].fingerprint);
}

static gboolean
checks (const char   *json_text,
        gsize         length,
        ClReportSeal *seal)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json_text, length, NULL) ||
      json_parser_get_root (parser) == NULL)
    return FALSE;
  return cl_report_seal_check (seal, json_parser_get_root (parser), NULL);
}

static void
test_sign_and_verify (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSigningKey) key = cl_signing_key_load (f->key_path, TRUE, &error);
  g_autoptr(JsonNode) json = report_json ();
  g_autofree char *text = cl_json_to_string (json, CL_JSON_PRETTY);
  g_autoptr(ClReportSeal) seal = NULL;
  g_autoptr(ClReportSeal) read = NULL;
  g_autofree char *file = NULL;
  gsize len = strlen (text);
  gsize step = MAX (1, len / 300);
  guint n_flipped = 0;

  g_assert_no_error (error);
  seal = cl_report_seal_new (json, key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (cl_report_seal_get_signature (seal)), ==, 64);
  g_assert_true (checks (text, len, seal));

  /* through the signature file, as verify reads it */
  file = cl_report_seal_to_signature_file (seal);
  read = cl_report_seal_new_from_signature_file (file, strlen (file), &error);
  g_assert_no_error (error);
  g_assert_true (checks (text, len, read));
  g_assert_cmpstr (cl_signing_key_get_fingerprint (cl_report_seal_get_key (read)), ==,
                   cl_signing_key_get_fingerprint (key));

  /* one flipped bit anywhere in the file (some 300 places spread over it,
   * in white space, names, strings and numbers alike; all of them take
   * too long under sanitizers): the JSON no longer parses, or no longer
   * checks */
  for (gsize i = 0; i < len; i += step)
    {
      text[i] ^= 1;
      if (checks (text, len, read))
        g_error ("flipping byte %zu (%c) went unnoticed", i, text[i]);
      text[i] ^= 1;
      n_flipped++;
    }
  g_assert_cmpuint (n_flipped, >=, MIN (len, 300));
  g_assert_true (checks (text, len, read));
}

/* Signed again by someone else: it checks, and names the other key; the
 * other's signature under the first key's name does not check. */
static void
test_other_key (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSigningKey) key = cl_signing_key_load (f->key_path, TRUE, &error);
  g_autoptr(ClSigningKey) other = cl_signing_key_load (other_path, TRUE, &error);
  g_autoptr(JsonNode) json = report_json ();
  g_autoptr(ClReportSeal) mine = cl_report_seal_new (json, key, &error);
  g_autoptr(ClReportSeal) theirs = cl_report_seal_new (json, other, &error);
  g_autoptr(ClReportSeal) forged = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *mine_file = NULL;
  g_autofree char *theirs_file = NULL;
  g_autofree char *forged_file = NULL;
  JsonObject *forged_obj;
  g_autoptr(JsonNode) forged_root = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (cl_signing_key_get_fingerprint (key), !=, cl_signing_key_get_fingerprint (other));
  g_assert_true (cl_report_seal_check (theirs, json, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cl_signing_key_get_fingerprint (cl_report_seal_get_key (theirs)), ==,
                   cl_signing_key_get_fingerprint (other));

  mine_file = cl_report_seal_to_signature_file (mine);
  theirs_file = cl_report_seal_to_signature_file (theirs);
  g_assert_true (json_parser_load_from_data (parser, mine_file, -1, NULL));
  forged_root = json_node_copy (json_parser_get_root (parser));
  forged_obj = json_node_get_object (forged_root);
  g_assert_true (json_parser_load_from_data (parser, theirs_file, -1, NULL));
  json_object_set_string_member (forged_obj, "signature",
                                 json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                                "signature"));
  forged_file = cl_json_to_string (forged_root, CL_JSON_PRETTY);
  forged = cl_report_seal_new_from_signature_file (forged_file, strlen (forged_file), &error);
  g_assert_no_error (error);
  g_assert_false (cl_report_seal_check (forged, json, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
}

static ClReportSeal *
seal_from_pdf_text (const char  *pdf,
                    GError     **error)
{
  return cl_report_seal_new_from_pdf ((const guint8 *) pdf, strlen (pdf), error);
}

/* The Keywords of the PDF metadata, in the string forms PDF has. */
static void
test_pdf_keywords (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSigningKey) key = cl_signing_key_load (f->key_path, TRUE, &error);
  g_autoptr(JsonNode) json = report_json ();
  g_autoptr(ClReportSeal) seal = cl_report_seal_new (json, key, &error);
  g_autoptr(ClReportSeal) unsigned_seal = cl_report_seal_new (json, NULL, &error);
  g_autofree char *keywords = cl_report_seal_to_keywords (seal);
  g_autoptr(GString) hex = g_string_new ("<FEFF");
  g_autofree char *literal = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(ClReportSeal) read = NULL;

  g_assert_no_error (error);

  literal = g_strdup_printf ("%%PDF-1.4\n1 0 obj << /Title (x) /Keywords (%s) >> endobj\n%%%%EOF\n", keywords);
  read = seal_from_pdf_text (literal, &error);
  g_assert_no_error (error);
  g_assert_true (cl_report_seal_check (read, json, &error));
  g_assert_cmpstr (cl_signing_key_get_fingerprint (cl_report_seal_get_key (read)), ==,
                   cl_signing_key_get_fingerprint (key));
  g_clear_object (&read);

  /* UTF-16BE hex, as PDF writers use for text that is not ASCII */
  for (const char *p = keywords; *p != '\0'; p++)
    g_string_append_printf (hex, "00%02X", (guchar) *p);
  g_string_append_c (hex, '>');
  utf16 = g_strdup_printf ("%%PDF-1.4\n1 0 obj << /Keywords %s >> endobj\n", hex->str);
  read = seal_from_pdf_text (utf16, &error);
  g_assert_no_error (error);
  g_assert_true (cl_report_seal_check (read, json, &error));
  g_clear_object (&read);

  /* escapes and balanced parentheses; a later word this version ignores */
  escaped = g_strdup_printf ("%%PDF-1.4\n<< /Keywords (%s\\040future=\\(x\\)\\\n (y)) >>\n", keywords);
  read = seal_from_pdf_text (escaped, &error);
  g_assert_no_error (error);
  g_assert_true (cl_report_seal_check (read, json, &error));
  g_clear_object (&read);

  /* the last Keywords wins, as in an incremental update; unsigned */
  {
    g_autofree char *kw = cl_report_seal_to_keywords (unsigned_seal);

    plain = g_strdup_printf ("%s\n<< /Keywords (%s) >>\n", literal, kw);
    read = seal_from_pdf_text (plain, &error);
    g_assert_no_error (error);
    g_assert_null (cl_report_seal_get_key (read));
    g_assert_true (cl_report_seal_check (read, json, &error));
    g_clear_object (&read);
  }

  /* what is not a seal */
  g_assert_null (seal_from_pdf_text ("not a pdf", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_null (seal_from_pdf_text ("%PDF-1.4\n<< /Title (x) >>", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (seal_from_pdf_text ("%PDF-1.4\n<< /Keywords (compliancelayer-seal-1 report_id=cl_rpt_0123456789ab sha256=00) >>", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_null (seal_from_pdf_text ("%PDF-1.4\n<< /Keywords (compliancelayer-seal-1 report_id=cl_rpt_0123456789ab "
                                     "sha256=0000000000000000000000000000000000000000000000000000000000000000 "
                                     "ed25519-key=MCowBQYDK2VwAyEA ed25519-signature=AAAA) >>", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_null (seal_from_pdf_text ("%PDF-1.4\n<< /Keywords (compliancelayer-seal-1 unterminated", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/signing/key-created-private", Fixture, NULL, fixture_set_up, test_key_created_private, fixture_tear_down);
  g_test_add ("/signing/load-async", Fixture, NULL, fixture_set_up, test_load_async, fixture_tear_down);
  g_test_add_func ("/signing/default-path", test_default_path);
  g_test_add ("/signing/fingerprint", Fixture, NULL, fixture_set_up, test_fingerprint, fixture_tear_down);
  g_test_add ("/signing/created-once", Fixture, NULL, fixture_set_up, test_created_once, fixture_tear_down);
  g_test_add ("/signing/sign-and-verify", Fixture, NULL, fixture_set_up, test_sign_and_verify, fixture_tear_down);
  g_test_add ("/signing/other-key", Fixture, NULL, fixture_set_up, test_other_key, fixture_tear_down);
  g_test_add ("/signing/pdf-keywords", Fixture, NULL, fixture_set_up, test_pdf_keywords, fixture_tear_down);

  return g_test_run ();
}
