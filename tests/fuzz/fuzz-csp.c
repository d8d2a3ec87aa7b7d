/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-csp"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "cl-csp.h"

/* Feeds bytes as a Content-Security-Policy header value to the parser,
 * then asks every question the headers module asks, checking that the
 * answers agree with each other. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char *directives[] = {
  "default-src", "script-src", "script-src-elem", "script-src-attr", "style-src",
  "style-src-elem", "worker-src", "child-src", "frame-src", "object-src", "img-src",
  "frame-ancestors", "base-uri", "form-action", "sandbox", "",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *value = g_strndup ((const char *)data, size);
  g_autoptr(ClCsp) csp = cl_csp_parse (value);
  guint n_policies = cl_csp_get_n_policies (csp);

  for (guint i = 0; i < G_N_ELEMENTS (directives); i++)
    {
      const char *name = directives[i];
      gboolean restricted = FALSE;

      for (guint p = 0; p < n_policies; p++)
        {
          const char *effective = NULL;
          const char * const *own = cl_csp_get_directive (csp, p, name);
          const char * const *list = cl_csp_get_effective_directive (csp, p, name, &effective);

          /* a directive governs itself first */
          if (own != NULL)
            g_assert (list == own && g_str_equal (effective, name));
          g_assert ((list == NULL) == (effective == NULL));

          /* source expressions are split on whitespace: never empty,
           * never holding whitespace, always ASCII */
          for (guint j = 0; list != NULL && list[j] != NULL; j++)
            {
              g_assert (list[j][0] != '\0');
              g_assert (g_str_is_ascii (list[j]));
              g_assert (strpbrk (list[j], " \t\n\f\r;,") == NULL);
            }

          restricted |= list != NULL;
        }

      g_assert (cl_csp_restricts (csp, name) == restricted);

      for (ClCspSource s = CL_CSP_SOURCE_UNSAFE_INLINE; s <= CL_CSP_SOURCE_DATA; s++)
        {
          gboolean allowed = cl_csp_allows (csp, name, s);

          /* what nothing restricts is allowed */
          if (!restricted)
            g_assert (allowed);
        }
    }

  return 0;
}
