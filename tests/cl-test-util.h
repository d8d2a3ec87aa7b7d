/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cl-module.h"
#include "cl-scan-context.h"

G_BEGIN_DECLS

/* Settings pointing at the test world, from the CL_WORLD_* variables that
 * tests/world/run exports (a test run outside the world fails). */
ClScanSettings *cl_test_world_settings (void);
ClResolver     *cl_test_world_resolver (ClScanSettings *settings);
/* A context for @domain with its A/AAAA addresses resolved and has-web set
 * when it has any (enough for one module at a time). */
ClScanContext  *cl_test_world_context  (const char     *domain);
/* Runs @module on @context in a main loop until it finishes. */
ClModuleResult *cl_test_run_module     (ClModule       *module,
                                        ClScanContext  *context,
                                        GError        **error);
/* Waits in the main loop for an async call that stores its result. */
void            cl_test_wait           (gpointer       *result_slot);
/* The rule ids of a result, space-separated and sorted, for messages. */
char           *cl_test_rule_ids       (ClModuleResult *result);
ClFinding      *cl_test_find           (ClModuleResult *result,
                                        const char     *rule_id);

G_END_DECLS
