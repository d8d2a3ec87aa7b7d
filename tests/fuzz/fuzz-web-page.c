/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-web-page"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cl-module-js-audit-private.h"
#include "cl-module-tech-stack-private.h"
#include "cl-module-trackers-private.h"

/* Feeds bytes as a home page: up to the first blank line as header
 * fields ("Name: value" lines), the rest as HTML, whose inline scripts
 * are also read as scripts.  The tag scanner keeps only absolute http(s)
 * URLs within its caps, and the three judges make printable UTF-8
 * evidence whatever the page holds. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_evidence (ClModuleResult *result)
{
  GPtrArray *findings = cl_module_result_get_findings (result);

  for (guint i = 0; i < findings->len; i++)
    {
      const char *evidence = cl_finding_get_evidence (g_ptr_array_index (findings, i));

      g_assert (evidence != NULL && evidence[0] != '\0');
      g_assert (g_utf8_validate (evidence, -1, NULL));
      for (const char *p = evidence; *p != '\0'; p = g_utf8_next_char (p))
        g_assert (!g_unichar_iscntrl (g_utf8_get_char (p)));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ClWebPage) page = cl_web_page_new ("https://fuzz.example/a/b", 200);
  g_autoptr(ClModuleResult) js = cl_module_result_new ("js_audit");
  g_autoptr(ClModuleResult) tech = cl_module_result_new ("tech_stack");
  g_autoptr(ClModuleResult) trackers = cl_module_result_new ("trackers");
  const char *input = (const char *)data;
  const char *end = g_strstr_len (input, size, "\n\n");
  gsize head = end != NULL ? (gsize)(end - input) + 2 : 0;
  GPtrArray *resources;

  if (head > 0)
    {
      g_autofree char *text = g_strndup (input, head);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *colon = strchr (lines[i], ':');

          if (colon == NULL)
            continue;
          *colon = '\0';
          cl_web_page_add_header (page, lines[i], colon + 1);
        }
    }
  cl_web_page_set_html (page, input + head, size - head);

  g_assert (strlen (cl_web_page_get_html (page)) == MIN (size - head, CL_WEB_PAGE_MAX_HTML));
  resources = cl_web_page_get_resources (page);
  g_assert (resources->len <= CL_WEB_PAGE_MAX_RESOURCES);
  g_assert (cl_web_page_get_scripts (page)->len <= CL_WEB_PAGE_MAX_SCRIPTS);
  for (guint i = 0; i < resources->len; i++)
    {
      ClWebResource *resource = g_ptr_array_index (resources, i);

      g_assert (g_str_has_prefix (resource->url, "https://") || g_str_has_prefix (resource->url, "http://"));
      g_assert (resource->host[0] != '\0');
    }

  _cl_module_js_audit_judge (page, js);
  _cl_module_tech_stack_judge (page, tech);
  _cl_module_trackers_judge (page, trackers);
  check_evidence (js);
  check_evidence (tech);
  check_evidence (trackers);

  return 0;
}
