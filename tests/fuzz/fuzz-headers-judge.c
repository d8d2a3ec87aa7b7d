/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-headers-judge"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cl-module-headers-private.h"

/* Feeds bytes as a raw HTTP response head to the headers module's judge,
 * as the answer on HTTP, on HTTPS and to the CORS probe.  Whatever the
 * server sends, the findings must be well-formed and their evidence
 * printable, valid UTF-8 of a bounded length. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static ClHeadersHop *
hop_from (const char *url,
          const char *head,
          gsize       len)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  guint status = 0;

  if (!soup_headers_parse_response (head, len, headers, NULL, &status, NULL))
    return _cl_headers_hop_new_failed (url, head);

  return _cl_headers_hop_new (url, status, headers);
}

/* A critical or a warning from GLib or libsoup on some input is a bug
 * too (GLib's URI resolver asserts on some Location values): make it a
 * crash libFuzzer reports, not a SIGTRAP it does not catch. */
static GLogWriterOutput
abort_on_warnings (GLogLevelFlags   log_level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  GLogWriterOutput ret = g_log_writer_standard_streams (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();

  return ret;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gsize initialized = 0;
  g_autofree char *head = g_strndup ((const char *)data, size);
  g_autoptr(ClHeadersFacts) facts = _cl_headers_facts_new ("fuzz.example");
  g_autoptr(ClModuleResult) result = cl_module_result_new ("headers");
  gsize len = strlen (head);
  GPtrArray *findings;

  if (g_once_init_enter (&initialized))
    {
      g_log_set_writer_func (abort_on_warnings, NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }

  g_ptr_array_add (facts->http->hops, hop_from ("http://fuzz.example/", head, len));
  g_ptr_array_add (facts->https->hops, hop_from ("https://fuzz.example/", head, len));
  if (((ClHeadersHop *)g_ptr_array_index (facts->https->hops, 0))->location != NULL)
    facts->https->stopped = g_strdup ("another site");
  facts->cors_origin = g_strdup ("https://0123abcd-probe.invalid");
  facts->cors = hop_from ("https://fuzz.example/", head, len);

  _cl_module_headers_judge (facts, result);

  findings = cl_module_result_get_findings (result);
  for (guint i = 0; i < findings->len; i++)
    {
      ClFinding *finding = g_ptr_array_index (findings, i);
      const char *evidence = cl_finding_get_evidence (finding);

      g_assert (g_str_has_prefix (cl_finding_get_rule_id (finding), "headers."));
      g_assert (evidence != NULL && evidence[0] != '\0');
      g_assert (g_utf8_validate (evidence, -1, NULL));
      g_assert (g_utf8_strlen (evidence, -1) < 8 * CL_HEADERS_EVIDENCE_MAX);
      for (const char *p = evidence; *p != '\0'; p = g_utf8_next_char (p))
        g_assert (!g_unichar_iscntrl (g_utf8_get_char (p)));
    }

  return 0;
}
