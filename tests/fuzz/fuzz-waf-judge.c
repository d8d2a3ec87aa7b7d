/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-waf-judge"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libsoup/soup.h>

#include "cl-module-waf-private.h"

/* Feeds bytes as a raw HTTP response (head, blank line, body) to the waf
 * module's judge: the head's fields with status 200 as the home page,
 * the whole response as the answer to the attack-like request.  Whatever
 * the server sends, at most one finding, with printable UTF-8 evidence
 * made of our own words. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static ClWafResponse *
response_from (const char *url,
               const char *head,
               gsize       head_len,
               guint       status)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  ClWafResponse *response;
  guint parsed = 0;

  if (!soup_headers_parse_response (head, head_len, headers, NULL, &parsed, NULL))
    return _cl_waf_response_new_failed (url, "unparsable");

  response = _cl_waf_response_new (url, status != 0 ? status : parsed);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    _cl_waf_response_add_header (response, name, value);

  return response;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = g_strndup ((const char *)data, size);
  g_autoptr(ClWafFacts) facts = _cl_waf_facts_new ("fuzz.example");
  g_autoptr(ClModuleResult) result = cl_module_result_new ("waf");
  const char *end = strstr (input, "\r\n\r\n");
  gsize head_len = end != NULL ? (gsize)(end - input) + 4 : strlen (input);
  GPtrArray *findings;

  facts->normal = response_from ("https://fuzz.example/", input, head_len, 200);
  facts->attack = response_from ("https://fuzz.example" CL_WAF_ATTACK_PATH, input, head_len, 0);
  /* the body as bytes, NULs and all */
  if (facts->attack->status != 0)
    _cl_waf_response_append_body (facts->attack, (const char *)data + MIN (head_len, size),
                                  size - MIN (head_len, size));

  _cl_module_waf_judge (facts, result);

  findings = cl_module_result_get_findings (result);
  g_assert (findings->len <= 1);
  for (guint i = 0; i < findings->len; i++)
    {
      const char *evidence = cl_finding_get_evidence (g_ptr_array_index (findings, i));

      g_assert (evidence != NULL && evidence[0] != '\0');
      g_assert (g_utf8_validate (evidence, -1, NULL));
      for (const char *p = evidence; *p != '\0'; p = g_utf8_next_char (p))
        g_assert (!g_unichar_iscntrl (g_utf8_get_char (p)));
    }

  return 0;
}
