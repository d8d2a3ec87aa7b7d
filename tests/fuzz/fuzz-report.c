/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-report"

#include "config.h"

#include <stdint.h>

#include "cl-error.h"
#include "cl-report.h"

/* Feeds bytes to the report reader: a report JSON may come from anyone
 * who asks for it to be verified.  What it accepts must write out and read
 * back to the same report. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ClReport) report = NULL;
  g_autoptr(ClReport) again = NULL;
  g_autoptr(JsonParser) parser_again = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  /* empty input parses to no root at all */
  if (size > 256 * 1024 ||
      !json_parser_load_from_data (parser, (const char *)data, size, NULL) ||
      json_parser_get_root (parser) == NULL)
    return 0;

  report = cl_report_new_from_json (json_parser_get_root (parser), &error);
  if (report == NULL)
    {
      g_assert (error != NULL && error->domain == CL_ERROR);
      return 0;
    }

  text = cl_report_to_string (report);
  g_assert (json_parser_load_from_data (parser_again, text, -1, NULL));
  again = cl_report_new_from_json (json_parser_get_root (parser_again), &error);
  g_assert (again != NULL);
  text_again = cl_report_to_string (again);
  g_assert (g_str_equal (text, text_again));
  g_assert (g_str_equal (cl_report_get_id (report), cl_report_get_id (again)));

  return 0;
}
