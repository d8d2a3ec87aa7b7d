/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module-tech-stack.h"
#include "cl-module-result.h"
#include "cl-web-page.h"

G_BEGIN_DECLS

/* The tech_stack module judges the home page it fetched (a ClWebPage),
 * so that tests can judge recorded pages without a network. */

/* One technology of data/tech.json seen on the page. */
typedef struct
{
  const char *name;      /* data/tech.json's */
  const char *category;
  char       *version;   /* as the page shows it, or NULL */
  const char *where;     /* where the version (or else the technology) was
                          * seen: "Server header", "generator tag"… */
  gboolean    disclosed; /* a server-side version the server tells anyone */
} ClTechSeen;

GPtrArray *_cl_tech_stack_identify     (ClWebPage      *page);
void       _cl_module_tech_stack_judge (ClWebPage      *page,
                                        ClModuleResult *result);

G_END_DECLS
