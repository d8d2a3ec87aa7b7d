/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module-trackers.h"
#include "cl-module-result.h"
#include "cl-web-page.h"

G_BEGIN_DECLS

/* The trackers module judges the home page it fetched (a ClWebPage),
 * so that tests can judge recorded pages without a network. */

/* Hosts listed in one finding's evidence. */
#define CL_TRACKERS_MAX_LISTED 20

gboolean _cl_trackers_lookup       (const char     *host,
                                    const char    **entry,
                                    const char    **category,
                                    const char    **company);
void     _cl_module_trackers_judge (ClWebPage      *page,
                                    ClModuleResult *result);

G_END_DECLS
