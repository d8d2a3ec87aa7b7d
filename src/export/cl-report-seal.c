/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cl-report-seal"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cl-error.h"
#include "cl-json-writer.h"
#include "cl-report-seal.h"

/* What vouches for a report: the SHA-256 of its canonical JSON (the whole
 * report, report_id included, in the form cl_report_compute_id() digests:
 * members sorted, no white space) and, when the user has a key, an Ed25519
 * signature of those same canonical bytes with the public key that checks
 * it.  A seal travels in two forms:
 *
 * - a signature file beside the report JSON (REPORT.json.sig), JSON:
 *   {"format": "compliancelayer-signature-1", "report_id", "sha256",
 *    "algorithm": "ed25519", "signature": base64, "public_key": PEM};
 * - the Keywords of the PDF's metadata, one line of key=value words:
 *   "compliancelayer-seal-1 report_id=… sha256=… [ed25519-key=base64 DER
 *   ed25519-signature=base64]", so a program reads it without OCR.
 *
 * Neither form is trusted: checking a seal recomputes the digest of the
 * report at hand and verifies the signature over it. */

#define SIGNATURE_FORMAT "compliancelayer-signature-1"
#define KEYWORDS_FORMAT "compliancelayer-seal-1"
#define ED25519_SIGNATURE_SIZE 64
/* far more than a seal needs; a bigger one is not ours */
#define MAX_SEAL_TEXT (16 * 1024)
#define MAX_KEYWORDS_TRIES 16

struct _ClReportSeal
{
  GObject       parent_instance;

  char         *report_id;
  char         *digest;     /* 64 lower-case hex digits */
  ClSigningKey *key;        /* nullable: not signed */
  GBytes       *signature;  /* nullable: not signed */
};

G_DEFINE_FINAL_TYPE (ClReportSeal, cl_report_seal, G_TYPE_OBJECT)

static void
cl_report_seal_finalize (GObject *object)
{
  ClReportSeal *self = (ClReportSeal *)object;

  g_clear_pointer (&self->report_id, g_free);
  g_clear_pointer (&self->digest, g_free);
  g_clear_object (&self->key);
  g_clear_pointer (&self->signature, g_bytes_unref);

  G_OBJECT_CLASS (cl_report_seal_parent_class)->finalize (object);
}

static void
cl_report_seal_class_init (ClReportSealClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cl_report_seal_finalize;
}

static void
cl_report_seal_init (ClReportSeal *self)
{
}

static GBytes *
canonical_bytes (JsonNode *report)
{
  char *text = cl_json_to_string (report, CL_JSON_CANONICAL);

  return g_bytes_new_take (text, strlen (text));
}

/**
 * cl_report_seal_compute_digest:
 * @report: a report's JSON, report_id included
 *
 * Returns: (transfer full): the SHA-256 of its canonical JSON, in
 *   lower-case hex
 */
char *
cl_report_seal_compute_digest (JsonNode *report)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  bytes = canonical_bytes (report);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static const char *
get_report_id (JsonNode *report)
{
  if (!JSON_NODE_HOLDS_OBJECT (report))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (report), "report_id", NULL);
}

/**
 * cl_report_seal_new:
 * @report: a report's JSON, as cl_report_to_json() gives it
 * @key: (nullable): the private key to sign with; %NULL for a digest only
 *
 * Returns: (transfer full): the seal, or %NULL with an error
 */
ClReportSeal *
cl_report_seal_new (JsonNode      *report,
                    ClSigningKey  *key,
                    GError       **error)
{
  g_autoptr(ClReportSeal) self = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *report_id;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (key == NULL || cl_signing_key_can_sign (key), NULL);

  if (!(report_id = get_report_id (report)))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, _("Not a report: it has no report_id"));
      return NULL;
    }

  self = g_object_new (CL_TYPE_REPORT_SEAL, NULL);
  self->report_id = g_strdup (report_id);
  bytes = canonical_bytes (report);
  self->digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (key != NULL)
    {
      if (!(self->signature = cl_signing_key_sign (key, bytes, error)))
        return NULL;
      self->key = g_object_ref (key);
    }

  return g_steal_pointer (&self);
}

static gboolean
bad_seal (GError     **error,
          const char  *what)
{
  g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, _("Not a valid report signature: %s"), what);
  return FALSE;
}

static gboolean
is_hex (const char *str,
        gsize       length)
{
  if (str == NULL || strlen (str) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (str[i]) || g_ascii_isupper (str[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_report_id (const char *str)
{
  return str != NULL && g_str_has_prefix (str, "cl_rpt_") && is_hex (str + strlen ("cl_rpt_"), 12);
}

/* g_base64_decode() skips what is not base64: a seal is strict. */
static GBytes *
base64_decode_strict (const char *text)
{
  g_autofree guchar *data = NULL;
  gsize len = strlen (text);
  gsize out_len;

  if (len == 0 || len % 4 != 0)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/' &&
        !(text[i] == '=' && i >= len - 2))
      return NULL;

  data = g_base64_decode (text, &out_len);
  return g_bytes_new_take (g_steal_pointer (&data), out_len);
}

/* Fills @self from what a seal states; @key_der or @key_pem (nullable)
 * and @signature_b64 come together or not at all. */
static ClReportSeal *
seal_from_parts (const char  *report_id,
                 const char  *digest,
                 GBytes      *key_der,
                 const char  *key_pem,
                 const char  *signature_b64,
                 GError     **error)
{
  g_autoptr(ClReportSeal) self = NULL;

  if (!is_report_id (report_id))
    return bad_seal (error, "report_id"), NULL;
  if (!is_hex (digest, 64))
    return bad_seal (error, "sha256"), NULL;

  self = g_object_new (CL_TYPE_REPORT_SEAL, NULL);
  self->report_id = g_strdup (report_id);
  self->digest = g_strdup (digest);

  if ((key_der != NULL || key_pem != NULL) != (signature_b64 != NULL))
    return bad_seal (error, _("a signature needs its public key, and a key its signature")), NULL;
  if (signature_b64 == NULL)
    return g_steal_pointer (&self);

  self->signature = base64_decode_strict (signature_b64);
  if (self->signature == NULL || g_bytes_get_size (self->signature) != ED25519_SIGNATURE_SIZE)
    return bad_seal (error, _("the signature is no Ed25519 signature")), NULL;
  self->key = key_der != NULL ? cl_signing_key_new_from_public (key_der, error)
                              : cl_signing_key_new_from_public_pem (key_pem, error);
  if (self->key == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * cl_report_seal_new_from_signature_file:
 * @data: (array length=length): the contents of a signature file
 *
 * Returns: (transfer full): the seal it states (not checked yet: see
 *   cl_report_seal_check()), or %NULL with a %CL_ERROR_VALIDATION error
 */
ClReportSeal *
cl_report_seal_new_from_signature_file (const char  *data,
                                        gsize        length,
                                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *obj;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > MAX_SEAL_TEXT || length > G_MAXSSIZE ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return bad_seal (error, _("not JSON")), NULL;
  obj = json_node_get_object (json_parser_get_root (parser));

  if (g_strcmp0 (json_object_get_string_member_with_default (obj, "format", NULL), SIGNATURE_FORMAT) != 0)
    return bad_seal (error, "format"), NULL;
  if (g_strcmp0 (json_object_get_string_member_with_default (obj, "algorithm", NULL), "ed25519") != 0)
    return bad_seal (error, "algorithm"), NULL;
  if (json_object_get_string_member_with_default (obj, "public_key", NULL) == NULL ||
      json_object_get_string_member_with_default (obj, "signature", NULL) == NULL)
    return bad_seal (error, _("no signature")), NULL;

  return seal_from_parts (json_object_get_string_member_with_default (obj, "report_id", NULL),
                          json_object_get_string_member_with_default (obj, "sha256", NULL),
                          NULL,
                          json_object_get_string_member (obj, "public_key"),
                          json_object_get_string_member (obj, "signature"),
                          error);
}

/* ---------------------------------------------------- PDF metadata -- */

/* The last @needle that starts before @end, or NULL. */
static const guint8 *
find_last (const guint8 *data,
           const guint8 *end,
           const char   *needle)
{
  gsize n = strlen (needle);

  for (const guint8 *p = end; p >= data + n; p--)
    if (memcmp (p - n, needle, n) == 0)
      return p - n;
  return NULL;
}

static int
hex_value (guint8 c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* A PDF text string (PDF 32000-1 §7.3.4, §7.9.2) from @p: a literal
 * "(…)" with its escapes and balanced parentheses, or a hex "<…>"; as
 * UTF-8, from PDFDocEncoding's ASCII part or UTF-16BE after a BOM. */
static GByteArray *
read_pdf_string (const guint8 *p,
                 const guint8 *end)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end)
    return NULL;

  if (*p == '(')
    {
      guint depth = 1;

      for (p++; p < end && out->len <= MAX_SEAL_TEXT; p++)
        {
          guint8 c = *p;

          if (c == '\\' && p + 1 < end)
            {
              static const char escapes[] = "n\nr\rt\tb\bf\f((())\\\\";
              const char *e;

              c = *++p;
              if (c >= '0' && c <= '7')
                {
                  guint value = 0;

                  for (guint i = 0; i < 3 && p < end && *p >= '0' && *p <= '7'; i++, p++)
                    value = value * 8 + (*p - '0');
                  p--;
                  c = value & 0xff;
                }
              else if (c == '\r' || c == '\n')
                {
                  /* a line continuation */
                  if (c == '\r' && p + 1 < end && p[1] == '\n')
                    p++;
                  continue;
                }
              else if ((e = strchr (escapes, c)) != NULL && (e - escapes) % 2 == 0 && c != '\0')
                c = e[1];
            }
          else if (c == '(')
            depth++;
          else if (c == ')' && --depth == 0)
            return g_steal_pointer (&out);
          g_byte_array_append (out, &c, 1);
        }
      return NULL;
    }

  if (*p == '<')
    {
      int high = -1;

      for (p++; p < end && out->len <= MAX_SEAL_TEXT; p++)
        {
          int v;

          if (*p == '>')
            {
              if (high >= 0)
                {
                  guint8 c = high << 4;
                  g_byte_array_append (out, &c, 1);
                }
              return g_steal_pointer (&out);
            }
          if (g_ascii_isspace (*p))
            continue;
          if ((v = hex_value (*p)) < 0)
            return NULL;
          if (high < 0)
            high = v;
          else
            {
              guint8 c = high << 4 | v;
              g_byte_array_append (out, &c, 1);
              high = -1;
            }
        }
    }

  return NULL;
}

static char *
pdf_string_to_utf8 (GByteArray *bytes)
{
  if (bytes->len >= 2 && bytes->data[0] == 0xfe && bytes->data[1] == 0xff)
    {
      guint n = (bytes->len - 2) / 2;
      g_autofree gunichar2 *units = g_new (gunichar2, n + 1);

      for (guint i = 0; i < n; i++)
        units[i] = bytes->data[2 + 2 * i] << 8 | bytes->data[3 + 2 * i];
      return g_utf16_to_utf8 (units, n, NULL, NULL, NULL);
    }

  /* a seal is ASCII: anything else is not one */
  for (guint i = 0; i < bytes->len; i++)
    if (bytes->data[i] == 0 || bytes->data[i] > 0x7f)
      return NULL;
  return g_strndup ((const char *)bytes->data, bytes->len);
}

/**
 * cl_report_seal_new_from_pdf:
 * @data: (array length=length): a PDF file
 *
 * Reads the seal that cl_pdf_export wrote into the PDF's metadata (the
 * Keywords of its document information dictionary; the last one, as an
 * incremental update of the file would be read).
 *
 * Returns: (transfer full): the seal the PDF states (not checked yet: see
 *   cl_report_seal_check()), or %NULL with an error: %CL_ERROR_NOT_FOUND
 *   when the PDF states none, %CL_ERROR_VALIDATION when it is no PDF or
 *   its seal is malformed
 */
ClReportSeal *
cl_report_seal_new_from_pdf (const guint8  *data,
                             gsize          length,
                             GError       **error)
{
  g_autofree char *keywords = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GBytes) key_der = NULL;
  const char *report_id = NULL, *digest = NULL, *key_b64 = NULL, *signature_b64 = NULL;
  const guint8 *end = data + length;
  const guint8 *found;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 5 || memcmp (data, "%PDF-", 5) != 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION, _("Not a PDF file"));
      return NULL;
    }

  /* The last /Keywords that is a seal: the name can occur where it is no
   * key, inside a string.  A few tries: a PDF full of them is not ours. */
  for (guint i = 0; i < MAX_KEYWORDS_TRIES && keywords == NULL; i++)
    {
      g_autoptr(GByteArray) bytes = NULL;
      g_autofree char *text = NULL;

      if (!(found = find_last (data, end, "/Keywords")))
        break;
      if ((bytes = read_pdf_string (found + strlen ("/Keywords"), data + length)) &&
          (text = pdf_string_to_utf8 (bytes)) &&
          g_str_has_prefix (text, KEYWORDS_FORMAT " "))
        keywords = g_steal_pointer (&text);
      end = found;
    }
  if (keywords == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_NOT_FOUND,
                   _("The PDF states no report digest in its metadata: it was not exported by ComplianceLayer, or was saved again by another program"));
      return NULL;
    }

  words = g_strsplit (keywords, " ", -1);
  for (guint i = 1; words[i] != NULL; i++)
    {
      const char *word = words[i];
      const char **slot = NULL;

      if (g_str_has_prefix (word, "report_id="))
        slot = &report_id;
      else if (g_str_has_prefix (word, "sha256="))
        slot = &digest;
      else if (g_str_has_prefix (word, "ed25519-key="))
        slot = &key_b64;
      else if (g_str_has_prefix (word, "ed25519-signature="))
        slot = &signature_b64;
      if (slot == NULL)
        continue;  /* a later version's: not needed to check this one */
      if (*slot != NULL)
        return bad_seal (error, _("a field given twice")), NULL;
      *slot = strchr (word, '=') + 1;
    }

  if (key_b64 != NULL && !(key_der = base64_decode_strict (key_b64)))
    return bad_seal (error, "ed25519-key"), NULL;

  return seal_from_parts (report_id, digest, key_der, NULL, signature_b64, error);
}

/* ---------------------------------------------------------- getters -- */

const char *
cl_report_seal_get_report_id (ClReportSeal *self)
{
  g_return_val_if_fail (CL_IS_REPORT_SEAL (self), NULL);
  return self->report_id;
}

/**
 * cl_report_seal_get_digest:
 *
 * Returns: the SHA-256 of the canonical report JSON, in lower-case hex
 */
const char *
cl_report_seal_get_digest (ClReportSeal *self)
{
  g_return_val_if_fail (CL_IS_REPORT_SEAL (self), NULL);
  return self->digest;
}

/**
 * cl_report_seal_get_key:
 *
 * Returns: (transfer none) (nullable): the key that signed, %NULL when
 *   the seal is a digest only
 */
ClSigningKey *
cl_report_seal_get_key (ClReportSeal *self)
{
  g_return_val_if_fail (CL_IS_REPORT_SEAL (self), NULL);
  return self->key;
}

/**
 * cl_report_seal_get_signature:
 *
 * Returns: (transfer none) (nullable): the Ed25519 signature
 */
GBytes *
cl_report_seal_get_signature (ClReportSeal *self)
{
  g_return_val_if_fail (CL_IS_REPORT_SEAL (self), NULL);
  return self->signature;
}

static char *
base64_of (GBytes *bytes)
{
  gsize len;
  const guchar *data = g_bytes_get_data (bytes, &len);

  return g_base64_encode (data, len);
}

/**
 * cl_report_seal_to_signature_file:
 *
 * Returns: (transfer full): the contents of REPORT.json.sig (the seal must
 *   be signed)
 */
char *
cl_report_seal_to_signature_file (ClReportSeal *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *pem = NULL;

  g_return_val_if_fail (CL_IS_REPORT_SEAL (self), NULL);
  g_return_val_if_fail (self->key != NULL, NULL);

  signature = base64_of (self->signature);
  pem = cl_signing_key_get_public_pem (self->key);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, SIGNATURE_FORMAT);
  json_builder_set_member_name (b, "report_id");
  json_builder_add_string_value (b, self->report_id);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, self->digest);
  json_builder_set_member_name (b, "algorithm");
  json_builder_add_string_value (b, "ed25519");
  json_builder_set_member_name (b, "signature");
  json_builder_add_string_value (b, signature);
  json_builder_set_member_name (b, "public_key");
  json_builder_add_string_value (b, pem);
  json_builder_set_member_name (b, "fingerprint");
  json_builder_add_string_value (b, cl_signing_key_get_fingerprint (self->key));
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  return cl_json_to_string (root, CL_JSON_PRETTY);
}

/**
 * cl_report_seal_to_keywords:
 *
 * Returns: (transfer full): the seal as the PDF's Keywords metadata
 */
char *
cl_report_seal_to_keywords (ClReportSeal *self)
{
  GString *text;

  g_return_val_if_fail (CL_IS_REPORT_SEAL (self), NULL);

  text = g_string_new (KEYWORDS_FORMAT);
  g_string_append_printf (text, " report_id=%s sha256=%s", self->report_id, self->digest);
  if (self->key != NULL)
    {
      g_autofree char *key = base64_of (cl_signing_key_get_public_der (self->key));
      g_autofree char *signature = base64_of (self->signature);

      g_string_append_printf (text, " ed25519-key=%s ed25519-signature=%s", key, signature);
    }

  return g_string_free (text, FALSE);
}

/**
 * cl_report_seal_check:
 * @report: the report JSON the seal is said to be for
 *
 * Whether the seal is @report's: the same report_id, the same digest of
 * the canonical JSON, and, when signed, a valid signature of it.  Which
 * key signed is cl_report_seal_get_key()'s fingerprint: whether that key
 * is to be trusted is for the reader to know.
 *
 * Returns: %TRUE if so, else %FALSE with a %CL_ERROR_VALIDATION error that
 *   says what differs
 */
gboolean
cl_report_seal_check (ClReportSeal  *self,
                      JsonNode      *report,
                      GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *digest = NULL;
  const char *report_id;

  g_return_val_if_fail (CL_IS_REPORT_SEAL (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  report_id = get_report_id (report);
  if (g_strcmp0 (report_id, self->report_id) != 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("It is for report %s, not %s"), self->report_id,
                   report_id != NULL ? report_id : _("(none)"));
      return FALSE;
    }

  bytes = canonical_bytes (report);
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!g_str_equal (digest, self->digest))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VALIDATION,
                   _("It states the SHA-256 %s, the report’s is %s: the report was altered"),
                   self->digest, digest);
      return FALSE;
    }

  if (self->key != NULL)
    return cl_signing_key_verify (self->key, bytes, self->signature, error);

  return TRUE;
}
