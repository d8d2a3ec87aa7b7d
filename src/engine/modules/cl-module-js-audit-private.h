/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module-js-audit.h"
#include "cl-module-result.h"
#include "cl-web-page.h"

G_BEGIN_DECLS

/* The js_audit module judges the home page and the scripts it fetched (a
 * ClWebPage), so that tests can judge recorded pages without a network. */

/* One library found in the page's scripts. */
typedef struct
{
  const char *library;  /* the name in data/jsrepository.json: "jquery" */
  char       *version;
  const char *how;      /* "file name", "URL", "banner", "hash" */
  char       *where;    /* the script's file name, printable, or "inline" */
} ClJsLibrary;

/* Libraries or advisories listed in one finding's evidence. */
#define CL_JS_AUDIT_MAX_LISTED 20

gboolean   _cl_js_audit_is_at_or_above (const char     *version1,
                                        const char     *version2);
GPtrArray *_cl_js_audit_identify       (ClWebPage      *page);
guint      _cl_js_audit_skipped_patterns (void);
void       _cl_module_js_audit_judge   (ClWebPage      *page,
                                        ClModuleResult *result);

G_END_DECLS
