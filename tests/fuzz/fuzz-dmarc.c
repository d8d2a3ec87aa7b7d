/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-dmarc"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "cl-dmarc.h"

/* Feeds bytes to the DMARC parser, as they are and behind "v=DMARC1; p=none; "
 * so that the fuzzer need not find the version and policy first. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDmarcRecord) record = cl_dmarc_record_parse (text, &error);

  if (record == NULL)
    {
      /* error messages end up in reports: valid UTF-8, of bounded size */
      g_assert (error != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_assert (strlen (error->message) < 512);
      return;
    }

  g_assert (error == NULL);
  g_assert (cl_dmarc_is_record (text));
  g_assert (record->policy <= CL_DMARC_POLICY_REJECT);
  g_assert (record->subdomain_policy <= CL_DMARC_POLICY_REJECT);
  g_assert (record->has_subdomain_policy || record->subdomain_policy == record->policy);
  g_assert (record->pct <= 100);
  g_assert (record->rua != NULL && record->ruf != NULL);
  g_assert (g_strv_length (record->rua) <= CL_DMARC_MAX_URIS);
  for (guint i = 0; record->rua[i] != NULL; i++)
    g_assert (record->rua[i][0] != '\0' && strchr (record->rua[i], '!') == NULL);
  g_assert (cl_dmarc_policy_to_string (record->policy) != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *prefixed = NULL;

  if (size > 2 * CL_DMARC_MAX_LENGTH)
    return 0;

  text = g_strndup ((const char *)data, size);
  prefixed = g_strconcat ("v=DMARC1; p=none; ", text, NULL);

  check_parse (text);
  check_parse (prefixed);

  return 0;
}
