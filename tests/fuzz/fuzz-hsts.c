/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-hsts"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "cl-hsts.h"

/* Feeds bytes as a Strict-Transport-Security header value to the parser.
 * A policy it accepts must survive being written back and parsed again;
 * a value it refuses must leave nothing that looks like a policy. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *value = g_strndup ((const char *)data, size);
  g_autoptr(GError) error = NULL;
  ClHsts hsts;

  if (cl_hsts_parse (value, &hsts, &error))
    {
      g_autofree char *again = NULL;
      g_autofree char *lower = g_ascii_strdown (value, -1);
      ClHsts reparsed;

      g_assert (error == NULL);
      g_assert (strstr (lower, "max-age") != NULL);
      g_assert (strlen (value) <= CL_HSTS_MAX_LENGTH);

      again = g_strdup_printf ("max-age=%" G_GUINT64_FORMAT "%s%s", hsts.max_age,
                               hsts.include_subdomains ? "; includeSubDomains" : "",
                               hsts.preload ? "; preload" : "");
      g_assert (cl_hsts_parse (again, &reparsed, NULL));
      g_assert (reparsed.max_age == hsts.max_age);
      g_assert (reparsed.include_subdomains == hsts.include_subdomains);
      g_assert (reparsed.preload == hsts.preload);
    }
  else
    {
      g_assert (error != NULL && error->domain == CL_HSTS_ERROR);
      g_assert (error->message != NULL && error->message[0] != '\0');
      g_assert (hsts.max_age == 0 && !hsts.include_subdomains && !hsts.preload);
    }

  return 0;
}
