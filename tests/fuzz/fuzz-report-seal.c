/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-report-seal"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "cl-error.h"
#include "cl-report-seal.h"

/* Feeds bytes to the two readers of a report seal that verify runs on
 * files it is given: the PDF's metadata and the signature file.  What
 * either accepts must write out and read back as the same seal. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_round_trip (ClReportSeal *seal)
{
  g_autofree char *keywords = cl_report_seal_to_keywords (seal);
  g_autofree char *pdf = g_strdup_printf ("%%PDF-1.4\n<< /Keywords (%s) >>\n", keywords);
  g_autoptr(ClReportSeal) again = cl_report_seal_new_from_pdf ((const guint8 *) pdf, strlen (pdf), NULL);

  g_assert (again != NULL);
  g_assert (g_str_equal (cl_report_seal_get_report_id (seal), cl_report_seal_get_report_id (again)));
  g_assert (g_str_equal (cl_report_seal_get_digest (seal), cl_report_seal_get_digest (again)));
  g_assert ((cl_report_seal_get_key (seal) == NULL) == (cl_report_seal_get_key (again) == NULL));
  if (cl_report_seal_get_key (seal) != NULL)
    {
      g_autofree char *file = cl_report_seal_to_signature_file (seal);
      g_autoptr(ClReportSeal) from_file = cl_report_seal_new_from_signature_file (file, strlen (file), NULL);

      g_assert (from_file != NULL);
      g_assert (g_str_equal (cl_signing_key_get_fingerprint (cl_report_seal_get_key (seal)),
                             cl_signing_key_get_fingerprint (cl_report_seal_get_key (again))));
      g_assert (g_str_equal (cl_signing_key_get_fingerprint (cl_report_seal_get_key (seal)),
                             cl_signing_key_get_fingerprint (cl_report_seal_get_key (from_file))));
      g_assert (g_bytes_equal (cl_report_seal_get_signature (seal), cl_report_seal_get_signature (from_file)));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ClReportSeal) from_pdf = NULL;
  g_autoptr(ClReportSeal) from_file = NULL;
  g_autoptr(GError) error = NULL;

  if (size > 256 * 1024)
    return 0;

  from_pdf = cl_report_seal_new_from_pdf (data, size, &error);
  if (from_pdf == NULL)
    g_assert (error != NULL && error->domain == CL_ERROR);
  else
    check_round_trip (from_pdf);
  g_clear_error (&error);

  from_file = cl_report_seal_new_from_signature_file ((const char *) data, size, &error);
  if (from_file == NULL)
    g_assert (error != NULL && error->domain == CL_ERROR);
  else
    check_round_trip (from_file);

  return 0;
}
